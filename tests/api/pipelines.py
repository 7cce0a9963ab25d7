"""Pipeline factories for the extraction process in tests. They are module-level
so that a fresh interpreter can import them (``WHOSAID_PIPELINE`` with a time
limit): whosaid's pipeline behind a first component that misbehaves on a marker
in the text, as a pathological document or a crash in native code would."""

from __future__ import annotations

import os
import time

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from whosaid.pipeline import build

SLEEP = "<<sleep>>"  # the document takes far longer than any time limit
DIE = "<<die>>"  # the process dies, as in a segfault or at the OOM killer
RAISE = "<<raise>>"  # the engine raises, as on a bug
SLEEP_SECONDS = 600
CRASH_EXIT_CODE = 70


@Language.component("whosaid_test_trouble")
def trouble(doc: Doc) -> Doc:
    text = doc.text
    if SLEEP in text:
        time.sleep(SLEEP_SECONDS)
    if DIE in text:
        os._exit(CRASH_EXIT_CODE)
    if RAISE in text:
        raise RuntimeError("the engine broke on this document")
    return doc


def troubled() -> Language:
    """whosaid's pipeline with ``trouble`` first."""
    nlp = build()
    nlp.add_pipe("whosaid_test_trouble", first=True)
    return nlp


NOT_IN_ZONE = "a document was processed outside a memory zone"


@Language.component("whosaid_test_zone_probe")
def zone_probe(doc: Doc) -> Doc:
    if not doc.vocab.in_memory_zone:
        raise RuntimeError(NOT_IN_ZONE)
    return doc


def zoned() -> Language:
    """whosaid's pipeline with a last component that fails any document processed
    outside spaCy's memory zone."""
    nlp = build()
    nlp.add_pipe("whosaid_test_zone_probe", last=True)
    return nlp


FAIL_FLAG = "WHOSAID_TEST_FAIL_FLAG"


def fails_when_flagged() -> Language:
    """A blank pipeline that cannot be built once the file named by
    ``WHOSAID_TEST_FAIL_FLAG`` exists: a replacement process that fails to load."""
    flag = os.environ.get(FAIL_FLAG)
    if flag and os.path.exists(flag):
        raise OSError("model missing")
    return spacy.blank("en")


def missing() -> Language:
    """A pipeline that cannot be built."""
    raise OSError("model missing")


def blank() -> Language:
    """A pipeline that loads at once, for tests of the process, not of records."""
    return spacy.blank("en")
