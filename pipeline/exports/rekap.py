"""A1: the SIPD-RI "Rekap" of the budget (Penganggaran), flat.

One header row, one row per komponen (standar harga): every row is a leaf. A DPA line is
the sum of PAGU per (KODE SUB KEGIATAN, KODE REKENING), exact in sen. A row that cannot
join a line (an unreadable cell, a code missing, a code that is not a sub kegiatan or not
a six-level rekening) is kept in the stage table as it is, flagged, so that it ends in the
DPA's rejections; each such cell is a finding. A row with no code that says TOTAL or
JUMLAH is the file's own grand total: compared with the rows above it, never added.

The stage comes from the file name (`stage.stage_of_name`), the version too; NAMA DAERAH,
NAMA SKPD and TAHUN give the identity; the program, kegiatan and sub kegiatan names give
the program structure (program and kegiatan codes are the sub kegiatan code's first three
and five segments, so the structure always matches the lines).
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from pipeline import codes
from pipeline.excel.grid import Grid
from pipeline.excel.header import Header, letters, raw_table
from pipeline.exports import penunjang
from pipeline.exports.base import (
    BUDGET_STAGE,
    LAYOUT,
    SKPD,
    SKPD_CODE,
    STAGE,
    VERSION,
    YEAR,
    Export,
    Extract,
    Source,
)
from pipeline.exports.cells import text, typed_download
from pipeline.exports.skpd_rows import most_common, other_skpd
from pipeline.exports.stage import (
    program_records,
    program_table,
    stage_of_name,
    stage_table,
    stage_unknown,
    version_of_name,
)
from pipeline.exports.totals import check_totals, rows_added, total_rows
from pipeline.findings import Issue, issue
from pipeline.layouts import Field, Layout
from pipeline.money import format_rupiah

NAME = "sipd-rekap"
REKAP = Layout(BUDGET_STAGE, (), (
    Field("kode_sub_kegiatan", "KODE SUB KEGIATAN", "program", ("Kode Subkegiatan",),
          required=True),
    Field("kode_rekening", "KODE REKENING", "account", ("Kode Akun",), required=True),
    Field("nama_standar_harga", "NAMA STANDAR HARGA", "text",
          ("Nama Komponen", "Nama SSH", "Nama Standar Harga Satuan"), required=True),
    Field("pagu", "PAGU", "money", ("Pagu Komponen",), required=True),
    Field("uraian", "NAMA REKENING", "text", ("Nama Akun",)),
    Field("sumber_dana", "NAMA SUMBER DANA", "text", ("Sumber Dana",)),
    Field("nama_sub_kegiatan", "NAMA SUB KEGIATAN", "text", ("Nama Subkegiatan",)),
    Field("nama_kegiatan", "NAMA KEGIATAN", "text"),
    Field("nama_program", "NAMA PROGRAM", "text"),
    Field("nama_daerah", "NAMA DAERAH", "text", ("Nama Pemda",)),
    Field("tahun", "TAHUN", "year", ("Tahun Anggaran",)),
    Field("kode_skpd", "KODE SKPD", "text"),
    Field("nama_skpd", "NAMA SKPD", "text"),
    Field("kode_sub_unit", "KODE SUB UNIT", "text"),
))
_WITHOUT_SUB_KEGIATAN = ("4", "6")  # pendapatan and pembiayaan belong to no sub kegiatan


def read(grid: Grid, header: Header, source: Source) -> Extract:
    """The Rekap as one budget stage table, the program structure and the identity."""
    raw = raw_table(grid, header)
    columns = letters(grid, header)
    file, sheet = source.display, grid.sheet
    frame, issues = typed_download(raw, REKAP, columns, file, sheet)
    issues += _replace_placeholder(frame, columns, file, sheet)
    issues += _refuse_non_lines(frame, columns, file, sheet)
    issues += _refuse_other_file(frame, columns, file, sheet)
    total = total_rows(frame, grid, ("kode_sub_kegiatan", "kode_rekening"), "pagu")
    good = _is_line(frame) & ~total
    issues += _missing_codes(frame, good | total, columns, file, sheet)
    issues += _check_totals(frame, total, columns, file, sheet)

    stage = stage_of_name(source.name)
    if stage is None:
        issues.append(stage_unknown(source.name, file, sheet))
    records = _line_records(frame[good], stage or "") + _rejected_records(
        frame[~good & ~total & _has_amount(frame)], stage or "")
    line_fields = ("kode_sub_kegiatan", "kode_rekening", "uraian", "pagu", "sumber_dana")
    line_letters: dict[str, str] = {name: columns[name] for name in line_fields
                                    if name in columns}
    tables = (program_table(file, sheet, _program_letters(columns), _program_rows(frame[good])),
              stage_table(file, sheet, line_letters, records))
    identitas = {"pemerintah_daerah": most_common(frame["nama_daerah"]),
                 "perangkat_daerah": most_common(frame["nama_skpd"]),
                 "tahun_anggaran": most_common(frame["tahun"])}
    identitas = {name: value for name, value in identitas.items() if value}
    meta = {LAYOUT: NAME, YEAR: identitas.get("tahun_anggaran", ""),
            SKPD: identitas.get("perangkat_daerah", ""),
            SKPD_CODE: most_common(frame["kode_skpd"]), STAGE: stage or "",
            VERSION: str(version_of_name(source.name) or "")}
    return Extract(tables, identitas, tuple(issues),
                   {key: value for key, value in meta.items() if value})


def _bidang(frame: pd.DataFrame) -> tuple[str | None, str]:
    """The OPD's bidang urusan from KODE SKPD (else KODE SUB UNIT), and where it was read."""
    for name, label in (("kode_skpd", "KODE SKPD"), ("kode_sub_unit", "KODE SUB UNIT")):
        found = Counter(filter(None, map(penunjang.bidang_of, frame[name].dropna())))
        if found:
            return found.most_common(1)[0][0], f"kolom {label}"
    return None, ""


