"""The data assets in models/: present, well formed, and read once."""

from __future__ import annotations

from whosaid import lexicons


def test_models_dir_holds_the_assets():
    root = lexicons.models_dir()
    assert (root / "lexicons" / "speech_verbs.tsv").is_file()
    assert (root / "patterns" / "quote_marks.json").is_file()


def test_every_verb_form_maps_back_to_its_lemma():
    forms = lexicons.verb_forms()
    assert forms["said"].lemma == "say" and forms["says"].lemma == "say"
    assert forms["told"].addressee and not forms["said"].addressee
    assert forms["believes"].cls == "attitude"
    assert forms["called"].cls == "naming"
    assert {e.cls for e in forms.values()} == {"speech", "attitude", "naming", "stance"}


def test_lexicons_are_cached():
    assert lexicons.verb_forms() is lexicons.verb_forms()
    assert lexicons.word_list("elisions") is lexicons.word_list("elisions")
