"""Writing the report workbook: sheets in order, fixed metadata, atomic save.

The workbook is written to a temporary file beside the target and renamed at the end, so
no half-written file ever carries the final name. An earlier report with different
content is kept under a timestamped name. The created date comes from the caller, so the
same input gives the same bytes. Only xlsxwriter's public API is used.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import NamedTuple

import xlsxwriter

from pipeline.report.efficiency_sheets import write_iii_a_6, write_iii_a_7
from pipeline.report.findings_sheets import write_reconciliation, write_validation
from pipeline.report.formats import make_formats
from pipeline.report.lakip_sheets import (
    write_iii_a_1,
    write_iii_a_2,
    write_iii_a_3,
    write_iii_a_4,
    write_iii_a_5,
)
from pipeline.report.lra_sheet import write_lra
from pipeline.report.model import Report
from pipeline.report.monthly_sheet import SHEET as MONTHLY_SHEET
from pipeline.report.monthly_sheet import write_monthly
from pipeline.report.summary_sheet import write_summary

KEEP = 5  # earlier copies of a report kept beside it (`…sebelum-<waktu>.xlsx`)
LAKIP_TABLES = ("III.A.1", "III.A.2", "III.A.3", "III.A.4", "III.A.5", "III.A.6", "III.A.7")
WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,  # no text from any input ever becomes a formula
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "in_memory": True,  # parts assembled in memory: no temporary file per part
}


def report_name(report: Report) -> str:
    """`LAKIP_2023_dinas-sosial.xlsx`."""
    slug = re.sub(r"[^0-9a-z]+", "-", report.opd.casefold()).strip("-") or "perangkat-daerah"
    return f"LAKIP_{report.year}_{slug}.xlsx"


def write_workbook(report: Report, path: Path) -> None:
    """Lay the report out into a new workbook at `path`."""
    workbook = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    workbook.set_properties({
        "title": f"LAKIP {report.opd} {report.year}",
        "subject": "Laporan Akuntabilitas Kinerja Instansi Pemerintah",
        "author": "LAKIP Pipeline",
        "created": report.created,
    })
    formats = make_formats(workbook, report.money_with_sen)
    names = ("Ringkasan", *LAKIP_TABLES, "LRA", MONTHLY_SHEET, "Rekonsiliasi", "Validasi")
    sheets = {name: workbook.add_worksheet(name) for name in names}
    for sheet in sheets.values():
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        sheet.set_footer("&L&A&RHalaman &P dari &N")
    lra_rows = write_lra(sheets["LRA"], report, formats)
    capaian_cells = write_iii_a_1(sheets["III.A.1"], report, formats)
    write_iii_a_2(sheets["III.A.2"], report, formats)
    write_iii_a_3(sheets["III.A.3"], report, formats)
    write_iii_a_4(sheets["III.A.4"], report, formats)
    write_iii_a_5(sheets["III.A.5"], report, formats)
    write_iii_a_6(sheets["III.A.6"], report, formats)
    write_iii_a_7(sheets["III.A.7"], report, formats, capaian_cells)
    write_summary(workbook, sheets["Ringkasan"], report, formats, lra_rows, capaian_cells)
    write_monthly(workbook, sheets[MONTHLY_SHEET], report, formats)
    write_reconciliation(sheets["Rekonsiliasi"], report, formats)
    write_validation(sheets["Validasi"], report, formats)
    workbook.close()


def _kept_name(target: Path, now: dt.datetime) -> Path:
    """A free name for the earlier report: `…sebelum-<time>.xlsx`, then `-2`, `-3` …"""
    stem = f"{target.stem}.sebelum-{now.strftime('%Y%m%d-%H%M%S')}"
    candidate = target.with_name(f"{stem}.xlsx")
    number = 2
    while candidate.exists():
        candidate = target.with_name(f"{stem}-{number}.xlsx")
        number += 1
    return candidate


def _keep(target: Path, kept: Path) -> None:
    """A second name for the earlier report, so that the final name is never empty: a hard
    link where the file system has them, else a copy."""
    try:
        os.link(target, kept)
    except OSError:
        shutil.copy2(target, kept)


def _umask() -> int:
    """The process umask (read by setting it, then restoring it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


class Saved(NamedTuple):
    """Where the report went; `locked` is the report's own name when that file was open in
    another program (Excel on Windows), so the report went to a sibling name instead."""

    path: Path
    locked: Path | None = None


def save_report(report: Report, folder: Path, now: dt.datetime, keep: int = KEEP) -> Saved:
    """Write atomically into `folder`. An earlier, different report is kept under a
    timestamped name (the newest `keep` of those are kept). A report that is open in
    another program cannot be replaced on Windows: the new one goes to `…(2).xlsx`."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / report_name(report)
    handle, name = tempfile.mkstemp(prefix=".lakip-", suffix=".xlsx.part", dir=folder)
    os.close(handle)
    temporary = Path(name)
    try:
        write_workbook(report, temporary)
        os.chmod(temporary, 0o666 & ~_umask())
        destination = _writable_name(target)
        _place(temporary, destination, now, keep)
    finally:
        temporary.unlink(missing_ok=True)
    return Saved(destination, target if destination != target else None)


def _place(temporary: Path, target: Path, now: dt.datetime, keep: int) -> None:
    """Give the new report its name; an earlier, different one is kept, not overwritten."""
    if target.exists():
        if temporary.read_bytes() == target.read_bytes():
            return
        _keep(target, _kept_name(target, now))
        _prune_kept(target, keep)
    os.replace(temporary, target)


def _writable_name(target: Path) -> Path:
    """The report's name, or `…(2).xlsx`, `…(3).xlsx` … when it is open elsewhere."""
    candidate, number = target, 2
    while _locked(candidate):
        candidate = target.with_name(f"{target.stem}({number}){target.suffix}")
        number += 1
    return candidate


def _locked(path: Path) -> bool:
    """True when the file exists and cannot be opened for writing: on Windows, a workbook
    open in Excel. (Opening it for update writes nothing.)"""
    try:
        with path.open("r+b"):
            return False
    except FileNotFoundError:
        return False
    except PermissionError:
        return True


def _prune_kept(target: Path, keep: int) -> None:
    """Remove all but the newest `keep` earlier copies of this report."""
    copies = sorted(target.parent.glob(f"{target.stem}.sebelum-*.xlsx"),
                    key=lambda path: (path.stat().st_mtime, path.name))
    for old in copies[:max(len(copies) - keep, 0)]:
        old.unlink(missing_ok=True)
