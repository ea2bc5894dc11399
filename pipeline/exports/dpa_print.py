"""A2: the printed "DPA-RINCIAN BELANJA SKPD" saved to Excel (also `DPPA-` and `RKA-`).

A block layout, read top to bottom:
- title cells (`Formulir DPA-RINCIAN BELANJA SKPD`, `Pemerintah <daerah> Tahun Anggaran
  <yyyy>`) and label / `:` / value rows (`Program`, `Kegiatan`, `Organisasi`, `Unit` …);
- per sub kegiatan a `Sub Kegiatan : <kode> <nama>` row, a `Sumber Pendanaan` row, and a
  table under a header band `Kode Rekening | Uraian | Rincian Perhitungan | Jumlah` over
  `Koefisien | Satuan | Harga | PPN` (a DPPA has a `Sebelum …` and a `Setelah …` group, each
  with its Jumlah, then `Bertambah/(Berkurang)`), ending with `Jumlah Anggaran Sub Kegiatan`.

Table rows are rekening rows (a code, every level), group rows (`[#] …`, `[-] …`) and
komponen rows (koefisien, satuan, harga, jumlah). The six-level rekening rows are the DPA
lines; nothing else is added. Everything else the print states is checked as a declared
subtotal, each difference a `dpa-print-mismatch` naming its cell: a rekening row against
its komponen, a group row against its komponen, a shorter rekening row against the rows
below it, the block's `Jumlah Anggaran Sub Kegiatan` and a kegiatan's `Jumlah Total
Anggaran Kegiatan` against their lines.

The stage: a print with `Sebelum` / `Setelah` groups gives both (murni from Sebelum,
perubahan from Setelah); otherwise the form tells it (DPA, RKA → murni; DPPA, RKPA →
perubahan), else the file name, else it is unknown (`stage-unknown`). In a grouped print a
line left blank in one group is absent from that stage.

`X.XX` in program codes becomes the OPD's bidang urusan, read from the Unit or Organisasi
code (`penunjang`). The sub kegiatan of a line is printed on its block's `Sub Kegiatan` row;
the line's cells (code, uraian, jumlah) are on its own row, and its findings name those.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from pipeline import codes, subtotals
from pipeline.coerce import message_for
from pipeline.excel.grid import Grid
from pipeline.excel.header import Header, is_numbering_row
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
from pipeline.exports.cells import cell_text, row_text
from pipeline.exports.stage import (
    MURNI,
    PERUBAHAN,
    program_records,
    program_table,
    stage_of_name,
    stage_table,
    stage_unknown,
    version_of_name,
)
from pipeline.findings import Code, Issue, issue
from pipeline.layouts import Field, Layout, normalise_label
from pipeline.money import Money, format_rupiah, parse_money

NAME = "sipd-dpa-rincian"
DOCUMENT = "dokumen"  # meta key: the form printed, "DPA", "DPPA", "RKA" or "RKPA"
PLANS = ("RKA", "RKPA")  # forms of the plan, before the DPA was adopted
PRINT = Layout(BUDGET_STAGE, (), (
    Field("kode_rekening", "Kode Rekening", "account", required=True),
    Field("uraian", "Uraian", "text", required=True),
    Field("koefisien", "Koefisien", "text", ("Volume",), required=True),
    Field("jumlah", "Jumlah", "money", ("Jumlah (Rp)", "Jumlah (Rp.)"), required=True),
    Field("satuan", "Satuan", "text"),
    Field("harga", "Harga", "money", ("Harga Satuan",)),
    Field("ppn", "PPN", "text", ("Pajak",)),
))
JUMLAH = PRINT.field("jumlah")
SINGLE = ""  # the stage key of a print without Sebelum / Setelah groups
GROUP_STAGES = {"sebelum": MURNI, "semula": MURNI, "setelah": PERUBAHAN, "sesudah": PERUBAHAN,
                "menjadi": PERUBAHAN}
STAGE_WORDS = {MURNI: "Sebelum Perubahan", PERUBAHAN: "Setelah Perubahan", SINGLE: ""}
_BAND_WORDS = {"koefisien", "volume", "satuan", "harga", "hargasatuan", "ppn", "pajak",
               "rincianperhitungan", "rp", ""}
_BAND_PREFIXES = ("jumlah", "bertambah", *GROUP_STAGES)
_LABELS = {"urusanpemerintahan": "urusan", "bidangurusan": "bidang", "program": "program",
           "kegiatan": "kegiatan", "subkegiatan": "sub", "organisasi": "organisasi",
           "unit": "unit", "subunit": "unit", "sumberpendanaan": "sumber",
           "sumberdana": "sumber"}
_LABEL_ROW = re.compile(r"^\s*([^:]{2,40}?)\s*:\s*(.*)$", re.DOTALL)
_CODE_THEN_NAME = re.compile(r"^([0-9X]+(?:\s*\.\s*[0-9X]+)*)\.?\s*[-–]?\s*(.*)$",  # noqa: RUF001
                             re.IGNORECASE | re.DOTALL)
_FORM = re.compile(r"(dppa|dpa|rkpa|rka)rincianbelanja")
_PEMERINTAH = re.compile(r"^pemerintah\s+(.+?)(?:\s+tahun\s+anggaran\b.*)?$", re.IGNORECASE)
_YEAR = re.compile(r"tahun\s+anggaran\s*:?\s*(\d{4})", re.IGNORECASE)
_SUB_TOTAL = "jumlahanggaransubkegiatan"
_KEGIATAN_TOTAL = "jumlahtotalanggarankegiatan"


class Cell(NamedTuple):
    """Where a value was read: its Excel row and column letter."""

    row: int
    letter: str

    @property
    def name(self) -> str:
        return f"{self.letter}{self.row}"


class Label(NamedTuple):
    """The value of a label row: its code as printed (None when absent or unreadable), the
    code's raw text, the name after it, and the cell it starts in."""

    code: str | None
    raw: str
    name: str
    cell: Cell


