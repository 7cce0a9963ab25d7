"""How well ``confidence`` separates right records from wrong ones, and whether it
means what it says, on the dev documents the confidence model was not fitted on.

    python bench/calibration.py               # both sets, the report parts
    python bench/calibration.py --part fit    # the fit parts (a check for overfit)

For PolNeAR dev and BBC dev (``confidence_data``: fixed hash splits) it prints AUROC
(how often a right record gets a higher confidence than a wrong one), the expected
calibration error over 10 equal-width bins (the mean gap between confidence and the
share right, weighted by the records in each bin), the reliability table, and the
all-kinds attribution F1 of the part, and of the whole set, with no threshold and
at the default ``min_confidence``. Every quote the engine finds is scored, before
any threshold.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import confidence_data  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BINS = 10


def auroc(conf: np.ndarray, right: np.ndarray) -> float:
    """The probability that a random right record outranks a random wrong one (ties
    count half): the Mann-Whitney statistic."""
    order = np.argsort(conf, kind="mergesort")
    ranks = np.empty(len(conf))
    sorted_conf = conf[order]
    i = 0
    while i < len(conf):
        j = i
        while j + 1 < len(conf) and sorted_conf[j + 1] == sorted_conf[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    pos = right.sum()
    neg = len(right) - pos
    if not pos or not neg:
        return float("nan")
    return float((ranks[right].sum() - pos * (pos + 1) / 2) / (pos * neg))


def reliability(conf: np.ndarray, right: np.ndarray) -> tuple[float, list[tuple]]:
    """ECE over ``BINS`` equal-width bins, and the table: (bin, n, mean confidence,
    share right)."""
    rows, ece = [], 0.0
    which = np.minimum((conf * BINS).astype(int), BINS - 1)
    for b in range(BINS):
        mask = which == b
        n = int(mask.sum())
        if not n:
            rows.append((b, 0, None, None))
            continue
        mean_conf, share = float(conf[mask].mean()), float(right[mask].mean())
        ece += n / len(conf) * abs(mean_conf - share)
        rows.append((b, n, mean_conf, share))
    return ece, rows


def main() -> None:
    from whosaid.filters import default_min_confidence

    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=("report", "fit"), default="report")
    ap.add_argument("--limit", type=int, help="documents per set (quick looks)")
    ap.add_argument(
        "--sets", default=",".join(confidence_data.SETS), help="dev, bbc or both"
    )
    a = ap.parse_args()
    floor = default_min_confidence()
    want_fit = a.part == "fit"
    for name in a.sets.split(","):
        rows, gold, preds = confidence_data.collect(name, a.limit)
        rows = [r for r in rows if r.fit == want_fit]
        conf = np.array([r.confidence for r in rows])
        right = np.array([r.right for r in rows], dtype=bool)
        docs = [
            (g, p)
            for g, p in zip(gold, preds, strict=True)
            if confidence_data.in_fit(name, g["id"]) == want_fit
        ]
        ece, table = reliability(conf, right)
        print(
            f"\n{name} ({a.part} part: {len(docs)} documents, {len(rows)} quotes, "
            f"{right.mean():.3f} right)"
        )
        print(f"  AUROC {auroc(conf, right):.3f}   ECE (10 bins) {ece:.3f}")
        print("  | confidence | quotes | mean confidence | share right |")
        print("  |---|---:|---:|---:|")
        for b, n, mean_conf, share in table:
            lo, hi = b / BINS, (b + 1) / BINS
            cells = f"{mean_conf:.3f} | {share:.3f}" if n else "– | –"
            print(f"  | {lo:.1f}–{hi:.1f} | {n} | {cells} |")
        out = ROOT / "eval-out" / "confidence" / f"{name}-{a.part}.pred.jsonl"
        g_docs, p_docs = [g for g, _ in docs], [p for _, p in docs]
        for where, gs, ps in (
            (f"{a.part} part", g_docs, p_docs),
            ("whole set", gold, preds),
        ):
            for label, t in (("no threshold", 0.0), (f"min_confidence {floor}", floor)):
                res = confidence_data.f1_at(gs, ps, t, out)
                print(
                    f"  {where}, all kinds, {label}: quote F1 {res['quote_f1']:.3f}, "
                    f"attribution P/R/F1 {res['attribution_p']:.3f}/"
                    f"{res['attribution_r']:.3f}/{res['attribution_f1']:.3f}"
                )


if __name__ == "__main__":
    main()
