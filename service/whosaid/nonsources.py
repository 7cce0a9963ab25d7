"""Speaker mentions that are no source: who may not be listed as one.

A source is a person, a group of people, a body, or a document that speaks for one.
The cue rules also fire on things and events ("Its fall underscored how …", "the
recapture of the city showed …"), on the expletive "it" of "it is being anticipated
that …" and on picture captions ("This photo provided by … shows …").
Listing those as sources inflates the source mix with sources nobody quoted.

Pure functions over parsed tokens; ``whosaid_resolve`` applies them.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from whosaid.candidates import INDIRECT, QuoteCandidate

from whosaid import lexicons

# Agentive endings of nouns for people ("campaigner", "motorist", "juror",
# "librarian", "claimant", "resident", "employee"): a noun with one may be a source
# even when the person-noun lexicon does not list it. "-ment" nouns are things.
_AGENTIVE = ("er", "or", "ist", "ian", "ant", "ent", "ee", "man", "men", "ive", "ary")
_IRREGULAR_PEOPLE = frozenset({"people", "women", "children", "folk", "folks"})
# Quantities of people ("more than half of those asked", "a third", "59 percent"):
# poll respondents, a source (an anonymous group).
_QUANTITIES = frozenset(
    {
        "half",
        "third",
        "thirds",
        "quarter",
        "quarters",
        "fifth",
        "fifths",
        "tenth",
        "percent",
        "%",
        "cent",
        "proportion",
        "share",
        "number",
        "majority",
        "minority",
        "plurality",
        "most",
        "rest",
        "dozen",
        "dozens",
        "hundreds",
        "thousands",
        "millions",
        "bulk",
        "lot",
        "lots",
        "all",
        "both",
        "each",
        "none",
    }
)
# What a caption shows: a picture never speaks.
_PICTURES = frozenset(
    {"photo", "photograph", "picture", "image", "photos", "pictures", "images"}
)
_NAMED_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT", "LAW"})


def is_expletive_it(head: Token) -> bool:
    """ "It is thought that …", "it is being anticipated that …": the passive's "it"
    stands for the clause, not for anyone."""
    if head.lower_ != "it":
        return False
    if head.dep_ == "expl":
        return True
    verb = head.head
    return head.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in verb.children)


def is_picture(head: Token) -> bool:
    return head.lower_ in _PICTURES


def uttered(quote: QuoteCandidate, doc: Doc) -> bool:
    """Words only someone can give: a quote in marks, or one cued by a verb of
    utterance ("said", "told", "insisted") rather than of evidence ("showed",
    "underscored") or of attitude."""
    if quote.kind != INDIRECT:
        return True
    cue = quote.cue
    if cue is None or cue.kind != "verb":
        return cue is not None and cue.kind in ("colon", "dash")
    entry = lexicons.verb_forms().get(doc[cue.head].lower_)
    return (
        entry is not None
        and entry.cls == "speech"
        and entry.lemma not in lexicons.word_list("evidential_verbs")
    )


def could_speak(head: Token) -> bool:
    """Whether an unnamed noun phrase's head can be a source: a person, a group, a
    body or a document, a quantity of people, or anything the tagger named. Errs
    toward yes: an unknown noun with an agentive ending is kept."""
    if head.pos_ != "NOUN" or head.ent_type_ in _NAMED_TYPES:
        return head.lower_ not in _PICTURES
    word = head.lower_
    if word in _PICTURES:
        return False
    if not head.is_alpha or head.text[:1].isupper():
        return True  # a capitalised head may be a name the tagger missed ("Labour")
    if _listed(word) or word in _QUANTITIES or word in _IRREGULAR_PEOPLE:
        return True
    for stem in _stems(word):
        if stem.endswith("ment") or stem.endswith("ments"):
            continue
        if stem.endswith(_AGENTIVE):
            return True
    if any(c.dep_ == "nummod" for c in head.children):
        return True  # "2,000 Britons", "three companies"
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "among", "from", "by"):
            if any(o.dep_ == "pobj" and could_speak(o) for o in child.children):
                return True  # "a group of residents", "a protest by parents"
    return False


def _stems(word: str) -> tuple[str, ...]:
    if word.endswith("ies"):
        return (word, word[:-3] + "y")
    if word.endswith("es"):
        return (word, word[:-2], word[:-1])
    if word.endswith("s"):
        return (word, word[:-1])
    return (word,)


@cache
def _source_nouns() -> frozenset[str]:
    return frozenset(
        lexicons.word_list("person_nouns")
        | lexicons.word_list("group_nouns")
        | lexicons.word_list("organization_nouns")
        | lexicons.word_list("document_nouns")
    )


def _listed(word: str) -> bool:
    return any(stem in _source_nouns() for stem in _stems(word))
