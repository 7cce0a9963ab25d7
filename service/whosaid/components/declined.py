"""``whosaid_declined``: sources that declined to comment.

"X declined to comment", "did not respond to a request for comment", "could not be
reached for comment", "refused to discuss the matter", "a spokesman had no comment"
say something about a source, but carry no words of it: they are records of their
own, never quotes. This stage finds them with the Matcher patterns of
``models/patterns/declined.jsonl``, drops the quotes the earlier stages read into
them (the "to comment" of "declined to comment"), and adds each as a candidate of
kind ``declined`` with its speaker, so that the resolver and the sources stage treat
its source like any other. ``records.record_from_doc`` keeps them apart from quotes.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from whosaid import (
    extensions,  # noqa: F401
    lexicons,
)
from whosaid.candidates import DECLINED, DIRECT, Cue, Mention, QuoteCandidate
from whosaid.components.speakers import speaker_of
from whosaid.extensions import doc_text
from whosaid.syntax import mention_bounds
from whosaid.view import DocView

# Every pattern holds one of these stems, so the matcher runs only on the sentences
# that have one, not on the whole article.
_TRIGGER_RE = re.compile(r"comment|elaborat|discuss|respond|answer|address|interview")


class Declined:
    def __init__(self, nlp: Language) -> None:
        self.matcher = Matcher(nlp.vocab)
        for n, entry in enumerate(lexicons.pattern_lines("declined")):
            self.matcher.add(f"{entry['label']}#{n}", [entry["pattern"]])

    def __call__(self, doc: Doc) -> Doc:
        found = self.find(doc)
        if not found:
            return doc
        view = DocView.of(doc)
        quotes = [q for q in doc._.whosaid_quotes or () if not _read_into(q, found)]
        for span in found:
            quotes.append(_record(view, span))
        quotes.sort(key=lambda q: (q.start, -q.end))
        doc._.whosaid_quotes = quotes
        return doc

    def find(self, doc: Doc) -> list[Span]:
        """The declining phrases, longest first where two overlap, in text order."""
        sents: dict[int, Span] = {}
        for hit in _TRIGGER_RE.finditer(doc_text(doc).lower()):
            span = doc.char_span(hit.start(), hit.end(), alignment_mode="expand")
            if span is not None:
                sent = span[0].sent
                sents.setdefault(sent.start, sent)
        spans: list[Span] = []
        for sent in sents.values():
            spans.extend(self.matcher(sent, as_spans=True))
        kept: list[Span] = []
        for span in sorted(spans, key=lambda s: (-len(s), s.start)):
            if all(span.end <= k.start or k.end <= span.start for k in kept):
                kept.append(span)
        return sorted((_with_auxiliaries(s) for s in kept), key=lambda s: s.start)


def _with_auxiliaries(span: Span) -> Span:
    """The phrase with the auxiliaries and negation just before it: "did not respond
    to a request for comment", "could not be reached", not "not respond …"."""
    doc, root, start = span.doc, span.root, span.start
    while (
        start > 0
        and doc[start - 1].head.i == root.i
        and doc[start - 1].dep_
        in (
            "aux",
            "auxpass",
            "neg",
        )
    ):
        start -= 1
    return doc[start : span.end]


def _read_into(quote: QuoteCandidate, found: list[Span]) -> bool:
    """A quote the earlier stages took from a declining phrase: cued by its words, or
    lying inside it. Quotations in marks are the source's words and stay."""
    if quote.kind == DIRECT or quote.kind == DECLINED:
        return False
    for span in found:
        if quote.cue is not None and span.start <= quote.cue.head < span.end:
            return True
        if span.start_char <= quote.start and quote.end <= span.end_char:
            return True
    return False


def _record(view: DocView, span: Span) -> QuoteCandidate:
    """The declined record of ``span``, its speaker found as a verb cue's would be;
    the subject of a passive ("could not be reached") is the one who declined."""
    root = span.root
    cue = Cue(span.start, span.end, "verb", root.i)
    speaker = speaker_of(view, cue)
    if speaker is None:
        passive = next((c for c in root.children if c.dep_ == "nsubjpass"), None)
        if passive is not None and not view.is_quoted(passive.i):
            start, end = mention_bounds(passive)
            speaker = Mention(start, end, passive.i)
    return QuoteCandidate(
        span.start_char,
        span.end_char,
        DECLINED,
        DECLINED,
        cue=cue,
        speaker=speaker,
        confidence=1.0,
    )


@Language.factory(
    "whosaid_declined",
    assigns=["doc._.whosaid_quotes"],
    requires=["doc._.whosaid_quotes", "token.dep"],
)
def make_declined(nlp: Language, name: str) -> Declined:
    return Declined(nlp)
