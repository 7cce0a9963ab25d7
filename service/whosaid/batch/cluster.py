"""Running the engine on a Dask cluster: ``whosaid extract --dask ADDRESS|local``.

Each Dask worker process builds the pipeline once, when it joins
(``PipelinePlugin``), and runs one chunk at a time with it. The workers need
whosaid installed, the same version as the client. How long to try to reach a
scheduler is Dask's own setting (``distributed.comm.timeouts.connect``, 30 s by
default; ``DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s`` in the environment).
Imported only for ``--dask``: dask and distributed are in the ``batch`` extra.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterable, Iterator

import dask
from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from whosaid.batch.readers import Item
from whosaid.batch.runners import (
    WINDOW_PER_WORKER,
    Result,
    RunStopped,
    Task,
    ordered,
    run_chunk,
)

LOCAL = "local"
# Dask's nannies start workers with MALLOC_TRIM_THRESHOLD_=65536, which turns off
# glibc's adaptive mmap threshold: every large array the pipeline allocates is then
# mapped and unmapped afresh, and the parse took 12-15% more CPU per document than in
# a plain process. None is Dask's way to leave a variable unset (one the user set in
# the environment still goes through).
# The workers' statistical profiler samples every thread's stack every 10 ms for
# the dashboard; a local cluster has no dashboard, and the pipeline needs the CPU.
LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
WORKERS_TIMEOUT = 120  # seconds for a first worker to join a remote scheduler

# A worker with several threads still has one pipeline, and spaCy pipelines are not
# documented as safe to share between threads: one chunk at a time per process.
_PIPELINE_LOCK = threading.Lock()


def _load() -> None:
    from whosaid import load

    with _PIPELINE_LOCK:
        load()


def run_on_worker(chunk: list[Item]) -> list[Result]:
    """One chunk on a Dask worker, with that worker's pipeline."""
    with _PIPELINE_LOCK:
        return run_chunk(chunk)


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline as each worker starts or joins, so that no task waits
    for it; in a thread, so that the worker keeps answering its scheduler."""

    name = "whosaid-pipeline"
    idempotent = True

    async def setup(self, worker) -> None:
        await asyncio.to_thread(_load)


class DaskCluster:
    """The chunks on a Dask cluster: a new local one (``local``, with ``workers``
    processes) or the scheduler at ``address``."""

    def __init__(
        self, address: str, workers: int | None = None, task: Task = run_on_worker
    ) -> None:
        self.task = task
        self._cluster: LocalCluster | None = None
        self._config: dask.config.set | None = None
        try:
            if address == LOCAL:
                # Held until close: a nanny reads it again to restart a dead worker.
                self._config = dask.config.set(LOCAL_CONFIG)
                self._cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
                self._client = Client(self._cluster)
            else:
                self._client = Client(address)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise RunStopped(
                f"cannot reach the Dask scheduler at {address}: {exc}"
            ) from exc
        try:
            self._client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
            self._client.register_plugin(PipelinePlugin())
        except TimeoutError as exc:
            self.close()
            raise RunStopped(f"no Dask worker joined {address}: {exc}") from exc
        self.workers = len(self._client.scheduler_info()["workers"])
        self.window = max(1, self.workers) * WINDOW_PER_WORKER

    def map(
        self, chunks: Iterable[list[Item]]
    ) -> Iterator[tuple[list[Item], list[Result]]]:
        submit = self._client.submit
        yield from ordered(
            chunks, lambda chunk: submit(self.task, chunk, pure=False), self.window
        )

    def close(self) -> None:
        client = getattr(self, "_client", None)
        if client is not None:
            client.close()
        if self._cluster is not None:
            self._cluster.close()
        if self._config is not None:
            self._config.__exit__(None, None, None)
            self._config = None

    def __enter__(self) -> DaskCluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
