"""The stages chosen joined into one synthetic DPA file (`budget`, steps 4 and 5): lines
keyed by (sub kegiatan, rekening) with pagu murni and pagu perubahan, each on a real cell of
its source sheet, the rows that cannot be lines flagged, the program tables and the
identity of the files used."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, NamedTuple

import pandas as pd

from pipeline.exports.base import LAYOUT, SKPD, YEAR
from pipeline.exports.budget_choice import Candidate, Used, sub_keys
from pipeline.exports.cells import sen, text
from pipeline.exports.stage import MURNI, PERUBAHAN, STAGE_LABELS
from pipeline.findings import Issue, issue
from pipeline.layouts import ANGGARAN, IDENTITAS_FIELDS, PROGRAM
from pipeline.tables import ParsedFile, SheetTable

MERGED = "gabungan-unduhan-anggaran"  # the synthetic file's layout in its meta
SIGNER_FIELDS = ("kepala", "nip", "pangkat")  # only an Identitas sheet gives these
ANGGARAN_COLUMNS = {
    "kode_sub_kegiatan": "string", "kode_rekening": "string", "uraian": "string",
    "pagu_murni": "Int64", "pagu_perubahan": "Int64", "sumber_dana": "string", "row": "int64",
    "rows": "int64", "level": "int8", "bad_kode_sub_kegiatan": "bool",
    "bad_kode_rekening": "bool", "bad_uraian": "bool", "bad_pagu_murni": "bool",
    "bad_pagu_perubahan": "bool", "bad_sumber_dana": "bool",
}
PAGU_FIELD = {MURNI: "pagu_murni", PERUBAHAN: "pagu_perubahan"}


class Origin(NamedTuple):
    """Where a line's cells are: a file and sheet."""

    file: str
    sheet: str


def join_stages(used: dict[str, list[Used]], parsed: list[ParsedFile]
                ) -> tuple[ParsedFile, list[Issue]]:
    """The stages as one DPA file: lines keyed by (sub kegiatan, rekening)."""
    stages = {stage: _stage_rows(items) for stage, items in used.items()}
    letters = _letters(used)
    primary = (used.get(PERUBAHAN) or used[MURNI])[0].candidate
    lines, issues = _lines(stages, letters, primary)
    rejected = [row for stage, (_, bad) in stages.items() for row in _bad_lines(bad, stage)]
    records: dict[Origin, list[dict[str, Any]]] = {}
    for origin, record in lines + rejected:
        records.setdefault(origin, []).append(record)
    tables = _program_tables(used) + [
        SheetTable(ANGGARAN.kind, origin.file, origin.sheet,
                   {name: letter for name, letter in letters.get(origin, {}).items() if letter},
                   pd.DataFrame.from_records(rows, columns=list(ANGGARAN_COLUMNS))
                   .astype(ANGGARAN_COLUMNS))
        for origin, rows in records.items()]
    identitas, found = _identitas(used, parsed, primary)
    files = {entry.candidate.item.path: entry.candidate.item.digest
             for items in used.values() for entry in items}
    digest = hashlib.sha256("".join(files.values()).encode()).hexdigest()
    meta = {LAYOUT: MERGED, YEAR: primary.item.meta.get(YEAR, ""),
            SKPD: primary.item.meta.get(SKPD, "")}
    merged = ParsedFile(primary.item.path, digest, tuple(tables), identitas, (),
                        (ANGGARAN.kind, PROGRAM.kind),
                        {key: value for key, value in meta.items() if value})
    return merged, issues + found


def _lines(stages: dict[str, tuple[dict[tuple[str, str], Row], list[Row]]],
           letters: dict[Origin, dict[str, str]], primary: Candidate
           ) -> tuple[list[Row], list[Issue]]:
    """The DPA lines of the stages there are: both joined; perubahan alone copied into
    murni, with a warning (the letters of pagu murni then point at the perubahan cells);
    murni alone (or a stage unknown) copied into perubahan."""
    murni, perubahan = stages.get(MURNI), stages.get(PERUBAHAN)
    if murni is not None and perubahan is not None:
        return _both_stages(murni[0], perubahan[0], letters)
    if perubahan is not None:
        for own in letters.values():
            own["pagu_murni"] = own.get("pagu_perubahan", "")
        message = ("Hanya unduhan anggaran tahap perubahan yang ada; pagu murni tidak diketahui "
                   "dan disamakan dengan pagu perubahan. Tambahkan unduhan tahap Penetapan "
                   "(murni) agar kolom pagu murni benar.")
        return ([_line(row, PERUBAHAN, copy_to=MURNI) for row in perubahan[0].values()],
                [issue("murni-unknown", message, primary.item.path, primary.table.sheet)])
    assert murni is not None  # `used` holds at least one stage
    return [_line(row, MURNI, copy_to=PERUBAHAN) for row in murni[0].values()], []


