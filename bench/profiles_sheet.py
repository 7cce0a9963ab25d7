"""A sheet for checking source profiles by hand: every source of a set of articles
with the role and gender whosaid gives it, the words that decided them, and the
sentences that mention it, to judge against the article.

    python bench/profiles_sheet.py                      # seeds and bbc.dev
    python bench/profiles_sheet.py --sets bbc --limit 10

Writes ``eval-out/profiles/<set>.tsv`` (one row per source, with empty ``role_ok``
and ``gender_ok`` columns to fill in) and ``<set>.txt`` (the same with context).
Once the ok columns are filled (y, n), ``--score`` prints the accuracies: a gender
counts only for person sources, and "unknown" is right only where the text says
nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OUT = ROOT / "eval-out" / "profiles"
COLUMNS = (
    "set",
    "doc",
    "source",
    "name",
    "entity_type",
    "role",
    "role_evidence",
    "role_ok",
    "gender",
    "gender_evidence",
    "gender_ok",
    "key_terms",
)


def articles(name: str, limit: int | None) -> list[tuple[str, str]]:
    if name == "seeds":
        docs = [
            (p.stem, p.read_text(encoding="utf-8"))
            for p in sorted((SHARED / "seeds").glob("*.txt"))
        ]
    else:
        path = SHARED / "eval" / f"{name}.dev.jsonl"
        with path.open(encoding="utf-8") as fh:
            docs = [(d["id"], d["text"]) for d in map(json.loads, fh)]
    return docs[:limit] if limit else docs


def sheet(name: str, limit: int | None) -> None:
    from whosaid import extract_many

    docs = articles(name, limit)
    texts = dict(docs)
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    lines = []
    for record in extract_many(docs):
        text = texts[record.id]
        for s in record.sources:
            g = s.gender_evidence
            row = {
                "set": name,
                "doc": record.id,
                "source": s.id,
                "name": s.name or s.description or "",
                "entity_type": s.entity_type,
                "role": s.role,
                "role_evidence": "|".join(e.text for e in s.role_evidence),
                "role_ok": "",
                "gender": s.gender or "",
                "gender_evidence": f"{g.text}@{g.start} ({g.kind})" if g else "",
                "gender_ok": "",
                "key_terms": "; ".join(k.term for k in s.key_terms),
            }
            rows.append(row)
            lines.append(
                f"== {record.id} {s.id} {row['name']!r} [{s.entity_type}] "
                f"role={s.role} {row['role_evidence']!r} gender={s.gender} "
                f"{row['gender_evidence']!r}"
            )
            for m in s.mentions[:4]:
                start = max(text.rfind("\n", 0, m.start), text.rfind(". ", 0, m.start))
                end = text.find(". ", m.end)
                lines.append(
                    "   … " + text[start + 1 : end if end > 0 else m.end + 150][:300]
                )
            if g:
                lines.append(
                    f"   gender word: …{text[max(0, g.start - 80) : g.end + 40]}…"
                )
    with (OUT / f"{name}.tsv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, COLUMNS, delimiter="\t")
        writer.writeheader()
        writer.writerows(rows)
    (OUT / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{name}: {len(rows)} sources → {OUT / name}.tsv", file=sys.stderr)


def score(name: str) -> None:
    with (OUT / f"{name}.tsv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    roles = [r for r in rows if r["role_ok"]]
    genders = [r for r in rows if r["entity_type"] == "person" and r["gender_ok"]]
    for label, judged, key in (
        ("role", roles, "role_ok"),
        ("gender", genders, "gender_ok"),
    ):
        right = sum(r[key].startswith("y") for r in judged)
        share = right / len(judged) if judged else float("nan")
        print(f"{name} {label}: {right}/{len(judged)} = {share:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", nargs="+", default=["seeds", "bbc"])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--score", action="store_true")
    args = parser.parse_args()
    for name in args.sets:
        score(name) if args.score else sheet(name, args.limit)


if __name__ == "__main__":
    main()
