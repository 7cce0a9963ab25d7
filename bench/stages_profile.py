"""Where whosaid's own stages spend their time.

    python bench/stages_profile.py [--docs 200] [--html OUT.html]

The spaCy stages (tok2vec, tagger, parser, ner) run first, unprofiled; then each
whosaid stage runs over all the documents under pyinstrument, and the report
shows the call tree of whosaid's stages alone, with the seconds per stage.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pyinstrument import Profiler

from whosaid import load

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "polnear.dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--html", type=Path)
    args = ap.parse_args()
    with DEV.open(encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()][: args.docs]
    nlp = load()
    ours = [name for name, _ in nlp.pipeline if name.startswith("whosaid_")]
    first = min(
        nlp.pipe_names.index(name)
        for name in ours
        if name != "whosaid_paragraphs" and name != "whosaid_attributes"
    )
    spacy_part = nlp.pipeline[:first]
    docs = [nlp.make_doc(t) for t in texts]
    for _, proc in spacy_part:
        docs = (
            list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        )
    seconds: dict[str, float] = {}
    profiler = Profiler(interval=0.001)
    profiler.start()
    for name, proc in nlp.pipeline[first:]:
        t = time.perf_counter()
        docs = (
            list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
        )
        seconds[name] = time.perf_counter() - t
    profiler.stop()
    print("seconds per stage over", len(texts), "articles:")
    for name, s in seconds.items():
        print(f"  {name:<24} {s:6.2f}")
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")


if __name__ == "__main__":
    main()
