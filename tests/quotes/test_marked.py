"""Which quoted spans are quotations (whosaid.quotes.marked.classify_mark), on
short invented sentences parsed up to the content stage."""

from __future__ import annotations

import pytest

from whosaid.quotes import marked
from whosaid.quotes.marked import DIRECT_QUOTE, FRAGMENT, classify_mark
from whosaid.view import DocView


@pytest.fixture(scope="module")
def verdicts(parse_before):
    """``verdicts(text)`` → {quoted text: verdict} for every top-level mark."""

    def _verdicts(text: str) -> dict[str, str | None]:
        doc = parse_before(text, "whosaid_content")
        view = DocView.of(doc)
        return {
            text[m.start : m.end]: classify_mark(view, m)
            for m in doc._.whosaid_marks
            if m.depth == 0
        }

    return _verdicts


@pytest.mark.parametrize(
    ("text", "quoted", "verdict"),
    [
        # A sentence of its own, closed by its attribution.
        ("“The dam will hold,” said Maria Lopez.", "The dam will hold,", DIRECT_QUOTE),
        # After a colon, capitalised.
        (
            "She said: “We will rebuild the bridge.”",
            "We will rebuild the bridge.",
            DIRECT_QUOTE,
        ),
        # Right after the cue verb, to the end of the sentence.
        (
            "The mayor told reporters “the repairs will take a year.”",
            "the repairs will take a year.",
            DIRECT_QUOTE,
        ),
        # A short question opening the sentence.
        ("“Closed?” he asked.", "Closed?", DIRECT_QUOTE),
        # A phrase in the author's sentence.
        ("The mayor called the plan “a disaster” on Monday.", "a disaster", FRAGMENT),
        # A title heading a noun phrase.
        ("“Harbour Lights” star Tom Reed arrived late.", "Harbour Lights", FRAGMENT),
        # An infinitive after its verb is what was urged, not an utterance.
        (
            "She urged them “to stay calm and wait for the ferry”.",
            "to stay calm and wait for the ferry",
            FRAGMENT,
        ),
    ],
)
def test_classify_mark(verdicts, text, quoted, verdict):
    assert verdicts(text)[quoted] == verdict


def test_both_halves_of_a_split_quote_are_direct(verdicts):
    found = verdicts("“Everything we planned,” the judge said, “has been delayed.”")
    assert found == {
        "Everything we planned,": DIRECT_QUOTE,
        "has been delayed.": DIRECT_QUOTE,
    }


def test_after_a_colon_a_lowercase_clause_needs_clause_min_words(verdicts):
    assert marked.CLAUSE_MIN_WORDS == 4
    assert (
        verdicts("The sign read: “closed for the season”.")["closed for the season"]
        == DIRECT_QUOTE
    )
    assert (
        verdicts("The sign read: “closed for winter”.")["closed for winter"] == FRAGMENT
    )


def test_the_thresholds_are_ordered():
    # A short quote may open a sentence only with a cue; longer ones stand alone.
    assert (
        marked.SHORT_MAX_WORDS
        < marked.OPENING_CLAUSE_MIN_WORDS
        < marked.CLAUSE_MIN_WORDS
    )
    assert marked.OPENING_MIN_WORDS <= marked.OPENING_CLAUSE_MIN_WORDS
