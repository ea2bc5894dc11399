"""Recalculate .xlsx files with a headless LibreOffice and compare against cached values.

The pipeline writes every subtotal/percentage as a live formula together with a cached
value. ``recalculate`` makes a real spreadsheet engine recompute those formulas;
``compare_recalculated`` reports every formula cell whose recomputed value differs
from the value we cached.

LibreOffice defaults to *never* recalculating OOXML files on load (it trusts the
cached ``<v>`` values), so a plain ``--convert-to`` would just copy our caches back.
We therefore run it with a private, throw-away user profile whose
``registrymodifications.xcu`` sets ``/org.openoffice.Office.Calc/Formula/Load``
``OOXMLRecalcMode`` (and ``ODFRecalcMode``) to 0 = "always recalculate".
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
from datetime import date, datetime, time, timedelta
from pathlib import Path

import openpyxl

__all__ = ["soffice_path", "recalculate", "to_pdf", "formula_cells", "compare_recalculated"]

TIMEOUT_SECONDS = 120

# 0 = always recalculate, 1 = never recalculate (LibreOffice's default), 2 = prompt.
_REGISTRY_XCU = """\
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">\
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">\
<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice_path() -> str | None:
    """Path of the LibreOffice binary, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    mac = "/Applications/LibreOffice.app/Contents/MacOS/soffice"
    return mac if os.path.exists(mac) else None


def recalculate(src: Path, workdir: Path) -> Path:
    """Load ``src`` in headless LibreOffice (forcing a full recalculation) and save it as xlsx.

    Everything LibreOffice writes (profile, output) stays inside ``workdir``.
    Returns the path of the converted workbook.
    """
    return _convert(src, workdir, "xlsx:Calc MS Excel 2007 XML", ".xlsx", "recalculated")


def to_pdf(src: Path, workdir: Path) -> Path:
    """Convert a document (.docx, needs LibreOffice Writer) to PDF with headless LibreOffice;
    everything it writes stays inside ``workdir``. Returns the path of the PDF."""
    return _convert(src, workdir, "pdf:writer_pdf_Export", ".pdf", "pdf")


def _convert(src: Path, workdir: Path, target: str, suffix: str, folder: str) -> Path:
    soffice = soffice_path()
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    src = Path(src).resolve()
    workdir = Path(workdir).resolve()
    profile = workdir / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_REGISTRY_XCU, encoding="utf-8")
    outdir = workdir / folder
    outdir.mkdir(parents=True, exist_ok=True)
    out = outdir / (src.stem + suffix)
    if out.exists():
        out.unlink()

    cmd = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        str(src),
    ]
    # HOME inside workdir: nothing may leak into (or be read from) the real user's config.
    env = dict(os.environ, HOME=str(workdir))
    try:
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(
            f"LibreOffice did not convert {src} within {TIMEOUT_SECONDS}s: {' '.join(cmd)}"
        ) from exc
    # soffice often exits 0 even when the conversion failed, so the output file decides.
    if proc.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        raise RuntimeError(
            f"LibreOffice failed to convert {src} to {out} (exit code {proc.returncode})\n"
            f"command: {' '.join(cmd)}\n"
            f"stdout: {proc.stdout.strip()}\n"
            f"stderr: {proc.stderr.strip()}"
        )
    return out


def _formula_text(value) -> str | None:
    """The formula of a cell read with data_only=False, or None for a plain value."""
    if isinstance(value, str):
        return value if value.startswith("=") else None
    text = getattr(value, "text", None)  # openpyxl ArrayFormula
    if isinstance(text, str):
        return text if text.startswith("=") else "=" + text
    return None


def _formulas_and_cached(path: Path) -> dict[tuple[str, str], tuple[str, object]]:
    """{(sheet, cell_ref): (formula, cached_value)} for every formula cell of ``path``."""
    formulas: dict[tuple[str, str], str] = {}
    wb = openpyxl.load_workbook(path, data_only=False)
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    formula = _formula_text(cell.value)
                    if formula is not None:
                        formulas[(ws.title, cell.coordinate)] = formula
    finally:
        wb.close()
    values = openpyxl.load_workbook(path, data_only=True)
    try:
        return {
            (sheet, ref): (formula, values[sheet][ref].value)
            for (sheet, ref), formula in formulas.items()
        }
    finally:
        values.close()


def formula_cells(path: Path) -> dict[tuple[str, str], object]:
    """{(sheet, cell_ref): cached_value} for every cell of ``path`` that holds a formula."""
    return {key: cached for key, (_, cached) in _formulas_and_cached(Path(path)).items()}


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_empty(value) -> bool:
    # openpyxl gives None for a missing <v> and '' for an empty string result; both mean "blank".
    return value is None or value == ""


def _same(cached, recalculated, tolerance: float) -> bool:
    if _is_empty(cached) or _is_empty(recalculated):
        # An empty cache where the engine computes a number (even 0) is a mismatch.
        return _is_empty(cached) and _is_empty(recalculated)
    if _is_number(cached) and _is_number(recalculated):
        if math.isnan(cached) or math.isnan(recalculated):
            return False
        return abs(cached - recalculated) <= tolerance
    if isinstance(cached, bool) or isinstance(recalculated, bool):
        return type(cached) is type(recalculated) and cached == recalculated
    if isinstance(cached, (datetime, date, time, timedelta)):
        return type(cached) is type(recalculated) and cached == recalculated
    if isinstance(cached, str) and isinstance(recalculated, str):
        return cached == recalculated
    return False  # different kinds of value, e.g. a number against a string or error


def compare_recalculated(original: Path, recalculated: Path, tolerance: float = 1e-9) -> list[str]:
    """Human-readable mismatches between the cached formula values of ``original`` and the
    values LibreOffice computed in ``recalculated``; an empty list means they all agree.

    Numbers agree when they differ by at most ``tolerance`` (absolute); strings (including
    error values such as ``#DIV/0!``) must be identical; None and '' both mean blank, and a
    blank never equals a number (not even 0).
    """
    cells = _formulas_and_cached(Path(original))
    problems: list[str] = []
    wb = openpyxl.load_workbook(recalculated, data_only=True)
    try:
        for (sheet, ref), (formula, cached) in cells.items():
            if sheet not in wb.sheetnames:
                problems.append(f"{sheet}!{ref} {formula}: sheet missing from recalculated file")
                continue
            value = wb[sheet][ref].value
            if not _same(cached, value, tolerance):
                problems.append(
                    f"{sheet}!{ref} {formula}: cached {cached!r} != recalculated {value!r}"
                )
    finally:
        wb.close()
    return problems
