"""How well ``whosaid mix`` merges sources across documents, and how fast.

Not a test: it prints the figures of the README's "Batch-level sources".

``bcubed`` (the default): B-cubed precision, recall and F1 of the batch-level merge
(``whosaid.merge.merge_sources``) over the named and partially named sources of an
identity-labelled gold set. Each predicted document-level source is an item
(document, source); its gold label is the canonical name that most of its quotes
carry in the gold, quotes aligned as the project's scorer aligns them (trimmed
overlap of at least half of both spans). Sources none of whose quotes align with a
named or partially named gold quote have no label and are left out (their number
is printed). The same figures for two simpler merges give the scale: no merge
across documents, and the old identical-name merge (case and spacing ignored).

    python bench/merge_sources.py [--gold ../shared/eval/polnear_identity.dev.jsonl]
        [--pred eval-out/merge.identity.pred.jsonl] [--show 20]

Without ``--pred`` (or when it does not exist yet) the predictions are made first
with ``.venv/bin/whosaid extract`` and kept there for the next run.

``scale``: ``whosaid mix --sources`` over N records, its wall time and peak memory.
The records are those of a prediction file repeated with every source name
changed per copy (an invented suffix on each word), so that the number of distinct
sources grows with N as in a real corpus:

    python bench/merge_sources.py scale --pred eval-out/dev160.pred.jsonl \\
        --records 2500 5000 10000
"""

from __future__ import annotations

import argparse
import json
import random
import string
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(SHARED / "tools"))
import score  # noqa: E402

from whosaid.merge import merge_sources  # noqa: E402

GOLD = SHARED / "eval" / "polnear_identity.dev.jsonl"
OUT = ROOT / "eval-out"
WHOSAID = ROOT / ".venv" / "bin" / "whosaid"
NAMED_GOLD = ("named", "partial")
NAMED_PRED = ("named", "partially_named")


def predictions(gold: Path, pred: Path) -> list[dict]:
    """The records of ``pred``, made with ``whosaid extract`` if it is missing."""
    if not pred.exists():
        pred.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            inputs = Path(tmp) / "in.jsonl"
            with gold.open() as src, inputs.open("w") as dst:
                for line in src:
                    if line.strip():
                        doc = json.loads(line)
                        dst.write(json.dumps({"id": doc["id"], "text": doc["text"]}))
                        dst.write("\n")
            subprocess.run(
                [str(WHOSAID), "extract", str(inputs), "-o", str(pred)], check=True
            )
    return [json.loads(line) for line in pred.open() if line.strip()]


def aligned(gold_doc: dict, pred_doc: dict) -> dict[int, int]:
    """Predicted quote index → gold quote index, as ``score.py`` pairs them."""
    text = gold_doc["text"]
    pairs: dict[int, int] = {}
    for g, q in enumerate(gold_doc["quotes"]):
        gs, ge = score.trimmed(text, q["start"], q["end"])
        best, best_ov = None, 0.0
        for i, r in enumerate(pred_doc.get("quotes", [])):
            if i in pairs:
                continue
            ps, pe = score.trimmed(text, int(r["start"]), int(r["end"]))
            inter = max(0, min(ge, pe) - max(gs, ps))
            if inter == 0:
                continue
            ov = min(inter / max(1, ge - gs), inter / max(1, pe - ps))
            if ov > best_ov:
                best, best_ov = i, ov
        if best is not None and best_ov >= 0.5:
            pairs[best] = g
    return pairs


