"""Typing raw cells: money, codes, years, months, dates and text, with our own messages.

Coercion happens before pandera sees a table (pandera's lazy mode can hide later checks
on a column whose coercion failed). Each distinct raw value is read once; every cell
that cannot be read becomes an `Issue` naming its cell and raw text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple, TypeAlias

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray
from pandas.api.types import infer_dtype

from pipeline import codes, money
from pipeline.findings import Code, Issue, issue
from pipeline.layouts import Field
from pipeline.money import MAX_SEN


class Cell(NamedTuple):
    """A typed cell value, or the finding code that explains why there is none."""

    value: object
    problem: Code | None = None


MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "maret": 3,
    "mar": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "agustus": 8, "agu": 8, "agt": 8, "agus": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "nop": 11, "nopember": 11,
    "desember": 12, "des": 12,
}
_GROUPED_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_COMMA_DECIMAL = re.compile(r"^\d+(?:,\d+)?$")
_POINT_DECIMAL = re.compile(r"^\d+\.\d+$")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y")


def read_money(value: object) -> Cell:
    parsed = money.parse_money(value)
    return Cell(parsed.sen, parsed.problem)


def read_account(value: object) -> Cell:
    return Cell(*codes.read_account_cell(value))


def read_program(value: object) -> Cell:
    return Cell(*codes.read_program_cell(value))


def read_text(value: object) -> Cell:
    if value is None:
        return Cell(None)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return Cell(text or None)


def read_year(value: object) -> Cell:
    number = _whole_number(value)
    if number is None:
        return Cell(None) if _blank(value) else Cell(None, "value-invalid")
    return Cell(number) if 1900 <= number <= 2200 else Cell(None, "value-invalid")


def read_month(value: object) -> Cell:
    if _blank(value):
        return Cell(None)
    number = _whole_number(value)
    if number is None and isinstance(value, str):
        number = MONTHS.get(value.strip().casefold())
    return Cell(number) if number is not None and 1 <= number <= 12 else Cell(None, "month-invalid")


def read_date(value: object) -> Cell:
    if _blank(value):
        return Cell(None)
    if isinstance(value, dt.datetime):
        return Cell(value.date())
    if isinstance(value, dt.date):
        return Cell(value)
    if isinstance(value, float) and 1 <= value < 2958466:  # an Excel serial date
        return Cell((_EXCEL_EPOCH + dt.timedelta(days=value)).date())
    if isinstance(value, str):
        for layout in _DATE_FORMATS:
            try:
                return Cell(dt.datetime.strptime(value.strip(), layout).date())
            except ValueError:
                continue
    return Cell(None, "value-invalid")


def read_number(value: object) -> Cell:
    """A performance figure (target, realisasi) as an exact Decimal: a number cell, or text
    in Indonesian notation (`16,81`, `1.500`, `60%`); `16.81` (not a thousands group) is read
    as a decimal point; anything else is refused."""
    if _blank(value):
        return Cell(None)
    if isinstance(value, bool):
        return Cell(None, "value-invalid")
    if isinstance(value, int):
        return Cell(Decimal(value))
    if isinstance(value, float):
        return Cell(Decimal(repr(value))) if math.isfinite(value) else Cell(None, "value-invalid")
    text = str(value).strip().removesuffix("%").strip()
    negative = text.startswith("-")
    text = text.removeprefix("-")
    if _GROUPED_NUMBER.match(text):
        text = text.replace(".", "").replace(",", ".")
    elif _COMMA_DECIMAL.match(text):
        text = text.replace(",", ".")
    elif not _POINT_DECIMAL.match(text):
        return Cell(None, "value-invalid")
    number = Decimal(text)
    return Cell(-number if negative else number)


READERS: dict[str, Callable[[object], Cell]] = {
    "money": read_money, "account": read_account, "program": read_program, "text": read_text,
    "year": read_year, "month": read_month, "date": read_date, "number": read_number,
}
# A code cell written as it should be reads as itself: the code readers only take out
# spaces and outer dots and upper-case before checking the code's pattern. The patterns
# here are the code patterns with ASCII digits only: Python's `\d` takes any digit.
_WELL_FORMED = {kind: re.compile(pattern.pattern.replace(r"\d", "[0-9]"))
                for kind, pattern in (("account", codes.ACCOUNT_PATTERN),
                                      ("program", codes.PROGRAM_PATTERN))}
DTYPES = {"money": "Int64", "year": "Int64", "month": "Int64", "account": "string",
          "program": "string", "text": "string", "date": "object", "number": "object"}


def read_download_account(value: object) -> Cell:
    return Cell(*codes.read_download_account(value))


def read_download_program(value: object) -> Cell:
    return Cell(*codes.read_download_program(value))


def money_reader(parse: Callable[[object], money.Money]) -> Callable[[object], Cell]:
    """A cell reader for money from a parser of amounts (`money.parse_money_english`)."""

    def read(value: object) -> Cell:
        parsed = parse(value)
        return Cell(parsed.sen, parsed.problem)

    return read


# How a download's code cells are read (`pipeline.exports`): spaces and trailing dots
# normalised, a code that still fits no pattern refused as `code-not-normalised`.
DOWNLOAD_READERS: dict[str, Callable[[object], Cell]] = {
    "account": read_download_account, "program": read_download_program,
}


def coerce_column(raw: pd.Series, field: Field,
                  reader: Callable[[object], Cell] | None = None) -> tuple[pd.Series, pd.Series]:
    """The typed column and, aligned with it, the finding code of each unreadable cell.
    `reader` replaces the field kind's own reader (a download's notation of amounts, its
    looser codes); the column's type stays the kind's.

    Each distinct raw value is read once (codes, years and months repeat across thousands
    of rows); plain whole-sen numbers in a money column skip the reader altogether."""
    typed, problems = _coerce(raw.to_numpy(dtype=object), field.kind, reader)
    if problems is None:
        problems = np.full(len(raw), None, dtype=object)
    return (pd.Series(typed, index=raw.index, dtype=typed.dtype),
            pd.Series(problems, index=raw.index, dtype=object))


Readers = Mapping[str, Callable[[object], Cell]]  # field kind -> cell reader
TypedArray: TypeAlias = np.ndarray | ExtensionArray  # a typed column's values


def typed_frame(raw: pd.DataFrame, fields: Sequence[Field], letters: Mapping[str, str],
                file: str, sheet: str, readers: Readers | None = None
                ) -> tuple[pd.DataFrame, list[Issue]]:
    """A raw table (`excel.header.raw_table`: object cells, one column per field found,
    `row` = Excel row) typed field by field: one typed column and one `bad_<field>` flag per
    field (a field the table lacks is a blank column), `level` beside a `kode_rekening`, and
    one finding per unreadable cell naming its cell (`letters`: field -> column letter) and
    its raw text. `readers` replaces the reader of a field kind (a download's notation of
    amounts, its looser codes: `pipeline.exports.notation.Notation.readers`)."""
    raw = raw.reset_index(drop=True)
    columns: dict[str, pd.Series | np.ndarray] = {"row": raw["row"].astype("int64")}
    issues: list[Issue] = []
    for field in fields:
        if field.name not in raw:
            columns[field.name] = pd.Series([None] * len(raw), dtype=DTYPES[field.kind])
            columns[f"bad_{field.name}"] = np.zeros(len(raw), dtype=bool)
            continue
        reader = readers.get(field.kind) if readers is not None else None
        typed, problems = _coerce(raw[field.name].to_numpy(dtype=object), field.kind, reader)
        columns[field.name] = pd.Series(typed, index=raw.index, dtype=typed.dtype)
        flagged = np.zeros(len(raw), dtype=bool)
        if problems is not None:  # a clean column, the usual case, has none
            flagged = ~pd.isna(problems) & (problems != "money-rounded")
            issues += problem_issues(raw[field.name],
                                     pd.Series(problems, index=raw.index, dtype=object),
                                     raw["row"], field, file, sheet, letters.get(field.name, ""))
        columns[f"bad_{field.name}"] = flagged
    if "kode_rekening" in columns:
        columns["level"] = codes.levels_of(columns["kode_rekening"])
    return pd.DataFrame(columns), issues


def _coerce(values: np.ndarray, kind: str, reader: Callable[[object], Cell] | None
            ) -> tuple[TypedArray, np.ndarray | None]:
    """The cells of one column typed as their field kind says, and the finding code of each
    cell (None: every cell was read cleanly)."""
    if kind == "text" and infer_dtype(values, skipna=False) in ("string", "empty"):
        return _all_text(values), None
    as_written = _WELL_FORMED.get(kind) if reader is None else None
    reader = reader or READERS[kind]
    if DTYPES[kind] == "Int64":
        return _whole_numbers(values, reader, whole_sen_first=kind == "money")
    readings = _read_distinct(values, reader, as_written)
    return readings.column(DTYPES[kind]), readings.problems()


class _Readings(NamedTuple):
    """How the cells of a column read: one `Cell` per distinct raw value (perhaps followed
    by that of a blank cell, for the missing ones), and for each cell its reading's index."""

    cells: list[Cell]
    which: np.ndarray

    def column(self, dtype: str) -> TypedArray:
        """The read values, one per cell, as an array of `dtype` (not `Int64`)."""
        values = [cell.value for cell in self.cells]
        if dtype == "object":
            return _object_array(values)[self.which]
        return pd.array(values, dtype=dtype).take(self.which)

    def whole_numbers(self) -> tuple[np.ndarray, np.ndarray]:
        """The read values, one per cell, as int64 numbers (0 where missing) and a mask of
        the missing ones."""
        missing = np.array([pd.isna(cell.value) for cell in self.cells], dtype=bool)
        numbers = np.array([0 if unread else cell.value
                            for cell, unread in zip(self.cells, missing, strict=True)],
                           dtype=np.int64)
        return numbers[self.which], missing[self.which]

    def problems(self) -> np.ndarray | None:
        """The finding code of each cell, or None when no reading has one."""
        found = [cell.problem for cell in self.cells]
        if all(code is None for code in found):
            return None
        return _object_array(found)[self.which]


