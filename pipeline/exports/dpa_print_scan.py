"""The walk over an A2 print's sheet, row by row: title cells, label / `:` / value rows,
the header band of each table (its Jumlah column per stage), and the table rows under it
(rekening, group and komponen rows, the block's and the kegiatan's totals), gathered into
one `Scan`. It reads; the checks judge (`dpa_print_checks`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from pipeline import codes
from pipeline.excel.grid import Grid
from pipeline.excel.header import is_numbering_row
from pipeline.exports.cells import cell_text, row_text
from pipeline.exports.dpa_print_model import (
    SINGLE,
    Account,
    Amount,
    Amounts,
    Block,
    Cell,
    Columns,
    Group,
    KegiatanTotal,
    Komponen,
    Label,
    Scan,
)
from pipeline.exports.stage import MURNI, PERUBAHAN
from pipeline.layouts import normalise_label
from pipeline.money import Money

GROUP_STAGES = {"sebelum": MURNI, "semula": MURNI, "setelah": PERUBAHAN, "sesudah": PERUBAHAN,
                "menjadi": PERUBAHAN}
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


Parse = Callable[[object], Money]  # a Jumlah cell to sen, in the file's notation


def scan_sheet(grid: Grid, parse: Parse) -> Scan:
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
