"""The LAKIP document (.docx) beside the workbook.

Its numbers can only be the report's: every table cell and every figure in its sentences
is read back and compared with the workbook (calamine, cached values); the example's
BAB III equals the seed's tables and LRA (the transcription and corrections the workbook
tests use); a DRAFT workbook gives a document marked DRAF; an office's own template is
filled and keeps its kop; LibreOffice turns the document into a PDF holding the tables.
"""

from __future__ import annotations

import re
import time
from decimal import Decimal
from pathlib import Path

import docx
import pypdf
import pytest
from builders import ATK, CETAK, SUB, simple_folder, write_dpa, write_realisasi
from document_reading import number, numbers_in, table_starting, tables_by_title, texts
from python_calamine import CalamineWorkbook
from seed_lra import seed_lines
from seed_tables import corrected, percent, rupiah, worded
from test_lakip_tables import COLUMNS, HEADERS, run_case, table_of
from workbook_reading import rows_below, sheet_rows

from pipeline.document import sentences
from pipeline.document.table_sentences import table_sentence
from pipeline.document.template import TEMPLATE_NAME
from pipeline.findings import Severity
from pipeline.report import saving
from pipeline.report.lakip_values import LAKIP_TABLES
from pipeline.run import RunConfig, RunResult, run

LRA_TITLE = "Laporan Realisasi Anggaran Tahun Anggaran 2023"
CHAPTERS = ["KATA PENGANTAR", "IKHTISAR EKSEKUTIF", "BAB I PENDAHULUAN",
            "BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP"]
SEED_BUDGET = ("semula sebesar Rp. 5.525.037.031 setelah perubahan menjadi Rp. 5.425.037.031 "
               "terealisasi sebesar Rp. 5.228.418.615 atau 96,38%")


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    """The inline PK of the workbook tests: negative polarity, zero targets, an IKU with two
    programs, an IKU without program."""
    return run_case(tmp_path_factory.mktemp("pk-dokumen"))


def document_of(result: RunResult) -> Path:
    assert result.document_path is not None
    return result.document_path


def _same(ours: object, theirs: str) -> bool:
    """A workbook cell (number or text) and the document's text of it."""
    if isinstance(ours, int | float) and not isinstance(ours, bool):
        return number(theirs) == Decimal(str(ours))
    return str(ours) == theirs


def _compare(workbook: list[list[object]], document: list[list[str]]) -> list[object]:
    """Every cell that differs, as (row, column, workbook, document)."""
    assert len(workbook) == len(document), (len(workbook), len(document))
    return [(index, column, ours, theirs)
            for index, (row, line) in enumerate(zip(workbook, document, strict=True))
            for column, (ours, theirs) in enumerate(zip(row[:len(line)], line, strict=True))
            if not _same(ours, theirs)]


def _workbook_table(result: RunResult, sheet: str
                    ) -> tuple[list[list[object]], list[list[object]]]:
    """Header rows and body rows of a LAKIP table of the workbook."""
    header, body, _ = table_of(result.report_path, sheet)
    return header, body


# --- the document beside the workbook ------------------------------------------------------

def test_every_run_writes_the_document_beside_the_workbook(example_run: RunResult) -> None:
    assert document_of(example_run) == example_run.report_path.with_suffix(".docx")
    assert document_of(example_run).name == "LAKIP_2023_dinas-sosial.docx"
    assert example_run.document_locked is None


def test_no_document_when_turned_off(tmp_path: Path) -> None:
    result = run(RunConfig(simple_folder(tmp_path / "masukan"), tmp_path / "keluaran",
                           document=False))
    assert result.document_path is None
    assert sorted(path.name for path in (tmp_path / "keluaran").iterdir()) == [
        "LAKIP_2023_dinas-contoh.xlsx"]


# --- the same numbers as the workbook ------------------------------------------------------

