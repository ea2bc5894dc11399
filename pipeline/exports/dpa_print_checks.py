"""The findings on an A2 print's tables: a table without a `Sub Kegiatan` row, a cell
that cannot be read, and every subtotal the print states against what it adds up (a
rekening row against its komponen, a group row against its komponen, a shorter rekening row
against the rekening rows below it, the block's and the kegiatan's totals against their
lines), each difference a `dpa-print-mismatch` naming its cell."""

from __future__ import annotations

import pandas as pd

from pipeline import codes, subtotals
from pipeline.coerce import message_for
from pipeline.exports.dpa_print_identity import resolved
from pipeline.exports.dpa_print_model import (
    JUMLAH,
    PRINT,
    SINGLE,
    Block,
    KegiatanTotal,
    Scan,
    Where,
    stated_amounts,
)
from pipeline.exports.stage import MURNI, PERUBAHAN
from pipeline.findings import Issue, issue
from pipeline.money import format_rupiah

STAGE_WORDS = {MURNI: "Sebelum Perubahan", PERUBAHAN: "Setelah Perubahan", SINGLE: ""}


def orphan_tables(scan: Scan, where: Where) -> list[Issue]:
    message = ("Tabel rincian belanja tanpa baris 'Sub Kegiatan :' di atasnya; rekeningnya "
               "tidak dapat ditempatkan pada sub kegiatan dan tidak dihitung.")
    return [issue("sub-kegiatan-missing", message, where.file, where.sheet, f"A{row}")
            for row in scan.orphans]


def unreadable_cells(scan: Scan, where: Where) -> list[Issue]:
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
    for row, amounts in stated_amounts(scan):
        issues += [issue(amount.problem, message_for(amount.problem, JUMLAH, amount.raw),
                         where.file, where.sheet, where.cell(row, amount.column), amount.raw)
                   for amount in amounts.values() if amount.problem is not None]
    return issues


def check_blocks(scan: Scan, bidang: str | None, where: Where) -> list[Issue]:
    """Every subtotal the print states against what it adds up."""
    issues: list[Issue] = []
    for block in scan.blocks:
        if block.columns is None:
            continue
        sub = resolved(block.sub.code, bidang) if block.sub and block.sub.code else "(tanpa kode)"
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
    name = resolved(total.kegiatan.code, bidang) if total.kegiatan else None
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
