"""``whosaid_profiles``: what kind of source each one is, from the article's words.

For every source the sources stage made, three things a media-literacy class asks:

* ``role``: politician, official, spokesperson, expert, business, advocate, citizen,
  media, document or unknown (``whosaid.vocabulary.ROLES``), decided by the words
  that describe the source: the head noun of its description or appositive, a title
  before its name, the body it speaks for ("a spokesman for the ministry", "head of
  the union"), the words of an organisation's name, and, failing those, its entity
  type. ``lexicons/role_words.tsv`` holds the words; ``role_evidence`` gives the
  ones that decided.
* ``gender`` of a person, from the article's own evidence only, strongest first: an
  honorific before the name (Mr, Ms, Lady …, ``lexicons/titles.tsv``), a gendered
  noun that describes it ("spokeswoman", "mother", ``lexicons/gendered_nouns.tsv``),
  a pronoun the resolver made its speaker mention ("he said"), then the other
  he/she/his/her the resolver links to it outside quotation marks. Never a first
  name: the given-names list decides nothing here. Organisations and groups get
  none.
* ``key_terms``: what the source talked about, textacy's key terms of its quotes,
  on a ``Doc`` built from the quotes' already parsed tokens (no second parse).

Replaces ``doc._.whosaid_sources`` with the same sources, profiled.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from statistics import StatisticsError

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from whosaid import (
    extensions,  # noqa: F401
    lexicons,
)
from whosaid.components.resolve import FEMALE, MALE, Entity, is_person_noun
from whosaid.names import NameCluster, NameIndex, title_gender, title_role
from whosaid.records import GenderEvidence, KeyTerm, Source, TextSpan
from whosaid.vocabulary import ROLES, UNKNOWN

PERSON_T = "person"
DOCUMENT = "document"
SELF, BODY = "self", "body"
# Prepositions that join a person's noun to the body it belongs to or speaks for.
BODY_PREPOSITIONS = frozenset({"of", "for", "at", "with", "from", "to"})
# Dependencies that put a word before a head noun as a modifier of it.
MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})
# A country, state or city speaking or owning a role speaks as its government.
GOVERNMENT_LABELS = frozenset({"GPE"})
KEYTERM_ALGORITHMS = ("textrank", "yake", "sgrank")


@dataclass(frozen=True)
class RoleEntry:
    role: str  # a role of the vocabulary, or "-" for none of its own
    how: str  # SELF: decides as a head; BODY: the body it is of decides first


@cache
def role_words() -> dict[str, RoleEntry]:
    """``lexicons/role_words.tsv``: word or two-word phrase → its entry."""
    return {
        word: RoleEntry(role, how)
        for word, (role, how) in lexicons.table("role_words").items()
    }


@cache
def gendered_nouns() -> dict[str, str]:
    """``lexicons/gendered_nouns.tsv``: noun → "f" or "m"."""
    return {word: cells[0] for word, cells in lexicons.table("gendered_nouns").items()}


def _entry(token: Token) -> tuple[RoleEntry, list[Token]] | None:
    """The lexicon entry of a noun: with the word before it ("press secretary",
    "chief executive"), then alone, then as a singular ("analysts")."""
    words = role_words()
    doc = token.doc
    for before in (doc[token.i - 1],) if token.i > 0 else ():
        if before.is_alpha:
            for word in (token.lower_, _singular(token.lower_)):
                pair = words.get(f"{before.lower_} {word}")
                if pair is not None:
                    return pair, [before, token]
    for word in (token.lower_, _singular(token.lower_)):
        entry = words.get(word)
        if entry is not None:
            return entry, [token]
    return None


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


# --- role ---------------------------------------------------------------------

# Words that count a part of a body of people: "50% of voters", "half of the staff".
QUANTITIES = frozenset(
    {"%", "percent", "per", "half", "majority", "most", "many", "some", "all", "one"}
)
# A role the search found: the role and the words that decided it.
Found = tuple[str, list[Token]]


@dataclass
class RoleFinder:
    """Decides roles for the sources of one document."""

    doc: Doc
    names: NameIndex | None

    def of_phrase(self, head: Token) -> Found | None:
        """The role a noun phrase gives: its head noun decides; a general noun
        ("official", "leader") takes the role of the body it belongs to, and its
        own only when the text names no body."""
        found = _entry(head)
        if found is not None and found[0].how == SELF and found[0].role != "-":
            return found[0].role, found[1] if found[0].role != UNKNOWN else []
        if found is None and (head.pos_ == "NUM" or head.lower_ in QUANTITIES):
            for obj in _objects(head, ("of", "in")):
                part = self.of_phrase(obj)
                if part is not None:
                    return part
            return None
        if found is None and not _is_party_noun(head):
            return None  # "consumer spending" is no consumer
        body = self._body_role(head, BODY_PREPOSITIONS)
        own = found[1] if found is not None else [head]
        if body is not None:
            role, words = body
            if role == NAMED_BODY:
                # A body the text names but says nothing of ("Acme's director",
                # "Real Madrid president"): the general word alone cannot tell.
                return None
            return _government((role, own + words), found[0] if found else None)
        if found is not None and found[0].role != "-":
            return found[0].role, found[1]
        return None

    def _body_role(
        self, head: Token, preps: frozenset[str], modifiers: bool = True
    ) -> Found | None:
        """The body a noun is of, for or at: its modifiers ("union leader", "the
        company's chief"), then the object of its preposition ("head of the
        ministry", "a spokesman for Acme Corp"). ``NAMED_BODY`` for a body named
        but not described."""
        named = None
        bodies = [
            c
            for c in head.children
            if modifiers and c.i < head.i and c.dep_ in MODIFIERS
        ] + list(_objects(head, preps))
        for body in bodies:
            found = self._body_of(body)
            if found is not None and found[0] != NAMED_BODY:
                return found
            named = named or found
        return named

    def _body_of(self, token: Token) -> Found | None:
        """What a body is: its own word when that decides ("the teachers' union"),
        else the kind its nearest modifier gives ("analyst firm", "radio station
        Xfm"), else its general word or name."""
        own = _entry(token)
        if own is not None and own[0].how == SELF and own[0].role in ROLES:
            if own[0].role not in (UNKNOWN, DOCUMENT):
                return own[0].role, own[1]
        return self._body_modifiers(token) or self._body_word(token)

    def _body_modifiers(self, obj: Token) -> Found | None:
        """The kind of body its nearest modifier gives: "analyst firm Gartner",
        "radio station Xfm"."""
        for child in reversed(list(obj.children)):
            if child.i < obj.i and child.dep_ in MODIFIERS:
                found = self._body_word(child)
                if found is not None and found[0] not in (NAMED_BODY, GOVERNMENT):
                    return found
        return None

    def _body_word(self, token: Token) -> Found | None:
        """The role of a body named by one word of a noun phrase: a word of the
        lexicon, or a named organisation's words; a place is its government."""
        found = _entry(token)
        if found is not None and found[0].role not in ("-", UNKNOWN, DOCUMENT):
            return found[0].role, found[1]
        cluster = self._cluster_at(token)
        if cluster is not None and not cluster.is_person:
            start, end = cluster.spans[0]
            for tok in self.doc[start:end]:
                named = _entry(tok)
                if named is not None and named[0].role not in ("-", UNKNOWN):
                    return named[0].role, [tok]
            if cluster.label in GOVERNMENT_LABELS:
                return GOVERNMENT, [token]
            return NAMED_BODY, [token]
        if token.ent_type_ in GOVERNMENT_LABELS:
            return GOVERNMENT, [token]
        if token.ent_type_ in ("ORG", "NORP", "PERSON", "FAC"):
            return NAMED_BODY, [token]
        # A name the recogniser missed after a preposition ("of Age Concern");
        # before a noun a capital is as often a title's word ("Education
        # Secretary"), and at the start of a sentence it says nothing.
        if token.pos_ == "PROPN" and not token.is_sent_start:
            if token.dep_ == "pobj":
                return NAMED_BODY, [token]
        return None

    def _cluster_at(self, token: Token) -> NameCluster | None:
        if self.names is None:
            return None
        index = self.names.at(token.i)
        return self.names.clusters[index] if index is not None else None

    def of_name(self, cluster: NameCluster) -> Found | None:
        """A name: an organisation's own words ("Ministry of Health", "Acme
        Corp"); an appositive ("Jane Roe, an economist at …"); the noun the name
        is in apposition to ("the bank's chief, Jane Roe"); a title or description
        before it ("Sen. Roe", "union leader Jane Roe", "aircraft firm Acme"); the
        body after it ("Jane Roe of the Acme Institute")."""
        doc = self.doc
        if not cluster.is_person:
            for start, end in cluster.spans:
                span = doc[start:end]
                for tok in [span.root, *(t for t in span if t.i != span.root.i)]:
                    found = _entry(tok)
                    if found is not None and found[0].role not in ("-", UNKNOWN):
                        return found[0].role, found[1]
        for start, end in sorted(cluster.spans):
            root = doc[start:end].root
            for child in root.children:
                if child.dep_ == "appos" and child.i > root.i:
                    found = self.of_phrase(child)
                    if found is not None:
                        return found
            if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN"):
                found = self.of_phrase(root.head)
                if found is not None:
                    return found
        for start, end in sorted(cluster.spans):
            found = self._before_name(start, end)
            if found is not None:
                return found
            if cluster.is_person:
                # The words before the name were read above; here only what
                # follows it ("Jane Roe of Acme").
                root = doc[start:end].root
                found = self._body_role(root, NAME_PREPOSITIONS, modifiers=False)
                if found is not None and found[0] != NAMED_BODY:
                    return _government(found, None)
        if not cluster.is_person and cluster.label in GOVERNMENT_LABELS:
            start, end = cluster.spans[0]
            return "official", list(doc[start:end])
        return None

    def _before_name(self, start: int, end: int) -> Found | None:
        """The words compounded before a name: a title ("Sen. Roe") or a
        description ("Defence Minister Roe", "Tory co-chairman Roe"). A word that
        decides by itself wins; a general word takes the body named beside it."""
        doc = self.doc
        i = start - 1
        run: list[Token] = []
        while i >= 0 and doc[i].dep_ in MODIFIERS | {"punct"} and not doc[i].is_space:
            if doc[i].lower_ in ("the", "a", "an") or doc[i].text in (",", "(", ")"):
                break
            run.insert(0, doc[i])
            i -= 1
        titles = [t for t in doc[start:end] if _is_title_token(t)]
        words = run + titles
        general: tuple[RoleEntry, list[Token]] | None = None
        bodies: list[Found] = []
        for tok in reversed(words):
            found = _entry(tok)
            role = title_role(tok.text)
            if (found is None or found[0].role == "-") and role:
                entry = role_words().get(role)
                if entry is not None:
                    found = entry, [tok]
            if found is None:
                body = self._body_word(tok)
                if body is not None:
                    bodies.append(body)
                continue
            if found[0].how == SELF and found[0].role != "-":
                if found[0].role == UNKNOWN:
                    return UNKNOWN, []
                if general is None:
                    return found[0].role, found[1]
                bodies.append((found[0].role, found[1]))  # "Treasury secretary"
                continue
            # A second general word is part of the same title ("director general").
            general = general or found
        if general is None:
            return None
        described = [b for b in bodies if b[0] != NAMED_BODY]
        if described:
            return _government(
                (described[0][0], general[1] + described[0][1]), general[0]
            )
        if bodies:
            return None  # only a named body, which says nothing of the role
        return (general[0].role, general[1]) if general[0].role != "-" else None


NAMED_BODY = "named-body"  # a body the text names but does not describe
GOVERNMENT = "government"  # a place that acts through its government
# Prepositions after a name that give its body ("Jane Roe of Acme").
NAME_PREPOSITIONS = frozenset({"of", "at", "from", "with"})


def _objects(head: Token, preps: Iterable[str]) -> Iterable[Token]:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            yield from (obj for obj in child.children if obj.dep_ == "pobj")


def _is_party_noun(token: Token) -> bool:
    """A noun for a person or body, whose body may say what it is."""
    word = token.lower_
    return (
        is_person_noun(token)
        or word in lexicons.word_list("organization_nouns")
        or _singular(word) in lexicons.word_list("organization_nouns")
        or word in lexicons.word_list("group_nouns")
    )


def _government(found: Found, entry: RoleEntry | None) -> Found:
    """A place as the body: its government, unless the general word has a role
    of its own ("US aircraft firm" is a business, "French minister" a
    politician). A politician's word keeps its role in a government body too
    ("Treasury secretary")."""
    role, words = found
    if role == "official" and entry is not None and entry.role == "politician":
        return entry.role, words
    if role != GOVERNMENT:
        return found
    if entry is not None and entry.role in ROLES:
        return entry.role, words
    return "official", words


def _is_title_token(token: Token) -> bool:
    return bool(title_role(token.text) or title_gender(token.text)) or (
        token.text.lower() in role_words()
    )


def decide_role(
    doc: Doc,
    source: Source,
    entity: Entity,
    cluster: NameCluster | None,
    finder: RoleFinder,
) -> tuple[str, list[Token]]:
    """The role of one source and the words that decided it."""
    if entity.members:
        votes: Counter = Counter()
        evidence: dict[str, list[Token]] = {}
        for member in entity.members:
            member_cluster = finder._cluster_at(member.root)
            found = (
                finder.of_name(member_cluster)
                if member_cluster is not None
                else finder.of_phrase(member.root)
            )
            if found is not None:
                votes[found[0]] += 1
                evidence.setdefault(found[0], found[1])
        if votes:
            role = votes.most_common(1)[0][0]
            return role, evidence[role]
        return UNKNOWN, []
    if cluster is not None:
        found = finder.of_name(cluster)
        if found is not None:
            return found
        if cluster.label == "NORP":
            # "Democrats", "Republicans": a party's members; a people is not a role.
            start, end = cluster.spans[0]
            for tok in doc[start:end]:
                entry = _entry(tok)
                if entry is not None and entry[0].role != "-":
                    return entry[0].role, entry[1]
        return UNKNOWN, []
    description = entity.description
    if description is None:
        return UNKNOWN, []
    head = description.root
    documents = lexicons.word_list("document_nouns")
    if head.lower_ in documents or _singular(head.lower_) in documents:
        return DOCUMENT, [head]
    if head.pos_ == "PRON":
        return UNKNOWN, []
    found = finder.of_phrase(head)
    if found is not None:
        return found
    return UNKNOWN, []


# --- gender -------------------------------------------------------------------


def decide_gender(
    doc: Doc,
    entity: Entity,
    cluster: NameCluster | None,
    quoted: Sequence[tuple[int, int]],
) -> tuple[str, Token | None, str | None]:
    """A person's gender, the token that says it and its kind; ("unknown", None,
    None) when the article says nothing (or says "they")."""
    if cluster is not None:
        for start, _ in sorted(cluster.spans):
            # The honorific is the name's first word or the word before it; later
            # words are the name ("Billie Jean King").
            for tok in doc[max(0, start - 1) : start + 1]:
                gender = title_gender(tok.text)
                if gender and tok.text[:1].isupper():
                    return _word(gender), tok, "honorific"
    for tok in _describing_tokens(doc, entity, cluster):
        gender = gendered_nouns().get(tok.lower_)
        if gender:
            return _word(gender), tok, "noun"
    speaker_pronouns = sorted(
        {m.head for m in entity.mentions if doc[m.head].lower_ in MALE | FEMALE}
    )
    anchors = _anchors(entity, cluster)
    linked = [
        i
        for i in sorted(set(entity.pronouns))
        if not _inside(doc[i], quoted) and _uncontested(doc, i, anchors, cluster)
    ]
    for pronouns in (speaker_pronouns, linked):
        votes = Counter("m" if doc[i].lower_ in MALE else "f" for i in pronouns)
        if votes and votes["m"] != votes["f"]:
            gender = "m" if votes["m"] > votes["f"] else "f"
            first = next(
                i for i in pronouns if (doc[i].lower_ in MALE) == (gender == "m")
            )
            return _word(gender), doc[first], "pronoun"
    return UNKNOWN, None, None


def _word(gender: str) -> str:
    return "female" if gender == "f" else "male"


def _describing_tokens(
    doc: Doc, entity: Entity, cluster: NameCluster | None
) -> Iterable[Token]:
    """The nouns that describe a source and the words joined to them: the head of
    each of its mentions and of its description, appositives of its name, the
    noun its name is in apposition to, and nouns compounded before its name."""
    heads: list[Token] = []
    if entity.description is not None:
        heads.append(entity.description.root)
    for mention in entity.mentions:
        head = doc[mention.head]
        if head.pos_ in ("NOUN", "PROPN"):
            heads.append(head)
    if cluster is not None:
        for start, end in sorted(cluster.spans):
            root = doc[start:end].root
            heads.extend(c for c in root.children if c.dep_ == "appos" and c.i > root.i)
            if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                heads.append(root.head)
            i = start - 1
            while i >= 0 and doc[i].dep_ in ("compound", "amod") and doc[i].is_alpha:
                heads.append(doc[i])
                i -= 1
    seen: set[int] = set()
    names: NameIndex | None = doc._.whosaid_names
    for head in heads:
        for tok in (
            head,
            *(c for c in head.children if c.dep_ in ("compound", "amod")),
        ):
            if names is not None and names.at(tok.i) is not None:
                continue  # a name ("Mervyn King"), not a description
            if tok.i not in seen and tok.pos_ in ("NOUN", "PROPN", "ADJ"):
                seen.add(tok.i)
                yield tok


def _anchors(entity: Entity, cluster: NameCluster | None) -> list[tuple[int, int]]:
    """Where the text names or describes the source (token spans), in order."""
    spans = [(m.start, m.end) for m in entity.mentions]
    if cluster is not None:
        spans += cluster.spans
    if entity.description is not None:
        spans.append((entity.description.start, entity.description.end))
    return sorted(spans)


def _uncontested(
    doc: Doc, i: int, anchors: list[tuple[int, int]], cluster: NameCluster | None
) -> bool:
    """A linked pronoun counts only when no other person comes between it and the
    source's last mention before it: the resolver may pass over a person it cannot
    type ("… said Guti. Ronaldo scored with his left foot")."""
    before = [end for start, end in anchors if start < i]
    if not before:
        return False
    own = (
        set() if cluster is None else {t for s, e in cluster.spans for t in range(s, e)}
    )
    for tok in doc[max(before) : i]:
        if tok.i in own:
            continue
        if tok.ent_type_ == "PERSON":
            return False
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "NOUN":
            entry = _entry(tok)
            if is_person_noun(tok) or (entry and entry[0].role != DOCUMENT):
                return False
    return True


def _inside(token: Token, quoted: Sequence[tuple[int, int]]) -> bool:
    """A pronoun inside quotation marks is the speaker's, about someone else."""
    at = token.idx
    return any(start <= at < end for start, end in quoted)


# --- key terms ----------------------------------------------------------------


def key_terms(
    doc: Doc,
    spans: Sequence[tuple[int, int]],
    algorithm: str,
    topn: int,
    extract: Callable[..., list[tuple[str, float]]] | None = None,
) -> tuple[KeyTerm, ...]:
    """textacy's key terms of the text of ``spans`` (character offsets): a quote
    is read as the parsed Span it is; several are joined into one Doc built from
    their tokens' words and tags (no parse, no copy of the article)."""
    extract = extract or keyterm_function(algorithm)
    parts = []
    for start, end in _merged(spans):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            parts.append(span)
    if not any(t.pos_ in ("NOUN", "PROPN", "ADJ") for part in parts for t in part):
        return ()
    quotes: Doc | Span = parts[0] if len(parts) == 1 else _joined(doc, parts)
    try:
        found = extract(quotes, normalize="lower", topn=topn)
    except (ValueError, ZeroDivisionError, StatisticsError):
        return ()  # too few words to score ("stdev requires two data points")
    if algorithm == "yake":
        # YAKE scores lower for more key terms; turned round, as the others.
        found = [(term, 1 / (1 + score)) for term, score in found]
    return tuple(KeyTerm(term=t, score=round(float(s), 4)) for t, s in found)


def keyterm_function(algorithm: str) -> Callable[..., list[tuple[str, float]]]:
    """textacy's key-term function; importing textacy takes seconds, so the
    component does it when the pipeline is built, not on the first document."""
    from textacy.extract import keyterms

    return getattr(keyterms, algorithm)


def _joined(doc: Doc, parts: Sequence[Span]) -> Doc:
    """One Doc of several quotes, from their words, spaces, tags and sentence
    starts: what the key-term algorithms read."""
    tokens = [t for part in parts for t in part]
    starts = {part.start for part in parts}
    return Doc(
        doc.vocab,
        words=[t.text for t in tokens],
        spaces=[bool(t.whitespace_) for t in tokens],
        pos=[t.pos_ or "X" for t in tokens],
        tags=[t.tag_ for t in tokens],
        sent_starts=[t.i in starts or t.is_sent_start for t in tokens],
    )


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character ranges in order, overlapping ones (a quote nested in another)
    joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


# --- the component ------------------------------------------------------------


class Profiles:
    def __init__(self, keyterm_algorithm: str, keyterms_topn: int) -> None:
        if keyterm_algorithm not in KEYTERM_ALGORITHMS:
            raise ValueError(
                f"keyterm_algorithm must be one of {', '.join(KEYTERM_ALGORITHMS)}"
            )
        self.algorithm = keyterm_algorithm
        self.topn = keyterms_topn
        self.extract = keyterm_function(keyterm_algorithm)

    def __call__(self, doc: Doc) -> Doc:
        sources: list[Source] = list(doc._.whosaid_sources or ())
        if not sources:
            return doc
        entities: list[Entity] = list(doc._.whosaid_entities or ())
        names: NameIndex | None = doc._.whosaid_names
        finder = RoleFinder(doc, names)
        quoted = [(m.start, m.end) for m in doc._.whosaid_marks or ()]
        said: dict[int, list[tuple[int, int]]] = {}
        for quote in doc._.whosaid_quotes or ():
            if quote.speaker is not None and quote.speaker.entity is not None:
                said.setdefault(quote.speaker.entity, []).append(
                    (quote.start, quote.end)
                )
        profiled = []
        for n, (source, entity) in enumerate(zip(sources, entities, strict=True)):
            profiled.append(
                self.profile(doc, source, entity, names, finder, quoted, said.get(n))
            )
        doc._.whosaid_sources = profiled
        return doc

    def profile(
        self,
        doc: Doc,
        source: Source,
        entity: Entity,
        names: NameIndex | None,
        finder: RoleFinder,
        quoted: Sequence[tuple[int, int]],
        said: Sequence[tuple[int, int]] | None,
    ) -> Source:
        cluster = (
            names.clusters[entity.cluster]
            if names is not None and entity.cluster is not None and not entity.members
            else None
        )
        role, role_words_ = decide_role(doc, source, entity, cluster, finder)
        gender = evidence = None
        if source.entity_type == PERSON_T:
            gender, token, kind = decide_gender(doc, entity, cluster, quoted)
            if token is not None and kind is not None:
                evidence = GenderEvidence(
                    token.idx, token.idx + len(token.text), token.text, kind
                )
        return replace(
            source,
            role=role,
            role_evidence=tuple(_spans(role_words_)),
            gender=gender,
            gender_evidence=evidence,
            key_terms=(
                key_terms(doc, said, self.algorithm, self.topn, self.extract)
                if said
                else ()
            ),
        )


def _spans(tokens: Iterable[Token]) -> Iterable[TextSpan]:
    """Tokens as text spans, neighbours joined ("press secretary")."""
    runs: list[list[Token]] = []
    for tok in sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i):
        if runs and tok.i == runs[-1][-1].i + 1:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    for run in runs:
        span: Span = run[0].doc[run[0].i : run[-1].i + 1]
        yield TextSpan(span.start_char, span.end_char, span.text)


@Language.factory(
    "whosaid_profiles",
    assigns=["doc._.whosaid_sources"],
    requires=["doc._.whosaid_sources", "doc._.whosaid_entities"],
    # YAKE: textacy's cheapest key-term algorithm (no graph), a few milliseconds
    # a source; textrank and sgrank cost five times as much.
    default_config={"keyterm_algorithm": "yake", "keyterms_topn": 5},
)
def make_profiles(
    nlp: Language, name: str, keyterm_algorithm: str, keyterms_topn: int
) -> Profiles:
    return Profiles(keyterm_algorithm, keyterms_topn)
