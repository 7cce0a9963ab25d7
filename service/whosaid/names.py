"""Names of people and organisations: their parts, their gender, and which
mentions of a text name the same one.

"Gen. Salim Idris", "Idris" and "Gen. Idris" are one person; "Hillary Clinton" and
"Bill Clinton" are two, and "Mrs. Clinton" is the first. A name cluster is keyed by
its parts without titles; short forms join the cluster whose surname (or, failing
that, first name) they match, the nearest one before them when several do.
Transliteration variants are matched with rapidfuzz.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span

from whosaid import lexicons

PERSON = "PERSON"
ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
NAME_LABELS = ORG_LABELS | {PERSON}
# Two spellings of one surname ("Abdulrahman" / "Abdel Rahman") score above this.
FUZZY_SAME = 88
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass
class NameCluster:
    """One named person or organisation and every place the text names it."""

    label: str  # PERSON, ORG, GPE, NORP, FAC
    parts: list[str]  # the fullest form's parts, titles removed
    spans: list[tuple[int, int]] = field(default_factory=list)  # token spans
    titles: set[str] = field(default_factory=set)
    gender: str | None = None

    @property
    def name(self) -> str:
        return " ".join(self.parts)

    @property
    def is_person(self) -> bool:
        return self.label == PERSON

    def first_at(self) -> int:
        return min(s for s, _ in self.spans)


@cache
def _titles() -> dict[str, str]:
    return {k: v[0] if v else "-" for k, v in lexicons.table("titles").items()}


@cache
def _given() -> dict[str, str]:
    return {k: v[0] if v else "-" for k, v in lexicons.table("given_names").items()}


def is_title(word: str) -> bool:
    return word.lower() in _titles()


def title_gender(word: str) -> str | None:
    g = _titles().get(word.lower())
    return g if g in ("m", "f") else None


def given_name_gender(word: str) -> str | None:
    """m or f for a known given name, "-" for one used by both, None if unknown."""
    word = word.lower()
    if word in _given():
        return _given()[word]
    for name, gender in _given().items():
        if name[:1] == word[:1] and fuzz.ratio(name, word) >= FUZZY_SAME:
            return gender
    return None


def is_given_name(word: str) -> bool:
    return given_name_gender(word) is not None


def name_parts(span: Span) -> tuple[list[str], set[str]]:
    """The parts of a name without titles or a possessive ending, and the titles."""
    parts: list[str] = []
    titles: set[str] = set()
    for tok in span:
        text = _POSSESSIVE.sub("", tok.text)
        if not text or tok.is_punct and text not in ("-",):
            continue
        if not parts and (is_title(text) or tok.lower_ in ("the", "a", "an")):
            if is_title(text):
                titles.add(text.lower())
            continue
        if tok.tag_ == "POS":
            continue
        parts.append(text)
    # Glue hyphenated parts back: "Holtz - Eakin" → "Holtz-Eakin".
    joined: list[str] = []
    for part in parts:
        if joined and (part == "-" or joined[-1].endswith("-")):
            joined[-1] += part
        else:
            joined.append(part)
    return [p for p in joined if p != "-"], titles


def same_part(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or (a[:1] == b[:1] and fuzz.ratio(a, b) >= FUZZY_SAME)


class NameIndex:
    """The name clusters of a document, built from its named entities."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.clusters: list[NameCluster] = []
        self._by_token: dict[int, int] = {}
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS:
                self.add(ent, ent.label_)

    def add(self, span: Span, label: str) -> int | None:
        """Place a name span in its cluster (a new one if none fits); its index."""
        if span.start in self._by_token:
            return self._by_token[span.start]
        parts, titles = name_parts(span)
        if not parts:
            return None
        index = self._match(parts, titles, label, span.start)
        if index is None:
            self.clusters.append(NameCluster(label=label, parts=parts))
            index = len(self.clusters) - 1
        cluster = self.clusters[index]
        if label == PERSON and len(parts) > len(cluster.parts):
            cluster.parts = parts
        cluster.spans.append((span.start, span.end))
        cluster.titles |= titles
        if cluster.gender is None:
            cluster.gender = self._gender(parts, titles)
        for i in range(span.start, span.end):
            self._by_token[i] = index
        return index

    def at(self, token_i: int) -> int | None:
        """The cluster named at this token, if any."""
        return self._by_token.get(token_i)

    def _gender(self, parts: list[str], titles: set[str]) -> str | None:
        for title in titles:
            if title_gender(title):
                return title_gender(title)
        if len(parts) >= 2 or (parts and is_given_name(parts[0])):
            g = given_name_gender(parts[0])
            return g if g in ("m", "f") else None
        return None

    def _match(self, parts: list[str], titles: set[str], label: str, at: int) -> int | None:
        if label != PERSON:
            key = " ".join(parts).lower()
            for i, c in enumerate(self.clusters):
                if c.label != PERSON and (c.name.lower() == key or _acronym(c.name, key)):
                    return i
            return None
        gender = next((title_gender(t) for t in titles if title_gender(t)), None)
        best = None
        for i, c in enumerate(self.clusters):
            if not c.is_person:
                continue
            if gender and c.gender and gender != c.gender:
                continue
            if len(parts) == 1:
                fits = same_part(parts[0], c.parts[-1]) or (
                    len(c.parts) > 1 and same_part(parts[0], c.parts[0])
                )
            else:
                fits = same_part(parts[-1], c.parts[-1]) and (
                    len(c.parts) == 1 or _first_names_agree(parts[0], c.parts[0])
                )
            if fits:
                last = max(s for s, _ in c.spans)
                if best is None or last > best[1]:
                    best = (i, last)
        return best[0] if best else None


def _first_names_agree(a: str, b: str) -> bool:
    a, b = a.rstrip(".").lower(), b.rstrip(".").lower()
    return a == b or a[:1] == b[:1] and (len(a) == 1 or len(b) == 1) or same_part(a, b)


def _acronym(name: str, other: str) -> bool:
    """"FBI" and "Federal Bureau of Investigation"."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ("of", "the", "for", "and")]
    initials = "".join(w[0] for w in words).lower()
    short = other.replace(".", "").lower()
    return len(short) >= 2 and short == initials
