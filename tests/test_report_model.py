"""pipeline.report.model: `Report.flatten`, every finding as a list of the named fields.

As frictionless' `report.flatten(["rowNumber", "fieldNumber", "type"])`: rows in the report's
issue order, fields in the order asked, values as the `Issue` holds them.
"""

from __future__ import annotations

import datetime as dt
from typing import get_args

import pytest

from pipeline.findings import Issue, Severity, issue
from pipeline.report.model import IssueField, Report

ISSUES = [
    issue("money-invalid", "Realisasi '15.000.00' tidak dapat dibaca.", "real.xlsx", "Realisasi",
          "F3", "15.000.00"),
    issue("month-missing", "Bulan Maret 2023 tidak ada."),
    issue("code-malformed", "Kode '5.1.2.1' tidak sah.", "dpa.xlsx", "Anggaran", "B4", "5.1.2.1"),
    issue("money-invalid", "Pagu 'satu juta' tidak dapat dibaca.", "dpa.xlsx", "Anggaran", "D2",
          "satu juta"),
]


def report(issues: list[Issue]) -> Report:
    return Report({}, 2023, [], dt.datetime(2024, 1, 15), issues=issues)


def test_flatten_gives_the_named_fields_of_every_finding_in_report_order() -> None:
    assert report(ISSUES).flatten(["code", "file", "sheet", "cell"]) == [
        ["money-invalid", "real.xlsx", "Realisasi", "F3"],
        ["month-missing", "", "", ""],
        ["code-malformed", "dpa.xlsx", "Anggaran", "B4"],
        ["money-invalid", "dpa.xlsx", "Anggaran", "D2"],
    ]


def test_flatten_keeps_the_order_of_the_fields_asked_and_their_values() -> None:
    assert report(ISSUES[:2]).flatten(["cell", "value", "severity"]) == [
        ["F3", "15.000.00", Severity.ERROR],
        ["", "", Severity.WARNING],
    ]


def test_flatten_with_codes_keeps_only_those_findings() -> None:
    assert report(ISSUES).flatten(["file", "cell"], codes=["money-invalid"]) == [
        ["real.xlsx", "F3"], ["dpa.xlsx", "D2"]]
    assert report(ISSUES).flatten(["cell"], codes={"code-malformed", "month-missing"}) == [
        [""], ["B4"]]
    assert report(ISSUES).flatten(["cell"], codes=["subtotal-mismatch"]) == []
    assert report([]).flatten(["code"]) == []


@pytest.mark.parametrize("fields", [["code", "location"], ["kode"], "code"])
def test_flatten_refuses_a_name_that_is_no_issue_field(fields: list[str]) -> None:
    with pytest.raises(ValueError, match="Issue fields"):
        report(ISSUES).flatten(fields)  # type: ignore[arg-type]


def test_flatten_refuses_one_code_given_as_text() -> None:
    # `"money-invalid"` is a collection of letters, which would silently match nothing
    with pytest.raises(ValueError, match="collection of codes"):
        report(ISSUES).flatten(["cell"], codes="money-invalid")  # type: ignore[arg-type]


def test_the_field_names_are_those_of_issue() -> None:
    assert get_args(IssueField) == Issue._fields
