"""The pemda's own figures from its OPDs' reports: pure, summaries in, tables out.

Each OPD's run leaves an `OpdSummary`: its identity, totals, findings and LRA. The
consolidated LRA is every account summed over all OPDs to the sen, then laid out as an
OPD's LRA is (`lra.lra_rows`), so that JUMLAH and SURPLUS/DEFISIT are computed at pemda
level. Nothing here reads or writes a file.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from pipeline import codes, lra
from pipeline.findings import Issue, Severity, count, issue
from pipeline.lra import LraRow
from pipeline.months import MONTH_NAMES
from pipeline.reconcile import Reconciliation


@dataclass(frozen=True)
class OpdSummary:
    """What the consolidation needs of one OPD's run."""

    key: str  # the OPD's subfolder: the key, never its program codes
    opd: str
    pemda: str
    year: int
    report: str  # the OPD's report, relative to the output folder
    pagu_murni: int  # belanja, in sen, as each figure below
    pagu: int
    realisasi: int
    lra: list[LraRow]
    issues: list[Issue]
    digests: dict[str, str] = field(default_factory=dict)  # file → content digest
    last_month: int = 0  # the last month with belanja realisasi (0: none)

    @property
    def errors(self) -> int:
        return count(self.issues, Severity.ERROR)

    @property
    def warnings(self) -> int:
        return count(self.issues, Severity.WARNING)

    @property
    def draft(self) -> bool:
        return self.errors > 0


@dataclass(frozen=True)
class OpdIssue:
    """A finding of the pemda run, with the OPD it belongs to ("" for the pemda's own)."""

    opd: str
    issue: Issue


@dataclass(frozen=True)
class Consolidated:
    pemda: str
    year: int
    opds: list[OpdSummary]
    lra: list[LraRow]
    jenis: list[JenisRow]
    reconciliation: list[Reconciliation]
    issues: list[OpdIssue]

    @property
    def period(self) -> str:
        """`realisasi s.d. Maret 2023`: up to the last month of belanja realisasi in any
        OPD."""
        month = max((opd.last_month for opd in self.opds), default=0)
        if not month:
            return "belum ada realisasi"
        return f"realisasi s.d. {MONTH_NAMES[month - 1]} {self.year}"

    @property
    def drafts(self) -> list[str]:
        return [summary.key for summary in self.opds if summary.draft]

    @property
    def errors(self) -> int:
        return sum(1 for found in self.issues if found.issue.severity is Severity.ERROR)

    def belanja(self) -> LraRow | None:
        return next((row for row in self.lra if row.kind == "account" and row.code == "5"),
                    None)


@dataclass(frozen=True)
class JenisRow:
    """A kelompok or jenis of the consolidated LRA, its realisasi in each OPD."""

    code: str
    uraian: str
    depth: int
    realisasi: dict[str, int]  # OPD key → sen

    @property
    def total(self) -> int:
        return sum(self.realisasi.values())


def summed_accounts(summaries: list[OpdSummary]) -> pd.DataFrame:
    """Every account of every OPD's LRA, summed by code: the rollup's shape (`depth`,
    `total_pagu`, `total_realisasi`, `total_realisasi_lalu`), in code order."""
    rows = [(row.code, row.depth, row.anggaran, row.realisasi, row.realisasi_lalu)
            for summary in summaries for row in summary.lra if row.kind == "account"]
    frame = pd.DataFrame(rows, columns=["code", "depth", *lra.SHOWN]).astype(
        {column: "int64" for column in ["depth", *lra.SHOWN]})
    summed = frame.groupby("code", sort=False).agg(
        depth=("depth", "first"), **{column: (column, "sum") for column in lra.SHOWN})
    return summed.loc[sorted(summed.index, key=codes.sort_key)]


def account_names(summaries: list[OpdSummary]) -> dict[str, str]:
    """Each account's name as the first OPD (in key order) that shows it writes it."""
    names: dict[str, str] = {}
    for summary in summaries:
        for row in summary.lra:
            if row.kind == "account":
                names.setdefault(row.code, row.uraian)
    return names


