"""Finding the input workbooks in a folder (subfolders included)."""

from __future__ import annotations

from pathlib import Path

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm"}


def is_ignored(path: Path) -> bool:
    """Excel lock files (`~$…`), hidden files and temporary copies are never inputs."""
    name = path.name
    return name.startswith(("~$", ".", "~")) or name.endswith((".tmp", ".part"))


def discover(folder: Path, exclude: Path | None = None) -> list[Path]:
    """Every workbook under `folder`, in a stable order (by relative path), leaving out
    the folder `exclude` (the output folder, when it lies inside the input folder)."""
    skipped = exclude.resolve() if exclude is not None else None
    found = [
        path for path in folder.rglob("*")
        if path.is_file() and path.suffix.lower() in WORKBOOK_SUFFIXES
        and not any(is_ignored(Path(part)) for part in path.relative_to(folder).parts)
        and not (skipped is not None and path.resolve().is_relative_to(skipped))
    ]
    return sorted(found, key=lambda path: path.relative_to(folder).as_posix())
