"""The worker's pipeline, as the web layer sees it: loading state and use.

One ``Engine`` per app, kept in ``app.extensions["whosaid"]``. It builds the spaCy
pipeline once, either in the app factory (the worker serves only when it is
ready) or in a background thread (the worker answers at once, and ``/v1/health``
says 503 until the pipeline is ready).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from spacy.language import Language

from whosaid import Record, extract, extract_many

LOADING = "loading"
READY = "ready"
FAILED = "failed"

log = logging.getLogger(__name__)


class NotReady(Exception):
    """The pipeline is still loading, or failed to load."""

    def __init__(self, state: str) -> None:
        super().__init__(state)
        self.state = state


class Engine:
    """Builds the pipeline once and runs documents through it, one caller at a
    time: spaCy does not promise that a pipeline is thread-safe, and under the GIL
    two threads would not run it faster anyway."""

    def __init__(self, build: Callable[[], Language], *, batch_size: int) -> None:
        self._build = build
        self.batch_size = batch_size
        self._nlp: Language | None = None
        self._state = LOADING
        self._done = threading.Event()
        self._lock = threading.Lock()

    @property
    def state(self) -> str:
        return self._state

    def load(self) -> None:
        """Build the pipeline now; a failure is logged and leaves the engine failed."""
        try:
            self._nlp = self._build()
        except Exception:
            self._state = FAILED
            log.exception("the whosaid pipeline failed to load")
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

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            raise NotReady(self._state)
        return self._nlp

    @property
    def max_length(self) -> int:
        """The longest text, in characters, that the pipeline accepts."""
        return self.nlp.max_length

    def extract(self, text: str, id: str | None = None) -> Record:
        nlp = self.nlp
        with self._lock:
            return extract(text, id=id, nlp=nlp)

    def extract_batch(
        self, items: Sequence[tuple[str | None, str]]
    ) -> list[Record | Exception]:
        """Records for ``items`` in order, through ``nlp.pipe``; an exception in
        place of the record of a document the pipeline failed on.

        If the batch fails, its documents are run again one by one, so that only
        the document at fault fails.
        """
        nlp = self.nlp
        with self._lock:
            try:
                return list(extract_many(items, nlp=nlp, batch_size=self.batch_size))
            except Exception:  # noqa: BLE001 - isolated below, document by document
                return [self._one(nlp, doc_id, text) for doc_id, text in items]

    @staticmethod
    def _one(nlp: Language, doc_id: str | None, text: str) -> Record | Exception:
        try:
            return extract(text, id=doc_id, nlp=nlp)
        except Exception as exc:  # noqa: BLE001 - the caller reports it for this id
            return exc
