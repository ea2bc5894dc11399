"""The finding catalogue: code, docs and schemas never drift apart.

The codes are the `Code` literal type of `pipeline.findings` (mypy refuses any other code at
a call site); these tests hold the catalogue, the docs and the schemas to that type.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import get_args

from conftest import ROOT

from pipeline.findings import CATALOGUE, CODES, Code, Severity, is_code
from schemas import SCHEMAS

DOC = ROOT / "docs" / "findings.md"
_DOCUMENTED = re.compile(r"^### `([a-z-]+)`\n\*\*(Kesalahan|Peringatan|Catatan)\.\*\*", re.M)
_USED = re.compile(r"""issue\(\s*["']([a-z-]+)["']""")
_REFUSED = re.compile(r"""Refusal\(\s*["']([a-z-]+)["']""")
_SKIPPED = re.compile(r"""Skipped\([^,]+,\s*["']([a-z-]+)["']""")
_PROBLEM = re.compile(r"""Cell\(None,\s*["']([a-z-]+)["']\)|Money\(None,\s*["']([a-z-]+)["']\)""")


def test_the_catalogue_holds_exactly_the_codes_of_the_type() -> None:
    assert get_args(Code) == CODES
    assert [code for code, times in Counter(CODES).items() if times > 1] == []
    assert set(CATALOGUE) == set(CODES)  # every code has its severity and title
    assert is_code("money-invalid") and not is_code("mony-invalid")


def test_every_code_is_documented_with_its_severity() -> None:
    documented = dict(_DOCUMENTED.findall(DOC.read_text(encoding="utf-8")))
    expected = {code: CATALOGUE[code][0].value for code in get_args(Code)}
    assert documented == expected


def test_every_code_the_pipeline_raises_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for path in (ROOT / "pipeline").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for pattern in (_USED, _REFUSED, _SKIPPED):
            used |= set(pattern.findall(text))
        used |= {code for pair in _PROBLEM.findall(text) for code in pair if code}
    assert used, "the patterns found no code at all"
    assert used - set(get_args(Code)) == set()


def test_every_schema_check_names_a_catalogued_code() -> None:
    errors = {check.error for schema in SCHEMAS.values()
              for column in schema.columns.values() for check in column.checks
              if check.error} | {check.error for schema in SCHEMAS.values()
                                 for check in schema.checks if check.error}
    assert errors - set(get_args(Code)) == set()


def test_messages_for_officers_are_indonesian() -> None:
    titles = [title for _, title in CATALOGUE.values()]
    english = re.compile(r"\b(the|file|error|warning|missing|invalid)\b", re.I)
    assert [title for title in titles if english.search(title)] == []
    assert {severity for severity, _ in CATALOGUE.values()} == set(Severity)
