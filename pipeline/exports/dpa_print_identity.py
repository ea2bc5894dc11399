"""Who and what an A2 print is for: the stage of a print without Sebelum / Setelah
groups, the OPD's name and bidang urusan, and the `X.XX` program codes that bidang replaces
(a note at each code's first cell)."""

from __future__ import annotations

from collections import Counter

from pipeline.exports import penunjang
from pipeline.exports.dpa_print_model import Label, Scan, Where
from pipeline.exports.stage import MURNI, PERUBAHAN, stage_of_name
from pipeline.findings import Issue


def single_stage(form: str | None, name: str) -> str | None:
    """The stage of a print without Sebelum / Setelah groups: its form, else its file name."""
    if form in ("DPPA", "RKPA"):
        return PERUBAHAN
    if form in ("DPA", "RKA"):
        return MURNI
    return stage_of_name(name)


def organisation(scan: Scan) -> str:
    """The OPD's name: the Organisasi row's name (else the Unit row's)."""
    for kind in ("organisasi", "unit"):
        for label in scan.labels.get(kind, []):
            if label.name:
                return label.name
    return ""


def opd_bidang(scan: Scan) -> tuple[str | None, str]:
    """The OPD's bidang urusan from the Unit or Organisasi code, else the Bidang Urusan row."""
    for kind, label in (("unit", "baris Unit"), ("organisasi", "baris Organisasi"),
                        ("bidang", "baris Bidang Urusan")):
        found = Counter(filter(None, (penunjang.bidang_of(item.raw)
                                      for item in scan.labels.get(kind, []))))
        if found:
            return found.most_common(1)[0][0], label
    return None, ""


def resolved(code: str | None, bidang: str | None) -> str | None:
    """A printed program code with `X.XX` replaced by the bidang, when it is known."""
    return penunjang.replaced(code, bidang) if code and bidang else code


def placeholder_notes(scan: Scan, bidang: str | None, source: str, where: Where
                      ) -> list[Issue]:
    """One note per `X.XX` code replaced (a warning when it cannot be), at its first cell."""
    first: dict[str, Label] = {}
    for kind in ("program", "kegiatan", "sub"):
        for label in scan.labels.get(kind, []):
            if label.code and penunjang.has_placeholder(label.code):
                first.setdefault(label.code, label)
    return [penunjang.replacement_note(code, bidang, source, where.file, where.sheet,
                                       label.cell.name) if bidang else
            penunjang.unreplaced_warning(code, where.file, where.sheet, label.cell.name)
            for code, label in first.items()]
