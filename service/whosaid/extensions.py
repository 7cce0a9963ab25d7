"""Every ``Doc`` extension whosaid writes, registered once at import.

Components write these; nothing else does. ``force=True`` keeps re-imports (tests,
notebooks) harmless.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = (
    "whosaid_text",  # str: doc.text, which spaCy rebuilds from the tokens on every read
    "whosaid_sent",  # str | None: the text as sent, where its layout was read (layout.py)
    "whosaid_marks",  # list[marks.QuotedSpan]: every pair of quotation marks
    "whosaid_cues",  # list[candidates.Cue]: speech verbs, "according to", colons, dashes
    "whosaid_quotes",  # list[candidates.QuoteCandidate]: the quotations found
    "whosaid_entities",  # list[resolve.Entity]: speakers resolved to entities
    "whosaid_names",  # names.NameIndex: the name clusters the entities point into
    "whosaid_sources",  # list[records.Source]: one record per distinct source
)


def doc_text(doc: Doc) -> str:
    """The text of ``doc``, read once per document by the first whosaid stage."""
    text = doc._.whosaid_text
    if text is None:
        text = doc.text
        doc._.whosaid_text = text
    return text


def sent_text(doc: Doc) -> str:
    """The exact text sent, which records slice. The parser reads a layout-mended copy
    of the same length (``whosaid.layout``), so offsets hold in both."""
    sent = doc._.whosaid_sent
    return doc_text(doc) if sent is None else sent


def register() -> None:
    """Register the extensions (idempotent)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()
