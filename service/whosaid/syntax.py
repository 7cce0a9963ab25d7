"""Small, shared readings of the dependency parse: speech verbs, subjects, mentions.

The stages ask the same questions of the parse (is this a speech verb, who is its
subject, how far does the noun phrase of a speaker reach); answering them here keeps
one answer per question.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable

import numpy as np
from spacy.tokens import Doc, Span, Token

from whosaid import lexicons
from whosaid.extensions import doc_text

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom", "whose"})
# Dependents that belong to a speaker's noun phrase ("the head of the harbour
# authority", "most tenants contacted by the paper"). Appositions and relative
# clauses are descriptions, kept out of the mention and read separately by the
# sources stage.
MENTION_DEPS = frozenset(
    {
        "compound",
        "flat",
        "det",
        "amod",
        "nmod",
        "poss",
        "nummod",
        "quantmod",
        "case",
        "prep",
        "pobj",
        "acl",
        "advmod",
        "npadvmod",
        "predet",
        "cc",
        "conj",
        "agent",
        "pcomp",
        "dobj",
        "nn",
        "prt",
        "neg",
        "aux",
        "auxpass",
    }
)
MAX_MENTION_TOKENS = 14
# One paragraph break: a newline and any blank lines or spaces after it.
_PARAGRAPH_BREAK = re.compile(r"\n\s*")
# How far up a chain of verbs the subject of a cue may be inherited:
# "He paused and added", "she went on to say", "he tweeted, saying".
SUBJECT_CHAIN_DEPS = frozenset(
    {"conj", "xcomp", "advcl", "ccomp", "pcomp", "prep", "acomp"}
)


def verb_class(token: Token) -> str | None:
    """``speech``, ``attitude`` or ``naming`` for a verb of the lexicon, else None."""
    entry = lexicons.verb_forms().get(token.lower_)
    if entry is None:
        return None
    if token.tag_.startswith("VB") or token.pos_ in ("VERB", "AUX"):
        return entry.cls
    return None


def has_foreign_object(
    verb: Token, quoted: Callable[[Token], bool] | None = None
) -> bool:
    """A direct object that is neither the hearer nor something said.

    "the club charged a $100 fee" is not speech; "told reporters", "wrote a letter",
    "said it" and an object inside the quotation itself ("chanted “No more cuts!”")
    are.
    """
    entry = lexicons.verb_forms().get(verb.lower_)
    if entry is not None and entry.addressee:
        return False
    nouns = lexicons.word_list("speech_nouns")
    return any(
        c.dep_ == "dobj" and c.lower_ not in nouns and not (quoted and quoted(c))
        for c in verb.children
    )


def regarded_as(verb: Token) -> tuple[Token, Token] | None:
    """The object and the "as" phrase of "see X as Y", "cast X as Y", else None."""
    if not (verb.tag_.startswith("VB") or verb.pos_ == "VERB"):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None:
        return None
    as_phrase = next(
        (
            c
            for c in (*verb.children, *obj.children)
            if c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i
        ),
        None,
    )
    if as_phrase is None or not any(
        c.dep_ in ("pobj", "amod", "acomp") for c in as_phrase.children
    ):
        return None
    return obj, as_phrase


def is_speech_verb(token: Token) -> bool:
    return verb_class(token) == "speech"


def subject_of(
    verb: Token,
    depth: int = 3,
    allowed: Callable[[Token], bool] | None = None,
    resolve_relative: bool = True,
) -> Token | None:
    """The subject that performs ``verb``, climbing coordinated and control verbs.

    A relative pronoun subject ("who said") is replaced by the noun it modifies.
    ``allowed`` filters candidate subjects (the parser sometimes gives a speech verb
    a second subject inside the quotation it introduces). With ``resolve_relative``
    off, "who" stays "who" (the speakers stage keeps the words the text uses and
    leaves the antecedent to the resolver).
    """
    current = verb
    came_by = ""
    for _ in range(depth + 1):
        if _reporter_participle(verb, current, came_by):
            # "X said people would pay less, saying the tariff is no tax": the
            # parser hangs the participle inside what X said; X is saying it.
            came_by, current = current.dep_, current.head
            continue
        subjects = [
            c
            for c in current.children
            if c.dep_ in SUBJECT_DEPS
            and (allowed is None or allowed(c))
            and not (c.i > current.i and _takes_hearer(current))
        ]
        if subjects:
            # A subject before the verb wins over one after it ("Okafor, 70, told the
            # station's Lena Voss": the parser may call both subjects).
            subj = min(subjects, key=lambda c: (c.i > current.i, abs(c.i - current.i)))
            if subj.dep_ == "nsubjpass" and (current.i == verb.i or came_by != "xcomp"):
                return _passive_agent(current)
            return antecedent(subj) if resolve_relative else subj
        if current.dep_ == "relcl" and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return current.head
        if current.dep_ not in SUBJECT_CHAIN_DEPS or current.head.i == current.i:
            return None
        if current.dep_ == "ccomp" and current.i > current.head.i:
            return None  # "he said she would go": the subject of go is not he
        # "Respondents are obliged to disclose": a passive subject controls the
        # infinitive, so it is the subject of the cue, not the passive's agent.
        came_by = current.dep_
        current = current.head
    return None


def _reporter_participle(verb: Token, current: Token, came_by: str) -> bool:
    """Whether ``verb`` is a speech participle set off by a comma (", saying …") that
    the parse hangs on ``current``, a clause reported by another speech verb."""
    return (
        came_by == "advcl"
        and verb.tag_ == "VBG"
        and verb.i > 0
        and verb.doc[verb.i - 1].text == ","
        and current.dep_ == "ccomp"
        and current.head.i < current.i
        and verb.lower_ in lexicons.verb_forms()
        and current.head.lower_ in lexicons.verb_forms()
    )


def _takes_hearer(verb: Token) -> bool:
    """ "told reporters": the noun after such a verb is the hearer, not its subject."""
    entry = lexicons.verb_forms().get(verb.lower_)
    return entry is not None and entry.addressee


def _passive_agent(verb: Token) -> Token | None:
    """ "... was told by X" → X."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def antecedent(token: Token) -> Token:
    """A relative pronoun's noun ("the minister, who said" → minister), else itself."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        return token.head.head
    return token


def mention_bounds(head: Token) -> tuple[int, int]:
    """Token bounds of the noun phrase headed by ``head``, without appositives.

    The phrase stops at a comma or parenthesis so that "Ines Marlow, director of …"
    gives "Ines Marlow"; it keeps prepositional and participial modifiers ("the head
    of the harbour authority").
    """
    # A bare head ("those who remain") keeps its relative clause: without it the
    # mention says nothing of who spoke (lexicons/bare_heads.txt).
    bare = head.lower_ in lexicons.word_list("bare_heads")
    keep = [head]
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if tok.i == head.i and bare and child.dep_ == "relcl":
                keep.extend(child.subtree)
                continue
            if child.dep_ in MENTION_DEPS or (
                tok.i == head.i and child.dep_ == "punct" and child.text in "-–"
            ):
                keep.append(child)
                stack.append(child)
    start = min(t.i for t in keep)
    end = max(t.i for t in keep) + 1
    doc = head.doc
    # Never cross a comma, colon, parenthesis or quotation mark on either side of head.
    for i in range(head.i - 1, start - 1, -1):
        if _is_boundary(doc[i]):
            start = i + 1
            break
    for i in range(head.i + 1, end):
        if _is_boundary(doc[i]):
            end = i
            break
    if end - start > MAX_MENTION_TOKENS:
        start, end = _core_bounds(head)
    while start < head.i and not _wordlike(doc[start]):
        start += 1
    while end - 1 > head.i and not _wordlike(doc[end - 1]):
        end -= 1
    return start, end


def _wordlike(token: Token) -> bool:
    """Letters or digits: not punctuation, space or an emoji."""
    return not token.is_punct and any(ch.isalnum() for ch in token.text)


def _is_boundary(token: Token) -> bool:
    return (
        token.is_quote
        or token.is_space
        or token.text in {",", ";", ":", "(", ")", "—", "–", "[", "]"}
    )


def _core_bounds(head: Token) -> tuple[int, int]:
    """A short fallback: the head with its compounds, determiners and adjectives."""
    core = {"compound", "flat", "det", "amod", "poss", "nummod", "case"}
    toks = [head, *(t for t in head.subtree if t.dep_ in core and t.head.i == head.i)]
    return min(t.i for t in toks), max(t.i for t in toks) + 1


class Sentences:
    """Sentence bounds of every token, computed once.

    ``Token.sent`` rescans the document on every call; the stages ask for sentence
    bounds thousands of times per article, so they read them from here.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        if not len(doc):
            self._start: list[int] = []
            self._end: list[int] = []
            return
        starts = doc.to_array("SENT_START")
        starts[0] = 1
        bounds = np.append(np.flatnonzero(starts == 1), len(doc))
        lengths = np.diff(bounds)
        self._start = np.repeat(bounds[:-1], lengths).tolist()
        self._end = np.repeat(bounds[1:], lengths).tolist()

    def start(self, i: int) -> int:
        return self._start[i]

    def end(self, i: int) -> int:
        return self._end[i]

    def span(self, i: int) -> Span:
        return self.doc[self._start[i] : self._end[i]]

    def __iter__(self):
        i = 0
        while i < len(self._start):
            yield self.doc[i : self._end[i]]
            i = self._end[i]


class TokenIndex:
    """Character offset → token index, for a fixed ``Doc``."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = doc.to_array("IDX").tolist() if len(doc) else []

    def at(self, char: int) -> int:
        """The token that contains (or, for whitespace, precedes) ``char``."""
        return max(0, bisect_right(self.starts, char) - 1)

    def span(self, start: int, end: int) -> Span:
        """The smallest token span covering the characters [start, end)."""
        first = self.at(start)
        last = self.at(max(start, end - 1))
        return self.doc[first : last + 1]


def quoted_tokens(doc: Doc, index: TokenIndex | None = None) -> dict[int, int]:
    """Token index → position in ``doc._.whosaid_marks`` of its top-level quote.

    Covers the words inside the marks, not the marks themselves.
    """
    index = index or TokenIndex(doc)
    inside: dict[int, int] = {}
    for n, mark in enumerate(doc._.whosaid_marks or ()):
        if mark.depth == 0:
            span = index.span(mark.start, mark.end)
            for i in range(span.start, span.end):
                inside[i] = n
    return inside


def paragraph_index(doc: Doc, text: str | None = None) -> list[int]:
    """The paragraph number of every token; a newline starts a new paragraph.

    A token holding a newline belongs to the paragraph it closes.
    """
    text = doc_text(doc) if text is None else text
    breaks = [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    if not breaks:
        return [0] * len(doc)
    # Count the newlines strictly before each token's first character.
    return np.searchsorted(breaks, doc.to_array("IDX"), side="left").tolist()


def first(items: Iterable[Token]) -> Token | None:
    return next(iter(items), None)
