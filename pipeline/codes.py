"""Kode rekening and program codes as values with pure helpers.

Kode rekening has six levels, akun → kelompok → jenis → objek → rincian objek → sub rincian
objek, with segment widths 1, 1, 2, 2, 2, 4 (`5.1.02.01.01.0024`). Program codes have
three (program `1.06.02`), five (kegiatan `1.06.02.2.01`) or six (sub kegiatan
`1.06.02.2.01.0001`) segments; a Penunjang program may be written `X.XX.01`. Parents match
on segment boundaries only: `5.1` is a parent of `5.1.02`, never of `5.10`.

Downloads (`pipeline.exports`) write codes more loosely: spaces around the dots
(`1 . 06 . 01`), a trailing dot, or one segment per cell. `read_download_account`,
`read_download_program` and `join_segments` normalise those; a code that still fits no
pattern is refused as `code-not-normalised`, with its raw text (`shown_segments` for a
split one) kept in the finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pandas as pd

from pipeline.findings import Code

ACCOUNT_WIDTHS = (1, 1, 2, 2, 2, 4)
ACCOUNT_LEVELS = ("akun", "kelompok", "jenis", "objek", "rincian objek", "sub rincian objek")
LEAF_LEVEL = len(ACCOUNT_WIDTHS)
PROGRAM_LEVELS = {3: "program", 5: "kegiatan", 6: "sub kegiatan"}

# The one place the shape of a code is written; the sheet schemas (`schemas/`) check their
# code columns with these patterns too.
ACCOUNT_PATTERN = re.compile(r"^\d(?:\.\d(?:\.\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?)?)?$")
_PROGRAM_HEAD = r"(?:\d|X)\.(?:\d{2}|XX)\.\d{2}"  # urusan.bidang.program (`X.XX` for Penunjang)
_KEGIATAN_TAIL = r"\.\d\.\d{2}"
_SUB_KEGIATAN_TAIL = r"\.\d{4}"
PROGRAM_PATTERN = re.compile(rf"^{_PROGRAM_HEAD}(?:{_KEGIATAN_TAIL}(?:{_SUB_KEGIATAN_TAIL})?)?$")
SUB_KEGIATAN_PATTERN = re.compile(rf"^{_PROGRAM_HEAD}{_KEGIATAN_TAIL}{_SUB_KEGIATAN_TAIL}$")
# Above a program: urusan `1` and bidang urusan `1.06` (`X`, `X.XX` for Penunjang), the
# structure rows that SIPD prints in a program list.
_STRUCTURE_PATTERN = re.compile(r"^(?:\d|X)(?:\.(?:\d{2}|XX))?$")
_UNAMBIGUOUS_NUMBER = re.compile(r"^\d(?:\.\d)?$")
_NOISE = re.compile(r"[\s\u00a0\u202f]+")
_SEGMENT = re.compile(r"^\d+$")


def segments(code: str) -> list[str]:
    return code.split(".")


def level(code: str) -> int:
    """Number of segments: 1 for an akun, 6 for a sub rincian objek."""
    return code.count(".") + 1


def parent(code: str) -> str | None:
    """The code one level up, or None for a root."""
    head, dot, _ = code.rpartition(".")
    return head if dot else None


def parents(code: str) -> list[str]:
    """All ancestors, root first: `5.1.02` → [`5`, `5.1`]."""
    return list(_ancestors(code))


@lru_cache(maxsize=1 << 16)
def _ancestors(code: str) -> tuple[str, ...]:
    parts = segments(code)
    return tuple(".".join(parts[:size]) for size in range(1, len(parts)))


def nearest_ancestor(code: str, present: AbstractSet[str]) -> str | None:
    """The closest ancestor of `code` among `present` (`5.1` for `5.1.02.01` when `5.1.02`
    is absent), or None."""
    return next((item for item in reversed(_ancestors(code)) if item in present), None)


LEVEL_OF_LENGTH = {1: 1, 3: 2, 6: 3, 9: 4, 12: 5, 17: 6}  # widths 1,1,2,2,2,4 and their dots
# The same as a table indexed by length (0 for any other length), for whole columns.
_LEVEL_BY_LENGTH = np.array([LEVEL_OF_LENGTH.get(length, 0)
                             for length in range(max(LEVEL_OF_LENGTH) + 1)], dtype=np.int8)


def levels_of(accounts: pd.Series) -> pd.Series:
    """The level of each well-formed kode rekening, from its length alone; 0 when blank."""
    lengths = accounts.str.len().fillna(0).to_numpy(dtype=np.int64)
    lengths[lengths >= len(_LEVEL_BY_LENGTH)] = 0
    return pd.Series(_LEVEL_BY_LENGTH[lengths], index=accounts.index, dtype="int8")


def is_ancestor(ancestor: str, code: str) -> bool:
    """True when `ancestor` is a proper segment prefix of `code`."""
    return code.startswith(ancestor + ".")


def sort_key(code: str) -> tuple[tuple[int, str], ...]:
    """Numeric order by segment, parents before children (`5.1.2` < `5.1.10`)."""
    return tuple((int(part), part) if part.isdigit() else (-1, part) for part in segments(code))


def is_account(code: str) -> bool:
    """A well-formed kode rekening at any of the six levels."""
    return bool(ACCOUNT_PATTERN.match(code))


def is_program_code(code: str) -> bool:
    """A well-formed program, kegiatan or sub kegiatan code."""
    return bool(PROGRAM_PATTERN.match(code))


def is_sub_kegiatan_code(code: str) -> bool:
    """A well-formed sub kegiatan code (six segments: `1.06.02.2.01.0001`)."""
    return bool(SUB_KEGIATAN_PATTERN.match(code))


class CodeCell(NamedTuple):
    """A code read from a cell, or the finding code saying why it could not be."""

    code: str | None
    problem: Code | None = None


def read_account_cell(value: object) -> CodeCell:
    """A kode rekening cell: text normally; a number only when it cannot be misread."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = repr(float(value)).removesuffix(".0")
        if _UNAMBIGUOUS_NUMBER.match(text):  # `5` or `5.1`: kelompok has one digit
            return CodeCell(text)
        return CodeCell(None, "code-as-number")
    return _read_text(value, is_account)


