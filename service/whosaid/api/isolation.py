"""The extraction process: the pipeline in a child process the worker can kill.

A document can keep the engine busy far longer than any client waits: spaCy's
components run for minutes on a megabyte, and some of whosaid's stages are
quadratic in the number of quotes or cues. A thread cannot be stopped in Python;
a process can. So, with a time limit, each worker keeps one child process that
builds the pipeline and runs documents, and talks to it over a pipe. When a
document overruns, the worker kills the child, answers at once, and starts a new
one; when the child dies (a crash in native code, the OOM killer), the worker
answers 500 for that document and starts a new one. Either way the worker lives
on and keeps serving.

The child is started with ``spawn``: a fresh interpreter that imports whosaid
and builds the pipeline itself (a few seconds), rather than a ``fork`` of a
worker whose request threads may hold locks at that moment.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import time
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any

from spacy.language import Language

from whosaid import Record, extract, extract_many
from whosaid.lifetime import watch_parent

log = logging.getLogger(__name__)

# The engine returns every quote; the request's options apply the threshold.
EVERY_QUOTE = 0.0
ONE = "one"
MANY = "many"
READY = "ready"
FAILED = "failed"
DONE = "done"
TAKEN = "taken"
ERROR = "error"
STOP_SECONDS = 5.0


class Busy(Exception):
    """The engine was not free within the request's time: another document holds
    it, or the extraction process is still starting."""


class TimedOut(Exception):
    """The document took longer than the time limit; its extraction was stopped."""


class EngineError(Exception):
    """The engine failed on a document; the message holds the child's traceback."""


class Crashed(EngineError):
    """The extraction process died while it held the document."""


class LoadFailed(Exception):
    """The extraction process could not build the pipeline."""


def check_picklable(build: Callable[[], Language]) -> None:
    """The pipeline factory is sent to a fresh interpreter: it must be importable."""
    try:
        pickle.dumps(build)
    except (pickle.PicklingError, AttributeError, TypeError) as exc:
        raise ValueError(
            f"The pipeline factory {build!r} cannot be sent to the extraction "
            "process; use a module-level function, or no time limit."
        ) from exc


class ExtractionProcess:
    """One child process with the pipeline. Not thread-safe: the engine's lock
    lets one caller at a time use it."""

    def __init__(
        self, build: Callable[[], Language], recycle_after: int | None = None
    ) -> None:
        check_picklable(build)
        self._build = build
        self._context = multiprocessing.get_context("spawn")
        self._process: Any = None
        self._conn: Connection | None = None
        self._ready = False
        self.max_length = 0
        # Documents the current child has taken, and the child being built to
        # replace it once it has taken ``recycle_after`` (see ``_recycle``).
        self.recycle_after = recycle_after
        self.documents = 0
        self._standby: tuple[Any, Connection] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        """Start the child and wait until its pipeline is built (or failed)."""
        self._spawn()
        self.wait_ready(None)

    def extract(self, text: str, id: str | None, timeout: float | None) -> Record:
        """The record of one document, within ``timeout`` seconds."""
        return self._call((ONE, (text, id)), timeout, 1)

    def extract_many(
        self,
        items: Sequence[tuple[str | None, str]],
        batch_size: int,
        timeout: float | None,
    ) -> list[Record | Exception]:
        """Records of ``items``, or the error of a document, within ``timeout``."""
        return self._call((MANY, (list(items), batch_size)), timeout, len(items))

    def close(self) -> None:
        """Stop the child: it exits when its end of the pipe closes."""
        process, conn = self._process, self._conn
        self._process = self._conn = None
        self._ready = False
        _stop(process, conn)
        if self._standby is not None:
            _stop(*self._standby)
            self._standby = None

    def _launch(self) -> tuple[Any, Connection]:
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=serve,
            args=(child, self._build, os.getpid()),
            name="whosaid-extraction",
            daemon=True,
        )
        process.start()
        child.close()
        log.info("extraction process %d started", process.pid)
        return process, parent

    def _spawn(self) -> None:
        self._process, self._conn = self._launch()
        self._ready = False
        self.documents = 0

    def _recycle(self) -> None:
        """Replace a child that has taken ``recycle_after`` documents, without a
        pause: the next child builds its pipeline while this one serves, and takes
        over between two calls once it is ready.

        spaCy's memory zone frees each document's strings, but the hash tables
        that indexed them keep their size, so a child's memory still creeps up
        with the number of new words it has seen; a fresh child starts from the
        model's own.
        """
        if not self.recycle_after or self.documents < self.recycle_after:
            return
        if self._standby is None:
            self._standby = self._launch()
            return
        process, conn = self._standby
        if process.is_alive() and not conn.poll(0):
            return  # still building its pipeline
        self._standby = None
        try:
            kind, value = conn.recv()
        except (EOFError, OSError):
            kind, value = FAILED, f"exit code {process.exitcode}"
        if kind != READY:
            # Keep the child that works; try again after as many documents.
            log.error("the replacement extraction process failed to load: %s", value)
            _stop(process, conn)
            self.documents = 0
            return
        old_process, old_conn = self._process, self._conn
        self._process, self._conn, self._ready = process, conn, True
        self.max_length, self.documents = value, 0
        log.info(
            "extraction process %d replaced by %d after %d documents",
            old_process.pid if old_process is not None else -1,
            process.pid,
            self.recycle_after,
        )
        _stop(old_process, old_conn)

    def _restart(self, why: str) -> None:
        """Kill the child now and start the next one, without waiting for it."""
        process, conn = self._process, self._conn
        if process is not None and process.is_alive():
            process.kill()
        if process is not None:
            process.join()
            log.warning(
                "extraction process %d stopped (%s, exit code %s); starting another",
                process.pid,
                why,
                process.exitcode,
            )
        if conn is not None:
            conn.close()
        self._spawn()

    def wait_ready(self, timeout: float | None) -> None:
        """Wait for the child's pipeline: ``Busy`` if it is not built within
        ``timeout``, ``LoadFailed`` if it cannot be."""
        if self._ready:
            return
        conn = self._conn
        if conn is None:
            raise LoadFailed("the extraction process is closed")
        if not conn.poll(timeout):
            raise Busy("the extraction process is still starting")
        try:
            kind, value = conn.recv()
        except (EOFError, OSError):
            code = self._process.exitcode if self._process is not None else None
            raise LoadFailed(
                f"the extraction process exited while loading (exit code {code})"
            ) from None
        if kind == FAILED:
            raise LoadFailed(value)
        self.max_length = value
        self._ready = True

    def _call(
        self, message: tuple[str, Any], timeout: float | None, documents: int
    ) -> Any:
        """Hand ``message`` (of ``documents`` documents) to the child and wait for
        its answer, all within ``timeout``. A child that was gone before it took
        the message (killed while idle, by the OOM killer say) is replaced and the
        message handed to the next one: that is no fault of the document's."""
        if self._ready:
            self._recycle()
        started = time.monotonic()
        deadline = None if timeout is None else started + timeout
        if not self._hand_over(message, deadline, started):
            self._restart("it had died")
            if not self._hand_over(message, deadline, started):
                self._restart("it died at once")
                raise Crashed("the extraction process died before it took the document")
        conn = self._conn
        assert conn is not None  # _hand_over returned True on it
        self.documents += documents
        if not conn.poll(_left(deadline)):
            self._restart(
                f"over the time limit after {time.monotonic() - started:.1f} s"
            )
            raise TimedOut
        try:
            kind, value = conn.recv()
        except (EOFError, OSError):
            code = self._process.exitcode if self._process is not None else None
            self._restart("it died")
            raise Crashed(f"the extraction process died (exit code {code})") from None
        if kind == ERROR:
            raise EngineError(value)
        return value

    def _hand_over(
        self, message: tuple[str, Any], deadline: float | None, started: float
    ) -> bool:
        """Send ``message``; whether the child took it (False: it was gone)."""
        if self._process is not None and not self._process.is_alive():
            return False
        self.wait_ready(_left(deadline))
        conn = self._conn
        assert conn is not None  # set by _spawn; wait_ready raised otherwise
        try:
            conn.send(message)
            if not conn.poll(_left(deadline)):
                self._restart(f"no answer after {time.monotonic() - started:.1f} s")
                raise TimedOut
            kind, _ = conn.recv()
        except (EOFError, OSError):
            return False
        return kind == TAKEN


