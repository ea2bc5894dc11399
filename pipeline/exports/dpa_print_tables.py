"""The tables an A2 print yields: its program rows (the program, kegiatan and sub kegiatan
labels) and, per stage, its DPA lines (the six-level rekening rows), with the cells each
table points at."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from pipeline import codes
from pipeline.excel.grid import Grid
from pipeline.exports.dpa_print_identity import resolved
from pipeline.exports.dpa_print_model import SINGLE, Block, Scan
from pipeline.exports.stage import program_records


def sub_code(block: Block, bidang: str | None) -> str | None:
    """The block's sub kegiatan code, when it is a readable six-segment code."""
    code = resolved(block.sub.code, bidang) if block.sub else None
    return code if code and codes.is_sub_kegiatan_code(code) else None


def program_rows(scan: Scan, bidang: str | None) -> list[dict[str, object]]:
    """The program, kegiatan and sub kegiatan rows the labels print, with the parents each
    sub kegiatan code implies (named when their own row was printed)."""
    records: list[dict[str, object]] = []
    wanted = {"program": 3, "kegiatan": 5, "sub": 6}
    for kind, size in wanted.items():
        for label in scan.labels.get(kind, []):
            code = resolved(label.code, bidang)
            if code and codes.level(code) == size and codes.is_program_code(code):
                records.append({"kode": code, "nomenklatur": label.name or pd.NA,
                                "row": label.cell.row})
    for block in scan.blocks:
        code = sub_code(block, bidang)
        if code and block.sub is not None:
            records += program_records(code, {6: block.sub.name}, block.sub.cell.row)
    return records


def program_letters(scan: Scan, grid: Grid) -> dict[str, str]:
    """A program row points at the column its code is printed in on the label rows."""
    labels = scan.labels.get("sub", []) or scan.labels.get("program", [])
    return {"kode": labels[0].cell.letter, "nomenklatur": labels[0].cell.letter} if labels else {}


def stage_records(scan: Scan, bidang: str | None, file_stage: str
                  ) -> dict[str, tuple[list[dict[str, object]], int]]:
    """Per stage, the records of its table and the grid column its amounts are read from.
    Six-level rekening rows become lines; a rekening row whose code cannot be read is kept
    as a rejected row when it states an amount."""
    found: dict[str, tuple[list[dict[str, object]], Counter[int]]] = {}
    for block in scan.blocks:
        if block.columns is None:
            continue
        sub = sub_code(block, bidang)
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


def line_letters(scan: Scan, grid: Grid, amount_column: int) -> dict[str, str]:
    """A line's cells are on its rekening row: the code (also standing for its sub kegiatan,
    printed on the block's label row), the uraian and the stage's Jumlah."""
    columns = next((block.columns for block in scan.blocks if block.columns), None)
    if columns is None:
        return {}
    return {"kode_sub_kegiatan": grid.letter(columns.kode),
            "kode_rekening": grid.letter(columns.kode),
            "uraian": grid.letter(columns.uraian), "pagu": grid.letter(amount_column)}
