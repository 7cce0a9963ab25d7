"""Shared readings of the parse (whosaid.syntax), on hand-built Docs: the arcs are
written out, so each rule is checked without depending on the parser."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from whosaid.syntax import (
    Sentences,
    TokenIndex,
    has_foreign_object,
    mention_bounds,
    paragraph_index,
    regarded_as,
    subject_of,
    verb_class,
)

VOCAB = spacy.blank("en").vocab


def _doc(words, heads, deps, tags=None, spaces=None) -> Doc:
    return Doc(VOCAB, words=words, heads=heads, deps=deps, tags=tags, spaces=spaces)


def test_verb_class_needs_a_verb_tag():
    doc = _doc(
        ["She", "said", "it"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
        ["PRP", "VBD", "PRP"],
    )
    assert verb_class(doc[1]) == "speech"
    noun = _doc(
        ["The", "said", "plan"], [2, 2, 2], ["det", "amod", "ROOT"], ["DT", "NN", "NN"]
    )
    assert verb_class(noun[1]) is None
    believes = _doc(["He", "believes"], [1, 1], ["nsubj", "ROOT"], ["PRP", "VBZ"])
    assert verb_class(believes[1]) == "attitude"


def test_subject_of_a_plain_and_a_coordinated_verb():
    # "He paused and added": added inherits the subject of paused.
    doc = _doc(
        ["He", "paused", "and", "added"],
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "cc", "conj"],
        ["PRP", "VBD", "CC", "VBD"],
    )
    assert subject_of(doc[1]).text == "He"
    assert subject_of(doc[3]).text == "He"


def test_a_relative_pronoun_gives_way_to_its_noun_unless_asked_to_stay():
    # "the minister who spoke"
    doc = _doc(
        ["the", "minister", "who", "spoke"],
        [1, 1, 3, 1],
        ["det", "ROOT", "nsubj", "relcl"],
        ["DT", "NN", "WP", "VBD"],
    )
    assert subject_of(doc[3]).text == "minister"
    assert subject_of(doc[3], resolve_relative=False).text == "who"


def test_a_passive_cue_takes_its_agent():
    # "It was announced by the council"
    doc = _doc(
        ["It", "was", "announced", "by", "the", "council"],
        [2, 2, 2, 2, 5, 3],
        ["nsubjpass", "auxpass", "ROOT", "agent", "det", "pobj"],
        ["PRP", "VBD", "VBN", "IN", "DT", "NN"],
    )
    assert subject_of(doc[2]).text == "council"


def test_the_noun_after_a_verb_of_telling_is_the_hearer_not_the_subject():
    # '…,” told Lena': the parser may call Lena the subject; she is the hearer.
    doc = _doc(["told", "Lena"], [0, 0], ["ROOT", "nsubj"], ["VBD", "NNP"])
    assert subject_of(doc[0]) is None


def test_a_later_clause_does_not_lend_its_subject_upward():
    # "he said she would go": the subject of go is she; of said, he.
    doc = _doc(
        ["he", "said", "she", "would", "go"],
        [1, 1, 4, 4, 1],
        ["nsubj", "ROOT", "nsubj", "aux", "ccomp"],
        ["PRP", "VBD", "PRP", "MD", "VB"],
    )
    assert subject_of(doc[4]).text == "she"
    assert subject_of(doc[1]).text == "he"


def test_has_foreign_object():
    fee = _doc(
        ["club", "charged", "a", "fee"],
        [1, 1, 3, 1],
        ["nsubj", "ROOT", "det", "dobj"],
        ["NN", "VBD", "DT", "NN"],
    )
    assert has_foreign_object(fee[1])
    told = _doc(["told", "reporters"], [0, 0], ["ROOT", "dobj"], ["VBD", "NNS"])
    assert not has_foreign_object(told[0])  # the hearer
    said = _doc(["said", "it"], [0, 0], ["ROOT", "dobj"], ["VBD", "PRP"])
    assert not has_foreign_object(said[0])  # something said
    assert not has_foreign_object(fee[1], quoted=lambda t: t.i == 3)


def test_regarded_as_needs_the_as_phrase():
    # "They see him as a threat"
    doc = _doc(
        ["They", "see", "him", "as", "a", "threat"],
        [1, 1, 1, 1, 5, 3],
        ["nsubj", "ROOT", "dobj", "prep", "det", "pobj"],
        ["PRP", "VBP", "PRP", "IN", "DT", "NN"],
    )
    obj, as_phrase = regarded_as(doc[1])
    assert (obj.text, as_phrase.text) == ("him", "as")
    plain = _doc(
        ["They", "see", "him"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
        ["PRP", "VBP", "PRP"],
    )
    assert regarded_as(plain[1]) is None


def test_a_mention_stops_at_the_comma_before_its_apposition():
    # "Ines Marlow, director of the port, said"
    words = ["Ines", "Marlow", ",", "director", "of", "the", "port", ",", "said"]
    doc = _doc(
        words,
        [1, 8, 1, 1, 3, 6, 4, 1, 8],
        ["compound", "nsubj", "punct", "appos", "prep", "det", "pobj", "punct", "ROOT"],
    )
    assert mention_bounds(doc[1]) == (0, 2)


def test_a_mention_keeps_its_prepositional_modifier():
    # "the head of the authority said"
    doc = _doc(
        ["the", "head", "of", "the", "authority", "said"],
        [1, 5, 1, 4, 2, 5],
        ["det", "nsubj", "prep", "det", "pobj", "ROOT"],
    )
    assert mention_bounds(doc[1]) == (0, 5)


def test_only_a_bare_head_keeps_its_relative_clause():
    # "those who stayed said" / "the tenants who stayed said"
    bare = _doc(
        ["those", "who", "stayed", "said"],
        [3, 2, 0, 3],
        ["nsubj", "nsubj", "relcl", "ROOT"],
    )
    assert mention_bounds(bare[0]) == (0, 3)
    noun = _doc(
        ["the", "tenants", "who", "stayed", "said"],
        [1, 4, 3, 1, 4],
        ["det", "nsubj", "nsubj", "relcl", "ROOT"],
    )
    assert mention_bounds(noun[1]) == (0, 2)


def test_sentences_and_token_index():
    doc = Doc(
        VOCAB,
        words=["One", ".", "Two", "words", "."],
        sent_starts=[True, False, True, False, False],
    )
    sents = Sentences(doc)
    assert [s.text for s in sents] == ["One .", "Two words ."]
    assert (sents.start(3), sents.end(3)) == (2, 5)
    assert sents.span(0).text == "One ."
    index = TokenIndex(doc)
    assert index.at(0) == 0
    assert index.at(len("One . T")) == 2  # inside "Two"
    assert index.span(6, 15).text == "Two words"  # "One . [Two words] ."


def test_paragraph_index_counts_newlines_before_each_token():
    doc = Doc(
        VOCAB,
        words=["One", ".", "\n\n", "Two", ".", "\n", "Three"],
        spaces=[False, False, False, False, False, False, False],
    )
    assert paragraph_index(doc, doc.text) == [0, 0, 0, 1, 1, 1, 2]
