"""Train the learned content classifier (``whosaid_content_model``) and validate it.

    python bench/train_content.py [--epochs 12] [--out models/weights/content_model]

Data: ``../shared/eval/polnear.dev.jsonl``, split by a hash of the document id:
60% train, 40% validation. The 30 articles of ``polnear_identity.dev.jsonl`` are
never trained on (they measure the sources stage). Candidates come from
``whosaid.quotes.suggest``; a candidate is positive when it matches a gold content
(the scorer's overlap rule: half of both spans). Prints candidate-level figures on
the validation part per threshold, and writes the weights, the component config and
a training report (``training.json``) next to them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import minibatch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import devloop  # noqa: E402
from whosaid.content_model import COMPONENT, CONFIG, LABEL, SPANS_KEY  # noqa: E402
from whosaid.pipeline import build  # noqa: E402
from whosaid.quotes.learned import MIN_SCORE  # noqa: E402
from whosaid.quotes.suggest import content_candidates  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261122
# The best epoch is chosen at the threshold whosaid.quotes.learned applies.
SELECT_AT = str(MIN_SCORE)


def positives(doc: Doc, gold: dict) -> list[tuple[int, int]]:
    """Candidates that match a gold content span (best match per gold span)."""
    text = gold["text"]
    cands = content_candidates(doc)
    spans = [(doc[s:e].start_char, doc[s:e].end_char) for s, e in cands]
    chosen = set()
    for q in gold["quotes"]:
        gs, ge = devloop.score.trimmed(text, q["start"], q["end"])
        best, best_ov = None, 0.0
        for n, (a, b) in enumerate(spans):
            ps, pe = devloop.score.trimmed(text, a, b)
            inter = max(0, min(ge, pe) - max(gs, ps))
            if not inter:
                continue
            ov = min(inter / max(1, ge - gs), inter / max(1, pe - ps))
            if ov >= 0.5 and ov > best_ov:
                best, best_ov = n, ov
        if best is not None:
            chosen.add(cands[best])
    return sorted(chosen)


def example(doc: Doc, gold: dict) -> Example:
    reference = doc.copy()
    reference.spans[SPANS_KEY] = [
        Span(reference, s, e, label=LABEL) for s, e in positives(doc, gold)
    ]
    return Example(doc.copy(), reference)


def evaluate(nlp, docs: list[Doc], golds: list[dict]) -> dict[str, dict[str, float]]:
    """Candidate-level precision and recall on the validation part, by threshold."""
    proc = nlp.get_pipe(COMPONENT)
    truth = [set(positives(d, g)) for d, g in zip(docs, golds, strict=True)]
    scored = []
    for doc in docs:
        indices, scores = proc.predict([doc])
        cands = (
            [tuple(int(x) for x in row) for row in indices.dataXd.tolist()]
            if len(scores)
            else []
        )
        scored.append({c: float(s[0]) for c, s in zip(cands, scores, strict=True)})
    out = {}
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
        tp = fp = fn = 0
        for gold_set, scores in zip(truth, scored, strict=True):
            pred = {c for c, s in scores.items() if s >= threshold}
            tp += len(pred & gold_set)
            fp += len(pred - gold_set)
            fn += len(gold_set - pred)
        p = tp / max(1, tp + fp)
        r = tp / max(1, tp + fn)
        out[str(threshold)] = {
            "p": round(p, 3),
            "r": round(r, 3),
            "f1": round(2 * p * r / max(1e-9, p + r), 3),
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--out", default=str(ROOT / "models/weights/content_model"))
    a = ap.parse_args()
    random.seed(SEED)
    spacy.util.fix_random_seed(SEED)

    gold = [
        json.loads(line) for line in devloop.gold_path("dev").open() if line.strip()
    ]
    identity = {
        json.loads(line)["id"]
        for line in devloop.gold_path("identity").open()
        if line.strip()
    }
    base = build()
    docs = devloop.parsed(base, "dev", gold)
    # The cache holds the parse, not the token vectors the classifier reads.
    docs = list(base.get_pipe("tok2vec").pipe(docs))
    train = [
        (d, g)
        for d, g in zip(docs, gold, strict=True)
        if devloop.in_train(g["id"]) and g["id"] not in identity
    ]
    val = [
        (d, g) for d, g in zip(docs, gold, strict=True) if not devloop.in_train(g["id"])
    ]
    print(f"train {len(train)} docs, validation {len(val)} docs")

    nlp = spacy.blank("en", vocab=docs[0].vocab)
    # Training scores every candidate; at run time only attributable ones are.
    suggester = {**CONFIG["suggester"], "attributable_only": False}
    nlp.add_pipe("spancat", name=COMPONENT, config={**CONFIG, "suggester": suggester})
    examples = [example(d, g) for d, g in train]
    optimizer = nlp.initialize(lambda: examples)
    history = []
    best: tuple[float, bytes] | None = None
    for epoch in range(a.epochs):
        random.shuffle(examples)
        losses: dict[str, float] = {}
        t = time.perf_counter()
        for batch in minibatch(examples, size=8):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        figures = evaluate(nlp, [d for d, _ in val], [g for _, g in val])
        history.append(
            {
                "epoch": epoch + 1,
                "loss": round(losses[COMPONENT], 2),
                "validation": figures,
                "seconds": round(time.perf_counter() - t, 1),
            }
        )
        print(json.dumps(history[-1]))
        f1 = figures[SELECT_AT]["f1"]
        if best is None or f1 > best[0]:
            best = (f1, nlp.get_pipe(COMPONENT).to_bytes(exclude=["vocab"]))
    # Keep the epoch that did best on the validation part at the threshold the
    # content stage uses.
    nlp.get_pipe(COMPONENT).from_bytes(best[1], exclude=["vocab"])

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    nlp.get_pipe(COMPONENT).to_disk(out, exclude=["vocab"])
    (out / "component.json").write_text(json.dumps(CONFIG, indent=2) + "\n")
    report = {
        "data": "../shared/eval/polnear.dev.jsonl",
        "split": "sha1('whosaid-content-split:' + id) % 5 < 3 -> train; identity-set ids never trained on",
        "train_docs": len(train),
        "validation_docs": len(val),
        "seed": SEED,
        "epochs": a.epochs,
        "history": history,
        "kept_epoch": max(history, key=lambda h: h["validation"][SELECT_AT]["f1"])[
            "epoch"
        ],
    }
    (out / "training.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