class Columns(NamedTuple):
    """A table's columns: kode rekening, uraian, and the Jumlah column of each stage key."""

    kode: int
    uraian: int
    amounts: dict[str, int]


class Amount(NamedTuple):
    """A Jumlah cell: its sen (None when blank or unreadable), the reading's problem, the raw
    value and the grid column."""

    sen: int | None
    problem: Code | None
    raw: object
    column: int

    @property
    def blank(self) -> bool:
        return self.sen is None and self.problem is None

    @property
    def unreadable(self) -> bool:
        return self.sen is None and self.problem is not None

    @property
    def value(self) -> int:
        return self.sen or 0


Amounts = dict[str, Amount]  # per stage key


class Account(NamedTuple):
    """A rekening row: its code (None when unreadable, `problem` says why)."""

    code: str | None
    problem: Code | None
    raw: object
    uraian: str | None
    row: int
    amounts: Amounts

    @property
    def level(self) -> int:
        return codes.level(self.code) if self.code else 0


class Komponen(NamedTuple):
    row: int
    amounts: Amounts


@dataclass
class Group:
    """A `[#]` or `[-]` row and the komponen met under it."""

    text: str
    row: int
    amounts: Amounts
    komponen: list[Komponen] = field(default_factory=list)


@dataclass
class Block:
    """One sub kegiatan: its label, its kegiatan, its table rows and its stated total."""

    sub: Label | None
    kegiatan: Label | None
    sumber_dana: str | None = None
    columns: Columns | None = None
    accounts: list[Account] = field(default_factory=list)
    komponen: dict[int, list[Komponen]] = field(default_factory=dict)  # per account index
    groups: list[Group] = field(default_factory=list)
    total: tuple[int, Amounts] | None = None  # its Excel row and stated amounts


class KegiatanTotal(NamedTuple):
    kegiatan: Label | None
    row: int
    amounts: Amounts
    blocks: list[Block]


@dataclass
class Scan:
    """What one walk over the sheet found."""

    form: str | None = None
    pemerintah: str | None = None
    year: str | None = None
    labels: dict[str, list[Label]] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    kegiatan_totals: list[KegiatanTotal] = field(default_factory=list)
    orphans: list[int] = field(default_factory=list)  # Excel rows of tables without a block


class Where(NamedTuple):
    """The file and sheet findings name, and how a sheet column becomes a letter."""

    file: str
    sheet: str
    grid: Grid

    def cell(self, row: int, column: int) -> str:
        return f"{self.grid.letter(column)}{row}"