def jenis_rows(summaries: list[OpdSummary], lra_rows: list[LraRow]) -> list[JenisRow]:
    """The kelompok and jenis rows (depth 2 and 3) of the consolidated LRA, by OPD."""
    by_opd = {summary.key: {row.code: row.realisasi for row in summary.lra
                            if row.kind == "account"} for summary in summaries}
    return [JenisRow(row.code, row.uraian, row.depth,
                     {key: amounts.get(row.code, 0) for key, amounts in by_opd.items()})
            for row in lra_rows if row.kind == "account" and row.depth in (2, 3)]


def consolidate(summaries: list[OpdSummary], pemda: str, year: int,
                findings: list[OpdIssue]) -> Consolidated:
    """The pemda's LRA, the jenis table, the checks across OPDs and every finding."""
    accounts = summed_accounts(summaries)
    rows = lra.lra_rows(accounts, account_names(summaries))
    reconciliation = [*totals_check(summaries, rows)]
    issues = [*findings, *duplicated_files(summaries), *other_years(summaries, year),
              *drafts(summaries)]
    issues += [OpdIssue(summary.key, found) for summary in summaries for found in summary.issues]
    return Consolidated(pemda, year, summaries, rows, jenis_rows(summaries, rows),
                        reconciliation, issues)


def totals_check(summaries: list[OpdSummary], rows: list[LraRow]) -> list[Reconciliation]:
    """The sum of the OPDs' belanja totals against the consolidated LRA's akun 5."""
    belanja = next((row for row in rows if row.kind == "account" and row.code == "5"), None)
    checks = []
    for label, value, column in (("Anggaran", lambda summary: summary.pagu, "anggaran"),
                                 ("Realisasi", lambda summary: summary.realisasi, "realisasi")):
        declared = sum(value(summary) for summary in summaries)
        computed = getattr(belanja, column, 0) if belanja is not None else 0
        checks.append(Reconciliation(
            "Total OPD", "5", f"{label} belanja: jumlah {len(summaries)} perangkat daerah "
            "dibandingkan LRA konsolidasi", declared, computed,
            "laporan setiap perangkat daerah", declared == computed))
    return checks


def duplicated_files(summaries: list[OpdSummary]) -> list[OpdIssue]:
    """A file whose content appears in two OPD folders: counted twice, an error."""
    holders: dict[str, list[tuple[str, str]]] = {}
    for summary in summaries:
        for path, digest in summary.digests.items():
            if digest:
                holders.setdefault(digest, []).append((summary.key, path))
    found = []
    for places in holders.values():
        opds = sorted({key for key, _ in places})
        if len(opds) < 2:
            continue
        named = ", ".join(f"{key}/{path}" for key, path in places)
        message = (f"Isi berkas ini sama persis di {len(opds)} folder perangkat daerah "
                   f"({named}); angkanya terhitung lebih dari sekali di konsolidasi. Hapus "
                   "salinan yang bukan milik perangkat daerah itu.")
        found += [OpdIssue(key, issue("pemda-file-duplicate", message, f"{key}/{path}"))
                  for key, path in places[1:]]
    return found


def other_years(summaries: list[OpdSummary], year: int) -> list[OpdIssue]:
    return [OpdIssue(summary.key, issue(
        "pemda-year-other", f"Tahun anggaran {summary.key} adalah {summary.year}, sedangkan "
        f"perangkat daerah lain {year}; laporannya tetap dijumlahkan, periksa DPA-nya.",
        summary.key)) for summary in summaries if summary.year != year]


def drafts(summaries: list[OpdSummary]) -> list[OpdIssue]:
    return [OpdIssue(summary.key, issue(
        "pemda-opd-draft", f"Laporan {summary.key} masih DRAFT ({summary.errors} kesalahan); "
        "angkanya tetap dijumlahkan di konsolidasi.", summary.report))
        for summary in summaries if summary.draft]


def common_year(summaries: list[OpdSummary]) -> int:
    """The year most OPDs report (the earliest of equals)."""
    years = Counter(summary.year for summary in summaries)
    return min(years, key=lambda year: (-years[year], year))
