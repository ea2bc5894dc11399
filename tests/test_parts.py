"""pipeline.parts and pipeline.excel.cut: a workbook whose only table is a Realisasi sheet,
parsed in parts side by side and merged, equals the file parsed whole (`parse.parse_file`).

Sheets are written with xlsxwriter (shared strings), xlsxwriter in constant_memory mode and
openpyxl (both inline strings). Layout of the Realisasi sheet: three title rows, header on
Excel row 4, numbering row `1 2 3 …` on row 5, data from row 6 (data index `i` is Excel row
`i + 6`). Columns: A Tahun, B Bulan, C Kode Sub Kegiatan, D Kode Rekening, E Uraian,
F Realisasi, G Nomor SP2D, H Tanggal.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlsxwriter
from builders import ATK, CETAK, IDENTITAS, SUB, SUB2, write_dpa

from pipeline import parse, parts
from pipeline.excel.cut import HEAD_ROWS, cut_sheet
from pipeline.excel.grid import read_grids
from pipeline.findings import Issue
from pipeline.layouts import REALISASI
from pipeline.tables import ParsedFile

HEADER = ["Tahun", "Bulan", "Kode Sub Kegiatan", "Kode Rekening", "Uraian", "Realisasi",
          "Nomor SP2D", "Tanggal"]
TITLES = 3
FIRST = TITLES + 3  # Excel row of data index 0
ACCOUNTS = [ATK, CETAK, "5.1.02.01.01.0025", "5.1.02.01.01.0027"]
SPECIAL = "5.1.02.01.01.0099"
ENGINES = ["xlsxwriter", "inline", "openpyxl"]
SHEET_XML = "xl/worksheets/sheet1.xml"  # Realisasi is written first in every workbook here


def excel(index: int) -> int:
    return index + FIRST


def assert_same(a: ParsedFile | None, b: ParsedFile) -> None:
    """Two parses of one file are the same: tables, trace, identitas, roles, issues."""
    assert a is not None
    assert (a.path, a.digest, a.identitas, a.roles) == (b.path, b.digest, b.identitas, b.roles)

    def key(found: Issue) -> tuple[str, ...]:
        return tuple(map(str, (found.file, found.sheet, found.cell, found.code, found.message,
                               found.value, found.severity)))

    assert sorted(a.issues, key=key) == sorted(b.issues, key=key)
    assert len(a.tables) == len(b.tables)
    for left, right in zip(a.tables, b.tables, strict=True):
        assert (left.kind, left.file, left.sheet, left.letters) == (
            right.kind, right.file, right.sheet, right.letters)
        pd.testing.assert_frame_equal(left.frame, right.frame)
        assert (left.trace is None) == (right.trace is None)
        if left.trace is not None and right.trace is not None:
            pd.testing.assert_frame_equal(left.trace.members, right.trace.members)
            pd.testing.assert_frame_equal(left.trace.repeated, right.trace.repeated)


def write_book(path: Path, sheets: dict[str, list[list[object] | None]],
               engine: str = "xlsxwriter") -> Path:
    """Sheets of rows (None: a row never written; None cells are left out)."""
    if engine == "openpyxl":
        book = openpyxl.Workbook()
        book.remove(book.active)
        for name, rows in sheets.items():
            sheet = book.create_sheet(name)
            for r, row in enumerate(rows, start=1):
                for c, value in enumerate(row or [], start=1):
                    if value is not None:
                        sheet.cell(r, c, value)
        book.save(path)
        return path
    options = {"constant_memory": engine == "inline", "strings_to_numbers": False,
               "strings_to_urls": False, "default_date_format": "yyyy-mm-dd"}
    with xlsxwriter.Workbook(str(path), options) as book:
        for name, rows in sheets.items():
            sheet = book.add_worksheet(name)
            for r, row in enumerate(rows):
                for c, value in enumerate(row or []):
                    if value is not None:
                        sheet.write(r, c, value)
    return path


def realisasi(rows: list[list[object] | None], header: list[str] = HEADER
              ) -> list[list[object] | None]:
    """Title rows, header, numbering row, then the data rows."""
    titles: list[list[object] | None] = [[f"LAPORAN REALISASI {n}"] for n in range(TITLES)]
    return [*titles, list(header), list(range(1, len(header) + 1)), *rows]


def plain_rows(count: int) -> list[list[object] | None]:
    """Clean SP2D rows: 12 lines (month, sub kegiatan, account), one SP2D number each."""
    rows: list[list[object] | None] = []
    for i in range(count):
        month = i % 12 + 1
        rows.append([2023, month, (SUB, SUB2)[i % 2], ACCOUNTS[i % 4], f"Belanja {i % 4}",
                     1000 * (i + 1), f"SP2D-{i:04d}", dt.datetime(2023, month, 1 + i % 28)])
    return rows


def rich_rows() -> list[list[object] | None]:
    """300 rows with every feature both early (part 0) and late (the last part)."""
    rows = plain_rows(300)
    for start in (90, 140, 195):  # blank stretches near each cut: unwritten and spaces-only
        for i in range(start, start + 15):
            rows[i] = None if i % 3 == 0 else ["", " ", "  "] if i % 3 == 1 else rows[i]
    line = [2023, 6, SUB, SPECIAL, None, 500, None, None]
    rows[5], rows[8] = list(line), list(line)  # one line, Uraian blank early, named later
    rows[170], rows[280] = [*line[:4], "Belanja Khusus", 700], [*line[:4], "Nama Lain", 900]
    rows[11], rows[292] = list(rows[10] or []), list(rows[270] or [])  # SP2D pasted twice
    for i in (12, 285):
        rows[i][5] = "15.000.00"  # type: ignore[index]
        rows[i + 1][1] = 13  # type: ignore[index]
        rows[i + 2][3] = "5.1.02.01.01.X"  # type: ignore[index]
    for i in (20, 250):  # another year, one line over both halves
        rows[i] = [2022, 1, SUB, ATK, "Tahun lalu", 100, f"SP2D-LALU-{i}", dt.datetime(2022, 1, 5)]
    for i in (30, 260):  # month taken from the date: line (2023, 3, SUB, ACCOUNTS[2])
        rows[i] = [2023, None, SUB, ACCOUNTS[2], None, 300, f"SP2D-T-{i}", dt.datetime(2023, 3, 9)]
    rows[262] = [2023, None, SUB, ACCOUNTS[2], "Tanpa bulan", 50, "SP2D-X", None]
    rows[230] = [2023, 7, SUB, "5.1.02.01.01", "Jumlah Alat Kantor", 50_000, None, None]
    return rows


def rich_book(path: Path, engine: str = "xlsxwriter") -> Path:
    identitas: list[list[object] | None] = [[label, value] for label, value in IDENTITAS.items()]
    return write_book(path, {"Realisasi": realisasi(rich_rows()), "Identitas": identitas},
                      engine)


def in_parts(path: Path, count: int) -> list[parts.Part]:
    return [parts.parse_part(path, "real.xlsx", index, count) for index in range(count)]


@pytest.mark.parametrize("count", [2, 3])
@pytest.mark.parametrize("engine", ENGINES)
def test_parts_of_a_rich_sheet_merge_into_the_whole_parse(tmp_path: Path, engine: str,
                                                          count: int) -> None:
    """Lines, names, repeats, bad cells, subtotals, other years across cuts: as whole."""
    path = rich_book(tmp_path / "real.xlsx", engine)
    pieces = in_parts(path, count)
    assert not any(piece.whole for piece in pieces)
    cuts = [cut_sheet(path, "Realisasi", index, count) for index in range(count)]
    assert cuts[1] is not None and cuts[-1] is not None
    assert excel(30) < cuts[1].first_row and cuts[-1].first_row < excel(250)

    merged = parts.merge(pieces)
    whole = parse.parse_file(path, "real.xlsx")
    assert_same(merged, whole)
    assert merged is not None and merged.identitas["perangkat_daerah"] == "Dinas Contoh"
    (table,) = merged.tables
    frame = table.frame
    special = frame[frame["kode_rekening"] == SPECIAL]
    assert special[["row", "rows", "uraian", "uraian_row"]].values.tolist() == [
        [excel(5), 4, "Belanja Khusus", excel(170)]]
    assert special["realisasi"].tolist() == [(500 + 500 + 700 + 900) * 100]
    lalu = frame[frame["tahun"] == 2022]
    assert lalu[["row", "rows"]].values.tolist() == [[excel(20), 2]]
    assert table.trace is not None
    assert table.trace.repeated["row"].tolist() == [excel(11), excel(292)]
    cells = {(found.code, found.cell) for found in merged.issues}
    for i in (12, 285):
        assert {("money-invalid", f"F{excel(i)}"), ("month-invalid", f"B{excel(i + 1)}"),
                ("code-malformed", f"D{excel(i + 2)}")} <= cells
    assert frame.loc[frame["row"] == excel(230), "level"].tolist() == [5]


@pytest.mark.parametrize("count", [2, 3, 5])
def test_cut_parts_hold_disjoint_rows_that_cover_the_sheet(tmp_path: Path, count: int) -> None:
    """Each part reads its own Excel rows (lines' rows and the rows summed into them), from
    a real row start to the next part's start."""
    path = rich_book(tmp_path / "real.xlsx", "inline")
    with zipfile.ZipFile(path) as archive:
        written = {int(n) for n in re.findall(rb'<row r="([0-9]+)"', archive.read(SHEET_XML))}
    grid = read_grids(path, ["Realisasi"])["Realisasi"]
    table, _ = parse.parse_sheet(grid, REALISASI, "real.xlsx")
    assert table is not None
    cuts = [cut_sheet(path, "Realisasi", index, count) for index in range(count)]
    assert all(cut is not None for cut in cuts)
    starts = [cut.first_row for cut in cuts if cut is not None]
    assert starts[0] == 1 and starts == sorted(set(starts))
    for cut in cuts[1:]:
        assert cut is not None and cut.first_row in written
        assert cut.first_row > cut.head_end == 1 + HEAD_ROWS
    seen: list[int] = []
    for index, piece in enumerate(in_parts(path, count)):
        assert piece.parsed is not None
        (own,) = piece.parsed.tables
        rows = set(own.frame["row"]) | set(own.trace.members["row"] if own.trace else ())
        limit = starts[index + 1] if index + 1 < count else max(written) + 1
        assert all(starts[index] <= row < limit for row in rows)
        seen += sorted(rows)
    assert seen == table.frame["row"].tolist()


def test_sheet_starting_lower_and_to_the_right_merges_into_the_whole_parse(
        tmp_path: Path) -> None:
    """Rows above and columns left of the sheet's used area are empty: the head still fits."""
    rows = [None if row is None else [None, None, *row] for row in realisasi(rich_rows())]
    path = write_book(tmp_path / "real.xlsx", {"Realisasi": [None, None, None, *rows]})
    pieces = in_parts(path, 3)
    assert not any(piece.whole for piece in pieces)
    assert_same(parts.merge(pieces), parse.parse_file(path, "real.xlsx"))


def with_comment(path: Path, before: bytes = b"<row ") -> Path:
    """The Realisasi sheet XML with a comment holding a fake row element in sheetData,
    before the first `before` found there."""
    with zipfile.ZipFile(path) as archive:
        entries = {item.filename: archive.read(item.filename) for item in archive.infolist()}
    xml = entries[SHEET_XML]
    at = xml.index(before, xml.index(b"<sheetData>"))
    entries[SHEET_XML] = xml[:at] + b'<!-- <row r="5"> -->' + xml[at:]
    assert b"<!-- <row" in entries[SHEET_XML]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def uncut_book(kind: str, path: Path) -> Path:
    if kind == "dpa":
        return write_dpa(path, [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]] * 300)
    if kind == "two-tables":
        anggaran = [["Kode Sub Kegiatan", "Kode Rekening", "Uraian", "Pagu Murni"],
                    [SUB, ATK, "Alat Tulis Kantor", 1_000_000]]
        return write_book(path, {"Realisasi": realisasi(rich_rows()), "Anggaran": anggaran})
    if kind == "short":
        return write_book(path, {"Realisasi": realisasi(plain_rows(10))})
    if kind == "no-header":
        return write_book(path, {"Realisasi": realisasi(rich_rows(), ["Satu", "Dua", "Tiga"])})
    if kind == "csv":
        path = path.with_suffix(".csv")
        path.write_text("Kode Rekening,Uraian\n" + f"{ATK},Alat Tulis Kantor\n" * 300)
        return path
    return with_comment(rich_book(path, kind.removeprefix("comment-")))


