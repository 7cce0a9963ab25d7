"""Memory of one server over many distinct articles.

    python bench/memory.py [--requests 20000] [--warmup 2000] [--clients 2]

Starts ``whosaid serve --workers 1`` (gunicorn's master, one worker, and the
worker's extraction process, where the pipeline runs) and posts ``--requests``
articles, every one different: windows of ../shared/eval/ articles (read at run
time) whose capitalised words are replaced by invented names and one word in
eight by an invented word, so that every request brings strings spaCy has never
seen, as a news feed does. Prints the RSS of each process every 1,000 requests
and the growth of the total after the warm-up; the target is at most 10%.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import threading
import time
from pathlib import Path

from server import Server

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
TARGET = 0.10
WINDOW = 1200
SYLLABLES = [
    c + v for c in "bdfghklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")
]
WORD = re.compile(r"\b[A-Za-z]{4,}\b")


def invented(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)) + str(rng.randrange(1000))


def sources() -> list[str]:
    texts = []
    for path in sorted(EVAL.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return [t for t in texts if len(t) > WINDOW]


def article(texts: list[str], n: int) -> str:
    """The ``n``-th distinct article: a window of a real one, renamed and reworded."""
    rng = random.Random(n)
    text = rng.choice(texts)
    start = rng.randrange(len(text) - WINDOW)
    window = text[start : start + WINDOW]

    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        if word[0].isupper():
            return invented(rng, 2).capitalize()
        return invented(rng, 3) if rng.random() < 0.125 else word

    return WORD.sub(swap, window)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=20_000)
    ap.add_argument("--warmup", type=int, default=2_000)
    ap.add_argument("--clients", type=int, default=2)
    ap.add_argument("--every", type=int, default=1_000)
    ap.add_argument("--json", type=Path, help="also write the series here")
    args = ap.parse_args()

    texts = sources()
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {args.requests} distinct articles of "
        f"{WINDOW} characters, {args.clients} clients, whosaid serve --workers 1"
    )
    series: list[dict] = []
    counter = iter(range(args.requests))
    lock = threading.Lock()
    sent = 0
    started = time.monotonic()
    with Server(workers=1) as server:

        def client() -> None:
            nonlocal sent
            conn = server.connection()
            while True:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                server.post(conn, article(texts, n))
                with lock:
                    sent += 1
                    if sent % args.every == 0 or sent == 1:
                        rss = server.rss()
                        series.append({"requests": sent, **rss})
                        print(
                            f"{sent:>7} requests  {time.monotonic() - started:6.0f} s  "
                            + "  ".join(
                                f"{k} {v / 2**20:6.0f} MB" for k, v in rss.items()
                            )
                            + f"  total {sum(rss.values()) / 2**20:6.0f} MB",
                            flush=True,
                        )

        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        series.append({"requests": sent, **server.rss()})

    def total(row: dict) -> int:
        return row["master"] + row["workers"] + row["extraction"]

    warm = next(row for row in series if row["requests"] >= args.warmup)
    last = series[-1]
    growth = total(last) / total(warm) - 1
    print(
        f"\nafter warm-up ({warm['requests']} requests): {total(warm) / 2**20:.0f} MB; "
        f"after {last['requests']}: {total(last) / 2**20:.0f} MB; growth {growth:+.1%} "
        f"(extraction process {last['extraction'] / warm['extraction'] - 1:+.1%}); "
        f"target ≤ +{TARGET:.0%}"
    )
    if args.json:
        args.json.write_text(json.dumps(series, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
