"""Fast scoring loop for rule work: parse once, re-run only whosaid's stages.

The base model's parse of a gold set is cached in eval-out/cache/ (keyed by the set
and the base pipeline); each run then applies the whosaid stages to the cached docs,
writes predictions and scores them with ../shared/tools/score.py.

    python bench/devloop.py dev            # polnear.dev, all figures
    python bench/devloop.py seeds --errors direct   # and list the direct-quote errors
    python bench/devloop.py dev --limit 100 --errors all --show 40

Full, from-scratch figures come from bench/evaluate.sh; this is for iterating.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
import time
from pathlib import Path

from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "tools"))
import score  # noqa: E402

SETS = {
    "seeds": SHARED / "seeds" / "gold.jsonl",
    "dev": SHARED / "eval" / "polnear.dev.jsonl",
    "identity": SHARED / "eval" / "polnear_identity.dev.jsonl",
    "bbc": SHARED / "eval" / "bbc.dev.jsonl",
    "nomarks": None,
}
OUT = ROOT / "eval-out"


def in_train(doc_id: str) -> bool:
    """The training part of polnear.dev for the learned content model (60%)."""
    digest = hashlib.sha1(f"whosaid-content-split:{doc_id}".encode()).hexdigest()
    return int(digest, 16) % 5 < 3


def gold_path(name: str) -> Path:
    if name != "nomarks":
        return SETS[name]
    path = OUT / "nomarks.gold.jsonl"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        with path.open("w") as fh:
            subprocess.run(
                [
                    sys.executable,
                    str(SHARED / "tools" / "strip_marks.py"),
                    str(SETS["dev"]),
                    "--apostrophes",
                ],
                stdout=fh,
                check=True,
            )
    return path


def parsed(nlp, name: str, gold: list[dict]):
    """The base pipeline's docs for a gold set, from cache when it is fresh."""
    base = [
        n
        for n in nlp.pipe_names
        if not n.startswith("whosaid_") or n == "whosaid_paragraphs"
    ]
    key = hashlib.sha1(
        json.dumps([base, [d["id"] for d in gold], len(gold)]).encode()
    ).hexdigest()[:10]
    path = OUT / "cache" / f"{name}-{key}.spacy"
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        # The cache keeps the parse, not the token vectors (doc.tensor) that the
        # learned content classifier reads: recompute them, it is cheap.
        return (
            list(nlp.get_pipe("tok2vec").pipe(docs))
            if "tok2vec" in nlp.pipe_names
            else docs
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    with nlp.select_pipes(enable=base):
        docs = list(nlp.pipe((d["text"] for d in gold), batch_size=16))
    db = DocBin(store_user_data=False)
    for doc in docs:
        db.add(doc)
    db.to_disk(path)
    return docs


def run(
    name: str, limit: int | None, split: str = "all"
) -> tuple[Path, Path, list[dict], list[dict]]:
    from whosaid.pipeline import build
    from whosaid.records import record_from_doc

    gold = [json.loads(line) for line in gold_path(name).open() if line.strip()][:limit]
    nlp = build()
    docs = parsed(nlp, name, gold)
    if split != "all":
        keep = [
            (g, d)
            for g, d in zip(gold, docs, strict=True)
            if in_train(g["id"]) == (split == "train")
        ]
        gold, docs = [g for g, _ in keep], [d for _, d in keep]
    stages = [
        (n, p)
        for n, p in nlp.pipeline
        if n.startswith("whosaid_") and n != "whosaid_paragraphs"
    ]
    t = time.perf_counter()
    preds = []
    for g, doc in zip(gold, docs, strict=True):
        for _, proc in stages:
            doc = proc(doc)
        preds.append(record_from_doc(doc, id=g["id"]).to_dict())
    secs = time.perf_counter() - t
    OUT.mkdir(exist_ok=True)
    gpath, ppath = OUT / f"loop-{name}.gold.jsonl", OUT / f"loop-{name}.pred.jsonl"
    gpath.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in gold))
    ppath.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds))
    print(f"{name}: {len(gold)} docs, whosaid stages {secs:.1f}s")
    return gpath, ppath, gold, preds


