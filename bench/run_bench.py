"""The LAKIP Pipeline benchmark: `python run.py` as a user runs it, against the cost of
merely reading the cells of the same files.

    python bench/run_bench.py [--data DIR] [--code DIR] [--shape first|second]
                              [--regenerate] [--json PATH] [--repeat N]
                              [--wait-quiet SECONDS] [--skip pandas,no-cache]

The pipeline is driven only through its command line, `python run.py --input …
--output …`, run in a new process with the code tree `--code` as working directory, so
the same benchmark measures old code (a git worktree) and new. Each measurement runs in
a fresh child process (`run_bench.py --measure NAME`), which writes its figures as JSON
to a file the parent reads. See bench/README.md for what each figure means and the
targets.
"""

from __future__ import annotations

import argparse
import importlib.util
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

ROOT = Path(__file__).resolve().parent.parent  # the repository (default code tree)

DEFAULT_DATA = Path("/tmp/lakip-bench")
MEASURES = ("floor", "floor-parallel", "cold", "new-month", "no-cache", "pandas")
PANDAS_SAMPLE = 2  # monthly files read by pandas; the other months are extrapolated
CACHE_FOLDER = ".lakip-cache"  # where `python run.py` keeps its cache, inside --output
CODE_VARIABLE = "LAKIP_BENCH_CODE"  # the code tree, handed to the measuring children
WORKERS_VARIABLE = "LAKIP_BENCH_WORKERS"  # the pipeline's parse workers, likewise

# figure → (limit, comparison, label). The three headline figures of issue 15.
TARGETS: dict[str, tuple[float, str, str]] = {
    "cold_vs_floor": (1.3, "<=", "cold python run.py ≤ 1.3 × floor"),
    "new_month_vs_full": (0.3, "<=", "new month, new process ≤ 0.3 × full run"),
    "peak_memory_mib": (1024, "<", "peak memory < 1 GiB"),
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
    """ru_maxrss of this process and of its largest waited-for descendant, KiB (Linux)."""
    return {"self_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "children_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}


def code_dir() -> Path:
    """The code tree measured (set by the parent for its children)."""
    return Path(os.environ.get(CODE_VARIABLE) or ROOT)


# ---------------------------------------------------------------------------------------
# The floor (each measurement runs in its own child process)
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
    """python-calamine reading every cell of every workbook, one after another."""
    files = workbooks(data)
    start = time.perf_counter()
    cells = sum(read_every_cell(str(path)) for path in files)
    return {"seconds": time.perf_counter() - start, "files": len(files), "cells": cells,
            "processes": 1, **peak_rss()}


def pipeline_workers(code: Path) -> tuple[int, str]:
    """The pipeline's default number of parse workers and where the figure comes from,
    asked of a separate interpreter in the code tree (importing the pipeline here would
    add its memory to the floor's processes). A code tree without `Limits` gets the
    core count."""
    command = [sys.executable, "-c", "from pipeline.isolation import Limits; "
               "print(Limits().workers)"]
    output = subprocess.run(command, cwd=code, capture_output=True, text=True, check=False)
    try:
        return max(int(output.stdout.strip()), 1), "pipeline.isolation.Limits().workers"
    except ValueError:
        return max(os.cpu_count() or 1, 1), "os.cpu_count() (no Limits in the code tree)"


def measure_floor_parallel(data: Path) -> dict[str, Any]:
    """The same floor over as many processes as the pipeline's parse workers, files handed
    out in the same order, one at a time (only the cell count travels back)."""
    import multiprocessing

    # Asked by the parent (a helper interpreter here would count in RUSAGE_CHILDREN).
    workers = int(os.environ.get(WORKERS_VARIABLE) or pipeline_workers(code_dir())[0])
    files = [str(path) for path in workbooks(data)]
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    start = time.perf_counter()
    with context.Pool(workers) as pool:
        cells = sum(pool.imap_unordered(read_every_cell, files, chunksize=1))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "files": len(files), "cells": cells, "processes": workers,
            **peak_rss()}


# ---------------------------------------------------------------------------------------
# `python run.py` in a new process
# ---------------------------------------------------------------------------------------

