"""Source mix: who gets quoted, counted per document and merged over many.

The classes always appear, with zero where none, so that tables and charts from
different batches line up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from whosaid.records import (
    ENTITY_TYPES,
    IDENTIFICATIONS,
    Declined,
    Quote,
    Source,
    SourceMix,
)
from whosaid.vocabulary import GENDERS, ROLES

PERSON = "person"


def _full(counter: Counter, keys: tuple[str, ...]) -> dict[str, int]:
    return {k: int(counter.get(k, 0)) for k in keys}


def source_mix(
    quotes: Iterable[Quote],
    sources: Iterable[Source],
    declined: Iterable[Declined] = (),
) -> SourceMix:
    """The mix of one document; ``declined`` counts the records of sources that
    declined to comment."""
    sources = list(sources)
    quotes = list(quotes)
    by_id = {s.id: s for s in sources}
    q_ident: Counter = Counter()
    q_type: Counter = Counter()
    q_role: Counter = Counter()
    q_gender: Counter = Counter()
    unattributed = 0
    for q in quotes:
        src = by_id.get(q.speaker.source_id) if q.speaker else None
        if src is None:
            unattributed += 1
            continue
        q_ident[src.identification] += 1
        q_type[src.entity_type] += 1
        q_role[src.role] += 1
        if src.entity_type == PERSON:
            q_gender[src.gender or "unknown"] += 1
    persons = [s for s in sources if s.entity_type == PERSON]
    return SourceMix(
        sources=len(sources),
        quotes=len(quotes),
        sources_by_identification=_full(
            Counter(s.identification for s in sources), IDENTIFICATIONS
        ),
        sources_by_entity_type=_full(
            Counter(s.entity_type for s in sources), ENTITY_TYPES
        ),
        quotes_by_identification=_full(q_ident, IDENTIFICATIONS),
        quotes_by_entity_type=_full(q_type, ENTITY_TYPES),
        unattributed_quotes=unattributed,
        declined=len(list(declined)),
        sources_by_role=_full(Counter(s.role for s in sources), ROLES),
        quotes_by_role=_full(q_role, ROLES),
        sources_by_gender=_full(
            Counter(s.gender or "unknown" for s in persons), GENDERS
        ),
        quotes_by_gender=_full(q_gender, GENDERS),
    )


def merge_mixes(mixes: Iterable[SourceMix | Mapping[str, Any]]) -> SourceMix:
    """The mix of many documents: the sum of theirs.

    Accepts ``SourceMix`` objects or their dict form (as read back from JSONL).
    """
    totals: dict[str, Any] = {
        "sources": 0,
        "quotes": 0,
        "unattributed_quotes": 0,
        "declined": 0,
    }
    tables = {
        "sources_by_identification": Counter(),
        "sources_by_entity_type": Counter(),
        "quotes_by_identification": Counter(),
        "quotes_by_entity_type": Counter(),
        "sources_by_role": Counter(),
        "quotes_by_role": Counter(),
        "sources_by_gender": Counter(),
        "quotes_by_gender": Counter(),
    }
    for mix in mixes:
        get = (
            mix.get
            if isinstance(mix, Mapping)
            else lambda k, d=None, m=mix: getattr(m, k, d)
        )
        for key in totals:
            totals[key] += int(get(key, 0) or 0)
        for key, counter in tables.items():
            counter.update(get(key, {}) or {})
    return SourceMix(
        **totals,
        sources_by_identification=_full(
            tables["sources_by_identification"], IDENTIFICATIONS
        ),
        sources_by_entity_type=_full(tables["sources_by_entity_type"], ENTITY_TYPES),
        quotes_by_identification=_full(
            tables["quotes_by_identification"], IDENTIFICATIONS
        ),
        quotes_by_entity_type=_full(tables["quotes_by_entity_type"], ENTITY_TYPES),
        sources_by_role=_full(tables["sources_by_role"], ROLES),
        quotes_by_role=_full(tables["quotes_by_role"], ROLES),
        sources_by_gender=_full(tables["sources_by_gender"], GENDERS),
        quotes_by_gender=_full(tables["quotes_by_gender"], GENDERS),
    )
