"""``whosaid_cue_types``: every cue carries one type of ``CUE_TYPES``."""

from __future__ import annotations

import pytest

from whosaid import lexicons
from whosaid.candidates import CUE_TYPE_MEANINGS, CUE_TYPES
from whosaid.components.cue_types import CLASS_DEFAULTS


def cue_types(nlp, text):
    doc = nlp(text)
    return {doc[c.start : c.end].text: c.type for c in doc._.whosaid_cues}


@pytest.mark.parametrize(
    ("text", "cue", "cue_type"),
    [
        ("The mayor said the bridge is safe.", "said", "statement"),
        ("The mayor told reporters the bridge is safe.", "told", "statement"),
        ("According to the mayor, the bridge is safe.", "According to", "statement"),
        ("The mayor wrote that the bridge is safe.", "wrote", "writing"),
        ("The mayor tweeted that the bridge is safe.", "tweeted", "writing"),
        ("The mayor believes the bridge is safe.", "believes", "belief"),
        ("The mayor thinks the bridge is safe.", "thinks", "belief"),
        ("The mayor plans to reopen the bridge.", "plans", "intention"),
        ("The mayor wants to reopen the bridge.", "wants", "intention"),
        ("The mayor promised to reopen the bridge.", "promised", "intention"),
        ("Inspectors found that the bridge is safe.", "found", "perception"),
        ("The mayor praised the engineers.", "praised", "stance"),
        ("The mayor opposes the new toll.", "opposes", "stance"),
        ("The mayor is confident that the bridge is safe.", "confident", "belief"),
    ],
)
def test_a_cue_has_the_type_of_what_it_reports(nlp, text, cue, cue_type):
    assert cue_types(nlp, text).get(cue) == cue_type


def test_colons_and_dashes_state(nlp):
    found = cue_types(nlp, "The mayor: “The bridge is safe.”")
    assert found.get(":") == "statement"


def test_every_type_has_a_meaning_and_the_lexicon_uses_only_them():
    assert set(CUE_TYPE_MEANINGS) == set(CUE_TYPES)
    assert set(CLASS_DEFAULTS.values()) <= set(CUE_TYPES)
    used = {cells[0] for cells in lexicons.table("cue_types").values()}
    assert used <= set(CUE_TYPES)


def test_the_record_carries_the_cue_type(run):
    record = run("The council wrote that the road will close in May.")
    assert [q.cue.type for q in record.quotes if q.cue] == ["writing"]
    assert record.to_dict()["quotes"][0]["cue"]["type"] == "writing"
