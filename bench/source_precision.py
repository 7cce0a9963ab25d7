"""Source precision and recall: are the sources a record lists real sources?

    python bench/source_precision.py GOLD PRED [--errors N]

*Source precision* is the share of listed sources (``sources`` of each predicted
record) that hold at least one right attribution: a quote that matches a gold quote
(the scorer's overlap rule) and whose speaker the scorer accepts. A source that holds
only false quotes, or only quotes given to the wrong speaker, is a false source.

*Source recall* is the share of gold sources, one per distinct ``canonical`` name
(else speaker string) in an article, with at least one of their quotes found and
attributed right.

Matching and speaker checks are ``../shared/tools/score.py``'s own (``trimmed``,
``speaker_ok``, ``speaker_words``), in the same greedy order, so the figures agree
with its attribution counts. ``--errors N`` prints up to N false sources and N missed
gold sources, for reading.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT.parent / "shared" / "tools"))
import score  # noqa: E402


@dataclass
class SourceFigures:
    listed: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0
    false_sources: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return round(self.right / self.listed, 3) if self.listed else 0.0

    @property
    def recall(self) -> float:
        return round(self.found / self.gold, 3) if self.gold else 0.0


def matches(text: str, gq: list[dict], pq: list[dict]) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs, matched as score.py matches them."""
    used: set[int] = set()
    pairs = []
    for gi, q in enumerate(gq):
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
        if best is not None and best_ov >= 0.5:
            used.add(best)
            pairs.append((gi, best))
    return pairs


def _gold_key(q: dict) -> str:
    return " ".join(score.words(q.get("canonical") or q["speaker"])) or q["speaker"]


def source_figures(gold: list[dict], preds: dict[str, dict]) -> SourceFigures:
    """Source precision and recall over documents (preds keyed by document id)."""
    out = SourceFigures()
    for g in gold:
        p = preds.get(g["id"], {})
        text = g["text"]
        sources = {s["id"]: s for s in p.get("sources", [])}
        gq, pq = g["quotes"], p.get("quotes", [])
        right_sources: set[str] = set()
        found_keys: set[str] = set()
        for gi, pi in matches(text, gq, pq):
            q, r = gq[gi], pq[pi]
            if not q.get("speaker") or not r.get("speaker"):
                continue
            if score.speaker_ok(q, r, score.speaker_words(r, sources)):
                right_sources.add(r["speaker"].get("source_id"))
                found_keys.add(_gold_key(q))
        out.listed += len(sources)
        out.right += sum(1 for sid in sources if sid in right_sources)
        keys = {_gold_key(q) for q in gq if q.get("speaker")}
        out.gold += len(keys)
        out.found += len(keys & found_keys)
        for sid, s in sources.items():
            if sid not in right_sources:
                mentions = [m["text"] for m in s.get("mentions", [])][:3]
                out.false_sources.append(
                    f"{g['id']}: {s.get('name') or s.get('description')!r} "
                    f"({s.get('identification')}, {s.get('entity_type')}) "
                    f"mentions={mentions}"
                )
        out.missed += [f"{g['id']}: {k!r}" for k in sorted(keys - found_keys)]
    return out


def read(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--errors", type=int, default=0, metavar="N")
    a = ap.parse_args()
    preds = {}
    for p in read(a.pred):
        preds[p.get("id") or (p.get("document") or {}).get("id")] = p
    fig = source_figures(read(a.gold), preds)
    print(
        json.dumps(
            {
                "sources_listed": fig.listed,
                "sources_right": fig.right,
                "source_precision": fig.precision,
                "gold_sources": fig.gold,
                "gold_sources_found": fig.found,
                "source_recall": fig.recall,
            }
        )
    )
    if a.errors:
        print(f"\n===== FALSE SOURCES: {len(fig.false_sources)}")
        for row in fig.false_sources[: a.errors]:
            print("  " + row)
        print(f"\n===== MISSED GOLD SOURCES: {len(fig.missed)}")
        for row in fig.missed[: a.errors]:
            print("  " + row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
