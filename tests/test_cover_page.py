"""The `Ringkasan` is the cover page of the report: the title first, then the period and
the status banner, who reports (pangkat, NIP spaced as the seed writes it), the figures,
the signature block as the seed signs (BAB IV, lines 738–747), and below all of it the
charts, labelled with names, one unit per chart. The list of files read is not here (it
is on `Validasi`).

Expected texts come from the seed document and the example's `Identitas` sheet; charts
are read from the workbook's drawing parts.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree

import pytest
from openpyxl.utils import column_index_from_string
from seed_tables import table, worded
from test_lakip_tables import DPA_PROGRAMS, SASARAN, run_case
from workbook_reading import sheet_rows

from pipeline.run import RunResult

SHEET = "Ringkasan"
TITLE = "LAKIP 2023 – Dinas Sosial Kabupaten Labuhanbatu Utara"
# The seed signs: "Damuli Kebun, Februari 2024 / KEPALA DINAS SOSIAL / KABUPATEN LABUHANBATU
# UTARA / … / Pembina Utama Muda / NIP. 19780714 199810 1 001"; the month is the office's
# to write, and the name is the example's Identitas (the seed misprints it as IHON).
SIGNATURE = ["Damuli Kebun, ........................ 2024", "KEPALA DINAS SOSIAL",
             "KABUPATEN LABUHANBATU UTARA", "JHON FERRY, S.STP, MM", "Pembina Utama Muda",
             "NIP. 19780714 199810 1 001"]
INTERNAL_KEYS = ["pk_program", "kriteria", "sasaran,", "anggaran,", "realisasi,"]

NS = {"main": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "xdr": "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
RELATION = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    """The inline PK of the workbook tests, realisasi in March only."""
    return run_case(tmp_path_factory.mktemp("sampul"))


def _texts(path: Path) -> list[tuple[int, int, str]]:
    """(row, column, text) of every text cell, 0-based, top to bottom."""
    return [(row, column, cell) for row, cells in enumerate(sheet_rows(path, SHEET))
            for column, cell in enumerate(cells) if isinstance(cell, str) and cell]


def _row_of(path: Path, text: str) -> int:
    return next(row for row, _, cell in _texts(path) if cell == text)


def _identity(path: Path) -> dict[str, object]:
    rows = sheet_rows(path, SHEET)
    return {row[0]: row[1] for row in rows if row and row[0] in (
        "Pemerintah Daerah", "Perangkat Daerah", "Tahun Anggaran", "Kepala Perangkat Daerah",
        "Pangkat/Golongan", "NIP")}


# --- title, period, banner --------------------------------------------------------------

def test_title_then_period_then_banner(example_run: RunResult) -> None:
    rows = sheet_rows(example_run.report_path, SHEET)
    assert [rows[0][0], rows[1][0], rows[2][0]] == [
        TITLE, "Tahun Anggaran 2023, realisasi s.d. Desember 2023", "Tidak ada kesalahan data"]


def test_period_is_the_last_month_with_realisasi(case: RunResult) -> None:
    rows = sheet_rows(case.report_path, SHEET)
    assert rows[1][0] == "Tahun Anggaran 2023, realisasi s.d. Maret 2023"  # realisasi_03


def test_draft_banner_comes_after_the_title_and_period(tmp_path: Path) -> None:
    sasaran = [list(row) for row in SASARAN]
    sasaran[0][12] = "1.06.01, 1.06.09"  # 1.06.09 is not in the DPA: one error
    result = run_case(tmp_path, sasaran)
    texts = [cell for _, _, cell in _texts(result.report_path)]
    assert texts[0].startswith("LAKIP 2023")
    assert texts[1].startswith("Tahun Anggaran 2023, realisasi s.d.")
    assert texts[2].startswith("DRAFT — 1 kesalahan")
    assert [text for text in texts if "DRAFT" in text] == [texts[2]]


# --- who reports and who signs ----------------------------------------------------------

def test_identity_with_pangkat_and_the_nip_spaced_as_written(example_run: RunResult) -> None:
    # Seed, page ii: "Pembina Utama Muda / NIP. 19780714 199810 1 001" (the Identitas types
    # the NIP as 197807141998101001).
    assert _identity(example_run.report_path) == {
        "Pemerintah Daerah": "Kabupaten Labuhanbatu Utara", "Perangkat Daerah": "Dinas Sosial",
        "Tahun Anggaran": "2023", "Kepala Perangkat Daerah": "JHON FERRY, S.STP, MM",
        "Pangkat/Golongan": "Pembina Utama Muda", "NIP": "19780714 199810 1 001"}


def test_signature_block_signs_below_the_tables(example_run: RunResult) -> None:
    path = example_run.report_path
    texts = _texts(path)
    [(top, left)] = [(row, column) for row, column, text in texts if text == SIGNATURE[0]]
    assert left > 0  # at the right, as a letter is signed
    signed = [(row, column, text) for row, column, text in texts
              if row >= top and column == left]
    assert [text for _, _, text in signed] == SIGNATURE  # in the seed's order
    last_table_row = max(row for row, column, _ in texts if column == 0)
    assert signed[0][0] > last_table_row  # after every table (column A)
    assert signed[3][0] - signed[2][0] > 1  # room to sign above the name


# --- nothing internal -------------------------------------------------------------------

def test_no_internal_keys_and_no_file_list(example_run: RunResult) -> None:
    texts = [text for _, _, text in _texts(example_run.report_path)]
    assert [text for text in texts if any(key in text for key in INTERNAL_KEYS)] == []
    assert [text for text in texts if text.endswith(".xlsx")] == []
    assert "Isi" not in texts
    assert "Berkas masukan" not in texts


# --- charts -----------------------------------------------------------------------------

class Series(NamedTuple):
    name: str
    categories: list[str]  # the cached category labels
    values: str  # the values' range, `Ringkasan!$E$17:$E$21`


class Chart(NamedTuple):
    row: int  # 0-based row of the top left corner
    series: list[Series]


def _relations(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, name = posixpath.split(part)
    rels = ElementTree.fromstring(archive.read(f"{folder}/_rels/{name}.rels"))
    return {item.get("Id", ""): posixpath.normpath(posixpath.join(folder, item.get("Target", "")))
            for item in rels.findall("rel:Relationship", NS)}


def _charts(path: Path, sheet: str) -> list[Chart]:
    with zipfile.ZipFile(path) as archive:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        [entry] = [item for item in workbook.iterfind("main:sheets/main:sheet", NS)
                   if item.get("name") == sheet]
        part = _relations(archive, "xl/workbook.xml")[entry.get(RELATION, "")]
        [drawing] = _relations(archive, part).values()
        targets = _relations(archive, drawing)
        charts = []
        for anchor in ElementTree.fromstring(archive.read(drawing)).iterfind(
                "xdr:twoCellAnchor", NS):
            row = int(anchor.findtext("xdr:from/xdr:row", "", NS))
            chart = anchor.find(".//c:chart", NS)
            assert chart is not None
            xml = ElementTree.fromstring(archive.read(targets[chart.get(RELATION, "")]))
            series = [Series(item.findtext("c:tx//c:v", "", NS),
                             [point.text or "" for point in item.iterfind("c:cat//c:pt/c:v", NS)],
                             item.findtext("c:val//c:f", "", NS))
                      for item in xml.iterfind(".//c:ser", NS)]
            charts.append(Chart(row, series))
        return charts


def _header_over(path: Path, reference: str) -> str:
    """The header label above a chart's value range (`Ringkasan!$E$17:$E$21`)."""
    start = reference.split("!")[1].split(":")[0].replace("$", "")
    letters = "".join(character for character in start if character.isalpha())
    row = int(start[len(letters):])
    return str(sheet_rows(path, SHEET)[row - 2][column_index_from_string(letters) - 1])


