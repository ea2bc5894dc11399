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
from typing import NamedTuple

import numpy as np
import pandas as pd

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
    values = raw.to_numpy(dtype=object)
    if field.kind == "text" and set(map(type, values)) <= {str}:
        return _all_text(raw)
    typed = np.empty(len(values), dtype=object)
    problems = np.full(len(values), None, dtype=object)
    todo = np.ones(len(values), dtype=bool)
    if field.kind == "money":
        todo = _fast_money(values, typed)
    elif field.kind == "text":
        todo = _fast_text(values, typed)
    _read_distinct(values, todo, reader or READERS[field.kind], typed, problems)
    problem_series = pd.Series(problems, index=raw.index, dtype=object)
    return _typed_series(typed, DTYPES[field.kind], raw.index), problem_series


def _typed_series(typed: np.ndarray, dtype: str, index: pd.Index) -> pd.Series:
    """The read values (Python objects, None for missing) as a column of `dtype`. Whole
    numbers go straight into an `Int64` array with its mask: asking pandas to convert the
    objects would inspect each one again to infer what they are."""
    if dtype == "Int64":
        missing = pd.isna(typed)
        numbers = np.where(missing, 0, typed).astype(np.int64)
        return pd.Series(pd.arrays.IntegerArray(numbers, missing), index=index)
    series = pd.Series(typed, index=index, dtype=object)
    return series if dtype == "object" else series.astype(dtype)


Readers = Mapping[str, Callable[[object], Cell]]  # field kind -> cell reader


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
        typed, problems = coerce_column(raw[field.name], field, reader)
        columns[field.name] = typed
        found = problems.to_numpy()
        flagged = ~pd.isna(found)
        if flagged.any():  # a clean column, the usual case, is settled by one look
            flagged &= found != "money-rounded"
            issues += problem_issues(raw[field.name], problems, raw["row"], field, file,
                                     sheet, letters.get(field.name, ""))
        columns[f"bad_{field.name}"] = flagged
    if "kode_rekening" in columns:
        columns["level"] = codes.levels_of(columns["kode_rekening"])
    return pd.DataFrame(columns), issues


def _fast_money(values: np.ndarray, typed: np.ndarray) -> np.ndarray:
    """Fill the float cells that hold a whole number of sen; return the cells still to read."""
    is_float = _exactly(values, float)
    floats = values[is_float].astype(float)
    scaled = floats * 100
    sen = np.rint(scaled)
    exact = np.isfinite(scaled) & (np.abs(scaled - sen) < 1e-6) & (np.abs(scaled) <= MAX_SEN)
    positions = np.flatnonzero(is_float)[exact]
    typed[positions] = sen[exact].astype(np.int64).tolist()
    todo = np.ones(len(values), dtype=bool)
    todo[positions] = False
    return todo


_type_of = np.frompyfunc(type, 1, 1)


def _exactly(values: np.ndarray, kind: type) -> np.ndarray:
    """Which values are of exactly this type (a bool is no int here), as a boolean mask;
    one pass in C, where a generator would cost a Python step per cell."""
    return np.asarray(_type_of(values) == kind, dtype=bool)  # noqa: E721 - elementwise


def _all_text(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A column of text cells only (the usual case): stripped, blank as missing, no problems."""
    stripped = raw.astype("string").str.strip()
    typed = stripped.mask(stripped == "")
    return typed, pd.Series(None, index=raw.index, dtype=object)


def _fast_text(values: np.ndarray, typed: np.ndarray) -> np.ndarray:
    """Fill the text cells (stripped; blank becomes None); return the cells still to read."""
    is_text = _exactly(values, str)
    stripped = pd.Series(values[is_text], dtype=object).str.strip()
    typed[is_text] = stripped.where(stripped != "", None).to_numpy(dtype=object)
    return ~is_text


def _read_distinct(values: np.ndarray, todo: np.ndarray, reader: Callable[[object], Cell],
                   typed: np.ndarray, problems: np.ndarray) -> None:
    """Read each distinct value once and spread the result over its cells."""
    positions = np.flatnonzero(todo)
    if len(positions) == 0:
        return
    subset = values[positions]
    if bool in set(map(type, subset)):
        # True == 1.0 in Python, but a TRUE cell is no January: key by type as well.
        keys = list(zip(map(type, subset), subset, strict=True))
        cells = {key: reader(key[1]) for key in dict.fromkeys(keys)}
        typed[positions] = [cells[key].value for key in keys]
        problems[positions] = [cells[key].problem for key in keys]
        return
    # One pass numbers each cell by its distinct value; a missing one (None, NaN) gets -1,
    # the last reading: that of a blank cell.
    index, distinct = pd.factorize(subset)
    read = [reader(value) for value in distinct] + [reader(None)]
    typed[positions] = np.array([cell.value for cell in read], dtype=object)[index]
    problems[positions] = np.array([cell.problem for cell in read], dtype=object)[index]


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