# Runs `run.py` in this very interpreter, as `python run.py ARGS` would (the script's
# folder first on sys.path, `__name__ == "__main__"`), and at exit writes the process's
# own peak RSS and that of its largest waited-for child (the parse workers, the forked
# checker). Registered before anything else, the atexit hook runs last: after the
# pipeline has stopped and reaped its workers. Forked children never run it.
RUN_PY_WRAPPER = r"""
import atexit, json, os, resource, runpy, sys, time
start, pid = time.perf_counter(), os.getpid()
result_path, script, *args = sys.argv[1:]
def report():
    if os.getpid() != pid:
        return
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    pipeline = getattr(sys.modules.get("pipeline"), "__file__", None)
    with open(result_path, "w") as handle:
        json.dump({"self_kib": own, "children_kib": children, "pipeline": pipeline,
                   "inside_seconds": time.perf_counter() - start}, handle)
atexit.register(report)
sys.argv = [script, *args]
sys.path[0] = os.path.dirname(os.path.abspath(script))
runpy.run_path(script, run_name="__main__")
"""

SUMMARY_LINES = {"Berkas dibaca": "files", "Baris realisasi": "rows", "Kesalahan": "errors",
                 "Peringatan": "warnings"}


def run_cli(code: Path, inputs: Path, output: Path, *extra: str) -> dict[str, Any]:
    """`python run.py --input INPUTS --output OUTPUT [EXTRA]` in a new process, cwd = the
    code tree: wall time of the whole process (start-up and imports included), exit
    status, peak RSS of the process and of its largest child, and the printed summary."""
    with tempfile.NamedTemporaryFile(prefix="lakip-bench-rss-", suffix=".json",
                                     delete=False) as handle:
        rss_path = Path(handle.name)
    command = [sys.executable, "-c", RUN_PY_WRAPPER, str(rss_path), str(code / "run.py"),
               "--input", str(inputs), "--output", str(output), *extra]
    try:
        start = time.perf_counter()
        completed = subprocess.run(command, cwd=code, capture_output=True, text=True,
                                   check=False)
        seconds = time.perf_counter() - start
        inside = json.loads(rss_path.read_text() or "{}") if rss_path.exists() else {}
    finally:
        rss_path.unlink(missing_ok=True)
    return {"seconds": seconds, "exit_status": completed.returncode,
            "self_kib": inside.get("self_kib"), "children_kib": inside.get("children_kib"),
            "pipeline_module": inside.get("pipeline"), "summary": _summary(completed.stdout),
            "stderr_tail": completed.stderr.strip().splitlines()[-3:],
            "cache_bytes": _folder_bytes(output / CACHE_FOLDER)}


def _summary(stdout: str) -> dict[str, int]:
    """The counts of the summary `run.py` prints (Berkas dibaca, Kesalahan, …)."""
    found = {}
    for line in stdout.splitlines():
        label, _, value = line.partition(":")
        name = SUMMARY_LINES.get(label.strip())
        if name and value.strip().isdigit():
            found[name] = int(value.strip())
    return found


def _folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) if (
        folder.is_dir()) else 0


def _ran(result: dict[str, Any], what: str) -> dict[str, Any]:
    """The run as it came, or a stop when run.py wrote no report (exit status 2)."""
    if result["exit_status"] not in (0, 1):
        raise SystemExit(f"{what}: python run.py ended with exit status "
                         f"{result['exit_status']}: {' / '.join(result['stderr_tail'])}")
    return result


def measure_cold(data: Path) -> dict[str, Any]:
    """The cold `python run.py` over every file into a fresh output folder, cache on (as
    by default: in OUTPUT/.lakip-cache, empty at the start)."""
    with tempfile.TemporaryDirectory(prefix="lakip-bench-cold-") as scratch:
        return _ran(run_cli(code_dir(), data, Path(scratch) / "output"), "cold run")


def measure_no_cache(data: Path) -> dict[str, Any]:
    """`python run.py --no-cache` over every file: the full run without writing a cache.
    Not available when the code tree's command line has no --no-cache."""
    with tempfile.TemporaryDirectory(prefix="lakip-bench-nocache-") as scratch:
        result = run_cli(code_dir(), data, Path(scratch) / "output", "--no-cache")
    if result["exit_status"] == 2 and "--no-cache" in " ".join(result["stderr_tail"]):
        return {"available": False, "reason": "run.py has no --no-cache option"}
    return _ran(result, "run without cache")


