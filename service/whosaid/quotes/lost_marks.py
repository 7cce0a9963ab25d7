"""Quotes whose quotation marks were lost on the way.

Some feeds strip quotation marks, and apostrophes with them ("The roof is gone, he
adds.", "they cant"). A document that attributes speech but holds not one double
quotation mark is read as such a feed, and its quotes are found from their form:

* a sentence closed by an attribution: "The roof is gone, he adds.", "…, says
  Col. Ada Brenner, a former …". An attribution stranded as a sentence of its own
  ("We have to close, sadly. he added.") closes the sentence before it.
  The quote runs back to the paragraph start or to the previous attribution;
* the sentences after an attribution, to the end of its paragraph: the speaker goes on;
* what follows a colon after a speech verb ("she said: I cannot sleep …"), or the
  next paragraph when the colon ends one.

The words are the speaker's own (``direct``) when they read as speech: first or
second person, a question or an exclamation, present or future tense. Otherwise
they are the reporter's paraphrase (``indirect``).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Span, Token

from whosaid import lexicons
from whosaid.candidates import DIRECT, INDIRECT, Cue, QuoteCandidate
from whosaid.marks import mark_table
from whosaid.syntax import subject_of
from whosaid.view import DocView

VERB_KINDS = frozenset({"verb", "attitude"})
# Dependents of a cue verb that may follow it in a closing attribution: the speaker
# (inverted), the hearer, time, place, manner ("he said in an interview on Monday").
ATTRIBUTION_TAIL_DEPS = frozenset(
    {
        "nsubj",
        "dobj",
        "dative",
        "npadvmod",
        "prep",
        "advmod",
        "punct",
        "appos",
        "relcl",
        "advcl",
        "acl",
        "cc",
        "conj",
        "agent",
        "compound",
        "prt",
    }
)
PRESENT_TAGS = frozenset({"VBP", "VBZ", "MD"})
MIN_CLOSINGS = 2
PAST_MODALS = frozenset({"would", "could", "might", "should", "had"})


@cache
def double_marks() -> frozenset[str]:
    """Every mark of the double-mark families of ``models/patterns/quote_marks.json``.

    Single marks do not count: a feed that lost its double marks keeps apostrophes
    and single quotes around titles, so only a double mark shows the marks survived.
    """
    return frozenset(
        mark
        for family in mark_table().families
        if not family.single
        for mark in family.opens | family.closes | family.either
    )


def marks_lost(view: DocView) -> bool:
    """A text that reports speech without a single double quotation mark, and closes
    at least ``MIN_CLOSINGS`` sentences with an attribution ("…, he said.") as
    quotes are closed: one such sentence alone is ordinary reported speech."""
    text = view.text
    if any(mark in text for mark in double_marks()):
        return False
    closings = 0
    for sent in view.sents:
        if _closing_attribution(view, sent) is not None:
            closings += 1
            if closings >= MIN_CLOSINGS:
                return True
    return False


def lost_mark_quotes(view: DocView) -> list[QuoteCandidate]:
    """Quote candidates of a text whose marks were lost (empty for other texts)."""
    if not marks_lost(view):
        return []
    out: list[QuoteCandidate] = []
    for sentences in _paragraphs(view):
        out.extend(_paragraph_quotes(view, sentences))
    return out


def _paragraphs(view: DocView) -> Iterator[list[Span]]:
    current: list[Span] = []
    para = None
    for sent in view.sents:
        first = next((t for t in sent if not t.is_space), None)
        if first is None:
            continue
        p = view.paragraph[first.i]
        if para is not None and p != para and current:
            yield current
            current = []
        para = p
        current.append(sent)
    if current:
        yield current


def _paragraph_quotes(view: DocView, sentences: list[Span]) -> list[QuoteCandidate]:
    doc = view.doc
    out: list[QuoteCandidate] = []
    run_start = sentences[0].start
    speaking = False  # an attribution in this paragraph was seen: the speaker goes on
    for n, sent in enumerate(sentences):
        closing = _closing_attribution(view, sent)
        if closing is None and n + 1 < len(sentences):
            stranded = _stranded_attribution(view, sentences[n + 1])
            if stranded is not None:
                closing = (sent.end, stranded)
        if closing is not None:
            end, cue = closing
            # Before any attribution, only words that are plainly someone's own join
            # the quote; after one, the speaker's run goes on to this attribution.
            start = (
                run_start if speaking else _own_words_start(sentences, run_start, sent)
            )
            quote = _candidate(view, start, end, cue)
            if quote is not None:
                out.append(quote)
            run_start = _after_attribution(view, sent, sentences, n)
            speaking = True
            continue
        colon = _colon_introduction(view, sent)
        if colon is not None:
            colon_i, cue = colon
            body_end = sentences[-1].end
            if colon_i + 1 < body_end and _has_words(doc[colon_i + 1 : body_end]):
                quote = _candidate(view, colon_i + 1, body_end, cue)
            else:
                quote = _next_paragraph_quote(view, body_end, cue)
            if quote is not None:
                out.append(quote)
            return out
        if _reports_speech(view, sent) and not _plainly_own(sent):
            # "Most residents say they are afraid.": a report of its own, not part of
            # a quote that a later attribution closes ("they tell me" is quoted).
            run_start = sent.end
            speaking = False
    if speaking and run_start < sentences[-1].end:
        quote = _candidate(view, run_start, sentences[-1].end, None)
        if quote is not None:
            out.append(quote)
    return out


def _own_words_start(sentences: list[Span], run_start: int, last: Span) -> int:
    """The earliest sentence before ``last`` from which every sentence is plainly
    the speaker's own (first or second person, a question, an exclamation)."""
    start = last.start
    for sent in reversed([s for s in sentences if run_start <= s.start < last.start]):
        if not _plainly_own(sent):
            break
        start = sent.start
    return start


