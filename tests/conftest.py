"""Shared fixtures: one whosaid pipeline per test session (it takes a second to
build), and helpers that run it on short sentences written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from whosaid import Record, extract, load

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def nlp():
    return load()


@pytest.fixture(scope="session")
def run(nlp):
    """``run(text)`` → the Record for ``text`` with every quote the stages find: the
    stages are tested here, the confidence threshold in its own tests."""

    def _run(text: str) -> Record:
        return extract(text, nlp=nlp, min_confidence=0.0)

    return _run


@pytest.fixture(scope="session")
def parse_before(nlp):
    """``parse_before(text, component)`` → the Doc of ``text`` as ``component``
    receives it: the pipeline run up to, not including, that component."""

    def _parse(text: str, component: str):
        upto = nlp.pipe_names.index(component)
        with nlp.select_pipes(disable=nlp.pipe_names[upto:]):
            return nlp(text)

    return _parse


def only(record: Record, kind: str | None = None):
    """The single quote of a record (of ``kind``), failing clearly otherwise."""
    quotes = [q for q in record.quotes if kind is None or q.kind == kind]
    assert len(quotes) == 1, [(q.kind, q.text) for q in record.quotes]
    return quotes[0]