@pytest.mark.parametrize("sheet", LAKIP_TABLES)
@pytest.mark.parametrize("which", ["example", "case"])
def test_document_tables_are_the_workbook_s(example_run: RunResult, case: RunResult,
                                            which: str, sheet: str) -> None:
    result = example_run if which == "example" else case
    header, body = _workbook_table(result, sheet)
    rows = table_starting(document_of(result), f"Tabel {sheet}")
    assert rows[:len(header)] == [[str(label) for label in line[:len(rows[0])]]
                                  for line in header]
    assert _compare(body, rows[len(header):]) == []


@pytest.mark.parametrize("sheet", sorted(HEADERS))
def test_document_headers_are_the_seed_s(example_run: RunResult, sheet: str) -> None:
    seed = HEADERS[sheet]
    rows = table_starting(document_of(example_run), f"Tabel {sheet}")
    assert [row[:len(seed[0])] for row in rows[:len(seed)]] == seed


@pytest.mark.parametrize("which", ["example", "case"])
def test_document_lra_is_the_workbook_s(example_run: RunResult, case: RunResult,
                                        which: str) -> None:
    result = example_run if which == "example" else case
    header, below = rows_below(sheet_rows(result.report_path, "LRA"), "Kode Rekening")
    body = [row for row in below[1:] if any(cell != "" for cell in row)]
    rows = table_starting(document_of(result), LRA_TITLE)
    assert rows[:2] == [[str(label) for label in header[:6]],
                        ["1", "2", "3", "4", "5 = (4/3) × 100", "6"]]
    assert _compare(body, rows[2:]) == []


def _workbook_numbers(path: Path) -> set[Decimal]:
    """Every figure the workbook shows: number cells, and figures within its text."""
    workbook = CalamineWorkbook.from_path(str(path))
    found: set[Decimal] = set()
    for name in workbook.sheet_names:
        for row in workbook.get_sheet_by_name(name).to_python():
            for cell in row:
                if isinstance(cell, int | float) and not isinstance(cell, bool):
                    found.add(Decimal(str(cell)))
                elif isinstance(cell, str):
                    found.update(numbers_in(cell))
    return found


def _shortfalls(result: RunResult) -> set[Decimal]:
    """|target − realisasi| of each IKU, from the workbook's III.A.1."""
    _, body = _workbook_table(result, "III.A.1")
    return {abs(Decimal(str(row[3])) - Decimal(str(row[4]))) for row in body
            if isinstance(row[3], int | float) and isinstance(row[4], int | float)}


def _data_sentences(result: RunResult) -> list[str]:
    report = result.report
    found = [sentences.budget_sentence(report), sentences.spending_sentence(report),
             *sentences.capaian_overview(report),
             *(table_sentence(sheet, report) for sheet in LAKIP_TABLES),
             *(line for line, _ in sentences.conclusion_lists(report))]
    return [sentence for sentence in found if sentence]


@pytest.mark.parametrize("which", ["example", "case"])
def test_every_figure_in_the_sentences_is_the_workbook_s(example_run: RunResult,
                                                         case: RunResult, which: str) -> None:
    result = example_run if which == "example" else case
    paragraphs = "\n".join(texts(document_of(result)))
    shown = _workbook_numbers(result.report_path) | _shortfalls(result)
    for sentence in _data_sentences(result):
        assert sentence in paragraphs, sentence
        strangers = [value for value in numbers_in(sentence) if value not in shown]
        assert strangers == [], (sentence, strangers)


def _ringkasan(path: Path, label: str) -> object:
    return next(row[1] for row in sheet_rows(path, "Ringkasan") if row and row[0] == label)


def test_budget_sentence_carries_the_seed_figures_from_the_workbook(
        example_run: RunResult) -> None:
    path = example_run.report_path
    figures = [_ringkasan(path, label) for label in (
        "Pagu murni", "Pagu perubahan", "Realisasi", "% realisasi terhadap pagu perubahan")]
    assert figures == [5_525_037_031, 5_425_037_031, 5_228_418_615, 96.38]
    [sentence] = [text for text in texts(document_of(example_run))
                  if "semula sebesar" in text and "Rinciannya" in text]
    assert SEED_BUDGET in sentence
    assert [value for value in numbers_in(sentence) if value > 100_000] == [
        Decimal(str(value)) for value in figures[:3]]


