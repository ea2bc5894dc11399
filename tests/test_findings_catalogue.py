"""The finding catalogue: code, docs and schemas never drift apart."""

from __future__ import annotations

import re

from conftest import ROOT

from pipeline.findings import CATALOGUE, Severity
from schemas import SCHEMAS

DOC = ROOT / "docs" / "findings.md"
_DOCUMENTED = re.compile(r"^### `([a-z-]+)`\n\*\*(Kesalahan|Peringatan|Catatan)\.\*\*", re.M)
_USED = re.compile(r"""issue\(\s*["']([a-z-]+)["']""")
_REFUSED = re.compile(r"""Refusal\(\s*["']([a-z-]+)["']""")
_SKIPPED = re.compile(r"""Skipped\([^,]+,\s*["']([a-z-]+)["']""")
_PROBLEM = re.compile(r"""Cell\(None,\s*["']([a-z-]+)["']\)|Money\(None,\s*["']([a-z-]+)["']\)""")


def test_every_code_is_documented_with_its_severity() -> None:
    documented = dict(_DOCUMENTED.findall(DOC.read_text(encoding="utf-8")))
    expected = {code: severity.value for code, (severity, _) in CATALOGUE.items()}
    assert documented == expected


def test_every_code_the_pipeline_raises_is_in_the_catalogue() -> None:
    used: set[str] = set()
    for path in (ROOT / "pipeline").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for pattern in (_USED, _REFUSED, _SKIPPED):
            used |= set(pattern.findall(text))
        used |= {code for pair in _PROBLEM.findall(text) for code in pair if code}
    assert used, "the patterns found no code at all"
    assert used - set(CATALOGUE) == set()


def test_every_schema_check_names_a_catalogued_code() -> None:
    errors = {check.error for schema in SCHEMAS.values()
              for column in schema.columns.values() for check in column.checks
              if check.error} | {check.error for schema in SCHEMAS.values()
                                 for check in schema.checks if check.error}
    assert errors - set(CATALOGUE) == set()


def test_messages_for_officers_are_indonesian() -> None:
    titles = [title for _, title in CATALOGUE.values()]
    english = re.compile(r"\b(the|file|error|warning|missing|invalid)\b", re.I)
    assert [title for title in titles if english.search(title)] == []
    assert {severity for severity, _ in CATALOGUE.values()} == set(Severity)
