"""The pemda scale benchmark (issue 16): `python run.py` over a pemda of 10, 20 and 40 OPDs,
on the local pool and on a dask LocalCluster, and the fixed cost of dask on one small OPD.

    python bench/run_pemda_bench.py [--data /tmp/lakip-pemda] [--repeat 1]
                                    [--repeat-small 3] [--skip NAME,…] [--document-cost]
                                    [--wait-quiet SECONDS] [--json PATH]

The data is made by `bench/generate_pemda.py` (generated first when missing). Every
measurement is one whole `python run.py --input … --output <fresh folder> --quiet`, in a
new process, cache on as by default (and cold: the output folder is new), run through a
small wrapper that writes the process's own peak RSS and CPU (RUSAGE_SELF) and those of
its waited-for children (RUSAGE_CHILDREN: the parse workers, the dask workers) at exit.
Meanwhile this process samples the RSS of run.py and of its whole process tree every
half second, to see whether the parent's memory grows from OPD to OPD.

See bench/README.md ("The pemda benchmark") for what each figure means.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_bench import system_busy_seconds, wait_for_quiet  # noqa: E402 - bench/run_bench.py

ROOT = Path(__file__).resolve().parent.parent  # the repository: its run.py is measured
DEFAULT_DATA = Path("/tmp/lakip-pemda")
SAMPLE_SECONDS = 0.5  # how often the process tree's RSS is read
BUSY_SHARE = 0.10  # other processes' CPU / wall time above which a figure is marked `!`
PROVINCE_OPDS = 500
MACHINES = (1, 4, 10)


@dataclass(frozen=True)
class Measure:
    """One measured `python run.py`: its input (a folder under the data, or the smallest
    OPD) and the options added to `--input IN --output OUT --quiet`."""

    name: str
    label: str
    folder: str  # "pemda10" …, or SMALL for the smallest OPD of pemda40
    options: tuple[str, ...] = ()
    small: bool = False  # repeated --repeat-small times instead of --repeat
    optional: bool = False  # run only when asked (--document-cost)


SMALL = "small"
MEASURES = (
    Measure("small", "1 small OPD, local pool", SMALL, small=True),
    Measure("small-dask", "1 small OPD, --workers 2", SMALL, ("--workers", "2"), small=True),
    Measure("pemda10", "10 OPDs, local pool", "pemda10"),
    Measure("pemda20", "20 OPDs, local pool", "pemda20"),
    Measure("pemda40", "40 OPDs, local pool", "pemda40"),
    Measure("pemda40-dask", "40 OPDs, --workers 2 (LocalCluster)", "pemda40",
            ("--workers", "2")),
    Measure("pemda40-no-document", "40 OPDs, local pool, --tanpa-dokumen", "pemda40",
            ("--tanpa-dokumen",), optional=True),
)
MEASURE_NAMES = tuple(measure.name for measure in MEASURES)


# ---------------------------------------------------------------------------------------
# The data
# ---------------------------------------------------------------------------------------


def ensure_data(data: Path, echo) -> None:
    """Generate the pemda when its manifest is missing, in a child process (Linux carries
    a process's peak RSS over fork and exec into its children's ru_maxrss)."""
    if (data / "manifest.json").is_file():
        return
    echo(f"generating the pemda into {data} (a few minutes) …")
    command = [sys.executable, str(ROOT / "bench" / "generate_pemda.py"), "--output", str(data)]
    if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
        raise SystemExit("generating the pemda failed")


def load_manifest(data: Path) -> dict[str, Any]:
    return json.loads((data / "manifest.json").read_text())


def smallest_opd(manifest: dict[str, Any]) -> dict[str, Any]:
    """The OPD with the fewest rows (the last of equals): the single-OPD measurements."""
    return min(reversed(manifest["opds"]), key=lambda opd: opd["rows"])


def input_of(measure: Measure, data: Path, manifest: dict[str, Any]) -> Path:
    if measure.folder == SMALL:
        return data / "pemda40" / smallest_opd(manifest)["folder"]
    return data / measure.folder


def size_of(measure: Measure, manifest: dict[str, Any]) -> tuple[int, int]:
    """(OPDs, realisasi rows in the year) of a measurement's input."""
    if measure.folder == SMALL:
        return 1, 12 * smallest_opd(manifest)["rows"]
    subset = manifest["subsets"][measure.folder]
    return subset["opds"], subset["realisasi_rows"]