def figures(gpath: Path, ppath: Path, kinds: str | None) -> dict:
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        return score.main(
            str(gpath), str(ppath), set(kinds.split(",")) if kinds else None
        )


def errors(
    gold: list[dict], preds: list[dict], kinds: set[str] | None, show: int
) -> None:
    """Missed quotes, false quotes and wrong speakers, sampled."""
    missed, false, wrong = [], [], []
    for g, p in zip(gold, preds, strict=True):
        text = g["text"]
        sources = {s["id"]: s for s in p["sources"]}
        gq = [q for q in g["quotes"] if kinds is None or q["kind"] in kinds]
        pq = [q for q in p["quotes"] if kinds is None or q["kind"] in kinds]
        used = set()
        for q in gq:
            gs, ge = score.trimmed(text, q["start"], q["end"])
            best, best_ov = None, 0.0
            for i, r in enumerate(pq):
                if i in used:
                    continue
                ps, pe = score.trimmed(text, r["start"], r["end"])
                inter = max(0, min(ge, pe) - max(gs, ps))
                ov = min(inter / max(1, ge - gs), inter / max(1, pe - ps))
                if ov > best_ov:
                    best, best_ov = i, ov
            ctx = text[max(0, q["start"] - 150) : q["end"] + 100].replace("\n", " ⏎ ")
            if best is None or best_ov < 0.5:
                near = pq[best]["text"][:80] if best is not None else None
                missed.append(
                    f"[{q['kind']}] {q['text'][:120]!r}\n      spk={q['speaker']!r} near={near!r}\n      ctx={ctx!r}"
                )
                continue
            used.add(best)
            r = pq[best]
            if q.get("speaker") and not score.speaker_ok(
                q, r, score.speaker_words(r, sources)
            ):
                got = r["speaker"]["text"] if r["speaker"] else None
                cue = r["cue"]["text"] if r["cue"] else None
                wrong.append(
                    f"[{q['kind']}] {q['text'][:100]!r}\n      gold={q['speaker']!r} got={got!r} cue={cue!r}\n      ctx={ctx!r}"
                )
        for i, r in enumerate(pq):
            if i not in used:
                ctx = text[max(0, r["start"] - 120) : r["end"] + 80].replace(
                    "\n", " ⏎ "
                )
                false.append(f"[{r['kind']}] {r['text'][:120]!r}\n      ctx={ctx!r}")
    rng = random.Random(0)
    for title, rows in (("MISSED", missed), ("FALSE", false), ("WRONG SPEAKER", wrong)):
        print(f"\n===== {title}: {len(rows)}")
        for row in rng.sample(rows, min(show, len(rows))):
            print("  " + row)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("set", choices=sorted(SETS))
    ap.add_argument("--limit", type=int)
    ap.add_argument(
        "--errors", help="list errors for these kinds (direct, direct,mixed or all)"
    )
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument(
        "--split",
        choices=("all", "train", "val"),
        default="all",
        help="score only the training or validation part of the learned model's split",
    )
    a = ap.parse_args()
    gpath, ppath, gold, preds = run(a.set, a.limit, a.split)
    keys = [
        "quote_p",
        "quote_r",
        "quote_f1",
        "exact_f1",
        "attribution_f1",
        "speaker_acc_on_matched",
        "identification_bacc",
        "entity_bacc",
        "canonical_acc",
        "anonymous_recall",
    ]
    for kinds in ("direct", "direct,mixed", None):
        res = figures(gpath, ppath, kinds)
        print(
            f"  {kinds or 'all':13s} gold={res['gold']:5d} pred={res['pred']:5d}  "
            + "  ".join(f"{k}={res[k]}" for k in keys if res.get(k) is not None)
        )
    if a.errors:
        errors(
            gold, preds, None if a.errors == "all" else set(a.errors.split(",")), a.show
        )


if __name__ == "__main__":
    main()
