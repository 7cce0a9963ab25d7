"""Names of people and organisations: their parts, their gender, and which
mentions of a text name the same one.

"Gen. Tomas Varga", "Varga" and "Gen. Varga" are one person; "Hillary Clinton" and
"Bill Clinton" are two, and "Mrs. Clinton" is the first. A name cluster is keyed by
its parts without titles; short forms join the cluster whose surname (or, failing
that, first name) they match, the nearest one before them when several do.
Transliteration variants are matched with rapidfuzz.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from nameparser.config import CONSTANTS as NAME_CONSTANTS
from rapidfuzz import fuzz
from spacy.tokens import Doc, Span, Token

from whosaid import lexicons
from whosaid.syntax import Sentences

PERSON = "PERSON"
ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
NAME_LABELS = ORG_LABELS | {PERSON}
# Two spellings of one surname ("Abdelkader" / "Abdel Kader") score above this.
FUZZY_SAME = 88
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# Generational suffixes: part of the full name, never its key ("Joseph R. Biden Jr."
# is "Mr. Biden"). nameparser keeps the list, in many languages.
SUFFIXES = frozenset(
    {s for s in NAME_CONSTANTS.suffix_not_acronyms if s.isalpha()}
    | {s + "." for s in NAME_CONSTANTS.suffix_not_acronyms if s.isalpha()}
)


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

    @property
    def key_parts(self) -> list[str]:
        """The parts that identify the name: without a generational suffix."""
        parts = [p for p in self.parts if p.lower() not in SUFFIXES]
        return parts or self.parts

    def first_at(self) -> int:
        return min(s for s, _ in self.spans)


_MINOR_WORDS = frozenset({"of", "the", "for", "and"})


@dataclass(frozen=True)
class _Forms:
    """A cluster's name as matching compares it, lower-cased once per change of
    its parts rather than once per comparison."""

    name: str
    words: tuple[str, ...]
    initials: str
    keys: tuple[str, ...]  # key_parts, lower-cased

    @classmethod
    def of(cls, cluster: NameCluster) -> _Forms:
        name = cluster.name.lower()
        significant = [
            w for w in re.split(r"[\s-]+", name) if w and w not in _MINOR_WORDS
        ]
        return cls(
            name=name,
            words=tuple(name.split()),
            initials="".join(w[0] for w in significant),
            keys=tuple(k.lower() for k in cluster.key_parts),
        )


@cache
def _titles() -> dict[str, str]:
    return {k: v[0] if v else "-" for k, v in lexicons.table("titles").items()}


@cache
def _title_roles() -> dict[str, str]:
    return {
        k: v[1]
        for k, v in lexicons.table("titles").items()
        if len(v) > 1 and v[1] != "-"
    }


def title_role(word: str) -> str | None:
    """The role noun a title names: "Sen." → "senator"."""
    return _title_roles().get(word.lower())


@cache
def _given() -> dict[str, str]:
    return {k: v[0] if v else "-" for k, v in lexicons.table("given_names").items()}


def given_names() -> dict[str, str]:
    """The given-names lexicon: name → m, f or -."""
    return _given()


def is_title(word: str) -> bool:
    return word.lower() in _titles()


def title_gender(word: str) -> str | None:
    g = _titles().get(word.lower())
    return g if g in ("m", "f") else None


@lru_cache(maxsize=4096)  # bounded: it is asked about every capitalised word
def given_name_gender(word: str) -> str | None:
    """m or f for a known given name, "-" for one used by both, None if unknown."""
    word = word.lower()
    if word in _given():
        return _given()[word]
    for name, gender in _given_by_initial().get(word[:1], ()):
        # A letter more or less at the end changes the name, and often its gender
        # ("Julien"/"Julie", "Marat"/"Mara"); transliterations keep their length or
        # are long enough for the ratio to tell ("Mohammed"/"Muhammad").
        if (len(name) == len(word) or min(len(name), len(word)) >= 7) and fuzz.ratio(
            name, word
        ) >= FUZZY_SAME:
            return gender
    return None


@cache
def _given_by_initial() -> dict[str, list[tuple[str, str]]]:
    """The lexicon's names by first letter, in lexicon order: a spelling variant
    shares its initial (``same_part``'s rule), so only those need a fuzzy look."""
    out: dict[str, list[tuple[str, str]]] = {}
    for name, gender in _given().items():
        out.setdefault(name[:1], []).append((name, gender))
    return out


def is_given_name(word: str) -> bool:
    return given_name_gender(word) is not None


def is_post_nominal(token: Token) -> bool:
    """ "QC", "MP", "OBE" after a person's name: letters of an honour, an office or a
    degree (nameparser's list), never a name or a speaker of their own. Only in
    capitals and right after a name, so "BT said" stays a company."""
    text = token.text.replace(".", "")
    if len(text) < 2 or not text.isupper() or not text.isalpha():
        return False
    if text.lower() not in NAME_CONSTANTS.suffix_acronyms:
        return False
    before = token.doc[token.i - 1] if token.i > 0 else None
    if before is not None and before.text == "," and token.i > 1:
        before = token.doc[token.i - 2]
    return before is not None and (
        before.ent_type_ == PERSON or (before.pos_ == "PROPN" and before.is_title)
    )


def name_parts(span: Span) -> tuple[list[str], set[str]]:
    """The parts of a name without titles or a possessive ending, and the titles."""
    parts: list[str] = []
    titles: set[str] = set()
    for tok in span:
        text = _POSSESSIVE.sub("", tok.text)
        if not text or (tok.is_punct and text not in ("-",)):
            continue
        if text != "-" and not any(ch.isalnum() for ch in text):
            continue  # an emoji or symbol the tagger swept into the name
        if not parts and (is_title(text) or tok.lower_ in ("the", "a", "an")):
            if is_title(text):
                titles.add(text.lower())
            continue
        if tok.tag_ == "POS" or (parts and is_post_nominal(tok)):
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
    return _same_lower(a.lower(), b.lower())


def _same_lower(a: str, b: str) -> bool:
    return a == b or (a[:1] == b[:1] and fuzz.ratio(a, b) >= FUZZY_SAME)


class NameIndex:
    """The name clusters of a document, built from its named entities."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.clusters: list[NameCluster] = []
        self._forms: list[_Forms] = []  # one per cluster, same order
        self._by_token: dict[int, int] = {}
        ents = [e for e in doc.ents if e.label_ in NAME_LABELS]
        # People first, so that "Trump" or "Holt-Marsh" tagged ORG elsewhere can
        # join the person they name.
        for ent in ents:
            if ent.label_ == PERSON:
                self.add(ent, PERSON)
        for ent in ents:
            if ent.label_ != PERSON:
                self.add(ent, ent.label_)
        for cluster in self.clusters:
            if not cluster.is_person and _reads_as_person(cluster):
                cluster.label = PERSON
        self._genders_from_pronouns()

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
            self._forms.append(_Forms.of(self.clusters[-1]))
            index = len(self.clusters) - 1
        cluster = self.clusters[index]
        if len(parts) > len(cluster.parts):
            cluster.parts = parts
            self._forms[index] = _Forms.of(cluster)
        cluster.spans.append((span.start, span.end))
        cluster.titles |= titles
        before = self.doc[span.start - 1] if span.start > 0 else None
        if before is not None and is_title(before.text):
            cluster.titles.add(before.text.lower())  # "Gov. [Rick Perry]"
        if cluster.gender is None:
            cluster.gender = self._gender(parts, titles)
        for i in range(span.start, span.end):
            self._by_token[i] = index
        return index

    def _genders_from_pronouns(self) -> None:
        """ "Clinton said she …": a personal pronoun soon after a name, in the same
        sentence, votes for the name's gender where nothing else told it."""
        votes: dict[int, list[int]] = {}
        doc = self.doc
        sents = Sentences(doc)
        for index, cluster in enumerate(self.clusters):
            if not cluster.is_person or cluster.gender:
                continue
            for start, end in cluster.spans:
                sent_end = sents.end(start)
                for tok in doc[end : min(sent_end, end + 12)]:
                    if self._by_token.get(tok.i) is not None:
                        break  # another name comes first: the pronoun may be theirs
                    word = tok.lower_
                    if word in ("he", "him", "his", "himself"):
                        votes.setdefault(index, [0, 0])[0] += 1
                        break
                    if word in ("she", "her", "hers", "herself"):
                        votes.setdefault(index, [0, 0])[1] += 1
                        break
        for index, (m, f) in votes.items():
            if m != f:
                self.clusters[index].gender = "m" if m > f else "f"

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

    def _match(
        self, parts: list[str], titles: set[str], label: str, at: int
    ) -> int | None:
        if label != PERSON:
            key = " ".join(parts).lower()
            short = key.replace(".", "")  # "F.B.I." as an acronym
            words = key.split()
            for i, (c, forms) in enumerate(
                zip(self.clusters, self._forms, strict=True)
            ):
                if c.label != PERSON and (
                    forms.name == key
                    or (len(short) >= 2 and short == forms.initials)
                    or _prefix(forms.words, words)
                ):
                    return i
            if label != PERSON and len(parts) <= 2:
                # A person's name the tagger called an organisation, a place or a
                # building ("Safin" a GPE after "Marat Safin").
                return (
                    self._match(parts, titles, PERSON, at)
                    if self._names_person(parts)
                    else None
                )
            return None
        gender = next((title_gender(t) for t in titles if title_gender(t)), None)
        mine = [p.lower() for p in parts if p.lower() not in SUFFIXES] or [
            p.lower() for p in parts
        ]
        best = None
        for i, (c, forms) in enumerate(zip(self.clusters, self._forms, strict=True)):
            if not c.is_person:
                continue
            if gender and c.gender and gender != c.gender:
                continue
            keys = forms.keys
            if len(mine) == 1:
                fits = any(_same_lower(mine[0], k) for k in keys)
            else:
                fits = _same_lower(mine[-1], keys[-1]) and (
                    len(keys) == 1 or _first_names_agree(mine[0], keys[0])
                )
            if fits:
                last = max(s for s, _ in c.spans)
                if best is None or last > best[1]:
                    best = (i, last)
        return best[0] if best else None

    def _names_person(self, parts: list[str]) -> bool:
        """Do these parts match a person cluster already found?"""
        lowered = [p.lower() for p in parts]
        return any(
            c.is_person and any(_same_lower(p, k) for p in lowered for k in forms.keys)
            for c, forms in zip(self.clusters, self._forms, strict=True)
        )


def _reads_as_person(cluster: NameCluster) -> bool:
    """A name the tagger did not call a person that reads as one: a known given name
    first ("Marisol"), or a personal title ("Mr. Stanton")."""
    if cluster.label in ("GPE", "FAC") or len(cluster.parts) > 3:
        return False
    if any(title_gender(t) or title_role(t) for t in cluster.titles):
        return True
    orgs = lexicons.word_list("organization_nouns")
    if any(p.lower() in orgs for p in cluster.parts):
        return False
    first = cluster.parts[0].lower()
    return first in _given()


def _first_names_agree(a: str, b: str) -> bool:
    a, b = a.rstrip(".").lower(), b.rstrip(".").lower()
    return a == b or a[:1] == b[:1] and (len(a) == 1 or len(b) == 1) or same_part(a, b)


def _prefix(a: list[str] | tuple[str, ...], b: list[str] | tuple[str, ...]) -> bool:
    """ "Grand Central" and "Grand Central Publishing" (lower-cased words): one
    organisation, the longer name its full form (two words at least, so "New" never
    joins "New York")."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 2 and tuple(long[: len(short)]) == tuple(short)
