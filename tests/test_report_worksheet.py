"""The report's worksheet prepares every formula exactly as xlsxwriter's own does."""

from __future__ import annotations

import inspect
import re

import pytest
from xlsxwriter.worksheet import Worksheet

from pipeline.report.worksheet import DYNAMIC_FUNCTIONS, ReportWorksheet


def functions_xlsxwriter_expands() -> set[str]:
    """The dynamic-array functions xlsxwriter prefixes whatever its options (the part of
    `_prepare_formula` before it checks `use_future_functions`)."""
    source = inspect.getsource(Worksheet._prepare_formula)
    always = source.split("use_future_functions")[0]
    return set(re.findall(r're\.sub\(r"\\.([A-Z][A-Z.]*)\\\(', always))


def test_the_fast_path_knows_every_function_the_installed_xlsxwriter_expands() -> None:
    expanded = functions_xlsxwriter_expands()
    assert len(expanded) >= 20  # the source was read, not an empty match
    # xlsxwriter spells one pattern `\SINGLE\(`, so that name reads "INGLE" here.
    assert {"SINGLE" if name == "INGLE" else name for name in expanded} <= set(DYNAMIC_FUNCTIONS)


FORMULAS = [
    "=SUM(C5:C9)",
    "=IF(C5=0,0,ROUND(D5/C5*100,2))",
    "=IFERROR(ROUND(D7/C7*100,2),0)",
    "=C5-C9",
    "{=SUM(A1:A3*B1:B3)}",
    "=FILTER(A1:A9,B1:B9>0)",
    "=_xlfn.XLOOKUP(A1,B1:B9,C1:C9)",
    "=XLOOKUP(A1,B1:B9,C1:C9)",
    "=SORT(UNIQUE(A1:A9))",
    "=LET(x,1,x)",
    "=SINGLE(A1:A3)",
    "=@SUM(A1)",
    "='Realisasi Bulanan'!D12",
    "=MYSORT(A1)",  # a name ending in a dynamic one: xlsxwriter decides
]


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize("future", [False, True])
def test_each_formula_is_prepared_as_xlsxwriter_prepares_it(formula: str, future: bool) -> None:
    ours, theirs = ReportWorksheet(), Worksheet()
    ours.use_future_functions = theirs.use_future_functions = future
    assert ours._prepare_formula(formula) == theirs._prepare_formula(formula)
    assert ours._prepare_formula(formula, True) == theirs._prepare_formula(formula, True)
