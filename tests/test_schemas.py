"""schemas: the code columns are checked with the patterns of `pipeline.codes`, never their own.

A schema's `code-malformed` check refuses exactly the codes that `pipeline.codes` refuses,
on hand-picked codes and on generated near misses; and no module other than
`pipeline/codes.py` writes a regular expression for a code.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pandera.pandas as pa
import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import codes
from schemas import SCHEMAS

# Each code column of each schema, and the predicate of `pipeline.codes` it must agree with.
CODE_COLUMNS: dict[tuple[str, str], Callable[[str], bool]] = {
    ("anggaran", "kode_sub_kegiatan"): codes.is_sub_kegiatan_code,
    ("anggaran", "kode_rekening"): codes.is_account,
    ("realisasi", "kode_sub_kegiatan"): codes.is_sub_kegiatan_code,
    ("realisasi", "kode_rekening"): codes.is_account,
    ("lra", "kode_rekening"): codes.is_account,
    ("chart", "kode_rekening"): codes.is_account,
    ("program", "kode"): codes.is_program_code,
    ("pk_program", "kode_program"): codes.is_program_code,
}
SAMPLES = [
    # kode rekening, well-formed at each level, and near misses
    "5", "5.1", "5.1.02", "5.1.02.01", "5.1.02.01.01", "5.1.02.01.01.0024",
    "5.1.2", "5.10", "51", "05.1", "5..1", "5.1.02.01.01.024", "5.1.02.01.01.0024.1",
    # program, kegiatan, sub kegiatan (Penunjang `X.XX`), and near misses
    "1.06.02", "1.06.02.2.01", "1.06.02.2.01.0001", "X.XX.01", "X.XX.01.2.01.0001",
    "1.06", "1.06.2", "1.06.02.2", "1.06.02.2.01.001", "1.06.02.02.01", "x.xx.01", "Y.YY.01",
    "", "abc",
]
# Texts that belong to a regex for a code: only pipeline/codes.py may contain them.
CODE_REGEX_FRAGMENTS = (r"\.\d{2}", r"\.\d{4}", r"(?:\d|X)", r"\d{2}|XX")


def refused_by_schema(kind: str, column: str, values: list[str]) -> set[str]:
    """The values the schema's check on this column refuses as `code-malformed`."""
    schema = pa.DataFrameSchema({column: SCHEMAS[kind].columns[column]})
    try:
        schema.validate(pd.DataFrame({column: pd.Series(values, dtype="string")}), lazy=True)
    except pa.errors.SchemaErrors as errors:
        failures = errors.failure_cases
        assert set(failures["check"]) == {"code-malformed"}
        return set(failures["failure_case"])
    return set()


def test_every_code_column_is_listed() -> None:
    checked = {(kind, name) for kind, schema in SCHEMAS.items()
               for name, column in schema.columns.items()
               if any(check.error == "code-malformed" for check in column.checks)}
    assert checked == set(CODE_COLUMNS)


@pytest.mark.parametrize(("kind", "column"), list(CODE_COLUMNS))
def test_schema_refuses_exactly_what_codes_refuses(kind: str, column: str) -> None:
    valid = CODE_COLUMNS[kind, column]
    refused = refused_by_schema(kind, column, SAMPLES)
    assert refused == {code for code in SAMPLES if not valid(code)}
    assert set(SAMPLES) - refused  # the samples hold well-formed codes of this column too


near_misses = st.lists(
    st.sampled_from(SAMPLES) | st.text(alphabet="0123456789X.", max_size=18), max_size=20)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(near_misses)
def test_schemas_and_codes_agree_on_generated_codes(values: list[str]) -> None:
    for (kind, column), valid in CODE_COLUMNS.items():
        assert refused_by_schema(kind, column, values) == {
            code for code in values if not valid(code)}


def test_sub_kegiatan_columns_take_six_segment_program_codes_only() -> None:
    assert refused_by_schema("anggaran", "kode_sub_kegiatan",
                             ["1.06.02.2.01.0001", "1.06.02.2.01", "1.06.02"]) == {
        "1.06.02.2.01", "1.06.02"}


def test_no_code_regex_outside_codes_py() -> None:
    own = (ROOT / "pipeline" / "codes.py").read_text(encoding="utf-8")
    patterns = [codes.ACCOUNT_PATTERN.pattern, codes.PROGRAM_PATTERN.pattern,
                codes.SUB_KEGIATAN_PATTERN.pattern]
    assert all(fragment in own for fragment in CODE_REGEX_FRAGMENTS)  # the search means something
    sources = [path for folder in ("pipeline", "schemas")
               for path in sorted((ROOT / folder).rglob("*.py"))
               if path != ROOT / "pipeline" / "codes.py"]
    assert len(sources) > 20
    found = [(path.relative_to(ROOT).as_posix(), text)
             for path in sources
             for text in (*patterns, *CODE_REGEX_FRAGMENTS)
             if text in path.read_text(encoding="utf-8")]
    assert found == []
