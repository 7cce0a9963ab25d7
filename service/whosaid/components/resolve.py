"""``whosaid_resolve``: every speaker mention → the entity it refers to.

No coreference model can be downloaded, so this stage resolves the way a careful
reader of news does, in order:

1. a mention that is (or is in apposition to) a name joins that name's cluster
   (``whosaid.names``: "Varga" and "Gen. Varga" → Gen. Tomas Varga; "her mother,
   Marisol" → Marisol);
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

import numpy as np
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from whosaid import (
    extensions,  # noqa: F401
    lexicons,
    nonsources,
)
from whosaid.candidates import DIRECT, Mention, QuoteCandidate
from whosaid.names import (
    PERSON,
    NameIndex,
    given_names,
    is_post_nominal,
    is_title,
    title_role,
)
from whosaid.syntax import (
    RELATIVE_PRONOUNS,
    Sentences,
    mention_bounds,
    paragraph_index,
)

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
NEUTER = frozenset({"it", "its", "itself"})
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
GENDERED = MALE | FEMALE
# How far back a pronoun looks for its antecedent (tokens).
PRONOUN_REACH = 400
# How far back "the veteran" may look for the person it describes (tokens).
DESCRIPTION_REACH = 150
# Each paragraph between a pronoun and a candidate antecedent counts as this many
# tokens of distance: news rarely carries "he" across paragraphs to someone else.
PARAGRAPH_PENALTY = 80
# Whether an attribution whose speaker cannot speak (an event, a thing) is dropped
# whole, or kept as an attribution without a source.
DROP_QUOTES_OF_THINGS = True
# A pronoun with a cue of going on ("he added") prefers the last speaker by this
# much; any other prefers a subject of its own or the previous sentence by this much.
CONTINUING_BONUS = 150
RECENT_SUBJECT_BONUS = 70
# Cue verbs that continue the speaker before.
CONTINUING_CUES = frozenset({"add", "adds", "added", "continued", "continues"})
# A named person is the likelier antecedent than an unnamed one at the same distance.
NAMED_BONUS = 40


@dataclass
class Entity:
    """One speaker as the text knows it."""

    mentions: list[Mention] = field(default_factory=list)
    cluster: int | None = None  # index into the document's NameIndex clusters
    description: Span | None = None  # the unnamed mention that introduces it
    members: list[Span] = field(default_factory=list)  # "A and B": the conjuncts
    member_names: list[str] = field(default_factory=list)
    plural: bool = False
    gender: str | None = None
    issuer: int | None = None  # a document's issuer: its name cluster
    # he/she/his/her… outside the speaker mentions that the resolver gives to this
    # entity (token indexes): the profiles stage reads gender from them.
    pronouns: list[int] = field(default_factory=list)

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
    head: int | None = None  # an unnamed noun phrase not yet an entity: its head


class Resolver:
    """Resolves the speaker mentions of one document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.names = NameIndex(doc)
        self.entities: list[Entity] = []
        self.by_cluster: dict[int, int] = {}
        self.by_text: dict[str, int] = {}
        self._descriptor_cache: dict[int, set[str]] = {}
        self._add_untagged_names()
        self.paragraph = paragraph_index(doc)
        self.quoted = _quoted_tokens(doc)
        self.continuing = {
            q.speaker.head
            for q in doc._.whosaid_quotes or ()
            if q.speaker is not None
            and q.cue is not None
            and doc[q.cue.head].lower_ in CONTINUING_CUES
        }
        self.sentences = Sentences(doc)
        # Prior-mention counts, remembered until a referent is added or given
        # its entity (the only changes that alter them).
        self._version = 0
        self._prior: dict[int, tuple[int, int]] = {}
        self.referents: list[_Referent] = sorted(
            self._name_referents() + self._subject_referents(), key=lambda r: r.at
        )

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
            if head.lower_ in GENDERED and entity.gender is None:
                entity.gender = "m" if head.lower_ in MALE else "f"
                if entity.cluster is not None:
                    self.names.clusters[entity.cluster].gender = entity.gender
            self.referents.append(
                _Referent(
                    at=mention.start,
                    entity=mention.entity,
                    cluster=entity.cluster,
                    person=self._is_person(entity),
                    plural=entity.plural,
                    gender=entity.gender,
                    speaker=True,
                    subject=True,
                )
            )
            self.referents.sort(key=lambda r: r.at)
            self._version += 1
        return self.entities

    # --- the four ways a mention finds its entity -------------------------------

    def _entity_for(self, mention: Mention) -> int:
        doc = self.doc
        head = doc[mention.head]
        if is_post_nominal(head):
            # "Judge Peter Hollis, QC told …": the letters after a name are not
            # the speaker; the name before them is.
            name = doc[head.i - 1] if doc[head.i - 1].text != "," else doc[head.i - 2]
            start, end = mention_bounds(name)
            return self._entity_for(Mention(start, end, name.i))
        span = doc[mention.start : mention.end]
        if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            # "the minister, who said …": the mention is "who", the entity its noun.
            noun = head.head.head
            start, end = mention_bounds(noun)
            return self._entity_for(Mention(start, end, noun.i))
        conjuncts = _conjuncts(head, span)
        if len(conjuncts) > 1:
            return self._group_entity(span, conjuncts)
        cluster = self._named_cluster(span, head)
        if cluster is not None:
            return self._cluster_entity(cluster)
        if head.pos_ == "PRON" or head.lower_ in MALE | FEMALE | PLURAL | NEUTER:
            found = self._antecedent(head)
            if found is not None:
                return found
        elif self._is_definite(span, head):
            found = self._described(head)
            if found is None and _is_document(head):
                found = self._earlier_document(head)
            if found is not None:
                entity = self.entities[found]
                if (
                    entity.issuer is None
                    and entity.cluster is None
                    and _is_document(head)
                ):
                    entity.issuer = self._issuer_of(head, span)
                return found
        index = self._description_entity(span, head)
        entity = self.entities[index]
        if entity.issuer is None and _is_document(head) and not _is_plural(head):
            entity.issuer = self._issuer_of(head, span)
            if entity.issuer is None and not self._is_definite(span, head):
                entity.issuer = self._issuer_named_next(head)
        return index

    # --- documents and their issuers --------------------------------------------

    def _earlier_document(self, head: Token) -> int | None:
        """ "the report", "the survey" → the document a speaker mention brought in
        before ("a report says …"): one article cites one report, by whatever noun."""
        if _is_plural(head):
            return None
        for ref in reversed(self.referents):
            if ref.at >= head.i or ref.entity is None:
                continue
            entity = self.entities[ref.entity]
            desc = entity.description
            if (
                desc is not None
                and not entity.members
                and entity.cluster is None
                and _is_document(desc.root)
                and not _is_plural(desc.root)
            ):
                return ref.entity
        return None

    def _issuer_of(self, head: Token, span: Span) -> int | None:
        """The named issuer a document's own phrase gives ("University College
        London research", "BT's study", "the report by telecoms giant BT", "a poll
        for mobile firm Intervoice"); for "the report", the issuer an earlier
        phrase of such a document gave."""
        found = self._modifier_issuer(head)
        if found is not None or not self._is_definite(span, head):
            return found
        doc = self.doc
        for tok in reversed(doc[max(0, head.i - 2 * DESCRIPTION_REACH) : head.i]):
            if _is_document(tok) and not _is_plural(tok):
                found = self._modifier_issuer(tok)
                if found is not None:
                    return found
        return None

    def _modifier_issuer(self, head: Token) -> int | None:
        for child in head.children:
            if child.dep_ in ("compound", "poss", "nmod") and child.pos_ == "PROPN":
                found = self.names.at(child.i)
                if found is not None:
                    return found
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "for"):
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.pos_ == "PROPN":
                        found = self.names.at(obj.i)
                        if found is None:
                            found = self._add_name(self._proper_run(obj))
                        return found
        return None

    def _issuer_named_next(self, head: Token) -> int | None:
        """ "…, a report says. The National Audit Office praised …": news names the
        issuer of a document it has just cited in the next sentence, as a subject
        or in the phrase of a document noun."""
        doc = self.doc
        start = self.sentences.end(head.i)
        if start >= len(doc):
            return None
        for tok in doc[start : self.sentences.end(start)]:
            index = self.names.at(tok.i)
            if index is None or self.quoted[tok.i]:
                continue
            cluster = self.names.clusters[index]
            if cluster.label in ("GPE", "NORP"):
                continue
            if cluster.is_person and (
                cluster.titles or len(cluster.parts) > 1 or cluster.gender
            ):
                continue  # a person, not a body that publishes reports
            if tok.dep_ in ("nsubj", "nsubjpass") or (
                tok.dep_ in ("compound", "poss") and _is_document(tok.head)
            ):
                return index
        return None

    def _named_cluster(self, span: Span, head: Token) -> int | None:
        """A name in the mention that contains its head, or a name in apposition."""
        index = self.names.at(head.i)
        if index is not None:
            cluster = self.names.clusters[index]
            if len(cluster.parts) == 1 and _common_noun(head):
                return None  # "Officials" tagged as an organisation
            if (
                cluster.label == "NORP"
                and span[0].lower_ == "the"
                and head.tag_ in ("NNP", "NN", "JJ")
            ):
                return None  # "the Texan", "the Republican": a person described
            return index
        for child in head.children:
            if child.dep_ == "appos":
                for tok in child.subtree:
                    if (
                        self.names.at(tok.i) is not None
                        and self.names.clusters[self.names.at(tok.i)].is_person
                    ):
                        return self.names.at(tok.i)
                if child.pos_ == "PROPN" and self._looks_personal(
                    self._proper_run(child)
                ):
                    return self._add_name(self._proper_run(child))
        if head.pos_ == "PROPN" and not _common_noun(head):
            return self._add_name(self._proper_run(head))
        return None

    def _proper_run(self, head: Token) -> Span:
        doc = self.doc
        start = head.i
        while (
            start > 0
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].dep_ in ("compound", "flat")
        ):
            start -= 1
        return doc[start : head.i + 1]

    def _add_name(self, span: Span) -> int | None:
        label = (
            PERSON
            if any(t.ent_type_ == PERSON for t in span) or self._looks_personal(span)
            else "ORG"
        )
        return self.names.add(span, label)

    def _looks_personal(self, span: Span) -> bool:
        words = [t.text for t in span]
        if not words:
            return False
        before = self.doc[span.start - 1] if span.start > 0 else None
        titled = is_title(words[0]) or (before is not None and is_title(before.text))
        return titled or words[0].lower() in given_names()

    def _antecedent(self, pronoun: Token) -> int | None:
        best = self._best_referent(pronoun)
        return None if best is None else self._referent_entity(best)

    def link_pronouns(self) -> None:
        """Give each gendered pronoun that is no speaker mention to the entity the
        resolver would choose for it; one that points at a referent who is not an
        entity (someone who never speaks) links nowhere, and no entity is made."""
        doc = self.doc
        speakers = {m.head for e in self.entities for m in e.mentions}
        if not len(doc):
            return
        wanted = np.array([doc.vocab.strings.add(w) for w in GENDERED], dtype=np.uint64)
        for i in np.flatnonzero(np.isin(doc.to_array(LOWER), wanted)).tolist():
            if i in speakers:
                continue
            tok = doc[i]
            best = self._best_referent(tok)
            if best is None:
                continue
            found = best.entity
            if found is None and best.cluster is not None:
                found = self.by_cluster.get(best.cluster)
            if found is not None:
                self.entities[found].pronouns.append(tok.i)

    def _best_referent(self, pronoun: Token) -> _Referent | None:
        word = pronoun.lower_
        if word in FIRST_PERSON:
            return None
        best: tuple[float, _Referent] | None = None
        outside = not self.quoted[pronoun.i]
        # "he added" goes on with whoever spoke last; any other "she said" most
        # likely takes the subject the sentence before brought in ("Later Jane
        # Ash spoke to reporters. “…,” she said.").
        continuing = pronoun.i in self.continuing
        here = self.sentences.start(pronoun.i)
        recent = self.sentences.start(here - 1) if here > 0 else 0
        for ref in reversed(self.referents):
            if ref.at >= pronoun.i:
                continue
            distance = pronoun.i - ref.at
            if distance > PRONOUN_REACH:
                break
            if outside and self.quoted[ref.at]:
                # '"… [Moreau] will see this …," he said': a name inside someone's
                # words is what they spoke of, not who "he" is outside them.
                continue
            if not self._agrees(word, ref):
                continue
            paragraphs_back = self.paragraph[pronoun.i] - self.paragraph[ref.at]
            score = (
                distance
                + PARAGRAPH_PENALTY * paragraphs_back
                - (60 if ref.speaker else 0)
                - (20 if ref.subject else 0)
                - (NAMED_BONUS if self._named(ref) else 0)
                - 15 * self._prior_mentions(ref, cap=4)
            )
            if continuing and ref.speaker:
                score -= CONTINUING_BONUS
            elif not continuing and ref.subject and ref.at >= recent:
                score -= RECENT_SUBJECT_BONUS
            if best is None or score < best[0]:
                best = (score, ref)
        return None if best is None else best[1]

    def _named(self, ref: _Referent) -> bool:
        if ref.cluster is not None:
            return True
        return ref.entity is not None and self.entities[ref.entity].cluster is not None

    def _referent_entity(self, ref: _Referent) -> int | None:
        if ref.entity is not None:
            return ref.entity
        if ref.cluster is not None:
            return self._cluster_entity(ref.cluster)
        if ref.head is not None:
            head = self.doc[ref.head]
            ref.entity = self._description_entity(
                self.doc[slice(*mention_bounds(head))], head
            )
            self._version += 1
            return ref.entity
        return None

    def _prior_mentions(self, ref: _Referent, cap: int) -> int:
        """How often the text named this referent before (salience), counted up
        to ``cap``: the referents are in text order, so the count stops at this
        one or at the cap, whichever comes first."""
        known = self._prior.get(id(ref))
        if known is not None and known[0] == self._version:
            return known[1]
        count = 0
        for r in self.referents:
            if r.at >= ref.at:
                break
            if (ref.cluster is not None and r.cluster == ref.cluster) or (
                ref.entity is not None and r.entity == ref.entity
            ):
                count += 1
                if count == cap:
                    break
        self._prior[id(ref)] = (self._version, count)
        return count

    def _gender(self, ref: _Referent) -> str | None:
        """What the text has told of a referent's gender so far."""
        if ref.entity is not None and self.entities[ref.entity].gender:
            return self.entities[ref.entity].gender
        if ref.cluster is not None and self.names.clusters[ref.cluster].gender:
            return self.names.clusters[ref.cluster].gender
        return ref.gender

    def _agrees(self, word: str, ref: _Referent) -> bool:
        if word in GENDERED:
            gender = "m" if word in MALE else "f"
            return ref.person and not ref.plural and self._gender(ref) in (None, gender)
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
        """ "the director" → an earlier entity whose appositive or title is a director;
        "the campaign" → an earlier speaker described by the same noun; "the Texan",
        "the 46-year-old" → the person just spoken of."""
        noun = head.lower_
        plural = _is_plural(head)
        nearest_person = None
        nearest_body = None
        for ref in reversed(self.referents):
            if ref.at >= head.i:
                continue
            entity = ref.entity
            cluster = (
                ref.cluster
                if ref.cluster is not None
                else (self.entities[entity].cluster if entity is not None else None)
            )
            if (
                cluster is not None
                and self.names.clusters[cluster].label != "NORP"
                and self._cluster_described_as(cluster, noun)
            ):
                return entity if entity is not None else self._cluster_entity(cluster)
            if entity is not None and cluster is None:
                desc = self.entities[entity].description
                if desc is not None and desc.root.lower_ == noun:
                    return entity
            if (
                nearest_person is None
                and ref.person
                and not ref.plural
                and head.i - ref.at <= DESCRIPTION_REACH
                and not self.quoted[ref.at]
            ):
                nearest_person = ref
            if (
                nearest_body is None
                and cluster is not None
                and self.names.clusters[cluster].label == "ORG"
                and head.i - ref.at <= DESCRIPTION_REACH
                and not self.quoted[ref.at]
            ):
                nearest_body = cluster
        bare = not any(c.i > head.i for c in head.children if c.dep_ != "punct")
        if (
            nearest_body is not None
            and not plural
            and bare
            and noun in lexicons.word_list("generic_body_nouns")
        ):
            # "Apple … The company said": a noun any organisation can be called
            # refers to the organisation just named.
            return self._cluster_entity(nearest_body)
        if (
            nearest_person is not None
            and not plural
            and bare
            and self._personal_description(head)
        ):
            return self._referent_entity(nearest_person)
        return None

    def _personal_description(self, head: Token) -> bool:
        """A singular description of a person that is not a role the text could give
        to someone new ("the Texan", "the veteran", "the 46-year-old")."""
        if head.lower_ in lexicons.word_list("organization_nouns"):
            return False
        if head.lower_ in lexicons.word_list("unique_roles") and not any(
            c.lower_ in ("former", "ex", "then") for c in head.children
        ):
            # "the president" may be someone new; "the former governor" is not.
            return False
        return head.pos_ in ("NOUN", "PROPN", "ADJ") and (
            is_person_noun(head) or head.pos_ in ("PROPN", "ADJ")
        )

    def _cluster_described_as(self, index: int, noun: str) -> bool:
        cluster = self.names.clusters[index]
        if cluster.is_person and noun in lexicons.word_list("organization_nouns"):
            return False  # "Clinton's campaign" is the campaign, not Clinton
        return noun in self._descriptors(index)

    def _descriptors(self, index: int) -> set[str]:
        """The nouns the text uses of a name: its titles' roles, its own words
        ("the Institute"), the heads of its appositions ("Tessa Lindqvist,
        director of …") and a title-like word before it ("director Tessa …")."""
        if index in self._descriptor_cache:
            return self._descriptor_cache[index]
        cluster = self.names.clusters[index]
        doc = self.doc
        words = {title_role(t) or t.rstrip(".") for t in cluster.titles}
        words |= {p.lower() for p in cluster.parts}
        for start, end in cluster.spans:
            for tok in doc[start:end]:
                words.update(c.lower_ for c in tok.children if c.dep_ == "appos")
            if start > 0:
                words.add(doc[start - 1].lower_)
        self._descriptor_cache[index] = words
        return words

    # --- entity bookkeeping -----------------------------------------------------

    def _group_entity(self, span: Span, conjuncts: list[Token]) -> int:
        """ "Phil Berger and Tim Moore", "he and his allies": one group source whose
        members are named where the text names them."""
        key = span.text.lower()
        if key not in self.by_text:
            members = [self.doc[slice(*mention_bounds(c))] for c in conjuncts]
            for member in members:
                root = member.root
                if root.pos_ == "PROPN" and self.names.at(root.i) is None:
                    self._add_name(self._proper_run(root))
            self.entities.append(Entity(description=span, plural=True, members=members))
            self.by_text[key] = len(self.entities) - 1
        return self.by_text[key]

    def member_names(self, entity: Entity) -> list[str]:
        """Each member's name (the resolved name for a pronoun), else its words."""
        out = []
        for member in entity.members:
            root = member.root
            index = self.names.at(root.i)
            if index is None and root.pos_ == "PRON":
                found = self._antecedent(root)
                index = self.entities[found].cluster if found is not None else None
            out.append(
                self.names.clusters[index].name if index is not None else member.text
            )
        return out

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
                Entity(
                    description=span,
                    plural=_is_plural(head),
                    gender=_pronoun_gender(head),
                )
            )
            self.by_text[key] = len(self.entities) - 1
        return self.by_text[key]

    def _is_person(self, entity: Entity) -> bool:
        if entity.cluster is not None:
            return self.names.clusters[entity.cluster].is_person
        head = entity.description.root if entity.description is not None else None
        return head is not None and is_person_noun(head)

    def _add_untagged_names(self) -> None:
        """Proper names the tagger missed: a run of proper nouns that starts with a
        known given name or follows a title ("Ivanka Trump", "Gen. Varga"), or
        that news introduces as a subject or apposition ("Norway's Prime Minister,
        Oskar Brandt, …")."""
        doc = self.doc
        proper = (doc.to_array("POS") == PROPN).tolist() if len(doc) else []
        i = 0
        while i < len(doc):
            if not proper[i] or self.names.at(i) is not None:
                i += 1
                continue
            j = i
            while j + 1 < len(doc) and proper[j + 1] and self.names.at(j + 1) is None:
                j += 1
            run = doc[i : j + 1]
            i = j + 1
            if any(
                t.ent_type_ and t.ent_type_ not in ("PERSON", "PRODUCT", "WORK_OF_ART")
                for t in run
            ):
                continue
            introduced = any(t.dep_ in ("nsubj", "nsubjpass", "appos") for t in run)
            if (
                (len(run) >= 2 or introduced)
                and self._looks_personal(run)
                or (introduced and len(run) >= 2)
            ):
                self._add_name(run)

    def _subject_referents(self) -> list[_Referent]:
        """Unnamed subjects a pronoun may point back to ("A Dutch midwife spoke
        … she said"): person, group and organisation nouns."""
        out = []
        orgs = lexicons.word_list("organization_nouns")
        doc = self.doc
        subjects = {doc.vocab.strings[d] for d in ("nsubj", "nsubjpass")}
        arrays = doc.to_array(["POS", "DEP"]).tolist() if len(doc) else []
        for i, (pos, dep) in enumerate(arrays):
            if pos != NOUN or dep not in subjects:
                continue
            tok = doc[i]
            if self.names.at(tok.i) is not None:
                continue
            person = is_person_noun(tok)
            if not person and tok.lower_ not in orgs:
                continue
            out.append(
                _Referent(
                    at=tok.left_edge.i,
                    entity=None,
                    cluster=None,
                    person=person,
                    plural=_is_plural(tok),
                    gender=None,
                    speaker=False,
                    subject=True,
                    head=tok.i,
                )
            )
        return out

    def _name_referents(self) -> list[_Referent]:
        out = []
        for index, cluster in enumerate(self.names.clusters):
            for start, end in cluster.spans:
                head = self.doc[start:end].root
                out.append(
                    _Referent(
                        at=start,
                        entity=None,
                        cluster=index,
                        person=cluster.is_person,
                        plural=cluster.label == "NORP",
                        gender=cluster.gender,
                        speaker=False,
                        subject=head.dep_ in ("nsubj", "nsubjpass")
                        or (
                            head.dep_ == "appos"
                            and head.head.dep_ in ("nsubj", "nsubjpass")
                        ),
                    )
                )
        return out