Row = tuple[Origin, dict[str, Any]]  # a record as `DataFrame.to_dict` gives it


def _stage_rows(items: list[Used]) -> tuple[dict[tuple[str, str], Row], list[Row]]:
    """One stage's lines keyed by (sub kegiatan, rekening), a key met twice summed at its
    first cell; and its rows that cannot be lines."""
    lines: dict[tuple[str, str], Row] = {}
    bad: list[Row] = []
    for entry in items:
        table = entry.candidate.table
        origin = Origin(table.file, table.sheet)
        keys = sub_keys(table.frame)
        frame = table.frame[keys.isin(list(entry.subs)) | keys.isna()]
        usable = (frame["kode_rekening"].notna() & (frame["level"] == 6)
                  & ~frame[["bad_kode_sub_kegiatan", "bad_kode_rekening", "bad_pagu"]].any(axis=1))
        for record in frame[usable].to_dict("records"):
            key = (text(record["kode_sub_kegiatan"]), str(record["kode_rekening"]))
            if key in lines:
                lines[key][1]["pagu"] = sen(lines[key][1]["pagu"]) + sen(record["pagu"])
                lines[key][1]["rows"] = int(lines[key][1]["rows"]) + int(record["rows"])
            else:
                lines[key] = (origin, record)
        bad += [(origin, record) for record in frame[~usable].to_dict("records")]
    return lines, bad


def _both_stages(murni: dict[tuple[str, str], Row], perubahan: dict[tuple[str, str], Row],
                 letters: dict[Origin, dict[str, str]]) -> tuple[list[Row], list[Issue]]:
    """Murni and perubahan joined; a line of one stage only gets 0 in the other, noted."""
    lines: list[Row] = []
    issues: list[Issue] = []
    for key in [*perubahan, *(key for key in murni if key not in perubahan)]:
        if key in perubahan:
            origin, record = _line(perubahan[key], PERUBAHAN)
            record["pagu_murni"] = sen(murni[key][1]["pagu"]) if key in murni else 0
        else:
            origin, record = _line(murni[key], MURNI)
            record["pagu_perubahan"] = 0
        lines.append((origin, record))
        if key not in murni or key not in perubahan:
            cell = f"{letters.get(origin, {}).get('kode_rekening', '')}{record['row']}"
            issues.append(_one_stage_note(key, origin, cell, PERUBAHAN if key in perubahan
                                          else MURNI))
    return lines, issues


def _one_stage_note(key: tuple[str, str], origin: Origin, cell: str, stage: str) -> Issue:
    sub, account = key
    other = MURNI if stage == PERUBAHAN else PERUBAHAN
    why = "ditambahkan pada perubahan" if stage == PERUBAHAN else "dihapus pada perubahan"
    message = (f"Rekening {account} pada sub kegiatan {sub or '(tanpa sub kegiatan)'} hanya ada "
               f"pada tahap {stage} ({why}); {STAGE_LABELS[other]} baris ini diisi "
               "0.")
    return issue("line-one-stage", message, origin.file, origin.sheet, cell, account)


def _line(row: Row, stage: str, copy_to: str | None = None) -> Row:
    """A stage line as a template `anggaran` record: its pagu in the stage's column (and
    copied into the other column when that stage is unknown)."""
    origin, source = row
    pagu = sen(source["pagu"])
    record: dict[str, Any] = {
        "kode_sub_kegiatan": source["kode_sub_kegiatan"], "kode_rekening": source["kode_rekening"],
        "uraian": source["uraian"], "pagu_murni": pd.NA, "pagu_perubahan": pd.NA,
        "sumber_dana": source["sumber_dana"], "row": int(source["row"]),
        "rows": int(source["rows"]), "level": 6, "bad_kode_sub_kegiatan": False,
        "bad_kode_rekening": False, "bad_uraian": False, "bad_pagu_murni": False,
        "bad_pagu_perubahan": False, "bad_sumber_dana": False}
    record[PAGU_FIELD[stage]] = pagu
    if copy_to is not None:
        record[PAGU_FIELD[copy_to]] = pagu
    return origin, record


