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
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Sequence
from typing import Any, NamedTuple

import pandas as pd

from pipeline import codes
from pipeline.exports.base import BUDGET_STAGE, LAYOUT, SKPD, STAGE, VERSION, YEAR
from pipeline.exports.cells import sen, text
from pipeline.exports.dpa_print import DOCUMENT, PLANS
from pipeline.exports.rekap import NAME as REKAP
from pipeline.exports.stage import MURNI, PERUBAHAN, STAGE_LABELS
from pipeline.findings import Issue, issue
from pipeline.layouts import ANGGARAN, IDENTITAS_FIELDS, PROGRAM
from pipeline.tables import ParsedFile, SheetTable

MERGED = "gabungan-unduhan-anggaran"  # the synthetic file's layout in its meta
UNKNOWN = ""  # the stage of a file whose name does not tell it
NO_SUB = ""  # the sub kegiatan key of pendapatan and pembiayaan lines (they have none)
_WITHOUT_SUB_KEGIATAN = ("4", "6")
SIGNER_FIELDS = ("kepala", "nip", "pangkat")  # only an Identitas sheet gives these
ANGGARAN_COLUMNS = {
    "kode_sub_kegiatan": "string", "kode_rekening": "string", "uraian": "string",
    "pagu_murni": "Int64", "pagu_perubahan": "Int64", "sumber_dana": "string", "row": "int64",
    "rows": "int64", "level": "int8", "bad_kode_sub_kegiatan": "bool",
    "bad_kode_rekening": "bool", "bad_uraian": "bool", "bad_pagu_murni": "bool",
    "bad_pagu_perubahan": "bool", "bad_sumber_dana": "bool",
}
PAGU_FIELD = {MURNI: "pagu_murni", PERUBAHAN: "pagu_perubahan"}


class Candidate(NamedTuple):
    """One sheet's lines of one stage, and how it ranks against the others of its stage."""

    item: ParsedFile
    table: SheetTable
    stage: str
    version: int
    plan: bool  # an RKA / RKPA: the plan, before the DPA
    complete: bool  # a Rekap holds the whole stage; a print only its own sub kegiatan
    both: bool  # the file gives both stages (a DPPA print)

    def rank(self) -> tuple[int, bool, bool, bool, str, str]:
        """Sort key: the best first."""
        return (-self.version, self.plan, not self.complete, not self.both, self.item.path,
                self.table.sheet)

    @property
    def described(self) -> str:
        version = f", versi {self.version}" if self.version else ""
        form = self.item.meta.get(DOCUMENT, "")
        kind = "Rekap SIPD-RI" if self.complete else f"cetakan {form or 'DPA'}-Rincian Belanja"
        return f"{kind}{version}"


class Used(NamedTuple):
    """A candidate used for its stage, with the sub kegiatan taken from it (`NO_SUB`: its
    pendapatan and pembiayaan lines); its rows of no sub kegiatan come along."""

    candidate: Candidate
    subs: frozenset[str]


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
        return rest, [_unused(item.path, reason) for item in downloads]
    candidates = [_candidate(item, table) for item in downloads
                  for table in item.tables_of(BUDGET_STAGE)]
    used, parts, unused = _choose(candidates)
    partial, found = _partial_findings(used)
    issues = _file_notes(parts, unused, partial) + found
    if not used:  # no download holds a single row: nothing to join
        return rest, issues
    merged, found = _join(used, parsed)
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


def _candidate(item: ParsedFile, table: SheetTable) -> Candidate:
    stages = table.frame["tahap"].dropna().unique().tolist() if "tahap" in table.frame else []
    stage = str(stages[0]) if stages else item.meta.get(STAGE, UNKNOWN)
    version = item.meta.get(VERSION, "")
    sheet_stages = {str(value) for other in item.tables_of(BUDGET_STAGE)
                    if other.sheet == table.sheet for value in other.frame["tahap"].dropna()}
    return Candidate(item, table, stage, int(version) if version.isdigit() else 0,
                     item.meta.get(DOCUMENT, "") in PLANS, item.meta.get(LAYOUT) == REKAP,
                     {MURNI, PERUBAHAN} <= sheet_stages)


# --- which file gives each stage -----------------------------------------------------------