def _is_document(head: Token) -> bool:
    return head.lower_ in lexicons.word_list("document_nouns")


def _quoted_tokens(doc: Doc) -> list[bool]:
    """Which tokens lie inside a direct quote's words."""
    out = [False] * len(doc)
    spans = sorted(
        (q.start, q.end) for q in doc._.whosaid_quotes or () if q.kind == DIRECT
    )
    if not spans:
        return out
    starts = doc.to_array("IDX").tolist()
    n = 0
    for i, char in enumerate(starts):
        while n < len(spans) and spans[n][1] <= char:
            n += 1
        if n == len(spans):
            break
        out[i] = spans[n][0] <= char
    return out


def _common_noun(token: Token) -> bool:
    """A capitalised role or group noun the tagger called proper ("Officials said"
    after an emoji or in a headline)."""
    word = token.lower_
    singular = word[:-1] if word.endswith("s") else word
    nouns = lexicons.word_list("person_nouns") | lexicons.word_list("group_nouns")
    return word in nouns or singular in nouns


def _conjuncts(head: Token, span: Span) -> list[Token]:
    """The heads of "A and B" inside the mention (just [head] for one)."""
    out = [head]
    for child in head.children:
        if child.dep_ == "conj" and span.start <= child.i < span.end:
            out.append(child)
            out.extend(
                c
                for c in child.children
                if c.dep_ == "conj" and span.start <= c.i < span.end
            )
    has_and = any(t.lower_ in ("and", "&") for t in span)
    return out if has_and else [head]


