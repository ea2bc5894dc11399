"""Which budget download gives each stage (`budget`, steps 2 and 3): per stage the
latest, most complete files first, a Rekap closing its stage, prints joined sub kegiatan by
sub kegiatan; and one note per file saying what was taken from it and what not."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from pipeline.exports.base import BUDGET_STAGE, LAYOUT, STAGE, VERSION
from pipeline.exports.dpa_print import DOCUMENT, PLANS
from pipeline.exports.rekap import NAME as REKAP
from pipeline.exports.stage import MURNI, PERUBAHAN, STAGE_LABELS
from pipeline.findings import Issue, issue
from pipeline.tables import ParsedFile, SheetTable

UNKNOWN = ""  # the stage of a file whose name does not tell it
NO_SUB = ""  # the sub kegiatan key of pendapatan and pembiayaan lines (they have none)
_WITHOUT_SUB_KEGIATAN = ("4", "6")


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


def candidate_of(item: ParsedFile, table: SheetTable) -> Candidate:
    stages = table.frame["tahap"].dropna().unique().tolist() if "tahap" in table.frame else []
    stage = str(stages[0]) if stages else item.meta.get(STAGE, UNKNOWN)
    version = item.meta.get(VERSION, "")
    sheet_stages = {str(value) for other in item.tables_of(BUDGET_STAGE)
                    if other.sheet == table.sheet for value in other.frame["tahap"].dropna()}
    return Candidate(item, table, stage, int(version) if version.isdigit() else 0,
                     item.meta.get(DOCUMENT, "") in PLANS, item.meta.get(LAYOUT) == REKAP,
                     {MURNI, PERUBAHAN} <= sheet_stages)


def choose_stages(candidates: list[Candidate]
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


def file_notes(used: dict[str, list[str]], unused: dict[str, list[str]], partial: set[str]
               ) -> list[Issue]:
    """One note per file: what was taken from it (and what not, when only part was); a file
    nothing was taken from is named as not used, so that its own findings can give way."""
    issues = [issue("budget-stage-partial", "; ".join(parts + unused.get(path, []))
                    + ". Temuan berkas ini pada sub kegiatan yang tidak diambil darinya tidak "
                    "dilaporkan.", path) if path in partial else
              issue("budget-stage-used", "; ".join(parts + unused.get(path, [])) + ".", path)
              for path, parts in used.items()]
    return issues + [unused_note(path, "; ".join(reasons)) for path, reasons in unused.items()
                     if path not in used]


def unused_note(path: str, reason: str) -> Issue:
    return issue("budget-stage-unused", f"Berkas anggaran ini tidak dipakai: {reason}.", path)