def test_charts_sit_below_every_table_and_the_signature(example_run: RunResult) -> None:
    path = example_run.report_path
    charts = _charts(path, SHEET)
    assert len(charts) == 2
    below = _row_of(path, SIGNATURE[-1])
    assert all(chart.row > below for chart in charts)


def test_capaian_chart_is_in_percent_by_indicator_name(example_run: RunResult) -> None:
    path = example_run.report_path
    [capaian] = [chart for chart in _charts(path, SHEET) if len(chart.series) == 1]
    [series] = capaian.series
    assert series.categories == [worded(row[2]) for row in table("III.A.1")]
    assert _header_over(path, series.values) == "Capaian %"  # one unit: no Target/Realisasi


def test_program_chart_is_in_rupiah_by_program_name(example_run: RunResult) -> None:
    path = example_run.report_path
    [programs] = [chart for chart in _charts(path, SHEET) if len(chart.series) == 2]
    names = {worded(row[4]) for row in table("III.A.7")}  # the five programs of the seed
    assert [series.name for series in programs.series] == ["Pagu", "Realisasi"]
    for series in programs.series:
        assert set(series.categories) == names
        assert _header_over(path, series.values) == series.name  # both in Rupiah
    assert not any(category.startswith("1.06") for category in programs.series[0].categories)


def test_case_program_chart_names_the_dpa_s_programs(case: RunResult) -> None:
    [programs] = [chart for chart in _charts(case.report_path, SHEET) if len(chart.series) == 2]
    assert programs.series[0].categories == [name for code, name, _ in DPA_PROGRAMS
                                             if code.count(".") == 2]
