"""Reconciliation rules: every declared figure against the computed one, every cross-document
figure against its twin, and the completeness of every realisasi rupiah read.

Every comparison made is a row, the matched ones too, so that the `Rekonsiliasi` sheet
shows that each check was done; `matched` tells the two apart. Rules that only report what
they find (realisasi without a DPA line, realisasi above pagu, a missing month) give
mismatches by nature: there is no matched row of theirs to show.

Pure: `Inputs` and the account rollup in, `Reconciliation` rows and findings out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from pipeline import codes, subtotals
from pipeline.assemble import Inputs
from pipeline.findings import Issue, issue
from pipeline.money import format_rupiah
from pipeline.months import MONTH_NAMES
from pipeline.tables import SheetTable

AMOUNT_LABELS = {"amount_pagu_murni": "Pagu Murni", "amount_pagu": "Pagu Perubahan",
                 "amount_realisasi": "Realisasi", "anggaran": "Anggaran",
                 "realisasi": "Realisasi", "realisasi_lalu": "Realisasi Tahun Lalu"}
FIELD_OF_AMOUNT = {"amount_pagu_murni": "pagu_murni", "amount_pagu": "pagu_perubahan",
                   "amount_realisasi": "realisasi"}

# The status an officer filters on.
MATCHED, MISMATCH = "Cocok", "Selisih"
# The kinds (`jenis`) of the rules that only list what they find: every row is a mismatch.
ORPHAN = "Realisasi tanpa DPA"
OVER_PAGU = "Realisasi melebihi pagu"
MONTH_MISSING = "Bulan hilang"
FINDINGS_ONLY = frozenset({ORPHAN, OVER_PAGU, MONTH_MISSING})
COMPLETENESS = "Kelengkapan"


class Reconciliation(NamedTuple):
    """One row of the `Rekonsiliasi` sheet: one comparison; amounts in sen.

    `matched` is True when the comparison holds. It defaults to False, so that a rule
    listing only what it finds needs not say so."""

    jenis: str
    kode: str
    uraian: str
    dinyatakan: int | None
    dihitung: int | None
    sumber: str
    matched: bool = False

    @property
    def status(self) -> str:
        """`Cocok` or `Selisih`, as the sheet shows it."""
        return MATCHED if self.matched else MISMATCH


def mismatches(rows: Iterable[Reconciliation]) -> list[Reconciliation]:
    """Only the rows that need a look."""
    return [row for row in rows if not row.matched]


def mismatches_first(rows: Iterable[Reconciliation]) -> list[Reconciliation]:
    """The sheet's order: mismatches, then matched rows, each in the rules' order."""
    return sorted(rows, key=lambda row: row.matched)


def count_line(rows: list[Reconciliation]) -> str:
    """`71 pemeriksaan: 68 cocok, 3 selisih.`"""
    if not rows:
        return "Tidak ada pemeriksaan."
    different = len(mismatches(rows))
    return f"{len(rows)} pemeriksaan: {len(rows) - different} cocok, {different} selisih."


def count_by_kind(rows: list[Reconciliation]) -> str:
    """Per kind of comparison, in the rules' order: `Subtotal DPA: 62 dicocokkan, 0 selisih;
    Realisasi tanpa DPA: 2; Kelengkapan: cocok.`"""
    kinds: dict[str, list[Reconciliation]] = {}
    for row in rows:
        kinds.setdefault(row.jenis, []).append(row)
    parts = []
    for jenis, group in kinds.items():
        different = len(mismatches(group))
        if jenis in FINDINGS_ONLY:
            parts.append(f"{jenis}: {different}")
        elif len(group) == 1:
            parts.append(f"{jenis}: {group[0].status.lower()}")
        else:
            parts.append(f"{jenis}: {len(group)} dicocokkan, {different} selisih")
    return "; ".join(parts) + "." if parts else ""


Result = tuple[list[Reconciliation], list[Issue]]


def reconcile(inputs: Inputs, accounts: pd.DataFrame) -> Result:
    """All rules, each comparison a row, in the rules' order, the completeness line last
    (the sheet shows them `mismatches_first`)."""
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
    rows.append(completeness(inputs, accounts))
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
        for found in subtotals.comparisons(leaves, rows_declared, group, amounts):
            field = FIELD_OF_AMOUNT[found.amount]
            where = _where(inputs, found.file, found.sheet, field, found.row)
            label = AMOUNT_LABELS[found.amount]
            scope = f"sub kegiatan {found.group[2]}" if found.group[2] else "tanpa sub kegiatan"
            matched = found.matched
            rows.append(Reconciliation(jenis, found.code, f"{label}, {scope}", found.declared,
                                       found.computed, where, matched))
            if matched:
                continue
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
        rows.append(Reconciliation(ORPHAN, f"{sub_text} / {account}",
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
        rows.append(Reconciliation(OVER_PAGU, f"{sub} / {account}", "",
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
    rows = [Reconciliation(MONTH_MISSING, str(month), f"{MONTH_NAMES[month - 1]} {inputs.year}",
                           None, 0, "") for month in gaps]
    issues = [issue("month-missing", f"Tidak ada realisasi bulan {MONTH_NAMES[month - 1]} "
                    f"{inputs.year}, padahal bulan {MONTH_NAMES[seen[0] - 1]} s.d. "
                    f"{MONTH_NAMES[seen[-1] - 1]} ada. Periksa apakah berkasnya terlewat.")
              for month in gaps]
    return rows, issues


def external_lra(table: SheetTable, accounts: pd.DataFrame, year: int) -> Result:
    """An accounting-system LRA: its own subtotals, then line by line against ours.

    Its own subtotals are each parent row against the rows below it, down to the table's
    own leaves (`own_leaves`). It is compared with the computed LRA on every code it
    prints, and on each computed code it should print (`in_scope`)."""
    frame = table.frame[table.frame["kode_rekening"].notna() & ~table.frame["bad_kode_rekening"]]
    amounts = ["anggaran", "realisasi", "realisasi_lalu"]
    clean = frame.assign(**{name: frame[name].where(~frame[f"bad_{name}"]) for name in amounts},
                         file=table.file, sheet=table.sheet)
    leaf = own_leaves(clean["kode_rekening"])
    rows: list[Reconciliation] = []
    issues: list[Issue] = []
    leaves = clean[leaf].fillna({name: 0 for name in amounts})
    same_columns = {name: name for name in amounts}
    for found in subtotals.comparisons(leaves, clean[~leaf], ["file", "sheet"], same_columns):
        cell = table.cell(found.amount, found.row)
        label = AMOUNT_LABELS[found.amount]
        matched = found.matched
        rows.append(Reconciliation("Subtotal LRA sistem", found.code, label, found.declared,
                                   found.computed, f"{table.file} › {table.sheet}!{cell}",
                                   matched))
        if matched:
            continue
        message = (f"Subtotal {found.code} ({label}) di LRA sistem tertulis Rp "
                   f"{format_rupiah(found.declared)}, sedangkan jumlah rinciannya Rp "
                   f"{format_rupiah(found.computed)}; selisih Rp "
                   f"{format_rupiah(found.declared - found.computed)}.")
        issues.append(issue("subtotal-mismatch", message, table.file, table.sheet, cell,
                            format_rupiah(found.declared)))
    found_rows, found_issues = _lra_against_computed(table, clean, accounts, year)
    return rows + found_rows, issues + found_issues


def own_leaves(accounts: pd.Series) -> pd.Series:
    """True for the codes no other code of the table lies under: the six-level rows of a
    full LRA, the deepest rows of a LRA printed at fewer levels (SIMDA: levels 1–3 or 5)."""
    above = {parent for code in accounts.dropna().unique() for parent in codes.parents(str(code))}
    return ~accounts.isin(above)


def in_scope(printed: pd.Series, computed: Iterable[str]) -> list[str]:
    """The computed codes a LRA should print beside the ones it does print.

    A LRA that reaches the sixth level (the template's `LRA` sheet, SIPD-RI AKLAP) is a full
    LRA: every computed code, so a parent row it lacks is a line it lacks. A LRA printed at
    fewer levels (SIMDA's, at levels 1–3 or 5) is compared at its own levels only, and not
    below the rows where it stops (its own leaves): a level it does not print, or the
    detail under a row it prints as its deepest, is no line it lacks."""
    present = [str(code) for code in printed.dropna().unique()]
    levels = {codes.level(code) for code in present}
    if codes.LEAF_LEVEL in levels:
        return list(computed)
    stops = {code for code, leaf in zip(present, own_leaves(pd.Series(present)), strict=True)
             if leaf}
    return [code for code in computed if codes.level(code) in levels
            and not any(parent in stops for parent in codes.parents(code))]


def _lra_against_computed(table: SheetTable, clean: pd.DataFrame, accounts: pd.DataFrame,
                          year: int) -> Result:
    ours = {"anggaran": "total_pagu", "realisasi": "total_realisasi",
            "realisasi_lalu": "total_realisasi_lalu"}
    theirs = clean.drop_duplicates("kode_rekening").set_index("kode_rekening")
    shown = accounts[[column for column in ours.values()]].ne(0).any(axis=1)
    expected = in_scope(clean["kode_rekening"], (str(code) for code in accounts.index[shown]))
    every_code = sorted(set(theirs.index) | set(expected), key=codes.sort_key)
    rows: list[Reconciliation] = []
    issues: list[Issue] = []
    for code in every_code:
        for name, column in ours.items():
            computed = int(accounts.at[code, column]) if code in accounts.index else 0
            if code in theirs.index:
                declared = theirs.at[code, name]
                if pd.isna(declared):
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
            matched = stated == computed
            rows.append(Reconciliation("LRA sistem vs dihitung", code, label, stated, computed,
                                       where, matched))
            if matched:
                continue
            message = (f"{label} {code} di LRA sistem: {declared_text}; dihitung dari DPA dan "
                       f"realisasi: Rp {format_rupiah(computed)}.")
            issues.append(issue("lra-mismatch", message, table.file, table.sheet, cell,
                                "" if declared is None else format_rupiah(int(declared))))
    return rows, issues


def completeness(inputs: Inputs, accounts: pd.DataFrame) -> Reconciliation:
    """Every realisasi row read is counted in the LRA (this year or last), rejected with a
    finding, or a declared subtotal only compared; and every rupiah read is in the LRA or
    in a rejected row. Dinyatakan: the rupiah read; Dihitung: LRA + rejected."""
    roots = accounts[accounts["depth"] == 1]
    lra_total = int(roots["total_realisasi"].sum() + roots["total_realisasi_lalu"].sum())
    realisasi_rejected = inputs.rejected[inputs.rejected["source"] == "realisasi"]
    rejected = int(realisasi_rejected["amount"].fillna(0).sum())
    unreadable = int(realisasi_rejected["amount"].isna().sum())
    declared = inputs.declared[inputs.declared["source"] == "realisasi"]
    declared_amount = int(declared["amount_realisasi"].fillna(0).sum()) if len(declared) else 0
    counted_rows = int(inputs.realisasi["rows"].sum() + inputs.realisasi_lalu["rows"].sum())
    rejected_rows = int(realisasi_rejected["rows"].sum())
    read = inputs.read_amount - declared_amount
    unaccounted = Unaccounted(read - lra_total - rejected,
                              inputs.read_rows - counted_rows - rejected_rows - len(declared))
    text = (f"{unaccounted.sentence()} {inputs.read_rows} baris realisasi dibaca: "
            f"{counted_rows} dihitung dalam LRA (Rp {format_rupiah(lra_total)}), "
            f"{rejected_rows} ditolak (Rp {format_rupiah(rejected)}; {unreadable} tanpa nilai "
            f"terbaca), {len(declared)} baris subtotal hanya dibandingkan.")
    return Reconciliation(COMPLETENESS, "", text, read, lra_total + rejected,
                          "semua berkas realisasi", unaccounted.none)


class Unaccounted(NamedTuple):
    """What was read but is neither counted nor rejected (negative: counted twice)."""

    amount: int  # sen
    rows: int

    @property
    def none(self) -> bool:
        return self.amount == 0 and self.rows == 0

    def sentence(self) -> str:
        """`Semua baris terhitung.`, or what is missing, plainly."""
        if self.none:
            return "Semua baris terhitung."
        parts = []
        if self.rows:
            parts.append(f"{abs(self.rows)} baris")
        if self.amount:
            parts.append(f"Rp {format_rupiah(abs(self.amount))}")
        what = " dan ".join(parts)
        if self.amount > 0 or (not self.amount and self.rows > 0):
            return (f"Belum semua terhitung: {what} realisasi yang dibaca tidak ada di LRA "
                    "maupun di baris yang ditolak.")
        return (f"Belum semua cocok: LRA dan baris yang ditolak berisi {what} lebih banyak "
                "daripada realisasi yang dibaca.")
