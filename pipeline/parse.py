"""Parsing one input file: recognise its sheets, type every cell, validate every table.

A workbook with template sheets (`Anggaran`, `Realisasi`, …) is read by sheet name; any
other workbook (.xlsx, .xlsm or .xls) and any CSV that is not a chart of accounts is read
as a download when its content fits one of the layouts of `pipeline.exports`, and named
once as unrecognised when none fits. One exception to the names deciding first: a workbook
whose only template sheet is `LRA` while that sheet holds a download with its title rows
(the SIPD-RI AKLAP LRA, whose sheet is often named so) is read as that download.

`parse_file` is pure with respect to everything but the one file it reads, and returns
rows and findings instead of raising: it can run in a worker process or on a cluster,
one task per file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from functools import cache
from pathlib import Path

from pipeline import codes
from pipeline.coerce import typed_frame
from pipeline.condense import condense
from pipeline.digest import file_digest
from pipeline.excel.error_cells import error_cells
from pipeline.excel.grid import Grid, read_grids, sheet_names
from pipeline.excel.header import Header, find_header, letters, raw_table
from pipeline.exports import aklap_lra, simda_lra, snapshot
from pipeline.exports.base import LAYOUT, Source
from pipeline.exports.recognise import (
    MISSING,
    RESEMBLES,
    RESEMBLING_SHEET,
    likeness,
    match_grid,
    unrecognised_message,
)
from pipeline.exports.titles import sniff_meta
from pipeline.findings import Issue, issue
from pipeline.layouts import (
    CHART,
    IDENTITAS_FIELDS,
    IDENTITAS_SHEET,
    LRA,
    PK_LAYOUTS,
    PROGRAM,
    REALISASI,
    SASARAN,
    TABLE_LAYOUTS,
    Layout,
    normalise_label,
)
from pipeline.tables import ParsedFile, SheetTable
from pipeline.validate import validate_table

# The role of the tables of a download whose layout says more than their kind (the file list
# names roles, `layouts.KIND_TITLES`): an LRA download is the accounting system's.
LAYOUT_ROLES = {aklap_lra.NAME: "lra_aklap", simda_lra.NAME: "lra_simda"}


def parse_file(path: Path, display: str) -> ParsedFile:
    """Read one workbook into typed tables and findings; never raises for bad data."""
    digest = file_digest(path)
    if path.suffix.lower() == ".csv":
        return parse_csv(path, display, digest)
    try:
        names = sheet_names(path)
    except Exception as error:  # noqa: BLE001 - calamine raises its own error types
        return _unreadable(display, digest, error)
    layouts, identitas_sheet = recognise(names)
    if not layouts:
        return parse_download(path, display, digest, names, identitas_sheet)

    wanted = [sheet for _, sheet in layouts] + ([identitas_sheet] if identitas_sheet else [])
    try:
        grids = read_grids(path, wanted)
    except Exception as error:  # noqa: BLE001 - a damaged sheet part
        return _unreadable(display, digest, error)
    headers = {sheet: find_header(grids[sheet], layout) for layout, sheet in layouts}
    if download_under_template_name(layouts, grids, headers):
        return parse_download(path, display, digest, names, identitas_sheet, grids)
    tables: list[SheetTable] = []
    issues: list[Issue] = []
    for layout, sheet in layouts:
        table, found = read_sheet(grids[sheet], layout, display, headers[sheet])
        issues += found
        if table is not None:
            issues += mark_error_cells(table, layout, path)
            tables.append(condense(table) if table.kind == "realisasi" else table)
    identitas = read_identitas(grids[identitas_sheet]) if identitas_sheet else {}
    if tables and all(table.frame.empty for table in tables) and not any(identitas.values()):
        issues.append(issue("workbook-empty", "Workbook dikenali tetapi tidak berisi baris data "
                            "di bawah judul kolomnya.", display))
    roles = tuple(sorted({table.kind for table in tables}))
    return ParsedFile(display, digest, tuple(tables), identitas, tuple(issues), roles)


def recognise(names: list[str]) -> tuple[list[tuple[Layout, str]], str | None]:
    """The sheets to read, each with its layout, and the Identitas sheet, if any."""
    by_name = {normalise_label(name): name for name in names}
    is_pk = normalise_label(SASARAN.sheet_names[0]) in by_name
    layouts = [(layout, by_name[key]) for layout in (PK_LAYOUTS if is_pk else TABLE_LAYOUTS)
               for key in map(normalise_label, layout.sheet_names) if key in by_name]
    return layouts, by_name.get(normalise_label(IDENTITAS_SHEET))


def download_under_template_name(layouts: list[tuple[Layout, str]], grids: dict[str, Grid],
                                 headers: dict[str, Header | None]) -> bool:
    """True when a workbook's one template sheet is really a download that happens to bear a
    template's sheet name, so that it is read as the download (it can then be set aside as
    another year's or OPD's, and a snapshot is differenced, never counted as one month):
    - `LRA` / `Laporan Realisasi Anggaran` whose content fits a download layout together
      with that layout's title rows (the SIPD-RI AKLAP LRA); a template LRA has no titles;
    - `Realisasi` whose content fits the SIPD-RI cumulative realisasi (B1) and that has no
      `Bulan` or `Tanggal` column, without which a template realisasi cannot be placed in
      a month.
    `headers`: the header `find_header` found on each sheet (None: none)."""
    if len(layouts) != 1:
        return False
    layout, sheet = layouts[0]
    if layout is REALISASI:  # the template's own columns first: they settle most files
        header = headers[sheet]
        if header is not None and {"bulan", "tanggal"} & set(header.columns):
            return False
    elif layout is not LRA:
        return False
    match = match_grid(grids[sheet])
    if match is None:
        return False
    if layout is LRA:
        return bool(match.export.titles)
    return match.export.name == snapshot.NAME


def parse_sheet(grid: Grid, layout: Layout, file: str) -> tuple[SheetTable | None, list[Issue]]:
    """One sheet: find the header, type every cell, validate the table."""
    return read_sheet(grid, layout, file, find_header(grid, layout))


def read_sheet(grid: Grid, layout: Layout, file: str, header: Header | None
               ) -> tuple[SheetTable | None, list[Issue]]:
    """One sheet under the header found in it (`find_header`; None: none found): type
    every cell, validate the table."""
    if header is None:
        labels = ", ".join(field.label for field in layout.required)
        message = (f"Baris judul kolom tidak ditemukan di 20 baris pertama; kolom yang dicari: "
                   f"{labels}.")
        return None, [issue("header-not-found", message, file, grid.sheet, "A1")]
    if header.missing:
        missing = ", ".join(field.label for field in header.missing)
        message = f"Kolom wajib tidak ditemukan pada baris judul: {missing}."
        row = grid.excel_row(header.top)
        return None, [issue("column-missing", message, file, grid.sheet, f"A{row}")]

    raw = raw_table(grid, header)
    if layout is PROGRAM:  # SIPD prints urusan and bidang rows above the programs
        structure = raw["kode"].map(codes.is_structure_cell).astype(bool)  # bool when empty too
        raw = raw.loc[~structure].reset_index(drop=True)
    columns = letters(grid, header)
    frame, issues = typed_frame(raw, layout.fields, columns, file, grid.sheet)
    table = SheetTable(layout.kind, file, grid.sheet, columns, frame)
    issues += validate_table(table)
    return table, issues


def mark_error_cells(table: SheetTable, layout: Layout, path: Path) -> list[Issue]:
    """Cells showing an Excel error (#DIV/0!, #REF! …) read as blank; where a money cell is
    blank beside a code, look for them in the sheet and mark each as unreadable."""
    money = [field for field in layout.fields if field.kind == "money"]
    frame = table.frame
    if not money or "kode_rekening" not in frame or frame.empty:
        return []
    blank = frame[[field.name for field in money]].isna().any(axis=1)
    if not (blank & frame["kode_rekening"].notna()).any():
        return []
    errors = error_cells(path, table.sheet)
    issues: list[Issue] = []
    for field in money:
        letter = table.letters.get(field.name)
        if letter is None:
            continue
        hit = frame["row"].map(lambda row, letter=letter: f"{letter}{row}" in errors)
        frame.loc[hit, f"bad_{field.name}"] = True
        for row in frame.loc[hit, "row"]:
            issues.append(issue("cell-error", f"{field.label} berisi galat Excel (misalnya "
                                "#DIV/0!, #REF! atau #N/A); nilainya tidak dapat dibaca dan "
                                "baris tidak dihitung. Perbaiki rumusnya.", table.file,
                                table.sheet, f"{letter}{row}"))
    return issues


def parse_download(path: Path, display: str, digest: str, names: list[str],
                   identitas_sheet: str | None, read: dict[str, Grid] | None = None
                   ) -> ParsedFile:
    """A workbook without template sheets: each sheet read by the download layout its
    content fits; an `Identitas` sheet beside them gives kepala, NIP and pangkat. `read`:
    the sheets already read."""
    grids = dict(read or {})
    unread = [name for name in names if name not in grids]
    try:
        grids |= read_grids(path, unread) if unread else {}
    except Exception as error:  # noqa: BLE001 - a damaged sheet part
        return _unreadable(display, digest, error)
    identitas = read_identitas(grids[identitas_sheet]) if identitas_sheet else {}
    sheets = [grids[name] for name in names if name != identitas_sheet]
    parsed = read_downloads(sheets, display, digest, Source(display, path.name))
    if parsed.tables or identitas_sheet is None:
        own = {name: value for name, value in identitas.items() if value}
        return ParsedFile(parsed.path, digest, parsed.tables, {**parsed.identitas, **own},
                          parsed.issues, parsed.roles, parsed.meta)
    return ParsedFile(display, digest, identitas=identitas)  # an Identitas workbook


def read_downloads(grids: list[Grid], display: str, digest: str, source: Source) -> ParsedFile:
    """Every sheet whose content fits a download layout, read by that layout; no sheet
    fits: one note naming the layout the file resembles most and the labels it misses."""
    tables: list[SheetTable] = []
    issues: list[Issue] = []
    identitas: dict[str, str] = {}
    meta: dict[str, str] = {}
    roles: set[str] = set()
    for grid in grids:
        match = match_grid(grid)
        if match is None:
            continue
        extract = match.export.read(grid, match.header, source)
        tables += extract.tables
        roles |= {LAYOUT_ROLES.get(match.export.name, table.kind) for table in extract.tables}
        issues += extract.issues
        for key, value in extract.identitas.items():
            identitas.setdefault(key, value)
        for key, value in {LAYOUT: match.export.name, **extract.meta}.items():
            meta.setdefault(key, value)
    if not meta:
        like = likeness(grids)
        message = unrecognised_message([grid.sheet for grid in grids], like)
        meta = sniff_meta(grids)
        if like is not None:
            meta |= {RESEMBLES: like.name, MISSING: ", ".join(like.missing),
                     RESEMBLING_SHEET: like.sheet}
        return ParsedFile(display, digest, issues=(issue("file-unrecognised", message, display),),
                          meta=meta)
    if tables and all(table.frame.empty for table in tables):
        issues.append(issue("workbook-empty", "Unduhan dikenali tetapi tidak berisi baris data "
                            "di bawah judul kolomnya.", display))
    return ParsedFile(display, digest, tuple(tables), identitas, tuple(issues),
                      tuple(sorted(roles)), meta)


def parse_csv(path: Path, display: str, digest: str) -> ParsedFile:
    """A CSV (comma or semicolon): a download when its content fits a layout, else a chart
    of accounts (`Kode Rekening`, `Uraian`), else named as unrecognised."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return _unreadable(display, digest, error)
    grid = Grid("CSV", csv_rows(decode_text(data)), 1, 0)
    header = find_header(grid, CHART) if match_grid(grid) is None else None
    if header is not None:
        table, issues = read_sheet(grid, CHART, display, header)
        tables = (table,) if table is not None else ()
        return ParsedFile(display, digest, tables, {}, tuple(issues), ("chart",))
    return read_downloads([grid], display, digest, Source(display, path.name))


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without its mark), else Windows-1252, as old SIMDA exports write."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def csv_rows(text: str) -> list[list[str]]:
    """The rows of a CSV, split on `,` or `;`: the one that gives the most rows of the most
    common width (a header line of labels has no amount in it to mislead the count)."""
    best: list[list[str]] = []
    best_score = (-1, -1)
    for delimiter in (",", ";"):
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        widths = Counter(len(row) for row in rows[:200] if len(row) > 1)
        width, count = widths.most_common(1)[0] if widths else (1, 0)
        if (count, width) > best_score:
            best, best_score = rows, (count, width)
    return best


