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

from spacy.language import Language
from spacy.ml.models.tok2vec import (
    MaxoutWindowEncoder,
    MultiHashEmbed,
    build_Tok2Vec_model,
)
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Model, concatenate
from thinc.types import Floats2d

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
    return concatenate(doc_tensor(width), trainable)


# One definition of the component, used to train it and to load it.
CONFIG: dict[str, Any] = {
    "spans_key": SPANS_KEY,
    "threshold": 0.3,
    "max_positive": None,
    "suggester": {"@misc": "whosaid.content_suggester.v1", "attributable_only": True},
    "model": {
        "@architectures": "spacy.SpanCategorizer.v1",
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
