"""Pairing of quotation marks in raw text.

Works on characters, not tokens, so that offsets are exact and so that the pairing does
not depend on how the tokenizer split a mark from its word. The rules:

* every mark style of ``models/patterns/quote_marks.json`` (curly, straight, single,
  guillemets both ways, „…“, the ``''…''`` of wire copy);
* an ambiguous mark (``"``, ``'``) opens when it is left-flanking (space before, word
  after) and closes when it is right-flanking, as CommonMark decides emphasis;
* apostrophes (``don't``, ``'90s``, ``'em``, a plural possessive ``rebels'``) are not marks;
* a quote inside a quote is kept with its parent (``depth`` 1 and ``parent`` set);
* a quote that runs over several paragraphs, each reopening the mark and only the last
  closing it, gives a span for each paragraph;
* an opening mark that is never closed is dropped at the end of its paragraph: a stray
  mark costs its own span and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from whosaid import lexicons

# Punctuation that may stand right before an opening mark or right after a closing one.
_OPENING_PUNCT = frozenset("([{<—–-/")
_CLOSING_PUNCT = frozenset(".,;:!?)]}>—–-…/")
_ELISION_WORD = re.compile(r"[A-Za-z]+|\d+")
# How many marks may be open at once in a paragraph; real nesting stops at three or
# four. Past it the oldest open mark is dropped, as an unclosed mark is at the end of
# its paragraph, so that a run of stray opening marks costs linear time.
MAX_OPEN = 64


@dataclass(frozen=True)
class Family:
    """One style of quotation marks: which marks open it and which close it."""

    name: str
    opens: frozenset[str]
    closes: frozenset[str]
    either: frozenset[str]
    single: bool

    def can_open(self, mark: str) -> bool:
        return mark in self.opens or mark in self.either

    def can_close(self, mark: str) -> bool:
        return mark in self.closes or mark in self.either


@dataclass(frozen=True)
class MarkTable:
    """All families, and the marks sorted longest first for scanning."""

    families: tuple[Family, ...]
    marks: tuple[str, ...]
    elisions: frozenset[str]

    @property
    def chars(self) -> frozenset[str]:
        return frozenset("".join(self.marks))


@dataclass(frozen=True)
class QuotedSpan:
    """A stretch of text between a pair of quotation marks.

    ``start``/``end`` cover the words inside the marks; ``open_start``/``close_end``
    include the marks themselves.
    """

    start: int
    end: int
    open_start: int
    close_end: int
    family: str
    depth: int = 0
    parent: int | None = None
    paragraphs: int = 1


@dataclass
class _Mark:
    text: str
    start: int
    end: int
    left_flanking: bool
    right_flanking: bool


@dataclass
class _Open:
    family: Family
    mark: _Mark
    paragraphs: int = 1


@dataclass
class _Pairing:
    table: MarkTable
    stack: list[_Open] = field(default_factory=list)
    spans: list[tuple[int, int, int, int, str, int]] = field(default_factory=list)


@cache
def mark_table() -> MarkTable:
    """The mark families of ``models/patterns/quote_marks.json``."""
    data = lexicons.pattern_file("quote_marks")
    families = tuple(
        Family(
            name=f["name"],
            opens=frozenset(f.get("open", ())),
            closes=frozenset(f.get("close", ())),
            either=frozenset(f.get("either", ())),
            single=bool(f.get("single", False)),
        )
        for f in data["families"]
    )
    marks = {m for f in families for m in f.opens | f.closes | f.either}
    return MarkTable(
        families=families,
        marks=tuple(sorted(marks, key=len, reverse=True)),
        elisions=lexicons.word_list("elisions"),
    )


def find_quoted_spans(text: str, table: MarkTable | None = None) -> list[QuotedSpan]:
    """Every quoted span of ``text``, outermost and nested, sorted by position.

    A quote that runs over several paragraphs, each reopening the mark, gives one
    span per paragraph (``paragraphs`` counts the paragraphs of the quote so far):
    each is a quotation of its own, as readers and annotated corpora count them, and
    the speaker stage carries the speaker across them.
    """
    table = table or mark_table()
    pairing = _Pairing(table)
    previous_end = 0
    for p_start, p_end in _paragraphs(text):
        marks = list(_scan(text, p_start, p_end, table))
        carried = None
        if (
            pairing.stack
            and marks
            and _reopens(text, p_start, marks[0], pairing.stack[0])
        ):
            # The multi-paragraph convention: the mark at the head of this paragraph
            # continues the quote left open at the end of the previous one.
            carried = pairing.stack[0]
            _close_at(pairing, text, carried, previous_end)
        pairing.stack = []
        if carried is not None:
            pairing.stack = [_Open(carried.family, marks[0], carried.paragraphs + 1)]
            marks = marks[1:]
        later = _last_closers(text, marks, table)
        for i, mark in enumerate(marks):
            _feed(pairing, text, mark, i, later)
        previous_end = p_end
    return _with_nesting(pairing.spans)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line; a newline always ends a paragraph."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            out.append((pos, pos + len(body)))
        pos += len(line)
    return out


def _is_space(ch: str | None) -> bool:
    return ch is None or ch.isspace()


def _scan(text: str, start: int, end: int, table: MarkTable):
    chars = table.chars
    i = start
    while i < end:
        ch = text[i]
        if ch not in chars:
            i += 1
            continue
        for mark in table.marks:
            if text.startswith(mark, i) and i + len(mark) <= end:
                j = i + len(mark)
                prev = text[i - 1] if i > 0 else None
                nxt = text[j] if j < len(text) else None
                left = not _is_space(nxt) and (
                    _is_space(prev) or prev in _OPENING_PUNCT or prev in chars
                )
                right = not _is_space(prev) and (
                    _is_space(nxt) or nxt in _CLOSING_PUNCT or nxt in chars
                )
                yield _Mark(mark, i, j, left, right)
                i = j
                break
        else:
            i += 1


def _reopens(text: str, p_start: int, mark: _Mark, carried: _Open) -> bool:
    """Does the paragraph open with a mark of the family left open before it?"""
    head = text[p_start : mark.start]
    return (
        not head.strip() and carried.family.can_open(mark.text) and mark.left_flanking
    )


def _is_apostrophe(text: str, mark: _Mark, table: MarkTable) -> bool:
    """A single-quote character that is part of a word, not a quotation mark."""
    if len(mark.text) != 1:
        return False
    prev = text[mark.start - 1] if mark.start > 0 else ""
    nxt = text[mark.end] if mark.end < len(text) else ""
    if prev.isalnum() and nxt.isalnum():
        return True  # don't, O'Hara, rock'n'roll
    if not prev.isalnum() and nxt.isalnum():
        word = _ELISION_WORD.match(text, mark.end)
        if word:
            w = word.group(0)
            after = text[word.end() : word.end() + 1]
            if w.lower() in table.elisions and not after.isalpha():
                return True  # 'em, 'til, 'cause
            if w.isdigit() and (after in ("s", "") or not after.isalpha()):
                return len(w) == 2  # '90s, '16
    return False


def _single_families(table: MarkTable, mark: str) -> bool:
    return any(
        f.single and (f.can_open(mark) or f.can_close(mark)) for f in table.families
    )


def _last_closers(text: str, marks: list[_Mark], table: MarkTable) -> dict[str, int]:
    """For each single-quote family, the index in ``marks`` of the last mark that can
    close it and is not itself a plural possessive (what ``_possessive`` looks for
    after a mark), found once per paragraph rather than once per mark."""
    last: dict[str, int] = {}
    for family in table.families:
        if not family.single:
            continue
        for i in range(len(marks) - 1, -1, -1):
            m = marks[i]
            if (
                family.can_close(m.text)
                and m.right_flanking
                and text[m.start - 1] not in "sSzZ"
            ):
                last[family.name] = i
                break
    return last


def _feed(
    p: _Pairing, text: str, mark: _Mark, index: int, later: dict[str, int]
) -> None:
    """Pair the ``index``-th mark of its paragraph against the stack of open marks."""
    table = p.table
    single = _single_families(table, mark.text)
    if single and _is_apostrophe(text, mark, table):
        return
    closers = [f for f in table.families if f.can_close(mark.text)]
    openers = [f for f in table.families if f.can_open(mark.text)]
    only_either = all(mark.text in f.either for f in closers + openers)
    strictly_left = mark.left_flanking and not mark.right_flanking
    strictly_right = mark.right_flanking and not mark.left_flanking

    if closers and not (only_either and strictly_left):
        depth = _innermost(p.stack, lambda f: f in closers)
        if depth is not None and single:
            if _possessive(text, mark, p.stack[depth], index, later):
                return
        if depth is not None:
            _close(p, text, depth, mark)
            return
    if openers and not strictly_right:
        if len(p.stack) >= MAX_OPEN:
            del p.stack[0]
        p.stack.append(_Open(openers[0], mark))
        return
    if strictly_right:
        # A closing mark of the wrong glyph (“Hello,“ he said): close the innermost
        # open quote of the same weight, double with double and single with single.
        kind_single = any(f.single for f in closers + openers)
        depth = _innermost(p.stack, lambda f: f.single == kind_single)
        if depth is not None and not (
            kind_single and _possessive(text, mark, p.stack[depth], index, later)
        ):
            _close(p, text, depth, mark)


def _innermost(stack: list[_Open], accept) -> int | None:
    for depth in range(len(stack) - 1, -1, -1):
        if accept(stack[depth].family):
            return depth
    return None


def _possessive(
    text: str, mark: _Mark, opened: _Open, index: int, later: dict[str, int]
) -> bool:
    """``rebels' pocket`` inside a single-quoted span: keep looking for the real closer."""
    if (
        not opened.family.single
        or mark.start == 0
        or text[mark.start - 1] not in "sSzZ"
    ):
        return False
    nxt = text[mark.end] if mark.end < len(text) else None
    if nxt is None or not nxt.isspace():
        return False
    return later.get(opened.family.name, -1) > index


