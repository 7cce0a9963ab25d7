"""``whosaid_sources``: one source record per resolved entity.

For every entity that says something:

* ``name``: the fullest form of its name ("Tomas Varga"), null when unnamed;
* ``description``: its appositive or title ("a former chief executive of the regional
  water board"), or, for an unnamed source, the words that introduce it ("a
  Brussels-based European diplomat");
* ``identification``: ``named`` (a full name, a surname whose full name the text
  gives, a named organisation or government), ``partially_named`` (a first name
  alone, or a name the text says is partial: "identified only by his first name"),
  ``anonymous`` (everything unnamed, and groups such as "Republicans");
* ``entity_type``: ``person``, ``organization`` or ``group`` (a plural of people);
* ``anonymity_reason``: the text's own words where it explains the anonymity ("asked
  not to be identified for this article"), else null.

Writes ``doc._.whosaid_sources`` (``records.Source`` objects).
"""

from __future__ import annotations

import re
import sys

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from whosaid import (
    extensions,  # noqa: F401
    lexicons,
)
from whosaid.components.resolve import Entity, is_person_noun
from whosaid.extensions import doc_text, sent_text
from whosaid.layout import furniture
from whosaid.names import PERSON, NameCluster, NameIndex, is_given_name
from whosaid.records import Source, TextSpan
from whosaid.syntax import Sentences, TokenIndex

ANONYMOUS, NAMED, PARTIAL = "anonymous", "named", "partially_named"
PERSON_T, ORG_T, GROUP_T = "person", "organization", "group"
# A reason clause longer than this is cut at its first comma.
REASON_MAX_TOKENS = 16
# Stems one of which every anonymity or partial-name phrase contains.
TRIGGERS = (
    "anonym",
    "identif",
    "named",
    "authoriz",
    "authoris",
    "fear",
    "condition",
    "first name",
    "background",
    "privately",
    "pseudonym",
    "nickname",
    "alias",
    "handle",
    "withheld",
    "unable to",
    "quoted",
)
_TRIGGER_RE = re.compile("|".join(re.escape(t) for t in TRIGGERS))


class Sources:
    def __init__(self, nlp: Language) -> None:
        self.matcher = Matcher(nlp.vocab)
        patterns = lexicons.pattern_lines("anonymity")
        for n, entry in enumerate(patterns):
            self.matcher.add(f"{entry['label']}#{n}", [entry["pattern"]])
        # Tokens a phrase can reach on either side of its trigger (a trigger may be
        # two tokens: "first name"); a pattern of unbounded length reaches anywhere.
        unbounded = any(
            tok.get("OP") in ("+", "*")
            for entry in patterns
            for tok in entry["pattern"]
        )
        self.reach = (
            sys.maxsize if unbounded else max(len(e["pattern"]) for e in patterns) + 1
        )

    def __call__(self, doc: Doc) -> Doc:
        names: NameIndex | None = doc._.whosaid_names
        matches = self._phrases(doc, doc_text(doc)) if doc._.whosaid_entities else {}
        sents = Sentences(doc)
        sources = []
        for n, entity in enumerate(doc._.whosaid_entities or ()):
            cluster = (
                names.clusters[entity.cluster]
                if names and entity.cluster is not None
                else None
            )
            sources.append(
                describe(doc, f"s{n + 1}", entity, cluster, matches, names, sents)
            )
        doc._.whosaid_sources = sources
        return doc

    def _phrases(self, doc: Doc, text: str) -> dict[str, list[Span]]:
        """Anonymity and partial-name phrases. Every phrase holds a trigger stem, so
        the matcher runs only on a window around each trigger, not the article."""
        found: dict[str, list[Span]] = {"anonymity": [], "partial_name": []}
        index: TokenIndex | None = None
        windows: list[list[int]] = []
        for hit in _TRIGGER_RE.finditer(text.lower()):
            index = index or TokenIndex(doc)
            at = index.at(hit.start())
            start, end = max(0, at - self.reach), min(len(doc), at + self.reach + 1)
            if windows and start <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], end)
            else:
                windows.append([start, end])
        for start, end in windows:
            for span in self.matcher(doc[start:end], as_spans=True):
                found[span.label_.split("#", 1)[0]].append(span)
        return found


