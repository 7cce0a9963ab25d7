"""``whosaid_content``: which stretches of text are quotations, and of which kind.

* A span in quotation marks is a **direct** quote when it stands as an utterance of its
  own: it opens a paragraph or a sentence, follows a colon, or follows a speech verb
  and runs to the end of the sentence ("He said: “…”", "“…,” she said"). A quoted
  phrase embedded in the author's own sentence ("called the plan “a disaster”") is a
  **fragment**: it becomes part of a mixed quote when a cue reports the clause around
  it, and is otherwise a title or scare quote, not a quotation.
* **Reported speech**: the clause a speech verb governs ("X said (that) …", "…, X
  said"), or the clause "according to X" modifies. Its span drops the complementiser
  "that", the cue and the speaker. It is **mixed** when it holds a quoted fragment.

Writes ``doc._.whosaid_quotes`` (speakers are attached by the next stage).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from whosaid import extensions  # noqa: F401
from whosaid.candidates import DIRECT, INDIRECT, MIXED, Cue, QuoteCandidate
from whosaid.marks import QuotedSpan
from whosaid.view import DocView

SENTENCE_END = frozenset({".", "!", "?", "…", "...", ".\u201d"})
TERMINAL_INSIDE = frozenset(".,?!…—-;")
MARKUP_BEFORE = frozenset({"=", "<", "/"})
# How many tokens may separate a cue verb from the mark it introduces
# ("told reporters on Tuesday “…”").
CUE_REACH = 6
# Complements of a speech verb that carry what was said.
CONTENT_DEPS = frozenset({"ccomp"})

# What may stand between a cue verb and the quote it introduces: the hearer, a time,
# a medium ("told reporters on Tuesday", "wrote on Twitter").
VERB_ADJUNCT_DEPS = frozenset(
    {"dobj", "dative", "npadvmod", "prep", "pobj", "det", "compound", "amod", "poss",
     "case", "advmod", "nummod"}
)

DIRECT_QUOTE = "direct"
FRAGMENT = "fragment"


class Content:
    def __call__(self, doc: Doc) -> Doc:
        view = DocView.of(doc)
        doc._.whosaid_quotes = find_quotes(view)
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
            nested = [(m.start, m.end) for m in marks if m.parent is not None and _within(m, mark)]
            quotes.append(
                QuoteCandidate(mark.start, mark.end, DIRECT, "marks", mark=mark, nested=nested)
            )
        elif verdict == FRAGMENT:
            fragments.append(mark)
    quotes.extend(reported_speech(view, quotes, fragments))
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


def _within(inner: QuotedSpan, outer: QuotedSpan) -> bool:
    return outer.start <= inner.open_start and inner.close_end <= outer.end


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


def classify_mark(view: DocView, mark: QuotedSpan) -> str | None:
    """``direct``, ``fragment``, or None (markup such as ``author="…"``)."""
    doc = view.doc
    tokens = view.mark_tokens(mark)
    prev = view.neighbour(tokens.open, -1)
    nxt = view.neighbour(tokens.close, +1)
    text = doc.text[mark.start : mark.end].strip()
    if not text or (prev is not None and prev.text[-1:] in MARKUP_BEFORE):
        return None
    words = _words(text)
    ends = text[-1] in TERMINAL_INSIDE
    first_alnum = next((ch for ch in text if ch.isalnum()), "")
    capital = first_alnum.isupper() or first_alnum.isdigit()
    cue_after = _cue_follows(view, tokens.close)
    reaches_end = ends or nxt is None or nxt.text in SENTENCE_END or cue_after

    if prev is None or _ends_sentence(prev):
        if words >= 2 and reaches_end:
            return DIRECT_QUOTE
        if words <= 2 and (cue_after or text[-1] in "?!"):
            return DIRECT_QUOTE  # “Blacklisted?” / “Safety,” said Grimm.
        if nxt is not None and nxt.is_alpha and not cue_after:
            return FRAGMENT  # “The Apprentice” star …: a title heading a noun phrase
        return DIRECT_QUOTE if words >= 3 else FRAGMENT
    if prev.text == ":":
        return DIRECT_QUOTE if capital or words >= 4 else FRAGMENT
    if prev.text == ",":
        cue_before = _cue_before(view, prev.i)
        if (capital or words >= 4) and cue_before:
            return DIRECT_QUOTE
        if words >= 2 and cue_before and _continues_split_quote(view, prev.i):
            return DIRECT_QUOTE  # “Everything …,” the judge exclaimed, “has overlapped.”
        if capital and ends and words >= 4:
            return DIRECT_QUOTE
        return FRAGMENT
    if reaches_end and words >= 4 and _introduced_by_cue(view, prev):
        return DIRECT_QUOTE
    if text[-1] in ".!?" and view.cue_at.get(prev.i) is not None and _introduced_by_cue(view, prev):
        return DIRECT_QUOTE  # chanted “No more cuts!”
    return FRAGMENT


def _continues_split_quote(view: DocView, comma: int) -> bool:
    """Is the comma the end of an attribution that interrupts a quote?"""
    doc = view.doc
    for i in range(comma - 1, max(doc[comma].sent.start, comma - 12) - 1, -1):
        if doc[i].is_quote:
            return i - 1 in view.quoted
    return False


def _ends_sentence(token: Token) -> bool:
    if token.text in SENTENCE_END:
        return True
    if token.is_quote or token.text in (")", "]"):
        before = token.doc[token.i - 1] if token.i else None
        return before is not None and before.text in SENTENCE_END
    return False


def _cue_follows(view: DocView, close: int) -> bool:
    """An attribution right after the closing mark: "…,” he said", "…,” said X",
    "…” — Commissioner Z"."""
    doc = view.doc
    nxt = view.neighbour(close, +1)
    if nxt is None:
        return False
    if nxt.text in ("—", "–", "--", "-"):
        after = view.neighbour(nxt.i, +1)
        return after is not None and after.pos_ == "PROPN"
    sent_end = doc[close].sent.end
    for i in range(nxt.i, min(sent_end, nxt.i + CUE_REACH + 4)):
        if view.is_quoted(i):
            break
        cue = view.cue_at.get(i)
        if cue is not None and cue.kind in ("verb", "attitude"):
            return True
    return False


def _cue_before(view: DocView, comma: int) -> bool:
    """A cue verb or "according to" just before the comma that opens the quote."""
    sent_start = view.doc[comma].sent.start
    for i in range(comma - 1, max(sent_start, comma - CUE_REACH) - 1, -1):
        if view.is_quoted(i):
            return False
        cue = view.cue_at.get(i)
        if cue is not None and cue.kind in ("verb", "attitude", "according_to"):
            return True
    return any(
        c.kind == "according_to" and sent_start <= c.start < comma for c in view.cues
    )


def _introduced_by_cue(view: DocView, prev: Token) -> bool:
    """The mark directly follows its cue: "said “…”", "said that “…”", "told
    reporters “…”", "wrote on Twitter that “…”". A naming verb ("called “…”")
    never introduces a direct quote: what it names is part of the author's clause.

    Only the cue verb, its own short objects and adjuncts, and a final "that" may
    stand between the verb and the mark; "claims that Univision “takes …”" does not
    qualify (the quote is part of the author's clause).
    """
    doc = view.doc
    verb = _cue_verb_before(view, prev)
    if verb is None:
        return False
    if verb.i == prev.i:
        return True
    between = list(doc[verb.i + 1 : prev.i + 1])
    if between[-1].lower_ == "that":
        between.pop()
        if not between:
            return True
    return len(between) <= CUE_REACH and all(
        t.dep_ in VERB_ADJUNCT_DEPS and _governed_by(t, verb) for t in between
    )


def _cue_verb_before(view: DocView, prev: Token) -> Token | None:
    for i in range(prev.i, max(view.doc[prev.i].sent.start, prev.i - CUE_REACH) - 1, -1):
        if view.is_quoted(i):
            return None
        cue = view.cue_at.get(i)
        if cue is not None and cue.kind in ("verb", "attitude"):
            return view.doc[cue.head]
    return None


def _governed_by(token: Token, verb: Token) -> bool:
    """Is ``verb`` an ancestor of ``token`` (within a few arcs)?"""
    head = token
    for _ in range(4):
        if head.head.i == head.i:
            return False
        head = head.head
        if head.i == verb.i:
            return True
    return False


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


@Language.factory(
    "whosaid_content",
    assigns=["doc._.whosaid_quotes"],
    requires=["doc._.whosaid_marks", "doc._.whosaid_cues"],
)
def make_content(nlp: Language, name: str) -> Content:
    return Content()
