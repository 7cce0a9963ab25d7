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

from whosaid import lexicons
from whosaid.quotes import suggest  # noqa: F401  (registers the suggester)

COMPONENT = "whosaid_content_model"
SPANS_KEY = "whosaid_content_model"
LABEL = "CONTENT"
WEIGHTS = "weights/content_model"

# One definition of the component, used to train it and to load it.
CONFIG: dict[str, Any] = {
    "spans_key": SPANS_KEY,
    "threshold": 0.3,
    "max_positive": None,
    "suggester": {"@misc": "whosaid.content_suggester.v1"},
    "model": {
        "@architectures": "spacy.SpanCategorizer.v1",
        "scorer": {"@layers": "spacy.LinearLogistic.v1"},
        "reducer": {"@layers": "spacy.mean_max_reducer.v1", "hidden_size": 128},
        "tok2vec": {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": 64,
                # The parse is part of what the model reads: a span under "said" as
                # ccomp is a different thing from one under "bought" as dobj.
                "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE", "TAG", "DEP"],
                "rows": [5000, 1000, 2500, 1000, 200, 200],
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": 64,
                "window_size": 1,
                "maxout_pieces": 3,
                "depth": 3,
            },
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
    pipe = nlp.add_pipe("spancat", name=COMPONENT, config=CONFIG, before="whosaid_content")
    pipe.from_disk(path, exclude=["vocab"])
    return True
