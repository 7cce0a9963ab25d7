"""``whosaid_content``: which quoted spans are quotations, and of which kind."""

from __future__ import annotations

import pytest

from tests.conftest import only


def kinds(record):
    return [(q.kind, q.text) for q in record.quotes]


@pytest.mark.parametrize(
    "text",
    [
        "“The dam will hold,” the engineer said.",
        "The engineer said: “The dam will hold.”",
        "The engineer said, “The dam will hold.”",
        "The engineer told reporters “the dam will hold for another decade.”",
        "The engineer said that “the dam will hold for another decade.”",
        "“The dam will hold.”",
    ],
)
def test_standalone_quotes_are_direct(run, text):
    quote = only(run(text))
    assert quote.kind == "direct"
    assert "dam will hold" in quote.text


def test_direct_span_excludes_the_marks_and_keeps_inner_punctuation(run):
    text = "“The dam will hold,” the engineer said."
    quote = only(run(text))
    assert (quote.start, quote.end) == (1, 19)
    assert quote.text == text[quote.start : quote.end] == "The dam will hold,"


def test_a_title_is_not_a_quote(run):
    record = run("She starred in “The Long Night” before the war.")
    assert record.quotes == ()


def test_markup_attribute_is_not_a_quote(run):
    record = run('<tweet author="mayor">We reopen Monday.</tweet>')
    assert all(q.text != "mayor" for q in record.quotes)


def test_a_scare_quoted_phrase_in_reported_speech_makes_it_mixed(run):
    record = run("The mayor said the plan was “a disaster” for the city.")
    quote = only(record)
    assert quote.kind == "mixed"
    assert quote.text == "the plan was “a disaster” for the city"


def test_a_quoted_infinitive_after_its_verb_is_a_fragment_of_a_mixed_quote(run):
    text = (
        'The coach urged the players "to keep their heads up and play for each other."'
    )
    quote = only(run(text))
    assert quote.kind == "mixed"
    assert quote.text.startswith("the players")
    assert quote.speaker.text == "The coach"


def test_nested_quote_is_kept_inside_its_parent(run):
    text = "“He told me ‘you cannot park here’ and left,” the guard said."
    quote = only(run(text))
    assert quote.kind == "direct"
    (nested,) = quote.nested
    assert nested.text == "you cannot park here"
    assert quote.start <= nested.start and nested.end <= quote.end


def test_multi_paragraph_quote_is_a_record_per_paragraph_with_one_speaker(run):
    text = (
        "“The first thing is the river.\n\n"
        "“The second is the rain.\n\n"
        "“The third is that nobody listens,” said the hydrologist Amir Khan."
    )
    quotes = run(text).quotes
    assert [q.text for q in quotes] == [
        "The first thing is the river.",
        "The second is the rain.",
        "The third is that nobody listens,",
    ]
    assert all(q.kind == "direct" for q in quotes)
    assert all(q.speaker and q.speaker.text.endswith("Amir Khan") for q in quotes)


def test_unbalanced_mark_does_not_lose_the_other_quotes(run):
    text = (
        "The teacher said “the test was fair. “The results are good,” the principal "
        "said.\n\nThe board met. “We agree,” its chair said."
    )
    texts = [q.text for q in run(text).quotes if q.kind == "direct"]
    # A mark reopened after a sentence end starts a paragraph the copy ran on
    # (whosaid.layout): the unclosed quote ends with its sentence.
    assert texts == ["the test was fair.", "The results are good,", "We agree,"]
