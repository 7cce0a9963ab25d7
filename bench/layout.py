"""Accuracy on the same gold laid out as users hold it: hard-wrapped, joined.

For each gold set, runs whosaid on the text as it is, hard-wrapped at 70 and at 60
columns (``../shared/tools/wrap_lines.py``: a space becomes a newline, offsets kept)
and with every newline turned into a space (paragraphs joined, offsets kept), then
prints every figure of the accuracy table for each layout and its largest
difference from the text as it is.

    python bench/layout.py                       # PolNeAR dev and BBC dev
    python bench/layout.py --sets bbc --limit 20
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "tools"))
import score  # noqa: E402
import wrap_lines  # noqa: E402

SETS = {
    "dev": SHARED / "eval" / "polnear.dev.jsonl",
    "bbc": SHARED / "eval" / "bbc.dev.jsonl",
    "seeds": SHARED / "seeds" / "gold.jsonl",
}
FIGURES = {
    "direct": ["quote_f1", "attribution_f1"],
    "all": [
        "quote_f1",
        "exact_f1",
        "attribution_f1",
        "speaker_acc_on_matched",
        "identification_bacc",
        "canonical_acc",
    ],
}
OUT = ROOT / "eval-out" / "layout"


def joined(text: str) -> str:
    """Paragraphs run together with a space, as scraped pages lose their breaks."""
    return text.replace("\r", " ").replace("\n", " ")


LAYOUTS = {
    "as is": lambda t: t,
    "wrapped 70": lambda t: wrap_lines.wrap(t, 70),
    "wrapped 60": lambda t: wrap_lines.wrap(t, 60),
    "joined": joined,
}


def laid_out(gold: list[dict], change) -> list[dict]:
    out = []
    for doc in gold:
        text = change(doc["text"])
        assert len(text) == len(doc["text"])
        quotes = [dict(q, text=text[q["start"] : q["end"]]) for q in doc["quotes"]]
        out.append(dict(doc, text=text, quotes=quotes))
    return out


def figures(gold_path: Path, pred_path: Path) -> dict[str, float]:
    row = {}
    for kinds, names in FIGURES.items():
        with contextlib.redirect_stdout(io.StringIO()):
            res = score.main(
                str(gold_path), str(pred_path), None if kinds == "all" else {kinds}
            )
        for name in names:
            if res.get(name) is not None:
                row[f"{kinds} {name}"] = res[name]
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default="dev,bbc")
    ap.add_argument("--limit", type=int)
    a = ap.parse_args()

    from whosaid import extract_many, load

    nlp = load()
    OUT.mkdir(parents=True, exist_ok=True)
    for name in a.sets.split(","):
        gold = [json.loads(line) for line in SETS[name].open() if line.strip()]
        gold = gold[: a.limit or None]
        rows = {}
        for layout, change in LAYOUTS.items():
            docs = laid_out(gold, change)
            slug = f"{name}-{layout.replace(' ', '')}"
            gpath, ppath = OUT / f"{slug}.gold.jsonl", OUT / f"{slug}.pred.jsonl"
            gpath.write_text("".join(json.dumps(d) + "\n" for d in docs))
            records = extract_many(((d["id"], d["text"]) for d in docs), nlp=nlp)
            ppath.write_text("".join(json.dumps(r.to_dict()) + "\n" for r in records))
            rows[layout] = figures(gpath, ppath)
        keys = list(rows["as is"])
        print(f"\n{name} ({len(gold)} docs)")
        print(f"{'figure':34}" + "".join(f"{k:>12}" for k in rows))
        for key in keys:
            cells = "".join(f"{rows[layout].get(key, 0):>12.3f}" for layout in rows)
            print(f"{key:34}{cells}")
        for layout in list(rows)[1:]:
            worst = max(abs(rows[layout][k] - rows["as is"][k]) for k in keys)
            print(f"largest difference, {layout}: {worst:.3f}")


if __name__ == "__main__":
    main()
