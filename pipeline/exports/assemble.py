"""From downloads to the tables the templates give, across files; pure.

Runs before the run assembles its inputs (`pipeline.run.assemble_inputs`):
1. files of another year or another OPD are set aside, each with one note (`aside`);
2. the budget stages (Rekap, DPA print) become one DPA: pagu murni and perubahan (`budget`);
3. cumulative realisasi snapshots become monthly realisasi by differencing (`flows`).
Template files pass through unchanged.
"""

from __future__ import annotations

from pipeline.exports import aside, budget, flows
from pipeline.findings import Issue
from pipeline.tables import ParsedFile


def from_exports(parsed: list[ParsedFile]) -> tuple[list[ParsedFile], list[Issue]]:
    """The parsed files with every download turned into template tables, and the notes
    and findings that says how."""
    kept, issues = aside.set_aside(parsed)
    kept, found = budget.merge_budget(kept)
    issues += found
    kept, found = flows.snapshot_flows(kept)
    issues += found
    return kept, issues
