"""The sentence before each performance table III.A.1–III.A.7, written from its data.

Pure: the report in, one Indonesian sentence (or a few) per table out: which IKU reached
which predikat, which fell short of its target and by how much, how each compares with last
year, the Renstra's end target and a national standard, and which used its budget
efficiently. Every figure is one the workbook's table shows; the shortfall of an IKU is the
difference of its target and realisasi as the table shows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from pipeline.document.notation import number, percent
from pipeline.document.sentences import (
    NO_PK,
    capaian_text,
    predikat_groups,
    series,
)
from pipeline.pk import Iku
from pipeline.report.lakip_values import (
    capaian_of,
    efficiency,
    kemajuan_of,
    meets_standard,
    no_standard,
    program_rows,
    renstra_year,
    with_standard,
)
from pipeline.report.model import Report

HUNDRED = Decimal(100)


def _gap(iku: Iku) -> str:
    assert iku.target is not None and iku.realisasi is not None
    return number(abs(iku.target - iku.realisasi))


def _short(ikus: Sequence[Iku]) -> list[Iku]:
    """The IKU whose capaian stays below 100 %."""
    return [iku for iku in ikus if (value := capaian_of(iku)) is not None and value < HUNDRED]


def _unmeasured(ikus: Sequence[Iku], what: str) -> str:
    names = [iku.indikator for iku in ikus]
    return f" {what} belum diisi untuk: {series(names, '; ')}." if names else ""


def iii_a_1(report: Report) -> str:
    """Which IKU reached which predikat; which fell short of the target and by how much."""
    ikus = report.pk.ikus
    parts = [f"{len(members)} indikator berpredikat {label} "
             f"({series([f'{iku.indikator} {capaian_text(iku)}' for iku in members], '; ')})"
             for label, members in predikat_groups(report)]
    text = f"Dari {len(ikus)} indikator kinerja utama, {series(parts, ', ')}." if parts else ""
    short = _short(ikus)
    if short:
        text += " Indikator yang belum mencapai target: " + series([
            f"{iku.indikator} (target {number(iku.target or Decimal(0))}, realisasi "
            f"{number(iku.realisasi or Decimal(0))}, selisih {_gap(iku)}; capaian "
            f"{capaian_text(iku)})" for iku in short], "; ") + "."
    elif parts:
        text += " Semua indikator mencapai atau melampaui targetnya."
    text += _unmeasured([iku for iku in ikus if capaian_of(iku) is None],
                        "Target atau realisasi")
    return text.strip()


def iii_a_2(report: Report) -> str:
    """Against last year: better, the same or worse (polarity-aware)."""
    better, same, worse = [], [], []
    for iku in report.pk.ikus:
        if iku.realisasi is None or iku.realisasi_lalu is None:
            continue
        change = iku.realisasi - iku.realisasi_lalu
        text = f"{iku.indikator}: {number(iku.realisasi_lalu)} menjadi {number(iku.realisasi)}"
        if change == 0:
            same.append(f"{iku.indikator}: {number(iku.realisasi)}")
        elif (change > 0) != iku.negative:
            better.append(text)
        else:
            worse.append(text)
    parts = [f"{what} pada {len(items)} indikator ({series(items, '; ')})"
             for what, items in (("membaik", better), ("tetap", same), ("menurun", worse))
             if items]
    text = (f"Dibandingkan tahun {report.year - 1}, kinerja {series(parts, ', ')}."
            if parts else "")
    missing = [iku for iku in report.pk.ikus
               if iku.realisasi is None or iku.realisasi_lalu is None]
    return (text + _unmeasured(missing, f"Realisasi {report.year} atau {report.year - 1}")
            ).strip()


def iii_a_3(report: Report) -> str:
    """Against the Renstra's end target: reached, or how far along."""
    ikus = report.pk.ikus
    measured = [(iku, value) for iku in ikus if (value := kemajuan_of(iku)) is not None]
    reached = [f"{iku.indikator} {percent(value)}%" for iku, value in measured
               if value >= HUNDRED]
    below = [f"{iku.indikator} dengan tingkat kemajuan {percent(value)}% (realisasi "
             f"{number(iku.realisasi or Decimal(0))} dari target akhir "
             f"{number(iku.target_akhir or Decimal(0))})"
             for iku, value in measured if value < HUNDRED]
    end = renstra_year(ikus)
    parts = []
    if reached:
        parts.append(f"{len(reached)} indikator telah mencapai target akhirnya "
                     f"({series(reached, '; ')})")
    if below:
        parts.append(f"{len(below)} indikator masih di bawahnya: {series(below, '; ')}")
    text = (f"Terhadap target akhir Rencana Strategis{f' tahun {end}' if end else ''}, "
            f"{series(parts, ', sedangkan ')}." if parts else "")
    missing = [iku for iku in ikus if kemajuan_of(iku) is None]
    return (text + _unmeasured(missing, "Target akhir Renstra atau realisasi")).strip()


