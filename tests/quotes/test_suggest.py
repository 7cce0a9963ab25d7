"""Candidate contents: every constituent next to an attributing word, and at run
time only those a cue could attribute."""

from __future__ import annotations

from whosaid.content_model import COMPONENT
from whosaid.quotes.suggest import (
    attributable_candidates,
    content_candidates,
    governing_cue,
)

TEXT = (
    "The senator toured the plant on Monday. She said the factory would close by "
    "spring. The union, its leader warned, will strike. Critics complained about the "
    "delays."
)


def _texts(doc, spans):
    return {doc[s:e].text for s, e in spans}


def test_candidates_include_clauses_objects_and_interrupted_clauses(parse_before):
    doc = parse_before(TEXT, COMPONENT)
    found = _texts(doc, content_candidates(doc))
    assert "the factory would close by spring" in found
    assert "the plant" in found
    assert "the delays" in found


def test_attributable_candidates_are_the_cue_governed_ones(parse_before):
    doc = parse_before(TEXT, COMPONENT)
    cue_at = {c.head: c for c in doc._.whosaid_cues}
    every = content_candidates(doc)
    kept = attributable_candidates(doc)
    expected = [
        (s, e) for s, e in every if governing_cue(doc, s, e, cue_at) is not None
    ]
    assert kept == expected
    assert "the factory would close by spring" in _texts(doc, kept)
    assert "the plant" not in _texts(doc, kept)  # "toured" reports nothing
    assert len(kept) < len(every)
