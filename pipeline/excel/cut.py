"""Cutting one sheet of a workbook by rows, so that its parts can be read side by side.

Each part is a whole workbook in memory whose sheet holds the sheet's head (the rows
where the header can be) and then only the part's own rows; python-calamine reads it as
it reads any file, and the Excel row numbers stay those of the file. Every part starts
at a `<row>` element, so no cell is ever split. A part inflates the sheet only as far as
its own rows reach, so the first parts are cut sooner; the last part, which inflates the
whole sheet, gets fewer rows to even that out.

Only a sheet written in the plain form Excel, LibreOffice and the export tools use is cut:
unprefixed `<worksheet>`, `<sheetData>` and `<row r="…">` elements, and no CDATA section or
comment in which a row element could be faked. Anything else is read whole.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pipeline.excel.error_cells import sheet_part
from pipeline.excel.header import HEADER_SEARCH_ROWS

# Rows after the first row with a value that every part keeps as the head: the header
# search window, the numbering row under it, and a margin.
HEAD_ROWS = HEADER_SEARCH_ROWS + 8
# How much further than an even share each cut point lies, in percent of its share: the
# last part inflates the whole sheet, the others stop at their own end.
SKEW = 8
CHUNK = 1 << 20
_ROW = re.compile(rb'<row\b[^>]*?\sr="([0-9]+)"')
_VALUE = re.compile(rb"<(?:v|is)[\s>]")
_OPENING = b"<sheetData>"
_CLOSING = b"</sheetData></worksheet>"


@dataclass(frozen=True)
class Cut:
    """One part of a sheet: a workbook in memory holding the sheet's head (Excel rows up
    to `head_end`) and the part's own rows, which start at Excel row `first_row`. The
    first part's own rows start at the top, head included."""

    workbook: io.BytesIO
    first_row: int
    head_end: int


def cut_sheet(path: Path, sheet: str, index: int, count: int) -> Cut | None:
    """Part `index` of `count` of the sheet, or None when the sheet cannot be cut."""
    try:
        with zipfile.ZipFile(path) as archive:
            name = sheet_part(archive, sheet)
            if name is None:
                return None
            size = archive.getinfo(name).file_size
            with archive.open(name) as stream:
                xml = _Inflating(stream)
                found = _part(xml, size, index, count)
            if found is None:
                return None
            entries = {item.filename: archive.read(item.filename)
                       for item in archive.infolist()
                       if not item.is_dir() and item.filename != name}
    except Exception:  # noqa: BLE001 - a damaged file is parsed whole, which reports it
        return None
    pieces, first_row, head_end = found
    return Cut(_zip(entries, name, pieces), first_row, head_end)


class _Inflating:
    """The sheet's XML, inflated as far as it is looked at."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream, self.data, self.ended = stream, bytearray(), False

    def reach(self, position: int) -> bool:
        """Inflate up to `position` (exclusive); False when the XML is shorter."""
        while len(self.data) < position and not self.ended:
            chunk = self.stream.read(CHUNK)
            self.ended = not chunk
            self.data += chunk
        return len(self.data) >= position

    def find(self, needle: bytes, start: int) -> int:
        """The position of `needle` at or after `start`, inflating as needed; -1 if none."""
        while True:
            found = self.data.find(needle, start)
            if found >= 0 or self.ended:
                return found
            start = max(start, len(self.data) - len(needle))
            self.reach(len(self.data) + CHUNK)


def _part(xml: _Inflating, size: int, index: int, count: int
          ) -> tuple[list[memoryview | bytes], int, int] | None:
    """The part's sheet XML (in pieces, not copied), its first own Excel row, and the
    head's last Excel row."""
    opening = xml.find(_OPENING, 0)
    if opening < 0 or xml.data.find(b"<worksheet") < 0:
        return None
    begin = opening + len(_OPENING)
    xml.reach(begin + CHUNK)
    first_value = _VALUE.search(xml.data, begin)
    if first_value is None:
        return None
    top = _ROW.match(xml.data, max(xml.data.rfind(b"<row", begin, first_value.start()), 0))
    if top is None:
        return None
    head_limit = int(top.group(1)) + HEAD_ROWS
    starts = [begin]
    for part in range(1, index + 2):
        start = (_cut_point(xml, begin, size, part, count, head_limit) if part < count
                 else _end(xml))
        if start is None or start <= starts[-1]:
            return None
        starts.append(start)
    data = xml.data
    if data.find(b"!", 0, starts[-1]) >= 0 and (data.find(b"<![CDATA[", 0, starts[-1]) >= 0
                                                or data.find(b"<!--", 0, starts[-1]) >= 0):
        return None
    head_end = _head_end(data, begin, head_limit, starts[1])
    if head_end is None:
        return None
    view = memoryview(data)
    if index == 0:
        return [view[:starts[1]], _CLOSING], 1, head_limit
    first_row = _ROW.match(data, starts[index])
    assert first_row is not None  # checked by _cut_point
    own = view[starts[index]:starts[index + 1]]
    return [view[:head_end], own, _CLOSING], int(first_row.group(1)), head_limit


def _cut_point(xml: _Inflating, begin: int, size: int, part: int, count: int,
               head_limit: int) -> int | None:
    """Where part `part` starts: the first row element after its share of the XML, which
    must lie below the head."""
    target = begin + (size - begin) * part * (100 + SKEW) // (100 * count)
    position = xml.find(b"<row ", target)
    if position < 0 or not xml.reach(position + 64):
        return None
    row = _ROW.match(xml.data, position)
    if row is None or int(row.group(1)) <= head_limit:
        return None
    return position


def _end(xml: _Inflating) -> int | None:
    """Where the rows end."""
    xml.reach(1 << 62)
    end = xml.data.rfind(b"</sheetData>")
    return end if end >= 0 else None


def _head_end(xml: bytearray, position: int, limit: int, stop: int) -> int | None:
    """Where the first row after Excel row `limit` starts (before `stop`)."""
    position = xml.find(b"<row", position, stop)
    while 0 <= position < stop:
        row = _ROW.match(xml, position)
        if row is None:
            return None
        if int(row.group(1)) > limit:
            return position
        position = xml.find(b"<row", position + 1, stop)
    return stop


def _zip(entries: dict[str, bytes], name: str, pieces: list[memoryview | bytes]
         ) -> io.BytesIO:
    """The entries and the sheet `name` (written from its pieces) as a workbook in memory,
    stored without compression: it is read once, at once."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for entry, data in entries.items():
            archive.writestr(entry, data)
        with archive.open(name, "w", force_zip64=True) as sheet:
            for piece in pieces:
                sheet.write(piece)
    buffer.seek(0)
    return buffer
