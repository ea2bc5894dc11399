"""Downloads of another year or another OPD, set aside before anything is assembled.

Officers keep old downloads and other units' files in the same shared folder. A download
says of itself which year and SKPD it is for (`base.YEAR`, `base.SKPD` in its meta); the
report's year and OPD are the template DPA's (its `Identitas` sheet), else those of an
`Identitas` workbook, else the budget downloads' latest year and their SKPD. A download of
another year or OPD gets one note (`file-set-aside`) that names it and says why, and is
dropped: its own findings are not reported (`superseded`), so it never turns the report
into a DRAFT nor floods Validasi.

A file no layout fits was already named once as unrecognised. When it names this OPD and
this year and resembles a layout (`recognise.RESEMBLES`), it is a broken input rather than
an unrelated file: that note gives way to an error (`layout-incomplete`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from pipeline.exports.base import BUDGET_STAGE, LAYOUT, SKPD, YEAR
from pipeline.exports.recognise import MISSING, RESEMBLES
from pipeline.exports.registry import EXPORTS
from pipeline.findings import Code, Issue, issue
from pipeline.layouts import normalise_label
from pipeline.tables import ParsedFile

# Findings that take the place of everything a file's own parse found: a file set aside, a
# broken file of this OPD and year (its note gives way to the error), and a budget download
# of which nothing was used (`budget`: an older version of a stage).
SUPERSEDING: tuple[Code, ...] = ("file-set-aside", "layout-incomplete", "budget-stage-unused")


class Target(NamedTuple):
    """The year and OPD the report is for, as far as the folder tells them."""

    year: str | None
    opd: str | None


def set_aside(parsed: list[ParsedFile]) -> tuple[list[ParsedFile], list[Issue]]:
    """The files to assemble, and one finding for each file set aside or found broken."""
    target = target_of(parsed)
    kept: list[ParsedFile] = []
    issues: list[Issue] = []
    for item in parsed:
        if item.meta.get(LAYOUT):
            reason = _reason(item, target)
            if reason is not None:
                issues.append(issue("file-set-aside", reason, item.path))
                continue
        elif item.meta.get(RESEMBLES) and _is_ours(item, target):
            issues.append(issue("layout-incomplete", _broken(item, target), item.path))
        kept.append(item)
    return kept, issues


def superseded(issues: Iterable[Issue]) -> set[str]:
    """The files whose own findings give way to one of `SUPERSEDING` (made across files, by
    `pipeline.exports.assemble.from_exports`)."""
    return {found.file for found in issues if found.code in SUPERSEDING}


def target_of(parsed: list[ParsedFile]) -> Target:
    """The report's year and OPD: the template DPA's, an Identitas workbook's, else the
    budget downloads' latest year and the SKPD most of them name."""
    templates = [item for item in parsed if not item.meta and (
        item.tables_of("anggaran") or (not item.tables and item.identitas))]
    templates.sort(key=lambda item: not item.tables_of("anggaran"))  # the DPA first
    year = next((item.identitas.get("tahun_anggaran", "").strip() for item in templates
                 if item.identitas.get("tahun_anggaran", "").strip()), None)
    opd = next((item.identitas.get("perangkat_daerah", "").strip() for item in templates
                if item.identitas.get("perangkat_daerah", "").strip()), None)
    budgets = [item.meta for item in parsed if item.meta.get(LAYOUT)
               and item.tables_of(BUDGET_STAGE) and item.meta.get(YEAR)]
    if year is None and budgets:
        year = max((meta[YEAR] for meta in budgets), key=_year_key)
    if opd is None and budgets:
        named = Counter(meta[SKPD] for meta in budgets if meta[YEAR] == year and meta.get(SKPD))
        opd = named.most_common(1)[0][0] if named else None
    return Target(year, opd)


def same_opd(one: str, other: str) -> bool:
    """True unless the two names plainly differ: case, spaces and punctuation aside, one
    holds the other (`Dinas Sosial` and `DINAS SOSIAL KAB. LABUHANBATU UTARA`). A code or a
    blank says nothing, so it never differs."""
    first, second = normalise_label(one), normalise_label(other)
    if not _is_name(first) or not _is_name(second):
        return True
    return first in second or second in first


def _reason(item: ParsedFile, target: Target) -> str | None:
    title = _title(item.meta.get(LAYOUT, ""))
    year, opd = item.meta.get(YEAR, ""), item.meta.get(SKPD, "")
    if target.year and year and _year_key(year) != _year_key(target.year):
        return (f"Disisihkan: {title} ini untuk tahun anggaran {year} (tahun lain; laporan ini "
                f"tahun {target.year}). Isinya tidak dibaca dan temuan di dalamnya tidak "
                "dilaporkan.")
    if target.opd and opd and not same_opd(opd, target.opd):
        return (f"Disisihkan: {title} ini untuk {opd} (perangkat daerah lain; laporan ini "
                f"untuk {target.opd}). Isinya tidak dibaca dan temuan di dalamnya tidak "
                "dilaporkan.")
    return None


def _is_ours(item: ParsedFile, target: Target) -> bool:
    year, opd = item.meta.get(YEAR, ""), item.meta.get(SKPD, "")
    return bool(target.year and year and target.opd and _is_name(normalise_label(opd))
                and _year_key(year) == _year_key(target.year) and same_opd(opd, target.opd))


def _broken(item: ParsedFile, target: Target) -> str:
    return (f"Berkas ini untuk {item.meta.get(SKPD, '')} tahun {target.year}, sama dengan "
            f"laporan ini, dan mirip {item.meta[RESEMBLES]}, tetapi tidak dapat dibaca: "
            f"yang tidak ditemukan: {item.meta.get(MISSING, '-')}. Unduh ulang berkasnya "
            "tanpa mengubah kolomnya.")


def _title(name: str) -> str:
    export = next((export for export in EXPORTS if export.name == name), None)
    return f"unduhan {export.title}" if export is not None else "unduhan"


def _is_name(normalised: str) -> bool:
    return any(char.isalpha() for char in normalised)


def _year_key(year: str) -> int:
    digits = "".join(char for char in year if char.isdigit())
    return int(digits) if digits else 0
