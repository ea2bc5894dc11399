"""The LibreOffice recalculation harness must be able to fail as well as pass.

A workbook with correct cached values must compare clean after LibreOffice recalculates
it; a workbook with one deliberately wrong cached value must be reported at exactly that
cell. The second case also proves LibreOffice really recalculated: had it kept the cached
values, the wrong one would have survived and nothing would be reported.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import xlsxwriter
from libreoffice import compare_recalculated, formula_cells, recalculate


def pct(part: int, whole: int) -> float:
    """Exact half-up percentage with 2 decimals, as the pipeline computes it."""
    if whole == 0:
        return 0
    exact = Decimal(part) * 100 / Decimal(whole)
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# (label, total C, part D); 771/800 -> 96.375 and 1/8 -> 12.5 sit on rounding edges.
ROWS = [("a", 400, 385), ("b", 800, 771), ("c", 8, 1), ("d", 32, 1), ("e", 0, 0), ("f", 0, 0)]
FIRST = 2  # 1-based row of the first data row (row 1 holds headers)
LAST = FIRST + len(ROWS) - 1


def build_workbook(path: Path, wrong: dict[tuple[str, str], object] | None = None) -> Path:
    """A small report: per-row percentages, totals and a cross-sheet summary.

    ``wrong`` overrides the cached value of the given (sheet, cell) formulas.
    """
    wrong = wrong or {}
    wb = xlsxwriter.Workbook(path)
    data = wb.add_worksheet("Data")
    summary = wb.add_worksheet("Summary")

    def formula(ws, ref: str, text: str, cached) -> None:
        ws.write_formula(ref, text, None, wrong.get((ws.name, ref), cached))

    data.write_row("A1", ["label", "unused", "total", "part", "pct"])
    for i, (label, total, part) in enumerate(ROWS):
        r = FIRST + i
        data.write_row(f"A{r}", [label, None, total, part])
        formula(data, f"E{r}", f"=IF(C{r}=0,0,ROUND(D{r}/C{r}*100,2))", pct(part, total))
    total = sum(t for _, t, _ in ROWS)
    part = sum(p for _, _, p in ROWS)
    t = LAST + 1
    data.write(f"A{t}", "total")
    formula(data, f"C{t}", f"=SUM(C{FIRST}:C{LAST})", total)
    formula(data, f"D{t}", f"=SUM(D{FIRST}:D{LAST})", part)
    formula(data, f"E{t}", f"=IF(C{t}=0,0,ROUND(D{t}/C{t}*100,2))", pct(part, total))
    formula(data, "G1", "=ROUND(96.375,2)", 96.38)

    summary.write("A1", "grand total")
    formula(summary, "B1", f"=Data!C{t}", total)
    summary.write("A2", "share")
    formula(summary, "B2", f"=IF(Data!C{t}=0,0,ROUND(Data!D{t}/Data!C{t}*100,2))", pct(part, total))
    formula(summary, "B3", '=IF(B1>1000,"large","small")', "large" if total > 1000 else "small")
    wb.close()
    return path


EXPECTED_FORMULAS = len(ROWS) + 4 + 3


def test_cached_values_are_what_the_pipeline_computes(tmp_path):
    """No LibreOffice needed: the fixture's own cached values are as intended."""
    cells = formula_cells(build_workbook(tmp_path / "report.xlsx"))
    assert len(cells) == EXPECTED_FORMULAS
    t = LAST + 1
    assert cells[("Data", "E2")] == 96.25
    assert cells[("Data", "E3")] == 96.38  # 771/800*100 = 96.375, half-up
    assert cells[("Data", "E4")] == 12.5
    assert cells[("Data", "E5")] == 3.13  # 1/32*100 = 3.125; Python's round() gives 3.12
    assert cells[("Data", "E6")] == 0  # IF(C=0, 0, ...)
    assert cells[("Data", f"C{t}")] == 1240
    assert cells[("Summary", "B3")] == "large"


@pytest.mark.libreoffice
def test_correct_cached_values_survive_recalculation(soffice, tmp_path):
    original = build_workbook(tmp_path / "report.xlsx")
    recalculated = recalculate(original, tmp_path / "lo")
    assert recalculated.is_file() and recalculated != original
    assert compare_recalculated(original, recalculated) == []


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    ("sheet", "ref", "bad"),
    [
        ("Data", "E3", 96.37),  # 96.375 rounded half-down / banker's style
        ("Data", f"C{LAST + 1}", 1239),  # a wrong SUM
        ("Summary", "B2", 0),  # cross-sheet formula
        ("Summary", "B3", "small"),  # string result
    ],
)
def test_wrong_cached_value_is_reported(soffice, tmp_path, sheet, ref, bad):
    original = build_workbook(tmp_path / "report.xlsx", wrong={(sheet, ref): bad})
    assert formula_cells(original)[(sheet, ref)] == bad
    recalculated = recalculate(original, tmp_path / "lo")
    problems = compare_recalculated(original, recalculated)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{sheet}!{ref} "), problems


@pytest.mark.libreoffice
def test_recalculate_reports_a_failed_conversion(soffice, tmp_path):
    bogus = tmp_path / "missing.xlsx"
    with pytest.raises(RuntimeError, match="failed to convert"):
        recalculate(bogus, tmp_path / "lo")


# --- compare_recalculated rules, checked against hand-written "recalculated" files ---


def _single_formula(path: Path, cached) -> Path:
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("S")
    ws.write("A1", 1)
    if cached is None:
        # xlsxwriter writes value=None literally as <v>None</v>; '' gives an empty <v/>.
        ws.write_formula("A2", "=A1*0", None, "")
    else:
        ws.write_formula("A2", "=A1*0", None, cached)
    wb.close()
    return path


@pytest.mark.parametrize(
    ("cached", "recalculated", "same"),
    [
        (0, 0, True),
        (96.38, 96.38 + 1e-12, True),
        (96.38, 96.37, False),
        (None, 0, False),  # an empty cache where the engine computes a number
        (0, None, False),
        (None, None, True),
        ("x", "x", True),
        ("x", "X", False),
        ("1", 1, False),
        (True, True, True),
        (True, 1, False),
    ],
)
def test_compare_rules(tmp_path, cached, recalculated, same):
    original = _single_formula(tmp_path / "o.xlsx", cached)
    other = _single_formula(tmp_path / "r.xlsx", recalculated)
    problems = compare_recalculated(original, other)
    assert (problems == []) is same, problems
    if not same:
        assert problems[0].startswith("S!A2 =A1*0: ")