def test_summary_takes_each_belanja_from_the_lra_not_from_a_retyped_figure(
        example_run: RunResult) -> None:
    # The seed's summary says Belanja Modal was realised at 37.134.100; its LRA says 37.134.400.
    text = "\n".join(texts(document_of(example_run)))
    assert ("Belanja Modal sebesar Rp. 37.134.400 dengan realisasi Rp. 37.134.400 atau "
            "100,00%") in text
    assert "37.134.100" not in text
    lra = {row[0]: row for row in sheet_rows(example_run.report_path, "LRA") if row}
    sentence = sentences.spending_sentence(example_run.report)
    for code in ("5.1.01", "5.1.02", "5.1.06", "5.2"):
        anggaran, realisasi, ratio = (Decimal(str(value)) for value in lra[code][2:5])
        assert (f"sebesar Rp. {int(anggaran):,} dengan realisasi Rp. {int(realisasi):,} atau "
                .replace(",", ".") + f"{ratio:.2f}%".replace(".", ",")) in sentence, code


# --- the example against the seed ----------------------------------------------------------

@pytest.mark.parametrize("sheet", sorted(COLUMNS))
def test_example_bab_iii_tables_equal_the_seed(example_run: RunResult, sheet: str) -> None:
    kinds = COLUMNS[sheet]
    convert = {"t": worded, "p": percent, "r": lambda text: Decimal(rupiah(text))}
    read = {"t": str, "p": number, "r": number}
    seed = [tuple(convert[kind](cell) for kind, cell in zip(kinds, row, strict=True)
                  if kind != "-") for row in corrected(sheet)]
    rows = table_starting(document_of(example_run), f"Tabel {sheet}")[len(HEADERS[sheet]):]
    ours = [tuple(read[kind](cell) for kind, cell in zip(kinds, row[:len(kinds)], strict=True)
                  if kind != "-") for row in rows]
    assert ours == seed


def test_example_lra_equals_the_seed(example_run: RunResult) -> None:
    rows = table_starting(document_of(example_run), LRA_TITLE)[2:]
    ours = [(row[0], row[1], *(number(cell) for cell in row[2:6])) for row in rows]
    assert ours == [(line.code, line.uraian, line.anggaran, line.realisasi, line.percent,
                     line.realisasi_lalu) for line in seed_lines()]


def test_example_iii_a_4_says_there_is_no_national_standard(example_run: RunResult) -> None:
    rows = table_starting(document_of(example_run), "Tabel III.A.4")
    assert rows[1:] == [["Untuk realisasi kinerja tahun 2023 tidak ada standar nasional.",
                         "", "", "", ""]]


# --- an editable document ------------------------------------------------------------------

