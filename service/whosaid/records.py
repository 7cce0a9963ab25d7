"""The public, frozen record types, and their construction from a processed ``Doc``.

A ``Record`` is what ``extract`` returns; ``to_dict`` gives the wire format defined
by ``whosaid.schemas``. Offsets are Python code points into the exact text sent.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from spacy.tokens import Doc

from whosaid.candidates import DECLINED, STATEMENT

IDENTIFICATIONS = ("named", "partially_named", "anonymous")
ENTITY_TYPES = ("person", "organization", "group")


@dataclass(frozen=True)
class TextSpan:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class CueSpan(TextSpan):
    """The words that attribute a quote, and what they report (``CUE_TYPES``)."""

    type: str = "statement"


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
    cue: CueSpan | None
    speaker: Speaker | None
    confidence: float
    nested: tuple[TextSpan, ...] = ()


@dataclass(frozen=True)
class Declined:
    """A source that declined to comment: the words that say so, and who it is."""

    id: str
    start: int
    end: int
    text: str
    speaker: Speaker | None


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
    declined_ids: tuple[str, ...] = ()
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
    declined: int = 0
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
    declined: tuple[Declined, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form (the wire format of ``whosaid.schemas.RecordSchema``)."""
        return _record_schema().dump(self)


@cache
def _record_schema() -> Any:
    """One schema for every record: building one (and its nested schemas) costs
    more than dumping a record. Imported late: the schemas import this module."""
    from whosaid.schemas import RecordSchema

    return RecordSchema()


def record_from_doc(doc: Doc, id: str | None = None) -> Record:
    """Read the stages' results off ``doc`` into a ``Record``: every quote, whatever
    its confidence (``whosaid.filters`` applies a threshold)."""
    from whosaid.extensions import sent_text
    from whosaid.mix import source_mix

    text = sent_text(doc)
    raw_sources = list(doc._.whosaid_sources or ())
    entity_source = {n: s for n, s in enumerate(raw_sources)}
    quotes: list[Quote] = []
    declined: list[Declined] = []
    quote_ids: dict[str, list[str]] = {s.id: [] for s in raw_sources}
    declined_ids: dict[str, list[str]] = {s.id: [] for s in raw_sources}

    def speaker_of(cand) -> Speaker | None:
        if cand.speaker is None or cand.speaker.entity is None:
            return None
        source = entity_source[cand.speaker.entity]
        span = doc[cand.speaker.start : cand.speaker.end]
        return Speaker(
            source_id=source.id,
            mention=TextSpan(
                span.start_char, span.end_char, text[span.start_char : span.end_char]
            ),
            name=source.name,
        )

    for cand in sorted(doc._.whosaid_quotes or (), key=lambda q: (q.start, q.end)):
        speaker = speaker_of(cand)
        if cand.kind == DECLINED:
            did = f"d{len(declined) + 1}"
            if speaker is not None:
                declined_ids[speaker.source_id].append(did)
            declined.append(
                Declined(
                    did, cand.start, cand.end, text[cand.start : cand.end], speaker
                )
            )
            continue
        qid = f"q{len(quotes) + 1}"
        if speaker is not None:
            quote_ids[speaker.source_id].append(qid)
        cue = None
        if cand.cue is not None:
            span = doc[cand.cue.start : cand.cue.end]
            cue = CueSpan(
                span.start_char,
                span.end_char,
                text[span.start_char : span.end_char],
                cand.cue.type or STATEMENT,
            )
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
    sources = tuple(
        replace(
            s,
            quote_ids=tuple(quote_ids[s.id]),
            declined_ids=tuple(declined_ids[s.id]),
        )
        for s in raw_sources
    )
    return Record(
        id=id,
        quotes=tuple(quotes),
        sources=sources,
        source_mix=source_mix(quotes, sources, declined),
        declined=tuple(declined),
    )


def record_from_dict(data: dict[str, Any]) -> Record:
    """The ``Record`` of a wire-format dict (as ``Record.to_dict`` gives it), so that
    filters can run where only the dict travelled (the batch's worker processes)."""

    def span(d: dict[str, Any]) -> TextSpan:
        return TextSpan(d["start"], d["end"], d["text"])

    def speaker(d: dict[str, Any] | None) -> Speaker | None:
        if d is None:
            return None
        return Speaker(d["source_id"], span(d["mention"]), d.get("name"))

    quotes = tuple(
        Quote(
            id=q["id"],
            start=q["start"],
            end=q["end"],
            text=q["text"],
            kind=q["kind"],
            cue=(
                CueSpan(**{k: q["cue"][k] for k in ("start", "end", "text", "type")})
                if q.get("cue")
                else None
            ),
            speaker=speaker(q.get("speaker")),
            confidence=q["confidence"],
            nested=tuple(span(n) for n in q.get("nested", ())),
        )
        for q in data["quotes"]
    )
    sources = tuple(
        Source(
            id=s["id"],
            name=s["name"],
            description=s["description"],
            identification=s["identification"],
            entity_type=s["entity_type"],
            anonymity_reason=s.get("anonymity_reason"),
            mentions=tuple(span(m) for m in s.get("mentions", ())),
            quote_ids=tuple(s.get("quote_ids", ())),
            declined_ids=tuple(s.get("declined_ids", ())),
        )
        for s in data["sources"]
    )
    declined = tuple(
        Declined(d["id"], d["start"], d["end"], d["text"], speaker(d.get("speaker")))
        for d in data.get("declined", ())
    )
    mix = data["source_mix"]
    return Record(
        id=data.get("id"),
        quotes=quotes,
        sources=sources,
        source_mix=SourceMix(
            **{k: mix[k] for k in SourceMix.__dataclass_fields__ if k in mix}
        ),
        declined=declined,
    )
