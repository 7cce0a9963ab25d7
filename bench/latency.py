"""REST latency against in-process time, for the same articles.

    python bench/latency.py [--docs 40] [--passes 3] [--clients 1 2 4] [--workers 2]

Each article of the first ``--docs`` of ../shared/eval/polnear.dev.jsonl is timed
in this process with ``extract`` (median of three), then posted to ``whosaid serve``
(the defaults: gunicorn, ``--workers`` workers, each with its extraction process
under the 30 s time limit) by 1, 2 and 4 concurrent clients on kept-alive
loopback connections, ``--passes`` times over the articles at each level. For
each level it prints p50 / p95 / p99 of the request latency and of the ratio of
each request's latency to the in-process time of the same article: the target is
a p50 ratio of at most 1.15. With more clients than cores, requests queue for a
CPU and the ratio grows with clients / cores; the line says so.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import statistics
import threading
import time
from pathlib import Path

from server import Server
from whosaid import extract, load

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "polnear.dev.jsonl"
TARGET = 1.15


def articles(n: int) -> list[str]:
    with DEV.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()][:n]


def in_process(texts: list[str]) -> list[float]:
    nlp = load()
    extract(texts[0], nlp=nlp)
    times = []
    for text in texts:
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            extract(text, nlp=nlp)
            runs.append(time.perf_counter() - t)
        times.append(statistics.median(runs))
    return times


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def run_level(
    server: Server, texts: list[str], clients: int, passes: int
) -> list[tuple[int, float]]:
    todo: queue.Queue[int] = queue.Queue()
    for _ in range(passes):
        for i in range(len(texts)):
            todo.put(i)
    done: list[tuple[int, float]] = []
    lock = threading.Lock()

    def client() -> None:
        conn = server.connection()
        while True:
            try:
                i = todo.get_nowait()
            except queue.Empty:
                return
            t = time.perf_counter()
            server.post(conn, texts[i])
            elapsed = time.perf_counter() - t
            with lock:
                done.append((i, elapsed))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return done


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--clients", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()

    texts = articles(args.docs)
    print(
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; {len(texts)} articles, "
        f"{statistics.median(len(t) for t in texts):.0f} characters (median)"
    )
    base = in_process(texts)
    print(
        f"in-process extract: p50 {statistics.median(base) * 1000:.0f} ms "
        f"(per article, median of 3)"
    )
    results = {"in_process_ms": [b * 1000 for b in base], "levels": {}}
    with Server(args.workers) as server:
        run_level(server, texts[:10], 2, 1)  # warm-up: both workers, both processes
        print(
            f"\nwhosaid serve --workers {args.workers}\n"
            f"{'clients':>8} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
            f" {'p50 ×':>7} {'p95 ×':>7} {'p99 ×':>7}"
        )
        for clients in args.clients:
            done = run_level(server, texts, clients, args.passes)
            lat = [t for _, t in done]
            ratio = [t / base[i] for i, t in done]
            row = {
                "requests": len(done),
                **{f"p{p}_ms": pct(lat, p) * 1000 for p in (50, 95, 99)},
                **{f"p{p}_ratio": pct(ratio, p) for p in (50, 95, 99)},
            }
            results["levels"][clients] = row
            queued = (
                ""
                if clients <= (os.cpu_count() or 1)
                else "  (more clients than cores: queued)"
            )
            print(
                f"{clients:>8} {len(done):>9} {row['p50_ms']:>8.0f} {row['p95_ms']:>8.0f}"
                f" {row['p99_ms']:>8.0f} {row['p50_ratio']:>7.2f} {row['p95_ratio']:>7.2f}"
                f" {row['p99_ratio']:>7.2f}{queued}"
            )
    print(
        f"\ntarget: p50 × ≤ {TARGET} (latency over the in-process time of the same article)"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
