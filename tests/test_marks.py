"""Quotation-mark pairing on characters (whosaid.marks)."""

from __future__ import annotations

import time

import pytest

from whosaid.marks import MAX_OPEN, find_quoted_spans


def inner(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quoted_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"The bridge will reopen," she said.', "The bridge will reopen,"),
        ("“The bridge will reopen,” she said.", "The bridge will reopen,"),
        ("‘The bridge will reopen,’ she said.", "The bridge will reopen,"),
        ("'The bridge will reopen,' she said.", "The bridge will reopen,"),
        ("«The bridge will reopen», she said.", "The bridge will reopen"),
        ("»The bridge will reopen«, she said.", "The bridge will reopen"),
        ("„The bridge will reopen“, she said.", "The bridge will reopen"),
        ("''The bridge will reopen,'' she said.", "The bridge will reopen,"),
        ("``The bridge will reopen,'' she said.", "The bridge will reopen,"),
        ("« The bridge will reopen », she said.", "The bridge will reopen"),
    ],
)
def test_every_mark_style(text, expected):
    assert inner(text) == [expected]


def test_offsets_are_inside_the_marks():
    text = 'He said: "Stay home." Then he left.'
    (span,) = find_quoted_spans(text)
    assert text[span.open_start] == '"' and text[span.close_end - 1] == '"'
    assert (span.open_start + 1, span.close_end - 1) == (span.start, span.end)


@pytest.mark.parametrize(
    "text",
    [
        "The rebels' pocket shrank and the mayor's office closed.",
        "Don't go back to the '90s, they won't return 'em.",
        "Rock 'n' roll, said O'Brien, isn't dead.",
        "It’s the rebels’ last stand, and ’tis the season.",
    ],
)
def test_apostrophes_are_not_quotes(text):
    assert inner(text) == []


def test_plural_possessive_inside_single_quotes():
    text = "She called it ‘the rebels’ last stand’ on Monday."
    assert inner(text) == ["the rebels’ last stand"]


def test_nested_quote_stays_inside_its_parent():
    text = "\"He told me 'you cannot park here' and left,\" the guard said."
    outer, nested = find_quoted_spans(text)
    assert (
        text[outer.start : outer.end] == "He told me 'you cannot park here' and left,"
    )
    assert text[nested.start : nested.end] == "you cannot park here"
    assert (outer.depth, nested.depth) == (0, 1)
    assert nested.parent == 0
    assert outer.start <= nested.open_start and nested.close_end <= outer.end


def test_curly_nesting():
    text = "“I said ‘no’ twice,” she recalled."
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == ["I said ‘no’ twice,", "no"]
    assert spans[1].parent == 0


def test_multi_paragraph_quote_is_a_span_per_paragraph():
    text = (
        "“The first thing is the river.\n\n"
        "“The second is the rain.\n\n"
        "“The third is that nobody listens,” said the hydrologist."
    )
    spans = find_quoted_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "The first thing is the river.",
        "The second is the rain.",
        "The third is that nobody listens,",
    ]
    assert [s.paragraphs for s in spans] == [1, 2, 3]
    assert [s.depth for s in spans] == [0, 0, 0]


def test_unbalanced_mark_costs_only_its_own_span():
    text = (
        "“An opening mark that is never closed.\n\n"
        "Later the mayor said “the road is open” and “the school is too”."
    )
    assert inner(text) == ["the road is open", "the school is too"]


def test_stray_closing_mark_is_ignored():
    text = "The sign” was old. “It works,” he said."
    assert inner(text) == ["It works,"]


def test_stray_straight_mark_before_a_real_quote():
    text = 'A stray " mark, then "a real quote" here.'
    assert inner(text) == ["a real quote"]


def test_wrong_closing_glyph_still_closes():
    assert inner("“Hello,“ he said.") == ["Hello,"]


def test_mixed_straight_and_curly():
    assert inner('"We will win,” she said.') == ["We will win,"]


def test_markup_attribute_values_are_still_paired():
    # Pairing is mechanical; the content stage decides that author="x" is no quote.
    assert inner('<tweet author="x">') == ["x"]


def test_empty_and_whitespace_only_pairs_are_dropped():
    assert inner('He said "" and “  ” then left.') == []


def test_no_marks():
    assert find_quoted_spans("") == []
    assert find_quoted_spans("Plain text with no quotation at all.") == []


# Generous bounds: these inputs took 39 s, 36 s and 470 s before pairing was made
# linear; now they take a fraction of a second. The bound says "not quadratic".
LINEAR_SECONDS = 20


@pytest.mark.parametrize(
    "text",
    [
        "“a " * 10_000,  # ten thousand marks left open in one paragraph
        "“a ‘b " * 5_000,
        "‘x " + "bus' " * 20_000,  # plural possessives with no real closer after
        ("“" + "x" * 8 + "” ") * 90_000,  # 1 MB of ordinary pairs
    ],
    ids=["opening", "nested-opening", "possessives", "pairs-1mb"],
)
def test_many_marks_are_paired_in_linear_time(text):
    started = time.perf_counter()
    spans = find_quoted_spans(text)
    assert time.perf_counter() - started < LINEAR_SECONDS
    assert all(text[s.start : s.end].strip() for s in spans)


def test_a_quote_after_many_stray_opening_marks_is_still_paired():
    text = "“stray " * (MAX_OPEN * 2) + "he said “we are here” and left."
    assert inner(text)[-1] == "we are here"


def test_a_possessive_is_skipped_only_when_a_real_closer_follows():
    assert inner("She said ‘the rebels’ pocket’ and ‘the bus’ went.") == [
        "the rebels’ pocket",
        "the bus",
    ]
