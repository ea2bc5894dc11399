"""The budget downloads across files become one DPA: pagu murni and pagu perubahan.

Each Rekap (A1) or DPA print (A2) gives the lines of one stage (`BUDGET_STAGE` tables, see
`stage`); a DPPA print gives both. Across the folder:

1. A template DPA (a workbook with an `Anggaran` sheet) always wins: the downloads are
   named as not used, and nothing of them is read.
2. Per stage, the latest version wins (`Ver4` in the name; then a DPA before an RKA, a
   complete Rekap before a print, a file giving both stages, the first path). A Rekap is
   the whole stage, so the files ranked below it are set aside; a print holds only its
   own sub kegiatan (SIPD prints one kegiatan per file), so the prints of a stage are
   joined, each sub kegiatan taken from the best-ranked file that has it. Each file says
   what became of it in one note: `budget-stage-used` when it was taken whole,
   `budget-stage-partial` when only some of its sub kegiatan were (its findings on the
   others give way: only those on the rows it supplied, and those on the file as a whole,
   are reported again with the note), else `budget-stage-unused` (a file not read at all:
   its own findings give way). Rows that cannot be placed in a sub kegiatan (a code
   unreadable or missing, a row of another year or SKPD) go with their file: a file used
   for anything brings all of them, to end in the DPA's rejections.
3. A file whose stage is unknown is used only when no file of a known stage is there,
   then for both stages.
4. The stages are joined per (kode sub kegiatan, kode rekening) into ONE synthetic
   `ParsedFile` with an `anggaran` table (template fields: pagu_murni, pagu_perubahan …):
   a line of one stage only gets 0 in the other, said in a note per line; a perubahan
   stage alone leaves murni unknown, equal to perubahan, with a warning. Rows that could
   not become lines travel along, flagged, to be rejected by `assemble.split_anggaran`.
5. Every line keeps the file, sheet and row of a real cell: the synthetic file holds one
   `anggaran` table per source sheet (the perubahan stage's cell when a line has one, else
   the murni stage's), each with the letters of that sheet, so that `Inputs.letters`
   names real cells. The `program` tables and the identity come from the files used;
   Kepala, NIP, pangkat and tempat from an `Identitas` sheet (beside the download, or a
   small workbook of its own); missing, a warning.

This module is `merge_budget`: step 1, then the others in order: the files chosen per stage
and their notes (`budget_choice`), the findings of a file used in part (`budget_partial`),
the stages joined into one DPA (`budget_join`).
"""

from __future__ import annotations

from pipeline.exports.base import BUDGET_STAGE
from pipeline.exports.budget_choice import candidate_of, choose_stages, file_notes, unused_note
from pipeline.exports.budget_join import join_stages
from pipeline.exports.budget_partial import partial_findings
from pipeline.findings import Issue
from pipeline.layouts import ANGGARAN, PROGRAM
from pipeline.tables import ParsedFile


def merge_budget(parsed: list[ParsedFile]) -> tuple[list[ParsedFile], list[Issue]]:
    """The files with every budget download replaced by one synthetic DPA file, and the
    notes and findings that say which download gave what."""
    downloads = [item for item in parsed if item.tables_of(BUDGET_STAGE)]
    if not downloads:
        return list(parsed), []
    rest = [kept for item in parsed if (kept := _without_budget(item)) is not None]
    templates = [item for item in parsed if item.tables_of(ANGGARAN.kind)]
    if templates:
        reason = (f"workbook DPA templat {templates[0].path} ada di folder dan selalu "
                  "didahulukan; unduhan anggaran tidak dibaca")
        return rest, [unused_note(item.path, reason) for item in downloads]
    candidates = [candidate_of(item, table) for item in downloads
                  for table in item.tables_of(BUDGET_STAGE)]
    used, parts, unused = choose_stages(candidates)
    partial, found = partial_findings(used)
    issues = file_notes(parts, unused, partial) + found
    if not used:  # no download holds a single row: nothing to join
        return rest, issues
    merged, found = join_stages(used, parsed)
    return [*rest, merged], issues + found


def _without_budget(item: ParsedFile) -> ParsedFile | None:
    """A budget download's other tables (none: the file is dropped); other files as they are."""
    if not item.tables_of(BUDGET_STAGE):
        return item
    others = tuple(table for table in item.tables
                   if table.kind not in (BUDGET_STAGE, PROGRAM.kind))
    if not others:
        return None
    roles = tuple(sorted({table.kind for table in others}))
    return ParsedFile(item.path, item.digest, others, item.identitas, item.issues, roles,
                      item.meta)
