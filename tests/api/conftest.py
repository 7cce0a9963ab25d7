"""The REST app for the tests: one per session, on the session's pipeline, and a
factory for apps with other settings (they reuse the same pipeline, so they cost
no model load)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from whosaid.api import create_app
from whosaid.api.requestid import HEADER as REQUEST_ID
from whosaid.api.settings import ENV_CONFIG, FROM_ENVIRONMENT, PIPELINE, TIME_LIMIT

PROBLEM_JSON = "application/problem+json"
TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Request Entity Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Entity",
    500: "Internal Server Error",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}
LEAKS = ("Traceback", 'File "', "Error:", "site-packages")


@pytest.fixture(scope="session")
def make_app(nlp) -> Callable[..., Flask]:
    """``make_app(KEY=value, ...)``: an app with those settings on the shared
    pipeline, whatever the environment says. It runs the pipeline in this process
    (no time limit) unless told otherwise: tests of the extraction process and of
    the limit are in test_isolation.py."""

    def _make(**config: Any) -> Flask:
        with pytest.MonkeyPatch.context() as mp:
            for name in (ENV_CONFIG, *FROM_ENVIRONMENT):
                mp.delenv(name, raising=False)
            return create_app({PIPELINE: lambda: nlp, TIME_LIMIT: None, **config})

    return _make


@pytest.fixture(scope="session")
def app(make_app) -> Flask:
    return make_app()


@pytest.fixture(scope="session")
def client(app) -> FlaskClient:
    return app.test_client()


def assert_problem(response: TestResponse, status: int) -> dict[str, Any]:
    """``response`` is an RFC 9457 problem of ``status``; returns its body."""
    assert response.status_code == status
    assert response.mimetype == PROBLEM_JSON
    body = response.get_json(force=True)
    assert body["status"] == status
    assert body["title"] == TITLES[status]
    assert body["type"] == "about:blank"
    assert isinstance(body["detail"], str) and body["detail"]
    assert body["instance"] == response.request.path
    assert body["request_id"] and body["request_id"] == response.headers[REQUEST_ID]
    text = response.get_data(as_text=True)
    assert not any(leak in text for leak in LEAKS), text
    return body


# How long a client keeps retrying a 503 while the next extraction process loads.
FREE_WITHIN = 120


def post_until_free(client: FlaskClient, text: str) -> TestResponse:
    """What a client is told to do with a 503 and Retry-After: try again, while
    the next extraction process loads."""
    give_up = time.monotonic() + FREE_WITHIN
    while True:
        response = client.post("/v1/attributions", json={"text": text})
        busy = response.status_code == 503 and "Retry-After" in response.headers
        if not busy or time.monotonic() > give_up:
            return response
        time.sleep(0.5)
