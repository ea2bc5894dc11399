"""The LAKIP Pipeline benchmark: the pipeline end to end against the cost of merely
reading the cells of the same files.

    python bench/run_bench.py [--data DIR] [--regenerate] [--json PATH] [--repeat N]
                              [--skip pandas,incremental]

Each measured thing runs in a fresh child process (`run_bench.py --measure NAME`), so
that peak memory (ru_maxrss) is its own; the child writes its figures as JSON to a file
the parent reads. See bench/README.md for what each figure means and the targets.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # `pipeline` without an install

DEFAULT_DATA = Path("/tmp/lakip-bench")
MEASURES = ("floor", "floor-parallel", "pipeline", "pandas", "incremental")
PANDAS_SAMPLE = 2  # monthly files read by pandas; the other months are extrapolated

TARGETS = {
    "end_to_end_vs_floor": 1.2,  # pipeline seconds / single-process floor seconds
    "peak_memory_mib": 1024,  # largest process of the pipeline run
    "write_share": 0.10,  # tulis / end to end
    "incremental_vs_full": 0.2,  # second (cached, +1 month) run / full run
}


# ---------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------


def workbooks(folder: Path) -> list[Path]:
    """Every .xlsx under the folder, in the pipeline's discovery order (relative path)."""
    return sorted((path for path in folder.rglob("*.xlsx") if path.is_file()
                   and not path.name.startswith(("~", "."))),
                  key=lambda path: path.relative_to(folder).as_posix())


def monthly_files(folder: Path) -> list[Path]:
    """The twelve monthly realisasi files (realisasi_YYYY_MM.xlsx), in month order."""
    return [path for path in workbooks(folder)
            if path.stem.startswith("realisasi_") and path.stem.count("_") == 2]


def peak_rss() -> dict[str, int]:
    """ru_maxrss of this process and of its largest waited-for child, KiB (Linux)."""
    return {"self_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "children_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}


# ---------------------------------------------------------------------------------------
# Measurements (each runs in its own child process)
# ---------------------------------------------------------------------------------------


def read_every_cell(path: str) -> int:
    """The floor for one file: open it with calamine and `to_python()` every sheet."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(path)
    try:
        cells = 0
        for name in workbook.sheet_names:
            rows = workbook.get_sheet_by_name(name).to_python()
            cells += sum(len(row) for row in rows)
        return cells
    finally:
        workbook.close()


def measure_floor(data: Path) -> dict[str, Any]:
    files = workbooks(data)
    start = time.perf_counter()
    cells = sum(read_every_cell(str(path)) for path in files)
    return {"seconds": time.perf_counter() - start, "files": len(files), "cells": cells,
            "processes": 1, **peak_rss()}


WORKERS_VARIABLE = "LAKIP_BENCH_WORKERS"


def pipeline_workers() -> int:
    """The pipeline's default number of parse workers, asked of a separate interpreter:
    importing the pipeline here would add its ~60 MiB to the floor's processes."""
    command = [sys.executable, "-c", "from pipeline.isolation import Limits; "
               "print(Limits().workers)"]
    output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return max(int(output.stdout.strip()), 1)


def measure_floor_parallel(data: Path) -> dict[str, Any]:
    """The same floor over as many processes as the pipeline's parse workers, files handed
    out in the same order, one at a time (only the cell count travels back)."""
    import multiprocessing

    # Asked by the parent (a helper interpreter here would count in RUSAGE_CHILDREN).
    workers = int(os.environ.get(WORKERS_VARIABLE) or pipeline_workers())
    files = [str(path) for path in workbooks(data)]
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    start = time.perf_counter()
    with context.Pool(workers) as pool:
        cells = sum(pool.imap_unordered(read_every_cell, files, chunksize=1))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "files": len(files), "cells": cells, "processes": workers,
            **peak_rss()}


