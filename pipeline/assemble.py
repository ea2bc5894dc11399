"""From parsed files to one budget year: DPA lines, realisasi, declared subtotals, rejections.

Pure: takes `ParsedFile`s, returns `Inputs` and findings. Every input row with an amount
ends up in exactly one place: a counted line, a declared subtotal (compared, not added)
or a rejection that names its reason.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pipeline import codes, condense
from pipeline.findings import Issue, issue
from pipeline.money import SUM_LIMIT, format_rupiah
from pipeline.tables import ParsedFile, RowTrace, SheetTable

LINE_COLUMNS = ["file", "sheet", "row"]


@dataclass(frozen=True)
class Inputs:
    """The budget year as the input folder declares it."""

    year: int
    identitas: dict[str, str]
    programs: pd.DataFrame  # kode, nomenklatur, indikator, target, satuan, file, sheet, row
    dpa_lines: pd.DataFrame  # kode_sub_kegiatan, kode_rekening, uraian, pagu_murni, pagu, …
    realisasi: pd.DataFrame  # leaf lines of the year: bulan, kode_sub_kegiatan, … realisasi, rows
    realisasi_lalu: pd.DataFrame  # leaf lines of the year before
    declared: pd.DataFrame  # declared subtotal rows: source, group, kode_rekening, amounts
    rejected: pd.DataFrame  # rows not counted: source, file, sheet, row, tahun, amount, reason
    lra_exports: tuple[SheetTable, ...]
    chart_tables: tuple[SheetTable, ...]
    read_rows: int = 0  # realisasi rows with an amount cell, read or unreadable
    read_amount: int = 0  # the sum of every readable realisasi amount, in sen
    letters: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    # Per realisasi sheet (file, sheet): the rows summed into this year's counted lines.
    traces: dict[tuple[str, str], RowTrace] = field(default_factory=dict)
    # Downloads kept beside the counted lines as controls (`pipeline.exports.controls`).
    controls: tuple[ParsedFile, ...] = ()

    def cell(self, file: str, sheet: str, field_name: str, row: int) -> str:
        letter = self.letters.get((file, sheet), {}).get(field_name, "")
        return f"{letter}{row}" if letter else ""


def drop_identical_copies(parsed: list[ParsedFile]) -> tuple[list[ParsedFile], list[Issue]]:
    """Keep the first of files with the same content; note each copy skipped."""
    first: dict[str, str] = {}
    kept: list[ParsedFile] = []
    issues: list[Issue] = []
    for item in parsed:
        if item.digest and item.digest in first:  # "" is a file that could not be read
            message = f"Isi berkas sama persis dengan {first[item.digest]}; salinan ini dilewati."
            issues.append(issue("file-duplicate", message, item.path))
        else:
            first[item.digest] = item.path
            kept.append(item)
    return kept, issues


def find_dpa(parsed: list[ParsedFile]) -> tuple[ParsedFile | None, list[Issue]]:
    """The one workbook with an `Anggaran` sheet."""
    dpas = [item for item in parsed if item.tables_of("anggaran")]
    if not dpas:
        return None, []
    issues = [
        issue("dpa-multiple", f"Workbook DPA lain ditemukan ({dpas[0].path}); yang dipakai "
              f"hanya {dpas[0].path}, berkas ini diabaikan.", extra.path, "Anggaran")
        for extra in dpas[1:]
    ]
    return dpas[0], issues


def fiscal_year(dpa: ParsedFile, parsed: list[ParsedFile]) -> int | None:
    """Tahun Anggaran from `Identitas`, else the most common year of the realisasi rows."""
    text = dpa.identitas.get("tahun_anggaran", "")
    if text.isdigit():
        return int(text)
    years: Counter[int] = Counter()
    for item in parsed:
        for table in item.tables_of("realisasi"):
            rows = table.frame.groupby("tahun")["rows"].sum()
            years.update({int(year): int(count) for year, count in rows.items()})
    return years.most_common(1)[0][0] if years else None


def assemble(dpa: ParsedFile, parsed: list[ParsedFile], year: int) -> tuple[Inputs, list[Issue]]:
    """Split every table into counted lines, declared subtotals and rejections."""
    issues: list[Issue] = []
    letters = {(table.file, table.sheet): table.letters for item in parsed for table in item.tables}
    anggaran = _concat([table for table in dpa.tables_of("anggaran")])
    programs = _concat([table for table in dpa.tables_of("program")])
    realisasi_tables = [table for item in parsed for table in item.tables_of("realisasi")]
    realisasi = _concat(realisasi_tables)

    dpa_lines, dpa_declared, dpa_rejected = split_anggaran(anggaran)
    read_rows, read_amount = _read_totals(realisasi)
    realisasi, month_issues, duplicate_rejected = resolve_months(realisasi, year)
    issues += month_issues
    traces = {(table.file, table.sheet): table.trace for table in realisasi_tables
              if table.trace is not None}
    current, previous, declared_real, real_rejected, year_issues = split_realisasi(
        realisasi, year, letters, traces)
    issues += year_issues
    inputs = Inputs(
        year=year,
        identitas=dict(dpa.identitas),
        programs=programs,
        dpa_lines=dpa_lines,
        realisasi=current,
        realisasi_lalu=previous,
        declared=pd.concat([dpa_declared, declared_real], ignore_index=True),
        rejected=pd.concat([dpa_rejected, real_rejected, duplicate_rejected], ignore_index=True),
        lra_exports=tuple(table for item in parsed for table in item.tables_of("lra")),
        chart_tables=tuple(table for item in parsed for table in item.tables_of("chart")),
        letters=letters,
        read_rows=read_rows,
        read_amount=read_amount,
        traces=counted_traces(current, traces),
    )
    return inputs, issues


def amounts_in_range(inputs: Inputs) -> bool:
    """True when every sum the pipeline can form fits in int64 (checked with floats)."""
    columns = [inputs.dpa_lines["pagu_murni"], inputs.dpa_lines["pagu"],
               inputs.realisasi["realisasi"], inputs.realisasi_lalu["realisasi"]]
    return all(float(column.astype("float64").abs().sum()) < SUM_LIMIT for column in columns)


def _read_totals(frame: pd.DataFrame) -> tuple[int, int]:
    """Rows with an amount cell (readable or not) and the sum of the readable amounts."""
    if frame.empty:
        return 0, 0
    with_amount = frame["realisasi"].notna() | frame["bad_realisasi"]
    return int(frame.loc[with_amount, "rows"].sum()), int(frame["realisasi"].fillna(0).sum())


def _concat(tables: list[SheetTable]) -> pd.DataFrame:
    """Tables of one kind stacked, each row tagged with its file and sheet."""
    filled = [table for table in tables if not table.frame.empty]
    if not filled:
        empty = tables[0].frame.iloc[0:0] if tables else pd.DataFrame({"row": []})
        return empty.assign(file=pd.Series(dtype="string"), sheet=pd.Series(dtype="string"))
    frame = pd.concat([table.frame for table in filled], ignore_index=True)
    sizes = [len(table.frame) for table in filled]
    return frame.assign(file=_repeated([table.file for table in filled], sizes),
                        sheet=_repeated([table.sheet for table in filled], sizes))


def _repeated(labels: list[str], sizes: list[int]) -> pd.Series:
    """Each label repeated for its table's rows, as one text column."""
    return pd.Series(np.repeat(np.array(labels, dtype=object), sizes), dtype="str")


