"""Finding the input files in a folder (subfolders included): workbooks (.xlsx, .xlsm, old
.xls) and CSV; and saying which other files were passed over and why."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from pipeline.findings import Code

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}
# Downloads come as old Excel (.xls) or CSV (`,` or `;`) as well: read by content
# (`pipeline.parse`); a CSV may also be a chart of accounts.
LEGACY_SUFFIXES = {".xls"}
CHART_SUFFIXES = {".csv"}
READ_SUFFIXES = WORKBOOK_SUFFIXES | LEGACY_SUFFIXES | CHART_SUFFIXES
OTHER_FORMATS = {
    ".ods": "format LibreOffice (.ods); simpan sebagai .xlsx",
    ".xlsb": "format biner Excel (.xlsb); simpan sebagai .xlsx",
}


class Skipped(NamedTuple):
    path: str  # relative to the input folder
    code: Code  # file-skipped (a note) or file-other-format (a warning)
    message: str


class Found(NamedTuple):
    workbooks: list[Path]
    skipped: list[Skipped]


def is_ignored(name: str) -> bool:
    """Excel lock files (`~$…`), hidden files and temporary copies are never inputs."""
    return name.startswith(("~$", ".", "~")) or name.endswith((".tmp", ".part"))


def discover(folder: Path, exclude: Path | None = None) -> Found:
    """Every workbook under `folder`, in a stable order (by relative path), leaving out
    the folder `exclude` (the output folder, when it lies inside the input folder)."""
    skipped_folder = exclude.resolve() if exclude is not None else None
    workbooks: list[Path] = []
    skipped: list[Skipped] = []
    for path in sorted(folder.rglob("*"), key=lambda item: item.relative_to(folder).as_posix()):
        if not path.is_file():
            continue
        if skipped_folder is not None and path.resolve().is_relative_to(skipped_folder):
            continue
        relative = path.relative_to(folder)
        suffix = path.suffix.lower()
        if any(is_ignored(part) for part in relative.parts):
            if suffix in WORKBOOK_SUFFIXES | LEGACY_SUFFIXES and path.name.startswith("~$"):
                skipped.append(Skipped(relative.as_posix(), "file-skipped",
                                       "Berkas kunci Excel (~$…) dari workbook yang sedang "
                                       "dibuka; dilewati."))
            continue
        if suffix in READ_SUFFIXES:
            workbooks.append(path)
        elif suffix in OTHER_FORMATS:
            skipped.append(Skipped(relative.as_posix(), "file-other-format",
                                   f"Berkas {OTHER_FORMATS[suffix]}; tidak dibaca."))
    return Found(workbooks, skipped)


def display_name(path: Path, folder: Path) -> str:
    """The path as the officer sees it; bytes that are not UTF-8 shown as �."""
    text = path.relative_to(folder).as_posix()
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
