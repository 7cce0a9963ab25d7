"""``whosaid_confidence``: the probability that a quote's record is right.

"Right" means what the project's scorer means: the quote is found (it overlaps a
gold quote by half of both) and its speaker is right. The probability comes from a
logistic regression over what the earlier stages already know of the quote: its
kind and how it was found, its cue (class, type, word), the speaker mention's form,
how far apart they lie, how the speaker was found or inherited, and what the
resolver and the sources stage made of it. The content classifier's score is left
out: the model is fitted on the classifier's own training documents, where its
scores are better than on new text, and a model that leaned on them was worse
calibrated on the documents neither was fitted on (ECE 0.048 against 0.019 on
PolNeAR dev, AUROC no better). The model is
fitted on development data by ``bench/fit_confidence.py`` and read from
``models/weights/confidence/model.json``; its ``min_confidence`` is the threshold
chosen there (the default filter of ``extract`` and the CLI, see
``whosaid.filters``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from whosaid import (
    extensions,  # noqa: F401
    lexicons,
)
from whosaid.candidates import DECLINED, QuoteCandidate
from whosaid.extensions import doc_text
from whosaid.syntax import TokenIndex

MODEL_FILE = "model.json"
# Pronouns a speaker mention may be: "he said" is only as good as its resolution.
RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})


@dataclass(frozen=True)
class ConfidenceModel:
    """Weights by feature name, an intercept, and the default threshold."""

    weights: dict[str, float]
    intercept: float
    min_confidence: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(
            self.weights.get(name, 0.0) * value for name, value in features.items()
        )
        return 1.0 / (1.0 + math.exp(-z))


def weights_dir() -> Path:
    return lexicons.models_dir() / "weights" / "confidence"


@cache
def model() -> ConfidenceModel | None:
    """The fitted model, or None before ``bench/fit_confidence.py`` has run."""
    path = weights_dir() / MODEL_FILE
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return ConfidenceModel(
        weights={k: float(v) for k, v in data["weights"].items()},
        intercept=float(data["intercept"]),
        min_confidence=float(data["min_confidence"]),
    )


def default_min_confidence() -> float:
    """The threshold chosen on development data; 0 without a fitted model."""
    fitted = model()
    return fitted.min_confidence if fitted is not None else 0.0


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    """The number of ``edges`` at or below ``value``: a coarse, monotone bin."""
    return sum(value >= e for e in edges)


class _Context:
    """What every quote of a document is compared with, computed once."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.index = TokenIndex(doc)
        self.entities = doc._.whosaid_entities or []
        self.sources = doc._.whosaid_sources or []
        self.n_quotes = len(doc._.whosaid_quotes or ())
        text = doc_text(doc)
        self.text = text
        self.length = max(1, len(text))
        # The headline, where there is one: the first line of a text of several.
        first_break = text.find("\n")
        self.headline_end = first_break if first_break > 0 else -1
        # Quotes that overlap another (one sweep over the sorted spans).
        self.overlapping: set[int] = set()
        reach, holder = -1, None
        for q in sorted(doc._.whosaid_quotes or (), key=lambda q: (q.start, q.end)):
            if q.start < reach and holder is not None:
                self.overlapping.update((id(q), id(holder)))
            if q.end > reach:
                reach, holder = q.end, q


def _char_class(char: str) -> str:
    """A letter or a digit, else the character itself (how a quote ends: ".", ",")."""
    if char.isalpha():
        return "letter"
    if char.isdigit():
        return "digit"
    return char


def _speaker_form(ctx: _Context, quote: QuoteCandidate) -> str:
    if quote.speaker is None:
        return "none"
    head = ctx.doc[quote.speaker.head]
    if head.lower_ in RELATIVE:
        return "relative"
    if head.pos_ == "PRON":
        return "pronoun"
    if head.pos_ == "PROPN" or head.ent_type_:
        return "name"
    if head.pos_ == "NOUN":
        return "noun"
    return "other"


