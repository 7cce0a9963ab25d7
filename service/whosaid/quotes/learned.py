"""Contents the learned classifier finds and the rules did not.

``whosaid_content_model`` (a spaCy ``spancat``, see ``whosaid.content_model``)
scores parse candidates; its spans above ``MIN_SCORE`` that no rule-found quote
already covers become quotes. Its cue is the cue word that governs the span
(``whosaid.quotes.suggest.governing_cue``); a span no cue governs is dropped.
"""

from __future__ import annotations

from whosaid.candidates import INDIRECT, MIXED, QuoteCandidate
from whosaid.content_model import SPANS_KEY
from whosaid.marks import QuotedSpan
from whosaid.quotes.reported import asks_anonymity
from whosaid.quotes.suggest import governing_cue
from whosaid.view import DocView

# Below this score a learned span is not worth a record (chosen on the validation
# part of the training data; see models/MODEL_CARD.md).
MIN_SCORE = 0.4
# A learned span that shares more than this share of the shorter span with a quote
# already found adds nothing.
MAX_OVERLAP = 0.3


def learned_contents(
    view: DocView, found: list[QuoteCandidate], fragments: list[QuotedSpan]
) -> list[QuoteCandidate]:
    doc = view.doc
    if SPANS_KEY not in doc.spans:
        return []
    group = doc.spans[SPANS_KEY]
    scores = group.attrs.get("scores")
    if scores is None or not len(group):
        return []
    ranked = sorted(
        ((float(scores[n]), span) for n, span in enumerate(group)),
        key=lambda item: -item[0],
    )
    taken = [(q.start, q.end) for q in found]
    out: list[QuoteCandidate] = []
    for score, span in ranked:
        if score < MIN_SCORE:
            break
        start, end = span.start_char, span.end_char
        if any(_overlap((start, end), t) > MAX_OVERLAP for t in taken):
            continue
        if any(view.is_quoted(i) for i in range(span.start, span.end)) and not any(
            f.open_start >= start and f.close_end <= end + 1 for f in fragments
        ):
            continue  # inside a direct quote: the speaker's words, not a report
        if asks_anonymity(span.root):
            continue  # "asked [to be identified only by her first name]"
        cue = governing_cue(doc, span.start, span.end, view.cue_at)
        if cue is None:
            continue
        holds = any(f.open_start < end and start < f.close_end for f in fragments)
        out.append(
            QuoteCandidate(
                start,
                end,
                MIXED if holds else INDIRECT,
                "learned",
                cue=cue,
                confidence=round(0.3 * score, 2),
            )
        )
        taken.append((start, end))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / max(1, min(a[1] - a[0], b[1] - b[0]))