def _choose(candidates: list[Candidate]
            ) -> tuple[dict[str, list[Used]], dict[str, list[str]], dict[str, list[str]]]:
    """Per stage, the candidates used (best first); per file, what was taken from it and
    what was not. Files of an unknown stage are used as murni only when no stage is
    known."""
    known = [candidate for candidate in candidates if candidate.stage != UNKNOWN]
    unknown = [candidate for candidate in candidates if candidate.stage == UNKNOWN]
    notes: dict[str, list[str]] = {}
    used: dict[str, list[Used]] = {}
    if known:
        for candidate in unknown:
            notes.setdefault(candidate.item.path, []).append(
                "tahapnya tidak dapat ditentukan dari nama berkas, sedangkan ada unduhan "
                "anggaran yang tahapnya diketahui; berkas ini tidak dipakai")
        pools = {stage: [item for item in known if item.stage == stage]
                 for stage in (MURNI, PERUBAHAN)}
    else:
        pools = {MURNI: unknown, PERUBAHAN: []}
    for stage, pool in pools.items():
        if picked := _pick(pool, notes):
            used[stage] = picked
    return used, _used_parts(used, bool(known)), notes


def _pick(pool: list[Candidate], notes: dict[str, list[str]]) -> list[Used]:
    """The candidates of one stage to use, best first, each with the sub kegiatan it gives."""
    covered: set[str] = set()
    used: list[Used] = []
    closed_by: Candidate | None = None
    for candidate in sorted(pool, key=Candidate.rank):
        stage = candidate.stage or "tidak diketahui"
        if closed_by is not None:
            notes.setdefault(candidate.item.path, []).append(
                f"tahap {stage} ({candidate.described}) tidak dipakai: {closed_by.item.path} "
                f"({closed_by.described}) lebih baru atau lebih lengkap dan dipakai")
            continue
        keys = sub_keys(candidate.table.frame)
        subs = set(keys.dropna())
        fresh = subs - covered
        if keys.empty:
            notes.setdefault(candidate.item.path, []).append(
                f"tahap {stage} ({candidate.described}) tidak berisi baris anggaran")
            continue
        if subs and not fresh:
            notes.setdefault(candidate.item.path, []).append(
                f"tahap {stage} ({candidate.described}) tidak dipakai: semua sub kegiatannya "
                f"sudah dibaca dari {used[0].candidate.item.path if used else '-'}")
            continue
        used.append(Used(candidate, frozenset(fresh)))
        covered |= fresh
        if candidate.complete:
            closed_by = candidate
    return used


def sub_keys(frame: pd.DataFrame) -> pd.Series:
    """The sub kegiatan each row of a stage table is placed in: its code; `NO_SUB` for a
    pendapatan or pembiayaan row without one; None for a row that cannot be placed (its
    sub kegiatan unreadable, refused or missing where one is needed)."""
    placed = frame["kode_sub_kegiatan"].notna() & ~frame["bad_kode_sub_kegiatan"]
    akun = frame["kode_rekening"].str.slice(0, 1)
    no_sub = (frame["kode_sub_kegiatan"].isna() & ~frame["bad_kode_sub_kegiatan"]
              & ~frame["bad_kode_rekening"]
              & akun.isin(_WITHOUT_SUB_KEGIATAN).fillna(False).astype(bool))
    keys = pd.Series(None, index=frame.index, dtype=object)
    keys[placed] = frame.loc[placed, "kode_sub_kegiatan"].astype(str)
    keys[no_sub] = NO_SUB
    return keys


def _used_parts(used: dict[str, list[Used]], stage_known: bool) -> dict[str, list[str]]:
    """Per file used, what it gives: its stages, and which sub kegiatan when not all."""
    by_file: dict[str, list[str]] = {}
    for stage, items in used.items():
        for entry in items:
            candidate = entry.candidate
            label = STAGE_LABELS[stage] if stage_known else "Pagu murni dan perubahan"
            if not stage_known:
                label += " (tahap tidak diketahui dari nama berkas)"
            subs = set(sub_keys(candidate.table.frame).dropna())
            part = "" if entry.subs >= subs else (
                f", {len(entry.subs)} dari {len(subs)} sub kegiatan (sisanya dari berkas yang "
                "lebih baru)")
            by_file.setdefault(candidate.item.path, []).append(
                f"{label} diambil dari berkas ini ({candidate.described}, sheet "
                f"{candidate.table.sheet}{part})")
    return by_file


