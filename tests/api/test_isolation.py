"""The time limit: the pipeline runs in an extraction process that the worker
kills and replaces when a document overruns or the process dies, so that no
document hangs a worker, and the worker goes on serving.

The documents that misbehave carry markers that ``tests.api.pipelines.trouble``
acts on. Durations are bounded generously ("answered, not hung"), never timed.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from tests.api import pipelines
from tests.api.conftest import FREE_WITHIN, assert_problem, post_until_free
from tests.api.pipelines import blank
from whosaid.api import create_app
from whosaid.api.engine import READY, Busy, Engine
from whosaid.api.extension import EXTENSION
from whosaid.api.isolation import LoadFailed
from whosaid.api.settings import (
    BATCH_SIZE,
    DEFAULTS,
    ENV_CONFIG,
    FROM_ENVIRONMENT,
    LOAD_IN_BACKGROUND,
    PIPELINE,
    TIME_LIMIT,
)

ONE = "/v1/attributions"
BATCH = "/v1/attributions/batch"
HEALTH = "/v1/health"
QUOTE = "“The dam will hold,” said Maria Lopez, the city engineer."
LIMIT = 3.0
# An answer comes at about the limit; this only tells "answered" from "hung".
ANSWERED_WITHIN = LIMIT + 60
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def isolated(make_app):
    app = make_app(**{PIPELINE: pipelines.troubled, TIME_LIMIT: LIMIT, BATCH_SIZE: 2})
    yield app
    app.extensions[EXTENSION].close()


@pytest.fixture(scope="module")
def engine(isolated) -> Engine:
    return isolated.extensions[EXTENSION]


@pytest.fixture(scope="module")
def iclient(isolated):
    return isolated.test_client()


def gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_the_default_is_a_limited_isolated_engine():
    assert DEFAULTS[TIME_LIMIT] == 30.0


@pytest.mark.parametrize(
    ("value", "limit"), [("12.5", 12.5), ("0", None), ("off", None), (" ", None)]
)
def test_the_time_limit_comes_from_the_environment(monkeypatch, nlp, value, limit):
    for name in (ENV_CONFIG, *FROM_ENVIRONMENT):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(TIME_LIMIT, value)
    app = create_app({PIPELINE: lambda: nlp} if limit is None else {PIPELINE: blank})
    try:
        assert app.config[TIME_LIMIT] == limit
        assert app.extensions[EXTENSION].isolated is (limit is not None)
    finally:
        app.extensions[EXTENSION].close()


@pytest.mark.parametrize("value", [-1, "30", True, [3]])
def test_a_bad_time_limit_is_refused_at_startup(make_app, value):
    with pytest.raises(ValueError, match=TIME_LIMIT):
        make_app(**{TIME_LIMIT: value})


def test_an_unreadable_time_limit_in_the_environment_is_refused(monkeypatch):
    monkeypatch.delenv(ENV_CONFIG, raising=False)
    monkeypatch.setenv(TIME_LIMIT, "thirty")
    with pytest.raises(ValueError, match=TIME_LIMIT):
        create_app({PIPELINE: blank})


def test_the_pipeline_runs_in_another_process(engine):
    assert engine.state == READY and engine.isolated
    assert engine.process_id not in (None, os.getpid())
    assert engine.max_length == 1_000_000


def test_records_are_those_the_worker_would_make(iclient, client):
    text = QUOTE + "\n\nAccording to officials, the road will reopen on Monday."
    mine = post_until_free(iclient, text)
    assert mine.status_code == 200
    assert mine.get_json() == client.post(ONE, json={"text": text}).get_json()


def test_a_document_over_the_limit_is_504_and_the_next_is_served(iclient, engine):
    before = engine.process_id
    started = time.monotonic()
    response = iclient.post(ONE, json={"text": f"{pipelines.SLEEP} {QUOTE}"})
    assert time.monotonic() - started < ANSWERED_WITHIN
    body = assert_problem(response, 504)
    assert "time limit of 3 s" in body["detail"]
    assert engine.process_id != before and gone(before)
    assert post_until_free(iclient, QUOTE).status_code == 200


def test_a_crash_is_500_and_the_next_document_is_served(iclient, engine, caplog):
    before = engine.process_id
    response = iclient.post(ONE, json={"text": f"{pipelines.DIE} {QUOTE}"})
    assert_problem(response, 500)
    assert engine.process_id != before
    assert f"exit code {pipelines.CRASH_EXIT_CODE}" in caplog.text
    assert post_until_free(iclient, QUOTE).status_code == 200


def test_a_process_that_died_idle_costs_no_document_a_500(iclient, engine):
    post_until_free(iclient, QUOTE)
    victim = engine.process_id
    os.kill(victim, signal.SIGKILL)  # the OOM killer, between two requests
    give_up = time.monotonic() + FREE_WITHIN
    while not gone(victim) and time.monotonic() < give_up:
        time.sleep(0.1)
    first = iclient.post(ONE, json={"text": QUOTE})
    assert first.status_code in (200, 503)  # served, or "retry": never a 500
    assert post_until_free(iclient, QUOTE).status_code == 200
    assert engine.process_id != victim


def test_an_engine_error_is_500_and_the_process_lives_on(iclient, engine, caplog):
    post_until_free(iclient, QUOTE)
    before = engine.process_id
    with caplog.at_level(logging.ERROR):
        response = iclient.post(ONE, json={"text": f"{pipelines.RAISE} {QUOTE}"})
    assert_problem(response, 500)
    assert "the engine broke on this document" in caplog.text  # child's traceback
    assert engine.process_id == before
    assert iclient.post(ONE, json={"text": QUOTE}).status_code == 200


def test_a_batch_loses_only_the_documents_at_fault(iclient):
    texts = [
        QUOTE,
        f"{pipelines.SLEEP} {QUOTE}",
        QUOTE,
        f"{pipelines.DIE} {QUOTE}",
        QUOTE,
        f"{pipelines.RAISE} {QUOTE}",
    ]
    docs = [{"id": f"d{n}", "text": text} for n, text in enumerate(texts)]
    started = time.monotonic()
    response = iclient.post(BATCH, json=docs)
    lines = [line for line in response.get_data(as_text=True).splitlines() if line]
    assert time.monotonic() - started < ANSWERED_WITHIN * len(docs)
    out = [json.loads(line) for line in lines]
    assert [o["id"] for o in out] == [d["id"] for d in docs]
    statuses = [o["error"]["status"] if "error" in o else 200 for o in out]
    assert statuses == [200, 504, 200, 500, 200, 500]
    assert all(o["quotes"] for o in out if "quotes" in o)


def test_a_batch_line_is_503_when_the_engine_cannot_take_it(
    iclient, engine, monkeypatch
):
    """Still loading after a restart, say: the line says retry, the stream goes on."""

    def busy(*args, **kwargs):
        raise Busy("the extraction process is still starting")

    post_until_free(iclient, QUOTE)
    monkeypatch.setattr(engine._process, "extract_many", busy)
    monkeypatch.setattr(engine._process, "extract", busy)
    docs = [{"id": "a", "text": QUOTE}, {"id": "b", "text": QUOTE}]
    response = iclient.post(BATCH, json=docs)
    out = [json.loads(line) for line in response.get_data().split(b"\n") if line]
    assert [o["id"] for o in out] == ["a", "b"]
    assert [o["error"]["status"] for o in out] == [503, 503]
    assert all("busy" in o["error"]["detail"] for o in out)


def test_a_request_that_cannot_get_the_engine_in_time_is_503(iclient, engine):
    post_until_free(iclient, QUOTE)
    with engine._lock:  # another request holds the engine for longer than the limit
        started = time.monotonic()
        response = iclient.post(ONE, json={"text": QUOTE})
        assert time.monotonic() - started < ANSWERED_WITHIN
    body = assert_problem(response, 503)
    assert "busy" in body["detail"]
    assert response.headers["Retry-After"].isdigit()


def test_health_is_answered_while_a_document_overruns(iclient):
    post_until_free(iclient, QUOTE)
    slow = threading.Thread(
        target=iclient.post, args=(ONE,), kwargs={"json": {"text": pipelines.SLEEP}}
    )
    slow.start()
    try:
        time.sleep(0.5)
        assert iclient.get(HEALTH).status_code == 200
    finally:
        slow.join(ANSWERED_WITHIN)
    assert not slow.is_alive()


def test_a_pipeline_that_cannot_be_built_stops_the_factory(make_app):
    with pytest.raises(LoadFailed, match="model missing"):
        make_app(**{PIPELINE: pipelines.missing, TIME_LIMIT: LIMIT})


def test_in_the_background_a_failed_build_is_503_for_good(make_app):
    app = make_app(
        **{PIPELINE: pipelines.missing, TIME_LIMIT: LIMIT, LOAD_IN_BACKGROUND: True}
    )
    engine = app.extensions[EXTENSION]
    assert engine.wait(FREE_WITHIN)
    body = assert_problem(app.test_client().post(ONE, json={"text": "x"}), 503)
    assert "failed to load" in body["detail"]


def test_a_closure_cannot_be_the_pipeline_with_a_time_limit(make_app, nlp):
    with pytest.raises(ValueError, match="module-level function"):
        make_app(**{PIPELINE: lambda: nlp, TIME_LIMIT: LIMIT})


def test_the_extraction_process_stops_with_its_engine():
    engine = Engine(pipelines.blank, batch_size=1, time_limit=LIMIT)
    engine.load()
    pid = engine.process_id
    assert pid is not None and not gone(pid)
    engine.close()
    assert gone(pid)


def test_the_extraction_process_stops_when_its_worker_is_killed():
    """A worker killed outright (SIGKILL) leaves no extraction process behind."""
    code = (
        "import os, signal\n"
        "from tests.api.pipelines import blank\n"
        "from whosaid.api.isolation import ExtractionProcess\n"
        "process = ExtractionProcess(blank)\n"
        "process.start()\n"
        "print(process.pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    worker = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True
    )
    child = int(worker.stdout.strip())
    give_up = time.monotonic() + FREE_WITHIN
    while not gone(child) and time.monotonic() < give_up:
        time.sleep(0.2)
    assert gone(child)
