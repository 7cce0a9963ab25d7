"""A read-only view of a ``Doc`` that the stages share: token lookups by character,
quoted tokens, paragraphs and cues, each computed once per stage call."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from whosaid.candidates import Cue
from whosaid.extensions import doc_text
from whosaid.marks import QuotedSpan
from whosaid.syntax import Sentences, TokenIndex, paragraph_index, quoted_tokens


def _is_symbol(token: Token) -> bool:
    """An emoji or pictograph: no letter, digit or punctuation in it."""
    return not token.is_punct and not any(ch.isalnum() for ch in token.text)


@dataclass(frozen=True)
class MarkTokens:
    """Token positions of one quoted span: its marks and the words between them."""

    open: int  # the opening mark
    start: int  # first token inside
    end: int  # one past the last token inside
    close: int  # the closing mark


@dataclass
class DocView:
    doc: Doc
    text: str  # doc.text, which spaCy rebuilds on every access
    index: TokenIndex
    quoted: dict[int, int]
    paragraph: list[int]
    cues: list[Cue]
    sents: Sentences
    cue_at: dict[int, Cue] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc) -> DocView:
        index = TokenIndex(doc)
        cues = list(doc._.whosaid_cues or ())
        text = doc_text(doc)
        return cls(
            doc=doc,
            text=text,
            index=index,
            quoted=quoted_tokens(doc, index),
            paragraph=paragraph_index(doc, text),
            cues=cues,
            sents=Sentences(doc),
            cue_at={c.head: c for c in cues},
        )

    def mark_tokens(self, mark: QuotedSpan) -> MarkTokens:
        inner = self.index.span(mark.start, mark.end)
        return MarkTokens(
            open=self.index.at(mark.open_start),
            start=inner.start,
            end=inner.end,
            close=self.index.at(mark.close_end - 1),
        )

    def neighbour(self, i: int, step: int) -> Token | None:
        """The nearest word or punctuation mark before (step -1) or after (+1) token
        ``i`` within the same paragraph; spaces, emoji and other symbols are passed
        over ("😀 “The café is shut,” …" opens with its quote)."""
        doc = self.doc
        j = i + step
        while 0 <= j < len(doc) and (doc[j].is_space or _is_symbol(doc[j])):
            if "\n" in doc[j].text:
                return None
            j += step
        if not 0 <= j < len(doc) or self.paragraph[j] != self.paragraph[i]:
            return None
        return doc[j]

    def sentence(self, i: int) -> Span:
        return self.sents.span(i)

    def sent_start(self, i: int) -> int:
        return self.sents.start(i)

    def sent_end(self, i: int) -> int:
        return self.sents.end(i)

    def is_quoted(self, i: int) -> bool:
        return i in self.quoted
