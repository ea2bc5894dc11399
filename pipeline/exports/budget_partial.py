"""The findings of a budget download used in part (`budget`, step 2): those on the rows
of the sub kegiatan taken from it, on rows of no sub kegiatan, and on the file as a whole
are reported again; the others give way."""

from __future__ import annotations

import bisect

from pipeline import codes
from pipeline.exports.base import BUDGET_STAGE
from pipeline.exports.budget_choice import Used, sub_keys
from pipeline.findings import Issue
from pipeline.layouts import PROGRAM
from pipeline.tables import ParsedFile


def partial_findings(used: dict[str, list[Used]]) -> tuple[set[str], list[Issue]]:
    """The files of which only some sub kegiatan were taken, and their own findings to
    report with their note: those on the rows of the sub kegiatan taken, on rows of no sub
    kegiatan, and on the file as a whole (no cell, or a cell above its first table row)."""
    supplied: dict[str, tuple[ParsedFile, set[str]]] = {}
    for items in used.values():
        for entry in items:
            item = entry.candidate.item
            supplied.setdefault(item.path, (item, set()))[1].update(entry.subs)
    partial: set[str] = set()
    issues: list[Issue] = []
    for path, (item, taken) in supplied.items():
        tables = item.tables_of(BUDGET_STAGE)
        if {key for table in tables for key in sub_keys(table.frame).dropna()} <= taken:
            continue
        partial.add(path)
        owners = _row_owners(item)
        issues += [found for found in item.issues
                   if (owner := _owner(found, owners)) is None or owner in taken]
    return partial, issues


Owners = dict[str, tuple[list[int], list[str | None]]]  # per sheet: rows and their sub key


def _row_owners(item: ParsedFile) -> Owners:
    """Per sheet of a budget download, the Excel rows where a sub kegiatan's rows begin or
    go on (its lines, its refused rows, its `Sub Kegiatan :` label row), with the sub
    kegiatan they belong to; a row between two of them belongs to the one above it."""
    points: dict[str, dict[int, str | None]] = {}
    for table in item.tables_of(BUDGET_STAGE):
        own = points.setdefault(table.sheet, {})
        for row, key in zip(table.frame["row"], sub_keys(table.frame), strict=True):
            own.setdefault(int(row), key)
    for table in item.tables_of(PROGRAM.kind):
        if table.sheet not in points:
            continue
        for row, code in zip(table.frame["row"], table.frame["kode"], strict=True):
            if isinstance(code, str) and codes.is_sub_kegiatan_code(code):
                points[table.sheet].setdefault(int(row), code)
    return {sheet: (sorted(rows), [rows[row] for row in sorted(rows)])
            for sheet, rows in points.items()}


def _owner(found: Issue, owners: Owners) -> str | None:
    """The sub kegiatan whose rows a finding names; None when it names none."""
    digits = found.cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if found.sheet not in owners or not digits.isdigit():
        return None
    rows, keys = owners[found.sheet]
    position = bisect.bisect_right(rows, int(digits)) - 1
    return keys[position] if position >= 0 else None
