"""The pipeline in one readable function: read → assemble → roll up → reconcile → write
the workbook → write the LAKIP document.

`run` collects findings from every stage and decides at the end; it raises only
`NothingToReport`, when no report can be written at all (the CLI turns that into one
sentence). Each stage is a function of its own, timed for the closing summary and the
benchmarks; only reading (the input files, the document's template) and writing (the
workbook, the document) touch files.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from pipeline import assemble, chart, lra, pk, programs, reconcile, row_checks
from pipeline.cache import ParseCache
from pipeline.digest import Known
from pipeline.document.template import read_template
from pipeline.document.writer import save_document
from pipeline.executor import Executor
from pipeline.exports import aklap_lra, aside, controls
from pipeline.exports.assemble import from_exports
from pipeline.exports.base import SPJ
from pipeline.findings import Issue, Severity, count, issue
from pipeline.isolation import Limits, LocalPool
from pipeline.layouts import IDENTITAS_FIELDS, IDENTITAS_REQUIRED, describe_roles
from pipeline.reading import read_all
from pipeline.report.model import FileSummary, Report
from pipeline.report.writer import KEEP, save_report
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
    keep: int = KEEP  # earlier copies of the report kept beside it
    document: bool = True  # the LAKIP document (.docx) beside the workbook
    # Digests the caller took already (the command line, to count the files to parse):
    # a file unchanged since is not read again to hash it.
    known_digests: Mapping[Path, Known] = field(default_factory=dict)


@dataclass
class RunResult:
    report_path: Path
    report: Report
    rows_read: int
    timings: dict[str, float] = field(default_factory=dict)
    locked: Path | None = None  # the report's own name, when it was open in another program
    document_path: Path | None = None  # the LAKIP document, unless turned off
    document_locked: Path | None = None  # the document's own name, when it was open in Word


Progress = Callable[[str], None]


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def run(config: RunConfig, progress: Progress = lambda message: None,
        executor: Executor | None = None) -> RunResult:
    """One report from the input folder. Files are parsed by `executor`, or by a local pool
    of workers that lives as long as this run."""
    timings: dict[str, float] = {}
    cache = ParseCache(config.cache_dir) if config.cache_dir is not None else None
    with _timed(timings, "baca"):
        parsed, notes = load(config, progress, executor, cache)
    with _timed(timings, "validasi"):
        inputs, issues = assemble_inputs(config, parsed, notes)
    with _timed(timings, "rollup"):
        rolled = roll_up(inputs)
    with _timed(timings, "rekonsiliasi"):
        checks = check(inputs, rolled, parsed, config.today or dt.date.today())
    template, found = read_template(config.input_dir) if config.document else (None, [])
    report = build_report(config, inputs, rolled, checks, parsed, issues + checks.issues + found)
    with _timed(timings, "tulis"):
        saved = save_report(report, config.output_dir, dt.datetime.now(), config.keep)
        if cache is not None:
            cache.flush()
    document = None
    if config.document:
        with _timed(timings, "dokumen"):
            document = save_document(report, config.output_dir, template, dt.datetime.now(),
                                     config.keep)
    return RunResult(saved.path, report, inputs.read_rows, timings, saved.locked,
                     document.path if document else None, document.locked if document else None)


def load(config: RunConfig, progress: Progress, executor: Executor | None,
         cache: ParseCache | None) -> tuple[list[ParsedFile], list[Issue]]:
    """Every distinct file of the input folder parsed (stage 1), and the notes on the files
    passed over (not workbooks, or identical copies of another)."""
    if not config.input_dir.is_dir():
        raise NothingToReport(f"Folder masukan {config.input_dir} tidak ditemukan.")
    if executor is not None:
        parsed, notes = read_all(config.input_dir, executor, progress, config.output_dir, cache,
                                 config.known_digests)
    else:
        with LocalPool(config.limits, notice=progress) as pool:
            parsed, notes = read_all(config.input_dir, pool, progress, config.output_dir, cache,
                                     config.known_digests)
    parsed, copies = assemble.drop_identical_copies(parsed)
    return parsed, copies + notes


def assemble_inputs(config: RunConfig, parsed: list[ParsedFile], notes: list[Issue]
                    ) -> tuple[assemble.Inputs, list[Issue]]:
    """The DPA found, the year decided, the rows become counted lines, declared subtotals
    or listed rejections (stage 2), with every finding so far."""
    # Downloads become template tables first; a file set aside (another year or OPD) gives
    # one note instead of its own findings. `from_exports` returns only the findings it makes:
    # those of the files it reads stay in each file's `issues`.
    downloads = from_exports(parsed)
    replaced = aside.superseded(downloads.issues)
    issues = notes + [item_issue for item in parsed if item.path not in replaced
                      for item_issue in item.issues] + downloads.issues
    parsed = downloads.files
    dpa, found = assemble.find_dpa(parsed)
    issues += found
    if dpa is None:
        raise NothingToReport(f"Tidak ada workbook DPA (dengan sheet Anggaran) di "
                              f"{config.input_dir}, juga tidak ada Rekap atau DPA cetak dari "
                              "SIPD-RI; laporan tidak dapat dibuat.")
    year = assemble.fiscal_year(dpa, parsed)
    if year is None:
        raise NothingToReport("Tahun anggaran tidak dapat ditentukan: isi Tahun Anggaran "
                              f"di sheet Identitas workbook {dpa.path}.")
    issues += identity_issues(dpa)
    inputs, found = assemble.assemble(dpa, parsed, year)
    inputs = replace(inputs, controls=downloads.controls)
    issues += found
    inputs, found = aklap_lra.prior_year(inputs, parsed)
    issues += found
    if not assemble.amounts_in_range(inputs):
        raise NothingToReport("Jumlah seluruh nilai di berkas masukan melebihi batas hitung "
                              "yang aman; periksa angka yang sangat besar di DPA atau "
                              "realisasi.")
    return inputs, issues


@dataclass(frozen=True)
class RolledUp:
    """The kode rekening and program hierarchies, each node with its own and cumulative
    amounts (stage 3)."""

    names: dict[str, str]  # the chart of accounts: bundled, extended by the inputs
    accounts: pd.DataFrame
    lra: list[lra.LraRow]
    program_nodes: pd.DataFrame
    program_names: dict[str, str]
    monthly: list[programs.MonthlyRow]


def roll_up(inputs: assemble.Inputs) -> RolledUp:
    names = chart.chart_with(inputs.chart_tables)
    accounts = lra.account_rollup(inputs)
    rows = lra.lra_rows(accounts, lra.account_names(inputs, names))
    program_nodes = programs.program_rollup(inputs)
    program_names = programs.program_names(inputs)
    return RolledUp(names, accounts, rows, program_nodes, program_names,
                    programs.monthly_rows(program_nodes, program_names))


@dataclass(frozen=True)
class Checked:
    """What the checks on counted lines, the reconciliation and the PK find (stage 4)."""

    issues: list[Issue]
    reconciliation: list[reconcile.Reconciliation]
    performance: pk.Pk


def check(inputs: assemble.Inputs, rolled: RolledUp, parsed: list[ParsedFile],
          today: dt.date) -> Checked:
    issues = chart.unknown_codes(inputs.dpa_lines, rolled.names, inputs.letters)
    issues += chart.unknown_codes(inputs.realisasi, rolled.names, inputs.letters)
    issues += programs.unknown_sub_kegiatan(inputs)
    issues += row_checks.duplicate_lines(inputs)
    issues += row_checks.implausible_dates(inputs, today)
    reconciliation, found = reconcile.reconcile(inputs, rolled.accounts)
    performance, pk_issues, budget_rows = read_performance(parsed, inputs, rolled.program_nodes,
                                                           rolled.program_names)
    pagu_rows, pagu_issues = controls.snapshot_pagu(inputs.controls, inputs.dpa_lines,
                                                    inputs.year)
    spj_tables = [table for item in inputs.controls for table in item.tables_of(SPJ)]
    spj_rows, spj_issues = controls.spj_control(spj_tables, inputs.realisasi)
    reconciliation[-1:-1] = budget_rows + pagu_rows + spj_rows  # the completeness line last
    return Checked(issues + found + pk_issues + pagu_issues + spj_issues, reconciliation,
                   performance)


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


def build_report(config: RunConfig, inputs: assemble.Inputs, rolled: RolledUp,
                 checks: Checked, parsed: list[ParsedFile], issues: list[Issue]) -> Report:
    """Everything the report shows, whole (stage 5)."""
    return Report(
        identitas=inputs.identitas, year=inputs.year, lra=rolled.lra, created=config.created,
        monthly=rolled.monthly, reconciliation=checks.reconciliation, issues=issues,
        files=file_summaries(parsed, issues), pagu_murni=pagu_murni_of_belanja(rolled.accounts),
        pk=checks.performance, program_names=rolled.program_names)


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
            item.path, describe_roles(item.roles),
            sum(table.row_count for table in item.tables),
            count(own, Severity.ERROR), count(own, Severity.WARNING)))
    return summaries


def pagu_murni_of_belanja(accounts: pd.DataFrame) -> int:
    return int(accounts.at["5", "total_pagu_murni"]) if "5" in accounts.index else 0