def _read_distinct(values: np.ndarray, reader: Callable[[object], Cell],
                   as_written: re.Pattern[str] | None = None) -> _Readings:
    """Read each distinct value once; a missing one (None, NaN) reads as a blank cell.
    Text that `as_written` matches in full reads as itself, without the reader."""
    if _may_hold_bools(values):
        # True == 1.0 in Python, but a TRUE cell is no January: key by type as well.
        keys = list(zip(map(type, values), values, strict=True))
        numbering = {key: number for number, key in enumerate(dict.fromkeys(keys))}
        which = np.fromiter((numbering[key] for key in keys), dtype=np.intp, count=len(keys))
        distinct = _object_array([value for _, value in numbering])
        return _Readings(_read_each(distinct, reader, as_written), which)
    # One pass numbers each cell by its distinct value; a missing one gets -1, the last
    # reading: that of a blank cell.
    which, distinct = pd.factorize(values)
    return _Readings(_read_each(distinct, reader, as_written) + [reader(None)], which)


def _read_each(distinct: np.ndarray, reader: Callable[[object], Cell],
               as_written: re.Pattern[str] | None) -> list[Cell]:
    """The reading of each value; text that `as_written` matches in full is taken as it is."""
    taken = _matching_text(distinct, as_written) if as_written is not None else None
    if taken is None or not taken.any():
        return [reader(value) for value in distinct]
    return [Cell(value) if as_is else reader(value)
            for value, as_is in zip(distinct, taken, strict=True)]


