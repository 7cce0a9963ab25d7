"""whosaid: quotations in English news, who said them, and what kind of source.

    >>> from whosaid import extract
    >>> record = extract('“We will rebuild,” the mayor said.')
    >>> record.quotes[0].text, record.quotes[0].speaker.text
    ('We will rebuild,', 'the mayor')

``load()`` gives the spaCy pipeline (built once per process); ``extract`` and
``extract_many`` run it and return ``Record`` objects whose ``to_dict()`` is the
JSON wire format; ``merge_sources`` takes many records to the sources across them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language

from whosaid.merge import BatchSource, merge_sources
from whosaid.filters import default_min_confidence, keep
from whosaid.records import Quote, Record, Source, SourceMix, record_from_doc
from whosaid.zones import DOCS_PER_ZONE, memory_zone

__version__ = "0.1.0"
__all__ = [
    "load",
    "extract",
    "extract_many",
    "merge_sources",
    "Record",
    "Quote",
    "Source",
    "SourceMix",
    "BatchSource",
]


def load() -> Language:
    """The whosaid pipeline, built once per process and shared."""
    from whosaid.pipeline import shared

    return shared()


def _checked(text: str) -> str:
    """The text, or a clear error for what the tokenizer cannot take."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"text is not valid Unicode: a lone surrogate at character {exc.start}"
        ) from None
    return text


def _floor(min_confidence: float | None) -> float:
    """The confidence threshold: the given one, else the one chosen on dev data."""
    if min_confidence is None:
        return default_min_confidence()
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"min_confidence must be in [0, 1], not {min_confidence}")
    return min_confidence


def extract(
    text: str,
    *,
    id: str | None = None,
    nlp: Language | None = None,
    min_confidence: float | None = None,
) -> Record:
    """Quotes, speakers and sources of one text, without the quotes whose
    confidence is below ``min_confidence`` (default: the value chosen on dev data;
    0 keeps all). The document's new strings are freed once its record is read (see
    ``whosaid.zones``)."""
    floor = _floor(min_confidence)
    nlp = nlp or load()
    with memory_zone(nlp):
        record = record_from_doc(nlp(_checked(text)), id=id)
    return keep(record, min_confidence=floor)


def extract_many(
    items: Iterable[tuple[str | None, str]],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    min_confidence: float | None = None,
) -> Iterator[Record]:
    """Records for many ``(id, text)`` pairs, in input order, through ``nlp.pipe``,
    filtered as ``extract`` filters; a memory zone per ``DOCS_PER_ZONE`` documents
    keeps a long stream's memory flat."""
    floor = _floor(min_confidence)
    nlp = nlp or load()
    pairs = iter(items)
    while chunk := list(islice(pairs, DOCS_PER_ZONE)):
        with memory_zone(nlp):
            stream = nlp.pipe(
                ((_checked(text), doc_id) for doc_id, text in chunk),
                as_tuples=True,
                batch_size=batch_size,
            )
            for doc, doc_id in stream:
                yield keep(record_from_doc(doc, id=doc_id), min_confidence=floor)
