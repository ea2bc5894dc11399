"""Reading a sheet column by column gives what reading it cell by cell gives.

`excel.header.raw_table`, `coerce.coerce_column` and `condense.condense` work on whole
columns at once (numpy, pandas) for speed. Each test here sets a column-wise result against
a plain reference written cell by cell or with a pandas `groupby`, on cells chosen to be
awkward: short and long rows, None and NaN, cells of spaces (tab, no-break space), TRUE next
to 1.0, codes stored as numbers or written with Unicode digits, sub-sen fractions, blank
Kode Sub Kegiatan, SP2D rows written twice.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import pytest

from pipeline.coerce import READERS, Cell, coerce_column
from pipeline.condense import LINE_KEY, SP2D_KEY, condense, sums_lines, with_months
from pipeline.excel.grid import Grid
from pipeline.excel.header import find_header, raw_table
from pipeline.layouts import ANGGARAN, PROGRAM, REALISASI, Field
from pipeline.parse import parse_sheet
from pipeline.tables import SheetTable

SUB = "1.06.01.2.01.0001"
SUB2 = "1.06.01.2.01.0002"
ATK = "5.1.02.01.01.0024"
CETAK = "5.1.02.01.01.0026"
PENDAPATAN = "4.1.01.01.01.0001"
REALISASI_HEADER = [field.label for field in REALISASI.fields]
ANGGARAN_LABELS = ["Kode Sub Kegiatan", "Kode Rekening", "Uraian", "Pagu Murni",
                   "Pagu Perubahan"]


# --- raw_table -----------------------------------------------------------------------------

def reference_raw_table(rows: Sequence[Sequence[object]], positions: dict[str, int],
                        first_row: int) -> list[dict[str, object]]:
    """The body cell by cell: a cell a row lacks, None or NaN is ''; a row whose matched
    cells are all empty or spaces is dropped."""
    def cell(row: Sequence[object], position: int) -> object:
        value = row[position] if position < len(row) else ""
        return "" if value is None or (isinstance(value, float) and math.isnan(value)) else value

    table = []
    for offset, row in enumerate(rows):
        cells = {name: cell(row, position) for name, position in positions.items()}
        if any(not (isinstance(value, str) and value.strip() == "") for value in cells.values()):
            table.append({**cells, "row": first_row + offset})
    return table


def test_raw_table_reads_each_cell_as_a_cell_by_cell_reading_would() -> None:
    body: list[list[object]] = [
        [SUB, ATK, "ATK", 1_000_000.0, None],
        [SUB, ATK],                                        # short: the amounts are ''
        ["", None, float("nan"), "", ""],                  # blank: dropped
        [" \t", "\u00a0", "\x1c", "  ", ""],               # only spaces: dropped
        ["", "", "", "", "", "beyond the matched columns"],  # nothing matched: dropped
        [True, False, dt.date(2023, 3, 4), np.str_("x"), 0.0],
        [None, None, None, float("nan"), 7.5],
        ["", "", "", "", "", "", "", "a longer row"],
        [SUB, CETAK, "Cetak", "1.500.000", float("inf")],
    ]
    grid = Grid("Anggaran", [ANGGARAN_LABELS, *body], 3, 0)
    header = find_header(grid, ANGGARAN)
    assert header is not None

    table = raw_table(grid, header)

    expected = reference_raw_table(body, header.columns, first_row=4)
    assert list(table.columns) == [*header.columns, "row"]
    assert table.to_dict("records") == expected
    assert [type(value) for value in table["pagu_perubahan"]] == [
        type(row["pagu_perubahan"]) for row in expected]
    assert table["row"].dtype == np.int64
    assert all(dtype == np.dtype(object) for dtype in table.drop(columns="row").dtypes)



def test_raw_table_of_rows_all_shorter_than_the_header() -> None:
    grid = Grid("Anggaran", [ANGGARAN_LABELS, [SUB], [SUB, ATK, "ATK"]], 1, 0)
    header = find_header(grid, ANGGARAN)
    assert header is not None

    table = raw_table(grid, header)

    assert table.to_dict("records") == reference_raw_table(
        [[SUB], [SUB, ATK, "ATK"]], header.columns, first_row=2)


# --- coerce_column -------------------------------------------------------------------------

MIXED: list[object] = [  # `raw_table` gives no NaN: a NaN cell is ''
    None, "", "   ", True, False, 1.0, 0.0, 1, 12.0, 2023.0, -3.0, 1e300,
    float("inf"), "Maret", " mei ", "13", "2023", "1.234.567,89", "15.000.00", 100.005,
    1000.0, 0.1 + 0.2, "04/03/2023", dt.date(2023, 3, 4), dt.datetime(2023, 3, 4, 8, 0),
    44989.0, ATK, f" {ATK} ", f"{ATK}.", f"{ATK}\n", "5.1.02.01.01.0024".replace("2", "\u0662"),
    "5.1", 5.1, 5.11, "5.1.2.1", SUB, SUB.lower(), "X.XX.01", "x.xx.01", "1.06", np.str_(SUB),
    "16,81", "60%", "-1.500", "Belanja ATK",
]


def read_cell_by_cell(values: Sequence[object], reader: Callable[[object], Cell]
                      ) -> list[tuple[object, object]]:
    """Each cell on its own."""
    return [(cell.value, cell.problem) for cell in map(reader, values)]


def as_python(value: object) -> object:
    return None if value is pd.NA or (isinstance(value, float) and math.isnan(value)) else value


@pytest.mark.parametrize("field", [
    *REALISASI.fields, ANGGARAN.field("pagu_murni"), PROGRAM.field("kode"),
    Field("target", "Target", "number"),
], ids=lambda field: f"{field.name}-{field.kind}")
@pytest.mark.parametrize("order", ["as listed", "reversed", "shuffled"])
def test_coerce_column_reads_each_cell_as_its_reader_does(field: Field, order: str) -> None:
    values = list(MIXED) * 3
    if order == "reversed":
        values.reverse()
    elif order == "shuffled":
        random.Random(7).shuffle(values)
    column = pd.Series(values, index=range(100, 100 + len(values)), dtype=object)

    typed, problems = coerce_column(column, field)

    expected = read_cell_by_cell(values, READERS[field.kind])
    read = [(as_python(value), problem) for value, problem in zip(typed, problems, strict=True)]
    assert read == expected
    if typed.dtype == np.dtype(object):  # dates and Decimals: the very objects the reader gives
        assert [type(value) for value, _ in read] == [type(value) for value, _ in expected]
    assert typed.index.equals(column.index) and problems.index.equals(column.index)


@pytest.mark.parametrize("values", [
    [SUB, "1.06.01.2.01", "1.06.01", " 1.06.01 ", "X.XX.01"],
    [f"{SUB}\n", SUB.replace("6", "\u0666"), "x.xx.01.2.01.0001", "1.06.01."],
    [],
])
def test_code_columns_read_well_formed_and_other_codes_as_the_reader_does(
        values: list[object]) -> None:
    field = PROGRAM.field("kode")
    typed, problems = coerce_column(pd.Series(values, dtype=object), field)
    read = [(as_python(value), problem) for value, problem in zip(typed, problems, strict=True)]
    assert read == read_cell_by_cell(values, READERS[field.kind])
    assert isinstance(typed.dtype, pd.StringDtype)


@pytest.mark.parametrize("field", [REALISASI.field("bulan"), REALISASI.field("realisasi"),
                                   REALISASI.field("kode_rekening"), REALISASI.field("uraian")],
                         ids=lambda field: field.name)
def test_a_nan_cell_reads_as_a_blank_one(field: Field) -> None:
    values: list[object] = [3.0, float("nan"), "Mei", None, float("nan")]
    typed, problems = coerce_column(pd.Series(values, dtype=object), field)
    read = [(as_python(value), problem) for value, problem in zip(typed, problems, strict=True)]
    blank = [None if isinstance(value, float) and math.isnan(value) else value
             for value in values]
    assert read == read_cell_by_cell(blank, READERS[field.kind])


# --- condense ------------------------------------------------------------------------------

def realisasi_table(rows: list[list[object]]) -> SheetTable:
    table, _ = parse_sheet(Grid("Realisasi", [REALISASI_HEADER, *rows], 1, 0), REALISASI,
                           "real.xlsx")
    assert table is not None
    return table


def generated_rows(count: int, seed: int) -> list[list[object]]:
    """Realisasi rows whose keys collide often: two years, three months, two sub kegiatan
    or none, four accounts, some with no Uraian, SP2D numbers and amounts that repeat, and
    a few unreadable cells."""
    generator = random.Random(seed)
    rows: list[list[object]] = []
    for _ in range(count):
        month = generator.choice([1.0, 2.0, 3.0, None])
        rows.append([
            generator.choice([2023.0, 2023.0, 2022.0, "TA 2023"]),
            month,
            generator.choice([SUB, SUB2, None, None if month else SUB]),
            generator.choice([ATK, CETAK, PENDAPATAN, "5.1.02", "5.1.02.01.01.0024", "5.1.x"]),
            generator.choice(["ATK", "Cetak", None, None, ""]),
            generator.choice([1000.0, 2500.5, 1000.0, "1.000", "15.000.00", -300.0]),
            generator.choice(["1/SP2D", "2/SP2D", None]),
            generator.choice([dt.date(2023, 1, 5), "04/03/2023", None, "31/02/2023"]),
        ])
    return rows


def reference_condense(table: SheetTable) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The clean leaf rows summed with a plain pandas `groupby`: the kept rows (Excel row,
    rows held, amount, Uraian and its row), each summed row's line, and the SP2D rows
    repeated."""
    frame = with_months(table.frame).assign(rows=1, uraian_row=table.frame["row"].astype("Int64"))
    clean = sums_lines(frame)
    rows = frame[clean].assign(line=frame.loc[clean, "row"])
    keys = rows[LINE_KEY].astype(object).fillna("(blank)")  # a blank key is a key of its own
    grouped = rows.groupby([keys[name] for name in LINE_KEY], sort=False)
    rows["line"] = grouped["row"].transform("min")
    named = rows[rows["uraian"].notna()].groupby("line")
    lines = grouped.agg(row=("row", "min"), rows=("row", "size"), realisasi=("realisasi", "sum"))
    lines = lines.set_index("row").assign(uraian=named["uraian"].first(),
                                          uraian_row=named["row"].first())
    kept = pd.concat([frame.loc[~clean].set_index("row")[list(lines.columns)], lines])
    with_sp2d = rows[rows["nomor_sp2d"].notna()]
    repeated = with_sp2d[with_sp2d.duplicated(SP2D_KEY)][[*SP2D_KEY, "row"]]
    return kept.sort_index(), rows[["row", "line"]], repeated.reset_index(drop=True)