# ---------------------------------------------------------------------------------------
# One `python run.py` in a new process
# ---------------------------------------------------------------------------------------

# Runs `run.py` as `python run.py ARGS` would (the script's folder first on sys.path,
# __name__ == "__main__"). Registered first, the atexit hook runs last, after the pipeline
# has stopped and reaped its workers (pool or cluster), and writes this process's own
# peak RSS and CPU and those of its waited-for children. Forked children never run it.
RUN_PY_WRAPPER = r"""
import atexit, json, os, resource, runpy, sys
pid = os.getpid()
result_path, script, *args = sys.argv[1:]
def report():
    if os.getpid() != pid:
        return
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(result_path, "w") as handle:
        json.dump({"self_kib": own.ru_maxrss, "children_kib": children.ru_maxrss,
                   "self_cpu": own.ru_utime + own.ru_stime,
                   "children_cpu": children.ru_utime + children.ru_stime}, handle)
atexit.register(report)
sys.argv = [script, *args]
sys.path[0] = os.path.dirname(os.path.abspath(script))
runpy.run_path(script, run_name="__main__")
"""

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024


def rss_kib(pid: int) -> int:
    """Resident set of one process, KiB (0 when it is gone)."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_KIB
    except (OSError, IndexError, ValueError):
        return 0


def descendants(root: int) -> list[int]:
    """Every living process below `root`, from the parent ids in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rpartition(")")[2].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def sample_until_done(process: subprocess.Popen) -> list[tuple[float, int, int]]:
    """(seconds since start, RSS of run.py, RSS of run.py and all its descendants) every
    SAMPLE_SECONDS until the process ends. The tree's sum counts shared pages twice."""
    samples = []
    start = time.perf_counter()
    while process.poll() is None:
        own = rss_kib(process.pid)
        tree = own + sum(rss_kib(pid) for pid in descendants(process.pid))
        samples.append((time.perf_counter() - start, own, tree))
        time.sleep(SAMPLE_SECONDS)
    return samples


def run_cli(inputs: Path, output: Path, options: tuple[str, ...]) -> dict[str, Any]:
    """`python run.py --input INPUTS --output OUTPUT --quiet OPTIONS` in a new process
    (cwd: the repository). Wall time of the whole process, exit status, what the wrapper
    wrote, the sampled RSS and the printed summary."""
    with tempfile.NamedTemporaryFile(prefix="lakip-pemda-rss-", suffix=".json",
                                     delete=False) as handle:
        rusage_path = Path(handle.name)
    command = [sys.executable, "-c", RUN_PY_WRAPPER, str(rusage_path), str(ROOT / "run.py"),
               "--input", str(inputs), "--output", str(output), "--quiet", *options]
    try:
        start = time.perf_counter()
        with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) as process:
            # Output is read after the end: --quiet keeps it to the summary (40 OPD lines).
            samples = sample_until_done(process)
            stdout, stderr = process.communicate()
        seconds = time.perf_counter() - start
        text = rusage_path.read_text() if rusage_path.exists() else ""
        usage = json.loads(text) if text else {}
    finally:
        rusage_path.unlink(missing_ok=True)
    return {"seconds": seconds, "exit_status": process.returncode, **usage,
            "samples": samples, "summary": parse_summary(stdout),
            "stderr_tail": stderr.strip().splitlines()[-5:],
            "reports": len(list(output.rglob("LAKIP_*.xlsx"))),
            "consolidated": [path.name for path in output.glob("Konsolidasi_*.xlsx")]}