def measure_new_month(data: Path) -> dict[str, Any]:
    """A new month, as an officer meets it: a cold `python run.py` over every file but
    the last month (fresh output folder, cache on), then the last month linked into the
    input folder and `python run.py` again into the same output folder, in a new process.
    The second process is the figure. A third process over the same folder, with nothing
    new, shows the part of it that no parsing can remove: starting Python and the
    pipeline, and everything after reading (the checks, the workbook, the document)."""
    code = code_dir()
    last = monthly_files(data)[-1]
    with tempfile.TemporaryDirectory(prefix="lakip-bench-month-") as scratch:
        inputs, output = Path(scratch) / "input", Path(scratch) / "output"
        for path in workbooks(data):
            if path != last:
                _link(path, inputs / path.relative_to(data))
        first = _ran(run_cli(code, inputs, output), "new month, first run")
        _link(last, inputs / last.relative_to(data))
        second = _ran(run_cli(code, inputs, output), "new month, second run")
        unchanged = _ran(run_cli(code, inputs, output), "nothing new, third run")
    return {"seconds": second["seconds"], "first": first, "second": second,
            "unchanged": unchanged, "added_file": last.relative_to(data).as_posix()}


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


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


MEASURE_FUNCTIONS = {"floor": measure_floor, "floor-parallel": measure_floor_parallel,
                     "cold": measure_cold, "new-month": measure_new_month,
                     "no-cache": measure_no_cache, "pandas": measure_pandas}


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


def run_child(name: str, data: Path, code: Path) -> dict[str, Any]:
    """`run_bench.py --measure NAME` in a fresh interpreter; its JSON result, with the CPU
    it and its descendants used and the CPU the rest of the machine used meanwhile."""
    with tempfile.NamedTemporaryFile(prefix=f"lakip-bench-{name}-", suffix=".json",
                                     delete=False) as handle:
        result_path = Path(handle.name)
    try:
        command = [sys.executable, str(Path(__file__).resolve()), "--measure", name,
                   "--data", str(data), "--code", str(code), "--result", str(result_path)]
        state = code_state(code)
        busy = system_busy_seconds()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        completed = subprocess.run(command, cwd=ROOT, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if completed.returncode != 0:
            raise SystemExit(f"measurement {name} failed (exit {completed.returncode})")
        result = json.loads(result_path.read_text())
        result["measure"] = name
        result["child_wall_seconds"] = wall
        result["code"] = state  # as the child started: others may edit the pipeline
        # CPU of the child and every process it waited for (run.py, its parse workers),
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


def measure(name: str, data: Path, code: Path, repeat: int, echo,
            quiet_wait: float = 0.0) -> dict[str, Any]:
    """The fastest of `repeat` fresh runs (all runs kept under `runs`)."""
    runs = []
    for index in range(repeat):
        echo(f"  {name}" + (f" ({index + 1}/{repeat})" if repeat > 1 else "") + " …")
        waited = wait_for_quiet(quiet_wait, echo) if quiet_wait > 0 else 0.0
        runs.append(run_child(name, data, code))
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


def code_state(code: Path) -> dict[str, Any]:
    """The commit measured and the files of the code tree that differ from it (others
    edit the pipeline concurrently: the figures belong to this state of the code)."""
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=code, capture_output=True, text=True,
                                  check=False).stdout.rstrip()
        except OSError:
            return ""
    changed = [line[3:] for line in git("status", "--porcelain", "--", "pipeline",
                                        "schemas", "run.py").splitlines()]
    return {"tree": str(code), "commit": git("rev-parse", "--short", "HEAD").strip(),
            "uncommitted": changed}


def data_summary(data: Path) -> dict[str, Any]:
    files = workbooks(data)
    return {"folder": str(data), "files": len(files),
            "bytes": sum(path.stat().st_size for path in files),
            "monthly_files": len(monthly_files(data))}


