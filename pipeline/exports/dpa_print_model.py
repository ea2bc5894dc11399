"""What an A2 print (`pipeline.exports.dpa_print`) is read into: its header fields, and the
records one walk over the sheet yields (label rows, blocks, rekening, group and komponen rows
with their Jumlah cells, totals), and where a finding points."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from pipeline import codes
from pipeline.excel.grid import Grid
from pipeline.exports.base import BUDGET_STAGE
from pipeline.findings import Code
from pipeline.layouts import Field, Layout

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


def stated_amounts(scan: Scan) -> list[tuple[int, Amounts]]:
    """Every row of the print's tables that states amounts, with its Excel row."""
    rows: list[tuple[int, Amounts]] = []
    for block in scan.blocks:
        rows += [(account.row, account.amounts) for account in block.accounts]
        rows += [(item.row, item.amounts) for items in block.komponen.values()
                 for item in items]
        rows += [(group.row, group.amounts) for group in block.groups]
        rows += [block.total] if block.total else []
    return rows + [(total.row, total.amounts) for total in scan.kegiatan_totals]