def _file_notes(used: dict[str, list[str]], unused: dict[str, list[str]], partial: set[str]
                ) -> list[Issue]:
    """One note per file: what was taken from it (and what not, when only part was); a file
    nothing was taken from is named as not used, so that its own findings can give way."""
    issues = [issue("budget-stage-partial", "; ".join(parts + unused.get(path, []))
                    + ". Temuan berkas ini pada sub kegiatan yang tidak diambil darinya tidak "
                    "dilaporkan.", path) if path in partial else
              issue("budget-stage-used", "; ".join(parts + unused.get(path, [])) + ".", path)
              for path, parts in used.items()]
    return issues + [_unused(path, "; ".join(reasons)) for path, reasons in unused.items()
                     if path not in used]


def _unused(path: str, reason: str) -> Issue:
    return issue("budget-stage-unused", f"Berkas anggaran ini tidak dipakai: {reason}.", path)


# --- the findings of a file used in part ----------------------------------------------------

def _partial_findings(used: dict[str, list[Used]]) -> tuple[set[str], list[Issue]]:
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


# --- the stages joined ---------------------------------------------------------------------

class Origin(NamedTuple):
    """Where a line's cells are: a file and sheet."""

    file: str
    sheet: str


def _join(used: dict[str, list[Used]], parsed: list[ParsedFile]
          ) -> tuple[ParsedFile, list[Issue]]:
    """The stages as one DPA file: lines keyed by (sub kegiatan, rekening)."""
    stages = {stage: _stage_rows(items) for stage, items in used.items()}
    letters = _letters(used)
    primary = (used.get(PERUBAHAN) or used[MURNI])[0].candidate
    lines, issues = _lines(stages, letters, primary)
    rejected = [row for stage, (_, bad) in stages.items() for row in _bad_lines(bad, stage)]
    records: dict[Origin, list[dict[str, Any]]] = {}
    for origin, record in lines + rejected:
        records.setdefault(origin, []).append(record)
    tables = _program_tables(used) + [
        SheetTable(ANGGARAN.kind, origin.file, origin.sheet,
                   {name: letter for name, letter in letters.get(origin, {}).items() if letter},
                   pd.DataFrame.from_records(rows, columns=list(ANGGARAN_COLUMNS))
                   .astype(ANGGARAN_COLUMNS))
        for origin, rows in records.items()]
    identitas, found = _identitas(used, parsed, primary)
    files = {entry.candidate.item.path: entry.candidate.item.digest
             for items in used.values() for entry in items}
    digest = hashlib.sha256("".join(files.values()).encode()).hexdigest()
    meta = {LAYOUT: MERGED, YEAR: primary.item.meta.get(YEAR, ""),
            SKPD: primary.item.meta.get(SKPD, "")}
    merged = ParsedFile(primary.item.path, digest, tuple(tables), identitas, (),
                        (ANGGARAN.kind, PROGRAM.kind),
                        {key: value for key, value in meta.items() if value})
    return merged, issues + found


def _lines(stages: dict[str, tuple[dict[tuple[str, str], Row], list[Row]]],
           letters: dict[Origin, dict[str, str]], primary: Candidate
           ) -> tuple[list[Row], list[Issue]]:
    """The DPA lines of the stages there are: both joined; perubahan alone copied into
    murni, with a warning (the letters of pagu murni then point at the perubahan cells);
    murni alone (or a stage unknown) copied into perubahan."""
    murni, perubahan = stages.get(MURNI), stages.get(PERUBAHAN)
    if murni is not None and perubahan is not None:
        return _both_stages(murni[0], perubahan[0], letters)
    if perubahan is not None:
        for own in letters.values():
            own["pagu_murni"] = own.get("pagu_perubahan", "")
        message = ("Hanya unduhan anggaran tahap perubahan yang ada; pagu murni tidak diketahui "
                   "dan disamakan dengan pagu perubahan. Tambahkan unduhan tahap Penetapan "
                   "(murni) agar kolom pagu murni benar.")
        return ([_line(row, PERUBAHAN, copy_to=MURNI) for row in perubahan[0].values()],
                [issue("murni-unknown", message, primary.item.path, primary.table.sheet)])
    assert murni is not None  # `used` holds at least one stage
    return [_line(row, MURNI, copy_to=PERUBAHAN) for row in murni[0].values()], []