def measure_pipeline(data: Path) -> dict[str, Any]:
    from pipeline.run import RunConfig, run

    with tempfile.TemporaryDirectory(prefix="lakip-bench-out-") as out:
        config = RunConfig(data, Path(out), **cache_kwargs(enabled=False,
                                                           cache_dir=Path(out) / "cache"))
        start = time.perf_counter()
        result = run(config)
        seconds = time.perf_counter() - start
        report_bytes = result.report_path.stat().st_size
    return {"seconds": seconds, "timings": dict(result.timings), "rows_read": result.rows_read,
            "issues": _issue_counts(result.report.issues), "report_bytes": report_bytes,
            "workers": config.limits.workers, "cache": cache_kwargs(False, Path("cache")) or None,
            **peak_rss()}


def measure_pandas(data: Path) -> dict[str, Any]:
    """What an analyst writes by hand: read_excel(sheet_name=None, engine="openpyxl") over
    every file; only PANDAS_SAMPLE monthly files are read, the rest extrapolated linearly."""
    import pandas as pd

    months = monthly_files(data)
    sample = months[:PANDAS_SAMPLE]
    others = [path for path in workbooks(data) if path not in months]
    per_file: dict[str, float] = {}
    for path in others + sample:
        start = time.perf_counter()
        pd.read_excel(path, sheet_name=None, engine="openpyxl")
        per_file[path.relative_to(data).as_posix()] = time.perf_counter() - start
    other_seconds = sum(per_file[p.relative_to(data).as_posix()] for p in others)
    sample_seconds = sum(per_file[p.relative_to(data).as_posix()] for p in sample)
    measured = other_seconds + sample_seconds
    estimate = other_seconds + sample_seconds / max(len(sample), 1) * len(months)
    return {"seconds": estimate, "measured_seconds": measured, "per_file": per_file,
            "monthly_sampled": len(sample), "monthly_total": len(months),
            "extrapolated": len(sample) < len(months), **peak_rss()}


# ---- Cache option of RunConfig: ADJUST HERE when the pipeline's cache lands ----------
#
# The incremental measurement needs RunConfig to switch a cache on and off. Until the
# option exists the benchmark prints "incremental: not available". The names below are
# the ones looked for; `cache_kwargs` builds the keyword arguments for RunConfig: a
# folder for a Path-like option (None when off), True/False for a boolean one.

CACHE_OPTION_NAMES = ("cache", "use_cache", "cache_dir", "cache_path", "incremental")


def cache_option() -> tuple[str, str] | None:
    """(field name, its annotation) of RunConfig's cache option, or None."""
    from pipeline.run import RunConfig

    fields = {field.name: str(field.type) for field in dataclasses.fields(RunConfig)}
    for name in CACHE_OPTION_NAMES:
        if name in fields:
            return name, fields[name]
    return None


def cache_kwargs(enabled: bool, cache_dir: Path) -> dict[str, Any]:
    """RunConfig keyword arguments that turn the cache on (in `cache_dir`) or off."""
    option = cache_option()
    if option is None:
        return {}
    name, annotation = option
    if "Path" in annotation or "str" in annotation or name.endswith(("_dir", "_path")):
        return {name: cache_dir if enabled else None}
    return {name: enabled}


def cache_unavailable_reason() -> str | None:
    """Why the incremental measurement cannot run, or None when it can."""
    if cache_option() is not None:
        return None
    if (ROOT / "pipeline" / "cache.py").exists():
        return ("pipeline/cache.py exists but RunConfig has none of the options "
                f"{', '.join(CACHE_OPTION_NAMES)}; adjust cache_kwargs in bench/run_bench.py")
    return "the pipeline has no cache yet (no cache option on RunConfig, no pipeline/cache.py)"