@pytest.mark.parametrize("count", [2, 3])
@pytest.mark.parametrize("kind", ["dpa", "two-tables", "short", "no-header", "csv",
                                  "comment-xlsxwriter", "comment-inline", "comment-openpyxl"])
def test_a_file_that_cannot_be_cut_is_parsed_whole_by_the_first_part(
        tmp_path: Path, kind: str, count: int) -> None:
    """The first part parses the file whole, the others do nothing; merge gives that parse."""
    path = uncut_book(kind, tmp_path / "real.xlsx")
    pieces = in_parts(path, count)
    assert pieces[0].whole and pieces[0].parsed is not None
    assert all(piece.whole and piece.parsed is None for piece in pieces[1:])
    whole = parse.parse_file(path, "real.xlsx")
    assert_same(parts.merge(pieces), whole)
    if kind.startswith("comment"):
        assert whole.tables[0].frame["rows"].sum() > 250  # the comment hid no row


def test_comment_alone_stops_the_cut(tmp_path: Path) -> None:
    """The same workbook without the comment is cut."""
    path = rich_book(tmp_path / "real.xlsx")
    assert cut_sheet(path, "Realisasi", 1, 2) is not None
    assert cut_sheet(with_comment(path), "Realisasi", 1, 2) is None


def test_merge_refuses_parts_that_disagree(tmp_path: Path) -> None:
    """Parts that found different headers, or a later part parsed whole: None."""
    pieces = in_parts(rich_book(tmp_path / "real.xlsx"), 3)
    assert parts.merge(pieces) is not None
    other = (("kode_rekening", "Z"), *pieces[1].letters[1:])
    assert parts.merge([pieces[0], dataclasses.replace(pieces[1], letters=other),
                        pieces[2]]) is None
    assert parts.merge([*pieces[:2], dataclasses.replace(pieces[2], letters=())]) is None
    assert parts.merge([pieces[0], parts.Part(1, None, whole=True), pieces[2]]) is None
    assert parts.merge([*pieces[:2], dataclasses.replace(pieces[2], parsed=None)]) is None


