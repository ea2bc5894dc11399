"""Downloads of another year or another OPD, set aside before anything is assembled; files
no layout fits, told apart into unrelated files and broken inputs of this report.

Officers keep old downloads and other units' files in the same shared folder. A download
says of itself which year and SKPD it is for (`base.YEAR`, `base.SKPD`, `base.SKPD_CODE` in
its meta). The report's year and OPD (`target_of`) are the template DPA's (its `Identitas`
sheet), else those of an `Identitas` workbook, else the downloads':

- the year: the latest year that has both budget and realisasi downloads (a Penetapan Rekap
  of next year, adopted in December, never sets this year's whole set aside); else the
  latest budget year (a report needs its DPA); else the latest realisasi year;
- the OPD: the SKPD most budget downloads of that year name; on a tie, the one most
  downloads of that year name; then the first in alphabetical order, and the notes say so.

Two SKPD are the same when their KODE SKPD are equal (where both sides have one of the same
shape), else when their names are, case, spaces, punctuation and a leading code aside; a
name may go on with its pemda (`Dinas Sosial Kab. Labuhanbatu Utara`), never with more of
its own (`Dinas Sosial, Pemberdayaan Perempuan dan …` is another OPD in many pemda). A code
or a blank says nothing, so it never differs.

A download of another year or OPD gets one note (`file-set-aside`) that names it and says
why, and is dropped: its own findings are not reported (`superseded`), so it never turns the
report into a DRAFT nor floods Validasi.

A file no layout fits was already named once as unrecognised (a note), with the layout it
resembles most (`recognise.RESEMBLES`) and the labels that layout misses. Then:
- every label of a template sheet found, under another sheet name: a warning that says
  which name the sheet needs (`template-sheet-renamed`), unless the file is of another year
  or OPD (set aside, as a download would be);
- more than half of a layout's labels found, in a file that states this report's year and
  does not name another OPD: a broken input of this report, an error (`layout-incomplete`);
- anything else keeps its note: an unrelated file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from pipeline.exports.base import BUDGET_STAGE, LAYOUT, SKPD, SKPD_CODE, SNAPSHOT, SPJ, YEAR
from pipeline.exports.recognise import MISSING, RESEMBLES, RESEMBLING_SHEET, TEMPLATES
from pipeline.exports.registry import EXPORTS
from pipeline.findings import Code, Issue, issue
from pipeline.layouts import Layout
from pipeline.tables import ParsedFile

# Findings that take the place of everything a file's own parse found:
# - a file set aside (another year or OPD), a broken file of this report (its note gives way
#   to the error), a template sheet under another name (its note gives way to the warning);
# - a budget download of which nothing was used (`budget`), or only some sub kegiatan (its
#   findings on those are reported again with the note);
# - a cumulative snapshot superseded by a later one of its month, or the same contents
#   again (`flows`): nothing of it is counted, its changes are in the later one's.
SUPERSEDING: tuple[Code, ...] = ("file-set-aside", "layout-incomplete", "template-sheet-renamed",
                                 "budget-stage-unused", "budget-stage-partial",
                                 "snapshot-superseded", "file-duplicate")

_CODE_HEAD = re.compile(r"^\s*([0-9X]+(?:\s*\.\s*[0-9X]+)+)\s*[-–:]?\s*",  # noqa: RUF001
                        re.IGNORECASE)
_WORD = re.compile(r"[0-9a-z]+")
_PEMDA_WORDS = {"kabupaten", "kab", "kota", "provinsi", "prov", "pemerintah", "pemkab",
                "pemkot", "pemprov"}


class Opd(NamedTuple):
    """An SKPD as a file names it: its name and, where the file has one, its code."""

    name: str
    code: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        """The name's words, lower case, a leading code left out."""
        head = _CODE_HEAD.match(self.name)
        return tuple(_WORD.findall((self.name[head.end():] if head else self.name).casefold()))

    @property
    def segments(self) -> tuple[str, ...]:
        """The code's segments: KODE SKPD, else a code the name starts with."""
        head = _CODE_HEAD.match(self.name)
        code = self.code or (head.group(1) if head else "")
        return tuple(_WORD.findall(code.casefold()))

    def __str__(self) -> str:
        return self.name or self.code


class Target(NamedTuple):
    """The year and OPD the report is for, as far as the folder tells them, and how."""

    year: str | None
    opd: Opd | None
    basis: str = ""  # how they were decided, for the notes ("" when the templates say so)


class Resemblance(NamedTuple):
    """The layout a file no layout fits resembles most, as its meta tells it."""

    name: str
    template: Layout | None  # the template sheet's layout, when it is one
    missing: tuple[str, ...]
    total: int  # the labels (and the title, for a layout that has one) looked for


