"""Batch-level sources: one person or body across the documents of a batch.

Each record names its sources as its own resolution found them; across documents
the same person comes back as "Donald J. Trump", "Donald Trump", "Trump" or
"Mr. Trump", and the same body as "the Federal Bureau of Investigation" and "the
FBI". ``merge_sources`` joins them into the sources a reader would count:

- names are compared folded: case, diacritics, honorifics and titles, generational
  suffixes kept apart ("Jr."), possessives and punctuation do not split a source;
- a full name joins the same first and last name whatever its middle names, unless
  two different middle names are seen ("George H. W. Bush", "George W. Bush");
  spelling variants of a long name (transliterations) join by rapidfuzz's ratio,
  compared only within a block of names that share their first or last name;
- a word before a full name that is no given name is a descriptor the recognizer
  took in: "Billionaire Donald Trump" joins "Donald Trump" (and is never the name
  shown);
- a surname alone ("Trump", "Mr. Trump", or a surname the recognizer typed as an
  organisation) joins the one full name with that surname in the batch; with
  several, a gender the record gives (a title, a pronoun among its mentions) may
  leave one; otherwise it stays apart, as does a short form whose own document
  keeps a full name of that surname as another source;
- an organisation joins its acronym where some record defines it (the acronym is
  among the mentions or the description of the long form and matches its
  initials), and a shorter form that ends its name ("the Post" for "The
  Washington Post", "Supreme Court") when the batch has one such name;
- partially named sources (a first name alone) and anonymous sources are never
  merged across documents: two "Mohammed"s or two "senior officials" in two
  articles are not known to be one.

Every step looks candidates up by a key (a surname, a first name, an acronym, the
last words of a name), never by comparing all pairs, so a batch is merged in time
and memory linear in its sources.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from typing import Any

from nameparser.config import CONSTANTS
from rapidfuzz import fuzz

from whosaid import lexicons
from whosaid.records import ENTITY_TYPES, IDENTIFICATIONS, Record, SourceMix
from whosaid.vocabulary import GENDERS, ROLES

NAMED = IDENTIFICATIONS[0]
PERSON, ORGANIZATION, GROUP = ENTITY_TYPES
MEMBER_SEPARATOR = "#"
# Key terms a batch-level source keeps, merged from its members' by rank.
KEY_TERMS = 5
# Two spellings of one long name ("Abdulrahman" / "Abdelrahman") score at least
# this in rapidfuzz's ratio; names shorter than FUZZY_MIN_LENGTH letters are only
# matched exactly, since one letter there is often another name (Kelly, Kelley).
FUZZY_SAME = 90
FUZZY_MIN_LENGTH = 7
# Letters that Unicode does not decompose into a base letter and a mark.
_FOLD_LETTERS = str.maketrans(
    {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ß": "ss", "æ": "ae", "œ": "oe"}
)
_WORD = re.compile(r"[^\W_]+(?:['’.&-][^\W_]+)*\.?")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z&]{1,7}$")
_PARENTHESISED = re.compile(r"\(([A-Z][A-Z.&]{1,9})\)")
# Words that join the parts of an organisation's name and are not its initials.
_MINOR = frozenset({"of", "the", "for", "and", "&", "on", "in", "at", "to", "a"})
_COORDINATORS = frozenset({"and", "&", "or"})
# Legal forms: "Chrysler Corp." and "Chrysler" are one company.
_LEGAL_FORMS = frozenset(
    {"inc", "corp", "co", "ltd", "llc", "plc", "corporation", "incorporated"}
)
_PRONOUN_GENDER = {
    "he": "m",
    "him": "m",
    "his": "m",
    "himself": "m",
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}


@dataclass(frozen=True)
class BatchSource:
    """One person or body across a batch, and the document-level sources it merges.

    ``members`` are ``document_id#source_id`` strings; ``descriptions`` are the
    distinct descriptions the documents give, most frequent first.
    """

    id: str
    name: str | None
    identification: str
    entity_type: str
    documents: int
    quotes: int
    descriptions: tuple[str, ...]
    members: tuple[str, ...]
    anonymity_reason: str | None = None
    # The profile across documents (``whosaid_profiles``): the commonest known role
    # and gender of the members, weighted by quotes, and their key terms merged.
    role: str = "unknown"
    gender: str | None = None
    key_terms: tuple[str, ...] = ()


@dataclass
class _Item:
    """One document-level source, as the merge reads it."""

    doc: int  # the document's position in the batch
    member: str
    name: str | None
    description: str | None
    identification: str
    entity_type: str
    anonymity_reason: str | None
    quotes: int
    mentions: tuple[str, ...]
    role: str = "unknown"
    gender: str | None = None
    key_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class _PersonName:
    """A person's name folded into the parts that identify it."""

    first: str  # "" for a surname alone
    middle: str  # initials of the middle names: "hw" for "George H. W. Bush"
    middle_words: tuple[str, ...]  # the middle names written out, for "Ms. Acosta"
    last: str
    suffix: str  # "jr", "iii"; part of who it is ("Donald Trump Jr.")
    title_gender: str | None

    @property
    def is_full(self) -> bool:
        return bool(self.first and self.last)


