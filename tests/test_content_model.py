"""The content classifier's architecture: token vectors only around candidates,
with the scores the whole article would give."""

from __future__ import annotations

import copy

import numpy
import spacy
from spacy.tokens import Span
from spacy.training import Example

from whosaid.content_model import (
    COMPONENT,
    CONFIG,
    LABEL,
    SPANS_KEY,
    receptive_field,
)

TEXT = (
    "The council met on Tuesday. Residents said the new bridge would cut their "
    "commute in half. The mayor, who toured the site, argued that costs had doubled "
    "since spring. Work resumes in May, officials said."
)


def test_the_receptive_field_is_the_window_encoders():
    pipe = spacy.blank("en").add_pipe("spancat", config=CONFIG)
    # Two window layers of one token each: two neighbours either side.
    assert receptive_field(pipe.model.get_ref("tok2vec")) == 2


def test_scores_equal_those_of_token_vectors_over_the_whole_article(nlp, parse_before):
    doc = parse_before(TEXT, COMPONENT)
    shipped = nlp.get_pipe(COMPONENT)
    spans = shipped.suggester([doc], ops=shipped.model.ops)
    assert 0 < len(spans.dataXd) and spans.dataXd[:, 0].min() > 2
    whole = copy.deepcopy(CONFIG)
    whole["model"]["@architectures"] = "spacy.SpanCategorizer.v1"
    reference = spacy.blank("en", vocab=nlp.vocab).add_pipe("spancat", config=whole)
    reference.model.get_ref("tok2vec").from_bytes(
        shipped.model.get_ref("tok2vec").to_bytes()
    )
    for ref in ("reducer", "scorer"):
        reference.model.get_ref(ref).from_bytes(shipped.model.get_ref(ref).to_bytes())
    ours = shipped.model.predict(([doc], spans))
    theirs = reference.model.predict(([doc], spans))
    numpy.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)


def test_it_trains_through_the_windows(nlp, parse_before):
    doc = parse_before(TEXT, COMPONENT)
    train = spacy.blank("en", vocab=nlp.vocab)
    no_cues = {**CONFIG["suggester"], "attributable_only": False}
    pipe = train.add_pipe("spancat", config={**CONFIG, "suggester": no_cues})
    reference = doc.copy()
    start = next(t.i for t in doc if t.text == "the" and t.nbor().text == "new")
    reference.spans[SPANS_KEY] = [Span(reference, start, start + 10, label=LABEL)]
    examples = [Example(doc.copy(), reference)]
    optimizer = train.initialize(lambda: examples)
    before = pipe.model.get_ref("tok2vec").to_bytes()
    losses: dict[str, float] = {}
    for _ in range(3):
        train.update(examples, sgd=optimizer, losses=losses)
    assert losses[pipe.name] > 0
    assert pipe.model.get_ref("tok2vec").to_bytes() != before