def test_the_document_follows_the_lakip_outline_in_word_styles(example_run: RunResult) -> None:
    document = docx.Document(str(document_of(example_run)))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name if paragraph.style else "", []).append(
            paragraph.text)
    assert by_style["Heading 1"] == CHAPTERS
    assert by_style["Heading 2"][-4:] == ["A. Capaian Kinerja Organisasi",
                                          "B. Realisasi Anggaran", "A. Kesimpulan", "B. Saran"]
    assert len([text for text in by_style["Heading 3"] if re.match(r"\d\. ", text)]) == 7
    assert [text for text in by_style["Sampul"] if text] == [
        "Dinas Sosial", "Kabupaten Labuhanbatu Utara", "Tahun Anggaran 2023"]
    assert "LAPORAN AKUNTABILITAS KINERJA INSTANSI PEMERINTAH" in by_style["Judul Sampul"]
    assert all(text.startswith("[Diisi oleh perangkat daerah") for text in by_style["Isian"])
    assert by_style["Tanda Tangan"][-3:] == [
        "JHON FERRY, S.STP, MM", "Pembina Utama Muda",
        "NIP. 19780714 199810 1 001"]  # spaced as the seed signs (BAB IV)
    assert "Damuli Kebun, ........................ 2024" in by_style["Tanda Tangan"]
    titles = list(tables_by_title(document_of(example_run)))
    assert titles[2:] == [f"Tabel {sheet} {text}" for sheet, text in (
        ("III.A.1", "Perbandingan Target dan Realisasi Kinerja Tahun 2023"),
        ("III.A.2", "Perbandingan Realisasi Kinerja Tahun 2023 dengan Tahun 2022"),
        ("III.A.3", "Perbandingan Realisasi Kinerja Tahun 2023 dengan Target Akhir Rencana "
                    "Strategis"),
        ("III.A.4", "Perbandingan Realisasi Kinerja Tahun 2023 dengan Standar Nasional"),
        ("III.A.5", "Analisis Penyebab Keberhasilan/Kegagalan dan Solusi"),
        ("III.A.6", "Analisis Efisiensi Penggunaan Sumber Daya"),
        ("III.A.7", "Analisis Program/Kegiatan yang Menunjang Pencapaian Kinerja"),
    )] + [LRA_TITLE]
    assert {table.style.name for table in document.tables if table.style} == {"Tabel LAKIP"}
    assert document.styles["Tabel LAKIP"].base_style.name == "Table Grid"
    assert not any("{{" in text or "DRAF" in text for text in by_style.get("Body Text", []))
    assert not any("DRAF" in paragraph.text for section in document.sections
                   for paragraph in section.header.paragraphs)


def _draft_folder(folder: Path) -> Path:
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, 900_000],
                                    [SUB, CETAK, "Bahan Cetak", 500_000, None]])
    write_realisasi(folder / "real_01.xlsx", [[2023, 1, SUB, ATK, "ATK", "15.000.00"]])
    return folder


def test_a_draft_is_marked_on_the_cover_and_in_the_header(tmp_path: Path) -> None:
    result = run(RunConfig(_draft_folder(tmp_path / "masukan"), tmp_path / "keluaran"))
    assert result.report.errors == 1
    document = docx.Document(str(document_of(result)))
    line = "DRAF – 1 kesalahan data"
    assert document.paragraphs[0].text == line
    assert document.paragraphs[0].style.name == "Tanda Draf"
    first = document.sections[0]
    assert first.header.paragraphs[0].text == line  # every page after the cover
    assert line not in [paragraph.text for paragraph in first.first_page_header.paragraphs]
    # Later sections (BAB III landscape, BAB IV) show the first section's header.
    assert all(section.header.is_linked_to_previous for section in document.sections[1:])


def test_same_input_gives_the_same_document_bytes(tmp_path: Path) -> None:
    folder = simple_folder(tmp_path / "masukan")
    first = document_of(run(RunConfig(folder, tmp_path / "satu")))
    time.sleep(1.1)  # a clock that leaked into the file would now differ
    second = document_of(run(RunConfig(folder, tmp_path / "dua")))
    assert first.read_bytes() == second.read_bytes()


def test_an_edited_document_is_kept_when_a_new_one_is_written(tmp_path: Path) -> None:
    folder, out = simple_folder(tmp_path / "masukan"), tmp_path / "keluaran"
    path = document_of(run(RunConfig(folder, out)))
    edited = docx.Document(str(path))
    edited.add_paragraph("Catatan kepala dinas.")
    edited.save(str(path))
    again = document_of(run(RunConfig(folder, out)))
    assert again == path
    [kept] = out.glob("LAKIP_2023_dinas-contoh.sebelum-*.docx")
    assert "Catatan kepala dinas." in texts(kept)
    assert "Catatan kepala dinas." not in texts(path)


