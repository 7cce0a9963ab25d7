"""Which quoted spans are quotations: direct quotes and embedded fragments.

A span in quotation marks is a **direct** quote when it stands as an utterance of its
own: it opens a paragraph or a sentence, follows a colon, or follows a speech verb
and runs to the end of the sentence ("He said: “…”", "“…,” she said"). A quoted
phrase embedded in the author's own sentence ("called the plan “a disaster”") is a
**fragment**: part of a mixed quote when a cue reports the clause around it, and
otherwise a title or scare quote.
"""

from __future__ import annotations

from spacy.tokens import Token

from whosaid.marks import QuotedSpan
from whosaid.syntax import subject_of
from whosaid.view import DocView

SENTENCE_END = frozenset({".", "!", "?", "…", "...", ".\u201d"})
TERMINAL_INSIDE = frozenset(".,?!…—-;")
MARKUP_BEFORE = frozenset({"=", "<", "/"})
# How many tokens may separate a cue verb from the mark it introduces
# ("told reporters on Tuesday “…”").
CUE_REACH = 6
# What may stand between a cue verb and the quote it introduces: the hearer, a time,
# a medium ("told reporters on Tuesday", "wrote on a blog").
VERB_ADJUNCT_DEPS = frozenset(
    {
        "dobj",
        "dative",
        "npadvmod",
        "prep",
        "pobj",
        "det",
        "compound",
        "amod",
        "poss",
        "case",
        "advmod",
        "nummod",
    }
)

# Word counts (words with a letter or digit) that classify_mark weighs a quoted
# span by: a quotation long enough to be a clause of its own is an utterance, a
# short one inside the author's sentence is a phrase the author borrowed.
# A span that opens a sentence and reaches its end is a whole utterance from two
# words on ("“Not again.”"); one word alone is more often a title or a label.
OPENING_MIN_WORDS = 2
# Up to this many words, a span that opens a sentence is a quotation only when a
# cue follows it or it asks or exclaims (“Blacklisted?”, “Safety,” said X).
SHORT_MAX_WORDS = 2
# A span that opens a sentence without reaching its end is still an utterance from
# three words on; shorter ones head a noun phrase (“The Apprentice” star).
OPENING_CLAUSE_MIN_WORDS = 3
# After a colon or a comma, or after its cue inside the sentence, a span that does
# not start with a capital needs this many words to be a clause, not a phrase.
CLAUSE_MIN_WORDS = 4
# The second half of a quote split by its attribution (“…,” she said, “has ended.”)
# is the same utterance from two words on.
SPLIT_MIN_WORDS = 2

DIRECT_QUOTE = "direct"
FRAGMENT = "fragment"


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


def classify_mark(view: DocView, mark: QuotedSpan) -> str | None:
    """``direct``, ``fragment``, or None (markup such as ``author="…"``)."""
    tokens = view.mark_tokens(mark)
    prev = view.neighbour(tokens.open, -1)
    nxt = view.neighbour(tokens.close, +1)
    text = view.text[mark.start : mark.end].strip()
    if not text or (prev is not None and prev.text[-1:] in MARKUP_BEFORE):
        return None
    words = _words(text)
    ends = text[-1] in TERMINAL_INSIDE
    first_alnum = next((ch for ch in text if ch.isalnum()), "")
    capital = first_alnum.isupper() or first_alnum.isdigit()
    cue_after = _cue_follows(view, tokens.close)
    reaches_end = ends or nxt is None or nxt.text in SENTENCE_END or cue_after

    if prev is None or _ends_sentence(prev):
        if words >= OPENING_MIN_WORDS and reaches_end:
            return DIRECT_QUOTE
        if words <= SHORT_MAX_WORDS and (cue_after or text[-1] in "?!"):
            return DIRECT_QUOTE  # “Blacklisted?” / “Safety,” said Grimm.
        if nxt is not None and nxt.is_alpha and not cue_after:
            return FRAGMENT  # “The Apprentice” star …: a title heading a noun phrase
        return DIRECT_QUOTE if words >= OPENING_CLAUSE_MIN_WORDS else FRAGMENT
    if prev.text == ":":
        return DIRECT_QUOTE if capital or words >= CLAUSE_MIN_WORDS else FRAGMENT
    if prev.text == ",":
        cue_before = _cue_before(view, prev.i)
        if (capital or words >= CLAUSE_MIN_WORDS) and cue_before:
            return DIRECT_QUOTE
        if (
            words >= SPLIT_MIN_WORDS
            and cue_before
            and _continues_split_quote(view, prev.i)
        ):
            return (
                DIRECT_QUOTE  # “Everything …,” the judge exclaimed, “has overlapped.”
            )
        if capital and ends and words >= CLAUSE_MIN_WORDS:
            return DIRECT_QUOTE
        return FRAGMENT
    if text.split(maxsplit=1)[0] == "to" and prev.lower_ != "that":
        # "encouraged her “to differentiate herself …”": a bare infinitive after
        # its verb is what was urged, part of the author's clause, not an utterance.
        return FRAGMENT
    if reaches_end and words >= CLAUSE_MIN_WORDS and _introduced_by_cue(view, prev):
        return DIRECT_QUOTE
    if (
        text[-1] in ".!?"
        and view.cue_at.get(prev.i) is not None
        and _introduced_by_cue(view, prev)
    ):
        return DIRECT_QUOTE  # chanted “No more cuts!”
    return FRAGMENT


def _continues_split_quote(view: DocView, comma: int) -> bool:
    """Is the comma the end of an attribution that interrupts a quote?"""
    doc = view.doc
    for i in range(comma - 1, max(view.sent_start(comma), comma - 12) - 1, -1):
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
    "…,” Mr. X, the …, said", "…” — Commissioner Z". Other words first ("…” with
    cable providers, he said") make the quote part of a longer content."""
    doc = view.doc
    nxt = view.neighbour(close, +1)
    if nxt is None:
        return False
    if nxt.text in (",",):
        nxt = view.neighbour(nxt.i, +1)
        if nxt is None:
            return False
    if nxt.text in ("—", "–", "--", "-"):
        after = view.neighbour(nxt.i, +1)
        return after is not None and after.pos_ == "PROPN"
    sent_end = max(view.sent_end(close), view.sent_end(nxt.i))
    for i in range(nxt.i, min(sent_end, nxt.i + CUE_REACH + 12)):
        if view.is_quoted(i):
            break
        cue = view.cue_at.get(i)
        if cue is not None and cue.kind in ("verb", "attitude"):
            verb = doc[cue.head]
            if verb.i == nxt.i:
                return True
            subj = subject_of(verb)
            return subj is not None and subj.left_edge.i == nxt.i
    return False


def _cue_before(view: DocView, comma: int) -> bool:
    """A cue verb or "according to" just before the comma that opens the quote."""
    sent_start = view.sent_start(comma)
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
    reporters “…”", "wrote on a blog that “…”". A naming verb ("called “…”")
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
    for i in range(prev.i, max(view.sent_start(prev.i), prev.i - CUE_REACH) - 1, -1):
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
