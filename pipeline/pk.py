"""The Perjanjian Kinerja: its IKU and program indicators, linked to the DPA's programs.

Pure: the PK's typed tables, the DPA's program codes and the program rollup in; the
performance model, findings and reconciliation rows out. Every link from an IKU to a
program is checked against the DPA's `Program` sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

import pandas as pd

from pipeline import codes
from pipeline.findings import Issue, issue
from pipeline.money import format_rupiah
from pipeline.performance import DEFAULT_BANDS, Band
from pipeline.reconcile import Reconciliation
from pipeline.tables import ParsedFile, SheetTable

_SEPARATORS = re.compile(r"[,;/\s]+")
MAX_LABEL = 100  # a predikat label goes into a formula, whose strings stop at 255


class Iku(NamedTuple):
    """One indikator kinerja utama of the PK's `Sasaran` sheet."""

    number: str
    sasaran: str
    indikator: str
    satuan: str
    negative: bool
    target: Decimal | None
    realisasi: Decimal | None
    realisasi_lalu: Decimal | None
    target_akhir: Decimal | None
    tahun_akhir: int | None
    standar: Decimal | None
    sumber_data: str
    analisis: str
    solusi: str
    programs: tuple[str, ...]


class ProgramIndicator(NamedTuple):
    """One row of the PK's `Program` sheet."""

    code: str
    indikator: str
    satuan: str
    target: Decimal | None
    realisasi: Decimal | None
    menunjang: str
    analisis: str
    anggaran_pk: int | None  # sen
    sheet: str = ""
    cell: str = ""  # the Anggaran PK cell


@dataclass(frozen=True)
class Pk:
    ikus: tuple[Iku, ...] = ()
    programs: dict[str, ProgramIndicator] | None = None
    bands: tuple[Band, ...] = DEFAULT_BANDS
    file: str = ""


def find_pk(parsed: list[ParsedFile]) -> ParsedFile | None:
    return next((item for item in parsed if item.tables_of("sasaran")), None)


def read_pk(pk: ParsedFile, known_programs: set[str]) -> tuple[Pk, list[Issue]]:
    """IKU, program indicators and bands; program links checked against the DPA."""
    issues: list[Issue] = []
    ikus: list[Iku] = []
    for table in pk.tables_of("sasaran"):
        found_ikus, found = _ikus(table, known_programs)
        ikus += found_ikus
        issues += found
    indicators: dict[str, ProgramIndicator] = {}
    for table in pk.tables_of("pk_program"):
        indicators.update(_program_indicators(table))
    bands = tuple(band for table in pk.tables_of("kriteria") for band in _bands(table))
    return Pk(tuple(ikus), indicators, bands or DEFAULT_BANDS, pk.path), issues


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def _number(value: object) -> Decimal | None:
    """The Decimal the coercion stage produced, or None for a blank cell."""
    return value if isinstance(value, Decimal) else None


def _ikus(table: SheetTable, known: set[str]) -> tuple[list[Iku], list[Issue]]:
    frame = table.frame[table.frame["indikator"].notna()].copy()
    frame["sasaran"] = frame["sasaran"].ffill()
    frame["no"] = frame["no"].ffill()
    ikus: list[Iku] = []
    issues: list[Issue] = []
    for row in frame.itertuples(index=False):
        programs: list[str] = []
        for text in _SEPARATORS.split(_text(row.kode_program).strip()):
            if not text:
                continue
            code = codes.read_program_cell(text).code
            cell = table.cell("kode_program", row.row)
            if code is None:
                issues.append(issue("code-malformed", f"Kode Program '{text}' tidak berformat "
                                    "kode program (contoh: 1.06.02).", table.file, table.sheet,
                                    cell, text))
            elif code not in known:
                issues.append(issue("program-unknown", f"Kode Program {code} tidak ada di sheet "
                                    "Program workbook DPA.", table.file, table.sheet, cell, code))
            elif code not in programs:  # a code listed twice still counts once
                programs.append(code)
        if not programs:
            issues.append(issue("iku-without-program", f"Indikator '{row.indikator}' tidak "
                                "terhubung ke program mana pun; Pagu DPA-nya di tabel III.A.6 "
                                "nol.", table.file, table.sheet,
                                table.cell("kode_program", row.row)))
        ikus.append(Iku(
            _text(row.no), _text(row.sasaran), _text(row.indikator), _text(row.satuan),
            _text(row.polaritas).strip().casefold() == "negatif",
            _number(row.target), _number(row.realisasi), _number(row.realisasi_lalu),
            _number(row.target_akhir),
            None if pd.isna(row.tahun_akhir) else int(row.tahun_akhir),
            _number(row.standar_nasional), _text(row.sumber_data), _text(row.analisis),
            _text(row.solusi), tuple(programs)))
    return ikus, issues


def _program_indicators(table: SheetTable) -> dict[str, ProgramIndicator]:
    rows = table.frame[table.frame["kode_program"].notna()]
    return {
        row.kode_program: ProgramIndicator(
            row.kode_program, _text(row.indikator), _text(row.satuan), _number(row.target),
            _number(row.realisasi), _text(row.menunjang) or "Menunjang", _text(row.analisis),
            None if pd.isna(row.anggaran_pk) else int(row.anggaran_pk), table.sheet,
            table.cell("anggaran_pk", row.row))
        for row in rows.itertuples(index=False)
    }


def _bands(table: SheetTable) -> list[Band]:
    rows = table.frame.dropna(subset=["batas_bawah", "predikat"])
    return [Band(Decimal(row.batas_bawah), str(row.predikat)[:MAX_LABEL])
            for row in rows.itertuples()]


def budget_checks(pk: Pk, nodes: pd.DataFrame, names: dict[str, str]
                  ) -> tuple[list[Reconciliation], list[Issue]]:
    """Anggaran PK vs DPA pagu murni per program, every program with an Anggaran PK listed
    (matched or not); programs with pagu but no IKU."""
    rows: list[Reconciliation] = []
    issues: list[Issue] = []
    for code, indicator in sorted((pk.programs or {}).items(), key=lambda item:
                                  codes.sort_key(item[0])):
        if indicator.anggaran_pk is None:
            continue
        murni = int(nodes.at[code, "total_pagu_murni"]) if code in nodes.index else 0
        matched = murni == indicator.anggaran_pk
        rows.append(Reconciliation("Anggaran PK vs pagu murni DPA", code, names.get(code, ""),
                                   indicator.anggaran_pk, murni,
                                   f"{pk.file} › {indicator.sheet}!{indicator.cell}", matched))
        if matched:
            continue
        issues.append(issue("pk-budget-mismatch", f"Anggaran PK program {code} Rp "
                            f"{format_rupiah(indicator.anggaran_pk)}, pagu murni DPA Rp "
                            f"{format_rupiah(murni)}; selisih Rp "
                            f"{format_rupiah(indicator.anggaran_pk - murni)}.", pk.file,
                            indicator.sheet, indicator.cell,
                            format_rupiah(indicator.anggaran_pk)))
    linked = {code for iku in pk.ikus for code in iku.programs}
    program_nodes = nodes[(nodes["depth"] == 3) & (nodes["total_pagu"] != 0)]
    for code in program_nodes.index:
        if code not in linked:
            issues.append(issue("program-without-iku", f"Program {code} {names.get(code, '')} "
                                "memiliki pagu tetapi tidak terhubung ke indikator kinerja utama "
                                "mana pun di PK.", pk.file, "Sasaran", value=code))
    return rows, issues
