"""The document's sentences on the budget and on performance as a whole, written from
the report (the sentence before each table is `table_sentences`).

Pure: the report in, Indonesian sentences out. Every figure in them is one the workbook
shows, from the same functions (`pipeline.report.lakip_values`, `pipeline.money.percent`).
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.document.notation import percent, rupiah
from pipeline.lra import LraRow
from pipeline.money import percent as ratio
from pipeline.pk import Iku
from pipeline.report.lakip_values import (
    capaian_of,
    conclusion_of,
    predikat_of,
    sasaran_groups,
)
from pipeline.report.model import Report

NO_PK = ("Belum ada Perjanjian Kinerja (workbook PK) yang dibaca, sehingga capaian kinerja "
         "belum dapat disajikan.")


def series(items: Sequence[str], separator: str = ", ") -> str:
    """`a`, `a dan b`, `a, b dan c` (with `;` between long items)."""
    if len(items) <= 1:
        return "".join(items)
    return f"{separator.join(items[:-1])} dan {items[-1]}"


def who(report: Report) -> str:
    """`Dinas Sosial Kabupaten Labuhanbatu Utara`."""
    return " ".join(part for part in (report.opd, report.pemda) if part)


def money(sen: int, with_sen: bool) -> str:
    """`Rp. 1.250.000`; `with_sen` is `report.money_with_sen`, read once a sentence: it
    looks at every amount of the LRA."""
    return f"Rp. {rupiah(sen, with_sen)}"


def _name(row: LraRow) -> str:
    """Account names as a sentence writes them: `BELANJA MODAL` → `Belanja Modal`."""
    return row.uraian.title() if row.uraian.isupper() else row.uraian


def _spent(row: LraRow, with_sen: bool) -> str:
    return (f"{money(row.realisasi, with_sen)} atau "
            f"{percent(ratio(row.realisasi, row.anggaran))}%")


# --- the budget ---------------------------------------------------------------------------

def budget_sentence(report: Report) -> str:
    """The seed's III.B sentence: pagu murni, pagu perubahan, realisasi and its %."""
    belanja = report.belanja()
    if belanja is None:
        return (f"Dalam tahun anggaran {report.year} belum ada anggaran belanja {who(report)} "
                "yang tercatat.")
    source = " ".join(part for part in ("Anggaran Pendapatan dan Belanja Daerah", report.pemda)
                      if part)
    with_sen = report.money_with_sen
    if report.pagu_murni != belanja.anggaran:
        budget = (f"semula sebesar {money(report.pagu_murni, with_sen)} setelah perubahan "
                  f"menjadi {money(belanja.anggaran, with_sen)}")
    else:
        budget = f"sebesar {money(belanja.anggaran, with_sen)}"
    return (f"Dalam tahun anggaran {report.year} {who(report)} memperoleh dana dari {source} "
            f"{budget} terealisasi sebesar {_spent(belanja, with_sen)}.")


def spending_rows(report: Report) -> list[LraRow]:
    """What the executive summary breaks belanja into: the jenis of belanja operasi (5.1),
    then every other kelompok of belanja (5.2 modal, 5.3 tidak terduga …) whole."""
    accounts = [row for row in report.lra if row.kind == "account"]
    kelompok = [row for row in accounts if row.depth == 2 and row.code.startswith("5.")]
    rows: list[LraRow] = []
    for group in kelompok:
        if group.code == "5.1":
            rows += [row for row in accounts if row.depth == 3 and row.code in group.children]
        else:
            rows.append(group)
    return rows


def spending_sentence(report: Report) -> str:
    """Anggaran and realisasi per jenis of belanja, then the total (executive summary)."""
    belanja = report.belanja()
    if belanja is None:
        return ""
    with_sen = report.money_with_sen
    parts = [f"{_name(row)} sebesar {money(row.anggaran, with_sen)} dengan realisasi "
             f"{_spent(row, with_sen)}" for row in spending_rows(report)]
    total = (f"Total anggaran belanja {who(report)} tahun anggaran {report.year} sebesar "
             f"{money(belanja.anggaran, with_sen)} dengan realisasi "
             f"{_spent(belanja, with_sen)}.")
    if not parts:
        return total
    return f"Alokasi dana untuk {series(parts, '; ')}. {total}"


# --- capaian --------------------------------------------------------------------------------

def capaian_text(iku: Iku) -> str:
    value = capaian_of(iku)
    return "" if value is None else f"{percent(value)}%"


def capaian_overview(report: Report) -> list[str]:
    """The executive summary on performance: the conclusion, then each sasaran's IKU with
    their capaian and predikat."""
    ikus = report.pk.ikus
    if not ikus:
        return [NO_PK]
    groups = sasaran_groups(ikus)
    opening = (f"Perjanjian Kinerja tahun {report.year} memuat {len(groups)} sasaran "
               f"strategis dengan {len(ikus)} indikator kinerja utama.")
    sentences = [f"{opening} {conclusion_of(report)}".strip()]
    for first, last in groups:
        members = ikus[first:last + 1]
        measured = [f"{iku.indikator} dengan capaian {capaian_text(iku)} "
                    f"({predikat_of(report, iku)})" if capaian_of(iku) is not None
                    else f"{iku.indikator} (capaian belum dapat dihitung)" for iku in members]
        sentences.append(f"Sasaran strategis {ikus[first].number}, {ikus[first].sasaran}, "
                         f"diukur dengan {len(members)} indikator kinerja utama: "
                         f"{series(measured, '; ')}.")
    return sentences


def predikat_groups(report: Report) -> list[tuple[str, list[Iku]]]:
    """The IKU under each predikat, highest band first (bands without IKU left out)."""
    ordered = sorted(report.pk.bands, key=lambda band: band.lower, reverse=True)
    measured = [iku for iku in report.pk.ikus if capaian_of(iku) is not None]
    groups = [(band.label, [iku for iku in measured if predikat_of(report, iku) == band.label])
              for band in ordered]
    return [(label, members) for label, members in groups if members]


def conclusion_lists(report: Report) -> list[tuple[str, list[str]]]:
    """BAB IV.A as the seed writes it: a sentence per predikat, then its IKU."""
    return [(_predikat_line(report, index, label, members), [iku.indikator for iku in members])
            for index, (label, members) in enumerate(predikat_groups(report))]


def _predikat_line(report: Report, index: int, label: str, members: list[Iku]) -> str:
    if index == 0:
        return (f"Dari {len(report.pk.ikus)} indikator kinerja utama yang diperjanjikan pada "
                f"tahun {report.year}, terdapat {len(members)} indikator dengan kinerja "
                f"{label.casefold()}, yaitu:")
    return f"Terdapat {len(members)} indikator dengan kinerja {label.casefold()}, yaitu:"