def describe(
    doc: Doc,
    sid: str,
    entity: Entity,
    cluster: NameCluster | None,
    phrases: dict[str, list[Span]],
    names: NameIndex | None,
    sents: Sentences,
) -> Source:
    """The source record of one entity."""
    mentions = sorted({(m.start, m.end) for m in entity.mentions})
    spans = [doc[s:e] for s, e in mentions]
    sent = sent_text(doc)
    partial_hint = _near(phrases["partial_name"], spans, sents)
    reason_span = _near(phrases["anonymity"], spans, sents)
    if entity.members:
        identification, entity_type, name = _group_class(doc, entity, names)
        description = entity.description.text
    elif entity.issuer is not None and names is not None:
        # A document speaks for its issuer: "a report says" by the National Audit
        # Office is the National Audit Office.
        identification, entity_type = NAMED, ORG_T
        name = names.clusters[entity.issuer].name
        description = entity.description.text
    elif cluster is not None:
        identification, entity_type = _named_class(
            cluster, partial_hint is not None, spans
        )
        name = _full_name(cluster, spans) if identification != ANONYMOUS else None
        description = _cluster_description(doc, cluster, spans)
    else:
        head = entity.description.root
        identification, entity_type = _described_class(entity.description, head, entity)
        name = None
        if identification == NAMED:
            name = _issuer(entity.description, head, names) or _org_name(
                entity.description
            )
        description = entity.description.text
    reason = (
        _reason(reason_span, sents)
        if reason_span is not None and identification != NAMED
        else None
    )
    return Source(
        id=sid,
        name=name,
        description=description,
        identification=identification,
        entity_type=entity_type,
        anonymity_reason=reason,
        mentions=tuple(
            TextSpan(s.start_char, s.end_char, sent[s.start_char : s.end_char])
            for s in spans
        ),
    )


def _named_class(
    cluster: NameCluster, partial_hint: bool, spans: list[Span] = ()
) -> tuple[str, str]:
    if cluster.label == "NORP":
        if any(s[0].lower_ == "the" and s.root.tag_ == "NNPS" for s in spans):
            # "the Tories", "the Liberal Democrats": the party as a body, named
            return NAMED, ORG_T
        return ANONYMOUS, GROUP_T  # "Republicans", "Democrats": a group, unnamed
    if cluster.label != PERSON:
        return NAMED, ORG_T
    # A first name alone is partial; with a title ("Pope Francis", "Mr. Ruben") the
    # one name identifies the person.
    alone = len(cluster.parts) == 1 and not cluster.titles
    if alone and (partial_hint or is_given_name(cluster.parts[0])):
        return PARTIAL, PERSON_T
    return NAMED, PERSON_T


def _full_name(cluster: NameCluster, spans: list[Span]) -> str:
    """The cluster's fullest name; for an organisation, a longer form the mention
    gives ("the U.S. Court of Appeals for the 6th Circuit")."""
    name = cluster.name
    if cluster.is_person:
        return name
    for span in spans:
        text = _org_name(span)
        if name.lower() in text.lower() and len(text) > len(name) and len(span) <= 12:
            name = text
    return name


def _group_class(
    doc: Doc, entity: Entity, names: NameIndex | None
) -> tuple[str, str, str | None]:
    """ "A and B": named if a member is named; persons make a group, bodies an
    organisation ("France and Germany")."""
    clusters = [
        names.clusters[names.at(m.root.i)]
        if names is not None and names.at(m.root.i) is not None
        else None
        for m in entity.members
    ]
    # "Democrats" names no one
    named_members = [c for c in clusters if c is not None and c.label != "NORP"]
    bodies = (
        named_members
        and all(not c.is_person for c in named_members)
        and len(named_members) == len(entity.members)
    )
    entity_type = ORG_T if bodies else GROUP_T
    # A member resolved to a name ("he" → the senator) names the group, unless
    # that name is a people or party: "both Democrats and Republicans" stays unnamed.
    if not named_members and not any(
        n
        for n, m, c in zip(entity.member_names, entity.members, clusters, strict=False)
        if n != m.text and (c is None or c.label != "NORP")
    ):
        return ANONYMOUS, entity_type, None
    return NAMED, entity_type, " and ".join(entity.member_names)