def ensure_data(data: Path, regenerate: bool, shape: str, echo) -> float | None:
    """Generate the data when asked or when the folder holds no monthly files; returns the
    generation time, or None when existing data was used."""
    present = data.is_dir() and len(monthly_files(data)) >= 2
    if present and not regenerate:
        return None
    echo(f"generating the benchmark data ({shape} shape) into {data} …")
    start = time.perf_counter()
    # In a child process: Linux carries a parent's peak RSS over fork and exec into the
    # ru_maxrss of its children, so the generator's memory must not be this process's.
    command = [sys.executable, str(ROOT / "bench" / "generate.py"), "--output", str(data),
               "--shape", shape]
    if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
        raise SystemExit("generating the data failed")
    return time.perf_counter() - start


def _largest_process_kib(*runs: dict[str, Any] | None) -> int | None:
    sizes = [run[key] for run in runs if run for key in ("self_kib", "children_kib")
             if run.get(key) is not None]
    return max(sizes) if sizes else None


def figures(results: dict[str, Any]) -> dict[str, Any]:
    """Ratios from the raw measurements, and the targets met or missed."""
    out: dict[str, Any] = {}
    floor = results.get("floor", {}).get("seconds")
    floor_parallel = results.get("floor-parallel", {}).get("seconds")
    cold = results.get("cold", {}).get("seconds")
    new_month = results.get("new-month", {})
    no_cache = results.get("no-cache", {}).get("seconds")
    pandas = results.get("pandas", {}).get("seconds")
    if floor:
        out["floor_seconds"] = floor
    if cold and floor:
        out["cold_vs_floor"] = cold / floor
    if cold and floor_parallel:
        out["cold_vs_parallel_floor"] = cold / floor_parallel
    if cold and new_month.get("seconds"):
        out["new_month_vs_full"] = new_month["seconds"] / cold
        out["new_month_vs_its_first_run"] = new_month["seconds"] / new_month["first"]["seconds"]
        if new_month.get("unchanged"):
            out["nothing_new_vs_full"] = new_month["unchanged"]["seconds"] / cold
    if no_cache and floor:
        out["no_cache_vs_floor"] = no_cache / floor
    if no_cache and cold:
        out["cache_writing_seconds"] = cold - no_cache
    if pandas and floor:
        out["pandas_vs_floor"] = pandas / floor
    if pandas and cold:
        out["pandas_vs_cold"] = pandas / cold
    largest = _largest_process_kib(results.get("cold"), new_month.get("first"),
                                   new_month.get("second"))
    if largest is not None:
        out["peak_memory_mib"] = largest / 1024
    out["targets"] = {
        name: {"target": limit, "comparison": comparison, "value": out.get(name),
               "met": None if out.get(name) is None else (
                   out[name] <= limit if comparison == "<=" else out[name] < limit)}
        for name, (limit, comparison, _) in TARGETS.items()
    }
    return out


def _mib(kib: int | None) -> str:
    return "-" if kib is None else f"{kib / 1024:.0f}"


LABEL = 50  # width of the first column of the table
BUSY_SHARE = 0.10  # other processes' CPU / wall time above which a figure is marked


# Installed with the test extras only, yet imported by the pipeline's libraries when present:
# pandera loads hypothesis (its data synthesis) in every parse worker, about 0.13 s each.
TEST_ONLY_PACKAGES = ("hypothesis",)


def test_packages() -> list[str]:
    """The test-only packages this Python has: a user's install (`pip install -e .`) has
    none, so a benchmark run with them measures imports no officer pays."""
    return [name for name in TEST_ONLY_PACKAGES if importlib.util.find_spec(name) is not None]


def _header(summary: dict[str, Any]) -> list[str]:
    machine, data, code = summary["machine"], summary["data"], summary["code"]
    lines = [f"LAKIP Pipeline benchmark — {machine['cores']} cores "
             f"({machine['usable_cores']} usable), Python {machine['python']}, "
             f"{machine['platform']}",
             f"data: {data['folder']}: {data['files']} workbooks, "
             f"{data['bytes'] / 1e6:.1f} MB, {data['monthly_files']} monthly files",
             f"code: {code['tree']}, commit {code['commit']}"
             + (f" + uncommitted changes in {', '.join(code['uncommitted'])}"
                if code["uncommitted"] else " (clean)")]
    kept = {json.dumps(item["code"], sort_keys=True) for item in summary["results"].values()
            if "code" in item}
    if len(kept) > 1 or summary.get("code_at_start") != code:
        lines.append("  ! the code changed during the benchmark: the figures may mix "
                     "versions (each run's state is in the JSON); rerun")
    if summary.get("test_packages_installed"):
        lines.append(f"  ! this Python has test-only packages "
                     f"({', '.join(summary['test_packages_installed'])}) that the libraries "
                     "import in every parse worker; measure from a user's install "
                     "(bench/README.md, \"A user's install\")")
    return lines


