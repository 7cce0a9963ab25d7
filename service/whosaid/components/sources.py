"""``whosaid_sources``: one source record per entity.

First version: the name is the longest mention, a proper-noun head makes it named.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from whosaid import extensions  # noqa: F401
from whosaid.records import Source, TextSpan


class Sources:
    def __call__(self, doc: Doc) -> Doc:
        sources = []
        for n, entity in enumerate(doc._.whosaid_entities or ()):
            spans = [doc[m.start : m.end] for m in entity.mentions]
            longest = max(spans, key=len)
            named = any(doc[m.head].pos_ == "PROPN" for m in entity.mentions)
            sources.append(
                Source(
                    id=f"s{n + 1}",
                    name=longest.text if named else None,
                    description=None if named else longest.text,
                    identification="named" if named else "anonymous",
                    entity_type="person",
                    mentions=tuple(
                        TextSpan(s.start_char, s.end_char, s.text) for s in spans
                    ),
                )
            )
        doc._.whosaid_sources = sources
        return doc


@Language.factory(
    "whosaid_sources",
    assigns=["doc._.whosaid_sources"],
    requires=["doc._.whosaid_entities"],
)
def make_sources(nlp: Language, name: str) -> Sources:
    return Sources()
