"""Dask: ``--dask local`` and ``--dask ADDRESS`` write what one process writes."""

from __future__ import annotations

import logging

import pytest

from tests.batch.conftest import whosaid

distributed = pytest.importorskip("distributed")


def test_dask_local_writes_what_one_process_writes(corpus, tmp_path):
    src, _ids, reference = corpus
    out = tmp_path / "out.jsonl"
    proc = whosaid(
        "extract",
        str(src),
        "-o",
        str(out),
        "--dask",
        "local",
        "--workers",
        "2",
        "--batch-size",
        "4",
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes() == reference


def test_a_running_scheduler_by_address(corpus, tmp_path):
    src, _ids, reference = corpus
    out = tmp_path / "out.csv"
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=2,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        proc = whosaid(
            "extract",
            str(src),
            "-o",
            str(out),
            "--dask",
            cluster.scheduler_address,
            "--batch-size",
            "4",
            "--no-progress",
        )
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").count("\ndoc0") >= 40


def test_no_scheduler_at_the_address_exits_2(tmp_path):
    proc = whosaid(
        "extract",
        "-",
        "-o",
        str(tmp_path / "o.jsonl"),
        "--dask",
        "tcp://127.0.0.1:9",
        env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"},
    )
    assert proc.returncode == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr
    assert list(tmp_path.iterdir()) == []


def _malloc_trim_threshold() -> str | None:
    import os

    return os.environ.get("MALLOC_TRIM_THRESHOLD_")


def test_local_workers_keep_glibcs_adaptive_malloc_and_the_config_is_restored(
    monkeypatch,
):
    import dask

    # Dask's nannies copy the variable into the environment of the process that
    # starts them, so an earlier cluster in this process leaves it behind.
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    from whosaid.batch.cluster import DaskCluster

    before = dask.config.get("distributed.nanny.pre-spawn-environ")
    with DaskCluster("local", workers=1, task=len) as cluster:
        seen = cluster._client.run(_malloc_trim_threshold)
        assert [results for _, results in cluster.map([[1, 2], [3]])] == [2, 1]
    assert list(seen.values()) == [None]
    assert dask.config.get("distributed.nanny.pre-spawn-environ") == before
    assert "MALLOC_TRIM_THRESHOLD_" in before
