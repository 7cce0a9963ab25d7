"""Reported speech: the clause a speech or attitude verb governs, or the clause
"according to X" modifies.

Its span drops the complementiser "that", the cue and the speaker; it is **mixed**
when it holds a quoted fragment.
"""

from __future__ import annotations

from whosaid.candidates import INDIRECT, MIXED, Cue, QuoteCandidate
from whosaid.marks import QuotedSpan
from whosaid.view import DocView

# Complements of a speech verb that carry what was said.
CONTENT_DEPS = frozenset({"ccomp"})


def reported_speech(
    view: DocView, direct: list[QuoteCandidate], fragments: list[QuotedSpan]
) -> list[QuoteCandidate]:
    """The clauses that speech and attitude verbs report, outside quotation marks."""
    doc = view.doc
    out: list[QuoteCandidate] = []
    taken = [(q.start, q.end) for q in direct]
    for cue in view.cues:
        if cue.kind not in ("verb", "attitude", "according_to"):
            continue
        bounds = _reported_clause(view, cue)
        if bounds is None:
            continue
        start, end = bounds
        if end - start < 2:
            continue
        span = doc[start:end]
        c_start, c_end = _trim_chars(doc.text, span.start_char, span.end_char)
        if c_end <= c_start or any(_overlap((c_start, c_end), t) > 0.5 for t in taken):
            continue
        holds = [f for f in fragments if c_start <= f.open_start and f.close_end <= c_end + 1]
        kind = MIXED if holds else INDIRECT
        origin = "according_to" if cue.kind == "according_to" else "reported"
        out.append(QuoteCandidate(c_start, c_end, kind, origin, cue=cue))
        taken.append((c_start, c_end))
    return out


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / max(1, min(a[1] - a[0], b[1] - b[0]))


def _trim_chars(text: str, start: int, end: int) -> tuple[int, int]:
    strip = " \t\r\n,;:—–-"
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def _reported_clause(view: DocView, cue: Cue) -> tuple[int, int] | None:
    """Token bounds of the clause a cue reports, or None."""
    doc = view.doc
    head = doc[cue.head]
    if cue.kind == "according_to":
        return _according_to_clause(view, cue)
    comp = next((c for c in head.children if c.dep_ in CONTENT_DEPS), None)
    if comp is None:
        return None
    toks = list(comp.subtree)
    start = min(t.i for t in toks)
    end = max(t.i for t in toks) + 1
    if doc[start].lower_ in ("that",) and doc[start].dep_ == "mark":
        start += 1
    if start >= end:
        return None
    # The speaker and the cue are never part of the content.
    if start < head.i < end:
        return None
    return start, end


def _according_to_clause(view: DocView, cue: Cue) -> tuple[int, int] | None:
    """"According to X, <clause>." and "<clause>, according to X." → the clause."""
    doc = view.doc
    according = doc[cue.start]
    clause = according.head
    while clause.dep_ not in ("ROOT", "ccomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    sent = clause.sent
    phrase = list(according.subtree)
    p_start = min(t.i for t in phrase)
    p_end = max(t.i for t in phrase) + 1
    if p_start - sent.start <= 1:
        start, end = p_end, sent.end
    else:
        start, end = sent.start, p_start
    return start, end
