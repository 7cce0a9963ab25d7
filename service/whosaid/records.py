"""The public, frozen record types, and their construction from a processed ``Doc``.

A ``Record`` is what ``extract`` returns; ``to_dict`` gives the wire format defined
by ``whosaid.schemas``. Offsets are Python code points into the exact text sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc

IDENTIFICATIONS = ("named", "partially_named", "anonymous")
ENTITY_TYPES = ("person", "organization", "group")


@dataclass(frozen=True)
class TextSpan:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Speaker:
    source_id: str
    mention: TextSpan
    name: str | None = None

    @property
    def text(self) -> str:
        return self.mention.text


@dataclass(frozen=True)
class Quote:
    id: str
    start: int
    end: int
    text: str
    kind: str
    cue: TextSpan | None
    speaker: Speaker | None
    confidence: float
    nested: tuple[TextSpan, ...] = ()


@dataclass(frozen=True)
class GenderEvidence:
    """The word that told a person source's gender, and what kind of word it is
    (``whosaid.vocabulary.GENDER_EVIDENCE_KINDS``)."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True)
class KeyTerm:
    """A key term of a source's quotes, with textacy's score (higher is more key)."""

    term: str
    score: float


@dataclass(frozen=True)
class Source:
    id: str
    name: str | None
    description: str | None
    identification: str
    entity_type: str
    anonymity_reason: str | None = None
    mentions: tuple[TextSpan, ...] = ()
    quote_ids: tuple[str, ...] = ()
    # The profile (``whosaid_profiles``); vocabularies in ``whosaid.vocabulary``.
    role: str = "unknown"
    role_evidence: tuple[TextSpan, ...] = ()
    gender: str | None = None  # persons only
    gender_evidence: GenderEvidence | None = None
    key_terms: tuple[KeyTerm, ...] = ()


@dataclass(frozen=True)
class SourceMix:
    """How many sources, and how many quotes, by identification and entity type."""

    sources: int = 0
    quotes: int = 0
    sources_by_identification: dict[str, int] = field(default_factory=dict)
    sources_by_entity_type: dict[str, int] = field(default_factory=dict)
    quotes_by_identification: dict[str, int] = field(default_factory=dict)
    quotes_by_entity_type: dict[str, int] = field(default_factory=dict)
    unattributed_quotes: int = 0
    sources_by_role: dict[str, int] = field(default_factory=dict)
    quotes_by_role: dict[str, int] = field(default_factory=dict)
    sources_by_gender: dict[str, int] = field(default_factory=dict)  # persons
    quotes_by_gender: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Record:
    id: str | None
    quotes: tuple[Quote, ...]
    sources: tuple[Source, ...]
    source_mix: SourceMix

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form (the wire format of ``whosaid.schemas.RecordSchema``)."""
        from whosaid.schemas import RecordSchema

        return RecordSchema().dump(self)


def record_from_doc(doc: Doc, id: str | None = None) -> Record:
    """Read the stages' results off ``doc`` into a ``Record``."""
    from whosaid.extensions import doc_text
    from whosaid.mix import source_mix

    text = doc_text(doc)
    raw_sources = list(doc._.whosaid_sources or ())
    entity_source = {n: s for n, s in enumerate(raw_sources)}
    quotes: list[Quote] = []
    quote_ids: dict[str, list[str]] = {s.id: [] for s in raw_sources}
    for n, cand in enumerate(
        sorted(doc._.whosaid_quotes or (), key=lambda q: (q.start, q.end))
    ):
        qid = f"q{n + 1}"
        speaker = None
        if cand.speaker is not None and cand.speaker.entity is not None:
            source = entity_source[cand.speaker.entity]
            span = doc[cand.speaker.start : cand.speaker.end]
            speaker = Speaker(
                source_id=source.id,
                mention=TextSpan(span.start_char, span.end_char, span.text),
                name=source.name,
            )
            quote_ids[source.id].append(qid)
        cue = None
        if cand.cue is not None:
            span = doc[cand.cue.start : cand.cue.end]
            cue = TextSpan(span.start_char, span.end_char, span.text)
        quotes.append(
            Quote(
                id=qid,
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                kind=cand.kind,
                cue=cue,
                speaker=speaker,
                confidence=cand.confidence,
                nested=tuple(TextSpan(s, e, text[s:e]) for s, e in cand.nested),
            )
        )
    sources = tuple(replace(s, quote_ids=tuple(quote_ids[s.id])) for s in raw_sources)
    return Record(
        id=id,
        quotes=tuple(quotes),
        sources=sources,
        source_mix=source_mix(quotes, sources),
    )