class _Union:
    """Union-find over item indexes; the smaller index is the root, so clusters
    and their order do not depend on the order of the unions."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case without diacritics: "Zoë Ó Súilleabháin" → "zoe o suilleabhain"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_LETTERS))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.casefold().translate(_FOLD_LETTERS)


def _words(text: str) -> list[str]:
    """The words of a name, without possessives ("Clinton's campaign" → Clinton
    campaign)."""
    return [w for w in (_POSSESSIVE.sub("", w) for w in _WORD.findall(text)) if w]


@lru_cache(maxsize=1 << 16)
def _plain(word: str) -> str:
    """A word folded, without its dots and apostrophes: "U.S." → "us"."""
    return re.sub(r"[.'’]", "", fold(word))


@cache
def _titles() -> dict[str, str]:
    """Title or honorific (folded, without dots) → the gender it marks, or "-"."""
    table = {
        _plain(k): (v[0] if v else "-") for k, v in lexicons.table("titles").items()
    }
    for title in CONSTANTS.titles:
        table.setdefault(_plain(title), "-")
    return table


@cache
def _given_names() -> dict[str, str]:
    return {
        fold(k): v[0] if v else "-" for k, v in lexicons.table("given_names").items()
    }


@cache
def _suffixes() -> frozenset[str]:
    """Generational and similar suffixes ("Jr.", "III"), from nameparser's lists."""
    return frozenset(_plain(s) for s in CONSTANTS.suffix_not_acronyms)


@cache
def _particles() -> frozenset[str]:
    """Words that begin a surname ("de Blasio", "van der Berg", "bin Salman")."""
    return frozenset(fold(p) for p in CONSTANTS.prefixes)


@lru_cache(maxsize=1 << 16)
def _person_name(name: str) -> _PersonName | None:
    """The parts of a person's name, titles set aside; None if nothing is left.

    Parsed here with nameparser's lists of titles, suffixes and surname particles
    rather than by ``HumanName`` itself, which takes a few milliseconds a name.
    """
    words = _words(name)
    gender = None
    titles = _titles()
    # Titles, and the small words between them ("Secretary of State John Kerry").
    particles = _particles()
    while len(words) > 1 and (
        _plain(words[0]) in titles
        or (words[0][:1].islower() and fold(words[0]) not in particles)
    ):
        mark = titles.get(_plain(words.pop(0)), "-")
        gender = gender or (mark if mark in "mf" else None)
    suffix = ""
    while len(words) > 1 and _plain(words[-1]) in _suffixes():
        suffix = _plain(words.pop()) + suffix
    if not words:
        return None
    start = len(words) - 1
    while start > 0 and (
        fold(words[start - 1]) in particles or words[start - 1][:1].islower()
    ):
        start -= 1
    last = " ".join(_plain(w) for w in words[start:])
    if start == 0:
        return _PersonName("", "", (), last, suffix, gender)
    middles = [_plain(w) for w in words[1:start]]
    return _PersonName(
        first=_plain(words[0]),
        middle="".join(m[:1] for m in middles),
        middle_words=tuple(m for m in middles if len(m) > 1),
        last=last,
        suffix=suffix,
        title_gender=gender,
    )