def _replace_placeholder(frame: pd.DataFrame, columns: dict[str, str], file: str,
                         sheet: str) -> list[Issue]:
    """`X.XX.01.…` sub kegiatan codes take the OPD's bidang urusan (in place); one note per
    code, or one warning per code when the bidang is not known."""
    subs = frame["kode_sub_kegiatan"]
    placeholder = subs.notna() & subs.str.startswith(penunjang.PLACEHOLDER + ".").fillna(False)
    if not placeholder.any():
        return []
    bidang, source = _bidang(frame)
    letter = columns["kode_sub_kegiatan"]
    issues: list[Issue] = []
    for code, rows in frame[placeholder].groupby("kode_sub_kegiatan", sort=True)["row"]:
        cell = f"{letter}{int(rows.min())}"
        issues.append(penunjang.replacement_note(code, bidang, source, file, sheet, cell)
                      if bidang else penunjang.unreplaced_warning(code, file, sheet, cell))
    if bidang:
        frame.loc[placeholder, "kode_sub_kegiatan"] = subs[placeholder].map(
            lambda code: penunjang.replaced(code, bidang))
    return issues


def _refuse_non_lines(frame: pd.DataFrame, columns: dict[str, str], file: str,
                      sheet: str) -> list[Issue]:
    """Readable codes that cannot key a line here are flagged (in place), one finding each:
    a sub kegiatan code of fewer than six segments, a rekening of fewer than six levels."""
    subs, accounts = frame["kode_sub_kegiatan"], frame["kode_rekening"]
    short_sub = subs.notna() & ~subs.fillna("").map(codes.is_sub_kegiatan_code).astype(bool)
    short_account = accounts.notna() & (codes.levels_of(accounts) != codes.LEAF_LEVEL)
    issues: list[Issue] = []
    for row, code in zip(frame.loc[short_sub, "row"], subs[short_sub], strict=True):
        message = (f"KODE SUB KEGIATAN '{code}' bukan kode sub kegiatan (enam segmen, contoh "
                   "1.06.02.2.01.0001); baris Rekap ini tidak dihitung.")
        issues.append(issue("code-malformed", message, file, sheet,
                            f"{columns['kode_sub_kegiatan']}{row}", code))
    for row, code in zip(frame.loc[short_account, "row"], accounts[short_account], strict=True):
        message = (f"KODE REKENING '{code}' bukan rekening rincian (enam tingkat, contoh "
                   "5.1.02.01.01.0024); di Rekap setiap baris adalah komponen, baris ini tidak "
                   "dihitung.")
        issues.append(issue("code-malformed", message, file, sheet,
                            f"{columns['kode_rekening']}{row}", code))
    frame.loc[short_sub, "bad_kode_sub_kegiatan"] = True
    frame.loc[short_account, "bad_kode_rekening"] = True
    return issues