def _is_plural(head: Token) -> bool:
    if head.lower_ in PLURAL or head.lower_ in ("we", "us"):
        return True
    if head.tag_ in ("NNS", "NNPS"):
        return True
    return any(
        c.dep_ == "conj" for c in head.children
    ) or head.lower_ in lexicons.word_list("group_nouns")


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
    return (
        word in nouns
        or singular in nouns
        or head.lower_ in MALE | FEMALE | FIRST_PERSON
    )


class Resolve:
    def __call__(self, doc: Doc) -> Doc:
        _drop_expletive_speakers(doc, doc._.whosaid_quotes or [])
        mentions = [
            q.speaker for q in doc._.whosaid_quotes or () if q.speaker is not None
        ]
        resolver = Resolver(doc)
        entities = resolver.resolve(mentions)
        entities = _without_things(doc, entities)
        entities = _named_at_once(doc, entities, resolver)
        for entity in entities:
            if entity.members:
                entity.member_names = resolver.member_names(entity)
        resolver.link_pronouns()
        doc._.whosaid_entities = entities
        doc._.whosaid_names = resolver.names
        return doc


def _named_at_once(
    doc: Doc, entities: list[Entity], resolver: Resolver
) -> list[Entity]:
    """ "Another resident said … . “…,” said Dana Okafor, a teacher.": an
    indefinite person whose quote the next quote, by a person named there for the
    first time, continues in the same or the next paragraph, is that person; the
    text identifies them at once."""
    quotes = sorted(
        (q for q in doc._.whosaid_quotes or () if q.speaker is not None),
        key=lambda q: q.start,
    )
    merge: dict[int, int] = {}
    for first, second in zip(quotes, quotes[1:], strict=False):
        a, b = first.speaker.entity, second.speaker.entity
        if a is None or b is None or a == b or a in merge:
            continue
        unnamed, named = entities[a], entities[b]
        if unnamed.cluster is not None or unnamed.members or unnamed.issuer is not None:
            continue
        if (
            named.cluster is None
            or len({(m.start, m.end) for m in unnamed.mentions}) > 1
        ):
            continue
        cluster = resolver.names.clusters[named.cluster]
        desc = unnamed.description
        if (
            not cluster.is_person
            or desc is None
            or desc[0].lower_ not in ("a", "an", "another", "one")
            or _is_plural(desc.root)
            or not is_person_noun(desc.root)
            or cluster.first_at() != second.speaker.start
            or resolver.paragraph[second.speaker.start]
            - resolver.paragraph[first.speaker.start]
            > 1
        ):
            continue
        merge[a] = b
    if not merge:
        return entities
    kept: list[Entity] = []
    renumber: dict[int, int] = {}
    for n, entity in enumerate(entities):
        if n not in merge:
            renumber[n] = len(kept)
            kept.append(entity)
    for n, target in merge.items():
        kept[renumber[target]].mentions.extend(entities[n].mentions)
    for quote in doc._.whosaid_quotes or ():
        speaker = quote.speaker
        if speaker is not None and speaker.entity is not None:
            speaker.entity = renumber[merge.get(speaker.entity, speaker.entity)]
    return kept


