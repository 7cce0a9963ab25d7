"""The mutable working objects the pipeline stages pass along on the ``Doc``.

They live only while a ``Doc`` goes through the pipeline; ``records.py`` turns them
into the frozen, public record types. Offsets here are token indexes (``Mention``,
``Cue``) or character offsets into ``doc.text`` (``QuoteCandidate``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from whosaid.marks import QuotedSpan

DIRECT = "direct"
INDIRECT = "indirect"
MIXED = "mixed"
KINDS = (DIRECT, INDIRECT, MIXED)
# A candidate that records a source declining to comment: it goes through the
# speaker and source stages like a quote, and leaves as a record of its own.
DECLINED = "declined"

# What a cue reports. Each type's meaning is written once here; the schema, the CLI
# and the page take their choices and descriptions from it.
STATEMENT = "statement"
WRITING = "writing"
BELIEF = "belief"
INTENTION = "intention"
PERCEPTION = "perception"
STANCE = "stance"
CUE_TYPES = (STATEMENT, WRITING, BELIEF, INTENTION, PERCEPTION, STANCE)
CUE_TYPE_MEANINGS = {
    STATEMENT: "words spoken or stated: said, told, announced, according to, "
    "a colon or dash attribution; also a quote with no cue of its own",
    WRITING: "words written or published: wrote, tweeted, posted, a report or "
    "figures showed",
    BELIEF: "what the source believes, thinks, expects or knows",
    INTENTION: "what the source plans, wants, seeks or promises to do",
    PERCEPTION: "what the source saw, heard or found",
    STANCE: "the source's stance on something: supports, opposes, praises, criticises",
}


@dataclass
class Cue:
    """What signals attribution: a speech verb, "according to", a colon or a dash."""

    start: int
    end: int
    kind: str  # verb | according_to | colon | dash | noun
    head: int  # token index the speaker hangs from (the verb, "to", the colon)
    type: str | None = None  # one of CUE_TYPES, set by whosaid_cue_types


@dataclass
class Mention:
    """A stretch of text that names or points to a speaker (token offsets)."""

    start: int
    end: int
    head: int
    entity: int | None = None  # index into doc._.whosaid_entities, set by resolve


@dataclass
class QuoteCandidate:
    """One quotation, with its content span in characters and what is known of it."""

    start: int
    end: int
    kind: str
    origin: str  # marks | reported | according_to | lost_marks | ...
    mark: QuotedSpan | None = None
    cue: Cue | None = None
    speaker: Mention | None = None
    confidence: float = 0.5
    inherited: bool = False  # speaker taken from the quote before it
    nested: list[tuple[int, int]] = field(default_factory=list)