def _matching_text(values: np.ndarray, pattern: re.Pattern[str]) -> np.ndarray:
    """Which values are text that `pattern` matches in full, as a boolean mask; one pass
    over the text in C."""
    text = _exactly(values, str)
    matching = np.zeros(len(values), dtype=bool)
    found = pd.Series(values[text], dtype="string").str.fullmatch(pattern.pattern)
    matching[text] = found.to_numpy(dtype=bool)
    return matching


def _may_hold_bools(values: np.ndarray) -> bool:
    """Whether a TRUE or FALSE cell may be among the values; a column of text only or of
    floats only, the usual cases, is settled in one pass in C."""
    return (infer_dtype(values, skipna=False) not in ("string", "floating", "empty")
            and bool in set(map(type, values)))


def _whole_numbers(values: np.ndarray, reader: Callable[[object], Cell],
                   whole_sen_first: bool) -> tuple[TypedArray, np.ndarray | None]:
    """An `Int64` column (money in sen, years, months) and the finding code of each cell.
    With `whole_sen_first`, float cells holding a whole number of sen are taken as they
    are; only the other cells go to the reader."""
    numbers = np.zeros(len(values), dtype=np.int64)
    missing = np.ones(len(values), dtype=bool)
    todo: np.ndarray | slice = slice(None)
    if whole_sen_first:
        done, sen = _whole_sen(values)
        numbers[done], missing[done] = sen, False
        todo = ~done
    readings = _read_distinct(values[todo], reader)
    numbers[todo], missing[todo] = readings.whole_numbers()
    found = readings.problems()
    problems = None
    if found is not None:
        problems = np.full(len(values), None, dtype=object)
        problems[todo] = found
    return pd.arrays.IntegerArray(numbers, missing), problems