SUMMARY_COUNTS = {"Perangkat daerah": "opds", "Berkas dibaca": "files",
                  "Baris realisasi": "rows", "Kesalahan": "errors", "Peringatan": "warnings"}
OPD_LINE = re.compile(r"^\s+\S+: (\d+) kesalahan, (\d+) peringatan")


def parse_summary(stdout: str) -> dict[str, int]:
    """The counts run.py prints: a pemda's (OPDs, errors, and the warnings summed over its
    OPD lines) or one OPD's (files, rows, errors, warnings)."""
    found: dict[str, int] = {}
    opd_warnings = 0
    for line in stdout.splitlines():
        match = OPD_LINE.match(line)
        if match:
            opd_warnings += int(match.group(2))
            continue
        label, _, value = line.partition(":")
        name = SUMMARY_COUNTS.get(label.strip())
        if name and value.strip().isdigit():
            found[name] = int(value.strip())
    if "opds" in found:
        found["warnings"] = opd_warnings
    return found


def code_fingerprint() -> dict[str, Any]:
    """The commit and a digest of the code measured (pipeline/, schemas/, run.py, tracked
    or not): others edit the pipeline meanwhile, so the figures belong to this digest."""
    files = sorted([ROOT / "run.py", *(ROOT / "pipeline").rglob("*.py"),
                    *(ROOT / "schemas").rglob("*")])
    digest = hashlib.sha256()
    for path in files:
        if path.is_file():
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                            capture_output=True, text=True, check=False).stdout.strip()
    return {"commit": commit, "digest": digest.hexdigest()[:12]}


def measure_once(measure: Measure, inputs: Path) -> dict[str, Any]:
    """One fresh `python run.py` into a new output folder, with its CPU and the CPU the
    rest of the machine used meanwhile."""
    code = code_fingerprint()
    busy = system_busy_seconds()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    own_before = resource.getrusage(resource.RUSAGE_SELF)
    with tempfile.TemporaryDirectory(prefix="lakip-pemda-bench-") as scratch:
        result = run_cli(inputs, Path(scratch) / "output", measure.options)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    own_after = resource.getrusage(resource.RUSAGE_SELF)
    result["cpu_seconds"] = (after.ru_utime - before.ru_utime
                             + after.ru_stime - before.ru_stime)
    sampler_cpu = (own_after.ru_utime - own_before.ru_utime
                   + own_after.ru_stime - own_before.ru_stime)
    busy_after = system_busy_seconds()
    if busy is not None and busy_after is not None:
        result["other_cpu_seconds"] = max(
            busy_after - busy - result["cpu_seconds"] - sampler_cpu, 0.0)
    result["code"] = code
    return result


def failure(result: dict[str, Any]) -> str | None:
    """Why a run does not count: exit status 2 (nothing written), with run.py's own words."""
    if result["exit_status"] in (0, 1):
        return None
    return (f"python run.py ended with exit status {result['exit_status']}: "
            + " / ".join(result["stderr_tail"]))


def measure(measure_: Measure, data: Path, manifest: dict[str, Any], repeat: int,
            quiet_wait: float, echo) -> dict[str, Any]:
    """The fastest of `repeat` fresh runs (every run kept under `runs`)."""
    inputs = input_of(measure_, data, manifest)
    opds, rows = size_of(measure_, manifest)
    runs = []
    for index in range(repeat):
        echo(f"  {measure_.name}" + (f" ({index + 1}/{repeat})" if repeat > 1 else "")
             + f": python run.py --input {inputs} --output <fresh> --quiet "
             + " ".join(measure_.options))
        if quiet_wait > 0:
            wait_for_quiet(quiet_wait, echo)
        result = measure_once(measure_, inputs)
        runs.append(result)
        problem = failure(result)
        if problem:
            echo(f"    FAILED: {problem}")
            return {"name": measure_.name, "failed": problem, "runs": runs}
        echo(f"    {result['seconds']:.1f} s, exit {result['exit_status']}, "
             f"{result['reports']} reports")
    best = dict(min(runs, key=lambda item: item["seconds"]))
    best.update(name=measure_.name, label=measure_.label, input=str(inputs), opds=opds,
                realisasi_rows=rows, repeat=repeat,
                all_seconds=[item["seconds"] for item in runs])
    if repeat > 1:
        best["runs"] = runs
    return best