def measure_incremental(data: Path) -> dict[str, Any]:
    """A full run with the cache on over every file but the last month (cold cache), then
    the last month added and the same folder run again (warm cache): the second run is
    what an officer waits for when the new month arrives."""
    from pipeline.run import RunConfig, run

    reason = cache_unavailable_reason()
    if reason is not None:
        return {"available": False, "reason": reason}
    months = monthly_files(data)
    last = months[-1]
    with tempfile.TemporaryDirectory(prefix="lakip-bench-incr-") as scratch:
        inputs, out, cache = (Path(scratch) / name for name in ("input", "output", "cache"))
        for path in workbooks(data):
            if path != last:
                _link(path, inputs / path.relative_to(data))
        config = RunConfig(inputs, out, **cache_kwargs(enabled=True, cache_dir=cache))
        start = time.perf_counter()
        first = run(config)
        cold = time.perf_counter() - start
        after_cold = Path(scratch) / "cache-after-cold"
        if cache.is_dir():
            shutil.copytree(cache, after_cold)
        _link(last, inputs / last.relative_to(data))
        start = time.perf_counter()
        second = run(config)
        warm = time.perf_counter() - start
        rss = peak_rss()
        if after_cold.is_dir():  # the same warm run again, in a new process
            shutil.rmtree(cache)
            shutil.copytree(after_cold, cache)
        fresh = fresh_process_run(inputs, out, cache)
    return {"available": True, "option": cache_kwargs(True, Path("cache")),
            "cold_seconds": cold, "cold_timings": dict(first.timings),
            "cold_rows_read": first.rows_read, "seconds": warm,
            "timings": dict(second.timings), "rows_read": second.rows_read,
            "fresh_process": fresh,
            "added_file": last.relative_to(data).as_posix(), **rss}


# The warm run as `python run.py` by hand makes it: a new interpreter, new parse workers.
FRESH_RUN = """
import json, sys, time
start = time.perf_counter()
from pathlib import Path
from pipeline.run import RunConfig, run
imported = time.perf_counter()
inputs, out, options = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
result = run(RunConfig(inputs, out, **{name: Path(value) for name, value in options.items()}))
print(json.dumps({"run_seconds": time.perf_counter() - imported,
                  "import_seconds": imported - start, "timings": result.timings}))
"""