def _run_notes(run: dict[str, Any]) -> str:
    """Exit status, findings and cache size of one `python run.py`."""
    summary = run.get("summary", {})
    counts = ", ".join(f"{summary[name]:,} {name}" for name in ("errors", "warnings", "rows")
                       if name in summary)
    return (f"exit {run['exit_status']}" + (f", {counts}" if counts else "")
            + f"; cache {run['cache_bytes'] / 1e6:.1f} MB")


def table(summary: dict[str, Any], results: dict[str, Any], derived: dict[str, Any]) -> str:
    lines = _header(summary)
    lines += ["", f"{'measure':<{LABEL}}{'wall s':>8}{'× floor':>9}{'cpu s':>8}"
                  "   peak RSS MiB (process / largest child)"]
    floor = results.get("floor")
    busy: list[str] = []

    def row(label: str, item: dict[str, Any] | None, seconds: float | None = None,
            rss: dict[str, Any] | None = None, cpu: bool = True) -> None:
        """One measured thing; `rss`: whose peak memory to show (default: the item's);
        `cpu`: the child measured only this, so its CPU is this thing's. Marked `!` when
        the rest of the machine was busy during the measurement."""
        if item is None:
            return
        value = item.get("seconds") if seconds is None else seconds
        ratio = f"{value / floor['seconds']:9.2f}" if floor and value is not None else " " * 9
        shown = f"{value:8.2f}" if value is not None else f"{'-':>8}"
        cpu_text = (f"{item['child_cpu_seconds']:8.1f}" if cpu and "child_cpu_seconds" in item
                    else f"{'':>8}")
        memory = rss if rss is not None else item
        rss_text = (f"   {_mib(memory.get('self_kib')):>5} / {_mib(memory.get('children_kib'))}"
                    if "self_kib" in memory else "")
        other = item.get("other_cpu_seconds")
        mark = ""
        if other is not None and other > BUSY_SHARE * item["child_wall_seconds"]:
            note = f"{other:.1f} s during {item['measure']}"
            if note not in busy:
                busy.append(note)
            mark = " !"
        lines.append(f"{label + mark:<{LABEL}}{shown}{ratio}{cpu_text}{rss_text}")

    if floor:
        row("floor: calamine, every cell, 1 process", floor)
        lines.append(f"    {floor['cells']:,} cells in {floor['files']} files")
    parallel = results.get("floor-parallel")
    if parallel:
        row(f"floor: the same over {parallel['processes']} processes", parallel)
    cold = results.get("cold")
    if cold:
        row("cold: python run.py, fresh output, cache on", cold)
        lines.append(f"    {_run_notes(cold)}")
    new_month = results.get("new-month")
    if new_month:
        row("new month: 1st python run.py, all but last month", new_month,
            seconds=new_month["first"]["seconds"], rss=new_month["first"], cpu=False)
        row("new month: 2nd python run.py, + last month", new_month,
            rss=new_month["second"], cpu=False)
        lines.append(f"    added {new_month['added_file']}; 2nd run: "
                     f"{_run_notes(new_month['second'])}; cpu of the runs "
                     f"{new_month.get('child_cpu_seconds', 0):.1f} s")
        if new_month.get("unchanged"):
            row("nothing new: 3rd python run.py, every file cached", new_month,
                seconds=new_month["unchanged"]["seconds"], rss=new_month["unchanged"],
                cpu=False)
    no_cache = results.get("no-cache")
    if no_cache and no_cache.get("available", True):
        row("python run.py --no-cache, every file", no_cache)
    elif no_cache:
        lines.append(f"no-cache: not available ({no_cache['reason']})")
    pandas = results.get("pandas")
    if pandas:
        row("pandas read_excel (openpyxl), every file" + (" *" if pandas["extrapolated"]
                                                         else ""), pandas)
        if pandas["extrapolated"]:
            lines.append(f"    * extrapolated: {pandas['monthly_sampled']} of "
                         f"{pandas['monthly_total']} monthly files read "
                         f"({pandas['measured_seconds']:.2f} s measured, cpu and memory of "
                         "that part only)")
    if busy:
        lines.append("  ! other processes used the CPU meanwhile (" + "; ".join(busy)
                     + "): the figure is inflated; rerun on a quiet machine or use --repeat")
    lines += [""] + _figure_lines(derived, results)
    return "\n".join(lines)