def iii_a_4(report: Report) -> str:
    ikus = with_standard(report.pk.ikus)
    if not ikus:
        return no_standard(report.year)

    def described(iku: Iku) -> str:
        return (f"{iku.indikator} (realisasi {number(iku.realisasi or Decimal(0))}, standar "
                f"{number(iku.standar or Decimal(0))})")

    meets = [described(iku) for iku in ikus if meets_standard(iku)]
    misses = [described(iku) for iku in ikus if not meets_standard(iku)]
    parts = [f"{len(items)} indikator {what} ({series(items, '; ')})"
             for what, items in (("memenuhi standar nasional", meets),
                                 ("belum memenuhi standar nasional", misses)) if items]
    return f"Dari {len(ikus)} indikator yang memiliki standar nasional, {series(parts)}."


def iii_a_5(report: Report) -> str:
    ikus = report.pk.ikus
    text = ("Penyebab keberhasilan atau kegagalan setiap indikator dan solusinya, sebagaimana "
            "diisi dalam Perjanjian Kinerja, disajikan pada tabel berikut.")
    short = _short(ikus)
    if short:
        text += " Indikator yang belum mencapai target: " + series(
            [f"{iku.indikator} (capaian {capaian_text(iku)})" for iku in short], "; ") + "."
    text += _unmeasured([iku for iku in ikus if not iku.analisis.strip()], "Analisis")
    text += _unmeasured([iku for iku in short if not iku.solusi.strip()],
                        "Solusi bagi indikator yang belum mencapai target")
    return text


def iii_a_6(report: Report) -> str:
    """Which IKU used their budget efficiently, with capaian, % spent and the points."""
    verdicts: dict[str, list[str]] = {"Efisien": [], "Tidak Efisien": []}
    for iku in report.pk.ikus:
        figures = efficiency(report, iku)
        if figures.capaian is None or figures.points is None:
            continue
        verdicts[figures.verdict].append(
            f"{iku.indikator} (capaian {percent(figures.capaian)}%, realisasi anggaran "
            f"{percent(figures.used)}%, efisiensi {percent(figures.points)} poin)")
    text = ("Efisiensi dinilai dengan membandingkan capaian setiap indikator dengan persentase "
            "realisasi anggaran program yang menunjangnya; indikator efisien bila capaiannya "
            "tidak lebih rendah dari persentase realisasi anggarannya.")
    for label, items in verdicts.items():
        if items:
            text += f" {label.capitalize()}: {len(items)} indikator, yaitu {series(items, '; ')}."
    return text


def iii_a_7(report: Report) -> str:
    """The programs behind the IKU, their capaian, and those marked as not supporting."""
    ikus = report.pk.ikus
    programs = {}
    for iku in ikus:
        for program in program_rows(report, iku):
            if program.code and program.code not in programs:
                programs[program.code] = program
    described = [f"{program.name} (capaian program {percent(program.capaian)}%)"
                 if program.capaian is not None else program.name
                 for program in programs.values()]
    text = (f"Kinerja {len(ikus)} indikator kinerja utama ditunjang oleh {len(programs)} "
            f"program: {series(described, '; ')}." if programs else "")
    against = [program.name for program in programs.values()
               if program.menunjang.strip().casefold() == "tidak menunjang"]
    if against:
        text += f" Program yang dinyatakan tidak menunjang: {series(against, '; ')}."
    text += _unmeasured([iku for iku in ikus if not iku.programs], "Program")
    return text.strip()


TABLE_SENTENCES = {"III.A.1": iii_a_1, "III.A.2": iii_a_2, "III.A.3": iii_a_3,
                   "III.A.4": iii_a_4, "III.A.5": iii_a_5, "III.A.6": iii_a_6,
                   "III.A.7": iii_a_7}


def table_sentence(number: str, report: Report) -> str:
    """The sentence before table `number`; with no PK, that there is none."""
    if not report.pk.ikus:
        return NO_PK
    return TABLE_SENTENCES[number](report)
