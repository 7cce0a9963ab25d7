"""Acceptance on the seed articles (read from ../shared/seeds), with the project's
scorer: the figures the issues ask of them, and the quotes of the article whose
quotation marks were stripped."""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import io
import json
import warnings

import pytest

from tests.conftest import SEEDS, SHARED
from whosaid import extract_many


@pytest.fixture(scope="module")
def score():
    spec = importlib.util.spec_from_file_location(
        "score", SHARED / "tools" / "score.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gold():
    with (SEEDS / "gold.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def predictions(gold, nlp, tmp_path_factory):
    records = [
        r.to_dict() for r in extract_many(((g["id"], g["text"]) for g in gold), nlp=nlp)
    ]
    path = tmp_path_factory.mktemp("seeds") / "pred.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path, records


def figures(score, predictions, kinds=None):
    # The shared scorer leaves its files to the garbage collector; collect them here,
    # where their ResourceWarning is expected, not in some later test.
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore", ResourceWarning)
        result = score.main(str(SEEDS / "gold.jsonl"), str(predictions[0]), kinds)
        gc.collect()
    return result


def test_direct_quotes(score, predictions):
    assert figures(score, predictions, {"direct"})["quote_f1"] >= 0.95


def test_sources(score, predictions):
    result = figures(score, predictions)
    assert result["identification_bacc"] >= 0.90
    assert result["anonymous_recall"] >= 0.80


# The seed article whose feed stripped its quotation marks, by file name.
MARKLESS_SEED = "003_4fdc7bbc7209bee6.txt"


def test_the_article_without_quotation_marks_has_its_quotes_and_speakers(
    score, gold, predictions
):
    article = next(g for g in gold if g["id"] == MARKLESS_SEED)
    record = next(r for r in predictions[1] if r["id"] == article["id"])
    sources = {s["id"]: s for s in record["sources"]}
    text = article["text"]
    assert not any(mark in text for mark in ('"', "“", "”"))
    found_with_speaker = 0
    for q in article["quotes"]:
        gs, ge = score.trimmed(text, q["start"], q["end"])
        found = None
        for p in record["quotes"]:
            ps, pe = score.trimmed(text, p["start"], p["end"])
            inter = max(0, min(ge, pe) - max(gs, ps))
            if inter and min(inter / (ge - gs), inter / (pe - ps)) >= 0.5:
                found = p
        if found is not None and score.speaker_ok(
            q, found, score.speaker_words(found, sources)
        ):
            found_with_speaker += 1
    assert len(article["quotes"]) >= 10
    assert found_with_speaker >= 0.9 * len(article["quotes"])