def _org_words(name: str) -> list[str]:
    """An organisation's name as folded words: no leading "the", no legal form."""
    words = [_plain(w) for w in _words(name)]
    words = [w for w in words if w]
    while words and words[0] == "the":
        words.pop(0)
    while len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words.pop()
    return words


def _org_key(words: list[str]) -> tuple[str, ...]:
    """Order-free key, so that "Department of Labor" is "Labor Department"."""
    return tuple(sorted(w for w in words if w not in _MINOR))


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in _MINOR)


def _acronym(text: str) -> str | None:
    """The acronym ``text`` is ("FBI", "U.N."), folded; else None."""
    words = _words(text)
    if words and _plain(words[0]) == "the":
        words = words[1:]
    if len(words) == 1 and _ACRONYM.match(words[0]):
        return _plain(words[0])
    return None


def _gender(item: _Item, person: _PersonName | None) -> str | None:
    """The gender the record gives the source: its title, or the pronouns and
    titles of its mentions; None when it gives none or both."""
    seen: set[str] = set()
    if person is not None and person.title_gender:
        seen.add(person.title_gender)
    titles = _titles()
    for mention in item.mentions:
        words = _words(mention)
        if len(words) == 1 and words[0].lower() in _PRONOUN_GENDER:
            seen.add(_PRONOUN_GENDER[words[0].lower()])
        elif len(words) > 1 and titles.get(_plain(words[0])) in ("m", "f"):
            seen.add(titles[_plain(words[0])])
    return seen.pop() if len(seen) == 1 else None


def _field(obj: Any, key: str) -> Any:
    # ``type(...) is dict`` first: records read from JSON are dicts, and the
    # abstract ``Mapping`` check costs more than the rest of the merge.
    if type(obj) is dict or isinstance(obj, Mapping):
        return obj.get(key)
    return getattr(obj, key, None)


def _items(records: Iterable[Mapping[str, Any] | Record]) -> list[_Item]:
    items: list[_Item] = []
    seen: dict[str, int] = {}
    for number, record in enumerate(records):
        doc_id = _field(record, "id")
        if not isinstance(doc_id, str) or not doc_id:
            raise ValueError(f"record {number + 1} has no id to name its sources by")
        if doc_id in seen:
            raise ValueError(
                f"record {number + 1}: duplicate id {doc_id!r} "
                f"(first in record {seen[doc_id] + 1})"
            )
        seen[doc_id] = number
        for source in _field(record, "sources") or ():
            # Mentions tell a gender or an acronym, and only of named sources.
            named = _field(source, "identification") == NAMED
            mentions = (_field(source, "mentions") or ()) if named else ()
            items.append(
                _Item(
                    doc=number,
                    member=f"{doc_id}{MEMBER_SEPARATOR}{_field(source, 'id')}",
                    name=(_field(source, "name") or "").strip() or None,
                    description=(_field(source, "description") or "").strip() or None,
                    identification=_field(source, "identification"),
                    entity_type=_field(source, "entity_type"),
                    anonymity_reason=_field(source, "anonymity_reason"),
                    quotes=len(_field(source, "quote_ids") or ()),
                    mentions=tuple(
                        t for m in mentions if isinstance(t := _field(m, "text"), str)
                    ),
                    role=_field(source, "role") or "unknown",
                    gender=_field(source, "gender"),
                    key_terms=tuple(
                        t
                        for k in _field(source, "key_terms") or ()
                        if isinstance(t := _field(k, "term"), str)
                    ),
                )
            )
    return items


