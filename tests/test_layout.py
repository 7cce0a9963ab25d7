"""Reading the layout before the parse: wrapped lines, paragraphs, joined paragraphs."""

from __future__ import annotations

import textwrap

import pytest

from whosaid import extract
from whosaid.layout import furniture, reading_text

PARAGRAPHS = [
    "Harbour Council voted on Tuesday to close the old ferry terminal at the end of "
    "the summer, ending a service that has run for more than ninety years.",
    "“We did not take this decision lightly, and we know how much the ferry means to "
    "the people of the north shore,” said Mara Linde, the council leader.",
    "She said the council would spend the savings on a new bus route around the bay, "
    "which she expected to open before the winter.",
    "Residents were not convinced. “The bus takes an hour and the ferry takes ten "
    "minutes,” said Tomas Brek, who has crossed the harbour every day since 1988.",
    "The ferry company said it had not been consulted and would ask the council to "
    "delay the closure by a year.",
]

# Without the paragraph whose quote follows a sentence end (a join, see the last tests).
PLAIN = [p for p in PARAGRAPHS if "convinced" not in p]


def wrap(paragraph: str, width: int, indent: str = "") -> str:
    """Hard-wrap one paragraph as wire copy is: break at the last space that fits."""
    return "\n".join(
        textwrap.wrap(
            paragraph,
            width,
            initial_indent=indent,
            break_long_words=False,
            break_on_hyphens=False,
        )
    )


def same_length_clean(wrapped: str, separator: str) -> str:
    """The text one paragraph a line, with the same offsets as ``wrapped``."""
    paragraphs = wrapped.split(separator)
    return separator.join(p.replace("\n", " ") for p in paragraphs)


@pytest.mark.parametrize("width", [60, 70])
def test_blank_line_paragraphs_wrapped_lines_become_spaces(width: int) -> None:
    text = "\n\n".join(wrap(p, width) for p in PARAGRAPHS)
    assert text.count("\n") > 2 * len(PARAGRAPHS)
    clean = same_length_clean(text, "\n\n")
    assert reading_text(text) == reading_text(clean)
    assert reading_text(text).count("\n") == clean.count("\n") + 1  # one join


def test_indented_paragraphs() -> None:
    text = "\n".join(wrap(p, 64, indent="    ") for p in PARAGRAPHS)
    reading = reading_text(text)
    lines = [line for line in reading.split("\n") if line.startswith("    ")]
    assert [" ".join(line.split()) for line in lines] == [
        p.split(" “The bus")[0] for p in PARAGRAPHS
    ]


def test_single_newline_paragraphs_end_at_short_lines_and_sentence_ends() -> None:
    text = "\n".join(wrap(p, 66) for p in PARAGRAPHS)
    assert reading_text(text) == reading_text("\n".join(PARAGRAPHS))


def test_a_quote_over_wrapped_lines_keeps_its_speaker() -> None:
    text = "\n\n".join(wrap(p, 58) for p in PARAGRAPHS)
    record = extract(text)
    quote = next(q for q in record.quotes if q.text.startswith("We did not"))
    # The text field is the slice of the text as sent, newlines and all.
    assert quote.text == text[quote.start : quote.end]
    assert "\n" in quote.text
    assert quote.speaker is not None and "Linde" in quote.speaker.name
    ferry = next(q for q in record.quotes if q.text.startswith("The bus takes"))
    assert ferry.speaker is not None and "Brek" in ferry.speaker.name


def test_wrapped_text_gives_the_records_of_the_unwrapped_text() -> None:
    wrapped = "\n\n".join(wrap(p, 62) for p in PARAGRAPHS)
    clean = same_length_clean(wrapped, "\n\n")
    got, want = extract(wrapped).to_dict(), extract(clean).to_dict()
    key = [
        (q["start"], q["end"], q["speaker"] and q["speaker"]["name"])
        for q in want["quotes"]
    ]
    assert [
        (q["start"], q["end"], q["speaker"] and q["speaker"]["name"])
        for q in got["quotes"]
    ] == key
    assert len(key) >= 3


def test_crlf_wrapped_text() -> None:
    text = "\r\n\r\n".join(wrap(p, 60).replace("\n", "\r\n") for p in PLAIN)
    reading = reading_text(text)
    assert len(reading) == len(text)
    paragraphs = reading.split("\r\n\r\n")
    assert not any("\n" in p or "\r" in p for p in paragraphs)
    assert [" ".join(p.split()) for p in paragraphs] == PLAIN