# ---------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------


def mib(kib: float | None) -> str:
    return "-" if kib is None else f"{kib / 1024:,.0f}"


def parent_trend(samples: list[list[float]]) -> list[int]:
    """The parent's peak sampled RSS in each quarter of the run, KiB: flat when it lets
    each OPD's rows go, rising when it keeps them."""
    if not samples:
        return []
    end = samples[-1][0] or 1.0
    quarters = [[own for at, own, _ in samples if q * end / 4 <= at <= (q + 1) * end / 4]
                for q in range(4)]
    return [max(values) if values else 0 for values in quarters]


def busy_mark(result: dict[str, Any]) -> str:
    other = result.get("other_cpu_seconds")
    return " !" if other is not None and other > BUSY_SHARE * result["seconds"] else ""


def table(results: dict[str, dict[str, Any]]) -> list[str]:
    """One row per measurement: wall, CPU (parent / children), per OPD, memory."""
    head = (f"{'measure':<40}{'OPDs':>5}{'rows/yr':>11}{'wall s':>8}{'s/OPD':>7}"
            f"{'cpu s':>7}{'parent':>8}{'child':>7}   peak RSS MiB: parent / largest "
            "child / tree (sampled) · parent per quarter")
    lines = [head, "-" * len(head)]
    for name in MEASURE_NAMES:
        result = results.get(name)
        if result is None:
            continue
        if "failed" in result:
            lines.append(f"{name:<40} FAILED: {result['failed']}")
            continue
        tree = max((tree for _, _, tree in result["samples"]), default=None)
        trend = " ".join(mib(value) for value in parent_trend(result["samples"]))
        lines.append(
            f"{result['label'] + busy_mark(result):<40}{result['opds']:>5}"
            f"{result['realisasi_rows']:>11,}{result['seconds']:>8.1f}"
            f"{result['seconds'] / result['opds']:>7.2f}{result['cpu_seconds']:>7.0f}"
            f"{result.get('self_cpu', 0):>8.0f}{result.get('children_cpu', 0):>7.0f}"
            f"   {mib(result.get('self_kib'))} / {mib(result.get('children_kib'))} / "
            f"{mib(tree)} · {trend}")
    return lines


def fit_per_opd_and_row(points: list[tuple[int, int, float]]) -> tuple[float, float] | None:
    """Least squares of seconds = a·OPDs + b·(million rows), no constant: (a, b)."""
    if len(points) < 2:
        return None
    xx = sum(n * n for n, _, _ in points)
    xy = sum(n * r for n, r, _ in points)
    yy = sum(r * r for _, r, _ in points)
    xt = sum(n * t for n, _, t in points)
    yt = sum(r * t for _, r, t in points)
    det = xx * yy - xy * xy
    if det == 0:
        return None
    return (xt * yy - yt * xy) / det, (yt * xx - xt * xy) / det


def growth_lines(results: dict[str, dict[str, Any]]) -> list[str]:
    """How the local-pool time grows from 10 to 20 to 40 OPDs."""
    names = [name for name in ("pemda10", "pemda20", "pemda40")
             if name in results and "failed" not in results[name]]
    if len(names) < 2:
        return []
    points = [(results[n]["opds"], results[n]["realisasi_rows"] / 1e6, results[n]["seconds"])
              for n in names]
    lines = ["growth with the local pool:"]
    for (n0, r0, t0), (n1, r1, t1) in zip(points, points[1:], strict=False):
        lines.append(f"  {n0} → {n1} OPDs: time × {t1 / t0:.2f} for OPDs × {n1 / n0:.1f} "
                     f"and rows × {r1 / r0:.2f}")
    fit = fit_per_opd_and_row(points)
    if fit:
        per_opd, per_mrow = fit
        lines.append(f"  fit: seconds = {per_opd:.2f} × OPDs + {per_mrow:.2f} × million rows")
        for n, r, t in points:
            model = per_opd * n + per_mrow * r
            lines.append(f"    {n} OPDs: measured {t:.1f} s, fit {model:.1f} s "
                         f"({(t - model) / model:+.1%})")
    return lines