class _Merger:
    """The merge of one batch: keys per item, then unions by step."""

    def __init__(self, items: list[_Item]) -> None:
        self.items = items
        self.union = _Union(len(items))
        self.persons: dict[int, _PersonName] = {}
        self.orgs: dict[int, list[str]] = {}
        self.genders: dict[int, str | None] = {}
        # Names with a descriptor before them: joined, never the name shown.
        self.descriptor_variants: set[int] = set()
        for i, item in enumerate(items):
            if item.name is None or item.identification != NAMED:
                continue
            if item.entity_type == PERSON:
                person = _person_name(item.name)
                if person is not None:
                    self.persons[i] = person
                    self.genders[i] = _gender(item, person)
            elif item.entity_type == ORGANIZATION:
                words = _org_words(item.name)
                if words:
                    self.orgs[i] = words

    def run(self) -> list[list[int]]:
        self._full_names()
        self._spelling_variants()
        lone_words = self._organisations()
        self._surnames(lone_words)
        self._groups()
        clusters: defaultdict[int, list[int]] = defaultdict(list)
        for i in range(len(self.items)):
            clusters[self.union.find(i)].append(i)
        return list(clusters.values())

    # People

    def _full_names(self) -> None:
        """The same first and last name (and suffix) is one person, unless two
        different middle names show that it names two."""
        groups: defaultdict[tuple[str, str, str], list[int]] = defaultdict(list)
        for i, p in self.persons.items():
            if p.is_full:
                groups[p.first, p.last, p.suffix].append(i)
        for members in groups.values():
            middles = {self.persons[i].middle for i in members} - {""}
            if len(middles) <= 1:
                self._join(members)
                continue
            by_middle: defaultdict[str, list[int]] = defaultdict(list)
            for i in members:
                by_middle[self.persons[i].middle].append(i)
            for same in by_middle.values():
                self._join(same)
        # A word before a full name that is no given name is a descriptor the
        # recognizer took in ("Billionaire Donald Trump"): the name is the rest.
        given = _given_names()
        for i, p in self.persons.items():
            if p.is_full and p.middle_words and p.first not in given:
                rest = groups.get((p.middle_words[0], p.last, p.suffix))
                if rest:
                    self.union.union(rest[0], i)
                    self.descriptor_variants.add(i)

    def _spelling_variants(self) -> None:
        """Long names one or two letters apart, within a block of names that share
        their first name (then their last name): transliterations and typos."""
        for part, other in (("first", "last"), ("last", "first")):
            blocks: defaultdict[tuple[str, str], dict[str, int]] = defaultdict(dict)
            for i, p in self.persons.items():
                if p.is_full:
                    block = (getattr(p, part), p.suffix)
                    blocks[block].setdefault(getattr(p, other), i)
            for variants in blocks.values():
                if len(variants) < 2:
                    continue
                names = sorted(v for v in variants if len(v) >= FUZZY_MIN_LENGTH)
                for n, a in enumerate(names):
                    for b in names[n + 1 :]:
                        if fuzz.ratio(a, b) >= FUZZY_SAME and self._compatible(
                            variants[a], variants[b]
                        ):
                            self.union.union(variants[a], variants[b])

    def _compatible(self, a: int, b: int) -> bool:
        ma, mb = self.persons[a].middle, self.persons[b].middle
        return not (ma and mb and ma != mb)

    def _surnames(self, lone_words: list[int]) -> None:
        """A surname alone joins the one full name of that surname (or, failing
        that, of that middle name: "Ms. Acosta" for "Melba Acosta Febo").

        ``lone_words`` are organisations named by one word that no organisation of
        the batch ends with: the recognizer often types a surname alone as one
        ("Kasich said"), so they join a person the same way, when one matches.
        """
        by_last: defaultdict[str, set[int]] = defaultdict(set)
        by_middle: defaultdict[str, set[int]] = defaultdict(set)
        for i, p in self.persons.items():
            if p.is_full:
                by_last[p.last].add(self.union.find(i))
                for word in p.middle_words:
                    by_middle[word].add(self.union.find(i))
        cluster_docs: defaultdict[int, set[int]] = defaultdict(set)
        cluster_genders: defaultdict[int, set[str]] = defaultdict(set)
        given = _given_names()
        for i, p in self.persons.items():
            root = self.union.find(i)
            cluster_docs[root].add(self.items[i].doc)
            for gender in (self.genders[i], given.get(p.first)):
                if gender in ("m", "f"):
                    cluster_genders[root].add(gender)
        alone: defaultdict[str, list[int]] = defaultdict(list)
        short = [(i, p.last, False) for i, p in self.persons.items() if not p.is_full]
        short += [(i, self.orgs[i][0], True) for i in lone_words]
        for i, last, is_org in short:
            candidates = by_last.get(last) or by_middle.get(last) or set()
            gender = self.genders.get(i)
            if gender:
                candidates = {c for c in candidates if cluster_genders[c] <= {gender}}
            if len(candidates) == 1:
                (root,) = candidates
                # Its own document kept that person apart: the short form there is
                # someone else, or the document's reading is not to be overruled.
                if self.items[i].doc not in cluster_docs[root]:
                    self.union.union(root, i)
                    continue
            if not is_org:
                alone[last].append(i)
        for same in alone.values():
            self._join(same)

    # Organisations and groups

    def _organisations(self) -> list[int]:
        """Same words in any order; acronyms a record defines; shorter forms that
        end one name of the batch. Returns the one-word names that end none."""
        keys: dict[tuple[str, ...], int] = {}
        acronyms: defaultdict[str, list[int]] = defaultdict(list)
        long_forms: list[int] = []
        for i, words in self.orgs.items():
            acronym = _acronym(self.items[i].name or "")
            if acronym:
                acronyms[acronym].append(i)
                continue
            long_forms.append(i)
            key = _org_key(words)
            if key in keys:
                self.union.union(keys[key], i)
            else:
                keys[key] = i
        for same in acronyms.values():
            self._join(same)
        self._acronyms(keys, acronyms, long_forms)
        return self._short_forms(long_forms)

    def _acronyms(
        self,
        keys: dict[tuple[str, ...], int],
        acronyms: dict[str, list[int]],
        long_forms: list[int],
    ) -> None:
        """An acronym joins the long form a record gives it ("the Federal Bureau of
        Investigation (FBI)", or both among one source's mentions), when the batch
        gives it one long form."""
        defined: defaultdict[str, set[tuple[str, ...]]] = defaultdict(set)
        for i in long_forms:
            item, initials = self.items[i], _initials(self.orgs[i])
            if len(initials) < 2:
                continue
            for text in (*item.mentions, item.description or "", item.name or ""):
                found = {_acronym(text)} | {
                    _plain(m) for m in _PARENTHESISED.findall(text)
                }
                if initials in found:
                    defined[initials].add(_org_key(self.orgs[i]))
        for acronym, members in acronyms.items():
            for i in members:
                item = self.items[i]
                for text in (*item.mentions, item.description or ""):
                    words = _org_words(text)
                    if len(words) > 1 and _initials(words) == acronym:
                        defined[acronym].add(_org_key(words))
        for acronym, forms in defined.items():
            if len(forms) == 1 and acronym in acronyms:
                (form,) = forms
                if form in keys:
                    self.union.union(keys[form], acronyms[acronym][0])

    def _short_forms(self, long_forms: list[int]) -> list[int]:
        """ "Supreme Court" joins "U.S. Supreme Court", and "the Post" "The Washington
        Post", when one name of the batch ends that way. A single generic word ("the
        Court", "the Department") is not a name and joins nothing; a coordination
        ("China and Russia") is not a longer name of its last member."""
        generic = lexicons.word_list("organization_nouns")
        endings: defaultdict[tuple[str, ...], set[int]] = defaultdict(set)
        for i in long_forms:
            words = self.orgs[i]
            if _COORDINATORS.isdisjoint(words):
                for n in range(1, len(words)):
                    if words[n] not in _MINOR:
                        endings[tuple(words[n:])].add(self.union.find(i))
        lone: list[int] = []
        for i in long_forms:
            words = tuple(self.orgs[i])
            if len(words) == 1 and words[0] in generic:
                continue
            roots = endings.get(words, set()) - {self.union.find(i)}
            if len(roots) == 1:
                self.union.union(next(iter(roots)), i)
            elif len(words) == 1 and not roots:
                lone.append(i)
        return lone

    def _groups(self) -> None:
        """Named groups ("Tessa Jowell and John Prescott") join only their own
        name, folded."""
        by_name: defaultdict[str, list[int]] = defaultdict(list)
        for i, item in enumerate(self.items):
            if (
                item.entity_type == GROUP
                and item.identification == NAMED
                and item.name is not None
            ):
                by_name[" ".join(_plain(w) for w in _words(item.name))].append(i)
        for same in by_name.values():
            self._join(same)

    def _join(self, members: list[int]) -> None:
        for i in members[1:]:
            self.union.union(members[0], i)


