"""Reconciliation rules: every declared figure against the computed one, every cross-document
figure against its twin, and the conservation of every realisasi rupiah read.

Pure: `Inputs` and the account rollup in, `Reconciliation` rows and findings out.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from pipeline import codes, subtotals
from pipeline.assemble import Inputs
from pipeline.findings import Issue, issue
from pipeline.money import format_rupiah
from pipeline.tables import SheetTable

MONTH_NAMES = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
               "September", "Oktober", "November", "Desember")
AMOUNT_LABELS = {"amount_pagu_murni": "Pagu Murni", "amount_pagu": "Pagu Perubahan",
                 "amount_realisasi": "Realisasi", "anggaran": "Anggaran",
                 "realisasi": "Realisasi", "realisasi_lalu": "Realisasi Tahun Lalu"}
FIELD_OF_AMOUNT = {"amount_pagu_murni": "pagu_murni", "amount_pagu": "pagu_perubahan",
                   "amount_realisasi": "realisasi"}


class Reconciliation(NamedTuple):
    """One row of the `Rekonsiliasi` sheet; amounts in sen."""

    jenis: str
    kode: str
    uraian: str
    dinyatakan: int | None
    dihitung: int | None
    sumber: str


Result = tuple[list[Reconciliation], list[Issue]]


def reconcile(inputs: Inputs, accounts: pd.DataFrame) -> Result:
    """All rules, in the order the sheet shows them."""
    rows: list[Reconciliation] = []
    issues: list[Issue] = []
    for rule in (declared_subtotals, orphan_realisasi, over_pagu, missing_months):
        found_rows, found_issues = rule(inputs)
        rows += found_rows
        issues += found_issues
    for table in inputs.lra_exports:
        found_rows, found_issues = external_lra(table, accounts, inputs.year)
        rows += found_rows
        issues += found_issues
    rows.append(conservation(inputs, accounts))
    return rows, issues


def _where(inputs: Inputs, file: str, sheet: str, field: str, row: int) -> str:
    return f"{file} › {sheet}!{inputs.cell(file, sheet, field, row)}"


def declared_subtotals(inputs: Inputs) -> Result:
    """Declared subtotal rows of the DPA and of every realisasi sheet."""
    declared = inputs.declared
    if declared.empty:
        return [], []
    checks = [
        ("Subtotal DPA", inputs.dpa_lines, declared[declared["source"] == "dpa"],
         ["file", "sheet", "kode_sub_kegiatan"],
         {"pagu_murni": "amount_pagu_murni", "pagu": "amount_pagu"}),
        ("Subtotal Realisasi", pd.concat([inputs.realisasi, inputs.realisasi_lalu]),
         declared[declared["source"] == "realisasi"],
         ["file", "sheet", "kode_sub_kegiatan", "tahun", "bulan"],
         {"realisasi": "amount_realisasi"}),
    ]
    rows: list[Reconciliation] = []
    issues: list[Issue] = []
    for jenis, leaves, rows_declared, group, amounts in checks:
        for found in subtotals.compare(leaves, rows_declared, group, amounts):
            field = FIELD_OF_AMOUNT[found.amount]
            where = _where(inputs, found.file, found.sheet, field, found.row)
            label = AMOUNT_LABELS[found.amount]
            scope = f"sub kegiatan {found.group[2]}" if found.group[2] else "tanpa sub kegiatan"
            rows.append(Reconciliation(jenis, found.code, f"{label}, {scope}", found.declared,
                                       found.computed, where))
            message = (f"Subtotal {found.code} ({label}, {scope}) tertulis Rp "
                       f"{format_rupiah(found.declared)}, sedangkan jumlah rinciannya Rp "
                       f"{format_rupiah(found.computed)}; selisih Rp "
                       f"{format_rupiah(found.declared - found.computed)}.")
            issues.append(issue("subtotal-mismatch", message, found.file, found.sheet,
                                inputs.cell(found.file, found.sheet, field, found.row),
                                format_rupiah(found.declared)))
    return rows, issues


def orphan_realisasi(inputs: Inputs) -> Result:
    """Realisasi on a (sub kegiatan, kode rekening) with no DPA line: counted, but an error."""
    lines = inputs.dpa_lines[["kode_sub_kegiatan", "kode_rekening"]].drop_duplicates()
    realisasi = inputs.realisasi.merge(lines.assign(in_dpa=True), how="left",
                                       on=["kode_sub_kegiatan", "kode_rekening"])
    orphans = realisasi[realisasi["in_dpa"].isna()]
    rows: list[Reconciliation] = []
    issues: list[Issue] = []
    keys = ["kode_sub_kegiatan", "kode_rekening", "file", "sheet"]
    for key, group in orphans.fillna({"kode_sub_kegiatan": ""}).groupby(keys, sort=True):
        sub, account, file, sheet = key
        first = int(group["row"].min())
        total = int(group["realisasi"].sum())
        where = _where(inputs, file, sheet, "kode_rekening", first)
        sub_text = sub or "(kosong)"
        count = int(group["rows"].sum())
        rows.append(Reconciliation("Realisasi tanpa DPA", f"{sub_text} / {account}",
                                   f"{count} baris", None, total, where))
        message = (f"Realisasi Rp {format_rupiah(total)} ({count} baris) pada sub kegiatan "
                   f"{sub_text}, rekening {account} tidak memiliki baris DPA; tetap dihitung "
                   "dalam LRA. Tambahkan baris DPA atau perbaiki kodenya.")
        issues.append(issue("realisasi-orphan", message, file, sheet,
                            inputs.cell(file, sheet, "kode_rekening", first), account))
    return rows, issues


def over_pagu(inputs: Inputs) -> Result:
    """A DPA line whose realisasi of the year exceeds its pagu (after perubahan)."""
    keys = ["kode_sub_kegiatan", "kode_rekening"]
    pagu = inputs.dpa_lines.groupby(keys).agg(pagu=("pagu", "sum"), file=("file", "first"),
                                              sheet=("sheet", "first"), row=("row", "first"))
    spent = inputs.realisasi.groupby(keys)["realisasi"].sum().rename("realisasi")
    lines = pagu.join(spent, how="inner")
    over = lines[lines["realisasi"] > lines["pagu"]]
    rows: list[Reconciliation] = []
    issues: list[Issue] = []
    for (sub, account), line in over.iterrows():
        field = _pagu_field(inputs, line["file"], line["sheet"])
        where = _where(inputs, line["file"], line["sheet"], field, int(line["row"]))
        rows.append(Reconciliation("Realisasi melebihi pagu", f"{sub} / {account}", "",
                                   int(line["pagu"]), int(line["realisasi"]), where))
        message = (f"Realisasi Rp {format_rupiah(int(line['realisasi']))} melebihi pagu Rp "
                   f"{format_rupiah(int(line['pagu']))} pada sub kegiatan {sub}, rekening "
                   f"{account}.")
        issues.append(issue("realisasi-over-pagu", message, line["file"], line["sheet"],
                            inputs.cell(line["file"], line["sheet"], field, int(line["row"])),
                            format_rupiah(int(line["pagu"]))))
    return rows, issues


def _pagu_field(inputs: Inputs, file: str, sheet: str) -> str:
    """The column holding a line's pagu: Pagu Perubahan, or Pagu Murni when there is none."""
    has_perubahan = "pagu_perubahan" in inputs.letters.get((file, sheet), {})
    return "pagu_perubahan" if has_perubahan else "pagu_murni"


