"""``whosaid_paragraphs``: a newline starts a sentence before the parser runs."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from whosaid.components.paragraphs import mark_paragraphs


def _doc(words: list[str], spaces: list[bool]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces)


def test_the_token_after_a_newline_starts_a_sentence():
    doc = mark_paragraphs(
        _doc(["Headline", "\n", "She", "said", "it", "."], [False] * 6)
    )
    assert doc[2].is_sent_start is True
    assert doc[3].is_sent_start is not True


def test_only_the_token_right_after_the_newline_is_marked():
    """Only the token right after the newline token is marked, and never a
    whitespace token."""
    doc = mark_paragraphs(_doc(["One", "\n", "  ", "Two"], [False] * 4))
    assert doc[2].is_sent_start is not True
    assert doc[3].is_sent_start is not True


def test_a_space_that_is_no_newline_changes_nothing():
    doc = mark_paragraphs(_doc(["One", "  ", "Two", "three"], [False] * 4))
    assert [t.is_sent_start for t in doc][1:] == [None, None, None]


def test_the_pipeline_splits_a_headline_from_the_quote_below_it(nlp):
    doc = nlp("Mayor speaks out\n“We will build it,” the mayor said.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert "“" in starts
