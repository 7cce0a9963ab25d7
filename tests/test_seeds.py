"""Acceptance on the seed articles (read from ../shared/seeds), with the project's
scorer: the figures the issues ask of them, and the VOA article's stripped quotes."""

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


def test_voa_quotes_of_idris_and_the_diplomats_found_with_their_speaker(
    score, gold, predictions
):
    voa = next(g for g in gold if "Idris" in g["text"])
    record = next(r for r in predictions[1] if r["id"] == voa["id"])
    sources = {s["id"]: s for s in record["sources"]}
    text = voa["text"]
    wanted = [
        q
        for q in voa["quotes"]
        if "Idris" in q["speaker"] or "diplomat" in q["speaker"]
    ]
    assert len(wanted) >= 8
    for q in wanted:
        gs, ge = score.trimmed(text, q["start"], q["end"])
        found = None
        for p in record["quotes"]:
            ps, pe = score.trimmed(text, p["start"], p["end"])
            inter = max(0, min(ge, pe) - max(gs, ps))
            if inter and min(inter / (ge - gs), inter / (pe - ps)) >= 0.5:
                found = p
        assert found is not None, q["text"]
        assert score.speaker_ok(q, found, score.speaker_words(found, sources)), q[
            "text"
        ]