def _issuer(span: Span, head: Token, names: NameIndex | None) -> str | None:
    """Who a named document speaks for: "a YouGov poll" → YouGov, "a projection by
    the consulting firm Oxford Economics" → Oxford Economics."""
    if head.lower_ not in lexicons.word_list("document_nouns"):
        return None
    doc = span.doc
    candidates = [
        t
        for t in span
        if t.i != head.i
        and (t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "GPE", "PERSON"))
    ]
    if not candidates:
        return None
    if names is not None:
        for tok in candidates:
            index = names.at(tok.i)
            if index is not None:
                return names.clusters[index].name
    first = candidates[0]
    run = [first]
    for tok in doc[first.i + 1 : span.end]:
        if tok.i == head.i or not (tok.pos_ == "PROPN" or tok.text in ("/", "&", "-")):
            break
        run.append(tok)
    return doc[run[0].i : run[-1].i + 1].text


def _described_class(span: Span, head: Token, entity: Entity) -> tuple[str, str]:
    """Identification and type of an unnamed mention from its head noun."""
    word = head.lower_
    orgs = lexicons.word_list("organization_nouns")
    singular = word[:-1] if word.endswith("s") and word[:-1] in orgs else word
    documents = lexicons.word_list("document_nouns")
    if _names_institution(span, head) or _capitalised_name(span, head):
        return NAMED, ORG_T
    if singular in orgs and not is_person_noun(head):
        named = _has_named_owner(span, head) or (
            word in documents and any(t.pos_ == "PROPN" for t in span)
        )
        plural = head.tag_ in ("NNS", "NNPS") and word not in orgs
        if named and not plural:
            return NAMED, ORG_T
        return ANONYMOUS, ORG_T
    if word in ("it", "its", "which"):
        return ANONYMOUS, ORG_T
    if entity.plural:
        return ANONYMOUS, GROUP_T
    if head.pos_ == "NOUN" and not is_person_noun(head):
        # Events, photos, documents nobody is named for: "its fall", "this photo".
        return ANONYMOUS, ORG_T
    return ANONYMOUS, PERSON_T


def _names_institution(span: Span, head: Token) -> bool:
    """ "the government", "the Treasury", "police": the one such body of the place
    the article is about. Any other word ("a government", "the government of the
    day", "local police") leaves it undetermined."""
    if head.lower_ not in lexicons.word_list("institution_nouns"):
        return False
    others = [t for t in span if t.i != head.i]
    if not others:
        return head.lower_ == "police"  # "police said": the force of the place
    return (
        head.tag_ not in ("NNS", "NNPS")
        and len(others) == 1
        and others[0].lower_ == "the"
    )


def _capitalised_name(span: Span, head: Token) -> bool:
    """ "Labour said …": a capitalised noun the article also capitalises inside a
    sentence is a name the tagger took for a common noun (a party, a body)."""
    if head.pos_ not in ("NOUN", "PROPN") or not head.is_title or not head.is_alpha:
        return False
    if is_person_noun(head) or head.lower_ in lexicons.word_list("group_nouns"):
        return False
    others = [t for t in span if t.i != head.i]
    if head.tag_ in ("NNS", "NNPS"):
        # "the Liberal Democrats" is the party; "Senate Republicans" are members
        return (
            bool(others)
            and others[0].lower_ == "the"
            and all(t.is_title for t in others[1:])
        )
    if any(t.lower_ != "the" for t in others):
        return False
    return (
        any(
            t.text == head.text and not t.is_sent_start and t.i != head.i
            for t in head.doc
        )
        or not head.is_sent_start
    )