Row = tuple[Origin, dict[str, Any]]  # a record as `DataFrame.to_dict` gives it


def _stage_rows(items: list[Used]) -> tuple[dict[tuple[str, str], Row], list[Row]]:
    """One stage's lines keyed by (sub kegiatan, rekening), a key met twice summed at its
    first cell; and its rows that cannot be lines."""
    lines: dict[tuple[str, str], Row] = {}
    bad: list[Row] = []
    for entry in items:
        table = entry.candidate.table
        origin = Origin(table.file, table.sheet)
        keys = sub_keys(table.frame)
        frame = table.frame[keys.isin(list(entry.subs)) | keys.isna()]
        usable = (frame["kode_rekening"].notna() & (frame["level"] == 6)
                  & ~frame[["bad_kode_sub_kegiatan", "bad_kode_rekening", "bad_pagu"]].any(axis=1))
        for record in frame[usable].to_dict("records"):
            key = (text(record["kode_sub_kegiatan"]), str(record["kode_rekening"]))
            if key in lines:
                lines[key][1]["pagu"] = sen(lines[key][1]["pagu"]) + sen(record["pagu"])
                lines[key][1]["rows"] = int(lines[key][1]["rows"]) + int(record["rows"])
            else:
                lines[key] = (origin, record)
        bad += [(origin, record) for record in frame[~usable].to_dict("records")]
    return lines, bad


def _both_stages(murni: dict[tuple[str, str], Row], perubahan: dict[tuple[str, str], Row],
                 letters: dict[Origin, dict[str, str]]) -> tuple[list[Row], list[Issue]]:
    """Murni and perubahan joined; a line of one stage only gets 0 in the other, noted."""
    lines: list[Row] = []
    issues: list[Issue] = []
    for key in [*perubahan, *(key for key in murni if key not in perubahan)]:
        if key in perubahan:
            origin, record = _line(perubahan[key], PERUBAHAN)
            record["pagu_murni"] = sen(murni[key][1]["pagu"]) if key in murni else 0
        else:
            origin, record = _line(murni[key], MURNI)
            record["pagu_perubahan"] = 0
        lines.append((origin, record))
        if key not in murni or key not in perubahan:
            cell = f"{letters.get(origin, {}).get('kode_rekening', '')}{record['row']}"
            issues.append(_one_stage_note(key, origin, cell, PERUBAHAN if key in perubahan
                                          else MURNI))
    return lines, issues


def _one_stage_note(key: tuple[str, str], origin: Origin, cell: str, stage: str) -> Issue:
    sub, account = key
    other = MURNI if stage == PERUBAHAN else PERUBAHAN
    why = "ditambahkan pada perubahan" if stage == PERUBAHAN else "dihapus pada perubahan"
    message = (f"Rekening {account} pada sub kegiatan {sub or '(tanpa sub kegiatan)'} hanya ada "
               f"pada tahap {stage} ({why}); {STAGE_LABELS[other]} baris ini diisi "
               "0.")
    return issue("line-one-stage", message, origin.file, origin.sheet, cell, account)


def _line(row: Row, stage: str, copy_to: str | None = None) -> Row:
    """A stage line as a template `anggaran` record: its pagu in the stage's column (and
    copied into the other column when that stage is unknown)."""
    origin, source = row
    pagu = sen(source["pagu"])
    record: dict[str, Any] = {
        "kode_sub_kegiatan": source["kode_sub_kegiatan"], "kode_rekening": source["kode_rekening"],
        "uraian": source["uraian"], "pagu_murni": pd.NA, "pagu_perubahan": pd.NA,
        "sumber_dana": source["sumber_dana"], "row": int(source["row"]),
        "rows": int(source["rows"]), "level": 6, "bad_kode_sub_kegiatan": False,
        "bad_kode_rekening": False, "bad_uraian": False, "bad_pagu_murni": False,
        "bad_pagu_perubahan": False, "bad_sumber_dana": False}
    record[PAGU_FIELD[stage]] = pagu
    if copy_to is not None:
        record[PAGU_FIELD[copy_to]] = pagu
    return origin, record


