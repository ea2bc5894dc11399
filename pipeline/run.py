"""The pipeline in one readable function: read → validate → roll up → reconcile → write.

`run` collects findings from every stage and decides at the end; it raises only
`NothingToReport`, when no report can be written at all (the CLI turns that into one
sentence). Each stage is timed for the closing summary and the benchmarks.

After the roll-up of accounts, the checks and the reconciliation (`checked`) run in a
forked child while this process rolls up the programs and lays out the LRA
(`pipeline.forked`): both cores work, and the child's result is the same as computing it
here, which is what happens where fork is not available.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline import assemble, chart, lra, pk, programs, reconcile, row_checks
from pipeline.cache import ParseCache
from pipeline.findings import Issue, Severity, count, issue
from pipeline.forked import Forked
from pipeline.isolation import Limits
from pipeline.layouts import IDENTITAS_FIELDS, IDENTITAS_REQUIRED
from pipeline.reading import read_all
from pipeline.report.model import FileSummary, Report
from pipeline.report.writer import begin_report, discard_draft, save_draft
from pipeline.tables import ParsedFile

# The report's created date: fixed, so that the same input gives the same bytes.
DEFAULT_CREATED = dt.datetime(2000, 1, 1)


class NothingToReport(Exception):
    """No report can be written; the message is one sentence for the officer."""


@dataclass(frozen=True)
class RunConfig:
    input_dir: Path
    output_dir: Path
    created: dt.datetime = DEFAULT_CREATED
    limits: Limits = field(default_factory=Limits)
    cache_dir: Path | None = None  # None: no cache
    today: dt.date | None = None  # for dates in the future; None: the machine's date


@dataclass
class RunResult:
    report_path: Path
    report: Report
    rows_read: int
    timings: dict[str, float] = field(default_factory=dict)


Progress = Callable[[str], None]


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def run(config: RunConfig, progress: Progress = lambda message: None) -> RunResult:
    with _cyclic_gc_paused():
        return _run(config, progress)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """No cyclic garbage collection during a run: its passes over the growing heap cost
    more than the few cycles a run leaves, which the collector takes after the run."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _run(config: RunConfig, progress: Progress) -> RunResult:
    timings: dict[str, float] = {}
    if not config.input_dir.is_dir():
        raise NothingToReport(f"Folder masukan {config.input_dir} tidak ditemukan.")
    with _timed(timings, "baca"):
        cache = ParseCache(config.cache_dir) if config.cache_dir is not None else None
        parsed, notes = read_all(config.input_dir, progress, config.output_dir, config.limits,
                                 cache)
    with _timed(timings, "validasi"):
        parsed, issues = assemble.drop_identical_copies(parsed)
        issues += notes
        issues += [found for item in parsed for found in item.issues]
        dpa, found = assemble.find_dpa(parsed)
        issues += found
        if dpa is None:
            raise NothingToReport(f"Tidak ada workbook DPA (dengan sheet Anggaran) di "
                                  f"{config.input_dir}; laporan tidak dapat dibuat.")
        year = assemble.fiscal_year(dpa, parsed)
        if year is None:
            raise NothingToReport("Tahun anggaran tidak dapat ditentukan: isi Tahun Anggaran "
                                  f"di sheet Identitas workbook {dpa.path}.")
        issues += identity_issues(dpa)
        inputs, found = assemble.assemble(dpa, parsed, year)
        issues += found
        if not assemble.amounts_in_range(inputs):
            raise NothingToReport("Jumlah seluruh nilai di berkas masukan melebihi batas hitung "
                                  "yang aman; periksa angka yang sangat besar di DPA atau "
                                  "realisasi.")
        names = chart.chart_with(inputs.chart_tables)
    with _timed(timings, "rollup"):
        accounts = lra.account_rollup(inputs)
    today = config.today or dt.date.today()
    # The checks and the reconciliation run in a forked child while this process rolls up
    # the programs and lays out the LRA; waiting for the child counts as "rekonsiliasi".
    with Forked(lambda: checked(inputs, accounts, names, today)) as checking:
        with _timed(timings, "rollup"):
            rows = lra.lra_rows(accounts, lra.account_names(inputs, names))
            program_nodes = programs.program_rollup(inputs)
            program_names = programs.program_names(inputs)
            monthly = programs.monthly_rows(program_nodes, program_names)
        head = Report(inputs.identitas, year, rows, config.created)
        with _timed(timings, "tulis"):
            draft = begin_report(head, config.output_dir)
        try:
            with _timed(timings, "rekonsiliasi"):
                performance, found, budget_rows = read_performance(parsed, inputs, program_nodes,
                                                                   program_names)
                rest = checking.result()
            issues += rest.issues + found
            reconciliation = rest.reconciliation
            reconciliation[-1:-1] = budget_rows  # before the conservation line
            report = dataclasses.replace(
                head, monthly=monthly, reconciliation=reconciliation, issues=issues,
                files=file_summaries(parsed, issues), pagu_murni=pagu_murni_of_belanja(accounts),
                pk=performance, program_names=program_names)
            with _timed(timings, "tulis"):
                path = save_draft(draft, report, dt.datetime.now())
                if cache is not None:
                    cache.flush()
        finally:
            discard_draft(draft)
    return RunResult(path, report, inputs.read_rows, timings)


