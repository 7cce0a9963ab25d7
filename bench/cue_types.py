"""Cue types against the classes of ``../shared/eval/bbc.dev.classes.tsv``.

    python bench/cue_types.py

The BBC dev records carry tags for the kind of attribution they are; those that
name a cue type are read as: ``cog`` belief, ``int`` intention, ``perc`` perception,
``att`` stance, ``art`` and ``work`` writing, and a record with none of the class
tags (nor ``dec``, decrees, which have no type of their own) a statement. For every
gold record that whosaid finds (the scorer's match), it prints how often the found
quote's cue type is that type, and the confusion table.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import confidence_data  # noqa: E402

CLASSES = confidence_data.devloop.SHARED / "eval" / "bbc.dev.classes.tsv"
# Tag → cue type, in the order a record with several tags is read.
TAGS = (
    ("perc", "perception"),
    ("int", "intention"),
    ("cog", "belief"),
    ("att", "stance"),
    ("art", "writing"),
    ("work", "writing"),
)


def expected(tags: set[str]) -> str | None:
    for tag, cue_type in TAGS:
        if tag in tags:
            return cue_type
    return None if "dec" in tags else "statement"


def main() -> None:
    with CLASSES.open(encoding="utf-8") as fh:
        tags = {
            (r["id"], int(r["start"]), int(r["end"])): set(
                filter(None, r["tags"].split(","))
            )
            for r in csv.DictReader(fh, delimiter="\t")
        }
    _, gold, preds = confidence_data.collect("bbc")
    confusion: Counter = Counter()
    for g, p in zip(gold, preds, strict=True):
        for n, i in confidence_data.matches(g, p):
            q = g["quotes"][n]
            want = expected(tags.get((g["id"], q["start"], q["end"]), set()))
            if want is None:
                continue
            cue = p["quotes"][i]["cue"]
            confusion[(want, cue["type"] if cue else "statement")] += 1
    total = sum(confusion.values())
    agree = sum(n for (w, got), n in confusion.items() if w == got)
    print(
        f"bbc dev: {total} found records with a class, cue type agrees on {agree} "
        f"({agree / total:.3f})"
    )
    types = sorted({w for w, _ in confusion} | {g for _, g in confusion})
    print("  gold \\ found | " + " | ".join(types) + " | agreement |")
    for want in types:
        row = [confusion[(want, got)] for got in types]
        n = sum(row)
        if n:
            print(
                f"  {want} | "
                + " | ".join(map(str, row))
                + f" | {row[types.index(want)] / n:.2f} |"
            )


if __name__ == "__main__":
    main()