def missing_months(inputs: Inputs) -> Result:
    """Months of the year with no realisasi between the first and the last month seen."""
    seen = sorted(int(month) for month in inputs.realisasi["bulan"].dropna().unique())
    if not seen:
        return [], []
    gaps = [month for month in range(seen[0], seen[-1] + 1) if month not in seen]
    rows = [Reconciliation("Bulan hilang", str(month), f"{MONTH_NAMES[month - 1]} {inputs.year}",
                           None, 0, "") for month in gaps]
    issues = [issue("month-missing", f"Tidak ada realisasi bulan {MONTH_NAMES[month - 1]} "
                    f"{inputs.year}, padahal bulan {MONTH_NAMES[seen[0] - 1]} s.d. "
                    f"{MONTH_NAMES[seen[-1] - 1]} ada. Periksa apakah berkasnya terlewat.")
              for month in gaps]
    return rows, issues


def external_lra(table: SheetTable, accounts: pd.DataFrame, year: int) -> Result:
    """An accounting-system LRA: its own subtotals, then line by line against ours."""
    frame = table.frame[table.frame["kode_rekening"].notna() & ~table.frame["bad_kode_rekening"]]
    amounts = ["anggaran", "realisasi", "realisasi_lalu"]
    clean = frame.assign(**{name: frame[name].where(~frame[f"bad_{name}"]) for name in amounts},
                         file=table.file, sheet=table.sheet)
    leaf = clean["level"] == codes.LEAF_LEVEL
    rows: list[Reconciliation] = []
    issues: list[Issue] = []
    leaves = clean[leaf].fillna({name: 0 for name in amounts})
    same_columns = {name: name for name in amounts}
    for found in subtotals.compare(leaves, clean[~leaf], ["file", "sheet"], same_columns):
        cell = table.cell(found.amount, found.row)
        label = AMOUNT_LABELS[found.amount]
        rows.append(Reconciliation("Subtotal LRA sistem", found.code, label, found.declared,
                                   found.computed, f"{table.file} › {table.sheet}!{cell}"))
        message = (f"Subtotal {found.code} ({label}) di LRA sistem tertulis Rp "
                   f"{format_rupiah(found.declared)}, sedangkan jumlah rinciannya Rp "
                   f"{format_rupiah(found.computed)}; selisih Rp "
                   f"{format_rupiah(found.declared - found.computed)}.")
        issues.append(issue("subtotal-mismatch", message, table.file, table.sheet, cell,
                            format_rupiah(found.declared)))
    found_rows, found_issues = _lra_against_computed(table, clean, accounts, year)
    return rows + found_rows, issues + found_issues