def _reports_speech(view: DocView, sent: Span) -> bool:
    doc = view.doc
    return any(
        sent.start <= c.head < sent.end
        and c.kind in VERB_KINDS
        and subject_of(doc[c.head]) is not None
        for c in view.cues
    )


def _closing_attribution(view: DocView, sent: Span) -> tuple[int, Cue] | None:
    """ "<content>, he said in an interview." → (index of the comma, the cue)."""
    doc = view.doc
    for cue in view.cues:
        if not (sent.start < cue.head < sent.end) or cue.kind not in VERB_KINDS:
            continue
        verb = doc[cue.head]
        comma = _comma_before_attribution(verb, sent)
        if comma is None or not _nothing_said_after(verb, sent):
            continue
        if any(
            not t.is_punct and not t.is_space
            for t in doc[verb.right_edge.i + 1 : sent.end]
        ):
            continue  # "The economy, the minister said, will recover": it interrupts
        if comma - sent.start < 2:
            continue
        return comma, cue
    return None


def _comma_before_attribution(verb: Token, sent: Span) -> int | None:
    """The comma that separates the content from "he said" / "said X" / "X, the …,
    said"."""
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i > sent.start else None
    if before is not None and before.text == ",":
        return before.i  # inverted: ", says Col. Ada Brenner"
    subj = subject_of(verb)
    if subj is None or subj.i > verb.i:
        return None
    left = min(t.i for t in subj.subtree)
    # Only the speaker (and adverbs such as "also") may stand between comma and verb.
    for i in range(max(left, subj.i) + 1, verb.i):
        if doc[i].pos_ not in ("ADV", "AUX", "PART") and doc[i].i not in _subtree(subj):
            return None
    comma = left - 1
    if comma <= sent.start or doc[comma].text != ",":
        return None
    return comma


def _subtree(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _nothing_said_after(verb: Token, sent: Span) -> bool:
    """The verb reports what came before it: no clause or object of its own follows."""
    for child in verb.children:
        if child.i > verb.i and child.dep_ not in ATTRIBUTION_TAIL_DEPS:
            return False
        if child.i > verb.i and child.dep_ == "dobj":
            entry = lexicons.verb_forms().get(verb.lower_)
            if entry is None or not entry.addressee:
                return False
    return True


def _stranded_attribution(view: DocView, sent: Span) -> Cue | None:
    """A sentence that is only an attribution: "he added." after the quote."""
    doc = view.doc
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words or len(words) > 8:
        return None
    for cue in view.cues:
        if sent.start <= cue.head < sent.end and cue.kind in VERB_KINDS:
            verb = doc[cue.head]
            subj = subject_of(verb)
            if subj is None or not _nothing_said_after(verb, sent):
                return None
            if min(t.i for t in subj.subtree) != words[0].i and verb.i != words[0].i:
                return None
            return cue
    return None


def _after_attribution(view: DocView, sent: Span, sentences: list[Span], n: int) -> int:
    """Where the next run of quoted words can start: after this sentence, or after
    the stranded attribution sentence that closed it."""
    if (
        n + 1 < len(sentences)
        and _stranded_attribution(view, sentences[n + 1]) is not None
    ):
        if _closing_attribution(view, sent) is None:
            return sentences[n + 1].end
    return sent.end


def _colon_introduction(view: DocView, sent: Span) -> tuple[int, Cue] | None:
    """ "… she said: <quote>" → (index of the colon, the cue)."""
    doc = view.doc
    for tok in sent:
        if tok.text != ":":
            continue
        for i in range(tok.i - 1, max(sent.start, tok.i - 5) - 1, -1):
            cue = view.cue_at.get(i)
            if cue is not None and cue.kind in VERB_KINDS and subject_of(doc[cue.head]):
                return tok.i, cue
    return None


def _next_paragraph_quote(view: DocView, after: int, cue: Cue) -> QuoteCandidate | None:
    doc = view.doc
    i = after
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i >= len(doc):
        return None
    para = view.paragraph[i]
    end = i
    while end < len(doc) and view.paragraph[end] == para:
        end += 1
    return _candidate(view, i, end, cue)


def _has_words(span: Span) -> bool:
    return any(t.is_alpha for t in span)


def _candidate(
    view: DocView, start: int, end: int, cue: Cue | None
) -> QuoteCandidate | None:
    doc = view.doc
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while end > start and (
        doc[end - 1].is_space or doc[end - 1].text in (",", ";", ":")
    ):
        end -= 1
    span = doc[start:end]
    if sum(1 for t in span if t.is_alpha) < 2:
        return None
    kind = DIRECT if speech_like(span) else INDIRECT
    return QuoteCandidate(
        span.start_char, span.end_char, kind, "lost_marks", cue=cue, confidence=0.4
    )


def _plainly_own(span: Span) -> bool:
    persons = lexicons.word_list("speech_person_words")
    return any(t.lower_ in persons or t.text in ("?", "!") for t in span)


def speech_like(span: Span) -> bool:
    """Do these words read as someone's own speech rather than a paraphrase?"""
    if _plainly_own(span):
        return True
    inside = range(span.start, span.end)
    for root in (t for t in span if t.dep_ == "ROOT" or t.head.i not in inside):
        tags = {root.tag_} | {
            c.tag_ for c in root.children if c.dep_ in ("aux", "auxpass")
        }
        words = {root.lower_} | {
            c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")
        }
        if tags & PRESENT_TAGS and not words & PAST_MODALS:
            return True
    return False
