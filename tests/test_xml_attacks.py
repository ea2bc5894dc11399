"""XML attacks: billion laughs and external entities are refused, never expanded.

The pipeline's pre-flight refuses any part that declares a DTD or an entity
(`file-xml-entities`) before a parser sees it. Behind it, each parser is tested on the
same files directly, bypassing the pre-flight, in a subprocess limited to 1 GiB of
address space and 60 s:

- python-calamine 0.9.1 (quick-xml) has no DTD support. A part that declares entities
  and uses one fails with `XmlError: unrecognized entity `&lol9;`` (or `&e;`): nothing is
  expanded and /etc/passwd is never read; the pipeline's worker turns that error into
  `file-unreadable`. A sheet part encoded as UTF-16 is read as an empty sheet.
- openpyxl runs on defusedxml (`openpyxl.xml.DEFUSEDXML`): it raises `ValueError` caused
  by defusedxml's `EntitiesForbidden`.

Variants that hide the DTD from a byte search — behind 70 KiB of XML comment or in a
UTF-16 part — are never expanded either, and the pre-flight, which reads each part up to its
root element and decodes UTF-16 first, names them `file-xml-entities`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl.xml
import pytest
from hostile_files import (
    LAUGH_TEXT,
    ROOT,
    billion_laughs,
    external_entity,
    utf16_external_entity,
)

from pipeline.isolation import LocalPool
from pipeline.reading import read_all
from pipeline.tables import ParsedFile

PADDING = 70 * 1024  # beyond the 64 KiB prolog the pre-flight reads
ATTACKS: dict[str, Callable[[Path], Path]] = {
    "billion-laughs": billion_laughs,
    "external-entity": external_entity,
    "billion-laughs-behind-comment": lambda path: billion_laughs(path, PADDING),
    "external-entity-behind-comment": lambda path: external_entity(path, PADDING),
    "external-entity-utf16": utf16_external_entity,
}
HIDDEN = ["billion-laughs-behind-comment", "external-entity-behind-comment",
          "external-entity-utf16"]
EXPANDED = LAUGH_TEXT * 10  # any expansion of &lol1; or deeper
SECRET = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]

# Reads every sheet (calamine) or the whole workbook (openpyxl) under a 1 GiB address
# space; prints the error chain or every text read, as JSON.
READ_DIRECTLY = r"""
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
reader, path = sys.argv[1], sys.argv[2]
texts = []
try:
    if reader == "calamine":
        from python_calamine import CalamineWorkbook
        workbook = CalamineWorkbook.from_path(path)
        for name in workbook.sheet_names:
            for row in workbook.get_sheet_by_name(name).to_python():
                texts += [str(cell) for cell in row]
    else:
        import openpyxl
        workbook = openpyxl.load_workbook(path)
        texts += [str(cell.value) for sheet in workbook for row in sheet.iter_rows()
                  for cell in row]
    print(json.dumps({"errors": [], "texts": texts}))
except BaseException as error:
    chain = []
    while error is not None:
        chain.append(type(error).__name__ + ": " + str(error)[:200])
        error = error.__cause__ or error.__context__
    print(json.dumps({"errors": chain, "texts": texts}))
"""


def read_directly(reader: str, path: Path) -> dict[str, list[str]]:
    done = subprocess.run([sys.executable, "-c", READ_DIRECTLY, reader, str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


def never_expanded(result: dict[str, list[str]]) -> None:
    everything = json.dumps(result)
    assert EXPANDED not in everything
    assert SECRET not in everything and "root:" not in everything


@pytest.fixture(scope="module")
def attacks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("xml")
    return {name: build(folder / f"{name}.xlsx") for name, build in ATTACKS.items()}


@pytest.fixture(scope="module")
def read_by_pipeline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ParsedFile]:
    folder = tmp_path_factory.mktemp("xml-masukan")
    for name, build in ATTACKS.items():
        build(folder / f"{name}.xlsx")
    with LocalPool() as pool:
        parsed, _ = read_all(folder, pool, lambda message: None)
    return {item.path.removesuffix(".xlsx"): item for item in parsed}


def test_openpyxl_parses_with_defusedxml() -> None:
    assert openpyxl.xml.DEFUSEDXML is True


def test_the_secret_file_exists_so_that_the_xxe_tests_mean_something() -> None:
    assert SECRET.startswith("root:")


@pytest.mark.parametrize("name", ["billion-laughs", "external-entity"])
def test_pipeline_refuses_entity_declarations_before_parsing(
        read_by_pipeline: dict[str, ParsedFile], name: str) -> None:
    item = read_by_pipeline[name]
    assert [found.code for found in item.issues] == ["file-xml-entities"]
    part = "xl/sharedStrings.xml" if name == "billion-laughs" else "xl/worksheets/sheet1.xml"
    assert f"Bagian {part} berisi deklarasi entitas XML" in item.issues[0].message
    assert item.tables == ()


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_pipeline_never_expands_an_entity(read_by_pipeline: dict[str, ParsedFile],
                                          name: str) -> None:
    """Whatever the pre-flight sees, no row of the file reaches the report."""
    item = read_by_pipeline[name]
    assert [found.severity.value for found in item.issues] == ["Kesalahan"]
    assert all(table.frame.empty for table in item.tables)
    texts = json.dumps([table.frame.astype(str).to_numpy().tolist() for table in item.tables])
    assert EXPANDED not in texts and SECRET not in texts


@pytest.mark.parametrize("name", HIDDEN)
def test_pipeline_names_a_hidden_dtd_as_xml_entities(
        read_by_pipeline: dict[str, ParsedFile], name: str) -> None:
    assert [found.code for found in read_by_pipeline[name].issues] == ["file-xml-entities"]


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_calamine_directly_refuses_or_reads_literally_never_expands(
        attacks: dict[str, Path], name: str) -> None:
    """calamine 0.9.1: `XmlError: unrecognized entity` for every declared-and-used entity;
    the UTF-16 part reads as an empty sheet, no error."""
    result = read_directly("calamine", attacks[name])
    never_expanded(result)
    if name == "external-entity-utf16":
        assert result == {"errors": [], "texts": []}
    else:
        assert result["errors"][0].startswith("XmlError: ")
        assert "unrecognized entity" in result["errors"][0]


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_openpyxl_directly_refuses_with_defusedxml(attacks: dict[str, Path], name: str) -> None:
    result = read_directly("openpyxl", attacks[name])
    never_expanded(result)
    assert any(error.startswith("EntitiesForbidden") for error in result["errors"])