def gold_labels(gold: list[dict], preds: list[dict]) -> tuple[dict[str, str], int]:
    """``document_id#source_id`` → gold canonical name, for every predicted named or
    partially named source with one; and how many such sources had none."""
    by_id = {p["id"]: p for p in preds}
    labels: dict[str, str] = {}
    unlabelled = 0
    for g in gold:
        p = by_id.get(g["id"])
        if p is None:
            continue
        index = {q["id"]: n for n, q in enumerate(p["quotes"])}
        pairs = aligned(g, p)
        for source in p["sources"]:
            if source["identification"] not in NAMED_PRED:
                continue
            names = Counter()
            for qid in source["quote_ids"]:
                gq = pairs.get(index[qid])
                quote = g["quotes"][gq] if gq is not None else None
                if quote and quote.get("identity") in NAMED_GOLD:
                    names[quote["canonical"]] += 1
            if names:
                labels[f"{g['id']}#{source['id']}"] = majority(names, source["name"])
            else:
                unlabelled += 1
    return labels, unlabelled


def majority(names: Counter, predicted: str) -> str:
    """The gold name most of a source's quotes carry; between equals, the one that
    shares most words with the predicted name, then the first in order."""
    said = set(score.words(predicted))
    return min(
        names,
        key=lambda n: (-names[n], -len(said & set(score.words(n))), n),
    )


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    """B-cubed precision and recall of the clustering ``predicted`` (item → cluster)
    against ``gold`` (item → class), over the items of ``gold``."""
    items = list(gold)
    pred_size: Counter = Counter(predicted[i] for i in items)
    gold_size: Counter = Counter(gold[i] for i in items)
    both: Counter = Counter((predicted[i], gold[i]) for i in items)
    precision = sum(
        both[predicted[i], gold[i]] / pred_size[predicted[i]] for i in items
    )
    recall = sum(both[predicted[i], gold[i]] / gold_size[gold[i]] for i in items)
    return precision / len(items), recall / len(items)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def clusterings(preds: list[dict]) -> dict[str, dict[str, str]]:
    """Item → cluster under each merge compared."""
    merged = {m: s.id for s in merge_sources(preds) for m in s.members}
    none, same_name = {}, {}
    for p in preds:
        for s in p["sources"]:
            member = f"{p['id']}#{s['id']}"
            none[member] = member
            name = " ".join((s.get("name") or "").split()).casefold()
            same_name[member] = (
                name if name and s["identification"] != "anonymous" else member
            )
    return {
        "no merge across documents": none,
        "identical name (before)": same_name,
        "whosaid.merge": merged,
    }


def run_bcubed(args: argparse.Namespace) -> None:
    gold = [json.loads(line) for line in args.gold.open() if line.strip()]
    preds = predictions(args.gold, args.pred)
    labels, unlabelled = gold_labels(gold, preds)
    print(
        f"{args.gold.name}: {len(gold)} documents, {len(labels)} named or partially "
        f"named predicted sources with a gold name ({len(set(labels.values()))} "
        f"names), {unlabelled} without one (left out)"
    )
    runs = clusterings(preds)
    table(runs, labels)
    # The same over the sources the engine named as the gold does (the scorer's
    # test: the gold name's last word among the source's name's words), so that
    # the merge's own errors show apart from a document-level source holding
    # another person's quotes.
    names = {
        f"{p['id']}#{s['id']}": s.get("name") or "" for p in preds for s in p["sources"]
    }
    right = {
        item: gold
        for item, gold in labels.items()
        if score.words(gold)[-1:] and score.words(gold)[-1] in score.words(names[item])
    }
    print(
        f"\nthe {len(right)} of them that the engine names as the gold does "
        f"({len(set(right.values()))} names):"
    )
    table(runs, right)
    if args.show:
        errors(runs["whosaid.merge"], labels, preds, args.show)


def table(runs: dict[str, dict[str, str]], labels: dict[str, str]) -> None:
    print(f"{'merge':<28}{'precision':>10}{'recall':>8}{'F1':>8}{'clusters':>10}")
    for title, clustering in runs.items():
        p, r = bcubed(clustering, labels)
        clusters = len({clustering[i] for i in labels})
        print(f"{title:<28}{p:>10.3f}{r:>8.3f}{f1(p, r):>8.3f}{clusters:>10}")


