"""``whosaid_resolve``: every speaker mention → the entity it refers to.

No coreference model can be downloaded, so this stage resolves the way a careful
reader of news does, in order:

1. a mention that is (or is in apposition to) a name joins that name's cluster
   (``whosaid.names``: "Idris" and "Gen. Idris" → Gen. Salim Idris; "her mother,
   Fatemah" → Fatemah);
2. a pronoun (he, she, they, it, …) takes the nearest earlier entity that agrees in
   gender and number, preferring recent speakers and sentence subjects;
3. a definite description ("the director", "the senator", "the ministry") takes an
   earlier entity it describes: whose appositive or title has that noun, or an
   organisation of that kind;
4. anything else ("a Western diplomat", "officials") is an unnamed entity of its own;
   the same words again are the same entity.

Writes ``doc._.whosaid_entities`` and sets ``Mention.entity`` on every speaker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from whosaid import extensions  # noqa: F401
from whosaid import lexicons
from whosaid.candidates import Mention
from whosaid.names import PERSON, NameCluster, NameIndex
from whosaid.syntax import mention_bounds

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
NEUTER = frozenset({"it", "its", "itself"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
# How far back a pronoun looks for its antecedent (tokens).
PRONOUN_REACH = 400


@dataclass
class Entity:
    """One speaker as the text knows it."""

    mentions: list[Mention] = field(default_factory=list)
    cluster: int | None = None  # index into the document's NameIndex clusters
    description: Span | None = None  # the unnamed mention that introduces it
    plural: bool = False
    gender: str | None = None

    @property
    def named(self) -> bool:
        return self.cluster is not None


@dataclass
class _Referent:
    """A place where an entity was mentioned, as a candidate antecedent."""

    at: int
    entity: int | None  # index into entities, or None while only a name cluster
    cluster: int | None
    person: bool
    plural: bool
    gender: str | None
    speaker: bool
    subject: bool


class Resolver:
    """Resolves the speaker mentions of one document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.names = NameIndex(doc)
        self.entities: list[Entity] = []
        self.by_cluster: dict[int, int] = {}
        self.by_text: dict[str, int] = {}
        self.referents: list[_Referent] = self._name_referents()

    def resolve(self, mentions: list[Mention]) -> list[Entity]:
        seen: dict[tuple[int, int], int] = {}
        for mention in sorted(mentions, key=lambda m: m.start):
            key = (mention.start, mention.end)
            if key in seen:  # an inherited speaker: the same words, the same entity
                mention.entity = seen[key]
                self.entities[mention.entity].mentions.append(mention)
                continue
            mention.entity = seen[key] = self._entity_for(mention)
            entity = self.entities[mention.entity]
            entity.mentions.append(mention)
            head = self.doc[mention.head]
            if head.lower_ in MALE | FEMALE and entity.gender is None:
                entity.gender = "m" if head.lower_ in MALE else "f"
                if entity.cluster is not None:
                    self.names.clusters[entity.cluster].gender = entity.gender
            self.referents.append(
                _Referent(
                    at=mention.start, entity=mention.entity, cluster=entity.cluster,
                    person=self._is_person(entity), plural=entity.plural,
                    gender=entity.gender, speaker=True, subject=True,
                )
            )
            self.referents.sort(key=lambda r: r.at)
        return self.entities

    # --- the four ways a mention finds its entity -------------------------------

    def _entity_for(self, mention: Mention) -> int:
        doc = self.doc
        head = doc[mention.head]
        span = doc[mention.start : mention.end]
        cluster = self._named_cluster(span, head)
        if cluster is not None:
            return self._cluster_entity(cluster)
        if head.pos_ == "PRON" or head.lower_ in MALE | FEMALE | PLURAL | NEUTER:
            found = self._antecedent(head)
            if found is not None:
                return found
        elif self._is_definite(span, head):
            found = self._described(head)
            if found is not None:
                return found
        return self._description_entity(span, head)

    def _named_cluster(self, span: Span, head: Token) -> int | None:
        """A name in the mention that contains its head, or a name in apposition."""
        index = self.names.at(head.i)
        if index is not None:
            return index
        for child in head.children:
            if child.dep_ == "appos":
                for tok in child.subtree:
                    if self.names.at(tok.i) is not None and self.names.clusters[
                        self.names.at(tok.i)
                    ].is_person:
                        return self.names.at(tok.i)
                if child.pos_ == "PROPN":
                    return self._add_name(self.doc[slice(*mention_bounds(child))])
        if head.pos_ == "PROPN":
            return self._add_name(self._proper_run(head))
        return None

    def _proper_run(self, head: Token) -> Span:
        doc = self.doc
        start = head.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in ("compound", "flat"):
            start -= 1
        return doc[start : head.i + 1]

    def _add_name(self, span: Span) -> int | None:
        label = PERSON if any(t.ent_type_ == PERSON for t in span) or self._looks_personal(span) else "ORG"
        return self.names.add(span, label)

    def _looks_personal(self, span: Span) -> bool:
        from whosaid.names import is_given_name, is_title

        words = [t.text for t in span]
        return bool(words) and (is_title(words[0]) or is_given_name(words[0]))

    def _antecedent(self, pronoun: Token) -> int | None:
        word = pronoun.lower_
        if word in FIRST_PERSON:
            return None
        best: tuple[float, _Referent] | None = None
        for ref in reversed(self.referents):
            if ref.at >= pronoun.i:
                continue
            distance = pronoun.i - ref.at
            if distance > PRONOUN_REACH:
                break
            if not self._agrees(word, ref):
                continue
            score = distance - (60 if ref.speaker else 0) - (20 if ref.subject else 0)
            if best is None or score < best[0]:
                best = (score, ref)
        if best is None:
            return None
        ref = best[1]
        if ref.entity is not None:
            return ref.entity
        return self._cluster_entity(ref.cluster) if ref.cluster is not None else None

    @staticmethod
    def _agrees(word: str, ref: _Referent) -> bool:
        if word in MALE | FEMALE:
            gender = "m" if word in MALE else "f"
            return ref.person and not ref.plural and ref.gender in (None, gender)
        if word in PLURAL:
            return ref.plural or not ref.person
        if word in NEUTER:
            return not ref.person and not ref.plural
        return False

    def _is_definite(self, span: Span, head: Token) -> bool:
        first = span[0]
        return first.lower_ in ("the", "this", "that", "these", "those") or any(
            c.dep_ == "poss" for c in head.children
        )

    def _described(self, head: Token) -> int | None:
        """"the director" → an earlier entity whose appositive or title is a director;
        "the ministry" → the nearest earlier organisation of that kind."""
        noun = head.lower_
        for ref in reversed(self.referents):
            if ref.at >= head.i:
                continue
            entity = ref.entity
            cluster = ref.cluster if ref.cluster is not None else (
                self.entities[entity].cluster if entity is not None else None
            )
            if cluster is not None and self._cluster_described_as(cluster, noun):
                return entity if entity is not None else self._cluster_entity(cluster)
        return None

    def _cluster_described_as(self, index: int, noun: str) -> bool:
        cluster = self.names.clusters[index]
        if noun in {t.rstrip(".") for t in cluster.titles}:
            return True
        if noun in {p.lower() for p in cluster.parts}:
            return True  # "the Observatory" for the Syrian Observatory for Human Rights
        doc = self.doc
        for start, end in cluster.spans:
            for tok in doc[start:end]:
                for child in tok.children:
                    if child.dep_ == "appos" and any(t.lower_ == noun for t in child.subtree):
                        return True
            before = doc[start - 1] if start > 0 else None
            if before is not None and before.lower_ == noun:
                return True  # "director Rami Abdulrahman" style titles
        return False

    # --- entity bookkeeping -----------------------------------------------------

    def _cluster_entity(self, cluster: int) -> int:
        if cluster not in self.by_cluster:
            c = self.names.clusters[cluster]
            self.entities.append(Entity(cluster=cluster, gender=c.gender))
            self.by_cluster[cluster] = len(self.entities) - 1
        return self.by_cluster[cluster]

    def _description_entity(self, span: Span, head: Token) -> int:
        key = span.text.lower()
        if key not in self.by_text:
            self.entities.append(
                Entity(description=span, plural=_is_plural(head), gender=_pronoun_gender(head))
            )
            self.by_text[key] = len(self.entities) - 1
        return self.by_text[key]

    def _is_person(self, entity: Entity) -> bool:
        if entity.cluster is not None:
            return self.names.clusters[entity.cluster].is_person
        head = entity.description.root if entity.description is not None else None
        return head is not None and is_person_noun(head)

    def _name_referents(self) -> list[_Referent]:
        out = []
        for index, cluster in enumerate(self.names.clusters):
            for start, end in cluster.spans:
                head = self.doc[start:end].root
                out.append(
                    _Referent(
                        at=start, entity=None, cluster=index, person=cluster.is_person,
                        plural=cluster.label == "NORP", gender=cluster.gender,
                        speaker=False, subject=head.dep_ in ("nsubj", "nsubjpass"),
                    )
                )
        return sorted(out, key=lambda r: r.at)