def _whole_sen(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which cells are floats holding a whole number of sen within range (a boolean mask),
    and the sen of each of them, in order."""
    is_float = _exactly(values, float)
    scaled = values[is_float].astype(float) * 100
    sen = np.rint(scaled)
    with np.errstate(invalid="ignore"):  # inf - inf: not finite, not taken
        exact = np.isfinite(scaled) & (np.abs(scaled - sen) < 1e-6) & (np.abs(scaled) <= MAX_SEN)
    is_float[is_float] = exact
    return is_float, sen[exact].astype(np.int64)


_type_of = np.frompyfunc(type, 1, 1)


def _exactly(values: np.ndarray, kind: type) -> np.ndarray:
    """Which values are of exactly this type (a bool is no int here), as a boolean mask;
    one pass in C, where a generator would cost a Python step per cell."""
    return np.asarray(_type_of(values) == kind, dtype=bool)  # noqa: E721 - elementwise


def _object_array(values: Sequence[object]) -> np.ndarray:
    """A list as a one-dimensional array of objects, whatever its items are."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _all_text(values: np.ndarray) -> TypedArray:
    """A column of text cells only (the usual case): stripped, blank as missing."""
    stripped = pd.Series(values, dtype="string").str.strip()
    return stripped.mask(stripped == "").array


def problem_issues(raw: pd.Series, problems: pd.Series, rows: pd.Series, field: Field,
                   file: str, sheet: str, letter: str) -> list[Issue]:
    """One issue per unreadable cell, naming the cell and its raw text."""
    found = problems.notna()
    return [
        issue(code, message_for(code, field, value), file, sheet, f"{letter}{row}", value)
        for code, value, row in zip(problems[found], raw[found], rows[found], strict=True)
    ]


def message_for(code: Code, field: Field, value: object) -> str:
    """The Indonesian sentence for a cell that could not be read."""
    shown = f"'{value}'"
    messages = {
        "money-invalid": f"{field.label} {shown} tidak sesuai notasi angka yang diterima "
                         "(contoh: 1.234.567 atau 1.234.567,89); nilai tidak ditebak, "
                         "perbaiki selnya.",
        "money-rounded": f"{field.label} {shown} memiliki pecahan di bawah satu sen; "
                         "dibulatkan ke sen terdekat.",
        "code-as-number": f"{field.label} {shown} tersimpan sebagai angka sehingga Excel dapat "
                          "menghapus nol di belakang; ketik ulang sebagai teks.",
        "code-malformed": f"{field.label} {shown} tidak berformat kode yang sah "
                          + ("(contoh: 5.1.02.01.01.0024)." if field.kind == "account"
                             else "(contoh: 1.06.02.2.01.0001)."),
        "code-not-normalised": f"{field.label} {shown} tidak dapat dijadikan kode yang sah "
                               "walau spasi dan titik di ujungnya dibuang "
                               + ("(contoh: 5.1.02.01.01.0024)" if field.kind == "account"
                                  else "(contoh: 1.06.02.2.01.0001)")
                               + "; baris tidak dihitung.",
        "value-invalid": f"{field.label} {shown} tidak dapat dibaca.",
        "month-invalid": f"{field.label} {shown} bukan bulan 1–12 atau nama bulan.",
    }
    return messages.get(code, f"{field.label} {shown} tidak sah.")


def _whole_number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*", value):
        return int(value)
    return None


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")