def _close(p: _Pairing, text: str, depth: int, mark: _Mark) -> None:
    opened = p.stack[depth]
    # Anything opened inside and never closed is dropped with its own span only.
    del p.stack[depth:]
    _close_at(p, text, opened, mark.start, mark.end)


def _close_at(
    p: _Pairing, text: str, opened: _Open, end: int, close_end: int | None = None
) -> None:
    """Record the span ``opened`` starts and ``end`` ends (at a closing mark, or at
    the end of a paragraph that a reopened quote continues)."""
    close_end = end if close_end is None else close_end
    start = opened.mark.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        p.spans.append(
            (
                start,
                end,
                opened.mark.start,
                close_end,
                opened.family.name,
                opened.paragraphs,
            )
        )


def _with_nesting(raw: list[tuple[int, int, int, int, str, int]]) -> list[QuotedSpan]:
    raw = sorted(raw, key=lambda s: (s[2], -s[3]))
    out: list[QuotedSpan] = []
    open_parents: list[int] = []  # indexes into out, outermost first
    for start, end, o_start, c_end, family, paragraphs in raw:
        while open_parents and out[open_parents[-1]].close_end <= o_start:
            open_parents.pop()
        parent = open_parents[-1] if open_parents else None
        out.append(
            QuotedSpan(
                start,
                end,
                o_start,
                c_end,
                family,
                len(open_parents),
                parent,
                paragraphs,
            )
        )
        open_parents.append(len(out) - 1)
    return out
