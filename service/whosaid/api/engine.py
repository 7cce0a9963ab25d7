"""The worker's pipeline, as the web layer sees it: loading state, use, and the
time limit.

One ``Engine`` per app, kept in ``app.extensions["whosaid"]``. It builds the spaCy
pipeline once, either in the app factory (the worker serves only when it is
ready) or in a background thread (the worker answers at once, and ``/v1/health``
says 503 until the pipeline is ready).

With a time limit (the default), the pipeline lives in an extraction process
(``whosaid.api.isolation``) that is killed and replaced when a document
overruns, so that no document can hang the worker. Without one, it runs in the
worker itself, as a library user would run it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from spacy.language import Language

from whosaid import Record, extract, extract_many
from whosaid.api.isolation import (
    EVERY_QUOTE,
    Busy,
    Crashed,
    EngineError,
    ExtractionProcess,
    LoadFailed,
    TimedOut,
)

LOADING = "loading"
READY = "ready"
FAILED = "failed"

__all__ = [
    "FAILED",
    "LOADING",
    "READY",
    "Busy",
    "Engine",
    "EngineError",
    "NotReady",
    "TimedOut",
]

log = logging.getLogger(__name__)
T = TypeVar("T")


class NotReady(Exception):
    """The pipeline is still loading, or failed to load."""

    def __init__(self, state: str) -> None:
        super().__init__(state)
        self.state = state


class Engine:
    """Builds the pipeline once and runs documents through it, one caller at a
    time: spaCy does not promise that a pipeline is thread-safe, and under the GIL
    two threads would not run it faster anyway."""

    def __init__(
        self,
        build: Callable[[], Language],
        *,
        batch_size: int,
        time_limit: float | None = None,
        recycle_after: int | None = None,
    ) -> None:
        self._build = build
        self.batch_size = batch_size
        self.time_limit = time_limit
        self._process = (
            ExtractionProcess(build, recycle_after=recycle_after)
            if time_limit
            else None
        )
        self._nlp: Language | None = None
        self._max_length = 0
        self._state = LOADING
        self._done = threading.Event()
        self._lock = threading.Lock()

    @property
    def state(self) -> str:
        return self._state

    @property
    def isolated(self) -> bool:
        """Whether documents run in an extraction process under the time limit."""
        return self._process is not None

    @property
    def process_id(self) -> int | None:
        """The extraction process's pid, if there is one."""
        return self._process.pid if self._process is not None else None

    def load(self) -> None:
        """Build the pipeline now; a failure is logged and leaves the engine failed."""
        try:
            if self._process is not None:
                self._process.start()
                self._max_length = self._process.max_length
            else:
                self._nlp = self._build()
                self._max_length = self._nlp.max_length
        except Exception as exc:
            self._state = FAILED
            log.error("the whosaid pipeline failed to load: %s", exc, exc_info=exc)
            raise
        else:
            self._state = READY
            log.info("the whosaid pipeline is ready")
        finally:
            self._done.set()

    def load_in_background(self) -> threading.Thread:
        """Build the pipeline in a daemon thread; ``wait`` joins it."""

        def run() -> None:
            try:
                self.load()
            except Exception:  # noqa: BLE001 - logged by load; health reports it
                pass

        thread = threading.Thread(target=run, name="whosaid-load", daemon=True)
        thread.start()
        return thread

    def wait(self, timeout: float | None = None) -> bool:
        """Whether loading has finished (ready or failed) within ``timeout``."""
        return self._done.wait(timeout)

    def close(self) -> None:
        """Stop the extraction process, if any (tests; a worker's exit does it)."""
        if self._process is not None:
            with self._lock:
                self._process.close()

    @property
    def nlp(self) -> Language:
        """The pipeline, when it runs in this process."""
        if self._nlp is None:
            raise NotReady(self._state)
        return self._nlp

    @property
    def max_length(self) -> int:
        """The longest text, in characters, that the pipeline accepts."""
        if self._state != READY:
            raise NotReady(self._state)
        return self._max_length

    def extract(self, text: str, id: str | None = None) -> Record:
        """The record of ``text``. With a time limit: ``Busy`` if the engine is not
        free within it, ``TimedOut`` if the document overruns it."""
        if self._process is None:
            with self._lock:
                return extract(text, id=id, nlp=self.nlp, min_confidence=EVERY_QUOTE)
        process, limit = self._process, self.time_limit or 0.0
        deadline = time.monotonic() + limit
        if not self._lock.acquire(timeout=limit):
            raise Busy("other documents held the engine for the whole time limit")
        try:
            return self._guarded(lambda: process.extract(text, id, _left(deadline)))
        finally:
            self._lock.release()

    def extract_batch(
        self, items: Sequence[tuple[str | None, str]]
    ) -> list[Record | Exception]:
        """Records for ``items`` in order, through ``nlp.pipe``; an exception in
        place of the record of a document the pipeline failed on.

        If the batch fails, its documents are run again one by one, so that only
        the document at fault fails. With a time limit, the batch has the limit
        once per document, and each document run alone has it once.
        """
        with self._lock:
            process, limit = self._process, self.time_limit or 0.0
            if process is None:
                return _in_process_batch(self.nlp, items, self.batch_size)
            try:
                return self._isolated_batch(process, limit, items)
            except NotReady as exc:
                return [exc for _ in items]

    def _isolated_batch(
        self,
        process: ExtractionProcess,
        limit: float,
        items: Sequence[tuple[str | None, str]],
    ) -> list[Record | Exception]:
        self._guarded(lambda: process.wait_ready(None))
        try:
            return self._guarded(
                lambda: process.extract_many(items, self.batch_size, limit * len(items))
            )
        except (TimedOut, Crashed, Busy) as exc:
            if len(items) == 1:
                return [exc]  # run alone already: again would fail again
            log.warning("a batch of %d failed (%r): one by one", len(items), exc)
        return [self._alone(process, limit, *item) for item in items]

    def _alone(
        self, process: ExtractionProcess, limit: float, doc_id: str | None, text: str
    ) -> Record | Exception:
        try:
            # The process may be restarting; its load is not the document's time.
            self._guarded(lambda: process.wait_ready(None))
            return self._guarded(lambda: process.extract(text, doc_id, limit))
        except (TimedOut, EngineError, NotReady, Busy) as exc:
            return exc

    def _guarded(self, call: Callable[[], T]) -> T:
        """``call()``; if the extraction process cannot be rebuilt, the engine has
        failed for good (health says 503) and so has this call."""
        try:
            return call()
        except LoadFailed as exc:
            self._state = FAILED
            log.error("the extraction process failed to load: %s", exc)
            raise NotReady(FAILED) from exc


def _in_process_batch(
    nlp: Language, items: Sequence[tuple[str | None, str]], batch_size: int
) -> list[Record | Exception]:
    try:
        return list(
            extract_many(
                items, nlp=nlp, batch_size=batch_size, min_confidence=EVERY_QUOTE
            )
        )
    except Exception:  # noqa: BLE001 - isolated below, document by document
        return [_one(nlp, doc_id, text) for doc_id, text in items]


def _one(nlp: Language, doc_id: str | None, text: str) -> Record | Exception:
    try:
        return extract(text, id=doc_id, nlp=nlp, min_confidence=EVERY_QUOTE)
    except Exception as exc:  # noqa: BLE001 - the caller reports it for this id
        return exc


def _left(deadline: float) -> float:
    return max(0.0, deadline - time.monotonic())
