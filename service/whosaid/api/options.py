"""The request options that reshape a record: offset unit, kinds of quote, cue
types and the confidence threshold.

All work on the frozen ``Record`` after extraction, so the engine knows nothing of
them and a record always leaves the engine in code points with every quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from whosaid import filters
from whosaid.candidates import CUE_TYPES, KINDS
from whosaid.records import Declined, Quote, Record, Source, Speaker, TextSpan

CODEPOINT = "codepoint"
UTF16 = "utf16"
# Characters outside the Basic Multilingual Plane (emoji, among others) take two
# UTF-16 code units, where Python counts one code point.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

Offset = Callable[[int], int]


@dataclass(frozen=True)
class Options:
    offsets: str = CODEPOINT
    kinds: frozenset[str] = frozenset(KINDS)
    cue_types: frozenset[str] = frozenset(CUE_TYPES)
    # None: the threshold chosen on development data.
    min_confidence: float | None = None

    @classmethod
    def layered(cls, *layers: Mapping[str, Any]) -> Options:
        """Options from loaded ``AttributionOptionsSchema`` mappings, later layers
        overriding earlier ones key by key."""
        merged: dict[str, Any] = {}
        for layer in layers:
            merged.update(layer)
        options = cls()
        if "offsets" in merged:
            options = replace(options, offsets=merged["offsets"])
        if "kinds" in merged:
            options = replace(options, kinds=frozenset(merged["kinds"]))
        if "cue_types" in merged:
            options = replace(options, cue_types=frozenset(merged["cue_types"]))
        if "min_confidence" in merged:
            options = replace(options, min_confidence=merged["min_confidence"])
        return options


def shape(record: Record, text: str, options: Options) -> Record:
    """``record`` (extracted from ``text`` with every quote) as ``options`` ask."""
    floor = options.min_confidence
    record = filters.keep(
        record,
        kinds=options.kinds,
        cue_types=options.cue_types,
        min_confidence=filters.default_min_confidence() if floor is None else floor,
    )
    if options.offsets == UTF16:
        record = with_offsets(record, utf16_offset(text))
    return record


def keep_kinds(record: Record, kinds: Iterable[str]) -> Record:
    """Only the quotes of ``kinds``, and sources consistent with them (see
    ``whosaid.filters.keep``)."""
    return filters.keep(record, kinds=kinds)


def utf16_offset(text: str) -> Offset:
    """Maps a code-point offset into ``text`` to its UTF-16 code-unit offset."""
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    if not astral:
        return _same
    return lambda offset: offset + bisect_left(astral, offset)


def _same(offset: int) -> int:
    return offset


def with_offsets(record: Record, offset: Offset) -> Record:
    """``record`` with every start and end passed through ``offset``."""
    return replace(
        record,
        quotes=tuple(_quote(q, offset) for q in record.quotes),
        sources=tuple(_source(s, offset) for s in record.sources),
        declined=tuple(_declined(d, offset) for d in record.declined),
    )


def _span(span: TextSpan, offset: Offset) -> TextSpan:
    return replace(span, start=offset(span.start), end=offset(span.end))


def _quote(quote: Quote, offset: Offset) -> Quote:
    speaker: Speaker | None = quote.speaker
    if speaker is not None:
        speaker = replace(speaker, mention=_span(speaker.mention, offset))
    return replace(
        quote,
        start=offset(quote.start),
        end=offset(quote.end),
        cue=_span(quote.cue, offset) if quote.cue is not None else None,
        speaker=speaker,
        nested=tuple(_span(s, offset) for s in quote.nested),
    )


def _declined(declined: Declined, offset: Offset) -> Declined:
    speaker: Speaker | None = declined.speaker
    if speaker is not None:
        speaker = replace(speaker, mention=_span(speaker.mention, offset))
    return replace(
        declined,
        start=offset(declined.start),
        end=offset(declined.end),
        speaker=speaker,
    )


def _source(source: Source, offset: Offset) -> Source:
    evidence = source.gender_evidence
    if evidence is not None:
        evidence = replace(
            evidence, start=offset(evidence.start), end=offset(evidence.end)
        )
    return replace(
        source,
        mentions=tuple(_span(m, offset) for m in source.mentions),
        role_evidence=tuple(_span(s, offset) for s in source.role_evidence),
        gender_evidence=evidence,
    )
