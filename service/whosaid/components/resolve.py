"""``whosaid_resolve``: speaker mentions → entities.

First version: mentions with the same text are one entity. Pronouns, short names and
descriptions are resolved in a later version.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from whosaid import extensions  # noqa: F401
from whosaid.candidates import Mention


@dataclass
class Entity:
    """One speaker as the text knows it: every mention that points to it."""

    mentions: list[Mention] = field(default_factory=list)


class Resolve:
    def __call__(self, doc: Doc) -> Doc:
        entities: list[Entity] = []
        by_key: dict[str, int] = {}
        for quote in doc._.whosaid_quotes or ():
            mention = quote.speaker
            if mention is None:
                continue
            key = doc[mention.start : mention.end].text.lower()
            if key not in by_key:
                by_key[key] = len(entities)
                entities.append(Entity())
            mention.entity = by_key[key]
            entities[mention.entity].mentions.append(mention)
        doc._.whosaid_entities = entities
        return doc


@Language.factory(
    "whosaid_resolve",
    assigns=["doc._.whosaid_entities"],
    requires=["doc._.whosaid_quotes"],
)
def make_resolve(nlp: Language, name: str) -> Resolve:
    return Resolve()