def _bad_lines(rows: list[Row], stage: str) -> list[Row]:
    """Rows that could not become lines, as `anggaran` records keeping their flags."""
    found: list[Row] = []
    for origin, source in rows:
        record: dict[str, Any] = {
            "kode_sub_kegiatan": source["kode_sub_kegiatan"],
            "kode_rekening": source["kode_rekening"], "uraian": source["uraian"],
            "pagu_murni": pd.NA, "pagu_perubahan": pd.NA, "sumber_dana": source["sumber_dana"],
            "row": int(source["row"]), "rows": int(source["rows"]), "level": source["level"],
            "bad_kode_sub_kegiatan": bool(source["bad_kode_sub_kegiatan"]),
            "bad_kode_rekening": bool(source["bad_kode_rekening"]), "bad_uraian": False,
            "bad_pagu_murni": False, "bad_pagu_perubahan": False, "bad_sumber_dana": False}
        field = PAGU_FIELD.get(stage, "pagu_murni")
        record[field] = source["pagu"]
        record[f"bad_{field}"] = bool(source["bad_pagu"])
        found.append((origin, record))
    return found


def _letters(used: dict[str, list[Used]]) -> dict[Origin, dict[str, str]]:
    """Per source sheet, the column letter of each `anggaran` field: the codes, uraian and
    sumber dana as the sheet has them, and the pagu column of each stage it gives."""
    letters: dict[Origin, dict[str, str]] = {}
    for stage, items in used.items():
        for entry in items:
            table = entry.candidate.table
            own = letters.setdefault(Origin(table.file, table.sheet), {})
            for name in ("kode_sub_kegiatan", "kode_rekening", "uraian", "sumber_dana"):
                if name in table.letters:
                    own.setdefault(name, table.letters[name])
            if "pagu" in table.letters:
                own[PAGU_FIELD.get(stage, "pagu_murni")] = table.letters["pagu"]
    return letters


def _program_tables(used: dict[str, list[Used]]) -> list[SheetTable]:
    """The program tables of the sheets used, the perubahan stage's first; a code already
    given by an earlier table is left out of a later one."""
    order = [entry.candidate for stage in (PERUBAHAN, MURNI) for entry in used.get(stage, [])]
    seen: set[str] = set()
    tables: list[SheetTable] = []
    for candidate in order:
        for table in candidate.item.tables_of(PROGRAM.kind):
            if table.sheet != candidate.table.sheet or any(
                    table is earlier for earlier in tables):
                continue
            frame = table.frame[~table.frame["kode"].isin(list(seen))].reset_index(drop=True)
            seen |= set(frame["kode"].dropna())
            tables.append(SheetTable(table.kind, table.file, table.sheet, table.letters, frame))
    return tables


def _identitas(used: dict[str, list[Used]], parsed: Sequence[ParsedFile], primary: Candidate
               ) -> tuple[dict[str, str], list[Issue]]:
    """Pemerintah daerah, perangkat daerah and tahun from the downloads used (the primary
    first), else an Identitas sheet; kepala, NIP, pangkat and tempat from an Identitas sheet
    (beside a download, or a workbook of its own)."""
    downloads = [primary.item, *(entry.candidate.item for items in used.values()
                                 for entry in items)]
    sheets = [item for item in parsed if not item.tables and item.identitas]
    identitas: dict[str, str] = {}
    for name in IDENTITAS_FIELDS:
        value = next((item.identitas[name] for item in downloads + sheets
                      if item.identitas.get(name)), "")
        if value:
            identitas[name] = value
    missing = [IDENTITAS_FIELDS[name] for name in SIGNER_FIELDS if not identitas.get(name)]
    if not missing:
        return identitas, []
    message = (f"{', '.join(missing)} tidak ditemukan: unduhan SIPD-RI tidak memuatnya. "
               "Tambahkan sheet Identitas (dua kolom: isian dan nilainya, seperti di DPA "
               "templat), di workbook unduhan atau di workbook kecil tersendiri.")
    return identitas, [issue("identity-missing", message, primary.item.path)]
