"""Cumulative realisasi snapshots (B1) → monthly realisasi, by differencing; pure.

Each snapshot states, per (sub kegiatan, kode rekening), the realisasi from 1 January to its
as-of date. Per year, in as-of order:
- the month's flow of a line = this snapshot − the line's cumulative as last known: the
  latest earlier snapshot in which the line was readable, plus what template realisasi files
  delivered for the months in between (so a template month is never counted twice). The
  first snapshot counts whole, from 1 January; a flow covering several months (no snapshot
  at the end of the months before) is booked on the snapshot's month, with a note;
- a line that went down (a correction) gives a negative flow, with a warning naming both
  cells; a line present before and absent now went down to 0, the same way;
- a line whose Realisasi cell cannot be read is not a flow this month (its row is rejected
  with its cell); the next snapshot differences against its last readable value;
- two snapshots in one month: the later one is the month's; the earlier is superseded (a
  note), its changes are inside the later one's difference;
- two snapshots of the same date: identical contents → the copy is skipped (a note);
  different contents → both become the same month's realisasi, and the run's month check
  (`assemble.resolve_months`) refuses the second file as a month sent twice. Likewise a
  template file delivering the snapshot's own month.

The result is one "realisasi" table per snapshot sheet, in the shape `condense.condense`
gives: every snapshot row ends in exactly one line (`rows` counts them) or stays as itself
when a deciding cell is unreadable, to be rejected with its cell. A line that went to 0 by
disappearing has no cell in the snapshot: its negative flow holds no row (`rows` 0) and
sits in a table of its own, of the snapshot's file but of no sheet and no column
(`VANISHED_SHEET`), so that every later finding on that line names the file alone, never a
cell that says something else.

The records the differencing works on are in `flows_model`; the notes and warnings it
gives, in `flows_notes`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from typing import Any, NamedTuple

import pandas as pd

from pipeline import codes
from pipeline.exports import period
from pipeline.exports.base import AS_OF, SNAPSHOT
from pipeline.exports.cells import sen, text
from pipeline.exports.flows_model import Key, Known, Line, Snapshot, Templates, year_templates
from pipeline.exports.flows_notes import (
    decrease_warning,
    span_note,
    superseded_note,
    vanished_warning,
)
from pipeline.findings import Issue, issue
from pipeline.tables import ParsedFile, SheetTable

# The realisasi table's columns and types, as `condense.condense` leaves them.
COLUMN_TYPES: dict[str, str] = {
    "row": "int64", "tahun": "Int64", "bulan": "Int64", "kode_sub_kegiatan": "string",
    "kode_rekening": "string", "uraian": "string", "realisasi": "Int64", "nomor_sp2d": "string",
    "tanggal": "object", "level": "int8", "rows": "int64", "uraian_row": "Int64",
}
FLAGS = ("tahun", "bulan", "kode_sub_kegiatan", "kode_rekening", "uraian", "realisasi",
         "nomor_sp2d", "tanggal")
VANISHED_SHEET = ""  # the sheet of the lines gone from a snapshot: none, so no cell
NO_ROW = 0  # their row: no Excel row of the snapshot holds them


def snapshot_flows(parsed: list[ParsedFile]) -> tuple[list[ParsedFile], list[Issue]]:
    """Every dated snapshot replaced by the monthly realisasi it implies, and the notes and
    warnings that say how. Undated snapshots stay as they are (their reading already
    reported the missing date); the run does not count them."""
    snapshots = [snapshot for item in parsed if (snapshot := _snapshot(item)) is not None]
    if not snapshots:
        return list(parsed), []
    others = [item for item in parsed if not item.tables_of(SNAPSHOT)]
    replaced: dict[str, ParsedFile] = {}
    issues: list[Issue] = []
    for year in sorted({snapshot.as_of.year for snapshot in snapshots}):
        of_year = sorted((snapshot for snapshot in snapshots if snapshot.as_of.year == year),
                         key=lambda snapshot: (snapshot.as_of, snapshot.item.path))
        found_files, found = _year_flows(year, of_year, others)
        replaced.update(found_files)
        issues += found
    return [replaced.get(item.path, item) for item in parsed], issues


def _snapshot(item: ParsedFile) -> Snapshot | None:
    tables = tuple(item.tables_of(SNAPSHOT))
    text = item.meta.get(AS_OF, "")
    if not tables or not text:
        return None
    try:
        return Snapshot(item, dt.date.fromisoformat(text), tables)
    except ValueError:
        return None


def _year_flows(year: int, snapshots: list[Snapshot], others: list[ParsedFile]
                ) -> tuple[dict[str, ParsedFile], list[Issue]]:
    issues: list[Issue] = []
    kept: list[Snapshot] = []
    for snapshot in snapshots:
        twin = next((other for other in kept if other.as_of == snapshot.as_of
                     and _contents(other) == _contents(snapshot)), None)
        if twin is None:
            kept.append(snapshot)
            continue
        message = (f"Isi realisasi kumulatif sama dengan {twin.item.path} (posisi "
                   f"{period.spoken(snapshot.as_of)}); salinan ini dilewati.")
        issues.append(issue("file-duplicate", message, snapshot.item.path))
    by_month: dict[int, list[Snapshot]] = defaultdict(list)
    for snapshot in kept:
        by_month[snapshot.as_of.month].append(snapshot)
    templates = year_templates(others, year, set(by_month))
    known: dict[Key, Known] = {}
    replaced: dict[str, ParsedFile] = {}
    previous = 0
    for month in sorted(by_month):
        day = max(snapshot.as_of for snapshot in by_month[month])
        current = [snapshot for snapshot in by_month[month] if snapshot.as_of == day]
        issues += [superseded_note(snapshot, current[0]) for snapshot in by_month[month]
                   if snapshot.as_of < day]
        for position, snapshot in enumerate(current):
            flows = _month_flows(snapshot, year, month, previous, known, templates)
            replaced[snapshot.item.path] = dataclasses.replace(
                snapshot.item, tables=flows.tables, roles=_roles(flows.tables))
            if position == 0:  # the others are refused as the month sent twice
                issues += flows.issues
                next_known = flows.known
        known = next_known
        previous = month
    return replaced, issues


def _contents(snapshot: Snapshot) -> list[tuple[str, ...]]:
    """A snapshot's rows as text (codes, Pagu, Realisasi, unreadable marks), in a stable
    order: two files with the same contents read the same."""
    columns = ["kode_sub_kegiatan", "kode_rekening", "pagu", "realisasi", "bad_kode_rekening",
               "bad_kode_sub_kegiatan", "bad_realisasi"]
    rows = [tuple(map(str, values)) for table in snapshot.tables
            for values in table.frame[columns].itertuples(index=False)]
    return sorted(rows)


class MonthFlows(NamedTuple):
    tables: tuple[SheetTable, ...]
    issues: list[Issue]
    known: dict[Key, Known]


def _month_flows(snapshot: Snapshot, year: int, month: int, previous: int,
                 known: dict[Key, Known], templates: Templates) -> MonthFlows:
    """The month's realisasi tables of one snapshot, its findings, and each line's
    cumulative as known after it."""
    combined = pd.concat([table.frame.assign(sheet_index=index)
                          for index, table in enumerate(snapshot.tables)], ignore_index=True)
    good = (combined["kode_rekening"].notna() & ~combined["bad_kode_rekening"]
            & ~combined["bad_kode_sub_kegiatan"] & ~combined["bad_tahun"]
            & (combined["tahun"] == year).fillna(False))
    readable = good & ~combined["bad_realisasi"]
    lines = _lines(combined[readable])
    unreadable = {_key(row) for row in combined[good & combined["bad_realisasi"]]
                  .itertuples(index=False)} - set(lines)
    after = dict(known)
    records: dict[int, list[dict[str, object]]] = defaultdict(list)
    issues: list[Issue] = []
    for key, line in lines.items():
        table = snapshot.tables[line.table]
        before = known.get(key)
        since = before.month if before else 0
        baseline = (before.amount if before else 0) + templates.between(key, since, month)
        flow = line.amount - baseline
        records[line.table].append(_record(key, line, flow, year, month))
        if flow < 0:
            issues.append(decrease_warning(snapshot, table, key, line, baseline, before, since,
                                           month, templates))
        after[key] = Known(line.amount, month, _cell(table, "realisasi", line.row),
                           snapshot.as_of, line.uraian)
    vanished: list[dict[str, object]] = []
    for key in _candidates(known, templates, month) - set(lines) - unreadable:
        before = known.get(key)
        since = before.month if before else 0
        baseline = (before.amount if before else 0) + templates.between(key, since, month)
        if baseline == 0:
            continue
        uraian = before.uraian if before else None
        gone = Line(0, NO_ROW, 0, uraian, NO_ROW, codes.level(key[1]), 0)
        vanished.append({**_record(key, gone, -baseline, year, month), "uraian_row": pd.NA})
        issues.append(vanished_warning(snapshot, key, baseline, before, since, month, templates))
        after[key] = Known(0, month, snapshot.item.path, snapshot.as_of, uraian)
    issues += span_note(snapshot, month, previous, templates)
    rest = combined[~readable]
    tables = tuple(_table(table.file, table.sheet, table.letters, records[index],
                          rest[rest["sheet_index"] == index], month)
                   for index, table in enumerate(snapshot.tables))
    if vanished:
        tables += (_table(snapshot.item.path, VANISHED_SHEET, {}, vanished, rest.iloc[:0],
                          month),)
    return MonthFlows(tables, issues, after)


def _lines(rows: pd.DataFrame) -> dict[Key, Line]:
    """The snapshot's readable rows summed per line (a line written on two rows is added)."""
    lines: dict[Key, Line] = {}
    for row in rows.sort_values("row", kind="stable").itertuples(index=False):
        key = _key(row)
        uraian = text(row.uraian) or None
        line = lines.get(key)
        if line is None:
            lines[key] = Line(sen(row.realisasi), int(row.row), 1, uraian, int(row.row),
                              int(row.level), int(row.sheet_index))
            continue
        line.amount += sen(row.realisasi)
        line.rows += 1
        if line.uraian is None and uraian is not None:
            line.uraian, line.uraian_row = uraian, int(row.row)
    return lines