def _has_named_owner(span: Span, head: Token) -> bool:
    """ "Russia's defence ministry", "the Clinton campaign", "the State Department"."""
    if span[0].lower_ in ("a", "an", "some", "several", "many"):
        return False
    return any(
        t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "ORG", "PERSON", "NORP")
        for t in span
        if t.i != head.i or t.pos_ == "PROPN"
    )


def _org_name(span: Span) -> str:
    words = list(span)
    while words and words[0].lower_ in ("the", "a", "an"):
        words = words[1:]
    return span.doc[words[0].i : words[-1].i + 1].text if words else span.text


def _cluster_description(
    doc: Doc, cluster: NameCluster, spans: list[Span]
) -> str | None:
    """The first appositive of any mention of the name, else a title before it;
    never from a headline or byline (``whosaid.layout.furniture``)."""
    top = furniture(doc_text(doc))

    def on_top(start: int) -> bool:
        return any(a <= doc[start].idx < b for a, b in top)

    for start, end in sorted(cluster.spans + [(s.start, s.end) for s in spans]):
        if on_top(start):
            continue
        head = doc[start:end].root
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i:
                text = _clause_text(child)
                if text and text.lower() != cluster.name.lower():
                    return text
    for start, _ in sorted(cluster.spans):
        if on_top(start):
            continue
        title = _title_before(doc, start)
        if title:
            return title
    return None


def _title_before(doc: Doc, start: int) -> str | None:
    """ "Russian Minister of Defense Sergey Shoygu" → "Russian Minister of Defense"."""
    i = start
    while (
        i > 0
        and doc[i - 1].dep_ in ("compound", "amod", "nmod")
        and not doc[i - 1].is_punct
    ):
        if doc[i - 1].lower_ in ("the", "a", "an") or doc[i - 1].ent_type_ == PERSON:
            break
        i -= 1
    if i == start:
        return None
    text = doc[i:start].text.strip()
    return text if any(t.is_alpha and t.is_title for t in doc[i:start]) else None


def _clause_text(token: Token) -> str:
    """A phrase without the relative clause or parenthesis that trails it."""
    doc = token.doc
    end = token.right_edge.i + 1
    for i in range(token.i + 1, end):
        if doc[i].text in (",", "(", ";", "—") or doc[i].is_space:
            end = i
            break
    return doc[token.left_edge.i : end].text.strip(" ,")


def _near(phrases: list[Span], mentions: list[Span], sents: Sentences) -> Span | None:
    """A phrase in the same sentence as a mention, about it: after the mention, or
    in a clause whose subject it is."""
    for phrase in phrases:
        for mention in mentions:
            if sents.start(phrase.start) != sents.start(mention.start):
                continue
            if phrase.start >= mention.end or mention.start >= phrase.end:
                return phrase
    return None


def _reason(phrase: Span, sents: Sentences) -> str:
    """The clause a phrase of anonymity belongs to: "asked not to be identified for
    this article", "spoke on condition of anonymity to discuss the meeting"."""
    doc = phrase.doc
    verb = phrase.root
    sent = range(sents.start(phrase.start), sents.end(phrase.start))
    while (
        verb.pos_ not in ("VERB", "AUX")
        and verb.head.i != verb.i
        and verb.head.i in sent
    ):
        if verb.dep_ in ("relcl", "advcl", "ROOT", "ccomp", "conj"):
            break
        verb = verb.head
    start = min(phrase.start, verb.i)
    end = max(phrase.end, verb.right_edge.i + 1)
    while start < end and (
        doc[start].lower_ in ("who", "that", "which", ",") or doc[start].is_space
    ):
        start += 1
    if end - start > REASON_MAX_TOKENS:
        cut = next(
            (i for i in range(phrase.end, end) if doc[i].text in (",", ";")), end
        )
        end = min(cut, start + REASON_MAX_TOKENS)
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end].text


@Language.factory(
    "whosaid_sources",
    assigns=["doc._.whosaid_sources"],
    requires=["doc._.whosaid_entities"],
)
def make_sources(nlp: Language, name: str) -> Sources:
    return Sources(nlp)
