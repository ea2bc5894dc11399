"""Nothing lost: every readable realisasi rupiah ends up in the LRA or in a named rejection.

Hypothesis generates a valid DPA and a few realisasi workbooks (one month each, random
leaf lines and amounts in every notation the contract accepts), then corrupts some rows:
ambiguous or wordy money, malformed codes, blank codes with an amount, numeric codes,
years other than the DPA's or the one before, a blank month. The expectation is worked
out here from what was generated, never from the pipeline's own numbers:

    sum of every readable amount = LRA total (this year + last year) + rows rejected,

where the LRA total is the sum of the rows the contract counts, and the rejected rows are
exactly those that a finding names by their cell. The `Kelengkapan` line of the
`Rekonsiliasi` sheet must state the same balance, and say that every row is accounted for.
Amounts in sen (rupiah × 100).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import NamedTuple

import xlsxwriter
from builders import ATK, CETAK, REALISASI_HEADER, SUB, SUB2, write_dpa, write_sheet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.findings import Severity
from pipeline.run import RunConfig, RunResult, run

YEAR = 2023
ACCOUNTS = [ATK, CETAK, "5.1.02.01.01.0025", "5.1.02.01.01.9999"]  # the last in no chart
SUBS = [SUB, SUB2]
UNREADABLE_MONEY = ["15.000.00", "1,234.567", "satu juta", "Rp 1 jt", "12.34.567", True]
MALFORMED_CODES = ["5.1.2.1", "5.1.02.01.01.24", "5-1-02-01-01-0024", "ATK"]
NUMERIC_CODES = [5.10201, 5.1020101, 51020101010024.0]
REJECTING = {"money-invalid", "code-malformed", "code-missing", "code-as-number",
             "year-other", "month-invalid", "value-missing", "value-invalid"}
# Row kinds: counted (this year or last), or rejected with a finding naming the row.
COUNTED = ("good", "good", "good", "last_year")
REJECTED = ("malformed_code", "blank_code", "numeric_code", "other_year", "blank_month")


class Row(NamedTuple):
    cells: list[object]  # Tahun, Bulan, Kode Sub Kegiatan, Kode Rekening, Uraian, Realisasi
    sen: int | None  # the amount, None when its cell is not an exact amount
    counted: bool  # the contract counts it in the LRA (when its amount is readable)


def indonesian(sen: int, currency: bool, parentheses: bool) -> str:
    """`Rp 1.234.567,89`, `(1.234)`, `-1.234`: the notations of the contract."""
    whole, rest = divmod(abs(sen), 100)
    text = f"{whole:,}".replace(",", ".") + (f",{rest:02d}" if rest else "")
    if sen < 0:
        text = f"({text})" if parentheses else f"-{text}"
    return f"Rp {text}" if currency else text


@st.composite
def money(draw: st.DrawFn) -> tuple[object, int | None]:
    """A Realisasi cell and the sen it holds (None: not an exact amount)."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(UNREADABLE_MONEY)), None
    sen = draw(st.integers(-5_000_000, 100_000_000_000))
    if sen % 100 == 0 and draw(st.booleans()):
        return sen // 100, sen  # a whole-rupiah number
    if draw(st.booleans()):
        return sen / 100, sen  # a number with sen, as Excel stores it
    return indonesian(sen, draw(st.booleans()), draw(st.booleans())), sen


@st.composite
def realisasi_row(draw: st.DrawFn, month: int) -> Row:
    kind = draw(st.sampled_from(COUNTED + REJECTED))
    amount, sen = draw(money())
    sub: object = draw(st.sampled_from(SUBS))
    account: object = draw(st.sampled_from(ACCOUNTS))
    year: object = YEAR
    bulan: object = month
    if kind == "last_year":  # the prior-year column: month and sub kegiatan may be blank
        year, bulan, sub = YEAR - 1, None, draw(st.sampled_from([None, sub]))
    elif kind == "malformed_code":
        account = draw(st.sampled_from(MALFORMED_CODES))
    elif kind == "blank_code":
        account = None
    elif kind == "numeric_code":
        account = draw(st.sampled_from(NUMERIC_CODES))
    elif kind == "other_year":
        year = draw(st.sampled_from([2019, 2021, 2024, 2030]))
    elif kind == "blank_month":
        bulan = None
    uraian = f"{kind}, berkas bulan {month}"  # identical files would be skipped as copies
    return Row([year, bulan, sub, account, uraian, amount], sen, kind in COUNTED)


