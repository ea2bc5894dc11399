"""Whether an input folder is a pemda's: subfolders that each hold one OPD's inputs (one
DPA each, at least two of them). Only sheet names are read, so the command line asks this
of every input folder without loading the consolidation (`pipeline.pemda`), which a run for
one OPD never needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pipeline.discover import discover, is_ignored
from pipeline.excel.grid import sheet_names
from pipeline.layouts import ANGGARAN
from pipeline.parse import recognise
from pipeline.run import NothingToReport


@dataclass(frozen=True)
class PemdaLayout:
    """The subfolders of a pemda folder: those with a DPA (the OPDs) and those without,
    and the workbooks at its root (a pemda-wide LRA may sit there)."""

    opds: list[Path]
    without_dpa: list[Path]
    root_files: list[Path]


def pemda_layout(folder: Path, exclude: Path | None = None) -> PemdaLayout | None:
    """The OPD subfolders when `folder` is a pemda folder; None when it is one OPD's
    folder. A DPA at the root beside OPD subfolders is refused: which is meant is unclear."""
    if not folder.is_dir():
        return None
    skipped = exclude.resolve() if exclude is not None else None
    subfolders = sorted(path for path in folder.iterdir() if path.is_dir()
                        and not is_ignored(path.name) and path.resolve() != skipped)
    with_dpa = [path for path in subfolders if _dpas(path, exclude)]
    if not with_dpa:
        return None
    root_files = [path for path in discover(folder, exclude).workbooks if path.parent == folder]
    root_dpas = [path for path in root_files if _is_dpa(path)]
    if root_dpas:
        raise NothingToReport(
            f"Folder {folder} berisi DPA di folder induknya ({root_dpas[0].name}) dan juga "
            f"subfolder perangkat daerah dengan DPA ({', '.join(p.name for p in with_dpa)}). "
            "Untuk laporan satu perangkat daerah, simpan hanya satu DPA; untuk laporan pemda, "
            "pindahkan DPA di folder induk ke subfolder perangkat daerahnya sendiri.")
    if len(with_dpa) < 2:
        return None
    without = [path for path in subfolders if path not in with_dpa]
    return PemdaLayout(with_dpa, without, root_files)


def _dpas(folder: Path, exclude: Path | None) -> list[Path]:
    return [path for path in discover(folder, exclude).workbooks if _is_dpa(path)]


def _is_dpa(path: Path) -> bool:
    """A workbook with an `Anggaran` sheet (its sheet names only are read)."""
    if path.suffix.lower() == ".csv":
        return False
    try:
        layouts, _ = recognise(sheet_names(path))
    except Exception:  # noqa: BLE001 - an unreadable file is not a DPA; its run names it
        return False
    return any(layout is ANGGARAN for layout, _ in layouts)
