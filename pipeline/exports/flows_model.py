"""What the differencing of cumulative realisasi snapshots (`flows`) works on: a dated
snapshot, a line's cumulative as last known, a snapshot's line, and the template realisasi of
a year that the differencing nets out."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from typing import NamedTuple

from pipeline import codes, condense
from pipeline.exports.cells import text
from pipeline.tables import ParsedFile, SheetTable

Key = tuple[str, str]  # (kode sub kegiatan or "", kode rekening)


class Snapshot(NamedTuple):
    item: ParsedFile
    as_of: dt.date
    tables: tuple[SheetTable, ...]


class Known(NamedTuple):
    """A line's cumulative realisasi as last read."""

    amount: int
    month: int  # the month of the snapshot it was read from
    where: str  # `file › Sheet!F12`, or the file alone when the line was absent there
    as_of: dt.date
    uraian: str | None


class Templates(NamedTuple):
    """Template realisasi of one year: per (sub kegiatan, code) at every level, per month."""

    amounts: dict[Key, dict[int, int]]
    leaves: set[Key]
    files: dict[int, list[str]]  # per month, the template files that deliver it

    def between(self, key: Key, after: int, before: int) -> int:
        """Their realisasi of a line in the months strictly between two months."""
        months = self.amounts.get(key, {})
        return sum(amount for month, amount in months.items() if after < month < before)

    def months_between(self, after: int, before: int) -> list[int]:
        return [month for month in sorted(self.files) if after < month < before]


@dataclasses.dataclass
class Line:
    """One line of a snapshot: its cumulative amount and where it was written."""

    amount: int
    row: int  # its first Excel row
    rows: int  # how many snapshot rows it holds (0: absent, gone to 0)
    uraian: str | None
    uraian_row: int
    level: int
    table: int  # which of the snapshot's tables (sheets) it was read from


def year_templates(parsed: list[ParsedFile], year: int, skipped: set[int]) -> Templates:
    """The template realisasi of the year, but for the `skipped` months: a month that a
    snapshot delivers too is the run's month check's to refuse, never netted here."""
    amounts: dict[Key, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    leaves: set[Key] = set()
    files: dict[int, list[str]] = defaultdict(list)
    for item in parsed:
        for table in item.tables_of("realisasi"):
            frame = condense.with_months(table.frame) if "tanggal" in table.frame else table.frame
            lines = frame[condense.sums_lines(frame) & (frame["tahun"] == year).fillna(False)
                          & ~frame["bulan"].isin(skipped).fillna(False)]
            for line in lines.itertuples(index=False):
                key = (text(line.kode_sub_kegiatan), str(line.kode_rekening))
                month = int(line.bulan)
                leaves.add(key)
                for code in (*codes.parents(key[1]), key[1]):
                    amounts[(key[0], code)][month] += int(line.realisasi)
                if table.file not in files[month]:
                    files[month].append(table.file)
    return Templates(amounts, leaves, dict(files))