def _lra_against_computed(table: SheetTable, clean: pd.DataFrame, accounts: pd.DataFrame,
                          year: int) -> Result:
    ours = {"anggaran": "total_pagu", "realisasi": "total_realisasi",
            "realisasi_lalu": "total_realisasi_lalu"}
    theirs = clean.drop_duplicates("kode_rekening").set_index("kode_rekening")
    shown = accounts[[column for column in ours.values()]].ne(0).any(axis=1)
    every_code = sorted(set(theirs.index) | set(accounts.index[shown]), key=codes.sort_key)
    rows: list[Reconciliation] = []
    issues: list[Issue] = []
    for code in every_code:
        for name, column in ours.items():
            computed = int(accounts.at[code, column]) if code in accounts.index else 0
            if code in theirs.index:
                declared = theirs.at[code, name]
                if pd.isna(declared) or int(declared) == computed:
                    continue  # an unreadable cell is already an error of its own
                row = int(theirs.at[code, "row"])
                cell = table.cell(name, row)
                where = f"{table.file} › {table.sheet}!{cell}"
                declared_text = f"Rp {format_rupiah(int(declared))}"
            else:
                if computed == 0:
                    continue
                declared, cell, where = None, "", table.file
                declared_text = "tidak ada"
            label = AMOUNT_LABELS[name]
            stated = None if declared is None else int(declared)
            rows.append(Reconciliation("LRA sistem vs dihitung", code, label, stated, computed,
                                       where))
            message = (f"{label} {code} di LRA sistem: {declared_text}; dihitung dari DPA dan "
                       f"realisasi: Rp {format_rupiah(computed)}.")
            issues.append(issue("lra-mismatch", message, table.file, table.sheet, cell,
                                "" if declared is None else format_rupiah(int(declared))))
    return rows, issues


def conservation(inputs: Inputs, accounts: pd.DataFrame) -> Reconciliation:
    """Every realisasi rupiah read = LRA total (this year and last) + rows rejected."""
    roots = accounts[accounts["depth"] == 1]
    lra_total = int(roots["total_realisasi"].sum() + roots["total_realisasi_lalu"].sum())
    realisasi_rejected = inputs.rejected[inputs.rejected["source"] == "realisasi"]
    rejected = int(realisasi_rejected["amount"].fillna(0).sum())
    unreadable = int(realisasi_rejected["amount"].isna().sum())
    declared = inputs.declared[inputs.declared["source"] == "realisasi"]
    declared_amount = int(declared["amount_realisasi"].fillna(0).sum()) if len(declared) else 0
    counted_rows = int(inputs.realisasi["rows"].sum() + inputs.realisasi_lalu["rows"].sum())
    rejected_rows = int(realisasi_rejected["rows"].sum())
    text = (f"{inputs.read_rows} baris realisasi dibaca: {counted_rows} dihitung dalam LRA "
            f"(Rp {format_rupiah(lra_total)}), {rejected_rows} ditolak "
            f"(Rp {format_rupiah(rejected)}; {unreadable} tanpa nilai terbaca), "
            f"{len(declared)} baris subtotal hanya dibandingkan")
    return Reconciliation("Konservasi", "", text, inputs.read_amount - declared_amount,
                          lra_total + rejected, "semua berkas realisasi")