def features(ctx: _Context, quote: QuoteCandidate) -> dict[str, float]:
    """The features of one quote, by name. Categorical ones are indicators; numeric
    ones come both as a value and as a coarse bin, so that a linear model can bend."""
    doc = ctx.doc
    out: dict[str, float] = {}

    def flag(name: str) -> None:
        out[name] = 1.0

    kind, origin = quote.kind, quote.origin
    cue = quote.cue
    cue_kind = cue.kind if cue is not None else "none"
    form = _speaker_form(ctx, quote)
    how = "inherited" if quote.inherited else ("cue" if cue is not None else "none")
    if quote.speaker is None:
        how = "none"
    flag(f"kind={kind}")
    flag(f"origin={origin}")
    flag(f"cue={cue_kind}")
    flag(f"cue_type={cue.type if cue is not None else 'none'}")
    flag(f"speaker={form}")
    flag(f"found_by={how}")
    flag(f"kind={kind}|cue={cue_kind}")
    flag(f"kind={kind}|speaker={form}")
    flag(f"kind={kind}|found_by={how}")
    flag(f"origin={origin}|speaker={form}")
    first = ctx.index.at(quote.start)
    last = ctx.index.at(max(quote.start, quote.end - 1))
    content = doc[first : last + 1]
    root = content.root
    flag(f"root_dep={root.dep_}")
    flag(f"kind={kind}|root_dep={root.dep_}")
    flag(f"first_tag={doc[first].tag_}")
    flag(f"last_char={_char_class(ctx.text[quote.end - 1 : quote.end])}")
    flag(f"headline={int(quote.start < ctx.headline_end)}")
    flag(f"overlaps={int(id(quote) in ctx.overlapping)}")
    if cue is not None:
        word = doc[cue.head].lower_
        entry = lexicons.verb_forms().get(word)
        flag(f"lemma={entry.lemma if entry is not None else word}")
        gap = max(0, first - cue.end, cue.start - last - 1)
        out["cue_gap"] = math.log1p(gap)
        flag(f"cue_gap_bin={_bucket(gap, (1, 2, 4, 8, 16))}")
        flag(f"cue_after={int(cue.start > last)}")
    if quote.speaker is not None:
        head = doc[quote.speaker.head]
        flag(f"speaker_dep={head.dep_}")
        if head.pos_ == "PRON":
            flag(f"pronoun={head.lower_}")
        flag(f"speaker_inside={int(first <= quote.speaker.head <= last)}")
        anchor = cue.head if cue is not None else first
        dist = abs(quote.speaker.head - anchor)
        out["speaker_gap"] = math.log1p(dist)
        flag(f"speaker_gap_bin={_bucket(dist, (1, 2, 4, 8, 16, 40))}")
        out["speaker_len"] = math.log1p(quote.speaker.end - quote.speaker.start)
        entity = quote.speaker.entity
        if entity is not None and entity < len(ctx.entities):
            ent = ctx.entities[entity]
            flag(f"named={int(ent.named)}")
            flag(f"kind={kind}|named={int(ent.named)}")
            out["entity_mentions"] = math.log1p(len(ent.mentions))
            if entity < len(ctx.sources):
                source = ctx.sources[entity]
                flag(f"identification={source.identification}")
                flag(f"entity_type={source.entity_type}")
    length = last - first + 1
    out["length"] = math.log1p(length)
    flag(f"length_bin={_bucket(length, (3, 6, 12, 24, 48, 96))}")
    flag(f"kind={kind}|length_bin={_bucket(length, (3, 6, 12, 24, 48, 96))}")
    out["nested"] = float(bool(quote.nested))
    out["position"] = quote.start / ctx.length
    flag(f"doc_quotes_bin={_bucket(ctx.n_quotes, (2, 5, 10, 20, 40))}")
    return out


def document_features(doc: Doc) -> Iterator[tuple[QuoteCandidate, dict[str, float]]]:
    """Every quote of ``doc`` (not declined comment) with its features."""
    ctx = _Context(doc)
    for quote in doc._.whosaid_quotes or ():
        if quote.kind != DECLINED:
            yield quote, features(ctx, quote)


class Confidence:
    def __call__(self, doc: Doc) -> Doc:
        fitted = model()
        if fitted is None:
            return doc
        for quote, feats in document_features(doc):
            quote.confidence = round(fitted.probability(feats), 4)
        return doc


@Language.factory(
    "whosaid_confidence",
    assigns=["doc._.whosaid_quotes"],
    requires=["doc._.whosaid_quotes", "doc._.whosaid_sources"],
)
def make_confidence(nlp: Language, name: str) -> Confidence:
    return Confidence()
