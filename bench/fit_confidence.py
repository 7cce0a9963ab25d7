"""Fit the confidence model and write ``models/weights/confidence/model.json``.

    python bench/fit_confidence.py            # fit, choose the threshold, write
    python bench/fit_confidence.py --limit 80 # a quick look (writes nothing)

Runs the pipeline (cached parse, see ``bench/devloop.py``) over PolNeAR dev and BBC
dev, takes every predicted quote of the *fit* part of each (``confidence_data``:
fixed hash splits, 60% of PolNeAR dev, half of BBC dev), labels it right or wrong
by the project's scorer, and fits a logistic regression (scikit-learn, L2; the
strength chosen by 5-fold cross-validated log loss, folds by document). The
default threshold ``min_confidence`` is the value in 0, 0.05, …, 0.9 that
maximises all-kinds attribution F1 on the fit part of PolNeAR dev. Re-run it
whenever the stages before ``whosaid_confidence`` change; then
``bench/calibration.py`` reports on the rest.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
import confidence_data  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "models" / "weights" / "confidence" / "model.json"
STRENGTHS = (0.03, 0.1, 0.3, 1.0)
THRESHOLDS = tuple(round(0.05 * n, 2) for n in range(19))
# Weights smaller than this change no probability in the fourth decimal.
MIN_WEIGHT = 1e-4


def choose_strength(x, y, groups) -> float:
    """The inverse regularisation strength with the lowest cross-validated log loss."""
    best, best_loss = STRENGTHS[0], float("inf")
    for c in STRENGTHS:
        losses = []
        for train, test in GroupKFold(5).split(x, y, groups):
            model = LogisticRegression(C=c, max_iter=2000)
            model.fit(x[train], y[train])
            losses.append(log_loss(y[test], model.predict_proba(x[test])[:, 1]))
        loss = float(np.mean(losses))
        print(f"  C={c}: cross-validated log loss {loss:.4f}")
        if loss < best_loss:
            best, best_loss = c, loss
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, help="documents per set (writes nothing)")
    a = ap.parse_args()
    rows, by_set = [], {}
    for name in confidence_data.SETS:
        set_rows, gold, preds = confidence_data.collect(name, a.limit)
        rows += set_rows
        by_set[name] = (gold, preds)
    fit = [r for r in rows if r.fit]
    vec = DictVectorizer()
    x = vec.fit_transform([r.features for r in fit])
    y = np.array([r.right for r in fit], dtype=int)
    groups = [r.doc_id for r in fit]
    docs = len(set(groups))
    print(f"fit on {len(fit)} quotes of {docs} documents, {y.mean():.3f} right")
    strength = choose_strength(x, y, groups)
    model = LogisticRegression(C=strength, max_iter=2000).fit(x, y)
    weights = {
        name: round(float(w), 6)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
    intercept = float(model.intercept_[0])

    # The threshold: the best all-kinds attribution F1 on the fit part of PolNeAR
    # dev, with the confidences the fitted model gives.
    from whosaid.components.confidence import ConfidenceModel

    fitted = ConfidenceModel(weights, intercept, 0.0)
    gold, preds = by_set["dev"]
    feats = iter([r for r in rows if r.set == "dev"])
    rescored = []
    for g, p in zip(gold, preds, strict=True):
        quotes = []
        for q in p["quotes"]:
            r = next(feats)
            quotes.append({**q, "confidence": round(fitted.probability(r.features), 4)})
        if confidence_data.in_fit("dev", g["id"]):
            rescored.append((g, {**p, "quotes": quotes}))
    best_t, best_f1 = 0.0, -1.0
    tmp = ROOT / "eval-out" / "confidence" / "threshold.pred.jsonl"
    for t in THRESHOLDS:
        res = confidence_data.f1_at(
            [g for g, _ in rescored], [p for _, p in rescored], t, tmp
        )
        print(f"  min_confidence={t:.2f}: attribution F1 {res['attribution_f1']:.3f}")
        if res["attribution_f1"] > best_f1:
            best_t, best_f1 = t, res["attribution_f1"]
    print(f"min_confidence {best_t} (fit-part attribution F1 {best_f1:.3f})")
    if a.limit:
        print("--limit given: nothing written")
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "about": "logistic regression: P(record right) = 1 / (1 + exp(-("
                "intercept + sum of weights of the quote's features))); written by "
                "bench/fit_confidence.py",
                "fitted": date.today().isoformat(),
                "fitted_on": {
                    name: sum(
                        1
                        for g in by_set[name][0]
                        if confidence_data.in_fit(name, g["id"])
                    )
                    for name in confidence_data.SETS
                },
                "quotes": len(fit),
                "share_right": round(float(y.mean()), 4),
                "C": strength,
                "min_confidence": best_t,
                "fit_part_attribution_f1": best_f1,
                "intercept": round(intercept, 6),
                "weights": dict(sorted(weights.items())),
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {OUT.relative_to(ROOT)}: {len(weights)} weights")


if __name__ == "__main__":
    main()