def _drop_expletive_speakers(doc: Doc, quotes: list[QuoteCandidate]) -> None:
    """ "It is thought that …": the expletive "it" is no speaker; the quote stays,
    an attribution without a source."""
    for quote in quotes:
        if quote.speaker is not None and nonsources.is_expletive_it(
            doc[quote.speaker.head]
        ):
            quote.speaker = None


def _without_things(doc: Doc, entities: list[Entity]) -> list[Entity]:
    """Drop the entities that cannot speak (events, things, pictures) with the
    quotes they were given: a caption's "shows" or "its fall underscored" is no
    attribution at all."""
    things = {
        n
        for n, e in enumerate(entities)
        if e.cluster is None
        and not e.members
        and e.issuer is None
        and e.description is not None
        and not nonsources.could_speak(e.description.root)
    }
    if not things:
        return entities
    # A noun the lexicons do not know may still be a person ("the clerk"): one
    # that gives words in marks or is said to speak keeps its quotes.
    for quote in doc._.whosaid_quotes or ():
        speaker = quote.speaker
        if (
            speaker is not None
            and speaker.entity in things
            and not nonsources.is_picture(entities[speaker.entity].description.root)
            and nonsources.uttered(quote, doc)
        ):
            things.discard(speaker.entity)
    drop = things
    if not drop:
        return entities
    renumber: dict[int, int] = {}
    kept: list[Entity] = []
    for n, entity in enumerate(entities):
        if n not in drop:
            renumber[n] = len(kept)
            kept.append(entity)
    quotes = []
    for quote in doc._.whosaid_quotes or ():
        speaker = quote.speaker
        if speaker is not None and speaker.entity is not None:
            if speaker.entity in drop:
                if DROP_QUOTES_OF_THINGS:
                    continue
                quote.speaker = None
            else:
                speaker.entity = renumber[speaker.entity]
        quotes.append(quote)
    doc._.whosaid_quotes = quotes
    return kept


@Language.factory(
    "whosaid_resolve",
    assigns=["doc._.whosaid_entities", "doc._.whosaid_quotes"],
    requires=["doc._.whosaid_quotes", "doc.ents"],
)
def make_resolve(nlp: Language, name: str) -> Resolve:
    return Resolve()