def python_records(frame: pd.DataFrame) -> list[dict[str, object]]:
    return [{name: as_python(value) for name, value in record.items()}
            for record in frame.astype(object).to_dict("records")]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_condense_sums_as_a_plain_groupby_would(seed: int) -> None:
    table = realisasi_table(generated_rows(300, seed))

    condensed = condense(table)

    kept, members, repeated = reference_condense(table)
    frame = condensed.frame.set_index("row")
    assert python_records(frame[list(kept.columns)].reset_index()) == python_records(
        kept.reset_index())
    assert condensed.trace is not None
    assert python_records(condensed.trace.members[["row", "line"]]) == python_records(members)
    assert python_records(condensed.trace.repeated) == python_records(repeated)
    assert len(repeated) > 0 and kept["rows"].max() > 1  # the seeds do sum and repeat
    assert list(condensed.frame.columns) == [*table.frame.columns, "rows", "uraian_row"]
    assert condensed.frame.dtypes.to_dict() == {
        **table.frame.dtypes.to_dict(), "rows": np.dtype("int64"), "uraian_row": pd.Int64Dtype()}


def test_a_line_without_sub_kegiatan_keeps_its_own_uraian() -> None:
    # A blank key first among the named rows once matched every line to the wrong Uraian.
    table = realisasi_table([
        [2023, 1, None, PENDAPATAN, "Pendapatan", 500.0, None, None],  # row 2
        [2023, 1, SUB, ATK, "ATK", 1000.0, None, None],                # row 3
        [2023, 1, SUB, ATK, "ATK lagi", 2000.0, None, None],           # row 4: with row 3
        [2023, 1, SUB, CETAK, None, 300.0, None, None],                # row 5: no name
    ])

    frame = condense(table).frame

    assert python_records(frame[["row", "rows", "uraian", "uraian_row"]]) == [
        {"row": 2, "rows": 1, "uraian": "Pendapatan", "uraian_row": 2},
        {"row": 3, "rows": 2, "uraian": "ATK", "uraian_row": 3},
        {"row": 5, "rows": 1, "uraian": None, "uraian_row": None},
    ]