def set_aside(parsed: list[ParsedFile]) -> tuple[list[ParsedFile], list[Issue]]:
    """The files to assemble, and one finding for each file set aside or found broken."""
    target = target_of(parsed)
    kept: list[ParsedFile] = []
    issues: list[Issue] = []
    for item in parsed:
        if item.meta.get(LAYOUT):
            why = _elsewhere(item, target)
            if why is not None:
                issues.append(issue("file-set-aside", f"Disisihkan: {_title(item)} ini {why}. "
                                    "Isinya tidak dibaca dan temuan di dalamnya tidak "
                                    "dilaporkan.", item.path))
                continue
        elif item.meta.get(RESEMBLES):
            found = _unrecognised(item, target)
            if found is not None:
                issues.append(found)
        kept.append(item)
    return kept, issues


def superseded(issues: Iterable[Issue]) -> set[str]:
    """The files whose own findings give way to one of `SUPERSEDING` (made across files, by
    `pipeline.exports.assemble.from_exports`)."""
    return {found.file for found in issues if found.code in SUPERSEDING}


def target_of(parsed: list[ParsedFile]) -> Target:
    """The report's year and OPD (see the module's rules)."""
    templates = [item for item in parsed if not item.meta and (
        item.tables_of("anggaran") or (not item.tables and item.identitas))]
    templates.sort(key=lambda item: not item.tables_of("anggaran"))  # the DPA first
    year = next((value for item in templates
                 if (value := item.identitas.get("tahun_anggaran", "").strip())), None)
    name = next((value for item in templates
                 if (value := item.identitas.get("perangkat_daerah", "").strip())), None)
    downloads = [item for item in parsed if item.meta.get(LAYOUT) and item.meta.get(YEAR)]
    budgets = [item for item in downloads if item.tables_of(BUDGET_STAGE)]
    basis: list[str] = []
    if year is None:
        year, said = _year_of(budgets, [item for item in downloads
                                        if item.tables_of(SNAPSHOT) or item.tables_of(SPJ)])
        basis += [said] if said else []
    if name is not None:
        return Target(year, Opd(name), "; ".join(basis))
    opd, said = _opd_of([item for item in budgets if _same_year(item, year)],
                        [item for item in downloads if _same_year(item, year)])
    basis += [said] if said else []
    return Target(year, opd, "; ".join(basis))


def same_opd(one: Opd, other: Opd) -> bool:
    """True unless the two plainly differ (see the module's rules)."""
    codes, other_codes = one.segments, other.segments
    if codes and other_codes and len(codes) == len(other_codes):
        return codes == other_codes
    words, other_words = one.words, other.words
    if not _is_name(words) or not _is_name(other_words):
        return True
    if words == other_words:
        return True
    short, long = sorted((words, other_words), key=len)
    rest = long[len(short):]
    return long[:len(short)] == short and len(rest) >= 2 and rest[0] in _PEMDA_WORDS


def _year_of(budgets: list[ParsedFile], realisasi: list[ParsedFile]) -> tuple[str | None, str]:
    """The year of the downloads, and how it was chosen (see the module's rules)."""
    budget_years = {_year_key(item.meta[YEAR]) for item in budgets}
    realisasi_years = {_year_key(item.meta[YEAR]) for item in realisasi}
    both = budget_years & realisasi_years
    for years, said in ((both, "tahun terakhir yang memiliki unduhan anggaran dan realisasi"),
                        (budget_years, "tahun unduhan anggaran yang terakhir"),
                        (realisasi_years, "tahun unduhan realisasi yang terakhir")):
        if years:
            return str(max(years)), f"tahun {max(years)}: {said}"
    return None, ""


def _opd_of(budgets: list[ParsedFile], downloads: list[ParsedFile]) -> tuple[Opd | None, str]:
    """The SKPD most budget downloads of the year name (a tie: most downloads of the year,
    then the alphabet), with its KODE SKPD, and how it was chosen."""
    named = [item for item in budgets if item.meta.get(SKPD)]
    if not named:
        return None, ""
    written: dict[str, str] = {}  # normalised name -> the name as first written
    for item in named:
        written.setdefault(_key(item), item.meta[SKPD])
    counts = Counter(map(_key, named))
    everywhere = Counter(_key(item) for item in downloads if item.meta.get(SKPD))
    ranked = sorted(counts, key=lambda key: (-counts[key], -everywhere[key], key))
    chosen = ranked[0]
    code = Counter(item.meta[SKPD_CODE] for item in named
                   if _key(item) == chosen and item.meta.get(SKPD_CODE))
    opd = Opd(written[chosen], code.most_common(1)[0][0] if code else "")
    said = f"{opd}: perangkat daerah yang paling banyak disebut unduhan anggaran"
    tied = [key for key in ranked[1:] if counts[key] == counts[chosen]]
    if tied:
        others = ", ".join(written[key] for key in tied)
        how = ("dipilih yang lebih banyak disebut unduhan lain tahun itu"
               if everywhere[chosen] > everywhere[tied[0]] else "dipilih menurut abjad")
        said += f" (sama banyak dengan {others}; {how})"
    return opd, said