def errors(
    clustering: dict[str, str], labels: dict[str, str], preds: list[dict], show: int
) -> None:
    """Merged clusters with more than one gold name, and gold names split apart."""
    names = {f"{p['id']}#{s['id']}": s.get("name") for p in preds for s in p["sources"]}
    by_cluster: defaultdict[str, Counter] = defaultdict(Counter)
    by_gold: defaultdict[str, Counter] = defaultdict(Counter)
    for item, gold in labels.items():
        by_cluster[clustering[item]][f"{gold} <- {names[item]}"] += 1
        by_gold[gold][f"{clustering[item]} {names[item]}"] += 1
    print("\nclusters with more than one gold name:")
    mixed = [c for c in by_cluster.values() if len({k.split(" <- ")[0] for k in c}) > 1]
    for c in mixed[:show]:
        print("  ", dict(c))
    print("\ngold names in more than one cluster:")
    split = [(g, c) for g, c in by_gold.items() if len({k.split()[0] for k in c}) > 1]
    for g, c in split[:show]:
        print("  ", g, dict(c))


def renamed(record: dict, copy: int, rng: random.Random) -> dict:
    """``record`` with a new id, and every source name's words given a suffix of
    this copy (the same suffix for the same copy, so names still merge within it)."""
    suffix = "".join(rng.choice(string.ascii_lowercase) for _ in range(3))
    out = dict(record, id=f"{record['id']}~{copy}")
    out["sources"] = [
        dict(s, name=" ".join(w + suffix for w in s["name"].split()))
        if s.get("name")
        else s
        for s in record["sources"]
    ]
    return out


# ``whosaid mix`` in a child process that reports its own CPU time (s) and peak
# memory (KB): on a shared machine the CPU time says more than the wall time.
CHILD = """
import resource, sys
from whosaid.cli import main
try:
    main(["mix", sys.argv[1], "--sources", sys.argv[2]], standalone_mode=False)
finally:
    use = resource.getrusage(resource.RUSAGE_SELF)
    print(use.ru_utime + use.ru_stime, use.ru_maxrss, file=sys.stderr)
"""


def run_scale(args: argparse.Namespace) -> None:
    base = [json.loads(line) for line in args.pred.open() if line.strip()]
    seeds = [random.Random(0).randrange(10**6) for _ in range(max(args.records))]
    print(f"records made from the {len(base)} records of {args.pred}")
    for n in args.records:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "records.jsonl"
            with path.open("w") as fh:
                for k in range(n):
                    copy, index = divmod(k, len(base))
                    rec = renamed(base[index], copy, random.Random(seeds[copy]))
                    fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            table = Path(tmp) / "sources.csv"
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(path), str(table)],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            wall = time.perf_counter() - start
            cpu, peak = done.stderr.strip().splitlines()[-1].split()
            cpu, peak = float(cpu), int(peak) / 1024
            rows = sum(1 for _ in table.open(encoding="utf-8")) - 1
            print(
                f"{n:>6} records ({path.stat().st_size / 1e6:.0f} MB): {rows} "
                f"batch-level sources, {wall:.1f} s wall ({cpu:.1f} s CPU), "
                f"peak RSS {peak:.0f} MB"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command")
    for name in ("bcubed", "scale"):
        p = sub.add_parser(name)
        p.add_argument("--gold", type=Path, default=GOLD)
        p.add_argument("--pred", type=Path, default=OUT / "merge.identity.pred.jsonl")
        p.add_argument("--show", type=int, default=0)
        p.add_argument("--records", type=int, nargs="+", default=[2500, 5000, 10000])
    args = ap.parse_args(
        sys.argv[1:]
        if sys.argv[1:2] in (["bcubed"], ["scale"])
        else ["bcubed", *sys.argv[1:]]
    )
    (run_scale if args.command == "scale" else run_bcubed)(args)


if __name__ == "__main__":
    main()
