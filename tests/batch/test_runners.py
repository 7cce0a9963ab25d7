"""Runners: input order, a failing chunk, a dead worker, ``--workers 2`` against
``--workers 1``, a run killed with SIGKILL then resumed, and a killed run's
workers ending with it."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from tests.batch.conftest import (
    SUBPROCESS_TIMEOUT,
    WHOSAID,
    records,
    whosaid,
    write_jsonl,
)
from tests.processes import descendants, wait_until_gone
from whosaid.batch import Item, ProcessPool, RunStopped
from whosaid.batch.runners import InProcess, chunked

# Kill the run once this many records are on disk: past its start, before its end.
KILL_AFTER = 30
POLL = 0.01  # seconds
# How long the processes of a killed run may outlive it.
ORPHAN_SECONDS = 5.0


def echo(chunk: list[Item]) -> list[tuple[dict | None, str | None]]:
    """A stand-in for the engine: the id back, slowly for the first chunk so that
    a later chunk finishes first."""
    if chunk[0].id == "0":
        time.sleep(0.3)
    return [
        ({"id": it.id}, None) if it.error is None else (None, it.error) for it in chunk
    ]


def refuse(chunk: list[Item]) -> list[tuple[dict | None, str | None]]:
    if chunk[0].id == "2":
        raise ValueError("cannot run this chunk")
    return echo(chunk)


def die(chunk: list[Item]) -> list[tuple[dict | None, str | None]]:
    os._exit(1)


def items(n: int) -> list[Item]:
    return [Item(str(i), f"in:{i}", text="x") for i in range(n)]


def test_a_pool_gives_results_in_input_order():
    with ProcessPool(2, task=echo) as pool:
        got = [r[0]["id"] for _, res in pool.map(chunked(items(8), 2)) for r in res]
    assert got == [str(i) for i in range(8)]


def test_a_chunk_that_fails_fails_its_documents_and_the_run_goes_on():
    with ProcessPool(2, task=refuse) as pool:
        got = [res for _, res in pool.map(chunked(items(6), 2))]
    assert got[1] == [(None, "ValueError: cannot run this chunk")] * 2
    assert got[2] == [({"id": "4"}, None), ({"id": "5"}, None)]


def test_a_dead_worker_stops_the_run():
    with ProcessPool(1, task=die) as pool:
        with pytest.raises(RunStopped, match="a worker process died"):
            list(pool.map(chunked(items(2), 1)))


def test_in_process_runs_the_same_chunks():
    got = list(InProcess(task=echo).map(chunked(items(3), 2)))
    assert [len(chunk) for chunk, _ in got] == [2, 1]


def test_two_workers_write_what_one_writes(corpus, tmp_path):
    src, _ids, reference = corpus
    out = tmp_path / "out.jsonl"
    proc = whosaid(
        "extract", str(src), "-o", str(out), "--workers", "2", "--batch-size", "4"
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == reference


def test_a_run_killed_with_sigkill_resumes_without_losing_or_repeating(tmp_path):
    src = tmp_path / "in.jsonl"
    ids = write_jsonl(src, 300)
    out = tmp_path / "out.jsonl"
    part = tmp_path / "out.jsonl.part"
    run = subprocess.Popen(
        [str(WHOSAID), "extract", str(src), "-o", str(out), "--batch-size", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + SUBPROCESS_TIMEOUT
    while _lines(part) < KILL_AFTER and run.poll() is None:
        assert time.monotonic() < deadline, "the run wrote nothing"
        time.sleep(POLL)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert run.returncode == -signal.SIGKILL, "the run ended before it was killed"
    assert not out.exists()
    assert KILL_AFTER <= _lines(part) < len(ids)

    proc = whosaid("extract", str(src), "-o", str(out), "--resume")
    assert proc.returncode == 0, proc.stderr
    assert "documents done" in proc.stderr
    assert [r["id"] for r in records(out.read_text(encoding="utf-8"))] == ids
    assert not part.exists()


def _lines(path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


@pytest.mark.parametrize(
    "runner",
    [["--workers", "2"], ["--dask", "local", "--workers", "2"]],
    ids=["workers", "dask-local"],
)
def test_a_run_killed_with_sigkill_leaves_no_process_behind(tmp_path, runner):
    """Its two workers and the resource tracker end within seconds."""
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 300)
    part = tmp_path / "out.jsonl.part"
    run = subprocess.Popen(
        [str(WHOSAID), "extract", str(src), "-o", str(tmp_path / "out.jsonl")]
        + [*runner, "--batch-size", "2", "--no-progress"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + SUBPROCESS_TIMEOUT
    # Both workers have built their pipelines once records come back from each.
    while _lines(part) < KILL_AFTER and run.poll() is None:
        assert time.monotonic() < deadline, "the run wrote nothing"
        time.sleep(POLL)
    children = descendants(run.pid)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert run.returncode == -signal.SIGKILL, "the run ended before it was killed"
    assert len(children) >= 3, "two workers and a resource tracker, at least"
    left = wait_until_gone(children, ORPHAN_SECONDS)
    assert not left, left
