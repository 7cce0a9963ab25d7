"""Filters on a finished ``Record``: kinds of quote, cue types, a confidence floor.

They run after extraction, so the engine knows nothing of them and a record always
leaves the engine whole. Each drops quotes, then rebuilds what depends on them
before anyone reads it: the sources' quote lists (a source left without quotes is
no longer listed; one that only declined to comment stays) and the source mix.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from whosaid.candidates import CUE_TYPES, KINDS, STATEMENT
from whosaid.mix import source_mix
from whosaid.records import Quote, Record


# Every record comes back unless the caller asks for fewer. The threshold that
# maximises all-kinds attribution F1 on development data (``recommended_…`` below)
# drops the quotes whose speaker was not found, and with them about 0.02 of quote F1
# and a tenth of the anonymous sources: a choice for a user who reads source lists,
# not a default for one who wants every quotation.
DEFAULT_MIN_CONFIDENCE = 0.0


def default_min_confidence() -> float:
    """The threshold applied when none is given: none (every record)."""
    return DEFAULT_MIN_CONFIDENCE


def recommended_min_confidence() -> float:
    """The threshold that maximises all-kinds attribution F1 on the development data
    the confidence model was fitted on (``models/weights/confidence``)."""
    from whosaid.components.confidence import default_min_confidence as chosen

    return chosen()


def cue_type_of(quote: Quote) -> str:
    """A quote's cue type; one with no cue of its own (a quotation that continues
    its speaker's, or stands alone in marks) is a statement."""
    return quote.cue.type if quote.cue is not None else STATEMENT


def keep(
    record: Record,
    *,
    kinds: Iterable[str] | None = None,
    cue_types: Iterable[str] | None = None,
    min_confidence: float | None = None,
) -> Record:
    """Only the quotes that pass every filter given (None: no filter)."""
    kinds = frozenset(kinds) if kinds is not None else frozenset(KINDS)
    cue_types = frozenset(cue_types) if cue_types is not None else frozenset(CUE_TYPES)
    floor = min_confidence or 0.0
    if kinds >= set(KINDS) and cue_types >= set(CUE_TYPES) and floor <= 0.0:
        return record
    quotes = tuple(
        q
        for q in record.quotes
        if q.kind in kinds and cue_type_of(q) in cue_types and q.confidence >= floor
    )
    kept = {q.id for q in quotes}
    sources = []
    for source in record.sources:
        quote_ids = tuple(i for i in source.quote_ids if i in kept)
        if quote_ids or source.declined_ids or not source.quote_ids:
            sources.append(replace(source, quote_ids=quote_ids))
    return replace(
        record,
        quotes=quotes,
        sources=tuple(sources),
        source_mix=source_mix(quotes, sources, record.declined),
    )