def _is_plural(head: Token) -> bool:
    if head.lower_ in PLURAL or head.lower_ in ("we", "us"):
        return True
    if head.tag_ in ("NNS", "NNPS"):
        return True
    return any(c.dep_ == "conj" for c in head.children) or head.lower_ in lexicons.word_list(
        "group_nouns"
    )


def _pronoun_gender(head: Token) -> str | None:
    if head.lower_ in MALE:
        return "m"
    if head.lower_ in FEMALE:
        return "f"
    return None


def is_person_noun(head: Token) -> bool:
    word = head.lower_
    singular = word[:-1] if word.endswith("s") else word
    nouns = lexicons.word_list("person_nouns")
    return word in nouns or singular in nouns or head.lower_ in MALE | FEMALE | FIRST_PERSON


class Resolve:
    def __call__(self, doc: Doc) -> Doc:
        mentions = [q.speaker for q in doc._.whosaid_quotes or () if q.speaker is not None]
        resolver = Resolver(doc)
        doc._.whosaid_entities = resolver.resolve(mentions)
        doc._.whosaid_names = resolver.names
        return doc


@Language.factory(
    "whosaid_resolve",
    assigns=["doc._.whosaid_entities"],
    requires=["doc._.whosaid_quotes", "doc.ents"],
)
def make_resolve(nlp: Language, name: str) -> Resolve:
    return Resolve()
