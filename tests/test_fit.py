"""fit.py: text widths, wrapped lines and row heights, column and page widths.

The calibration figures are LibreOffice's, read from its PDF of a workbook with the
report's default font (Arial 10, printed as Liberation Sans): a column of 10 units prints
59.45 pt wide, of 48 units 270.34 pt, and the line "Meningkatnya Penanganan, Pemberdayaan,
Rehabilitasi," 256.0 pt long (tests/print_check.py reads such boxes)."""

from __future__ import annotations

import pytest

from pipeline.report import fit
from pipeline.report.fit import Cell, line_count, row_height, text_height

SASARAN = ("Meningkatnya Penanganan, Pemberdayaan, Rehabilitasi, Perlindungan dan Jaminan "
           "sosial bagi penyandang masalah kesejahteraan sosial (PMKS) serta penguatan "
           "potensi sumber kesejahteraan sosial (PSKS)")


def test_text_width_is_arial_s_as_libreoffice_prints_it() -> None:
    printed = 256.0  # points, LibreOffice's PDF
    width = fit.text_points("Meningkatnya Penanganan, Pemberdayaan, Rehabilitasi,")
    assert printed * 0.99 < width < printed * 1.01
    assert fit.text_points("Bahan", bold=True) > fit.text_points("Bahan")
    assert fit.text_points("Bahan", font_size=20) == pytest.approx(2 * fit.text_points("Bahan"))


def test_a_column_prints_narrower_in_excel_than_in_libreoffice() -> None:
    assert fit.column_points(10) == 56.25  # Excel: 7 pixels a unit and 5 of padding = 75 px
    assert fit.page_points([10]) == pytest.approx(59.45, abs=0.05)  # LibreOffice's PDF
    assert fit.page_points([48]) == pytest.approx(270.34, abs=0.05)
    assert fit.page_points([10, 48]) == pytest.approx(59.45 + 270.34, abs=0.1)


def test_a_long_text_takes_more_lines_in_a_narrower_column() -> None:
    counts = [line_count(SASARAN, width) for width in (120, 80, 48, 30, 20, 10)]
    assert counts == sorted(counts)
    assert counts[:2] == [2, 3]  # 933 pt of text in 631 pt, then in 421 pt of room
    assert counts[-1] > 4 * counts[1]


def test_words_wrap_whole() -> None:
    room = fit.column_points(20) - fit.TEXT_MARGIN  # 105.75 pt
    word = "Penganggaran"  # 65.6 pt
    assert fit.text_points(word) < room < 2 * fit.text_points(word) + fit.text_points(" ")
    assert line_count(f"{word} {word}", 20) == 2  # the second word does not fit beside it
    assert line_count(word, 20) == 1


def test_a_word_longer_than_the_line_is_broken_over_lines() -> None:
    digits = "8" * 60  # 333.6 pt in 105.75 pt of room
    assert line_count(digits, 20) == 4


def test_each_line_break_starts_a_line() -> None:
    assert line_count("Satu\nDua\n\nEmpat", 40) == 4


def test_bold_and_indent_take_room() -> None:
    text = "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor"  # 263.5 pt of 273.75
    assert line_count(text, 52) == 1
    assert line_count(text, 52, bold=True) == 2
    assert line_count(text, 52, indent=2) == 2


def test_a_row_is_as_tall_as_its_tallest_cell() -> None:
    short, long = Cell("Dokumen Kantor", 20), Cell(SASARAN, 20)
    assert row_height([short]) is None  # one line: the default height is enough
    assert row_height([short, long]) == text_height(long)
    assert text_height(long) == line_count(SASARAN, 20) * 13 + 2
    assert row_height([]) is None


def test_a_merged_cell_shares_its_height_among_its_rows() -> None:
    alone = row_height([Cell(SASARAN, 20)])
    merged = row_height([Cell(SASARAN, 20, rows=3)])
    assert alone is not None and merged is not None
    assert merged == pytest.approx(alone / 3, abs=0.01)
    # four lines over four rows: each row's default height holds its share
    assert row_height([Cell("Satu\nDua\nTiga\nEmpat", 20, rows=4)]) is None


def test_width_for_shows_the_widest_text_on_one_line() -> None:
    amounts = ["1.234.567", "(98.765.432.100)", "-"]
    width = fit.width_for(amounts, bold=True)
    assert line_count("(98.765.432.100)", width, bold=True) == 1
    assert line_count("(98.765.432.100)", width - 1, bold=True) == 2
    assert fit.width_for([]) == 1.0


def test_a4_landscape_holds_137_units_at_full_size() -> None:
    assert fit.printable_width(fit.A4) == pytest.approx(784.29, abs=0.01)
    assert fit.print_scale(fit.page_points([17, 57, 17, 17, 12, 17]), fit.A4) == 1.0
    assert fit.print_scale(1568.58, fit.A4) == pytest.approx(0.5)
    assert fit.legible(0.8) and not fit.legible(0.79)
    assert fit.legible(0.89, font_size=9) and not fit.legible(0.88, font_size=9)
