"""spaCy's memory zone around every document whosaid processes.

spaCy's vocabulary keeps every string and lexeme it has ever seen, so a service
that reads news (new names, new words every day) grows without end. Inside
``nlp.memory_zone()`` the strings and lexemes a document adds are transient and
freed when the zone closes. whosaid reads everything it needs off the ``Doc``
into plain records before the zone closes, so no caller ever holds a ``Doc``
whose strings are gone.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from spacy.language import Language

# Documents per zone in a stream: the strings of one zone's documents are freed
# together, so memory stays bounded by this many documents' new words.
DOCS_PER_ZONE = 64


@contextmanager
def memory_zone(nlp: Language) -> Iterator[None]:
    """``nlp.memory_zone()``, unless the caller has one open: spaCy's zones do not
    nest, and the caller's zone frees the same strings when it closes."""
    if nlp.vocab.in_memory_zone:
        yield
        return
    with nlp.memory_zone():
        yield
