"""A whole pemda: every OPD's report, then the consolidated workbook.

An input folder whose subfolders each hold one OPD's inputs (one DPA each, at least two
such subfolders) is a pemda folder. Each OPD is run exactly as a run on its subfolder
alone (`run.run`, into `KELUARAN/<subfolder>/`), with the same executor, so that its files
are parsed on the local pool or the cluster like any other. Only a small summary of each
OPD stays in memory; the consolidation (`consolidate`) is computed from those summaries
and written to `KELUARAN/Konsolidasi_<tahun>_<pemda>.xlsx`.

The OPD key is its subfolder, never its program codes: every OPD has its own `X.XX.01`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.cache import FOLDER_NAME
from pipeline.cluster import ClusterExecutor
from pipeline.consolidate import (
    Consolidated,
    OpdIssue,
    OpdSummary,
    common_year,
    consolidate,
    summed_accounts,
)
from pipeline.digest import digest_or_blank
from pipeline.discover import discover
from pipeline.executor import Executor, ParseJob, parse_many
from pipeline.findings import issue
from pipeline.layouts import LRA
from pipeline.pemda_folders import PemdaLayout
from pipeline.reconcile import external_lra
from pipeline.report.consolidated import write_consolidated
from pipeline.report.saving import Saved, save_atomically
from pipeline.report.writer import slug
from pipeline.run import NothingToReport, RunConfig, RunResult, run

Progress = Callable[[str], None]


@dataclass(frozen=True)
class PemdaResult:
    path: Path
    consolidated: Consolidated
    locked: Path | None = None


def run_pemda(config: RunConfig, layout: PemdaLayout, executor: Executor,
              progress: Progress = lambda message: None) -> PemdaResult:
    """Every OPD's report, then the consolidated workbook."""
    findings = [OpdIssue(folder.name, issue(
        "pemda-opd-without-dpa", f"Folder {folder.name} tidak berisi workbook DPA; laporannya "
        "tidak dibuat dan angkanya tidak ikut konsolidasi.", folder.name))
        for folder in layout.without_dpa]
    summaries: list[OpdSummary] = []
    for number, outcome in enumerate(opd_runs(config, layout, executor, progress), start=1):
        if isinstance(outcome, str):
            key = outcome.split(":", 1)[0]
            findings.append(OpdIssue(key, issue(
                "pemda-opd-without-dpa", f"Laporan {outcome}", key)))
        else:
            summaries.append(outcome)
            progress(f"[{number}/{len(layout.opds)}] perangkat daerah {outcome.key}: "
                     f"{outcome.errors} kesalahan, {outcome.warnings} peringatan")
    summaries.sort(key=lambda summary: summary.key)
    if not summaries:
        raise NothingToReport(f"Tidak ada laporan perangkat daerah yang dapat dibuat di "
                              f"{config.input_dir}.")
    pemda = Counter(summary.pemda for summary in summaries).most_common(1)[0][0]
    kept = [summary for summary in summaries if summary.pemda == pemda]
    findings += [OpdIssue(summary.key, issue(
        "pemda-other-pemda", f"{summary.key} adalah perangkat daerah {summary.pemda}, bukan "
        f"{pemda}; angkanya tidak ikut konsolidasi.", summary.report))
        for summary in summaries if summary.pemda != pemda]
    year = common_year(kept)
    consolidated = consolidate(kept, pemda, year, findings)
    consolidated = _with_external_lra(consolidated, layout, executor, config)
    target = config.output_dir / consolidated_name(pemda, year)
    saved: Saved = save_atomically(target, lambda path: write_consolidated(
        consolidated, path, config.created), dt.datetime.now(), config.keep)
    return PemdaResult(saved.path, consolidated, saved.locked)


def opd_runs(config: RunConfig, layout: PemdaLayout, executor: Executor, progress: Progress
             ) -> Iterator[OpdSummary | str]:
    """Each OPD's run: its summary, or the sentence saying why it has no report. On a
    cluster whose workers see the folders, each OPD is a task of its own; otherwise the
    OPDs run here one after another, their files parsed by the executor."""
    configs = [opd_config(config, folder) for folder in layout.opds]
    if isinstance(executor, ClusterExecutor) and not executor.send_bytes:
        yield from executor.run_opds(configs)
        return
    for opd in configs:
        try:
            result = run(opd, progress, executor)
        except NothingToReport as nothing:
            yield f"{opd.input_dir.name}: {nothing}"
            continue
        yield summary_of(opd.input_dir, result, config.output_dir)


def opd_config(config: RunConfig, folder: Path) -> RunConfig:
    """The run of one OPD, as a run on its subfolder alone into `KELUARAN/<subfolder>`."""
    output = config.output_dir / folder.name
    cache = output / FOLDER_NAME if config.cache_dir is not None else None
    return dataclasses.replace(config, input_dir=folder, output_dir=output, cache_dir=cache)


def summary_of(folder: Path, result: RunResult, output: Path) -> OpdSummary:
    """What the consolidation keeps of an OPD's run (its rows are let go)."""
    report = result.report
    belanja = report.belanja()
    found = discover(folder, result.report_path.parent).workbooks
    digests = {path.relative_to(folder).as_posix(): digest_or_blank(path) for path in found}
    return OpdSummary(
        key=folder.name, opd=report.opd or folder.name, pemda=report.pemda, year=report.year,
        report=result.report_path.relative_to(output).as_posix(), pagu_murni=report.pagu_murni,
        pagu=belanja.anggaran if belanja else 0, realisasi=belanja.realisasi if belanja else 0,
        lra=report.lra, issues=list(report.issues), digests=digests,
        last_month=report.last_month or 0)


def _with_external_lra(consolidated: Consolidated, layout: PemdaLayout, executor: Executor,
                       config: RunConfig) -> Consolidated:
    """The pemda LRA reconciled with a pemda-wide LRA at the folder's root, line by line."""
    jobs = [ParseJob(path, path.name, digest_or_blank(path)) for path in layout.root_files]
    parsed = list(parse_many(jobs, executor)) if jobs else []
    tables = [table for item in parsed for table in item.tables_of(LRA.kind)]
    if not tables:
        return consolidated
    accounts = summed_accounts(consolidated.opds)
    rows, found = [], []
    for table in tables:
        table_rows, table_issues = external_lra(table, accounts, consolidated.year)
        rows += table_rows
        found += [OpdIssue("", item) for item in table_issues]
    found += [OpdIssue("", item) for parsed_file in parsed for item in parsed_file.issues]
    return dataclasses.replace(consolidated,
                               reconciliation=[*consolidated.reconciliation, *rows],
                               issues=[*consolidated.issues, *found])


def consolidated_name(pemda: str, year: int) -> str:
    """`Konsolidasi_2023_kabupaten-labuhanbatu-utara.xlsx`."""
    return f"Konsolidasi_{year}_{slug(pemda, 'pemda')}.xlsx"