def _bad_lines(rows: list[Row], stage: str) -> list[Row]:
    """Rows that could not become lines, as `anggaran` records keeping their flags."""
    found: list[Row] = []
    for origin, source in rows:
        record: dict[str, Any] = {
            "kode_sub_kegiatan": source["kode_sub_kegiatan"],
            "kode_rekening": source["kode_rekening"], "uraian": source["uraian"],
            "pagu_murni": pd.NA, "pagu_perubahan": pd.NA, "sumber_dana": source["sumber_dana"],
            "row": int(source["row"]), "rows": int(source["rows"]), "level": source["level"],
            "bad_kode_sub_kegiatan": bool(source["bad_kode_sub_kegiatan"]),
            "bad_kode_rekening": bool(source["bad_kode_rekening"]), "bad_uraian": False,
            "bad_pagu_murni": False, "bad_pagu_perubahan": False, "bad_sumber_dana": False}
        field = PAGU_FIELD.get(stage, "pagu_murni")
        record[field] = source["pagu"]
        record[f"bad_{field}"] = bool(source["bad_pagu"])
        found.append((origin, record))
    return found


def _letters(used: dict[str, list[Used]]) -> dict[Origin, dict[str, str]]:
    """Per source sheet, the column letter of each `anggaran` field: the codes, uraian and
    sumber dana as the sheet has them, and the pagu column of each stage it gives."""
    letters: dict[Origin, dict[str, str]] = {}
    for stage, items in used.items():
        for entry in items:
            table = entry.candidate.table
            own = letters.setdefault(Origin(table.file, table.sheet), {})
            for name in ("kode_sub_kegiatan", "kode_rekening", "uraian", "sumber_dana"):
                if name in table.letters:
                    own.setdefault(name, table.letters[name])
            if "pagu" in table.letters:
                own[PAGU_FIELD.get(stage, "pagu_murni")] = table.letters["pagu"]
    return letters


def _program_tables(used: dict[str, list[Used]]) -> list[SheetTable]:
    """The program tables of the sheets used, the perubahan stage's first; a code already
    given by an earlier table is left out of a later one."""
    order = [entry.candidate for stage in (PERUBAHAN, MURNI) for entry in used.get(stage, [])]
    seen: set[str] = set()
    tables: list[SheetTable] = []
    for candidate in order:
        for table in candidate.item.tables_of(PROGRAM.kind):
            if table.sheet != candidate.table.sheet or any(
                    table is earlier for earlier in tables):
                continue
            frame = table.frame[~table.frame["kode"].isin(list(seen))].reset_index(drop=True)
            seen |= set(frame["kode"].dropna())
            tables.append(SheetTable(table.kind, table.file, table.sheet, table.letters, frame))
    return tables


def _identitas(used: dict[str, list[Used]], parsed: Sequence[ParsedFile], primary: Candidate
               ) -> tuple[dict[str, str], list[Issue]]:
    """Pemerintah daerah, perangkat daerah and tahun from the downloads used (the primary
    first), else an Identitas sheet; kepala, NIP, pangkat and tempat from an Identitas sheet
    (beside a download, or a workbook of its own)."""
    downloads = [primary.item, *(entry.candidate.item for items in used.values()
                                 for entry in items)]
    sheets = [item for item in parsed if not item.tables and item.identitas]
    identitas: dict[str, str] = {}
    for name in IDENTITAS_FIELDS:
        value = next((item.identitas[name] for item in downloads + sheets
                      if item.identitas.get(name)), "")
        if value:
            identitas[name] = value
    missing = [IDENTITAS_FIELDS[name] for name in SIGNER_FIELDS if not identitas.get(name)]
    if not missing:
        return identitas, []
    message = (f"{', '.join(missing)} tidak ditemukan: unduhan SIPD-RI tidak memuatnya. "
               "Tambahkan sheet Identitas (dua kolom: isian dan nilainya, seperti di DPA "
               "templat), di workbook unduhan atau di workbook kecil tersendiri.")
    return identitas, [issue("identity-missing", message, primary.item.path)]