def read(grid: Grid, header: Header, source: Source) -> Extract:
    """The print's lines per stage, its program structure, identity and findings.
    (`header` is where recognition found the first table; the walk finds every block.)"""
    where = Where(source.display, grid.sheet, grid)
    scan = _scan(grid, parse_money)
    decided = notation.decide_cells(_amount_cells(scan, where), where.file, where.sheet)
    if decided.english:  # every text amount of the print is `1,234,567.89`
        scan = _scan(grid, decided.parse)
    bidang, bidang_source = _bidang(scan)
    issues = list(decided.issues)
    issues += _placeholder_notes(scan, bidang, bidang_source, where)
    issues += _orphan_tables(scan, where)
    issues += _unreadable_cells(scan, where)
    issues += _check_blocks(scan, bidang, where)
    file_stage = _file_stage(scan.form, source.name)
    if file_stage is None and any(block.columns and SINGLE in block.columns.amounts
                                  for block in scan.blocks):
        issues.append(stage_unknown(source.name, where.file, where.sheet))

    tables = [program_table(where.file, where.sheet, _program_letters(scan, grid),
                            _program_rows(scan, bidang))]
    stages: list[str] = []
    for stage, (records, column) in _stage_records(scan, bidang, file_stage or "").items():
        stages.append(stage)
        tables.append(stage_table(where.file, where.sheet, _line_letters(scan, grid, column),
                                  records))
    identitas = {"pemerintah_daerah": scan.pemerintah or "",
                 "perangkat_daerah": _organisation(scan), "tahun_anggaran": scan.year or ""}
    identitas = {name: value for name, value in identitas.items() if value}
    stage_meta = PERUBAHAN if PERUBAHAN in stages else (MURNI if MURNI in stages else "")
    meta = {LAYOUT: NAME, YEAR: scan.year or "", SKPD: identitas.get("perangkat_daerah", ""),
            STAGE: stage_meta, VERSION: str(version_of_name(source.name) or ""),
            DOCUMENT: scan.form or ""}
    return Extract(tuple(tables), identitas, tuple(issues),
                   {key: value for key, value in meta.items() if value})


# --- the walk ------------------------------------------------------------------------------

Parse = Callable[[object], Money]  # a Jumlah cell to sen, in the file's notation


def _scan(grid: Grid, parse: Parse) -> Scan:
    """Walk the rows once: titles, labels, header bands, table rows and totals."""
    scan = Scan()
    block: Block | None = None
    context: dict[str, Label] = {}
    kegiatan_blocks: list[Block] = []
    skip_to = 0
    for index, row in enumerate(grid.rows):
        texts = [cell_text(cell) for cell in row]
        joined = row_text(row)
        if index < skip_to or not joined:
            continue
        normalised = normalise_label(joined)
        excel_row = grid.first_row + index
        _read_title(scan, joined, normalised)
        in_table = block is not None and block.columns is not None
        if normalised.startswith(_SUB_TOTAL):
            if block is not None and block.columns is not None:
                block.total = (excel_row, _total_amounts(row, block.columns, parse))
            block = None
            continue
        if normalised.startswith(_KEGIATAN_TOTAL):
            columns = next((item.columns for item in reversed(kegiatan_blocks) if item.columns),
                           None)
            scan.kegiatan_totals.append(KegiatanTotal(
                context.get("kegiatan"), excel_row,
                _total_amounts(row, columns, parse) if columns else {}, list(kegiatan_blocks)))
            block = None
            continue
        has_amount = in_table and block is not None and block.columns is not None and any(
            not amount.blank for amount in _amounts(row, block.columns, parse).values())
        label = None if has_amount else _label(texts, joined, grid, excel_row)
        if label is not None:
            kind, value = label
            scan.labels.setdefault(kind, []).append(value)
            if kind == "sub":
                block = Block(value, context.get("kegiatan"))
                scan.blocks.append(block)
                kegiatan_blocks.append(block)
            elif kind == "sumber" and block is not None:
                block.sumber_dana = block.sumber_dana or value.name or None
            elif kind in ("program", "kegiatan", "urusan", "bidang"):
                context[kind] = value
                if kind == "kegiatan":
                    kegiatan_blocks = []
                block = None
            else:
                context[kind] = value
            continue
        columns, band_end = _header_band(grid, index)
        if columns is not None:
            if block is None:
                block = Block(None, context.get("kegiatan"))
                scan.blocks.append(block)
                kegiatan_blocks.append(block)
                scan.orphans.append(excel_row)
            block.columns = block.columns or columns
            skip_to = band_end
            continue
        if block is not None and block.columns is not None:
            _body_row(block, row, texts, excel_row, parse)
    return scan


