"""Every ``Doc`` extension whosaid writes, registered once at import.

Components write these; nothing else does. ``force=True`` keeps re-imports (tests,
notebooks) harmless.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = (
    "whosaid_marks",  # list[marks.QuotedSpan]: every pair of quotation marks
    "whosaid_cues",  # list[candidates.Cue]: speech verbs, "according to", colons, dashes
    "whosaid_quotes",  # list[candidates.QuoteCandidate]: the quotations found
    "whosaid_entities",  # list[resolve.Entity]: speakers resolved to entities
    "whosaid_names",  # names.NameIndex: the name clusters the entities point into
    "whosaid_sources",  # list[records.Source]: one record per distinct source
)


def register() -> None:
    """Register the extensions (idempotent)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()
