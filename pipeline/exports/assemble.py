"""From downloads to the tables the templates give, across files; pure.

Runs before the run assembles its inputs (`pipeline.run.assemble_inputs`):
1. files of another year or another OPD are set aside, each with one note (`aside`);
2. the budget stages (Rekap, DPA print) become one DPA: pagu murni and perubahan (`budget`);
3. cumulative realisasi snapshots become monthly realisasi by differencing (`flows`).
Template files pass through unchanged.
"""

from __future__ import annotations

from typing import NamedTuple

from pipeline.exports import aside, budget, flows
from pipeline.exports.base import SNAPSHOT, SPJ
from pipeline.findings import Issue
from pipeline.tables import ParsedFile


class Downloads(NamedTuple):
    files: list[ParsedFile]  # template tables only, ready to assemble
    issues: list[Issue]  # the notes and findings made across files
    controls: tuple[ParsedFile, ...]  # kept downloads that are also controls: the snapshots
    # as read (their PAGU against the DPA) and the SPJ Fungsional (against the realisasi)


def from_exports(parsed: list[ParsedFile]) -> Downloads:
    """The parsed files with every download turned into template tables, the notes and
    findings that say how, and the downloads the checks compare with the counted lines."""
    kept, issues = aside.set_aside(parsed)
    controls = tuple(item for item in kept if item.tables_of(SNAPSHOT) or item.tables_of(SPJ))
    files, found = budget.merge_budget(kept)
    issues += found
    files, found = flows.snapshot_flows(files)
    issues += found
    return Downloads(files, issues, controls)