def _candidates(known: dict[Key, Known], templates: Templates, month: int) -> set[Key]:
    """Lines that may have a cumulative before this month: read in an earlier snapshot, or
    delivered by a template file of an earlier month."""
    delivered = {key for key in templates.leaves
                 if any(other < month for other in templates.amounts.get(key, {}))}
    return set(known) | delivered


def _record(key: Key, line: Line, flow: int, year: int, month: int) -> dict[str, object]:
    return {"row": line.row, "tahun": year, "bulan": month,
            "kode_sub_kegiatan": key[0] or None, "kode_rekening": key[1],
            "uraian": line.uraian, "realisasi": flow, "level": line.level,
            "rows": line.rows, "uraian_row": line.uraian_row}


def _table(file: str, sheet: str, letters: dict[str, str], records: list[dict[str, object]],
           rest: pd.DataFrame, month: int) -> SheetTable:
    """One realisasi table: the month's lines and, as they were read, the rows that cannot
    count (a deciding cell unreadable), to be rejected with their cells."""
    lines = pd.DataFrame.from_records(records, columns=list(COLUMN_TYPES))
    kept = rest.assign(
        bulan=month, rows=1, uraian_row=rest["row"],
        tahun=rest["tahun"].where(~rest["bad_tahun"]))  # a refused year is named once, by read
    frame = pd.concat([lines, kept.reindex(columns=list(COLUMN_TYPES))], ignore_index=True)
    for name in FLAGS:
        flag = f"bad_{name}"
        values = [False] * len(lines) + (list(rest[flag]) if flag in rest else [False] * len(rest))
        frame[flag] = pd.Series(values, dtype=bool)
    frame = frame.astype(COLUMN_TYPES).sort_values("row", kind="stable").reset_index(drop=True)
    shown = {name: letter for name, letter in letters.items() if name in COLUMN_TYPES}
    return SheetTable("realisasi", file, sheet, shown, frame)


def _cell(table: SheetTable, field: str, row: int) -> str:
    return f"{table.file} › {table.sheet}!{table.cell(field, row)}"


def _roles(tables: tuple[SheetTable, ...]) -> tuple[str, ...]:
    return tuple(sorted({table.kind for table in tables}))


def _key(row: Any) -> Key:
    """The line a snapshot row (a named tuple of its frame) is written on."""
    return (text(row.kode_sub_kegiatan), str(row.kode_rekening))