@dataclass(frozen=True)
class Checked:
    """What the checks on counted lines and the reconciliation find."""

    issues: list[Issue]
    reconciliation: list[reconcile.Reconciliation]


def checked(inputs: assemble.Inputs, accounts: pd.DataFrame, names: dict[str, str],
            today: dt.date) -> Checked:
    issues = chart.unknown_codes(inputs.dpa_lines, names, inputs.letters)
    issues += chart.unknown_codes(inputs.realisasi, names, inputs.letters)
    issues += programs.unknown_sub_kegiatan(inputs)
    issues += row_checks.duplicate_lines(inputs)
    issues += row_checks.implausible_dates(inputs, today)
    reconciliation, found = reconcile.reconcile(inputs, accounts)
    return Checked(issues + found, reconciliation)


def read_performance(parsed: list[ParsedFile], inputs: assemble.Inputs,
                     program_nodes: pd.DataFrame, names: dict[str, str]
                     ) -> tuple[pk.Pk, list[Issue], list[reconcile.Reconciliation]]:
    """The PK's IKU linked to the DPA's programs, and its budget reconciled."""
    found = pk.find_pk(parsed)
    if found is None:
        message = ("Tidak ada workbook PK (sheet Sasaran); tabel III.A.1–III.A.7 kosong.")
        return pk.Pk(), [issue("pk-missing", message)], []
    known = set(program_nodes.index[program_nodes["depth"] == 3])
    if not inputs.programs.empty:
        known |= set(inputs.programs["kode"].dropna())
    performance, issues = pk.read_pk(found, known)
    rows, budget_issues = pk.budget_checks(performance, program_nodes, names)
    return performance, issues + budget_issues, rows


def identity_issues(dpa: ParsedFile) -> list[Issue]:
    missing = [IDENTITAS_FIELDS[name] for name in IDENTITAS_REQUIRED
               if not dpa.identitas.get(name)]
    if not missing:
        return []
    message = f"Sheet Identitas belum berisi: {', '.join(missing)}."
    return [issue("identity-missing", message, dpa.path, "Identitas")]


def file_summaries(parsed: list[ParsedFile], issues: list[Issue]) -> list[FileSummary]:
    summaries = []
    for item in parsed:
        own = [found for found in issues if found.file == item.path]
        summaries.append(FileSummary(
            item.path, ", ".join(item.roles) or "-",
            sum(table.row_count for table in item.tables),
            count(own, Severity.ERROR), count(own, Severity.WARNING)))
    return summaries


def pagu_murni_of_belanja(accounts: pd.DataFrame) -> int:
    return int(accounts.at["5", "total_pagu_murni"]) if "5" in accounts.index else 0
