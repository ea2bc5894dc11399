"""The dask.distributed executor: files parsed as tasks on a cluster, when one machine is
not enough (`--workers N` starts a local cluster, `--scheduler tcp://HOST:8786` joins one).

It keeps the promise of every executor (`pipeline.executor`): one result per file, in
completion order; a file whose worker dies costs only that file. The scheduler gives such
a task one more try on another worker (`allowed-failures` = 1), then the file is named.
Each task is the pure per-file function, the same one the local pool runs.

The executor keeps one task per worker thread on the cluster. The scheduler counts a dead
worker against every task it held, queued ones too: two files queued on one worker could
both be named for the crash of one. The window also bounds what `send_bytes` holds in
memory to a file per thread.

Where the files are: by default each task carries the file's path, for workers that see
the same folder (the same machine, or a share mounted at the same path everywhere). With
`send_bytes`, each task carries the file's content instead, for workers on machines
without the share.

Limits: a worker's memory is capped by the cluster (`memory_limit`; the nanny restarts a
worker above it, and the file is retried, then named). A cluster cannot stop one running
task without restarting its worker, so the per-file time limit of the local pool does not
apply here.

dask is an optional extra (`pip install -e ".[dask]"`): this module imports it only when a
cluster is asked for.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.executor import ParseJob, failed
from pipeline.isolation import PARSE_FILE, Limits, parse_in_worker

if TYPE_CHECKING:
    from pipeline.consolidate import OpdSummary
    from pipeline.run import RunConfig
    from pipeline.tables import ParsedFile

DASK_MISSING = ("opsi --workers dan --scheduler memerlukan paket dask.distributed; pasang "
                'dengan: pip install -e ".[dask]"')


class DaskUnavailable(Exception):
    """dask.distributed is not installed; the message says how to install it."""


class ClusterExecutor:
    """Parses files as tasks of a dask.distributed `Client` (an `executor.Executor`)."""

    def __init__(self, client: Any, limits: Limits | None = None, send_bytes: bool = False,
                 parse: str = PARSE_FILE) -> None:
        self.client = client
        self.limits = limits or Limits()
        self.send_bytes = send_bytes
        self.parse_file = parse

    def parse(self, jobs: Sequence[ParseJob]) -> Iterator[ParsedFile]:
        """The results in completion order. As many tasks are on the cluster at once as it
        has worker threads (the first ones submitted now), the next one when one ends."""
        from distributed import as_completed

        waiting = iter(jobs)
        running: dict[Any, ParseJob] = {}
        completed = as_completed()
        for job in islice(waiting, self._threads()):
            self._start(job, running, completed)
        return self._results(waiting, running, completed)

    def _threads(self) -> int:
        """The cluster's worker threads now; at least one, for a cluster still starting."""
        return max(sum(self.client.nthreads().values()), 1)

    def _start(self, job: ParseJob, running: dict[Any, ParseJob], completed: Any) -> None:
        source: Path | bytes = job.path.read_bytes() if self.send_bytes else job.path
        future = self.client.submit(parse_task, self.parse_file, source, job.display,
                                    job.path.suffix, pure=False)
        running[future] = job
        completed.add(future)

    def _results(self, waiting: Iterator[ParseJob], running: dict[Any, ParseJob],
                 completed: Any) -> Iterator[ParsedFile]:
        for future in completed:
            job = running.pop(future)
            following = next(waiting, None)
            if following is not None:
                self._start(following, running, completed)
            try:
                parsed = future.result()
            except Exception:  # noqa: BLE001 - KilledWorker and the like: this file alone
                yield failed(job, "crash", self.limits.memory, self.limits.seconds)
                continue
            yield parsed if parsed is not None else failed(job, "memory", self.limits.memory,
                                                           self.limits.seconds)

    def run_opds(self, configs: Sequence[RunConfig]) -> Iterator[OpdSummary | str]:
        """Each OPD's run as a task of its own, in completion order: the roll-up and the
        report are made on a worker, whose files are parsed as tasks of their own, and only
        the OPD's summary comes back (or the sentence saying why it has no report). The
        workers must see the input and output folders."""
        from distributed import as_completed

        futures = [self.client.submit(opd_task, config, self.limits, pure=False)
                   for config in configs]
        for future in as_completed(futures):
            yield future.result()


def opd_task(config: RunConfig, limits: Limits) -> OpdSummary | str:
    """On a worker: one OPD's run, its files parsed as further tasks of the cluster while
    this task steps aside (`worker_client`)."""
    from distributed import worker_client

    from pipeline.pemda import summary_of
    from pipeline.run import NothingToReport, run

    try:
        with worker_client() as client:
            result = run(config, executor=ClusterExecutor(client, limits))
    except NothingToReport as nothing:
        return f"{config.input_dir.name}: {nothing}"
    return summary_of(config.input_dir, result, config.output_dir.parent)


def parse_task(parse: str, source: Path | bytes, display: str, suffix: str
               ) -> ParsedFile | None:
    """On a worker: the file parsed from its path, or from its content written to a
    temporary file of the same kind."""
    if isinstance(source, Path):
        return parse_in_worker(parse, source, display)
    with tempfile.TemporaryDirectory(prefix="lakip-") as folder:
        path = Path(folder) / f"berkas{suffix}"
        path.write_bytes(source)
        return parse_in_worker(parse, path, display)


@contextmanager
def local_cluster(workers: int, limits: Limits | None = None, send_bytes: bool = False
                  ) -> Iterator[ClusterExecutor]:
    """A `LocalCluster` of `workers` processes, one thread each, for the life of the block."""
    dask, distributed = _dask()
    limits = limits or Limits()
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}), \
            distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                     memory_limit=limits.memory, dashboard_address=None) \
            as cluster, distributed.Client(cluster) as client:
        yield ClusterExecutor(client, limits, send_bytes)


@contextmanager
def remote_cluster(address: str, limits: Limits | None = None, send_bytes: bool = False
                   ) -> Iterator[ClusterExecutor]:
    """The cluster whose scheduler is at `address` (`tcp://HOST:8786`)."""
    _, distributed = _dask()
    with distributed.Client(address) as client:
        yield ClusterExecutor(client, limits, send_bytes)


def _dask() -> tuple[Any, Any]:
    try:
        import dask
        import distributed
    except ImportError as missing:
        raise DaskUnavailable(DASK_MISSING) from missing
    return dask, distributed
