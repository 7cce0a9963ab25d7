"""The data of the confidence model: every predicted quote of a dev set with its
features and whether the project's scorer counts it right.

Shared by ``bench/fit_confidence.py`` (which fits on the ``fit`` part) and
``bench/calibration.py`` (which reports on the ``report`` part). The parts are fixed
hash splits: PolNeAR dev by ``devloop.in_train`` (the content classifier's training
part, so that no report document was seen by either model), BBC dev by a salted
hash that leaves half of the hash space out (22 of its 40 documents: with 60% fitted
only 15 were left, too few quotes for a steady calibration figure). A record is
right when the scorer would count it as an attribution: it overlaps a gold quote by
half of both, one to one, and the gold quote has a speaker that
``score.speaker_ok`` accepts.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import devloop  # noqa: E402
from devloop import score  # noqa: E402

# The sets the model is fitted and reported on, each with its split rule.
SETS = ("dev", "bbc")


def in_fit(set_name: str, doc_id: str) -> bool:
    """Whether a document belongs to the part the confidence model is fitted on."""
    if set_name == "dev":
        return devloop.in_train(doc_id)
    digest = hashlib.sha1(f"whosaid-confidence-split:{doc_id}".encode()).hexdigest()
    # Half the hash space: BBC dev is small, and the report part needs the quotes.
    return int(digest, 16) % 10 < 5


@dataclass
class Row:
    set: str
    doc_id: str
    fit: bool
    kind: str
    confidence: float
    features: dict[str, float]
    right: bool


def matches(gold: dict, pred: dict) -> list[tuple[int, int]]:
    """(gold quote, predicted quote) pairs as the scorer matches them: one to one,
    trimmed overlap of at least half of both (the loop of ``score.main``, with its
    own helpers)."""
    text = gold["text"]
    pq = pred["quotes"]
    used: set[int] = set()
    out = []
    for n, q in enumerate(gold["quotes"]):
        gs, ge = score.trimmed(text, q["start"], q["end"])
        best, best_ov = None, 0.0
        for i, r in enumerate(pq):
            if i in used:
                continue
            ps, pe = score.trimmed(text, int(r["start"]), int(r["end"]))
            inter = max(0, min(ge, pe) - max(gs, ps))
            if inter == 0:
                continue
            ov = min(inter / max(1, ge - gs), inter / max(1, pe - ps))
            if ov > best_ov:
                best, best_ov = i, ov
        if best is None or best_ov < 0.5:
            continue
        used.add(best)
        out.append((n, best))
    return out


def labels(gold: dict, pred: dict) -> list[bool]:
    """For each predicted quote, whether the scorer counts it as a right
    attribution: matched, and the gold speaker is given and ``speaker_ok``."""
    sources = {s.get("id"): s for s in pred.get("sources", [])}
    pq = pred["quotes"]
    right = [False] * len(pq)
    for n, i in matches(gold, pred):
        q = gold["quotes"][n]
        if q.get("speaker"):
            right[i] = bool(
                score.speaker_ok(q, pq[i], score.speaker_words(pq[i], sources))
            )
    return right


def collect(set_name: str, limit: int | None = None) -> tuple[list[Row], list, list]:
    """Rows of every predicted quote of ``set_name``, with the gold documents and
    the full (unfiltered) record dicts, in the same order."""
    from whosaid.candidates import DECLINED
    from whosaid.components.confidence import _Context, features
    from whosaid.pipeline import build
    from whosaid.records import record_from_doc

    gold = [
        json.loads(line) for line in devloop.gold_path(set_name).open() if line.strip()
    ][:limit]
    nlp = build()
    docs = devloop.parsed(nlp, set_name, gold)
    stages = [
        p
        for n, p in nlp.pipeline
        if n.startswith("whosaid_") and n != "whosaid_paragraphs"
    ]
    rows: list[Row] = []
    preds: list[dict] = []
    for g, doc in zip(gold, docs, strict=True):
        for proc in stages:
            doc = proc(doc)
        record = record_from_doc(doc, id=g["id"])
        pred = record.to_dict()
        preds.append(pred)
        ctx = _Context(doc)
        cands = [
            c
            for c in sorted(doc._.whosaid_quotes or (), key=lambda q: (q.start, q.end))
            if c.kind != DECLINED
        ]
        fit = in_fit(set_name, g["id"])
        for cand, quote, ok in zip(cands, record.quotes, labels(g, pred), strict=True):
            rows.append(
                Row(
                    set_name,
                    g["id"],
                    fit,
                    quote.kind,
                    quote.confidence,
                    features(ctx, cand),
                    ok,
                )
            )
    return rows, gold, preds


def f1_at(gold: list[dict], preds: list[dict], floor: float, path: Path) -> dict:
    """The scorer's all-kinds figures when quotes below ``floor`` are dropped."""
    from whosaid.filters import keep
    from whosaid.records import record_from_dict

    path.parent.mkdir(parents=True, exist_ok=True)
    gpath = path.with_suffix(".gold.jsonl")
    gpath.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold))
    with path.open("w") as fh:
        for p in preds:
            kept = keep(record_from_dict(p), min_confidence=floor).to_dict()
            fh.write(json.dumps(kept, ensure_ascii=False) + "\n")
    return devloop.figures(gpath, path, None)
