"""``whosaid_content``: which stretches of text are quotations, and of which kind.

Orchestrates the finders of ``whosaid.quotes``: quotes in marks (direct quotes and
fragments), reported speech (indirect or mixed), and quotes whose marks were lost.
Writes ``doc._.whosaid_quotes``; speakers are attached by the next stage.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from whosaid import extensions  # noqa: F401
from whosaid.candidates import DIRECT, QuoteCandidate
from whosaid.marks import QuotedSpan
from whosaid.quotes.learned import learned_contents
from whosaid.quotes.lost_marks import lost_mark_quotes
from whosaid.quotes.marked import DIRECT_QUOTE, FRAGMENT, classify_mark
from whosaid.quotes.reported import reported_speech
from whosaid.view import DocView


class Content:
    def __call__(self, doc: Doc) -> Doc:
        doc._.whosaid_quotes = find_quotes(DocView.of(doc))
        return doc


def find_quotes(view: DocView) -> list[QuoteCandidate]:
    """All quotation candidates of the document, sorted by position."""
    quotes: list[QuoteCandidate] = []
    fragments: list[QuotedSpan] = []
    marks = view.doc._.whosaid_marks or ()
    for mark in marks:
        if mark.depth:
            continue
        verdict = classify_mark(view, mark)
        if verdict == DIRECT_QUOTE:
            nested = [
                (m.start, m.end)
                for m in marks
                if m.parent is not None and _within(m, mark)
            ]
            quotes.append(
                QuoteCandidate(
                    mark.start, mark.end, DIRECT, "marks", mark=mark, nested=nested
                )
            )
        elif verdict == FRAGMENT:
            fragments.append(mark)
    quotes.extend(lost_mark_quotes(view))
    quotes.extend(reported_speech(view, quotes, fragments))
    quotes.extend(learned_contents(view, quotes, fragments))
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


def _within(inner: QuotedSpan, outer: QuotedSpan) -> bool:
    return outer.start <= inner.open_start and inner.close_end <= outer.end


@Language.factory(
    "whosaid_content",
    assigns=["doc._.whosaid_quotes"],
    requires=["doc._.whosaid_marks", "doc._.whosaid_cues"],
)
def make_content(nlp: Language, name: str) -> Content:
    return Content()