def _read_title(scan: Scan, joined: str, normalised: str) -> None:
    if scan.form is None and (form := _FORM.search(normalised)):
        scan.form = form.group(1).upper()
    if scan.pemerintah is None and (found := _PEMERINTAH.match(joined)):
        scan.pemerintah = found.group(1).strip(" ,-")
    if scan.year is None and (year := _YEAR.search(joined)):
        scan.year = year.group(1)


def _label(texts: list[str], joined: str, grid: Grid, excel_row: int
           ) -> tuple[str, Label] | None:
    """A label / `:` / value row of a known label, with its value's code, name and cell."""
    found = _LABEL_ROW.match(joined)
    if found is not None:
        kind = _LABELS.get(normalise_label(found.group(1)))
        value = found.group(2).strip()
    else:
        first = next((text for text in texts if text), "")
        kind = _LABELS.get(normalise_label(first))
        value = joined[len(first):].strip()
    if kind is None:
        return None
    code_text, name = ("", value) if kind == "sumber" else _code_and_name(value)
    code = codes.read_download_program(code_text).code if code_text else None
    column = _value_column(texts, code_text or value)
    return kind, Label(code, code_text, name, Cell(excel_row, grid.letter(column)))


def _code_and_name(value: str) -> tuple[str, str]:
    """`1.06.01.2.01.0002 Koordinasi …` → (`1.06.01.2.01.0002`, `Koordinasi …`)."""
    found = _CODE_THEN_NAME.match(value)
    if found is None or not any(char.isdigit() for char in found.group(1)):
        return "", value
    return found.group(1), found.group(2).strip()


def _value_column(texts: list[str], value: str) -> int:
    """The column of the cell where the value starts (the first filled cell otherwise)."""
    start = value[:8]
    for position, text in enumerate(texts):
        if start and start in text:
            return position
    return next((position for position, text in enumerate(texts) if text), 0)


def _header_band(grid: Grid, index: int) -> tuple[Columns | None, int]:
    """The columns of a table whose header starts on this row, and the index of the row
    after its band (up to three rows, then a numbering row); (None, index) otherwise."""
    first = [normalise_label(cell) for cell in grid.rows[index]]
    if "koderekening" not in first or "uraian" not in first:
        return None, index
    band = [first]
    end = index + 1
    while end < len(grid.rows) and len(band) < 3 and _is_band_row(grid.rows[end]):
        band.append([normalise_label(cell) for cell in grid.rows[end]])
        end += 1
    if end < len(grid.rows) and is_numbering_row(grid.rows[end]):
        end += 1
    amounts = _amount_columns(band)
    if not amounts:
        return None, index
    return Columns(first.index("koderekening"), first.index("uraian"), amounts), end


def _is_band_row(row: Sequence[object]) -> bool:
    labels = [normalise_label(cell) for cell in row if cell_text(cell)]
    return bool(labels) and all(label in _BAND_WORDS or label.startswith(_BAND_PREFIXES)
                                for label in labels)


def _amount_columns(band: list[list[str]]) -> dict[str, int]:
    """The Jumlah column of each stage: under a Sebelum / Setelah group when the band has
    them (a merged parent's label sits in its leftmost cell), else the one Jumlah column."""
    starts: list[tuple[int, str | None]] = []
    jumlah: list[int] = []
    for labels in band:
        for position, label in enumerate(labels):
            stage = next((value for word, value in GROUP_STAGES.items()
                          if label.startswith(word)), None)
            if stage is not None:
                starts.append((position, stage))
            elif label.startswith("bertambah"):
                starts.append((position, None))
            elif label.startswith("jumlah"):
                jumlah.append(position)
    if not any(stage for _, stage in starts):
        return {SINGLE: max(jumlah)} if jumlah else {}
    found: dict[str, int] = {}
    for position in sorted(set(jumlah)):
        owners = [stage for start, stage in sorted(starts, key=lambda item: item[0])
                  if start <= position]
        if owners and owners[-1] is not None:
            found.setdefault(owners[-1], position)
    return found


