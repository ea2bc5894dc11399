"""What every download layout is: its signature, its column aliases, and how its rows
become the lines the templates give.

A layout (`Export`) is recognised by content only: the required fields of its `layout`
must all be found on one header row (or header band) within the first rows, and, when it
names `titles`, one of those phrases must appear in the rows above the header. File and
sheet names never decide the layout (a file name may still carry the stage or the as-of
date, which the layout's `read` takes from `Source.name`).

`read` is pure: a grid in, an `Extract` out (typed `SheetTable`s, identity fields, findings
and what the file says of itself). It never raises for bad data.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import NamedTuple

from pipeline.excel.grid import Grid
from pipeline.excel.header import Header
from pipeline.findings import Issue
from pipeline.layouts import Layout
from pipeline.tables import SheetTable

# Meta keys an Extract may set (all values are text):
LAYOUT = "layout"  # the Export's name, e.g. "sipd-rekap"
YEAR = "tahun"  # the fiscal year the file says it is for, e.g. "2023"
SKPD = "skpd"  # the SKPD (perangkat daerah) the file says it is for, as written
SKPD_CODE = "kode_skpd"  # its KODE SKPD, where the file has that column
STAGE = "tahap"  # budget stage: "murni" or "perubahan"
VERSION = "versi"  # version number of a budget stage, e.g. "4"
AS_OF = "per_tanggal"  # as-of date of a cumulative file, ISO "2023-03-31"
MONTH = "bulan"  # the month a monthly file reports, "1".."12"

# Kinds of tables that downloads yield beside the template kinds ("anggaran", "program",
# "realisasi", "lra"): they are turned into template kinds across files by
# `pipeline.exports.assemble` before the run assembles its inputs.
BUDGET_STAGE = "anggaran_tahap"  # DPA lines of one stage (A1, A2): pagu in `pagu`
SNAPSHOT = "realisasi_kumulatif"  # cumulative realisasi as of a date (B1)
SPJ = "spj"  # realisasi of one month per rekening, a control (B2)


class Source(NamedTuple):
    """The file a grid comes from: its path as the officer sees it and its file name."""

    display: str
    name: str


class Extract(NamedTuple):
    tables: tuple[SheetTable, ...] = ()
    identitas: Mapping[str, str] = MappingProxyType({})
    issues: tuple[Issue, ...] = ()
    meta: Mapping[str, str] = MappingProxyType({})


class Export(NamedTuple):
    """One download layout, in one place."""

    name: str  # stable id, e.g. "sipd-rekap"
    title: str  # as an officer names it, in Indonesian: "Rekap Anggaran SIPD-RI"
    menu: str  # where it is downloaded, as far as known: "SIPD-RI › Penganggaran › Rekap"
    layout: Layout  # header fields and aliases; the required ones are the signature
    read: Callable[[Grid, Header, Source], Extract]
    titles: tuple[str, ...] = ()  # phrases (normalised) of which one must be in the title rows