def _key(item: ParsedFile) -> str:
    """An SKPD name a file gives, as compared: its words, a leading code left out."""
    return " ".join(Opd(item.meta.get(SKPD, "")).words)


def _same_year(item: ParsedFile, year: str | None) -> bool:
    return year is None or _year_key(item.meta.get(YEAR, "")) == _year_key(year)


def _elsewhere(item: ParsedFile, target: Target) -> str | None:
    """Why a file is of another year or OPD than the report ("untuk tahun anggaran 2022 …"),
    or None when nothing it says contradicts the target."""
    year, skpd = item.meta.get(YEAR, ""), item.meta.get(SKPD, "")
    basis = f"; {target.basis}" if target.basis else ""
    if target.year and year and _year_key(year) != _year_key(target.year):
        return (f"untuk tahun anggaran {year} (tahun lain; laporan ini tahun {target.year}"
                f"{basis})")
    opd = Opd(skpd, item.meta.get(SKPD_CODE, ""))
    if target.opd is not None and (skpd or opd.code) and not same_opd(opd, target.opd):
        return (f"untuk {opd} (perangkat daerah lain; laporan ini untuk {target.opd}"
                f"{basis})")
    return None


def _unrecognised(item: ParsedFile, target: Target) -> Issue | None:
    """What a file no layout fits is, beyond its note (see the module's rules)."""
    like = _resemblance(item)
    why = _elsewhere(item, target)
    if like.template is not None and not like.missing:
        if why is not None:
            return issue("file-set-aside", f"Disisihkan: berkas ini mirip {like.name} {why}. "
                         "Isinya tidak dibaca.", item.path)
        sheet = like.template.sheet_names[0]
        if item.path.casefold().endswith(".csv"):  # a CSV has no sheet to rename
            message = (f"Berkas CSV ini memuat semua judul kolom wajib {like.name}, tetapi "
                       "templat hanya dibaca dari workbook Excel, sehingga isinya tidak "
                       f"dibaca. Salin tabelnya ke sheet bernama {sheet} di workbook .xlsx, "
                       "lalu jalankan ulang.")
        else:
            found_in = item.meta.get(RESEMBLING_SHEET, "")
            message = (f"Berkas ini memuat semua judul kolom wajib {like.name}, tetapi tidak "
                       f"ada sheet bernama {sheet}, sehingga isinya tidak dibaca. Ganti nama "
                       f"sheet {found_in or 'yang memuat tabel itu'} menjadi {sheet}, lalu "
                       "jalankan ulang.")
        return issue("template-sheet-renamed", message, item.path)
    year = item.meta.get(YEAR, "")
    ours = bool(target.year and year and _year_key(year) == _year_key(target.year))
    found = like.total - len(like.missing)
    if why is None and ours and like.missing and found * 2 > like.total:
        return issue("layout-incomplete", _broken(item, like, year), item.path)
    return None


def _resemblance(item: ParsedFile) -> Resemblance:
    name = item.meta[RESEMBLES]
    missing = tuple(label for label in item.meta.get(MISSING, "").split(", ") if label)
    template = next((layout for title, layout in TEMPLATES if title == name), None)
    if template is not None:
        return Resemblance(name, template, missing, len(template.required))
    export = next((export for export in EXPORTS if export.title == name), None)
    total = (len(export.layout.required) + bool(export.titles)) if export else len(missing)
    return Resemblance(name, None, missing, total)


def _broken(item: ParsedFile, like: Resemblance, year: str) -> str:
    skpd = item.meta.get(SKPD, "")
    whose = f" ({skpd})" if skpd else ""
    sheet = (f" Sheet-nya pun harus bernama {like.template.sheet_names[0]}."
             if like.template is not None else "")
    return (f"Berkas ini untuk tahun anggaran {year}{whose}, sama dengan laporan ini, dan mirip "
            f"{like.name}, tetapi tidak dapat dibaca: judul kolom yang tidak ditemukan: "
            f"{', '.join(like.missing)}.{sheet} Unduh ulang berkasnya tanpa mengubah kolomnya, "
            "atau lengkapi judul kolom itu.")


def _title(item: ParsedFile) -> str:
    name = item.meta.get(LAYOUT, "")
    export = next((export for export in EXPORTS if export.name == name), None)
    return f"unduhan {export.title}" if export is not None else "unduhan"


def _is_name(words: tuple[str, ...]) -> bool:
    return any(char.isalpha() for word in words for char in word)


def _year_key(year: str) -> int:
    digits = "".join(char for char in year if char.isdigit())
    return int(digits) if digits else 0