def fresh_process_run(inputs: Path, out: Path, cache: Path) -> dict[str, Any]:
    """The warm run in a new process: run() alone, the imports, and the whole process."""
    options = {name: str(value) for name, value in cache_kwargs(True, cache).items()}
    start = time.perf_counter()
    completed = subprocess.run([sys.executable, "-c", FRESH_RUN, str(inputs), str(out),
                                json.dumps(options)], cwd=ROOT, check=True,
                               capture_output=True, text=True)
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    result["process_seconds"] = time.perf_counter() - start
    return result


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _issue_counts(issues: list[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for found in issues:
        key = f"{getattr(found.severity, 'name', found.severity)}:{found.code}".lower()
        counts[key] = counts.get(key, 0) + 1
    return counts


MEASURE_FUNCTIONS = {"floor": measure_floor, "floor-parallel": measure_floor_parallel,
                     "pipeline": measure_pipeline, "pandas": measure_pandas,
                     "incremental": measure_incremental}


# ---------------------------------------------------------------------------------------
# The parent: run the children, print and save the figures
# ---------------------------------------------------------------------------------------


def system_busy_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (Linux /proc/stat)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    ticks = [int(value) for value in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def wait_for_quiet(limit: float, echo) -> float:
    """Wait (at most `limit` seconds) until the other processes of the machine leave the
    CPU nearly idle for 3 seconds; returns the seconds waited."""
    start = time.perf_counter()
    said = False
    while time.perf_counter() - start < limit:
        before = system_busy_seconds()
        if before is None:
            break
        time.sleep(3)
        after = system_busy_seconds()
        if after is not None and after - before < 0.15:
            break
        if not said:
            echo(f"    waiting for a quiet machine (other processes busy, up to {limit:.0f} s) …")
            said = True
    return time.perf_counter() - start


def run_child(name: str, data: Path) -> dict[str, Any]:
    """`run_bench.py --measure NAME` in a fresh interpreter; its JSON result."""
    with tempfile.NamedTemporaryFile(prefix=f"lakip-bench-{name}-", suffix=".json",
                                     delete=False) as handle:
        result_path = Path(handle.name)
    try:
        command = [sys.executable, str(Path(__file__).resolve()), "--measure", name,
                   "--data", str(data), "--result", str(result_path)]
        code = code_state()
        busy = system_busy_seconds()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        completed = subprocess.run(command, cwd=ROOT, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if completed.returncode != 0:
            raise SystemExit(f"measurement {name} failed (exit {completed.returncode})")
        result = json.loads(result_path.read_text())
        result["child_wall_seconds"] = wall
        result["code"] = code  # as the child started: others may edit the pipeline
        # CPU of the child and every process it waited for (parse workers included), the
        # interpreter start-up too; less sensitive than wall time to other load.
        result["child_cpu_seconds"] = (after.ru_utime - before.ru_utime
                                       + after.ru_stime - before.ru_stime)
        # CPU that other processes of the machine used meanwhile: they disturb the figure.
        busy_after = system_busy_seconds()
        if busy is not None and busy_after is not None:
            result["other_cpu_seconds"] = max(busy_after - busy - result["child_cpu_seconds"],
                                              0.0)
        return result
    finally:
        result_path.unlink(missing_ok=True)


def measure(name: str, data: Path, repeat: int, echo, quiet_wait: float = 0.0
            ) -> dict[str, Any]:
    """The fastest of `repeat` fresh runs (all runs kept under `runs`)."""
    runs = []
    for index in range(repeat):
        echo(f"  {name}" + (f" ({index + 1}/{repeat})" if repeat > 1 else "") + " …")
        waited = wait_for_quiet(quiet_wait, echo) if quiet_wait > 0 else 0.0
        runs.append(run_child(name, data))
        runs[-1]["waited_for_quiet_seconds"] = waited
        if "seconds" in runs[-1]:
            echo(f"    {runs[-1]['seconds']:.2f} s")
        elif not runs[-1].get("available", True):
            echo(f"    not available: {runs[-1]['reason']}")
            break
    timed = [item for item in runs if "seconds" in item]
    best = dict(min(timed, key=lambda item: item["seconds"])) if timed else dict(runs[-1])
    if len(runs) > 1:
        best["runs"] = runs
    return best


def code_state() -> dict[str, Any]:
    """The commit measured and the files of the working tree that differ from it (others
    edit the pipeline concurrently: the figures belong to this state of the code)."""
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                                  check=False).stdout.rstrip()
        except OSError:
            return ""
    changed = [line[3:] for line in git("status", "--porcelain", "--", "pipeline",
                                        "schemas").splitlines()]
    return {"commit": git("rev-parse", "--short", "HEAD").strip(), "uncommitted": changed}


def data_summary(data: Path) -> dict[str, Any]:
    files = workbooks(data)
    return {"folder": str(data), "files": len(files),
            "bytes": sum(path.stat().st_size for path in files),
            "monthly_files": len(monthly_files(data))}


def ensure_data(data: Path, regenerate: bool, echo) -> float | None:
    """Generate the data when asked or when the folder holds no monthly files; returns the
    generation time, or None when existing data was used."""
    present = data.is_dir() and len(monthly_files(data)) >= 2
    if present and not regenerate:
        return None
    echo(f"generating the benchmark data into {data} …")
    start = time.perf_counter()
    # In a child process: Linux carries a parent's peak RSS over fork and exec into the
    # ru_maxrss of its children, so the generator's memory must not be this process's.
    command = [sys.executable, str(ROOT / "bench" / "generate.py"), "--output", str(data)]
    if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
        raise SystemExit("generating the data failed")
    return time.perf_counter() - start


def figures(results: dict[str, Any]) -> dict[str, Any]:
    """Ratios and shares from the raw measurements."""
    out: dict[str, Any] = {}
    floor = results.get("floor", {}).get("seconds")
    floor_parallel = results.get("floor-parallel", {}).get("seconds")
    pipeline = results.get("pipeline", {})
    total = pipeline.get("seconds")
    if total and floor:
        out["end_to_end_vs_floor"] = total / floor
    if total and floor_parallel:
        out["end_to_end_vs_parallel_floor"] = total / floor_parallel
    if total:
        out["write_share"] = pipeline["timings"].get("tulis", 0.0) / total
        out["stage_shares"] = {stage: seconds / total
                               for stage, seconds in pipeline["timings"].items()}
        out["unstaged_seconds"] = total - sum(pipeline["timings"].values())
        out["peak_memory_mib"] = max(pipeline["self_kib"], pipeline["children_kib"]) / 1024
    pandas = results.get("pandas", {}).get("seconds")
    if pandas and floor:
        out["pandas_vs_floor"] = pandas / floor
    if pandas and total:
        out["pandas_vs_pipeline"] = pandas / total
    incremental = results.get("incremental", {})
    if incremental.get("available") and total:
        out["incremental_vs_full"] = incremental["seconds"] / total
        out["incremental_vs_cold_cached_run"] = (incremental["seconds"]
                                                 / incremental["cold_seconds"])
        if incremental.get("fresh_process"):
            out["incremental_new_process_vs_full"] = (
                incremental["fresh_process"]["run_seconds"] / total)
        # Stage by stage: what the cache saves (baca) and what every run pays again.
        out["incremental_stages_vs_full"] = {
            stage: incremental["timings"].get(stage, 0.0) / seconds
            for stage, seconds in pipeline["timings"].items() if seconds}
    out["targets"] = {
        name: {"target": target, "value": out.get(name),
               "met": None if out.get(name) is None else out[name] <= target}
        for name, target in TARGETS.items()
    }
    return out


def _mib(kib: int) -> str:
    return f"{kib / 1024:.0f}"


LABEL = 48  # width of the first column of the table
BUSY_SHARE = 0.10  # other processes' CPU / wall time above which a figure is marked


def table(summary: dict[str, Any], results: dict[str, Any], derived: dict[str, Any]) -> str:
    lines = []
    machine = summary["machine"]
    data = summary["data"]
    lines.append(f"LAKIP Pipeline benchmark — {machine['cores']} cores "
                 f"({machine['usable_cores']} usable), Python {machine['python']}, "
                 f"{machine['platform']}")
    lines.append(f"data: {data['folder']}: {data['files']} workbooks, "
                 f"{data['bytes'] / 1e6:.1f} MB, {data['monthly_files']} monthly files")
    code = summary["code"]
    lines.append(f"code: commit {code['commit']}"
                 + (f" + uncommitted changes in {', '.join(code['uncommitted'])}"
                    if code["uncommitted"] else ""))
    kept = {json.dumps(item["code"], sort_keys=True) for name, item in results.items()
            if "code" in item and name in ("pipeline", "incremental")}
    if len(kept) > 1 or summary.get("code_at_start") not in (None, code):
        lines.append(f"  ! the code changed during the benchmark (at the start: commit "
                     f"{summary['code_at_start']['commit']}, uncommitted "
                     f"{len(summary['code_at_start']['uncommitted'])} files; the kept "
                     f"measurements ran on {len(kept)} state(s)): the figures may mix versions, "
                     "each run's state is in the JSON; rerun")
    lines.append("")
    lines.append(f"{'measure':<{LABEL}}{'wall s':>8}{'× floor':>9}{'cpu s':>8}"
                 f"   peak RSS MiB (self / largest child)")
    floor = results.get("floor")
    busy = []

    def row(label: str, item: dict[str, Any] | None, seconds: float | None = None,
            own: bool = True) -> None:
        """One measured thing; `own`: the child measured only this (CPU and memory)."""
        if item is None:
            return
        value = item.get("seconds") if seconds is None else seconds
        ratio = f"{value / floor['seconds']:9.2f}" if floor and value is not None else " " * 9
        shown = f"{value:8.2f}" if value is not None else f"{'-':>8}"
        cpu = f"{item['child_cpu_seconds']:8.1f}" if own and "child_cpu_seconds" in item else (
            f"{'':>8}")
        rss = (f"   {_mib(item['self_kib']):>5} / {_mib(item['children_kib'])}"
               if own and "self_kib" in item else "")
        other = item.get("other_cpu_seconds")
        mark = ""
        if other is not None and other > BUSY_SHARE * item["child_wall_seconds"]:
            note = f"{other:.1f} s during {label.split(' (')[0].split(',')[0]}"
            if note not in busy:
                busy.append(note)
            mark = " !"
        lines.append(f"{label + mark:<{LABEL}}{shown}{ratio}{cpu}{rss}")

    if floor:
        row("floor: calamine, every cell, 1 process", floor)
        lines.append(f"    {floor['cells']:,} cells in {floor['files']} files")
    parallel = results.get("floor-parallel")
    if parallel:
        row(f"floor: the same over {parallel['processes']} processes", parallel)
    pipeline = results.get("pipeline")
    if pipeline:
        row("pipeline end to end (run(), cache off)", pipeline)
        for stage, seconds in pipeline["timings"].items():
            share = derived["stage_shares"][stage]
            lines.append(f"{'  ' + stage:<{LABEL}}{seconds:8.2f}{'':>9}   {share:6.1%} of total")
        lines.append(f"{'  (outside the stages)':<{LABEL}}{derived['unstaged_seconds']:8.2f}")
        lines.append(f"    rows read {pipeline['rows_read']:,}; findings "
                     f"{sum(pipeline['issues'].values())}"
                     + (f" {pipeline['issues']}" if pipeline["issues"] else "")
                     + f"; report {pipeline['report_bytes'] / 1e6:.1f} MB; "
                     f"{pipeline['workers']} parse workers")
    pandas = results.get("pandas")
    if pandas:
        label = "pandas read_excel (openpyxl), every file"
        row(label + (" *" if pandas["extrapolated"] else ""), pandas)
        if pandas["extrapolated"]:
            lines.append(f"    * extrapolated linearly: {pandas['monthly_sampled']} of "
                         f"{pandas['monthly_total']} monthly files read "
                         f"({pandas['measured_seconds']:.2f} s measured, cpu and memory of "
                         "that part only);")
            lines.append(f"      the other {pandas['monthly_total'] - pandas['monthly_sampled']}"
                         " counted at the sampled files' mean")
    incremental = results.get("incremental")
    if incremental is not None:
        if incremental.get("available"):
            row("incremental: 1st run, cache cold, 11 months", incremental,
                seconds=incremental["cold_seconds"], own=False)
            row("incremental: 2nd run, + last month, cache warm", incremental, own=False)
            lines.append("    2nd run's stages: " + ", ".join(
                f"{stage} {seconds:.2f}" for stage, seconds in incremental["timings"].items()))
            fresh = incremental.get("fresh_process")
            if fresh:
                row("  the same 2nd run in a new process, run()", incremental,
                    seconds=fresh["run_seconds"], own=False)
                lines.append("    its stages: " + ", ".join(
                    f"{stage} {seconds:.2f}" for stage, seconds in fresh["timings"].items()))
                lines.append(f"    that process in all: {fresh['process_seconds']:.2f} s, of "
                             f"which imports {fresh['import_seconds']:.2f} s (`python run.py` "
                             "by hand; `watch` keeps one process and its parse workers)")
            lines.append(f"    added {incremental['added_file']}; option "
                         f"{incremental['option']}; peak RSS of both runs "
                         f"{_mib(incremental['self_kib'])} / {_mib(incremental['children_kib'])}"
                         " MiB")
        else:
            lines.append(f"incremental: not available ({incremental.get('reason', '')})")
    if busy:
        lines.append("  ! other processes used the CPU meanwhile (" + "; ".join(busy)
                     + "): the figure is inflated; rerun on a quiet machine or use --repeat")
    lines.append("")

    def figure(label: str, text: str) -> None:
        lines.append(f"{label:<{LABEL}}{text}")

    if "end_to_end_vs_floor" in derived:
        figure("end to end / floor (1 process)", f"{derived['end_to_end_vs_floor']:.2f}")
    if "end_to_end_vs_parallel_floor" in derived and parallel:
        figure(f"end to end / floor ({parallel['processes']} processes)",
               f"{derived['end_to_end_vs_parallel_floor']:.2f}")
    if "write_share" in derived:
        figure("writing (tulis) share of the total", f"{derived['write_share']:.1%}")
    if "peak_memory_mib" in derived and pipeline:
        figure("peak memory, largest process of the run",
               f"{derived['peak_memory_mib']:.0f} MiB (parent "
               f"{pipeline['self_kib'] / 1024:.0f}, largest parse worker "
               f"{pipeline['children_kib'] / 1024:.0f})")
    if "pandas_vs_pipeline" in derived:
        figure("pandas by hand / pipeline", f"{derived['pandas_vs_pipeline']:.2f}")
    if "incremental_vs_full" in derived:
        figure("incremental / full run", f"{derived['incremental_vs_full']:.2f}  (/ its own cold "
               f"run {derived['incremental_vs_cold_cached_run']:.2f})")
        if "incremental_new_process_vs_full" in derived:
            figure("  the same in a new process / full run",
                   f"{derived['incremental_new_process_vs_full']:.2f}")
        stages = derived["incremental_stages_vs_full"]
        figure("  stage by stage, 2nd run / full run", ", ".join(
            f"{stage} {ratio:.2f}" for stage, ratio in stages.items()))
    lines.append("")
    lines.append("targets")
    labels = {"end_to_end_vs_floor": "end to end ≤ 1.2 × floor",
              "peak_memory_mib": "peak memory ≤ 1 GiB",
              "write_share": "writing ≤ 10 % of the total",
              "incremental_vs_full": "incremental ≤ 0.2 × full"}
    for name, target in derived["targets"].items():
        value = target["value"]
        if value is None:
            state, shown = "n/a", "-"
        else:
            state = "met" if target["met"] else "MISSED"
            shown = f"{value:.0f} MiB" if name == "peak_memory_mib" else (
                f"{value:.1%}" if name == "write_share" else f"{value:.2f}")
        lines.append(f"  {labels[name]:<32}{shown:>10}   {state}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"folder of the benchmark workbooks (default {DEFAULT_DATA})")
    parser.add_argument("--regenerate", action="store_true",
                        help="(re)generate the data first (also done when it is missing)")
    parser.add_argument("--json", type=Path, help="write the figures as JSON to this path")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per measurement, the fastest kept (default 1)")
    parser.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS",
                        help="before each measurement, wait up to this long for the other "
                             "processes of the machine to go idle (shared machines)")
    parser.add_argument("--skip", default="", help=f"comma-separated, of {', '.join(MEASURES)}")
    parser.add_argument("--measure", choices=MEASURES, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.measure:  # a child: one measurement, JSON to --result
        result = MEASURE_FUNCTIONS[args.measure](args.data.resolve())
        text = json.dumps(result, indent=2, default=str)
        if args.result:
            args.result.write_text(text)
        else:
            print(text)
        return 0

    def echo(line: str) -> None:
        print(line, flush=True)

    start = time.perf_counter()
    code_before = code_state()
    data = args.data.resolve()
    generation = ensure_data(data, args.regenerate, echo)
    skip = {name.strip() for name in args.skip.split(",") if name.strip()}
    unknown = skip - set(MEASURES)
    if unknown:
        parser.error(f"unknown --skip {', '.join(sorted(unknown))}")
    os.environ[WORKERS_VARIABLE] = str(pipeline_workers())
    echo("measuring (each in a fresh process) …")
    results = {name: measure(name, data, max(args.repeat, 1), echo, args.wait_quiet)
               for name in MEASURES if name not in skip}
    derived = figures(results)
    summary = {
        "machine": {"cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0))
                    if hasattr(os, "sched_getaffinity") else os.cpu_count(),
                    "python": platform.python_version(), "platform": platform.platform()},
        "data": data_summary(data),
        "code": code_state(),
        "code_at_start": code_before,
        "generation_seconds": generation,
        "results": results,
        "figures": derived,
    }
    echo("")
    echo(table(summary, results, derived))
    summary["benchmark_seconds"] = time.perf_counter() - start
    echo(f"\nbenchmark took {summary['benchmark_seconds']:.1f} s"
         + (f" (of which generation {generation:.1f} s)" if generation else ""))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(summary, indent=2, default=str))
        echo(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