def _fullness(name: str) -> tuple[int, int, bool]:
    """How full a name is: its words without titles, then its letters; then
    whether it is written plain, without a title or a possessive."""
    raw = _WORD.findall(name)
    words = _words(name)
    titles = _titles()
    while len(words) > 1 and _plain(words[0]) in titles:
        words.pop(0)
    plain = len(words) == len(raw) and all(_POSSESSIVE.search(w) is None for w in raw)
    return len(words), sum(len(w) for w in words), plain


def _batch_source(members: list[_Item], shown: list[_Item]) -> BatchSource:
    """The batch-level source of ``members``, named by the fullest name among
    ``shown`` (or among all members when none is)."""
    if len(members) == 1:
        # Most sources of a batch are in one document only (all anonymous ones).
        (m,) = members
        return BatchSource(
            id="",
            name=m.name,
            identification=m.identification,
            entity_type=m.entity_type,
            documents=1,
            quotes=m.quotes,
            descriptions=(m.description,) if m.description else (),
            members=(m.member,),
            anonymity_reason=m.anonymity_reason,
            role=m.role,
            gender=m.gender,
            key_terms=m.key_terms[:KEY_TERMS],
        )
    named = [m for m in shown if m.name] or [m for m in members if m.name]
    if len(named) == 1:
        name = named[0].name
    elif named:
        # The fullest form seen; among equals, the one most quoted, then first seen.
        best = max(
            enumerate(named),
            key=lambda p: (*_fullness(p[1].name or ""), p[1].quotes, -p[0]),
        )[1]
        name = best.name
    else:
        name = None
    idents = {m.identification for m in members}
    identification = next(k for k in IDENTIFICATIONS if k in idents)
    types = Counter()
    for m in members:
        types[m.entity_type] += m.quotes + 1
    entity_type = max(ENTITY_TYPES, key=lambda k: (types[k], -ENTITY_TYPES.index(k)))
    descriptions = Counter(m.description for m in members if m.description)
    order = {d: n for n, d in reversed(list(enumerate(m.description for m in members)))}
    reasons = [m.anonymity_reason for m in members if m.anonymity_reason]
    return BatchSource(
        id="",
        name=name,
        identification=identification,
        entity_type=entity_type,
        documents=len({m.doc for m in members}),
        quotes=sum(m.quotes for m in members),
        descriptions=tuple(
            sorted(descriptions, key=lambda d: (-descriptions[d], order[d]))
        ),
        members=tuple(m.member for m in members),
        anonymity_reason=reasons[0] if reasons else None,
        role=_known(_weighted(members, "role")) or "unknown",
        gender=_known(_weighted(members, "gender")),
        key_terms=_merged_terms(members),
    )


