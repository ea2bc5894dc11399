"""C2: the SIMDA Keuangan LRA (the "SAP" form), a control like C1.

`NO URUT | URAIAN | ANGGARAN <tahun> | REALISASI <tahun> | (%) | REALISASI <tahun-1>` (the
plain form ends `LEBIH / (KURANG)` instead, which is not read: it repeats anggaran minus
realisasi). The codes are in `NO URUT`, at levels 1–3 or 5. The coded rows become the
"lra" table (the template LRA sheet's fields), reconciled with the computed LRA at the
levels they carry; as every account of the computed LRA, each is its own amount, positive.

SIMDA prints amounts without their minus sign: the rows between the accounts carry their
sign in their label. A row without a code is a result of the accounts above it, and is
compared with the same result of the file's own akun rows, signed by its label:

- `SURPLUS` / `DEFISIT` (pendapatan 4 minus belanja 5): `DEFISIT` alone is negative;
- `PEMBIAYAAN NETTO` (penerimaan 6.1 minus pengeluaran 6.2);
- `SISA LEBIH` / `SISA KURANG` … `PEMBIAYAAN` (the two above added): `(KURANG)` alone is
  negative;
- `PENGELUARAN PEMBIAYAAN` without a code (6.2, subtracted): negative.

A label naming both sides (`SURPLUS / (DEFISIT)`, `LEBIH / (KURANG)`) does not tell the sign:
its amount is compared without one. A difference is a `subtotal-mismatch` naming its cell.
Nothing is compared when a code of the file cannot be read (that is an error of its own) or
the file has none of the akun rows a result needs.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from pipeline.coerce import coerce_column
from pipeline.excel.grid import Grid
from pipeline.excel.header import Header, letters, raw_table
from pipeline.exports import notation
from pipeline.exports.base import LAYOUT, SKPD, YEAR, Export, Extract, Source
from pipeline.exports.cells import blank, title_lines
from pipeline.exports.lra_table import AMOUNTS, typed_lra, year_of_labels
from pipeline.exports.titles import sniff_meta
from pipeline.findings import Issue, issue
from pipeline.layouts import LRA, Field, Layout, normalise_label
from pipeline.money import format_rupiah

NAME = "simda-lra"
SIMDA_LRA = Layout("lra", (), (
    Field("kode_rekening", "No Urut", "account", ("Nomor Urut", "No. Urut"), required=True),
    LRA.field("uraian")._replace(required=True),
    LRA.field("anggaran"),
    LRA.field("realisasi"),
    LRA.field("realisasi_lalu"),
    Field("lebih_kurang", "Lebih / (Kurang)", "money", ("Lebih Kurang", "Lebih (Kurang)")),
))
# `NO URUT` is SIMDA's own label: the columns alone tell the layout, with or without the
# title rows (a CSV export has none).
TITLES: tuple[str, ...] = ()
LABELS = {"anggaran": "Anggaran", "realisasi": "Realisasi", "realisasi_lalu": "Realisasi lalu"}


class Result(NamedTuple):
    """A row without a code: which result of the akun rows it states, and its sign."""

    label: str  # as the message names it
    plus: tuple[str, ...]  # akun codes added
    minus: tuple[str, ...]  # akun codes subtracted
    sign: int | None  # +1 / -1 from the label; None when the label names both sides


def result_of(label: object) -> Result | None:
    """What an uncoded row states, from its label (normalised); None for any other row."""
    text = normalise_label(label)
    surplus, defisit = "surplus" in text, "defisit" in text
    lebih, kurang = "lebih" in text, "kurang" in text
    if surplus or defisit:
        return Result("SURPLUS/DEFISIT", ("4",), ("5",), _sign(surplus, defisit))
    if text.startswith("sisa") and (lebih or kurang) or "silpa" in text:
        return Result("SISA LEBIH/KURANG PEMBIAYAAN", ("4", "6.1"), ("5", "6.2"),
                      _sign(lebih, kurang))
    if "pembiayaannetto" in text:
        return Result("PEMBIAYAAN NETTO", ("6.1",), ("6.2",), None)
    if "pengeluaranpembiayaan" in text:
        return Result("PENGELUARAN PEMBIAYAAN", (), ("6.2",), -1)
    return None


def _sign(plus_word: bool, minus_word: bool) -> int | None:
    if plus_word and minus_word:
        return None
    return -1 if minus_word else 1


def read(grid: Grid, header: Header, source: Source) -> Extract:
    """The coded rows as one "lra" table; the uncoded results checked against them."""
    file, sheet = source.display, grid.sheet
    columns = letters(grid, header)
    raw = raw_table(grid, header)
    decided = notation.decide(raw, SIMDA_LRA, columns, file, sheet)
    uncoded = raw["kode_rekening"].map(blank) if "kode_rekening" in raw else True
    results = raw["uraian"].map(result_of) if "uraian" in raw else pd.Series(None, raw.index)
    stated = uncoded & results.notna()
    table, issues = typed_lra(raw[~stated], SIMDA_LRA, columns, file, sheet, decided)
    issues = list(decided.issues) + issues
    issues += _check_results(raw[stated], results[stated], table.frame, columns, file, sheet,
                             decided)
    identitas = _identitas(grid, header)
    meta = {LAYOUT: NAME, YEAR: identitas.get("tahun_anggaran", ""),
            SKPD: identitas.get("perangkat_daerah", "")}
    return Extract((table,), identitas, tuple(issues),
                   {key: value for key, value in meta.items() if value})


def _check_results(raw: pd.DataFrame, results: pd.Series, frame: pd.DataFrame,
                   columns: dict[str, str], file: str, sheet: str,
                   decided: notation.Notation) -> list[Issue]:
    """Each uncoded result row against the file's own akun rows; not when a code of the file
    is unreadable (an error of its own) or the file has none of the akun a result needs."""
    if frame["bad_kode_rekening"].any():
        return []
    akun = frame[frame["kode_rekening"].notna()].drop_duplicates("kode_rekening").set_index(
        "kode_rekening")
    readers = decided.readers()
    issues: list[Issue] = []
    for name in AMOUNTS:
        if name not in raw or name not in columns:
            continue
        typed, problems = coerce_column(raw[name], LRA.field(name), readers["money"])
        for position, result in enumerate(results):
            printed = typed.iloc[position]
            if not any(code in akun.index for code in (*result.plus, *result.minus)):
                continue
            if pd.isna(printed) or problems.iloc[position] not in (None, "money-rounded"):
                continue
            amounts = [akun.at[code, name] if code in akun.index else 0
                       for code in (*result.plus, *result.minus)]
            if any(pd.isna(amount) for amount in amounts):
                continue  # an unreadable akun cell is an error of its own
            size = len(result.plus)
            expected = int(sum(amounts[:size])) - int(sum(amounts[size:]))
            declared = abs(int(printed)) * (result.sign or 1)
            same = (abs(declared) == abs(expected)) if result.sign is None else (
                declared == expected)
            if same:
                continue
            cell = f"{columns[name]}{int(raw['row'].iloc[position])}"
            issues.append(issue("subtotal-mismatch", _message(result, name, declared, expected),
                                file, sheet, cell, format_rupiah(int(printed))))
    return issues


def _message(result: Result, name: str, declared: int, expected: int) -> str:
    parts = " + ".join(result.plus) or "0"
    formula = f"{parts} - {' - '.join(result.minus)}" if result.minus else parts
    signed = "" if result.sign is None else (" (tanda dari labelnya)")
    return (f"{result.label} ({LABELS[name]}) di LRA SIMDA tertulis Rp "
            f"{format_rupiah(declared)}{signed}, sedangkan dari baris akunnya ({formula}) Rp "
            f"{format_rupiah(expected)}.")


def _identitas(grid: Grid, header: Header) -> dict[str, str]:
    """Pemerintah daerah, SKPD and year from the title rows and the labels."""
    sniffed = sniff_meta([Grid(grid.sheet, grid.rows[:header.top], grid.first_row,
                               grid.first_col)])
    found = {"tahun_anggaran": year_of_labels(grid, header) or sniffed.get(YEAR, ""),
             "perangkat_daerah": sniffed.get(SKPD, "")}
    for _, text in title_lines(grid.rows[:header.top]):
        if normalise_label(text).startswith("pemerintah"):
            found["pemerintah_daerah"] = text.strip()[len("pemerintah"):].strip().title()
            break
    return {name: value for name, value in found.items() if value}


EXPORT = Export(
    name=NAME,
    title="LRA SIMDA Keuangan",
    menu="SIMDA Keuangan › Laporan Realisasi Anggaran (bentuk SAP)",
    layout=SIMDA_LRA,
    read=read,
    titles=TITLES,
)
