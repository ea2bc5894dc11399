"""pandera behind one function: a typed sheet table in, findings with cells out.

The schemas (`schemas/`) name each check's finding code in its `error`; this module
turns pandera's failure cases into `Issue`s in Indonesian and never lets pandera's own
text reach an officer.

pandera and the schemas load on the first validation, not on import: sheets are validated
in the parse workers, and the main process, which imports this module through the parser,
does not pay pandera's 0.2 s of import on every run.
"""

from __future__ import annotations

import pandas as pd

from pipeline.findings import Code, Issue, is_code, issue
from pipeline.layouts import ALL_LAYOUTS
from pipeline.money import format_rupiah
from pipeline.tables import SheetTable

# For a check on the whole row, the column whose cell the finding names.
ROW_CHECK_COLUMN: dict[Code, str] = {
    "code-missing": "kode_rekening",
    "sub-kegiatan-missing": "kode_sub_kegiatan",
}


def validate_table(table: SheetTable) -> list[Issue]:
    """Run the sheet's schema; every failure case becomes an issue naming its cell."""
    import pandera.pandas as pa

    from schemas import SCHEMAS

    schema = SCHEMAS.get(table.kind)
    if schema is None or table.frame.empty:
        return []
    try:
        schema.validate(table.frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        return _issues(table, errors.failure_cases)
    return []


def _issues(table: SheetTable, failures: pd.DataFrame) -> list[Issue]:
    fields = {f.name: f for layout in ALL_LAYOUTS if layout.kind == table.kind
              for f in layout.fields}
    found: dict[tuple[Code, int, str], Issue] = {}
    for failure in failures.itertuples(index=False):
        code = _code(str(failure.check))
        column = ROW_CHECK_COLUMN.get(code, str(failure.column))
        if failure.index is None or pd.isna(failure.index):
            continue
        row = int(table.frame.at[failure.index, "row"])
        key = (code, row, column)
        if key in found:
            continue
        value = table.frame.at[failure.index, column] if column in table.frame else ""
        field = fields.get(column)
        if field is not None and field.kind == "money" and not pd.isna(value):
            value = format_rupiah(int(value))
        label = field.label if field is not None else column
        found[key] = issue(code, _message(code, label, value), table.file, table.sheet,
                           table.cell(column, row), "" if pd.isna(value) else value)
    return list(found.values())


def _code(check: str) -> Code:
    """The finding code of a failed check: the schema's `error`, or for pandera's own checks
    `value-missing` (not nullable) and `value-invalid` (dtype, range), still named."""
    if check == "not_nullable":
        return "value-missing"
    return check if is_code(check) else "value-invalid"


def _message(code: Code, label: str, value: object) -> str:
    shown = "" if pd.isna(value) else f" '{value}'"
    return {
        "money-negative": f"{label}{shown} negatif; pagu tidak boleh negatif.",
        "realisasi-negative": f"{label}{shown} negatif: dibaca sebagai pengembalian dan tetap "
                              "dihitung. Periksa bila bukan pengembalian.",
        "code-missing": "Baris berisi angka tetapi Kode Rekening kosong; baris tidak dihitung.",
        "sub-kegiatan-missing": "Kode Sub Kegiatan kosong; hanya pendapatan (4) dan "
                                "pembiayaan (6) yang boleh tanpa sub kegiatan.",
        "code-malformed": f"{label}{shown} tidak berformat kode yang sah.",
        "value-missing": f"{label} kosong; sel ini wajib diisi.",
        "polarity-invalid": f"{label}{shown} harus Positif atau Negatif.",
    }.get(code, f"{label}{shown} tidak sah.")