@pytest.mark.parametrize("count", [2, 3])
def test_sp2d_repeated_across_the_cut_is_never_merged_into_another_parse(
        tmp_path: Path, count: int) -> None:
    """An SP2D row of part 0 written again in the last part: the merge is the whole parse
    (its trace lists the later row), or None so that the caller parses the file whole."""
    rows = plain_rows(300)
    rows[250] = list(rows[10] or [])
    path = write_book(tmp_path / "real.xlsx", {"Realisasi": realisasi(rows)})
    pieces = in_parts(path, count)
    assert not any(piece.whole for piece in pieces)
    whole = parse.parse_file(path, "real.xlsx")
    assert whole.tables[0].trace is not None
    assert whole.tables[0].trace.repeated["row"].tolist() == [excel(250)]
    merged = parts.merge(pieces)
    if merged is not None:
        assert_same(merged, whole)


@pytest.mark.parametrize("count", [2, 3])
def test_comment_late_in_the_sheet_never_yields_another_parse(tmp_path: Path,
                                                                count: int) -> None:
    """A comment near the end of sheetData: whole, or refused by merge; never misread."""
    path = with_comment(rich_book(tmp_path / "real.xlsx"), b"</sheetData>")
    whole = parse.parse_file(path, "real.xlsx")
    merged = parts.merge(in_parts(path, count))
    if merged is not None:
        assert_same(merged, whole)
