"""C1: the SIPD-RI Akuntansi (AKLAP) "Laporan Realisasi Anggaran" per SKPD.

Title rows (`PEMERINTAH KABUPATEN …`, `LAPORAN REALISASI ANGGARAN`, the SKPD, the period
`Untuk Tahun Yang Berakhir Sampai Dengan 31 Desember 2023`), then
`Kode Rekening | Uraian | Anggaran | Realisasi | % | Realisasi Tahun Lalu`, the years perhaps
in the labels (`Anggaran 2023`, `Realisasi 2022`), codes at every level 1–6, amounts
cumulative to the period's end. It yields one "lra" table, the template LRA sheet's fields:
a control reconciled line by line with the computed LRA at every level, never added.

Where the folder gives no realisasi of the year before, its `Realisasi Tahun Lalu` fills the
report's prior-year column (`prior_year`), with a note that says so.
"""

from __future__ import annotations

import dataclasses
import re

import pandas as pd

from pipeline import codes
from pipeline.assemble import Inputs
from pipeline.excel.grid import Grid
from pipeline.excel.header import Header, letters, raw_table
from pipeline.exports.base import LAYOUT, SKPD, YEAR, Export, Extract, Source
from pipeline.exports.cells import title_lines
from pipeline.exports.lra_table import typed_lra, year_of_labels
from pipeline.findings import Issue, issue
from pipeline.layouts import LRA, Layout
from pipeline.money import format_rupiah
from pipeline.tables import ParsedFile

NAME = "sipd-aklap-lra"
AKLAP_LRA = Layout("lra", (), LRA.fields)
TITLES = ("laporanrealisasianggaran",)

_PEMDA = re.compile(r"^\s*pemerintah\s+(.+)$", re.IGNORECASE)
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_NOT_SKPD = re.compile(r"laporan\s+realisasi|untuk\s+tahun|sampai\s+dengan|s\.?\s?d\.?\s|"
                       r"periode|per\s+tanggal|tahun\s+anggaran|dalam\s+rupiah|^\(|halaman",
                       re.IGNORECASE)
_SKPD_LABEL = re.compile(r"^\s*(?:skpd|opd|perangkat\s+daerah|unit|organisasi)\s*:?\s*",
                         re.IGNORECASE)


def read(grid: Grid, header: Header, source: Source) -> Extract:
    """The LRA as one "lra" table, and the pemda, SKPD and year its titles name."""
    columns = letters(grid, header)
    table, issues = typed_lra(raw_table(grid, header), AKLAP_LRA, columns, source.display,
                              grid.sheet)
    identitas = titles_identitas(grid, header)
    meta = {LAYOUT: NAME, YEAR: identitas.get("tahun_anggaran", ""),
            SKPD: identitas.get("perangkat_daerah", "")}
    return Extract((table,), identitas, tuple(issues),
                   {key: value for key, value in meta.items() if value})


def titles_identitas(grid: Grid, header: Header) -> dict[str, str]:
    """Pemerintah daerah, perangkat daerah and year from the title rows: the year of the
    period (`… Sampai Dengan 31 Desember 2023`), else of the labels (`Anggaran 2023`)."""
    found: dict[str, str] = {}
    for _, text in title_lines(grid.rows[:header.top]):
        if "pemerintah_daerah" not in found and (pemda := _PEMDA.match(text)):
            found["pemerintah_daerah"] = pemda.group(1).strip().title()
        elif _NOT_SKPD.search(text):
            year = _YEAR.findall(text)
            if year and "tahun_anggaran" not in found:
                found["tahun_anggaran"] = year[-1]
        elif "perangkat_daerah" not in found and any(char.isalpha() for char in text):
            found["perangkat_daerah"] = _SKPD_LABEL.sub("", text).strip()
    labelled = year_of_labels(grid, header)
    if labelled and "tahun_anggaran" not in found:
        found["tahun_anggaran"] = labelled
    return found


def prior_year(inputs: Inputs, parsed: list[ParsedFile]) -> tuple[Inputs, list[Issue]]:
    """The inputs with last year's realisasi taken from the AKLAP LRA's `Realisasi Tahun
    Lalu` when the folder gives none of its own, and the note that says so.

    Its own leaves (the rows no other row of the table lies under, usually the six-level
    ones) become last year's lines, counted as rows read, so that the completeness check
    still holds; its parent rows stay declared subtotals, compared as before."""
    if not inputs.realisasi_lalu.empty or _prior_year_given(inputs):
        return inputs, []
    table = next((table for item in parsed if item.meta.get(LAYOUT) == NAME
                  for table in item.tables_of("lra")
                  if table.frame["realisasi_lalu"].notna().any()), None)
    if table is None:
        return inputs, []
    lines = _leaf_lines(table.frame, inputs.year - 1, table.file, table.sheet)
    if lines.empty:
        return inputs, []
    total = int(lines["realisasi"].sum())
    message = (f"Tidak ada realisasi tahun {inputs.year - 1} di folder masukan: kolom Realisasi "
               f"{inputs.year - 1} di LRA laporan diisi dari kolom Realisasi Tahun Lalu LRA "
               f"SIPD-RI (AKLAP) ini ({len(lines)} baris rincian, Rp {format_rupiah(total)}).")
    note = issue("prior-year-from-lra", message, table.file, table.sheet,
                 table.cell("realisasi_lalu", int(lines["row"].min())))
    replaced = dataclasses.replace(inputs, realisasi_lalu=lines,
                                   read_rows=inputs.read_rows + len(lines),
                                   read_amount=inputs.read_amount + total)
    return replaced, [note]


def _prior_year_given(inputs: Inputs) -> bool:
    """True when a realisasi row of the year before was read, even if it was refused."""
    rejected = inputs.rejected
    if rejected.empty or "tahun" not in rejected or "source" not in rejected:
        return False
    return bool(((rejected["source"] == "realisasi")
                 & (rejected["tahun"] == inputs.year - 1)).fillna(False).any())


def _leaf_lines(frame: pd.DataFrame, year: int, file: str, sheet: str) -> pd.DataFrame:
    """The table's own leaves with a readable prior-year amount, as realisasi lines."""
    usable = frame[frame["kode_rekening"].notna() & ~frame["bad_kode_rekening"]
                   & frame["realisasi_lalu"].notna() & ~frame["bad_realisasi_lalu"]]
    usable = usable.drop_duplicates("kode_rekening")
    above = {parent for code in usable["kode_rekening"] for parent in codes.parents(code)}
    leaves = usable[~usable["kode_rekening"].isin(above)]
    return pd.DataFrame({
        "tahun": pd.Series([year] * len(leaves), dtype="Int64"),
        "bulan": pd.Series([12] * len(leaves), dtype="Int64"),
        "kode_sub_kegiatan": pd.Series([None] * len(leaves), dtype="string"),
        "kode_rekening": leaves["kode_rekening"].astype("string").to_numpy(),
        "uraian": leaves["uraian"].astype("string").to_numpy(),
        "uraian_row": leaves["row"].astype("int64").to_numpy(),
        "realisasi": leaves["realisasi_lalu"].astype("int64").to_numpy(),
        "rows": pd.Series([1] * len(leaves), dtype="int64"),
        "file": file, "sheet": sheet,
        "row": leaves["row"].astype("int64").to_numpy(),
    })


EXPORT = Export(
    name=NAME,
    title="LRA SIPD-RI (Akuntansi/AKLAP)",
    menu="SIPD-RI › Akuntansi (AKLAP) › Laporan Realisasi Anggaran per SKPD",
    layout=AKLAP_LRA,
    read=read,
    titles=TITLES,
)
