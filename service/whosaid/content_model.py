"""The learned content classifier: a spaCy ``spancat`` over parse candidates.

Rules find quotes in marks and the clear forms of reported speech; PolNeAR-style
attribution is broader ("critics [resources could be better spent]", "leaders weigh
[plans for greater military coordination]"). A span categorizer trained on part of
``polnear.dev.jsonl`` scores the candidates of ``whosaid.quotes.suggest``; the
content stage adds its confident spans that the rules did not find. Weights live in
``models/weights/content_model/`` (see ``models/MODEL_CARD.md``);
``bench/train_content.py`` reproduces them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.attrs import intify_attr
from spacy.language import Language
from spacy.ml.extract_spans import extract_spans
from spacy.ml.models.tok2vec import (
    MaxoutWindowEncoder,
    MultiHashEmbed,
    build_Tok2Vec_model,
)
from spacy.tokens import Doc, Span
from spacy.util import registry
from thinc.api import Model, chain, concatenate
from thinc.types import Floats2d, Ragged

from whosaid import lexicons
from whosaid.quotes import suggest  # noqa: F401  (registers the suggester)

COMPONENT = "whosaid_content_model"
SPANS_KEY = "whosaid_content_model"
LABEL = "CONTENT"
WEIGHTS = "weights/content_model"


@registry.architectures("whosaid.DocTensor.v1")
def doc_tensor(width: int) -> Model[list[Doc], list[Floats2d]]:
    """The token vectors the pipeline's own ``tok2vec`` already computed.

    The tagger and parser share them, so reading them here costs nothing at run
    time; they are not fine-tuned (no gradient flows back).
    """

    def forward(model: Model, docs: list[Doc], is_train: bool):
        ops = model.ops
        out = [
            ops.asarray2f(doc.tensor)
            if doc.tensor.shape == (len(doc), width)
            else ops.alloc2f(len(doc), width)
            for doc in docs
        ]
        return out, lambda d_out: []

    return Model("doc_tensor", forward, dims={"nO": width})


@registry.architectures("whosaid.ContentTok2Vec.v1")
def content_tok2vec(
    width: int, extra_width: int, attrs: list[str], rows: list[int]
) -> Model[list[Doc], list[Floats2d]]:
    """The pipeline's token vectors, joined by a small trainable embedding of the
    word, its tag and its dependency label mixed over two windows of one token."""
    trainable = build_Tok2Vec_model(
        MultiHashEmbed(
            width=extra_width, attrs=attrs, rows=rows, include_static_vectors=False
        ),
        MaxoutWindowEncoder(width=extra_width, window_size=1, maxout_pieces=3, depth=2),
    )
    # Attribute ids rather than names: ``Span.to_array`` takes only ids, and the
    # classifier runs on spans of the article (``candidate_vectors``).
    for node in trainable.walk():
        if "columns" in node.attrs:
            node.attrs["columns"] = [intify_attr(a) for a in node.attrs["columns"]]
    return concatenate(doc_tensor(width), trainable)


@registry.architectures("whosaid.SpanCategorizer.v1")
def span_categorizer(
    tok2vec: Model[list[Doc], list[Floats2d]],
    reducer: Model[Ragged, Floats2d],
    scorer: Model[Floats2d, Floats2d],
) -> Model[tuple[list[Doc], Ragged], Floats2d]:
    """spaCy's span categorizer, with token vectors computed only around the
    candidates: the scores are the same, and most of an article is no candidate.

    ``spacy.SpanCategorizer.v1`` runs ``tok2vec`` over every token of the article;
    here it runs over each candidate widened by ``tok2vec``'s receptive field (a
    token's vector depends on that many neighbours either side), so every vector a
    span's score reads is the one the whole article would have given it.
    """
    model = chain(candidate_vectors(tok2vec), extract_spans(), reducer, scorer)
    model.set_ref("tok2vec", tok2vec)
    model.set_ref("reducer", reducer)
    model.set_ref("scorer", scorer)
    return model


def receptive_field(model: Model) -> int:
    """Neighbours either side a token's vector depends on: each ``expand_window``
    layer ``model`` stacks widens it by its window (0 for a model mixing none)."""
    return sum(
        node.attrs.get("window_size", 0)
        for node in model.walk()
        if node.name == "expand_window"
    )


def candidate_vectors(
    tok2vec: Model[list[Doc], list[Floats2d]],
) -> Model[tuple[list[Doc], Ragged], tuple[Ragged, Ragged]]:
    """``(docs, candidate spans)`` → ``(token vectors, candidate spans)``, where
    only the tokens in reach of a candidate are computed (the others are zeros)."""

    def forward(model: Model, inputs: tuple[list[Doc], Ragged], is_train: bool):
        docs, spans = inputs
        ops = model.ops
        reach = receptive_field(tok2vec)
        starts_ends = ops.to_numpy(spans.dataXd).tolist() if spans.dataXd.size else []
        lengths = ops.to_numpy(spans.lengths).tolist()
        windows: list[Span] = []
        placed: list[tuple[int, int, int]] = []  # (doc, start, end) per window
        row = 0
        for n, (doc, count) in enumerate(zip(docs, lengths, strict=True)):
            merged: list[list[int]] = []
            for start, end in sorted(starts_ends[row : row + count]):
                start, end = max(0, start - reach), min(len(doc), end + reach)
                if merged and start <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], end)
                else:
                    merged.append([start, end])
            row += count
            for start, end in merged:
                windows.append(doc[start:end])
                placed.append((n, start, end))
        vectors, backprop_windows = tok2vec(windows, is_train)
        width = tok2vec.get_dim("nO")
        full = [ops.alloc2f(len(doc), width) for doc in docs]
        for (n, start, end), vec in zip(placed, vectors, strict=True):
            full[n][start:end] = vec
        tokvecs = Ragged(
            ops.flatten(full) if full else ops.alloc2f(0, width),
            ops.asarray1i([len(doc) for doc in docs]),
        )

        def backprop(d_out: tuple[Ragged, Ragged]) -> tuple[list[Doc], Ragged]:
            d_full = ops.unflatten(d_out[0].dataXd, d_out[0].lengths)
            backprop_windows([d_full[n][start:end] for n, start, end in placed])
            return docs, spans

        return (tokvecs, spans), backprop

    def init(model: Model, X: tuple[list[Doc], Ragged] | None = None, Y=None) -> None:
        tok2vec.initialize(X=X[0] if X is not None else None)

    return Model("candidate_vectors", forward, init=init, layers=[tok2vec])


# One definition of the component, used to train it and to load it.
CONFIG: dict[str, Any] = {
    "spans_key": SPANS_KEY,
    "threshold": 0.3,
    "max_positive": None,
    "suggester": {"@misc": "whosaid.content_suggester.v1", "attributable_only": True},
    "model": {
        "@architectures": "whosaid.SpanCategorizer.v1",
        "scorer": {"@layers": "spacy.LinearLogistic.v1"},
        "reducer": {"@layers": "spacy.mean_max_reducer.v1", "hidden_size": 128},
        # The en_core_web_sm token vectors, trained for tagging and parsing: the
        # syntax the classifier needs is in them, and they are already computed.
        "tok2vec": {
            "@architectures": "whosaid.ContentTok2Vec.v1",
            "width": 96,
            "extra_width": 64,
            "attrs": ["NORM", "TAG", "DEP"],
            "rows": [5000, 200, 200],
        },
    },
}


def weights_dir() -> Path:
    return lexicons.models_dir() / WEIGHTS


def add_model(nlp: Language, path: Path | None = None) -> bool:
    """Add the trained content classifier to ``nlp`` if its weights are present."""
    path = path or weights_dir()
    if COMPONENT in nlp.pipe_names or not (path / "model").exists():
        return COMPONENT in nlp.pipe_names
    pipe = nlp.add_pipe(
        "spancat", name=COMPONENT, config=CONFIG, before="whosaid_content"
    )
    pipe.from_disk(path, exclude=["vocab"])
    return True
