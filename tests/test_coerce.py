"""pipeline.coerce: typing raw cells (months, years, dates, text) and whole columns.

Covers the single-cell readers (`read_month`, `read_year`, `read_date`, `read_text`,
`read_number`), `coerce_column` (typed column with Int64 / string dtypes and problems
aligned row by row) and `problem_issues` (one Issue per unreadable cell, naming the
cell such as `D7` and carrying the raw value).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from pipeline.coerce import (
    Cell,
    coerce_column,
    problem_issues,
    read_date,
    read_month,
    read_text,
    read_year,
)
from pipeline.findings import Severity
from pipeline.layouts import ANGGARAN, REALISASI, Field

REALISASI_FIELD = REALISASI.field("realisasi")
BULAN = REALISASI.field("bulan")
KODE_REKENING = ANGGARAN.field("kode_rekening")


def raw(*values: object) -> pd.Series:
    return pd.Series(list(values), dtype=object)


def listed(problems: pd.Series) -> list[str | None]:
    """The finding codes, with None for a cell read cleanly (whatever NA pandas uses)."""
    return [None if pd.isna(code) else code for code in problems]


# --- months --------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "month"), [
    (1, 1), (12, 12), (12.0, 12), (3.0, 3), ("7", 7), (" 03 ", 3),
    ("Januari", 1), ("januari", 1), ("JANUARI", 1), (" Maret ", 3), ("agustus", 8),
    ("Agt", 8), ("Agu", 8), ("Des", 12), ("Desember", 12), ("Nopember", 11), ("Pebruari", 2),
    ("Mei", 5), ("Okt", 10),
])
def test_read_month_numbers_and_indonesian_names(value: object, month: int) -> None:
    assert read_month(value) == Cell(month, None)


@pytest.mark.parametrize("value", [0, 13, 12.5, -1, "13", "Foo", "August", "Janu", True])
def test_read_month_refuses_other_values(value: object) -> None:
    assert read_month(value) == Cell(None, "month-invalid")


@pytest.mark.parametrize("value", [None, "", "   "])
def test_read_month_blank(value: object) -> None:
    assert read_month(value) == Cell(None, None)


# --- years ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "year"), [
    (2023, 2023), (2023.0, 2023), ("2023", 2023), (" 2022 ", 2022), (1900, 1900), (2200, 2200),
])
def test_read_year(value: object, year: int) -> None:
    assert read_year(value) == Cell(year, None)


@pytest.mark.parametrize("value", [1899, 2201, 2023.5, "TA 2023", "abc", True, "20 23"])
def test_read_year_refuses_other_values(value: object) -> None:
    assert read_year(value) == Cell(None, "value-invalid")


def test_read_year_blank() -> None:
    assert read_year(None) == Cell(None, None)
    assert read_year(" ") == Cell(None, None)


# --- dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "day"), [
    (dt.datetime(2023, 3, 4, 15, 30), dt.date(2023, 3, 4)),
    (dt.date(2023, 3, 4), dt.date(2023, 3, 4)),
    (44989.0, dt.date(2023, 3, 4)),  # 44927 = 1 Jan 2023, + 31 + 28 + 3
    (44927.0, dt.date(2023, 1, 1)),
    (44927.75, dt.date(2023, 1, 1)),  # a time of day stays on its day
    ("04/03/2023", dt.date(2023, 3, 4)),  # day first, as Indonesians write it
    ("4/3/2023", dt.date(2023, 3, 4)),
    ("04-03-2023", dt.date(2023, 3, 4)),
    ("04.03.2023", dt.date(2023, 3, 4)),
    ("2023-03-04", dt.date(2023, 3, 4)),
    (" 31/12/2023 ", dt.date(2023, 12, 31)),
])
def test_read_date(value: object, day: dt.date) -> None:
    result = read_date(value)
    assert result == Cell(day, None)
    assert type(result.value) is dt.date


@pytest.mark.parametrize("value", ["31/02/2023", "13/13/2023", "Maret 2023", "abc", 0.5, True])
def test_read_date_refuses_other_values(value: object) -> None:
    assert read_date(value) == Cell(None, "value-invalid")


# --- text ----------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "text"), [
    (12.0, "12"), (12, "12"), (12.5, "12.5"), ("  Alat Tulis  ", "Alat Tulis"), ("x", "x"),
])
def test_read_text(value: object, text: str) -> None:
    assert read_text(value) == Cell(text, None)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_read_text_blank(value: object) -> None:
    assert read_text(value) == Cell(None, None)


# --- whole columns -------------------------------------------------------------------------

def test_coerce_money_column_is_int64_sen_with_aligned_problems() -> None:
    column = raw("1.234.567", 5000.0, "", "15.000.00", 0.001, "1.234.567", None)
    typed, problems = coerce_column(column, REALISASI_FIELD)
    assert str(typed.dtype) == "Int64"
    assert typed.tolist() == [123_456_700, 500_000, pd.NA, pd.NA, 0, 123_456_700, pd.NA]
    assert listed(problems) == [None, None, None, "money-invalid", "money-rounded", None, None]
    assert typed.index.equals(column.index)
    assert problems.index.equals(column.index)


def test_coerce_keeps_the_index_of_the_raw_column() -> None:
    column = pd.Series(["Jan", 13, 2.0], index=[10, 11, 12], dtype=object)
    typed, problems = coerce_column(column, BULAN)
    assert typed.index.tolist() == [10, 11, 12]
    assert typed.tolist() == [1, pd.NA, 2]
    assert dict(zip(problems.index, listed(problems), strict=True)) == {
        10: None, 11: "month-invalid", 12: None}


def test_coerce_month_and_year_columns_are_int64() -> None:
    months, _ = coerce_column(raw(1.0, "Agt", None), BULAN)
    years, _ = coerce_column(raw(2023.0, "2022", ""), REALISASI.field("tahun"))
    assert str(months.dtype) == "Int64"
    assert str(years.dtype) == "Int64"
    assert months.tolist() == [1, 8, pd.NA]
    assert years.tolist() == [2023, 2022, pd.NA]


def test_coerce_code_and_text_columns_are_strings() -> None:
    codes, problems = coerce_column(raw("5.1.02.01.01.0024 ", 5.1, 5.11, "5.1.2.1", ""),
                                    KODE_REKENING)
    assert str(codes.dtype).startswith("str")
    assert isinstance(codes.dtype, pd.StringDtype)
    assert codes.tolist() == ["5.1.02.01.01.0024", "5.1", pd.NA, pd.NA, pd.NA]
    assert listed(problems) == [None, None, "code-as-number", "code-malformed", None]
    names, _ = coerce_column(raw(12.0, " ATK ", None), ANGGARAN.field("uraian"))
    assert isinstance(names.dtype, pd.StringDtype)
    assert names.tolist() == ["12", "ATK", pd.NA]


def test_coerce_date_column_stays_object() -> None:
    dates, problems = coerce_column(raw(44989.0, "04/03/2023", "x"), REALISASI.field("tanggal"))
    assert dates.dtype == object
    assert dates.tolist() == [dt.date(2023, 3, 4), dt.date(2023, 3, 4), None]
    assert listed(problems) == [None, None, "value-invalid"]


@pytest.mark.parametrize("column", [raw(1.0, True), raw(True, 1.0)])
def test_coerce_reads_true_and_one_separately(column: pd.Series) -> None:
    # each cell alone: 1.0 is January, a boolean TRUE is no month
    typed, problems = coerce_column(column, BULAN)
    expected = [(None, "month-invalid") if value is True else (1, None) for value in column]
    months = [None if pd.isna(month) else int(month) for month in typed]
    assert list(zip(months, listed(problems), strict=True)) == expected


# --- issues --------------------------------------------------------------------------------

def test_problem_issues_name_each_cell_with_its_raw_value() -> None:
    column = raw("1.000", "15.000.00", 0.001, "abc")
    rows = pd.Series([5, 7, 8, 12])
    _, problems = coerce_column(column, REALISASI_FIELD)
    found = problem_issues(column, problems, rows, REALISASI_FIELD, "real_03.xlsx",
                           "Realisasi", "D")
    assert [(item.code, item.cell, item.value) for item in found] == [
        ("money-invalid", "D7", "15.000.00"),
        ("money-rounded", "D8", "0.001"),
        ("money-invalid", "D12", "abc"),
    ]
    assert [item.severity for item in found] == [Severity.ERROR, Severity.WARNING,
                                                 Severity.ERROR]
    assert {(item.file, item.sheet) for item in found} == {("real_03.xlsx", "Realisasi")}
    assert found[0].location == "real_03.xlsx › Realisasi!D7"
    # messages are for a finance officer: the column's label and the raw text, quoted
    assert "Realisasi '15.000.00'" in found[0].message
    assert "'abc'" in found[2].message


def test_problem_issues_for_codes_and_months() -> None:
    codes = raw(5.102, "5.1.02.01.01.0024")
    _, problems = coerce_column(codes, KODE_REKENING)
    found = problem_issues(codes, problems, pd.Series([17, 18]), KODE_REKENING, "dpa.xlsx",
                           "Anggaran", "B")
    assert [(item.code, item.cell, item.value) for item in found] == [
        ("code-as-number", "B17", "5.102")]
    assert "Kode Rekening '5.102'" in found[0].message

    months = raw("Foo", "Mei")
    _, problems = coerce_column(months, BULAN)
    found = problem_issues(months, problems, pd.Series([3, 4]), BULAN, "r.xlsx", "Realisasi",
                           "B")
    assert [(item.code, item.cell, item.value) for item in found] == [
        ("month-invalid", "B3", "Foo")]


def test_problem_issues_empty_when_all_cells_read() -> None:
    column = raw("1.000", 5.0, None)
    _, problems = coerce_column(column, REALISASI_FIELD)
    field = Field("x", "X", "money")
    assert problem_issues(column, problems, pd.Series([2, 3, 4]), field, "f", "s", "A") == []