def _level(frame: pd.DataFrame) -> pd.Series:
    """The level of each kode rekening (computed once, when the sheet was parsed)."""
    return frame["level"] if "level" in frame else codes.levels_of(frame["kode_rekening"])


def split_anggaran(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """DPA rows → leaf lines, declared subtotals (shorter codes) and rejected rows."""
    if frame.empty or "kode_rekening" not in frame:
        empty = pd.DataFrame()
        return _empty_lines(), empty, empty
    bad = frame[["bad_kode_rekening", "bad_kode_sub_kegiatan", "bad_pagu_murni",
                 "bad_pagu_perubahan"]].any(axis=1)
    akun = frame["kode_rekening"].str.slice(0, 1)
    no_sub = frame["kode_sub_kegiatan"].isna() & ~akun.isin(["4", "6"])
    has_amount = frame[["pagu_murni", "pagu_perubahan"]].notna().any(axis=1)
    usable = frame["kode_rekening"].notna() & ~bad & ~no_sub
    murni = frame["pagu_murni"].fillna(0).astype("int64")
    pagu = frame["pagu_perubahan"].fillna(frame["pagu_murni"]).fillna(0).astype("int64")
    typed = frame.assign(pagu_murni=murni, pagu=pagu)
    leaf = usable & (_level(frame) == codes.LEAF_LEVEL)
    lines = typed.loc[leaf, ["kode_sub_kegiatan", "kode_rekening", "uraian", "pagu_murni", "pagu",
                             *LINE_COLUMNS]].reset_index(drop=True)
    stated_pagu = frame["pagu_perubahan"].fillna(frame["pagu_murni"])  # blank stays blank
    declared = typed.loc[usable & ~leaf].assign(
        source="dpa", tahun=pd.NA, bulan=pd.NA,
        amount_pagu_murni=frame.loc[usable & ~leaf, "pagu_murni"],
        amount_pagu=stated_pagu[usable & ~leaf],
    )
    rejected = typed.loc[~usable & has_amount].assign(
        source="dpa", amount=pagu[~usable & has_amount], tahun=pd.NA,
        reason="baris DPA dengan sel yang tidak sah")
    return lines, _declared_columns(declared), _rejected_columns(rejected)


def _empty_lines() -> pd.DataFrame:
    return pd.DataFrame({
        "kode_sub_kegiatan": pd.Series(dtype="string"), "kode_rekening": pd.Series(dtype="string"),
        "uraian": pd.Series(dtype="string"), "pagu_murni": pd.Series(dtype="int64"),
        "pagu": pd.Series(dtype="int64"), "file": pd.Series(dtype="string"),
        "sheet": pd.Series(dtype="string"), "row": pd.Series(dtype="int64"),
    })


def resolve_months(frame: pd.DataFrame, year: int
                   ) -> tuple[pd.DataFrame, list[Issue], pd.DataFrame]:
    """A month of the year delivered by two files is an error: the first file (by path) is
    counted, the other's rows for that month are rejected. (`bulan` was already taken from
    `tanggal` where the Bulan cell is blank, `condense.with_months`.)"""
    if frame.empty:
        return frame, [], pd.DataFrame()
    leaf = _level(frame) == codes.LEAF_LEVEL  # declared subtotal rows are not amounts
    counted = frame.loc[(frame["tahun"] == year).fillna(False) & frame["bulan"].notna()
                        & ~frame["bad_realisasi"] & leaf, ["bulan", "file", "rows", "realisasi"]]
    per_file = counted.groupby(["bulan", "file"], sort=True).agg(
        size=("rows", "sum"), sum=("realisasi", "sum"))
    issues: list[Issue] = []
    dropped = pd.Series(False, index=frame.index)
    for month, files in per_file.groupby(level=0):
        if len(files) < 2:
            continue
        names = [name for _, name in files.index]
        summary = "; ".join(
            f"{name}: {int(stat['size'])} baris, Rp {format_rupiah(int(stat['sum']))}"
            for (_, name), stat in files.iterrows())
        for other in names[1:]:
            message = (f"Bulan {int(month)}/{year} dikirim oleh dua berkas berbeda ({summary}). "
                       f"Yang dihitung: {names[0]}; baris bulan ini dari {other} ditolak. "
                       "Hapus salah satu berkas.")
            issues.append(issue("month-duplicate", message, other))
            # A row without a month is not in this month: it stays, to be counted or
            # rejected on its own (a blank would make the mask blank, and lose the row).
            in_month = ((frame["tahun"] == year) & (frame["bulan"] == month)).fillna(False)
            dropped |= (frame["file"] == other) & in_month
    if not issues:  # the usual case: no copy of the frame
        return frame, [], _rejected_columns(pd.DataFrame())
    rejected = frame.loc[dropped].assign(source="realisasi", amount=frame.loc[dropped, "realisasi"],
                                         reason="bulan ganda")
    return frame.loc[~dropped], issues, _rejected_columns(rejected)


def split_realisasi(frame: pd.DataFrame, year: int,
                    letters: dict[tuple[str, str], dict[str, str]],
                    traces: dict[tuple[str, str], RowTrace]
                    ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame, list[Issue]]:
    """Realisasi lines → this year's leaf lines, last year's, declared subtotals, rejections."""
    columns = ["tahun", "bulan", "kode_sub_kegiatan", "kode_rekening", "uraian", "uraian_row",
               "realisasi", "rows", *LINE_COLUMNS]
    if frame.empty:
        empty = pd.DataFrame(columns=columns)
        return empty, empty.copy(), pd.DataFrame(), pd.DataFrame(), []
    known_year = frame["tahun"].isin([year, year - 1])
    needs_month = ((frame["tahun"] == year) & frame["bulan"].isna()).fillna(False).astype(bool)
    usable = condense.readable(frame) & known_year & ~needs_month
    leaf = usable & (_level(frame) == codes.LEAF_LEVEL)
    current = frame.loc[leaf & (frame["tahun"] == year), columns].reset_index(drop=True)
    previous = frame.loc[leaf & (frame["tahun"] == year - 1), columns].reset_index(drop=True)
    declared = frame.loc[usable & ~leaf].assign(source="realisasi",
                                                amount_realisasi=frame.loc[usable & ~leaf,
                                                                           "realisasi"])
    has_amount = frame["realisasi"].notna() | frame["bad_realisasi"]
    rejected_rows = frame.loc[~usable & has_amount].assign(
        realisasi=lambda rows: rows["realisasi"].fillna(0))
    reasons = pd.Series("baris realisasi dengan sel yang tidak sah", index=rejected_rows.index)
    reasons[~known_year[rejected_rows.index] & rejected_rows["tahun"].notna()] = "tahun lain"
    reasons[needs_month[rejected_rows.index]] = "bulan kosong"
    rejected = rejected_rows.assign(source="realisasi",
                                    amount=frame.loc[rejected_rows.index, "realisasi"],
                                    reason=reasons)
    issues = _year_month_issues(rejected_rows, needs_month, known_year, year, letters, traces)
    return current, previous, _declared_columns(declared), _rejected_columns(rejected), issues


def _year_month_issues(rows: pd.DataFrame, needs_month: pd.Series, known_year: pd.Series,
                       year: int, letters: dict[tuple[str, str], dict[str, str]],
                       traces: dict[tuple[str, str], RowTrace]) -> list[Issue]:
    issues: list[Issue] = []
    for index, row in rows.iterrows():
        cells = letters.get((row["file"], row["sheet"]), {})
        if pd.notna(row["tahun"]) and not known_year[index]:
            message = (f"Tahun {int(row['tahun'])} bukan tahun anggaran {year} atau {year - 1}; "
                       "baris tidak dihitung.")
            for excel_row in _rows_of_line(row, traces):
                issues.append(issue("year-other", message, row["file"], row["sheet"],
                                    f"{cells.get('tahun', '')}{excel_row}", int(row["tahun"])))
        elif needs_month[index] and not row["bad_bulan"]:
            message = "Bulan kosong dan Tanggal tidak ada; baris realisasi tidak dihitung."
            issues.append(issue("month-invalid", message, row["file"], row["sheet"],
                                f"{cells.get('bulan', '')}{row['row']}"))
        elif pd.isna(row["tahun"]) and not row["bad_tahun"] and pd.notna(row["kode_rekening"]):
            message = "Tahun kosong; baris realisasi tidak dihitung. Isi tahun anggarannya."
            issues.append(issue("value-missing", message, row["file"], row["sheet"],
                                f"{cells.get('tahun', '')}{row['row']}"))
    return issues


def _rows_of_line(line: pd.Series, traces: dict[tuple[str, str], RowTrace]) -> list[int]:
    """The Excel rows a line was summed from (its own row when it was not summed)."""
    trace = traces.get((line["file"], line["sheet"]))
    if line["rows"] == 1 or trace is None:
        return [int(line["row"])]
    members = trace.members
    return sorted(int(row) for row in members.loc[members["line"] == line["row"], "row"])


def counted_traces(current: pd.DataFrame, traces: dict[tuple[str, str], RowTrace]
                   ) -> dict[tuple[str, str], RowTrace]:
    """Each sheet's trace narrowed to the rows of this year's counted lines: what the row
    checks look at (`pipeline.row_checks`). A sheet whose lines all count keeps its trace."""
    rows = current["row"].to_numpy()
    lines = {key: rows[positions] for key, positions in
             current.groupby(["file", "sheet"]).indices.items()}
    return {key: _narrowed(trace, lines[key]) for key, trace in traces.items() if key in lines}


def _narrowed(trace: RowTrace, lines: np.ndarray) -> RowTrace:
    """The trace of the rows summed into `lines` (their first Excel rows)."""
    members = trace.members
    if members.empty:
        return trace
    line_rows = members["line"].to_numpy()
    table = np.zeros(int(max(line_rows.max(), lines.max())) + 1, dtype=bool)
    table[lines] = True
    kept = table[line_rows]
    if kept.all():
        return trace
    members = members[kept]
    repeated = trace.repeated[trace.repeated["row"].isin(members["row"].to_numpy())]
    return RowTrace(members.reset_index(drop=True), repeated.reset_index(drop=True))


def _declared_columns(frame: pd.DataFrame) -> pd.DataFrame:
    wanted = ["source", "tahun", "bulan", "kode_sub_kegiatan", "kode_rekening", "uraian",
              *[column for column in frame.columns if column.startswith("amount_")],
              *LINE_COLUMNS]
    return frame.reindex(columns=wanted).reset_index(drop=True)


def _rejected_columns(frame: pd.DataFrame) -> pd.DataFrame:
    if "rows" not in frame:  # DPA rows are never summed
        frame = frame.assign(rows=1)
    wanted = ["source", "tahun", "kode_rekening", "amount", "reason", "rows", *LINE_COLUMNS]
    return frame.reindex(columns=wanted).reset_index(drop=True)