@cache
def warm_up() -> None:
    """Read a two-row sheet held in memory, once per process: a new worker pays for the lazy
    imports and set-ups of pandas and pandera while it waits for its first file, not on it."""
    header = [field.label for field in REALISASI.fields]
    row = [2023, 1, "1.06.02.2.01.0001", "5.1.02.01.01.0024", "ATK", 1000.0, "SP2D-1",
           dt.datetime(2023, 1, 5)]
    table, _ = parse_sheet(Grid(REALISASI.sheet_names[0], [header, row, row], 1, 0), REALISASI,
                           "")
    if table is not None:
        condense(table)


def read_identitas(grid: Grid) -> dict[str, str]:
    """Field / value pairs of the `Identitas` sheet (labels in any column, value beside)."""
    wanted = {normalise_label(label): name for name, label in IDENTITAS_FIELDS.items()}
    found: dict[str, str] = {}
    for row in grid.rows:
        cells = [cell for cell in row if not (isinstance(cell, str) and not cell.strip())]
        for position, cell in enumerate(cells[:-1]):
            name = wanted.get(normalise_label(cell))
            if name and name not in found:
                value = cells[position + 1]
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                found[name] = str(value).strip()
    return found


def _unreadable(display: str, digest: str, error: Exception) -> ParsedFile:
    message = ("Berkas tidak dapat dibuka sebagai workbook Excel (.xlsx, .xls) atau CSV; simpan "
               f"ulang dari Excel sebagai .xlsx. Rincian: {type(error).__name__}.")
    return ParsedFile.failed(display, digest, "file-unreadable", message)
