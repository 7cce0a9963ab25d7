"""Running the engine over many documents, in input order: in this process, in a
pool of local processes, or on a Dask cluster (``whosaid.batch.cluster``).

Documents travel in chunks of ``batch_size``. Each process builds the pipeline
once (``whosaid.load`` keeps it per process) and runs its chunks through
``nlp.pipe``. Only a small window of chunks is in flight, so memory stays flat
however large the input, and results are taken back in the order they were sent.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol

from tqdm import tqdm

from whosaid.batch.readers import Item
from whosaid.batch.writers import ErrorLog, Output
from whosaid.lifetime import end_with_parent

# Chunks in flight per worker: one running and one waiting, so no worker idles.
WINDOW_PER_WORKER = 2
# Workers are started fresh rather than forked: a forked copy of a process with
# threads (tqdm's monitor, Dask's event loop) can deadlock.
START_METHOD = "spawn"

Result = tuple[dict[str, Any] | None, str | None]
Task = Callable[[list[Item]], list[Result]]


class RunStopped(Exception):
    """The run cannot go on: what was written so far stays for ``--resume``."""


@dataclass(frozen=True)
class Outcome:
    """The result for one input item: a record dict, or an error message."""

    item: Item
    record: dict | None = None
    error: str | None = None


def process(items: Iterable[Item], nlp, batch_size: int = 16) -> Iterator[Outcome]:
    """Run the pipeline over the items, in input order.

    Documents go through ``nlp.pipe`` in batches; if a batch fails, its documents are
    retried one by one so that only the document at fault is reported.
    """
    from whosaid.records import record_from_doc
    from whosaid.zones import memory_zone

    batch: list[Item] = []

    def flush() -> Iterator[Outcome]:
        docs = [it for it in batch if it.error is None]
        try:
            with memory_zone(nlp):
                done = {
                    id(it): record_from_doc(doc, id=it.id).to_dict()
                    for it, doc in zip(
                        docs, nlp.pipe(it.text for it in docs), strict=True
                    )
                }
        except Exception:  # noqa: BLE001 - isolate the failing document below
            done = {}
            for it in docs:
                try:
                    with memory_zone(nlp):
                        done[id(it)] = record_from_doc(nlp(it.text), id=it.id).to_dict()
                except Exception as exc:  # noqa: BLE001 - reported per document
                    done[id(it)] = exc
        for it in batch:
            if it.error is not None:
                yield Outcome(it, error=it.error)
            elif isinstance(done[id(it)], Exception):
                exc = done[id(it)]
                yield Outcome(it, error=f"{type(exc).__name__}: {exc}")
            else:
                yield Outcome(it, record=done[id(it)])
        batch.clear()

    for item in items:
        if item.text is not None and item.id is None:
            item = Item(item.where, item.where, text=item.text)
        batch.append(item)
        if len(batch) >= batch_size:
            yield from flush()
    yield from flush()


def run_chunk(items: list[Item]) -> list[Result]:
    """One chunk, with this process's pipeline (built on first use)."""
    from whosaid import load

    outcomes = process(items, load(), batch_size=max(1, len(items)))
    return [(o.record, o.error) for o in outcomes]


class Runner(Protocol):
    """Runs chunks and gives back ``(chunk, results)`` in the order sent; a context
    manager that stops its workers on the way out."""

    def map(
        self, chunks: Iterable[list[Item]]
    ) -> Iterator[tuple[list[Item], list[Result]]]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Runner: ...

    def __exit__(self, *exc: object) -> None: ...