def _body_row(block: Block, row: Sequence[object], texts: list[str], excel_row: int,
              parse: Parse) -> None:
    """A table row: a rekening row, a group row, a komponen row, or nothing to read."""
    columns = block.columns
    assert columns is not None
    kode = texts[columns.kode] if columns.kode < len(texts) else ""
    uraian = texts[columns.uraian] if columns.uraian < len(texts) else ""
    marker = (kode or uraian)[:3]
    amounts = _amounts(row, columns, parse)
    if marker in ("[#]", "[-]"):
        block.groups.append(Group(kode or uraian, excel_row, amounts))
        return
    if kode:
        code, problem = codes.read_download_account(row[columns.kode])
        block.accounts.append(Account(code, problem, row[columns.kode], uraian or None,
                                      excel_row, amounts))
        return
    if any(not amount.blank for amount in amounts.values()):
        komponen = Komponen(excel_row, amounts)
        block.komponen.setdefault(len(block.accounts) - 1, []).append(komponen)
        for group in _open_groups(block):
            group.komponen.append(komponen)


def _open_groups(block: Block) -> list[Group]:
    """The group rows a komponen row falls under, below the last rekening row: the last
    `[-]` when it comes after the last `[#]`, and the last `[#]`."""
    last_account = block.accounts[-1].row if block.accounts else 0
    found: list[Group] = []
    for group in reversed(block.groups):
        if group.row < last_account:
            break
        if group.text.startswith("[#]"):
            found.append(group)
            break
        if not found:
            found.append(group)
    return found


def _amounts(row: Sequence[object], columns: Columns, parse: Parse) -> Amounts:
    return {stage: _amount(row, position, parse) for stage, position in columns.amounts.items()}


def _amount(row: Sequence[object], position: int, parse: Parse) -> Amount:
    raw = row[position] if position < len(row) else None
    money = parse(raw)
    return Amount(money.sen, money.problem, raw, position)


def _total_amounts(row: Sequence[object], columns: Columns, parse: Parse) -> Amounts:
    """A total row's amounts: in the Jumlah columns, or for a single-stage print the last
    filled cell of the row (the label spans the columns before it)."""
    amounts = _amounts(row, columns, parse)
    if set(amounts) == {SINGLE} and amounts[SINGLE].blank:
        filled = [position for position, cell in enumerate(row) if cell_text(cell)]
        if len(filled) > 1:  # the first is the label
            amounts = {SINGLE: _amount(row, filled[-1], parse)}
    return amounts


def _stated(scan: Scan) -> list[tuple[int, Amounts]]:
    """Every row of the print's tables that states amounts, with its Excel row."""
    rows: list[tuple[int, Amounts]] = []
    for block in scan.blocks:
        rows += [(account.row, account.amounts) for account in block.accounts]
        rows += [(item.row, item.amounts) for items in block.komponen.values()
                 for item in items]
        rows += [(group.row, group.amounts) for group in block.groups]
        rows += [block.total] if block.total else []
    return rows + [(total.row, total.amounts) for total in scan.kegiatan_totals]


def _amount_cells(scan: Scan, where: Where) -> list[tuple[object, str]]:
    """Every amount the print states, with its cell: what its notation is decided over."""
    return [(amount.raw, where.cell(row, amount.column)) for row, amounts in _stated(scan)
            for amount in amounts.values()]


# --- identity and codes --------------------------------------------------------------------

def _file_stage(form: str | None, name: str) -> str | None:
    """The stage of a print without Sebelum / Setelah groups: its form, else its file name."""
    if form in ("DPPA", "RKPA"):
        return PERUBAHAN
    if form in ("DPA", "RKA"):
        return MURNI
    return stage_of_name(name)


def _organisation(scan: Scan) -> str:
    """The OPD's name: the Organisasi row's name (else the Unit row's)."""
    for kind in ("organisasi", "unit"):
        for label in scan.labels.get(kind, []):
            if label.name:
                return label.name
    return ""


