"""What the report shows, as plain data: the writer only lays it out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Literal

from pipeline.findings import Code, Issue, Severity, count
from pipeline.lra import LraRow
from pipeline.pk import Pk
from pipeline.programs import MonthlyRow
from pipeline.reconcile import Reconciliation

IssueField = Literal["severity", "code", "message", "file", "sheet", "cell", "value"]


@dataclass(frozen=True)
class FileSummary:
    path: str
    roles: str
    rows: int
    errors: int
    warnings: int


@dataclass(frozen=True)
class Report:
    """The report, built whole by `run.build_report` before anything is written. The defaults
    let tests build a report with only what they look at."""

    identitas: dict[str, str]
    year: int
    lra: list[LraRow]
    created: dt.datetime
    monthly: list[MonthlyRow] = field(default_factory=list)
    reconciliation: list[Reconciliation] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    files: list[FileSummary] = field(default_factory=list)
    pagu_murni: int = 0  # total of belanja, in sen
    pk: Pk = field(default_factory=Pk)
    program_names: dict[str, str] = field(default_factory=dict)

    def flatten(self, fields: Sequence[IssueField], *, codes: Collection[Code] | None = None
                ) -> list[list[Severity | str]]:
        """Every finding as a list of the named `Issue` fields, in the report's order, as
        frictionless' `report.flatten`: `flatten(["code", "file", "sheet", "cell"])` →
        `[["money-invalid", "real.xlsx", "Realisasi", "F3"], ...]`. With `codes`, only the
        findings of those codes."""
        unknown = [name for name in fields if name not in Issue._fields]
        if unknown or isinstance(fields, str):
            raise ValueError(f"not a list of Issue fields: {fields!r}")
        if isinstance(codes, str):
            raise ValueError(f"codes must be a collection of codes, not {codes!r}")
        return [[getattr(found, name) for name in fields] for found in self.issues
                if codes is None or found.code in codes]

    @property
    def errors(self) -> int:
        return count(self.issues, Severity.ERROR)

    @property
    def warnings(self) -> int:
        return count(self.issues, Severity.WARNING)

    @property
    def opd(self) -> str:
        return self.identitas.get("perangkat_daerah", "")

    @property
    def pemda(self) -> str:
        return self.identitas.get("pemerintah_daerah", "")

    @property
    def money_with_sen(self) -> bool:
        amounts = [value for row in self.lra
                   for value in (row.anggaran, row.realisasi, row.realisasi_lalu)]
        return any(value % 100 for value in amounts)

    @property
    def last_month(self) -> int | None:
        """The last month (1–12) with belanja realisasi on any line of the monthly sheet, or
        None when nothing was realised: the month the report's realisasi runs up to."""
        return max((month for line in self.monthly
                    for month, amount in enumerate(line.months, start=1) if amount),
                   default=None)

    def belanja(self) -> LraRow | None:
        """The akun 5 row (BELANJA DAERAH), whose totals the summary shows."""
        return next((row for row in self.lra if row.kind == "account" and row.code == "5"), None)