def _refuse_other_file(frame: pd.DataFrame, columns: dict[str, str], file: str,
                       sheet: str) -> list[Issue]:
    """A row of another TAHUN, or of another SKPD than the one most rows name
    (`skpd_rows.other_skpd`), is no line of this file's DPA: it is flagged (in place, as a
    row whose sub kegiatan cannot be placed) and named, one finding each with its cell, as
    `snapshot` refuses a row of another year or SKPD."""
    issues: list[Issue] = []
    refused = pd.Series(False, index=frame.index)
    year = most_common(frame["tahun"])
    if year:
        other = frame["tahun"].notna() & (frame["tahun"].astype("string") != year)
        for row, value in zip(frame.loc[other, "row"], frame.loc[other, "tahun"], strict=True):
            message = (f"TAHUN {value} berbeda dengan tahun berkas ini ({year}); baris Rekap ini "
                       "tidak dihitung.")
            issues.append(issue("value-invalid", message, file, sheet,
                                f"{columns.get('tahun', '')}{row}", value))
        refused |= other.fillna(False).astype(bool)
    other_skpd_rows, found = other_skpd(frame, columns, file, sheet, refused, "baris Rekap ini")
    frame.loc[refused | other_skpd_rows, "bad_kode_sub_kegiatan"] = True
    return issues + found


def _has_amount(frame: pd.DataFrame) -> pd.Series:
    return frame["pagu"].notna() | frame["bad_pagu"]


def _is_line(frame: pd.DataFrame) -> pd.Series:
    """Rows that join a line: both codes readable (a sub kegiatan may be blank only for
    pendapatan and pembiayaan) and the PAGU readable (blank counts as zero)."""
    accounts = frame["kode_rekening"]
    exempt = accounts.str.slice(0, 1).isin(_WITHOUT_SUB_KEGIATAN).fillna(False).astype(bool)
    placed = frame["kode_sub_kegiatan"].notna() | exempt
    clean = ~frame[["bad_kode_sub_kegiatan", "bad_kode_rekening", "bad_pagu"]].any(axis=1)
    return (accounts.notna() & placed & clean).astype(bool)


def _missing_codes(frame: pd.DataFrame, settled: pd.Series, columns: dict[str, str],
                   file: str, sheet: str) -> list[Issue]:
    """A row with a PAGU but a code left blank: one finding naming the blank cell."""
    open_rows = frame[~settled & _has_amount(frame)]
    issues: list[Issue] = []
    for record in open_rows.itertuples(index=False):
        if pd.isna(record.kode_rekening) and not record.bad_kode_rekening:
            issues.append(issue("code-missing", "Baris berisi PAGU tetapi KODE REKENING kosong; "
                                "baris tidak dihitung.", file, sheet,
                                f"{columns['kode_rekening']}{record.row}"))
        elif pd.isna(record.kode_sub_kegiatan) and not record.bad_kode_sub_kegiatan:
            issues.append(issue("sub-kegiatan-missing", "KODE SUB KEGIATAN kosong; hanya "
                                "pendapatan (4) dan pembiayaan (6) yang boleh tanpa sub "
                                "kegiatan. Baris tidak dihitung.", file, sheet,
                                f"{columns['kode_sub_kegiatan']}{record.row}"))
    return issues


