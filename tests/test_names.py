"""Name parts, genders and name clusters (whosaid.names), on hand-built Docs."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from whosaid.names import (
    PERSON,
    NameIndex,
    given_name_gender,
    is_given_name,
    is_title,
    name_parts,
    same_part,
    title_gender,
    title_role,
)

# An English vocabulary: its lexeme attributes (lower_, is_punct) are what the
# name rules read.
VOCAB = spacy.blank("en").vocab


def _doc(words: list[str], ents: list[str]) -> Doc:
    return Doc(
        VOCAB, words=words, ents=ents, sent_starts=[True] + [False] * (len(words) - 1)
    )


def test_titles_give_their_gender_and_role():
    assert is_title("Sen.") and is_title("mrs.")
    assert title_gender("Mrs.") == "f"
    assert title_gender("Sen.") is None  # a senator may be anyone
    assert title_role("Sen.") == "senator"
    assert not is_title("Harbour")


def test_given_names_mark_their_usual_gender():
    assert given_name_gender("Mary") == "f"
    assert given_name_gender("JOHN") == "m"
    assert is_given_name("john")
    assert given_name_gender("Qwzxv") is None


def test_a_spelling_variant_of_a_given_name_counts_as_one():
    # One letter off a known name, same initial: the fuzzy look finds it.
    assert given_name_gender("Johnathan") == given_name_gender("Jonathan") == "m"


def test_name_parts_drop_titles_and_the_possessive():
    doc = _doc(
        ["Col.", "Ada", "Brenner", "'s"], ["B-PERSON", "I-PERSON", "I-PERSON", "O"]
    )
    doc[3].tag_ = "POS"
    parts, titles = name_parts(doc[0:4])
    assert parts == ["Ada", "Brenner"]
    assert titles == {"col."}


def test_hyphenated_parts_are_glued_back():
    doc = _doc(["Ada", "Holm", "-", "Brenner"], ["B-PERSON"] + ["I-PERSON"] * 3)
    assert name_parts(doc[0:4])[0] == ["Ada", "Holm-Brenner"]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Brenner", "brenner", True),
        ("Abdelrahman", "Abdulrahman", True),
        ("Brenner", "Brenna", False),
        ("Ada", "Ida", False),
    ],
)
def test_same_part_allows_a_transliteration_not_another_name(a, b, same):
    assert same_part(a, b) is same


def test_a_surname_alone_and_a_titled_form_join_the_full_name():
    words = [
        "Mary",
        "Brenner",
        "spoke",
        ".",
        "Brenner",
        "left",
        ".",
        "Ms.",
        "Brenner",
        "stayed",
        ".",
    ]
    ents = [
        "B-PERSON",
        "I-PERSON",
        "O",
        "O",
        "B-PERSON",
        "O",
        "O",
        "O",
        "B-PERSON",
        "O",
        "O",
    ]
    index = NameIndex(_doc(words, ents))
    assert len(index.clusters) == 1
    (cluster,) = index.clusters
    assert cluster.label == PERSON and cluster.parts == ["Mary", "Brenner"]
    assert index.at(4) == index.at(8) == 0
    assert "ms." in cluster.titles  # the title before the entity is kept
    assert cluster.gender == "f"  # from the given name; the title agrees


def test_two_people_of_one_surname_stay_apart():
    words = ["Mary", "Brenner", "and", "John", "Brenner", "spoke", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O"]
    index = NameIndex(_doc(words, ents))
    assert [c.parts for c in index.clusters] == [
        ["Mary", "Brenner"],
        ["John", "Brenner"],
    ]
    assert [c.gender for c in index.clusters] == ["f", "m"]


def test_a_pronoun_after_an_unknown_name_votes_for_its_gender():
    words = ["Okafor", "Brenner", "said", "he", "would", "stay", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"]
    (cluster,) = NameIndex(_doc(words, ents)).clusters
    assert cluster.gender == "m"


def test_an_organisation_matches_its_acronym():
    words = ["The", "Harbour", "Safety", "Board", "met", ".", "HSB", "agreed", "."]
    ents = ["O", "B-ORG", "I-ORG", "I-ORG", "O", "O", "B-ORG", "O", "O"]
    index = NameIndex(_doc(words, ents))
    assert len(index.clusters) == 1
    assert index.at(6) == index.at(1) == 0
    assert not index.clusters[0].is_person