def comparison_lines(results: dict[str, dict[str, Any]]) -> list[str]:
    """Dask against the local pool, the document's cost, the CPU split of the parent."""
    ok = {name: result for name, result in results.items() if "failed" not in result}
    lines = []
    if "pemda40" in ok and "pemda40-dask" in ok:
        local, dask = ok["pemda40"]["seconds"], ok["pemda40-dask"]["seconds"]
        lines.append(f"40 OPDs: --workers 2 / local pool = {dask / local:.2f} "
                     f"({dask:.1f} s against {local:.1f} s)")
    if "small" in ok and "small-dask" in ok:
        local, dask = ok["small"]["seconds"], ok["small-dask"]["seconds"]
        lines.append(f"1 small OPD: --workers 2 costs {dask - local:+.1f} s "
                     f"({dask:.1f} s against {local:.1f} s): dask's fixed overhead")
    if "pemda40" in ok and "pemda40-no-document" in ok:
        full, bare = ok["pemda40"]["seconds"], ok["pemda40-no-document"]["seconds"]
        lines.append(f"40 OPDs: the LAKIP documents (.docx) cost {full - bare:.1f} s, "
                     f"{(full - bare) / 40:.2f} s per OPD, {(full - bare) / full:.0%} of the run")
    if "pemda40" in ok:
        run = ok["pemda40"]
        lines.append(f"40 OPDs, local pool: parent CPU {run.get('self_cpu', 0):.0f} s "
                     "(one OPD after another: roll-up, checks, reports, documents), parse "
                     f"workers' CPU {run.get('children_cpu', 0):.0f} s, wall "
                     f"{run['seconds']:.0f} s")
    return lines


