"""Cells holding an Excel error (#DIV/0!, #REF!, #N/A …).

python-calamine reads such a cell as an empty string (python-calamine issue #105), which
would make a broken formula look like a blank amount. This module finds them in the sheet's
XML instead; the parser asks only when a table has blank amounts next to a code, so that
clean exports never pay for the extra read.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from defusedxml import ElementTree

_CELL = re.compile(rb"<c\b([^>]*)>")
_REFERENCE = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_ERROR_TYPE = re.compile(rb'\bt="e"')
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def error_cells(path: Path, sheet: str) -> set[str]:
    """References (`D17`) of the sheet's cells whose value is an Excel error."""
    try:
        with zipfile.ZipFile(path) as archive:
            part = sheet_part(archive, sheet)
            if part is None:
                return set()
            data = archive.read(part)
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return set()
    if not _ERROR_TYPE.search(data):
        return set()
    found = set()
    for match in _CELL.finditer(data):
        attributes = match.group(1)
        if _ERROR_TYPE.search(attributes):
            reference = _REFERENCE.search(attributes)
            if reference:
                found.add(reference.group(1).decode())
    return found


def sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip path of the named sheet, through xl/workbook.xml and its relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    target_id = next((node.get(_RELATIONSHIP) for node in workbook.iter(f"{_MAIN}sheet")
                      if node.get("name") == sheet), None)
    if target_id is None:
        return None
    relations = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for relation in relations:
        if relation.get("Id") == target_id:
            target = relation.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
    return None