def is_structure_cell(value: object) -> bool:
    """An urusan or bidang urusan code (`1`, `1.06`) in a program list: structure above the
    programs, not a malformed program code. A number counts only where it cannot be misread
    (`1`, `1.06`; never `1.1`, which may have been `1.10`)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 0 <= value <= 9
    text = repr(value) if isinstance(value, float) else str(value)
    return bool(_STRUCTURE_PATTERN.match(_NOISE.sub("", text).strip(".").upper()))


def read_program_cell(value: object) -> CodeCell:
    """A program / kegiatan / sub kegiatan cell; a number is never unambiguous here."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return CodeCell(None, "code-as-number")
    return _read_text(value, is_program_code)


def _read_text(value: object, valid: Callable[[str], bool]) -> CodeCell:
    if value is None:
        return CodeCell(None)
    text = _NOISE.sub("", str(value)).strip(".").upper()
    if text == "":
        return CodeCell(None)
    if not valid(text):
        return CodeCell(None, "code-malformed")
    return CodeCell(text)


def read_download_account(value: object) -> CodeCell:
    """A kode rekening cell of a download: as `read_account_cell`, after removing what
    exports add (a leading apostrophe, spaces around the dots, trailing dots); a code that
    still fits no pattern is `code-not-normalised`."""
    return _as_download(read_account_cell(_unquoted(value)))


def read_download_program(value: object) -> CodeCell:
    """A program / kegiatan / sub kegiatan cell of a download (see `read_download_account`)."""
    return _as_download(read_program_cell(_unquoted(value)))


def join_segments(cells: Sequence[object]) -> CodeCell:
    """A kode rekening printed one segment per cell (`5 | 1 | 02 | 01 | 01 | 0024`) as one
    code, read as a download's code is (`read_download_account`).

    The position of a cell gives its segment's width (1, 1, 2, 2, 2, 4), so a segment that
    Excel turned into a number (`2` for `02`) is padded back without guessing; blank cells
    after the last segment are a shorter (parent) code; a whole code written in the first
    cell alone is read as it is. A blank between segments, a segment wider than its place
    or not a whole number is `code-not-normalised`. All blank: no code."""
    parts = [_segment_text(cell) for cell in cells]
    while parts and parts[-1] == "":
        parts.pop()
    if not parts:
        return CodeCell(None)
    if len(parts) == 1 and not _SEGMENT.match(parts[0]):
        return read_download_account(cells[0])
    widths = ACCOUNT_WIDTHS
    if len(parts) > len(widths) or not all(_SEGMENT.match(part) and len(part) <= width
                                           for part, width in zip(parts, widths, strict=False)):
        return CodeCell(None, "code-not-normalised")
    return read_download_account(".".join(part.zfill(width) for part, width
                                          in zip(parts, widths, strict=False)))


def shown_segments(cells: Sequence[object]) -> str:
    """The cells of a split code as one text for a finding: `5 | 1 | _ | 01` (a blank cell
    between segments shown as `_`, blanks after the last one left out)."""
    parts = ["" if cell is None else _segment_text(cell) if isinstance(cell, float)
             else str(cell).strip() for cell in cells]
    while parts and parts[-1] == "":
        parts.pop()
    return " | ".join(part or "_" for part in parts)


def _segment_text(cell: object) -> str:
    if cell is None or isinstance(cell, bool):
        return "" if cell is None else str(cell)
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return _NOISE.sub("", str(cell)).strip(".")


def _unquoted(value: object) -> object:
    return value.strip().lstrip("'") if isinstance(value, str) else value


def _as_download(cell: CodeCell) -> CodeCell:
    return CodeCell(None, "code-not-normalised") if cell.problem == "code-malformed" else cell
