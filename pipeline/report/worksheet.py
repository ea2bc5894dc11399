"""The report's worksheet: xlsxwriter's own, with a fast path for plain formulas.

xlsxwriter runs about thirty regular expressions over every formula to give
dynamic-array functions (FILTER, XLOOKUP …) their `_xlfn.` prefix. The report writes
thousands of SUM, IF and ROUND formulas and none of those functions, and the expressions
cost half the writing time. A formula that names none of them is stripped exactly as
xlsxwriter strips it; any other formula goes xlsxwriter's way. A test reads the list of
functions out of the installed xlsxwriter, so a newer one cannot slip past.
"""

from __future__ import annotations

import re
from typing import Any

from xlsxwriter.worksheet import Worksheet

DYNAMIC_FUNCTIONS = (
    "ANCHORARRAY", "BYCOL", "BYROW", "CHOOSECOLS", "CHOOSEROWS", "DROP", "EXPAND", "FILTER",
    "HSTACK", "LAMBDA", "MAKEARRAY", "MAP", "RANDARRAY", "REDUCE", "SCAN", "SINGLE",
    "SEQUENCE", "SORT", "SORTBY", "SWITCH", "TAKE", "TEXTSPLIT", "TOCOL", "TOROW", "UNIQUE",
    "VSTACK", "WRAPCOLS", "WRAPROWS", "XLOOKUP",
)
# Any of the names followed by "(", wherever it stands: a superset of xlsxwriter's matches.
_NAMES_A_FUNCTION = re.compile("|".join(f"{name}\\(" for name in DYNAMIC_FUNCTIONS))


class ReportWorksheet(Worksheet):  # type: ignore[misc]
    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> Any:
        if (expand_future_functions or self.use_future_functions or "_xlfn." in formula
                or _NAMES_A_FUNCTION.search(formula)):
            return super()._prepare_formula(formula, expand_future_functions)
        return formula.removeprefix("{").removeprefix("=").removesuffix("}")
