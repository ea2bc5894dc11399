"""What the differencing of realisasi snapshots (`flows`) tells the officer, in plain
Indonesian: a snapshot superseded within its month, a line that went down or vanished (a
correction), and a month's flow that spans several months or nets out template months."""

from __future__ import annotations

from pipeline.exports import period
from pipeline.exports.flows_model import Key, Known, Line, Snapshot, Templates
from pipeline.findings import Issue, issue
from pipeline.money import format_rupiah
from pipeline.tables import SheetTable


def superseded_note(snapshot: Snapshot, later: Snapshot) -> Issue:
    month = f"{period.month_name(snapshot.as_of.month)} {snapshot.as_of.year}"
    message = (f"Realisasi kumulatif posisi {period.spoken(snapshot.as_of)} digantikan oleh "
               f"{later.item.path} (posisi {period.spoken(later.as_of)}) untuk bulan {month}: "
               f"realisasi {month} dihitung dari posisi akhir bulan, yang sudah memuat "
               "perubahan sampai tanggal berkas ini. Berkas ini tidak dihitung tersendiri.")
    return issue("snapshot-superseded", message, snapshot.item.path)


def decrease_warning(snapshot: Snapshot, table: SheetTable, key: Key, line: Line, baseline: int,
                     before: Known | None, since: int, month: int, templates: Templates) -> Issue:
    amount = line.amount
    cell = table.cell("realisasi", line.row)
    message = (f"Realisasi kumulatif {_line_name(key)} turun dari Rp {format_rupiah(baseline)} "
               f"({_origin(before, since, month, templates)}) menjadi Rp "
               f"{format_rupiah(amount)} (sel {table.sheet}!{cell}, posisi "
               f"{period.spoken(snapshot.as_of)}): realisasi {_month_text(month, snapshot)} "
               f"dihitung Rp {format_rupiah(amount - baseline)} sebagai koreksi. Periksa "
               "koreksinya di SIPD-RI.")
    return issue("realisasi-decrease", message, snapshot.item.path, table.sheet, cell,
                 format_rupiah(amount))


def vanished_warning(snapshot: Snapshot, key: Key, baseline: int, before: Known | None, since: int,
                     month: int, templates: Templates) -> Issue:
    message = (f"{_line_name(key).capitalize()} ({_origin(before, since, month, templates)}, "
               f"Rp {format_rupiah(baseline)}) tidak ada lagi di realisasi kumulatif posisi "
               f"{period.spoken(snapshot.as_of)}: dianggap dikoreksi menjadi 0, realisasi "
               f"{_month_text(month, snapshot)} dihitung Rp {format_rupiah(-baseline)}. "
               "Periksa koreksinya di SIPD-RI.")
    return issue("realisasi-decrease", message, snapshot.item.path, snapshot.tables[0].sheet)


def span_note(snapshot: Snapshot, month: int, previous: int, templates: Templates
              ) -> list[Issue]:
    """A flow that covers more than its own month, or nets out template months."""
    netted = templates.months_between(previous, month)
    lumped = [other for other in range(previous + 1, month) if other not in netted]
    if not netted and not lumped:
        return []
    parts = []
    if lumped:
        span = [*lumped, month]
        parts.append(f"mencakup {_months(span, snapshot)} (tidak ada posisi akhir bulan "
                     "sebelumnya) dan dicatat seluruhnya pada bulan "
                     f"{period.month_name(month)}")
    if netted:
        files = sorted({file for other in netted for file in templates.files[other]})
        parts.append(f"sudah dikurangi realisasi {_months(netted, snapshot)} dari "
                     f"{', '.join(files)} agar tidak terhitung dua kali")
    message = (f"Realisasi {_month_text(month, snapshot)} dari realisasi kumulatif posisi "
               f"{period.spoken(snapshot.as_of)} {'; '.join(parts)}.")
    return [issue("snapshot-period", message, snapshot.item.path, snapshot.tables[0].sheet)]


def _origin(before: Known | None, since: int, month: int, templates: Templates) -> str:
    """Where a line's earlier cumulative was read."""
    parts = []
    if before is not None:
        parts.append(f"posisi {period.spoken(before.as_of)}, {before.where}")
    netted = [other for other in templates.months_between(since, month)]
    if netted:
        files = sorted({file for other in netted for file in templates.files[other]})
        parts.append(f"ditambah realisasi templat {', '.join(files)}")
    return "; ".join(parts) or "belum pernah tercatat"


def _line_name(key: Key) -> str:
    sub = f"sub kegiatan {key[0]}" if key[0] else "tanpa sub kegiatan"
    return f"rekening {key[1]} ({sub})"


def _month_text(month: int, snapshot: Snapshot) -> str:
    return f"{period.month_name(month)} {snapshot.as_of.year}"


def _months(months: list[int], snapshot: Snapshot) -> str:
    """`Januari–Maret 2023`, `Januari, Maret 2023`: runs of months joined."""
    runs: list[list[int]] = []
    for month in sorted(months):
        if runs and runs[-1][-1] == month - 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    names = [period.month_name(run[0]) if len(run) == 1 else
             f"{period.month_name(run[0])}–{period.month_name(run[-1])}" for run in runs]
    return f"{', '.join(names)} {snapshot.as_of.year}"
