"""``GET /v1/health``: 200 once the pipeline is loaded, 503 before (and after a
failed load), so that a load balancer sends no text to a worker still loading."""

from __future__ import annotations

import threading

import pytest

from tests.api.conftest import assert_problem
from whosaid.api.engine import FAILED, LOADING, READY
from whosaid.api.extension import EXTENSION
from whosaid.api.settings import LOAD_IN_BACKGROUND, PIPELINE

HEALTH = "/v1/health"
WAIT_SECONDS = 30  # a ceiling for a stuck thread, not a timing under test


def test_ready_is_200(client):
    response = client.get(HEALTH)
    assert response.status_code == 200
    assert response.get_json() == {"status": READY}


def test_503_while_loading_then_200(make_app, nlp):
    release = threading.Event()

    def slow_build():
        release.wait(WAIT_SECONDS)
        return nlp

    app = make_app(**{LOAD_IN_BACKGROUND: True, PIPELINE: slow_build})
    engine = app.extensions[EXTENSION]
    client = app.test_client()
    try:
        assert engine.state == LOADING
        body = assert_problem(client.get(HEALTH), 503)
        assert "loading" in body["detail"]
        assert client.get(HEALTH).headers["Retry-After"].isdigit()
        assert_problem(client.post("/v1/attributions", json={"text": "x"}), 503)
        assert client.get("/v1/version").status_code == 200  # needs no pipeline
    finally:
        release.set()
    assert engine.wait(WAIT_SECONDS)
    assert client.get(HEALTH).status_code == 200
    assert client.post("/v1/attributions", json={"text": "x"}).status_code == 200


def test_503_for_good_when_the_pipeline_failed_to_load(make_app, caplog):
    def broken():
        raise OSError("model missing")

    app = make_app(**{LOAD_IN_BACKGROUND: True, PIPELINE: broken})
    engine = app.extensions[EXTENSION]
    assert engine.wait(WAIT_SECONDS)
    assert engine.state == FAILED
    body = assert_problem(app.test_client().get(HEALTH), 503)
    assert "failed to load" in body["detail"]
    assert "model missing" in caplog.text


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_health_only_answers_get(client, method):
    assert_problem(getattr(client, method)(HEALTH), 405)