def _weighted(members: list[_Item], attr: str) -> Counter:
    """How many quotes (plus one a member) say each value of ``attr``."""
    out: Counter = Counter()
    for m in members:
        value = getattr(m, attr)
        if value:
            out[value] += m.quotes + 1
    return out


def _known(counts: Counter) -> str | None:
    """The commonest value other than unknown: one article that says "she" is
    enough where the others say nothing."""
    known = [(n, v) for v, n in counts.most_common() if v != "unknown"]
    return known[0][1] if known else (next(iter(counts)) if counts else None)


def _merged_terms(members: list[_Item]) -> tuple[str, ...]:
    """The members' key terms by rank: the first of five weighs five, the last one."""
    scores: Counter = Counter()
    for m in members:
        for rank, term in enumerate(m.key_terms[:KEY_TERMS]):
            scores[term.casefold()] += KEY_TERMS - rank
    spelled = {t.casefold(): t for m in members for t in m.key_terms}
    return tuple(spelled[t] for t, _ in scores.most_common(KEY_TERMS))


def merge_sources(records: Iterable[Mapping[str, Any] | Record]) -> list[BatchSource]:
    """The batch-level sources of ``records`` (``Record`` objects or their JSON
    form), most quoted first, with ids ``b1``, ``b2`` … in that order.

    Raises:
        ValueError: a record has no id, or the same id as another.
    """
    items = _items(records)
    merger = _Merger(items)
    merged = []
    for cluster in merger.run():
        members = sorted(cluster)
        shown = [items[i] for i in members if i not in merger.descriptor_variants]
        merged.append((members[0], _batch_source([items[i] for i in members], shown)))
    merged.sort(key=lambda p: (-p[1].quotes, -p[1].documents, p[0]))
    return [replace(s, id=f"b{n}") for n, (_, s) in enumerate(merged, start=1)]