def _bidang(scan: Scan) -> tuple[str | None, str]:
    """The OPD's bidang urusan from the Unit or Organisasi code, else the Bidang Urusan row."""
    for kind, label in (("unit", "baris Unit"), ("organisasi", "baris Organisasi"),
                        ("bidang", "baris Bidang Urusan")):
        found = Counter(filter(None, (penunjang.bidang_of(item.raw)
                                      for item in scan.labels.get(kind, []))))
        if found:
            return found.most_common(1)[0][0], label
    return None, ""


def _resolved(code: str | None, bidang: str | None) -> str | None:
    """A printed program code with `X.XX` replaced by the bidang, when it is known."""
    return penunjang.replaced(code, bidang) if code and bidang else code


def _placeholder_notes(scan: Scan, bidang: str | None, source: str, where: Where
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


def _sub_code(block: Block, bidang: str | None) -> str | None:
    """The block's sub kegiatan code, when it is a readable six-segment code."""
    code = _resolved(block.sub.code, bidang) if block.sub else None
    return code if code and codes.is_sub_kegiatan_code(code) else None


def _program_rows(scan: Scan, bidang: str | None) -> list[dict[str, object]]:
    """The program, kegiatan and sub kegiatan rows the labels print, with the parents each
    sub kegiatan code implies (named when their own row was printed)."""
    records: list[dict[str, object]] = []
    wanted = {"program": 3, "kegiatan": 5, "sub": 6}
    for kind, size in wanted.items():
        for label in scan.labels.get(kind, []):
            code = _resolved(label.code, bidang)
            if code and codes.level(code) == size and codes.is_program_code(code):
                records.append({"kode": code, "nomenklatur": label.name or pd.NA,
                                "row": label.cell.row})
    for block in scan.blocks:
        code = _sub_code(block, bidang)
        if code and block.sub is not None:
            records += program_records(code, {6: block.sub.name}, block.sub.cell.row)
    return records


def _program_letters(scan: Scan, grid: Grid) -> dict[str, str]:
    """A program row points at the column its code is printed in on the label rows."""
    labels = scan.labels.get("sub", []) or scan.labels.get("program", [])
    return {"kode": labels[0].cell.letter, "nomenklatur": labels[0].cell.letter} if labels else {}


# --- findings ------------------------------------------------------------------------------

def _orphan_tables(scan: Scan, where: Where) -> list[Issue]:
    message = ("Tabel rincian belanja tanpa baris 'Sub Kegiatan :' di atasnya; rekeningnya "
               "tidak dapat ditempatkan pada sub kegiatan dan tidak dihitung.")
    return [issue("sub-kegiatan-missing", message, where.file, where.sheet, f"A{row}")
            for row in scan.orphans]


def _unreadable_cells(scan: Scan, where: Where) -> list[Issue]:
    """Every cell that could not be read: sub kegiatan codes, rekening codes, amounts."""
    issues: list[Issue] = []
    for label in scan.labels.get("sub", []):
        if label.code is None or not codes.is_sub_kegiatan_code(label.code):
            shown = label.raw or label.name
            message = (f"Kode sub kegiatan '{shown}' tidak terbaca (contoh: 1.06.02.2.01.0001); "
                       "rekening di bawahnya tidak dihitung.")
            issues.append(issue("code-malformed", message, where.file, where.sheet,
                                label.cell.name, shown))
    kode_field = PRINT.field("kode_rekening")
    for block in scan.blocks:
        if block.columns is None:
            continue
        for account in block.accounts:
            if account.problem is not None:
                issues.append(issue(account.problem, message_for(account.problem, kode_field,
                                                                 account.raw),
                                    where.file, where.sheet,
                                    where.cell(account.row, block.columns.kode), account.raw))
    for row, amounts in _stated(scan):
        issues += [issue(amount.problem, message_for(amount.problem, JUMLAH, amount.raw),
                         where.file, where.sheet, where.cell(row, amount.column), amount.raw)
                   for amount in amounts.values() if amount.problem is not None]
    return issues


def _check_blocks(scan: Scan, bidang: str | None, where: Where) -> list[Issue]:
    """Every subtotal the print states against what it adds up."""
    issues: list[Issue] = []
    for block in scan.blocks:
        if block.columns is None:
            continue
        sub = _resolved(block.sub.code, bidang) if block.sub and block.sub.code else "(tanpa kode)"
        for stage in block.columns.amounts:
            issues += _check_komponen(block, stage, where)
            issues += _check_groups(block, stage, where)
            issues += _check_accounts(block, stage, sub or "", where)
            issues += _check_block_total(block, stage, sub or "", where)
    for total in scan.kegiatan_totals:
        issues += _check_kegiatan_total(total, bidang, where)
    return issues


def _mismatch(what: str, stage: str, stated: int, computed: int, where: Where, row: int,
              column: int) -> Issue:
    shown = f" ({STAGE_WORDS[stage]})" if STAGE_WORDS.get(stage) else ""
    message = (f"{what}{shown} tertulis Rp {format_rupiah(stated)}, sedangkan jumlahnya "
               f"Rp {format_rupiah(computed)}; selisih Rp {format_rupiah(stated - computed)}.")
    return issue("dpa-print-mismatch", message, where.file, where.sheet, where.cell(row, column),
                 format_rupiah(stated))


def _check_komponen(block: Block, stage: str, where: Where) -> list[Issue]:
    """Each six-level rekening row against the komponen rows below it."""
    issues: list[Issue] = []
    for position, account in enumerate(block.accounts):
        items = block.komponen.get(position, [])
        stated = account.amounts[stage]
        if account.level != codes.LEAF_LEVEL or not items or stated.unreadable:
            continue
        if any(item.amounts[stage].unreadable for item in items):
            continue
        computed = sum(item.amounts[stage].value for item in items)
        if stated.value != computed:
            what = (f"Rekening {account.code} (jumlah {len(items)} komponen di bawahnya "
                    "dibandingkan; yang dihitung nilai rekening)")
            issues.append(_mismatch(what, stage, stated.value, computed, where, account.row,
                                    stated.column))
    return issues


def _check_groups(block: Block, stage: str, where: Where) -> list[Issue]:
    """Each `[#]` / `[-]` row that states an amount against its komponen rows."""
    issues: list[Issue] = []
    for group in block.groups:
        stated = group.amounts[stage]
        if stated.blank or stated.unreadable or not group.komponen:
            continue
        if any(item.amounts[stage].unreadable for item in group.komponen):
            continue
        computed = sum(item.amounts[stage].value for item in group.komponen)
        if stated.value != computed:
            issues.append(_mismatch(f"Kelompok '{group.text}' (dibandingkan dengan komponennya)",
                                    stage, stated.value, computed, where, group.row,
                                    stated.column))
    return issues


def _check_accounts(block: Block, stage: str, sub: str, where: Where) -> list[Issue]:
    """Each shorter rekening row against the rekening rows below it (`subtotals.compare`:
    a declared row is compared with its nearest descendants, so a wrong subtotal shows on
    itself and on its parent)."""
    if any(account.amounts[stage].unreadable for account in block.accounts):
        return []  # an unreadable amount is an error of its own; the sums would mislead
    known = [account for account in block.accounts if account.code]
    leaves = pd.DataFrame({
        "blok": 0, "kode_rekening": [item.code for item in known if item.level == 6],
        "pagu": [item.amounts[stage].value for item in known if item.level == 6]})
    shorter = [item for item in known if item.level < 6 and not item.amounts[stage].blank]
    if not shorter:
        return []
    declared = pd.DataFrame({
        "blok": 0, "kode_rekening": [item.code for item in shorter],
        "pagu": [item.amounts[stage].value for item in shorter], "file": where.file,
        "sheet": where.sheet, "row": [item.row for item in shorter]})
    column = block.columns.amounts[stage] if block.columns else 0
    return [_mismatch(f"Subtotal rekening {found.code} pada sub kegiatan {sub} (dibandingkan "
                      "dengan rekening di bawahnya)", stage, found.declared, found.computed,
                      where, found.row, column)
            for found in subtotals.compare(leaves.astype({"pagu": "int64"}), declared, ["blok"],
                                           {"pagu": "pagu"})]


def _lines_sum(blocks: list[Block], stage: str) -> int:
    return sum(account.amounts[stage].value for block in blocks for account in block.accounts
               if account.level == codes.LEAF_LEVEL and stage in account.amounts)


def _check_block_total(block: Block, stage: str, sub: str, where: Where) -> list[Issue]:
    """`Jumlah Anggaran Sub Kegiatan` against the block's six-level rekening rows."""
    if block.total is None:
        return []
    row, amounts = block.total
    stated = amounts.get(stage)
    if stated is None or stated.blank or stated.unreadable:
        return []
    if any(account.amounts[stage].unreadable for account in block.accounts):
        return []
    computed = _lines_sum([block], stage)
    if stated.value == computed:
        return []
    return [_mismatch(f"Jumlah Anggaran Sub Kegiatan {sub} (dibandingkan dengan rekening "
                      "rincian enam tingkat di blok ini)", stage, stated.value, computed, where,
                      row, stated.column)]


def _check_kegiatan_total(total: KegiatanTotal, bidang: str | None, where: Where
                          ) -> list[Issue]:
    """`Jumlah Total Anggaran Kegiatan` against the lines of the kegiatan's blocks."""
    issues: list[Issue] = []
    name = _resolved(total.kegiatan.code, bidang) if total.kegiatan else None
    for stage, stated in total.amounts.items():
        if stated.blank or stated.unreadable:
            continue
        computed = _lines_sum(total.blocks, stage)
        if stated.value != computed:
            issues.append(_mismatch(f"Jumlah Total Anggaran Kegiatan {name or ''}".rstrip()
                                    + " (dibandingkan dengan rekening rincian sub kegiatannya)",
                                    stage, stated.value, computed, where, total.row,
                                    stated.column))
    return issues


# --- the stage tables ----------------------------------------------------------------------

def _stage_records(scan: Scan, bidang: str | None, file_stage: str
                   ) -> dict[str, tuple[list[dict[str, object]], int]]:
    """Per stage, the records of its table and the grid column its amounts are read from.
    Six-level rekening rows become lines; a rekening row whose code cannot be read is kept
    as a rejected row when it states an amount."""
    found: dict[str, tuple[list[dict[str, object]], Counter[int]]] = {}
    for block in scan.blocks:
        if block.columns is None:
            continue
        sub = _sub_code(block, bidang)
        bad_sub = block.sub is not None and sub is None
        for key, column in block.columns.amounts.items():
            stage = file_stage if key == SINGLE else key
            records, columns = found.setdefault(stage, ([], Counter()))
            columns[column] += 1
            for account in block.accounts:
                amount = account.amounts[key]
                if account.code is not None and account.level != codes.LEAF_LEVEL:
                    continue
                if account.code is None and amount.blank:
                    continue
                if key != SINGLE and amount.blank:
                    continue  # a grouped print leaves a line blank where its stage lacks it
                records.append({
                    "kode_sub_kegiatan": sub if sub else pd.NA, "kode_rekening": account.code,
                    "uraian": account.uraian, "pagu": amount.sen if not amount.unreadable
                    else pd.NA, "sumber_dana": block.sumber_dana, "tahap": stage,
                    "row": account.row, "rows": 1, "bad_kode_sub_kegiatan": bad_sub,
                    "bad_kode_rekening": account.code is None,
                    "bad_pagu": amount.unreadable})
    return {stage: (records, columns.most_common(1)[0][0])
            for stage, (records, columns) in found.items()}


def _line_letters(scan: Scan, grid: Grid, amount_column: int) -> dict[str, str]:
    """A line's cells are on its rekening row: the code (also standing for its sub kegiatan,
    printed on the block's label row), the uraian and the stage's Jumlah."""
    columns = next((block.columns for block in scan.blocks if block.columns), None)
    if columns is None:
        return {}
    return {"kode_sub_kegiatan": grid.letter(columns.kode),
            "kode_rekening": grid.letter(columns.kode),
            "uraian": grid.letter(columns.uraian), "pagu": grid.letter(amount_column)}


EXPORT = Export(
    name=NAME,
    title="DPA-Rincian Belanja SKPD (cetakan SIPD-RI, juga DPPA dan RKA)",
    menu="SIPD-RI › Penganggaran › Cetak DPA › DPA-Rincian Belanja SKPD (simpan sebagai Excel)",
    layout=PRINT,
    read=read,
    titles=("rincianbelanja",),
)