@st.composite
def folder_contents(draw: st.DrawFn) -> tuple[list[list[object]], list[list[Row]]]:
    """DPA lines, and one list of rows per realisasi file (each file its own month)."""
    lines = draw(st.lists(st.tuples(st.sampled_from(SUBS), st.sampled_from(ACCOUNTS)),
                          min_size=1, max_size=4, unique=True))
    dpa: list[list[object]] = [[sub, account, "Belanja", draw(st.integers(0, 10**9)), None]
                               for sub, account in lines]
    months = draw(st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True))
    files = [draw(st.lists(realisasi_row(month), min_size=1, max_size=8)) for month in months]
    return dpa, files


def write_folder(folder: Path, dpa: list[list[object]], files: list[list[Row]]) -> None:
    write_dpa(folder / "dpa.xlsx", dpa)
    for number, rows in enumerate(files, start=1):
        workbook = xlsxwriter.Workbook(str(folder / f"real_{number:02d}.xlsx"),
                                       {"strings_to_numbers": False})
        write_sheet(workbook, "Realisasi", REALISASI_HEADER, [row.cells for row in rows])
        workbook.close()


def lra_total(result: RunResult) -> int:
    """Realisasi of this year and last year over every akun of the LRA."""
    roots = [row for row in result.report.lra if row.kind == "account" and row.depth == 1]
    return sum(row.realisasi + row.realisasi_lalu for row in roots)


def named_rows(result: RunResult) -> set[tuple[str, int]]:
    """(file, Excel row) of every realisasi row a rejecting finding names by its cell."""
    return {(file, int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))
            for file, sheet, cell in result.report.flatten(["file", "sheet", "cell"],
                                                           codes=REJECTING)
            if sheet == "Realisasi" and cell}


@settings(max_examples=20, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(folder_contents())
def test_every_readable_rupiah_is_in_the_lra_or_in_a_named_rejection(
        contents: tuple[list[list[object]], list[list[Row]]]) -> None:
    dpa, files = contents
    with tempfile.TemporaryDirectory() as temporary:
        source = Path(temporary) / "masukan"
        write_folder(source, dpa, files)

        result = run(RunConfig(source, Path(temporary) / "keluaran"))

    rows = {(f"real_{number:02d}.xlsx", excel_row): row
            for number, file_rows in enumerate(files, start=1)
            for excel_row, row in enumerate(file_rows, start=2)}
    readable = sum(row.sen for row in rows.values() if row.sen is not None)
    counted = sum(row.sen for row in rows.values() if row.sen is not None and row.counted)
    rejected = readable - counted
    named = named_rows(result)

    assert lra_total(result) == counted
    # Every row not counted is named by an error at its row; no counted row is.
    assert {place for place, row in rows.items() if not row.counted or row.sen is None} <= named
    assert named <= {place for place, row in rows.items() if not row.counted or row.sen is None}
    assert sum(rows[place].sen or 0 for place in named) == rejected
    assert all(row == [Severity.ERROR]
               for row in result.report.flatten(["severity"], codes=REJECTING))
    kelengkapan = result.report.reconciliation[-1]
    assert kelengkapan.jenis == "Kelengkapan"
    assert (kelengkapan.dinyatakan, kelengkapan.dihitung) == (readable, counted + rejected)
    assert kelengkapan.matched and kelengkapan.uraian.startswith("Semua baris terhitung.")