def test_a_document_open_in_word_gets_a_sibling_name(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    folder, out = simple_folder(tmp_path / "masukan"), tmp_path / "keluaran"
    first = document_of(run(RunConfig(folder, out)))
    original = first.read_bytes()
    monkeypatch.setattr(saving, "_locked", lambda path: path == first)
    write_realisasi(folder / "real_03.xlsx", [[2023, 3, SUB, ATK, "ATK", 1_000]])
    result = run(RunConfig(folder, out))
    assert (result.document_path, result.document_locked) == (
        out / "LAKIP_2023_dinas-contoh(2).docx", first)
    assert first.read_bytes() == original


# --- the office's own template -------------------------------------------------------------

def _office_template(path: Path) -> Path:
    """A plain Word document (none of the report's own styles) with a kop in its header
    and placeholders, one of them split over several runs as Word splits them."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "KOP {{pemerintah_daerah}}"
    cover = document.add_paragraph("Sampul khusus ")
    for part in ("{{perang", "kat_daerah}} ", "{{ tahun }}", " {{kepala}} {{tidak_dikenal}}"):
        cover.add_run(part)
    document.add_paragraph("Realisasi Rp {{realisasi}} ({{persen_realisasi}}%)")
    document.save(str(path))
    return path


def test_an_office_template_gives_its_cover_kop_and_filled_placeholders(tmp_path: Path) -> None:
    folder = simple_folder(tmp_path / "masukan")
    _office_template(folder / TEMPLATE_NAME)
    result = run(RunConfig(folder, tmp_path / "keluaran"))
    assert result.report.flatten(["code"], codes=["template-unreadable"]) == []
    document = docx.Document(str(document_of(result)))
    assert [paragraph.text for paragraph in document.paragraphs[:2]] == [
        "Sampul khusus Dinas Contoh 2023 Kepala Contoh {{tidak_dikenal}}",
        "Realisasi Rp 350.000 (25,00%)"]
    assert document.sections[0].header.paragraphs[0].text == "KOP Kabupaten Contoh"
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == CHAPTERS
    for name in ("Tabel LAKIP", "Tabel Isi", "Isian", "Tanda Tangan", "Sampul"):
        assert name in document.styles  # copied from the bundled template


def test_an_unreadable_template_is_a_warning_and_the_bundled_one_is_used(tmp_path: Path) -> None:
    folder = simple_folder(tmp_path / "masukan")
    (folder / "Templat_LAKIP.docx").write_bytes(b"bukan dokumen Word")
    result = run(RunConfig(folder, tmp_path / "keluaran"))
    assert result.report.flatten(["severity", "code", "file"], codes=[
        "template-unreadable"]) == [[Severity.WARNING, "template-unreadable",
                                     "Templat_LAKIP.docx"]]
    assert result.report.errors == 0
    assert "LAPORAN AKUNTABILITAS KINERJA INSTANSI PEMERINTAH" in texts(document_of(result))


def test_the_drop_folder_reruns_when_the_template_changes(tmp_path: Path) -> None:
    from pipeline.watch import relevant

    out = tmp_path / "laporan"
    assert relevant(tmp_path / "Templat_LAKIP.docx", tmp_path, out)
    assert not relevant(tmp_path / "sub" / TEMPLATE_NAME, tmp_path, out)
    assert not relevant(tmp_path / "catatan.docx", tmp_path, out)
    assert not relevant(out / "LAKIP_2023_dinas-contoh.docx", tmp_path, out)


# --- LibreOffice -----------------------------------------------------------------------------

@pytest.mark.libreoffice
def test_libreoffice_converts_the_document_to_a_pdf_holding_the_tables(
        example_run: RunResult, soffice: str, tmp_path: Path) -> None:
    from libreoffice import to_pdf

    pdf = pypdf.PdfReader(to_pdf(document_of(example_run), tmp_path))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert len(pdf.pages) > 10
    for chapter in CHAPTERS:
        assert chapter in text
    assert SEED_BUDGET in text
    for title, rows in tables_by_title(document_of(example_run)).items():
        assert title in text
        # Figures, each on one line of its cell; text cells wrap among their neighbours'.
        figures = [cell for row in rows for cell in row if number(cell) is not None] or [
            cell for row in rows[1:] for cell in row if cell]  # III.A.4: one sentence
        assert [cell for cell in figures if cell not in text] == [], title