def _check_totals(frame: pd.DataFrame, total: pd.Series, columns: dict[str, str], file: str,
                  sheet: str) -> list[Issue]:
    """Each total row against the PAGU of the komponen rows it adds up (`totals`), every
    row that states one: a Rekap's total is the file's own sum of what it prints."""
    if not total.any():
        return []
    rows = ~total & (frame["pagu"].notna() | frame["bad_pagu"])
    issues: list[Issue] = []
    for found in check_totals(frame, total, rows, frame["bad_pagu"], "pagu"):
        message = (f"Baris total Rekap tertulis Rp {format_rupiah(found.stated)}, sedangkan "
                   f"jumlah PAGU baris komponen yang dijumlahkannya ({rows_added(found)}) Rp "
                   f"{format_rupiah(found.computed)}; selisih Rp "
                   f"{format_rupiah(found.stated - found.computed)}. Baris total tidak "
                   "dihitung.")
        issues.append(issue("subtotal-mismatch", message, file, sheet,
                            f"{columns['pagu']}{found.row}", format_rupiah(found.stated)))
    return issues


def _line_records(rows: pd.DataFrame, stage: str) -> list[dict[str, object]]:
    """Komponen rows summed into one record per (sub kegiatan, rekening), in file order."""
    if rows.empty:
        return []
    keyed = rows.assign(key_sub=rows["kode_sub_kegiatan"].fillna(""),
                        pagu=rows["pagu"].fillna(0).astype("int64"))
    groups = keyed.groupby(["key_sub", "kode_rekening"], sort=False)
    lines = groups.agg(pagu=("pagu", "sum"), row=("row", "min"), rows=("row", "size"),
                       uraian=("uraian", "first"),
                       sumber_dana=("sumber_dana", lambda names: ", ".join(
                           dict.fromkeys(names.dropna().astype(str)))))
    return [{"kode_sub_kegiatan": sub or pd.NA, "kode_rekening": account,
             "uraian": line.uraian, "pagu": int(line.pagu),
             "sumber_dana": line.sumber_dana or pd.NA,
             "tahap": stage, "row": int(line.row), "rows": int(line.rows),
             "bad_kode_sub_kegiatan": False, "bad_kode_rekening": False, "bad_pagu": False}
            for (sub, account), line in lines.iterrows()]


def _rejected_records(rows: pd.DataFrame, stage: str) -> list[dict[str, object]]:
    """Rows that cannot join a line, one record each, flags kept: the DPA rejects them."""
    return [{"kode_sub_kegiatan": record.kode_sub_kegiatan, "kode_rekening": record.kode_rekening,
             "uraian": record.uraian, "pagu": record.pagu, "sumber_dana": record.sumber_dana,
             "tahap": stage, "row": int(record.row), "rows": 1,
             "bad_kode_sub_kegiatan": bool(record.bad_kode_sub_kegiatan),
             "bad_kode_rekening": bool(record.bad_kode_rekening),
             "bad_pagu": bool(record.bad_pagu)}
            for record in rows.itertuples(index=False)]


def _program_rows(rows: pd.DataFrame) -> list[dict[str, object]]:
    """Program, kegiatan and sub kegiatan of every sub kegiatan that has lines."""
    named = rows.dropna(subset=["kode_sub_kegiatan"]).drop_duplicates("kode_sub_kegiatan")
    records: list[dict[str, object]] = []
    for record in named.itertuples(index=False):
        names = {3: text(record.nama_program), 5: text(record.nama_kegiatan),
                 6: text(record.nama_sub_kegiatan)}
        records += program_records(str(record.kode_sub_kegiatan), names, int(record.row))
    return records


def _program_letters(columns: dict[str, str]) -> dict[str, str]:
    """A program row points at its sub kegiatan's cells (where its code is read from)."""
    pairs = {"kode": "kode_sub_kegiatan", "nomenklatur": "nama_sub_kegiatan"}
    return {name: columns[source] for name, source in pairs.items() if source in columns}


EXPORT = Export(
    name=NAME,
    title="Rekap Anggaran SIPD-RI",
    menu="SIPD-RI › Penganggaran › Rekap (unduh Excel)",
    layout=REKAP,
    read=read,
)
