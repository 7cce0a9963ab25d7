"""``whosaid_confidence``: a fitted probability that a record is right."""

from __future__ import annotations

import math
import re

from whosaid import extract
from whosaid.components import confidence
from whosaid.components.confidence import ConfidenceModel, _Context, features

SAID = "“The dam will hold,” said Maria Lopez, the city engineer."
LONE = "The river rose all night.\n\n“It is over.”"


def test_the_probability_is_the_logistic_of_the_weighted_features():
    model = ConfidenceModel({"kind=direct": 2.0, "length": 0.5}, -1.0, 0.3)
    p = model.probability({"kind=direct": 1.0, "length": 2.0, "unknown": 9.0})
    assert math.isclose(p, 1 / (1 + math.exp(-2.0)))


def test_the_shipped_model_loads_with_a_threshold_in_range():
    model = confidence.model()
    assert model is not None, "models/weights/confidence/model.json is missing"
    assert 0.0 <= model.min_confidence <= 1.0
    assert confidence.default_min_confidence() == model.min_confidence


def test_every_weight_names_a_feature_the_stage_computes(nlp):
    """A weight whose feature is no longer computed means a stale model: refit."""
    doc = nlp(SAID + " Officials said the bridge was safe. She plans to stay.")
    names = set()
    for _, feats in confidence.document_features(doc):
        names |= set(feats)
    families = {re.sub(r"=[^|]*", "=", n) for n in names}
    stale = [
        w
        for w in confidence.model().weights
        if re.sub(r"=[^|]*", "=", w) not in families
        and not w.startswith(("lemma=", "origin=", "identification=", "entity_type="))
    ]
    assert not stale, stale


def test_a_named_speaker_with_a_cue_is_more_likely_right_than_no_speaker(nlp):
    attributed = extract(SAID, nlp=nlp, min_confidence=0.0).quotes[0]
    quotes = extract(LONE, nlp=nlp, min_confidence=0.0).quotes
    lone = [q for q in quotes if q.speaker is None]
    assert lone, "the lone quote should have no speaker"
    assert 0.0 < lone[0].confidence < attributed.confidence < 1.0


def test_features_describe_the_quote(nlp):
    doc = nlp(SAID)
    quote = doc._.whosaid_quotes[0]
    feats = features(_Context(doc), quote)
    assert feats["kind=direct"] == 1.0
    assert feats["cue=verb"] == 1.0
    assert feats["lemma=say"] == 1.0
    assert feats["speaker=name"] == 1.0
    assert feats["found_by=cue"] == 1.0


def test_declined_comment_gets_no_confidence_features(nlp):
    doc = nlp("The bakery declined to comment.")
    assert [q.kind for q in doc._.whosaid_quotes] == ["declined"]
    assert list(confidence.document_features(doc)) == []