class InProcess:
    """Everything in this process: the default, and the reference for the others."""

    def __init__(self, task: Task = run_chunk) -> None:
        self.task = task

    def map(
        self, chunks: Iterable[list[Item]]
    ) -> Iterator[tuple[list[Item], list[Result]]]:
        for chunk in chunks:
            yield chunk, self.task(chunk)

    def close(self) -> None:
        """Nothing to stop."""

    def __enter__(self) -> InProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ProcessPool:
    """``workers`` local processes, each with its own pipeline."""

    def __init__(self, workers: int, task: Task = run_chunk) -> None:
        self.task = task
        self.window = workers * WINDOW_PER_WORKER
        self._pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context(START_METHOD),
            initializer=_start_worker,
            initargs=(os.getpid(),),
        )

    def map(
        self, chunks: Iterable[list[Item]]
    ) -> Iterator[tuple[list[Item], list[Result]]]:
        try:
            yield from ordered(
                chunks, lambda chunk: self._pool.submit(self.task, chunk), self.window
            )
        except BrokenProcessPool as exc:
            raise RunStopped(
                "a worker process died (out of memory, or killed); "
                "the documents done so far are kept"
            ) from exc

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ProcessPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _start_worker(parent: int) -> None:
    """Each worker ends with the run, even one killed outright (its output is
    the parent's to write, so a worker has nothing to finish); Ctrl-C reaches the
    whole process group, and the parent stops the pool cleanly.

    With ``spawn`` the pool starts its workers from the thread that submits, the
    main thread, so the kernel's parent-death signal fires with the process.
    """
    end_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def ordered(
    chunks: Iterable[list[Item]],
    submit: Callable[[list[Item]], Future],
    window: int,
) -> Iterator[tuple[list[Item], list[Result]]]:
    """Submit chunks, at most ``window`` in flight, and give results in order.

    A chunk whose task fails (rather than one of its documents) fails as a whole,
    each document with the reason; the run goes on. ``BrokenProcessPool`` is let
    through: no later chunk could run either.
    """
    pending: deque[tuple[list[Item], Future]] = deque()
    for chunk in chunks:
        pending.append((chunk, submit(chunk)))
        if len(pending) >= window:
            yield _collect(*pending.popleft())
    while pending:
        yield _collect(*pending.popleft())


def _collect(chunk: list[Item], future: Future) -> tuple[list[Item], list[Result]]:
    try:
        return chunk, future.result()
    except BrokenProcessPool:
        raise
    except Exception as exc:  # noqa: BLE001 - the chunk's documents are reported
        reason = f"{type(exc).__name__}: {exc}"
        return chunk, [(None, item.error or reason) for item in chunk]


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


@dataclass
class Summary:
    """What a run did, for the command's last words and its exit code."""

    documents: int = 0
    skipped: int = 0
    written: int = 0
    failed: int = 0
    unknown: int = 0  # ids in a resumed output that no input has


def run(
    inputs: Iterable[Item],
    output: Output,
    errors: ErrorLog,
    runner: Runner,
    *,
    batch_size: int,
    progress: bool = True,
    shape: Callable[[dict], dict] | None = None,
) -> Summary:
    """Every input document through ``runner`` into ``output``, in input order.

    ``output`` must be open: documents whose ids it already holds are skipped.
    Inputs are read twice, once to count them for the progress bar. ``shape``
    filters each record here, where it is written: the workers return every quote.
    """
    summary = Summary()
    seen: set[str] = set()
    for item in inputs:
        summary.documents += 1
        if item.error is None and item.id in output.done:
            summary.skipped += 1
            seen.add(item.id)
    summary.unknown = len(output.done - seen)
    pending = (
        item for item in inputs if item.error is not None or item.id not in output.done
    )
    with tqdm(
        total=summary.documents,
        initial=summary.skipped,
        unit="doc",
        file=sys.stderr,
        disable=not progress or summary.documents <= 1,
        dynamic_ncols=True,
    ) as bar:
        for chunk, results in runner.map(chunked(pending, batch_size)):
            for item, (record, error) in zip(chunk, results, strict=True):
                if error is None:
                    output.write(shape(record) if shape is not None else record)
                    summary.written += 1
                else:
                    errors.write(item, error)
                    summary.failed += 1
                    bar.write(f"whosaid: {item.where}: {error}", file=sys.stderr)
                    bar.set_postfix(failed=summary.failed)
                bar.update(1)
    return summary