def projection(results: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """500 OPDs of the same mix on 1, 4, 10 machines like this one, from the 40-OPD
    local-pool run. Two bounds:

    - today's local pool on one machine: 500 / 40 × the 40-OPD run;
    - parsing alone spread over N machines, the rest serial in the parent (Amdahl): the
      parent's CPU is the serial part, the remainder of the wall time shrinks N-fold;
    - whole OPDs spread over N machines (perfect): the 1-machine time / N.
    """
    run = results.get("pemda40")
    if not run or "failed" in run:
        return None
    scale = PROVINCE_OPDS / run["opds"]
    one = run["seconds"] * scale
    serial = min(run.get("self_cpu", 0.0), run["seconds"]) * scale
    out = {"opds": PROVINCE_OPDS, "from": "pemda40", "one_machine_seconds": one,
           "serial_seconds": serial, "machines": {}}
    for machines in MACHINES:
        out["machines"][machines] = {
            "parse_spread_seconds": serial + (one - serial) / machines,
            "opds_spread_seconds": one / machines,
        }
    return out


def projection_lines(projected: dict[str, Any] | None) -> list[str]:
    if not projected:
        return []
    lines = [f"{projected['opds']} OPDs of the same mix, from the 40-OPD local-pool run "
             f"(serial part = the parent's CPU, {projected['serial_seconds'] / 60:.1f} min):",
             f"  {'machines':>8}{'parsing spread, min':>22}{'whole OPDs spread, min':>25}"]
    for machines, figures in projected["machines"].items():
        lines.append(f"  {machines:>8}{figures['parse_spread_seconds'] / 60:>22.1f}"
                     f"{figures['opds_spread_seconds'] / 60:>25.1f}")
    return lines


def header(data: Path, manifest: dict[str, Any], code: dict[str, Any]) -> list[str]:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    small = smallest_opd(manifest)
    return [f"LAKIP pemda benchmark — {cores} cores, {memory:.0f} GiB, Python "
            f"{platform.python_version()}, {platform.platform()}",
            f"data: {data}: {manifest['pemda']} {manifest['year']}, "
            + ", ".join(f"{name} {subset['opds']} OPDs / {subset['realisasi_rows']:,} rows"
                        for name, subset in manifest["subsets"].items())
            + f"; small OPD: {small['folder']} ({12 * small['rows']:,} rows)",
            f"code: commit {code['commit']}, pipeline digest {code['digest']}"]


def report_lines(results: dict[str, dict[str, Any]], projected: dict[str, Any] | None,
                 start_code: dict[str, Any]) -> list[str]:
    lines = table(results) + [""] + growth_lines(results) + comparison_lines(results)
    lines += [""] + projection_lines(projected)
    busy = [name for name, result in results.items()
            if "failed" not in result and busy_mark(result)]
    if busy:
        lines.append(f"! other processes used over {BUSY_SHARE:.0%} of the wall time in CPU "
                     f"during {', '.join(busy)}: those figures are inflated")
    seen = {run["code"]["digest"] for result in results.values()
            for run in result.get("runs", [result]) if "code" in run}
    if len(seen) > 1 or (seen and start_code["digest"] not in seen):
        lines.append("! the pipeline changed during the benchmark: the figures mix versions "
                     "(each run's digest is in the JSON)")
    return lines


# ---------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"the generated pemda (default {DEFAULT_DATA}; generated there "
                             "when missing)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs of each pemda measurement, the fastest kept (default 1)")
    parser.add_argument("--repeat-small", type=int, default=3,
                        help="runs of each single small OPD measurement (default 3)")
    parser.add_argument("--skip", default="",
                        help=f"comma-separated measurements to leave out, of "
                             f"{', '.join(MEASURE_NAMES)}")
    parser.add_argument("--document-cost", action="store_true",
                        help="also run the 40 OPDs with --tanpa-dokumen, to see what the LAKIP "
                             "documents cost (about 1.5 min more)")
    parser.add_argument("--wait-quiet", type=float, default=0.0, metavar="SECONDS",
                        help="before each run, wait up to this long for the machine's other "
                             "processes to go idle")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON here")
    args = parser.parse_args(argv)
    unknown = {name.strip() for name in args.skip.split(",") if name.strip()} - set(
        MEASURE_NAMES)
    if unknown:
        parser.error(f"unknown --skip {', '.join(sorted(unknown))}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)

    def echo(line: str) -> None:
        print(line, flush=True)

    start = time.perf_counter()
    data = args.data.resolve()
    ensure_data(data, echo)
    manifest = load_manifest(data)
    skip = {name.strip() for name in args.skip.split(",")}
    start_code = code_fingerprint()
    load_average = os.getloadavg()
    echo(f"measuring {ROOT / 'run.py'} (each run a new process, fresh output folder) …")
    results = {}
    for item in MEASURES:
        if item.name in skip or (item.optional and not args.document_cost):
            continue
        repeat = max(args.repeat_small if item.small else args.repeat, 1)
        results[item.name] = measure(item, data, manifest, repeat, args.wait_quiet, echo)
    projected = projection(results)
    echo("")
    for line in header(data, manifest, start_code) + [""] + report_lines(
            results, projected, start_code):
        echo(line)
    elapsed = time.perf_counter() - start
    echo(f"\nbenchmark took {elapsed / 60:.1f} min (load average at start "
         f"{load_average[0]:.2f})")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({
            "data": str(data), "manifest": manifest, "code_at_start": start_code,
            "load_average_at_start": load_average, "repeat": args.repeat,
            "repeat_small": args.repeat_small, "results": results,
            "projection": projected, "benchmark_seconds": elapsed}, indent=2, default=str))
        echo(f"figures written to {args.json}")
    failed = [name for name, result in results.items() if "failed" in result]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
