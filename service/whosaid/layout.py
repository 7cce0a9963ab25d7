"""The layout of a text, read before it is parsed: which newlines end a paragraph,
which only wrap a line, and where paragraphs were run together.

Much news is not laid out one paragraph a line. Wire archives and e-mailed copy are
hard-wrapped at 60-80 columns with paragraphs marked by a blank line or an indent;
text taken from PDF is wrapped; scraped pages join paragraphs with a space. The
parser, sentence starts, mark pairing and speaker carrying all read a newline as
the end of a paragraph, so a wrapped line would cut sentences and quotes in two.

``reading_text`` gives the text the parser reads: the same length as the text sent,
every character in place, with only whitespace swapped — a newline that merely wraps
a line becomes a space, and a space where a paragraph was joined onto the one before
("… he said. “Next …", ``"A. "B. "C."``) becomes a newline. Offsets into one are
offsets into the other, so records point into the exact text sent and their ``text``
fields are slices of it (``whosaid.records``).

How a newline is read:

* a blank line, or a next line indented deeper than the text's own margin, ends a
  paragraph;
* in a text that is not hard-wrapped (most of its lines are not filled to a common
  width) every newline ends a paragraph, as before;
* in a hard-wrapped text, a line that ends short of the width (the next line's first
  word would have fitted) ends a paragraph — a last line, a headline, a list item;
* a filled line that ends a sentence ends a paragraph unless a quotation is still
  open on it and the next line does not reopen one: a filled last line is more often
  a paragraph's end than a wrap at a sentence end, and a quote's paragraph that
  continues reopens its mark;
* any other newline in a hard-wrapped text wraps a line.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

import whosaid.extensions  # noqa: F401  (registers doc._.whosaid_sent)
from whosaid import lexicons

# A text is read as hard-wrapped when at least this share of its line ends (between
# two lines of text, the next not indented) fall where the next word would not have
# fitted, and its width is one that copy is wrapped at.
WRAPPED_SHARE = 0.5
MIN_WIDTH = 30
MAX_WIDTH = 160
# Lines longer than this many times the median line are not part of the wrapped
# body (an unwrapped URL, a table row) and do not set the width.
WIDTH_OUTLIER = 1.5
# At least this many line ends between lines of text before a text can be wrapped.
MIN_LINE_ENDS = 2

_NEWLINE = re.compile(r"\r\n|\r|\n")
_CLOSERS = "”’\"')]}»›"
_SENTENCE_END = frozenset(".!?…")
# A paragraph run onto the previous one: a sentence end (perhaps closed by a mark or
# bracket), spaces, then an opening double mark before a word. The first space
# becomes the paragraph break.
_JOINED = re.compile(r"([.!?…][”’\"')\]]*)([ \t]+)(?=(?:“|\"|``|«|„)[\w‘'])")
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
# Longer than any abbreviation the word before a period is checked against.
_WORD_WINDOW = 64


@cache
def _abbreviations() -> frozenset[str]:
    """Words whose period is no sentence end: the titles of ``titles.tsv``."""
    return frozenset(t.rstrip(".") for t in lexicons.table("titles"))


def _first_word(line: str) -> str:
    stripped = line.lstrip()
    cut = stripped.find(" ")
    return stripped if cut < 0 else stripped[:cut]


def _ends_sentence(line: str) -> bool:
    body = line.rstrip().rstrip(_CLOSERS)
    if not body or body[-1] not in _SENTENCE_END:
        return False
    if body[-1] == ".":
        word = _WORD_BEFORE.search(body[:-1])
        if word and word.group(1).lower() in _abbreviations():
            return False
    return True


def _opens_quote(line: str) -> bool:
    stripped = line.lstrip()
    return stripped[:1] in '“"«„' or stripped.startswith("``")


def _quote_open(paragraph: str) -> bool:
    """Whether a double quotation is still open at the end of ``paragraph``."""
    curly = paragraph.count("“") - paragraph.count("”")
    return curly > 0 or paragraph.count('"') % 2 == 1


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def reading_text(text: str) -> str:
    """The text the parser reads: same length, wraps and joins undone (see above)."""
    if "\n" not in text and "\r" not in text:
        return _split_joined(text)
    lines: list[tuple[int, int]] = []  # (start, end) of each line, newline excluded
    breaks: list[tuple[int, int]] = []  # (start, end) of the newline after each line
    pos = 0
    for m in _NEWLINE.finditer(text):
        lines.append((pos, m.start()))
        breaks.append((m.start(), m.end()))
        pos = m.end()
    lines.append((pos, len(text)))
    body = [text[s:e].rstrip() for s, e in lines]
    filled = [b for b in body if b.strip()]
    margin = min((_indent(b) for b in filled), default=0)
    # Line ends between two lines of text, the next one not indented.
    ends = [
        i
        for i in range(len(breaks))
        if body[i].strip() and body[i + 1].strip() and _indent(body[i + 1]) <= margin
    ]
    wraps: list[int] = []
    if len(ends) >= MIN_LINE_ENDS:
        median = statistics.median(len(b) for b in filled)
        width = max(
            (len(b) for b in filled if len(b) <= WIDTH_OUTLIER * median), default=0
        )
        full = [
            i for i in ends if len(body[i]) + 1 + len(_first_word(body[i + 1])) > width
        ]
        if MIN_WIDTH <= width <= MAX_WIDTH and len(full) >= WRAPPED_SHARE * len(ends):
            blank = sum(
                1
                for i in range(1, len(body) - 1)
                if not body[i].strip() and body[i - 1].strip()
            )
            wraps = _wraps(
                body, ends, set(full), blank >= max(2, len(ends) - len(full))
            )
    if not wraps:
        return _split_joined(text)
    out = list(text)
    for i in wraps:
        start, end = breaks[i]
        for k in range(start, end):
            out[k] = " "
    return _split_joined("".join(out))


def _wraps(
    body: list[str], ends: list[int], full: set[int], blank_lines: bool
) -> list[int]:
    """Which line ends of a hard-wrapped text only wrap a line. Where blank lines
    part the paragraphs, a filled line never ends one."""
    wraps = []
    ends_set = set(ends)
    paragraph: list[str] = []
    for i in range(len(body) - 1):
        paragraph.append(body[i])
        if i not in ends_set or i not in full:
            paragraph = []
            continue
        if (
            not blank_lines
            and _ends_sentence(body[i])
            and (_opens_quote(body[i + 1]) or not _quote_open(" ".join(paragraph)))
        ):
            paragraph = []
            continue
        wraps.append(i)
    return wraps


def _split_joined(text: str) -> str:
    """A newline where a paragraph was run onto the one before it."""

    def split(m: re.Match[str]) -> str:
        # The word before the sentence end, read from a short window: searched
        # over the whole text before it, the pattern costs time quadratic in it.
        word = _WORD_BEFORE.search(text[max(0, m.start() - _WORD_WINDOW) : m.start()])
        if m.group(1)[0] == "." and word and word.group(1).lower() in _abbreviations():
            return m.group(0)
        return m.group(1) + "\n" + m.group(2)[1:]

    return _JOINED.sub(split, text)


# A byline: "By Jane Doe", "BY JANE DOE, Staff Writer", "Jane Doe | Reuters".
_BYLINE = re.compile(r"^\s*(?:by\s+\S.{0,80}|[^|\n]{2,60}\|[^|\n]{2,60})\s*$", re.I)
# Lines read for furniture before the body starts.
FURNITURE_LINES = 4


def furniture(text: str) -> list[tuple[int, int]]:
    """Character ranges of the headline and byline lines at the top of ``text``:
    lines a reader does not take a source's name or description from. A headline is
    the first line when a paragraph break follows it and it does not end a sentence
    or is in title case; a byline is a short "By …" or "… | outlet" line."""
    out: list[tuple[int, int]] = []
    pos = 0
    for n, line in enumerate(text.split("\n")[:FURNITURE_LINES]):
        start, end = pos, pos + len(line)
        pos = end + 1
        body = line.strip()
        if not body:
            continue
        if (
            n == 0
            and pos < len(text)
            and (_title_case(body) or not _ends_sentence(body))
        ):
            out.append((start, end))
        elif _BYLINE.match(body):
            out.append((start, end))
        elif n > 0:
            break
    return out


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z’']+", line) if len(w) > 3]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


class LayoutTokenizer:
    """A tokenizer that reads the layout first: it tokenizes ``reading_text(text)``
    with the pipeline's own tokenizer and keeps the text as sent on the Doc
    (``doc._.whosaid_sent``) where the two differ, for the records to slice."""

    def __init__(self, base: Callable[[str], Doc]) -> None:
        self.base = base

    def __call__(self, text: str) -> Doc:
        reading = reading_text(text)
        doc = self.base(reading)
        if reading != text:
            doc._.whosaid_sent = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        # Everything else (vocab, rules, serialisation) is the base tokenizer's.
        return getattr(self.base, name)


def install(nlp: Language) -> None:
    """Make ``nlp`` read the layout of every text before tokenizing (idempotent)."""
    if not isinstance(nlp.tokenizer, LayoutTokenizer):
        nlp.tokenizer = LayoutTokenizer(nlp.tokenizer)
