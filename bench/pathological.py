"""How long the engine takes on the pathological inputs, stage by stage.

    python bench/pathological.py [--cap SECONDS] [NAME ...]

Runs each input of ``tests/api/test_pathological.py`` (and some more) through the
pipeline one stage at a time, in a child process so that a stage still running
after ``--cap`` seconds can be stopped and reported as such. Prints one line per
stage and a total per input; these figures set the service's default time limit.
"""

from __future__ import annotations

import argparse
import multiprocessing
import queue
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.api.test_pathological import INPUTS, MARKS  # noqa: E402

DEFAULT_CAP_SECONDS = 600.0


def opening_marks() -> str:
    """10,000 opening marks left open in one paragraph."""
    return "“a " * 10_000


def quote_pairs() -> str:
    """1 MB (of UTF-8) of short quotations, each properly closed."""
    return ("“" + "x" * 8 + "” ") * 66_000


def seeds(size: int) -> Callable[[], str]:
    """``size`` characters of the shared seed articles, repeated."""

    def make() -> str:
        paths = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
        text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
        return (text * (size // len(text) + 1))[:size]

    make.__doc__ = f"{size:,} characters of news prose (the seeds, repeated)"
    return make


MORE: dict[str, Callable[[], str]] = {
    "10,000 opening marks": opening_marks,
    "1 MB of quote pairs": quote_pairs,
    "50 KB of news prose": seeds(50_000),
    "100 KB of news prose": seeds(100_000),
    "200 KB of news prose": seeds(200_000),
}


def run(name: str, report: multiprocessing.Queue) -> None:
    """In the child: time each stage, sending each result as it comes."""
    from whosaid import load
    from whosaid.records import record_from_doc

    nlp = load()
    text = {**INPUTS, **MORE}[name]()
    started = time.perf_counter()
    doc = nlp.make_doc(text)
    report.put(("tokenizer", time.perf_counter() - started, len(doc)))
    for stage, proc in nlp.pipeline:
        began = time.perf_counter()
        doc = proc(doc)
        report.put((stage, time.perf_counter() - began, None))
    began = time.perf_counter()
    record = record_from_doc(doc)
    report.put(("record", time.perf_counter() - began, len(record.quotes)))


def measure(name: str, cap: float) -> None:
    context = multiprocessing.get_context("spawn")
    report = context.Queue()
    child = context.Process(target=run, args=(name, report), daemon=True)
    child.start()
    text = {**INPUTS, **MORE}[name]()
    print(f"\n{name}: {len(text):,} characters, {len(text.encode()):,} bytes")
    total, deadline = 0.0, time.monotonic() + cap
    while True:
        try:
            left = max(0.1, deadline - time.monotonic())
            stage, seconds, extra = report.get(timeout=left)
        except queue.Empty:
            child.kill()
            print(f"  {'(next stage)':22} stopped after the {cap:.0f} s cap")
            print(f"  {'total':22} > {cap:.0f} s")
            return
        total += seconds
        unit = "tokens" if stage == "tokenizer" else "quotes"
        note = "" if extra is None else f"  ({extra:,} {unit})"
        print(f"  {stage:22} {seconds:8.2f} s{note}")
        if stage == "record":
            print(f"  {'total':22} {total:8.2f} s")
            child.join()
            return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="inputs to run (default: all)")
    parser.add_argument("--cap", type=float, default=DEFAULT_CAP_SECONDS)
    args = parser.parse_args()
    names = args.names or [*INPUTS, *MORE]
    print(f"marks used: {' '.join(MARKS)}; cap {args.cap:.0f} s per input")
    for name in names:
        measure(name, args.cap)


if __name__ == "__main__":
    main()
