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

import re
from collections import Counter

import pandas as pd

from pipeline import codes
from pipeline.coerce import DTYPES, coerce_column, problem_issues
from pipeline.excel.grid import Grid
from pipeline.excel.header import Header, letters, raw_table
from pipeline.exports import notation, penunjang
from pipeline.exports.base import (
    BUDGET_STAGE,
    LAYOUT,
    SKPD,
    STAGE,
    VERSION,
    YEAR,
    Export,
    Extract,
    Source,
)
from pipeline.exports.stage import (
    program_records,
    program_table,
    stage_of_name,
    stage_table,
    stage_unknown,
    version_of_name,
)
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
_TOTAL = re.compile(r"\b(?:total|jumlah)\b", re.IGNORECASE)
_WITHOUT_SUB_KEGIATAN = ("4", "6")  # pendapatan and pembiayaan belong to no sub kegiatan


def read(grid: Grid, header: Header, source: Source) -> Extract:
    """The Rekap as one budget stage table, the program structure and the identity."""
    raw = raw_table(grid, header)
    columns = letters(grid, header)
    file, sheet = source.display, grid.sheet
    frame, issues = _typed(raw, columns, file, sheet)
    issues += _replace_placeholder(frame, columns, file, sheet)
    issues += _refuse_non_lines(frame, columns, file, sheet)
    total = _is_total_row(frame, grid)
    good = _is_line(frame) & ~total
    issues += _missing_codes(frame, good | total, columns, file, sheet)
    issues += _check_totals(frame, good, total, columns, file, sheet)

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
    identitas = {"pemerintah_daerah": _most_common(frame["nama_daerah"]),
                 "perangkat_daerah": _most_common(frame["nama_skpd"]),
                 "tahun_anggaran": _most_common(frame["tahun"])}
    identitas = {name: value for name, value in identitas.items() if value}
    meta = {LAYOUT: NAME, YEAR: identitas.get("tahun_anggaran", ""),
            SKPD: identitas.get("perangkat_daerah", ""), STAGE: stage or "",
            VERSION: str(version_of_name(source.name) or "")}
    return Extract(tables, identitas, tuple(issues),
                   {key: value for key, value in meta.items() if value})


def _typed(raw: pd.DataFrame, columns: dict[str, str], file: str, sheet: str
           ) -> tuple[pd.DataFrame, list[Issue]]:
    """One typed column and one `bad_` flag per field, amounts in the file's notation and
    codes read as downloads write them; a finding per unreadable cell."""
    frame = pd.DataFrame({"row": raw["row"].astype("int64")})
    decided = notation.decide(raw, REKAP, columns, file, sheet)
    readers = decided.readers()
    issues: list[Issue] = list(decided.issues)
    for field in REKAP.fields:
        if field.name not in raw:
            frame[field.name] = pd.Series([None] * len(raw), dtype=DTYPES[field.kind])
            frame[f"bad_{field.name}"] = False
            continue
        typed, problems = coerce_column(raw[field.name], field, readers.get(field.kind))
        frame[field.name] = typed
        frame[f"bad_{field.name}"] = (problems.notna() & (problems != "money-rounded")).astype(bool)
        issues += problem_issues(raw[field.name], problems, raw["row"], field, file, sheet,
                                 columns[field.name])
    return frame, issues


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


def _is_total_row(frame: pd.DataFrame, grid: Grid) -> pd.Series:
    """Rows without codes whose cells say TOTAL or JUMLAH and that carry a PAGU."""
    no_codes = (frame["kode_sub_kegiatan"].isna() & frame["kode_rekening"].isna()
                & ~frame["bad_kode_sub_kegiatan"] & ~frame["bad_kode_rekening"])
    candidates = no_codes & frame["pagu"].notna()

    def says_total(row: int) -> bool:
        cells = grid.rows[row - grid.first_row]
        return any(isinstance(cell, str) and _TOTAL.search(cell) for cell in cells)

    flags = [bool(candidate) and says_total(int(row))
             for candidate, row in zip(candidates, frame["row"], strict=True)]
    return pd.Series(flags, index=frame.index, dtype=bool)


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


def _check_totals(frame: pd.DataFrame, good: pd.Series, total: pd.Series,
                  columns: dict[str, str], file: str, sheet: str) -> list[Issue]:
    """Each grand-total row against the PAGU of every other row that could be read."""
    if not total.any():
        return []
    computed = int(frame.loc[~total, "pagu"].fillna(0).sum())
    issues: list[Issue] = []
    for row, stated in zip(frame.loc[total, "row"], frame.loc[total, "pagu"], strict=True):
        if int(stated) == computed:
            continue
        message = (f"Baris total Rekap tertulis Rp {format_rupiah(int(stated))}, sedangkan "
                   f"jumlah PAGU semua baris komponen Rp {format_rupiah(computed)}; selisih Rp "
                   f"{format_rupiah(int(stated) - computed)}. Baris total tidak dihitung.")
        issues.append(issue("subtotal-mismatch", message, file, sheet,
                            f"{columns['pagu']}{row}", format_rupiah(int(stated))))
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
        names = {3: _text(record.nama_program), 5: _text(record.nama_kegiatan),
                 6: _text(record.nama_sub_kegiatan)}
        records += program_records(str(record.kode_sub_kegiatan), names, int(record.row))
    return records


def _program_letters(columns: dict[str, str]) -> dict[str, str]:
    """A program row points at its sub kegiatan's cells (where its code is read from)."""
    pairs = {"kode": "kode_sub_kegiatan", "nomenklatur": "nama_sub_kegiatan"}
    return {name: columns[source] for name, source in pairs.items() if source in columns}


def _text(value: object) -> str | None:
    return None if pd.isna(value) else str(value)  # type: ignore[call-overload]


def _most_common(values: pd.Series) -> str:
    """The value most rows give ("" when none)."""
    found = Counter(str(value) for value in values.dropna())
    return found.most_common(1)[0][0] if found else ""


EXPORT = Export(
    name=NAME,
    title="Rekap Anggaran SIPD-RI",
    menu="SIPD-RI › Penganggaran › Rekap (unduh Excel)",
    layout=REKAP,
    read=read,
)