def _figure_lines(derived: dict[str, Any], results: dict[str, Any]) -> list[str]:
    """The ratios, then each target met or missed."""
    lines = []

    def figure(label: str, text: str) -> None:
        lines.append(f"{label:<{LABEL}}{text}")

    if "floor_seconds" in derived:
        figure("floor (calamine, 1 process)", f"{derived['floor_seconds']:.2f} s")
    if "cold_vs_floor" in derived:
        figure("cold python run.py / floor", f"{derived['cold_vs_floor']:.2f}")
    if "cold_vs_parallel_floor" in derived:
        figure("cold python run.py / floor over processes",
               f"{derived['cold_vs_parallel_floor']:.2f}")
    if "new_month_vs_full" in derived:
        figure("new month (2nd process) / cold full run",
               f"{derived['new_month_vs_full']:.2f}  (/ its own 1st run "
               f"{derived['new_month_vs_its_first_run']:.2f})")
    if "nothing_new_vs_full" in derived:
        figure("nothing new (3rd process) / cold full run",
               f"{derived['nothing_new_vs_full']:.2f}")
    if "peak_memory_mib" in derived:
        figure("peak memory, largest process of the runs", f"{derived['peak_memory_mib']:.0f} MiB")
    if "cache_writing_seconds" in derived:
        figure("cold run − run without cache", f"{derived['cache_writing_seconds']:+.2f} s")
    if "pandas_vs_cold" in derived:
        figure("pandas by hand / cold python run.py", f"{derived['pandas_vs_cold']:.2f}")
    lines += ["", "targets"]
    for name, target in derived["targets"].items():
        value = target["value"]
        if value is None:
            state, shown = "n/a", "-"
        else:
            state = "met" if target["met"] else "MISSED"
            shown = f"{value:.0f} MiB" if name == "peak_memory_mib" else f"{value:.2f}"
        lines.append(f"  {TARGETS[name][2]:<42}{shown:>10}   {state}")
    return lines


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"folder of the benchmark workbooks (default {DEFAULT_DATA})")
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="the code tree whose run.py is measured, e.g. a git worktree of "
                             f"older code (default: this repository, {ROOT})")
    parser.add_argument("--shape", choices=("first", "second"), default="first",
                        help="the year generate.py makes when the data is missing or "
                             "--regenerate is given (default first)")
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
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    code = args.code.resolve()
    if not (code / "run.py").is_file():
        parser.error(f"--code {code} holds no run.py")

    if args.measure:  # a child: one measurement, JSON to --result
        os.environ[CODE_VARIABLE] = str(code)
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
    load_average = os.getloadavg()
    code_before = code_state(code)
    data = args.data.resolve()
    generation = ensure_data(data, args.regenerate, args.shape, echo)
    skip = {name.strip() for name in args.skip.split(",") if name.strip()}
    unknown = skip - set(MEASURES)
    if unknown:
        parser.error(f"unknown --skip {', '.join(sorted(unknown))}")
    workers, workers_source = pipeline_workers(code)
    test_only = test_packages()
    os.environ[WORKERS_VARIABLE] = str(workers)
    echo(f"measuring {code} (each measurement in a fresh process) …")
    results = {name: measure(name, data, code, max(args.repeat, 1), echo, args.wait_quiet)
               for name in MEASURES if name not in skip}
    derived = figures(results)
    summary = {
        "machine": {"cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0))
                    if hasattr(os, "sched_getaffinity") else os.cpu_count(),
                    "python": platform.python_version(), "platform": platform.platform(),
                    "load_average_at_start": load_average},
        "data": data_summary(data),
        "code": code_state(code),
        "code_at_start": code_before,
        "parse_workers": {"count": workers, "from": workers_source},
        "test_packages_installed": test_only,
        "repeat": max(args.repeat, 1),
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
