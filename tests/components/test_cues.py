"""``whosaid_cues``: speech verbs in any form, "according to", colons, dashes."""

from __future__ import annotations

import pytest


def cues(nlp, text):
    doc = nlp(text)
    return [(doc[c.start : c.end].text, c.kind) for c in doc._.whosaid_cues]


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("The mayor said the road is open.", "said"),
        ("The mayor says the road is open.", "says"),
        ("The mayor is saying the road is open.", "saying"),
        ("The mayor will say the road is open.", "say"),
        ("The mayor told reporters the road is open.", "told"),
        ("The mayor insisted the road is open.", "insisted"),
        ("The mayor warned that the road is closed.", "warned"),
        ("The mayor tweeted that the road is open.", "tweeted"),
        ("The mayor has written that the road is open.", "written"),
    ],
)
def test_speech_verbs_in_any_form(nlp, text, verb):
    assert (verb, "verb") in cues(nlp, text)


def test_attitude_and_naming_verbs_have_their_own_kinds(nlp):
    found = cues(nlp, "The mayor believes the plan failed and called it “a mess”.")
    assert ("believes", "attitude") in found
    assert ("called", "naming") in found


def test_a_speech_word_used_as_a_noun_is_no_verb_cue(nlp):
    found = cues(nlp, "Her says and claims are many.")
    assert all(kind == "noun" for _, kind in found), found


def test_adjective_noun_and_stance_cues(nlp):
    found = cues(
        nlp, "She was hopeful that her claim would hold, and endorsed the plan."
    )
    assert ("hopeful", "adjective") in found
    assert ("claim", "noun") in found
    assert ("endorsed", "stance") in found


def test_according_to(nlp):
    assert ("According to", "according_to") in cues(
        nlp, "According to the police, two died."
    )


def test_colon_and_dash(nlp):
    found = cues(nlp, "“Stay home.” — Commissioner Dana Whitfield. The rule: no cars.")
    assert ("—", "dash") in found
    assert (":", "colon") in found


def test_cues_inside_quotation_marks_are_the_speakers_words(nlp):
    assert cues(nlp, "“They said no,” the mayor said.") == [("said", "verb")]


def test_a_verb_of_regarding_cues_only_in_its_as_frame(nlp):
    assert ("see", "regard") in cues(nlp, "Some voters see the plan as a betrayal.")
    assert cues(nlp, "We saw the game on Sunday.") == []
