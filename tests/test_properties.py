"""Properties of ``extract`` on any text: it never raises, and every offset it
gives slices the text sent to exactly the text it reports.

Two kinds of input: news-like text assembled from names, speech verbs, words and
quotation marks of every style (so that quotes, cues, speakers, sources and nested
quotes are actually produced; ``test_the_strategy_reaches_*`` proves it), and pure
noise from all of Unicode. Both are salted with what breaks text code: control
characters, right-to-left text and marks, emoji with joiners and modifiers,
combining marks, odd line breaks and lone quotation marks.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, Phase, example, find, given, settings
from hypothesis import strategies as st

from whosaid import Record, extract, extract_many
from whosaid.api.options import UTF16, Options, shape

# Every style the engine knows, alone and in the wrong places, plus dashes.
MARKS = ['"', "“", "”", "‘", "’", "'", "«", "»", "„", "‹", "›", "``", "''", "—", "‚"]
NAMES = [
    "Maria Lopez",
    "the mayor",
    "Mr. Smith",
    "Dr. Amal Haddad",
    "officials",
    "a spokesman for the ministry",
    "He",
    "she",
    "The Interior Ministry",
    "O'Brien",
    "José Núñez",
    "מרים כהן",
    "李明",
]
CUES = [
    "said",
    "says",
    "told reporters",
    "added",
    "warned",
    "according to",
    "said:",
    "said that",
    "noted",
    "asked",
]
WORDS = [
    "the",
    "bridge",
    "will",
    "hold",
    "we",
    "are",
    "ready",
    "no",
    "comment",
    "it's",
    "rebels'",
    "'90s",
    "2024",
    "U.S.",
    "…",
    "...",
    ":",
    ";",
    ",",
    ".",
    "?",
    "!",
    "(",
    ")",
    "-",
]
ODD = [
    "😀",
    "👩🏽‍⚕️",
    "🇺🇦",
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u200b",
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b[31m",
    "\r",
    "\u2028",
    "\x85",
    "e\u0301",
    "שלום",
    "مرحبا بكم",
    "\t",
    "\u00a0",
]
# Pairs as they are meant to be used, so that quotes (and quotes in quotes) happen.
PAIRS = [
    ("“", "”"),
    ("‘", "’"),
    ('"', '"'),
    ("'", "'"),
    ("«", "»"),
    ("»", "«"),
    ("„", "“"),
    ("‹", "›"),
    ("``", "''"),
]
SEPARATORS = [" ", "", "\n", "\n\n", " \r\n", "\t"]
# spaCy makes a Doc of at most this many characters; the API's limit is 1 MB of
# UTF-8, which is never more characters than that.
ONE_MB = 1_000_000

EXAMPLES = 120
NOISE_EXAMPLES = 80
ENGINE = settings(
    deadline=None,  # a spaCy call's time varies with the machine's load
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

words = st.lists(st.sampled_from(WORDS + ODD), max_size=10).map(" ".join)
marks = st.sampled_from(MARKS)
# A proper pair, or any two marks.
pairs = st.one_of(st.sampled_from(PAIRS), st.tuples(marks, marks))


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """One sentence shaped like a news quote, with marks that may not match."""
    name, cue = draw(st.sampled_from(NAMES)), draw(st.sampled_from(CUES))
    body = draw(words)
    opening, closing = draw(pairs)
    inner_open, inner_close = draw(pairs)
    inner = f" {inner_open}{draw(words)} word{inner_close} "
    shapes = [
        f"{opening}{body},{closing} {cue} {name}.",
        f"{opening}We {body}{inner} now,{closing} {cue} {name}.",
        f"{name} {cue} {opening}{body} {inner}{closing}",
        f"{name} {cue} {body}.",
        f"{cue.capitalize()} {name}, {body}.",
        f"{opening}{body}{closing} — {name}",
        f"{name} called it {opening}{body}{closing} on Monday.",
    ]
    return draw(st.sampled_from(shapes))


noise = st.text(max_size=300)  # all of Unicode but lone surrogates
# Half sentences, half debris between them.
fragments = st.one_of(
    sentences(),
    st.one_of(words, marks, st.sampled_from(ODD), st.text(max_size=20)),
)


@st.composite
def articles(draw: st.DrawFn) -> str:
    parts = draw(st.lists(fragments, max_size=12))
    return "".join(part + draw(st.sampled_from(SEPARATORS)) for part in parts)


def assert_offsets(text: str, record: Record) -> None:
    """Every span of ``record`` slices ``text`` to its own text; nested quotes lie
    inside their parent; ids and references hold together."""

    def check(start: int, end: int, span_text: str) -> None:
        assert 0 <= start <= end <= len(text), (start, end, len(text))
        assert text[start:end] == span_text, (start, end, span_text)

    quote_ids = [q.id for q in record.quotes]
    source_ids = [s.id for s in record.sources]
    assert len(set(quote_ids)) == len(quote_ids)
    assert len(set(source_ids)) == len(source_ids)
    for quote in record.quotes:
        check(quote.start, quote.end, quote.text)
        assert quote.kind in ("direct", "indirect", "mixed")
        assert 0.0 <= quote.confidence <= 1.0
        if quote.cue is not None:
            check(quote.cue.start, quote.cue.end, quote.cue.text)
        if quote.speaker is not None:
            mention = quote.speaker.mention
            check(mention.start, mention.end, mention.text)
            assert quote.speaker.source_id in source_ids
        for nested in quote.nested:
            check(nested.start, nested.end, nested.text)
            assert quote.start <= nested.start <= nested.end <= quote.end
    for source in record.sources:
        for mention in source.mentions:
            check(mention.start, mention.end, mention.text)
        assert set(source.quote_ids) <= set(quote_ids)
    assert record.source_mix.quotes == len(record.quotes)
    assert record.source_mix.sources == len(record.sources)
    json.dumps(record.to_dict(), ensure_ascii=False).encode("utf-8")


def utf16_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


@settings(ENGINE, max_examples=EXAMPLES)
@given(text=articles())
@example(text="")
@example(text=" \n\n\t ")
@example(text="".join(MARKS))
@example(text='"“Nested ‘inside’ here,” she said," he said.')
def test_news_like_text_gives_valid_offsets(nlp, text):
    assert_offsets(text, extract(text, nlp=nlp))


@settings(ENGINE, max_examples=NOISE_EXAMPLES)
@given(text=noise)
def test_any_unicode_gives_valid_offsets(nlp, text):
    assert_offsets(text, extract(text, nlp=nlp))


@pytest.mark.parametrize("mark", MARKS)
def test_a_lone_mark_anywhere(nlp, mark):
    for text in (mark, f"{mark}Hi", f"Hi{mark}", f"“Hi,” {mark} she said {mark}"):
        assert_offsets(text, extract(text, nlp=nlp))


@settings(ENGINE, max_examples=5)
@given(text=articles().filter(lambda t: len(t.encode("utf-8")) < 2_000))
def test_a_1_mb_text_gives_valid_offsets(nlp, text):
    """Offsets stay right a megabyte into the text: the article follows 1 MB (of
    UTF-8, the API's limit) of one unbroken token, which costs the engine little
    (prose that long takes it minutes: see tests/api/test_pathological.py)."""
    filler = "x" * (ONE_MB - len(text.encode("utf-8")) - 1)
    big = f"{filler}\n{text}"
    assert len(big.encode("utf-8")) == ONE_MB
    assert_offsets(big, extract(big, nlp=nlp))


@settings(ENGINE, max_examples=40)
@given(text=articles())
def test_utf16_offsets_slice_the_utf16_text(nlp, text):
    """What a JavaScript client counts: code units, two for an emoji."""
    record = shape(extract(text, nlp=nlp), text, Options(offsets=UTF16))
    for quote in record.quotes:
        assert utf16_slice(text, quote.start, quote.end) == quote.text
        spans = [quote.cue, quote.speaker and quote.speaker.mention, *quote.nested]
        for span in filter(None, spans):
            assert utf16_slice(text, span.start, span.end) == span.text


@settings(ENGINE, max_examples=15)
@given(texts=st.lists(articles(), min_size=1, max_size=6))
def test_extract_many_gives_what_extract_gives(nlp, texts):
    """nlp.pipe, which the batch endpoint uses, and nlp() agree document by
    document."""
    items = [(str(n), text) for n, text in enumerate(texts)]
    many = list(extract_many(items, nlp=nlp, batch_size=4))
    assert many == [extract(text, id=doc_id, nlp=nlp) for doc_id, text in items]


# The first match will do: no shrinking, which would cost many more pipeline calls.
FIND = settings(
    deadline=None, max_examples=1_000, database=None, phases=[Phase.generate]
)


@pytest.mark.parametrize(
    "reached",
    [
        lambda r: len(r.quotes) >= 2,
        lambda r: any(q.speaker is not None for q in r.quotes),
        lambda r: any(q.kind == "indirect" for q in r.quotes),
        lambda r: any(q.nested for q in r.quotes),
        lambda r: len(r.sources) >= 2,
    ],
    ids=["quotes", "speaker", "indirect", "nested", "sources"],
)
def test_the_strategy_reaches_quotes_speakers_and_nesting(nlp, reached):
    """The news-like strategy exercises what the properties are about."""
    find(articles(), lambda t: reached(extract(t, nlp=nlp)), settings=FIND)