def merged_mix(
    sources: Iterable[BatchSource], quotes: int, unattributed: int
) -> SourceMix:
    """The source mix of a batch counted on its batch-level sources: a person
    quoted in ten articles is one source, with all ten articles' quotes."""
    keys = ("si", "st", "qi", "qt", "sr", "qr", "sg", "qg")
    counts: dict[str, Counter] = {k: Counter() for k in keys}
    total = 0
    for s in sources:
        total += 1
        counts["si"][s.identification] += 1
        counts["st"][s.entity_type] += 1
        counts["qi"][s.identification] += s.quotes
        counts["qt"][s.entity_type] += s.quotes
        counts["sr"][s.role] += 1
        counts["qr"][s.role] += s.quotes
        if s.entity_type == "person":
            counts["sg"][s.gender or "unknown"] += 1
            counts["qg"][s.gender or "unknown"] += s.quotes

    def full(counter: Counter, keys: tuple[str, ...]) -> dict[str, int]:
        return {k: int(counter.get(k, 0)) for k in keys}

    return SourceMix(
        sources=total,
        quotes=quotes,
        sources_by_identification=full(counts["si"], IDENTIFICATIONS),
        sources_by_entity_type=full(counts["st"], ENTITY_TYPES),
        quotes_by_identification=full(counts["qi"], IDENTIFICATIONS),
        quotes_by_entity_type=full(counts["qt"], ENTITY_TYPES),
        unattributed_quotes=unattributed,
        sources_by_role=full(counts["sr"], ROLES),
        quotes_by_role=full(counts["qr"], ROLES),
        sources_by_gender=full(counts["sg"], GENDERS),
        quotes_by_gender=full(counts["qg"], GENDERS),
    )