def _stop(process: Any, conn: Connection | None) -> None:
    """Stop a child: it exits when its end of the pipe closes."""
    if conn is not None:
        conn.close()
    if process is not None:
        process.join(STOP_SECONDS)
        if process.is_alive():
            process.kill()
            process.join()


def _left(deadline: float | None) -> float | None:
    return None if deadline is None else max(0.0, deadline - time.monotonic())


def serve(conn: Connection, build: Callable[[], Language], parent: int) -> None:
    """The child's main loop: build the pipeline, then answer documents until the
    worker closes the pipe (or is gone)."""
    # Ctrl-C in a terminal reaches the whole process group; the worker decides
    # when its child stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker killed outright (SIGKILL) cannot stop its child: the child stops
    # itself once it has a new parent. Watched rather than left to the kernel's
    # parent-death signal, which comes when the *thread* that started the child
    # ends: here a request thread, or the thread that loads in the background.
    watch_parent(parent)
    try:
        nlp = build()
    except BaseException:  # noqa: BLE001 - reported to the worker, which logs it
        conn.send((FAILED, traceback.format_exc()))
        return
    conn.send((READY, nlp.max_length))
    while True:
        try:
            kind, args = conn.recv()
            conn.send((TAKEN, None))
        except (EOFError, OSError):
            return
        try:
            if kind == ONE:
                text, doc_id = args
                value: Any = extract(
                    text, id=doc_id, nlp=nlp, min_confidence=EVERY_QUOTE
                )
            else:
                value = _many(nlp, *args)
        except Exception:  # noqa: BLE001 - the worker answers 500 for it
            conn.send((ERROR, traceback.format_exc()))
        else:
            conn.send((DONE, value))


def _many(
    nlp: Language, items: list[tuple[str | None, str]], batch_size: int
) -> list[Record | Exception]:
    """As ``Engine.extract_batch`` in the worker: one failing document fails only
    itself. Errors go back as ``EngineError``, which always pickles."""
    try:
        return list(
            extract_many(
                items, nlp=nlp, batch_size=batch_size, min_confidence=EVERY_QUOTE
            )
        )
    except Exception:  # noqa: BLE001 - isolated below, document by document
        out: list[Record | Exception] = []
        for doc_id, text in items:
            try:
                out.append(
                    extract(text, id=doc_id, nlp=nlp, min_confidence=EVERY_QUOTE)
                )
            except Exception:  # noqa: BLE001 - the worker reports it for this id
                out.append(EngineError(traceback.format_exc()))
        return out
