"""A budget stage as the downloads give it: which stage (murni or perubahan) and which
version a file name tells, and the two tables a budget download yields.

SIPD-RI names its downloads after the stage and the version
(`…_Rekap_Ver4_Penetapan APBD 2023_Terkunci.xlsx`): `Penetapan` / `Murni` / `Induk` is the
murni stage, `Perubahan` / `Pergeseran` / `APBD-P` the perubahan stage. The name is only
read, never guessed: a name that says neither gives no stage.

A budget stage table (kind `BUDGET_STAGE`) holds the DPA lines of one stage, one row per
(kode sub kegiatan, kode rekening), with the rows that could not become a line kept beside
them (their `bad_*` flag set, or a code missing) so that they end in the DPA's rejections:
`kode_sub_kegiatan, kode_rekening, uraian, pagu` (sen), `sumber_dana, tahap` (`murni`,
`perubahan`, or "" when not known), `row` (the Excel row of the line's first cell), `rows`
(how many Excel rows the line adds up), `level` and `bad_kode_sub_kegiatan,
bad_kode_rekening, bad_pagu`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd

from pipeline import codes
from pipeline.exports.base import BUDGET_STAGE
from pipeline.findings import Issue, issue
from pipeline.layouts import PROGRAM
from pipeline.tables import SheetTable

MURNI = "murni"
PERUBAHAN = "perubahan"
STAGE_LABELS = {MURNI: "Pagu Murni", PERUBAHAN: "Pagu Perubahan"}

_PERUBAHAN = re.compile(r"perubahan|pergeseran|apbd[\s_.-]*p(?![a-z])|(?<![a-z])p[\s_.-]*apbd",
                        re.IGNORECASE)
_MURNI = re.compile(r"penetapan|murni|induk", re.IGNORECASE)
_VERSION = re.compile(r"(?<![a-z])ver(?:si|sion)?[\s_.-]*(\d+)", re.IGNORECASE)

STAGE_COLUMNS = {
    "kode_sub_kegiatan": "string", "kode_rekening": "string", "uraian": "string",
    "pagu": "Int64", "sumber_dana": "string", "tahap": "string", "row": "int64",
    "rows": "int64", "level": "int8", "bad_kode_sub_kegiatan": "bool",
    "bad_kode_rekening": "bool", "bad_pagu": "bool",
}
PROGRAM_COLUMNS = {"kode": "string", "nomenklatur": "string", "row": "int64"}


def stage_of_name(name: str) -> str | None:
    """`…_Penetapan APBD 2023…` → murni; `…_Perubahan…`, `…APBD-P…` → perubahan; else None.
    A name that says perubahan wins over `Penetapan` (`Penetapan Perubahan APBD`)."""
    if _PERUBAHAN.search(name):
        return PERUBAHAN
    if _MURNI.search(name):
        return MURNI
    return None


def version_of_name(name: str) -> int | None:
    """`…_Rekap_Ver4_…` → 4; None when the name carries no version."""
    found = _VERSION.search(name)
    return int(found.group(1)) if found else None


def stage_table(file: str, sheet: str, letters: Mapping[str, str],
                records: Sequence[Mapping[str, object]]) -> SheetTable:
    """A budget stage table from records holding the `STAGE_COLUMNS` (level is computed)."""
    frame = pd.DataFrame.from_records(list(records), columns=list(STAGE_COLUMNS))
    frame["level"] = 0
    frame = frame.astype(STAGE_COLUMNS)
    frame["level"] = codes.levels_of(frame["kode_rekening"])
    frame.loc[frame["bad_kode_rekening"], "level"] = 0
    return SheetTable(BUDGET_STAGE, file, sheet, dict(letters), frame)


def program_table(file: str, sheet: str, letters: Mapping[str, str],
                  records: Sequence[Mapping[str, object]]) -> SheetTable:
    """The program structure (program, kegiatan, sub kegiatan codes and names) as the
    template's `Program` sheet gives it: one row per code, the first one met with a name
    wins."""
    frame = pd.DataFrame.from_records(list(records), columns=list(PROGRAM_COLUMNS))
    frame = frame.astype(PROGRAM_COLUMNS)
    named_first = frame["nomenklatur"].isna().sort_values(kind="stable").index
    frame = frame.loc[named_first].drop_duplicates("kode").sort_index().reset_index(drop=True)
    for field in PROGRAM.fields:
        if field.name not in frame:
            frame[field.name] = pd.Series(pd.NA, index=frame.index, dtype="string")
        frame[f"bad_{field.name}"] = False
    return SheetTable(PROGRAM.kind, file, sheet, dict(letters), frame)


def program_records(sub_kegiatan: str, names: Mapping[int, str | None], row: int
                    ) -> list[dict[str, object]]:
    """The program, kegiatan and sub kegiatan rows a sub kegiatan code implies, each with the
    name given for its number of segments (3, 5, 6) when there is one."""
    parts = codes.segments(sub_kegiatan)
    return [{"kode": ".".join(parts[:size]), "nomenklatur": names.get(size) or pd.NA,
             "row": row} for size in (3, 5, 6)]


def stage_unknown(name: str, file: str, sheet: str) -> Issue:
    """The trap of a budget download whose name does not tell its stage."""
    message = (f"Tahap anggaran (murni atau perubahan) tidak dapat ditentukan dari nama berkas "
               f"'{name}'. Unduhan SIPD-RI menyebut tahapnya pada nama berkas (misalnya "
               "…_Penetapan APBD 2023… atau …_Perubahan APBD 2023…): kembalikan nama aslinya, "
               "atau tambahkan kata Murni atau Perubahan pada nama berkas. Sampai itu, berkas "
               "ini hanya dipakai bila tidak ada unduhan anggaran lain yang tahapnya diketahui.")
    return issue("stage-unknown", message, file, sheet)
