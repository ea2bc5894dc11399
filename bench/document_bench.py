"""The LAKIP document's cost alone: `pipeline.document.writer.document_bytes` on a report
built once.

    python bench/document_bench.py [--data DIR ...] [--repeat N] [--reports DIR]
                                   [--rebuild] [--code DIR] [--profile N]

For each data folder, the report is built by `pipeline.run.run` without the document
(`RunConfig(document=False)`, into a temporary output folder), then pickled into
`--reports` (default `/tmp/lakip-document-reports`), so that a later measurement (of
other document code) writes the very same report; `--rebuild` builds it again. Then the
document is written `--repeat` times in this process and the fastest and every time are
printed, with the document's SHA-256: the same report must give the same bytes before and
after a change to the document's code. `--code DIR` imports the pipeline from another code
tree (a `git archive` of an older commit, say) instead of this repository. `--profile N`
prints the N costliest functions of one more run (cProfile, cumulative).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pickle
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

DEFAULT_DATA = (Path("/tmp/lakip-bench"), Path("/tmp/lakip-bench-second"),
                ROOT / "examples" / "dinsos-labuhanbatu-utara-2023")
DEFAULT_REPORTS = Path("/tmp/lakip-document-reports")


def report_of(data: Path, reports: Path, rebuild: bool) -> Any:
    """The report of `data`, from its pickle in `reports` or built (and pickled)."""
    saved = reports / f"{data.name}.pickle"
    if saved.exists() and not rebuild:
        return pickle.loads(saved.read_bytes())
    from pipeline.run import RunConfig, run

    with tempfile.TemporaryDirectory() as output:
        report = run(RunConfig(data, Path(output), document=False)).report
    reports.mkdir(parents=True, exist_ok=True)
    saved.write_bytes(pickle.dumps(report))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, nargs="+", default=list(DEFAULT_DATA))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--profile", type=int, default=0)
    arguments = parser.parse_args()
    sys.path.insert(0, str(arguments.code.resolve()))

    from pipeline.document.writer import document_bytes

    total = 0.0
    for data in arguments.data:
        report = report_of(data, arguments.reports, arguments.rebuild)
        lines = len(report.lra)
        times, digests = [], set()
        for _ in range(arguments.repeat):
            start = time.perf_counter()
            document = document_bytes(report, None)
            times.append(time.perf_counter() - start)
            digests.add(hashlib.sha256(document).hexdigest())
        print(f"{data.name}: {lines:,} LRA lines, fastest {min(times):.2f} s "
              f"(each: {', '.join(f'{t:.2f}' for t in times)}), {len(document):,} bytes, "
              f"sha256 {', '.join(sorted(digests))}")
        total += min(times)
        if arguments.profile:
            profiler = cProfile.Profile()
            profiler.runcall(document_bytes, report, None)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(arguments.profile)
    if len(arguments.data) > 1:
        print(f"total of the fastest: {total:.2f} s over {len(arguments.data)} folders")


if __name__ == "__main__":
    main()