def test_crlf_paragraphs_are_kept() -> None:
    text = "\r\n".join(PLAIN)
    assert reading_text(text) == text
    record = extract(text)
    assert any(q.speaker and "Linde" in q.speaker.name for q in record.quotes)


@pytest.mark.parametrize(
    "text",
    [
        "Roses are red\nViolets are blue\nThe council is closing\nThe ferry to you\n",
        "Results:\nLinde 4,210\nBrek 3,977\nOthers 1,002\nTurnout 61 per cent\n",
        "Harbour vote\n\nThe council met on Tuesday.\nIt voted to close the ferry.\n",
    ],
)
def test_short_lines_are_real_breaks(text: str) -> None:
    assert reading_text(text) == text


def test_one_paragraph_a_line_is_left_alone() -> None:
    text = "\n".join(PLAIN)
    assert reading_text(text) == text


def test_joined_paragraphs_are_split_before_a_reopened_quote() -> None:
    text = (
        '"We are ready. "The bus will run every ten minutes. "Nobody will be left '
        'behind," Ms Linde said.'
    )
    reading = reading_text(text)
    assert len(reading) == len(text)
    assert reading.count("\n") == 2
    assert [i for i, ch in enumerate(reading) if ch == "\n"] == [
        text.index(' "The'),
        text.index(' "Nobody'),
    ]
    record = extract(text)
    texts = [q.text for q in record.quotes]
    assert texts[:3] == [
        "We are ready.",
        "The bus will run every ten minutes.",
        "Nobody will be left behind,",
    ]
    assert all(q.speaker and "Linde" in q.speaker.name for q in record.quotes[:3])


def test_an_abbreviation_before_a_mark_joins_nothing() -> None:
    text = 'The motion was put by Mr. "Tiny" Brek, the councillor.'
    assert reading_text(text) == text


def test_a_joined_paragraph_follow_on_keeps_the_speaker() -> None:
    text = (
        "“The ferry is a lifeline,” said Tomas Brek, a fisherman. "
        "“Without it the north shore dies.”"
    )
    record = extract(text)
    assert [q.speaker and q.speaker.name for q in record.quotes] == [
        "Tomas Brek",
        "Tomas Brek",
    ]


def test_wire_copy_with_indented_paragraphs_and_wire_marks() -> None:
    wire = [
        "HARBOUR CITY (WS) _ The harbour council voted Tuesday to close the old "
        "ferry terminal at the end of the summer, ending ninety years of service.",
        "``We did not take this decision lightly,'' said council leader Mara Linde, "
        "who has led the council since the spring elections.",
        "Fishermen on the north shore said they would fight the closure in court, "
        "and their union called the vote ``a betrayal of the whole coast.''",
    ]
    text = "\n".join(wrap(p, 68, indent="   ") for p in wire) + "\n"
    reading = reading_text(text)
    assert [" ".join(line.split()) for line in reading.splitlines()] == wire
    record = extract(text)
    quote = next(q for q in record.quotes if q.text.startswith("We did not"))
    assert quote.kind == "direct"
    assert quote.speaker is not None and quote.speaker.name == "Mara Linde"


@pytest.mark.parametrize(
    "text, lines",
    [
        ("Mara Linde: Ferry Vote Was Hard\n\nThe council voted on Tuesday.", 1),
        ("Council closes the ferry\n\nThe council voted on Tuesday.", 1),
        ("By Jane Doe\nThe council voted on Tuesday. It was close.", 1),
        ("Ferry Vote\nBy Jane Doe | Harbour Times\n\nThe council voted on Tuesday.", 2),
        ("The council voted on Tuesday.\n\nIt was close.", 0),
    ],
)
def test_headline_and_byline_lines_are_furniture(text: str, lines: int) -> None:
    spans = furniture(text)
    assert len(spans) == lines
    for start, end in spans:
        assert "\n" not in text[start:end]


def test_no_description_is_taken_from_a_headline() -> None:
    text = (
        "Mara Linde: Voters Worried About The Ferry\n\n"
        "Council leader Mara Linde said on Tuesday that the ferry would close. "
        "“We did not take this lightly,” Linde said."
    )
    record = extract(text)
    linde = next(s for s in record.sources if s.name == "Mara Linde")
    assert linde.description is None or "Worried" not in linde.description
