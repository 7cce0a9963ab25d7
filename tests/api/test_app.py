"""``create_app``: layered configuration, the pipeline built once and kept in
``app.extensions``, request ids, and problem+json for routing errors and crashes."""

from __future__ import annotations

import json
import logging

import pytest
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from tests.api.conftest import assert_problem
from whosaid.api import create_app
from whosaid.api.engine import Engine
from whosaid.api.extension import EXTENSION
from whosaid.api.settings import (
    BATCH_SIZE,
    DEFAULTS,
    ENV_CONFIG,
    MAX_BATCH_BYTES,
    MAX_DOCUMENT_BYTES,
    PIPELINE,
)


@pytest.fixture
def counted(nlp):
    """A pipeline factory that counts its calls."""
    calls = []

    def build():
        calls.append(1)
        return nlp

    build.calls = calls
    return build


def test_defaults(app):
    assert app.config[MAX_DOCUMENT_BYTES] == 1_000_000
    assert app.config[MAX_BATCH_BYTES] == 20_000_000
    assert app.config[BATCH_SIZE] == DEFAULTS[BATCH_SIZE]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("settings.json", json.dumps({MAX_DOCUMENT_BYTES: 5000, BATCH_SIZE: 4})),
        ("settings.toml", f"{MAX_DOCUMENT_BYTES} = 5000\n{BATCH_SIZE} = 4\n"),
        ("settings.py", f"{MAX_DOCUMENT_BYTES} = 5000\n{BATCH_SIZE} = 4\n"),
    ],
)
def test_the_file_in_whosaid_config_overrides_defaults(
    tmp_path, monkeypatch, counted, name, content
):
    path = tmp_path / name
    path.write_text(content)
    monkeypatch.setenv(ENV_CONFIG, str(path))
    app = create_app({PIPELINE: counted, BATCH_SIZE: 8})
    assert app.config[MAX_DOCUMENT_BYTES] == 5000  # from the file
    assert app.config[BATCH_SIZE] == 8  # the mapping wins over the file
    assert app.config[MAX_BATCH_BYTES] == DEFAULTS[MAX_BATCH_BYTES]


def test_a_missing_config_file_is_an_error(tmp_path, monkeypatch, counted):
    monkeypatch.setenv(ENV_CONFIG, str(tmp_path / "absent.py"))
    with pytest.raises(OSError):
        create_app({PIPELINE: counted})


@pytest.mark.parametrize("value", [0, -1, "big", True])
def test_a_bad_limit_is_refused_at_startup(counted, value):
    with pytest.raises(ValueError, match=MAX_DOCUMENT_BYTES):
        create_app({PIPELINE: counted, MAX_DOCUMENT_BYTES: value})


def test_the_pipeline_is_built_once_and_kept_in_extensions(counted, monkeypatch):
    monkeypatch.delenv(ENV_CONFIG, raising=False)
    app = create_app({PIPELINE: counted})
    client = app.test_client()
    for _ in range(3):
        assert (
            client.post(
                "/v1/attributions", json={"text": "“Yes,” he said."}
            ).status_code
            == 200
        )
    assert (
        client.post("/v1/attributions/batch", json=[{"text": "No."}]).status_code == 200
    )
    assert len(counted.calls) == 1
    assert isinstance(app.extensions[EXTENSION], Engine)


def test_a_pipeline_that_fails_to_load_stops_the_factory(monkeypatch):
    monkeypatch.delenv(ENV_CONFIG, raising=False)

    def broken():
        raise OSError("model missing")

    with pytest.raises(OSError, match="model missing"):
        create_app({PIPELINE: broken})


def test_an_incoming_request_id_is_honoured(client):
    response = client.get("/v1/version", headers={"X-Request-ID": "abc-123"})
    assert response.headers["X-Request-ID"] == "abc-123"


@pytest.mark.parametrize(
    "incoming", [None, "", "x" * 200, "evil\nINFO forged line", "a b"]
)
def test_a_missing_or_unsafe_request_id_is_replaced(client, incoming):
    # Set in the WSGI environ: the test client refuses a newline in a header.
    environ = {} if incoming is None else {"HTTP_X_REQUEST_ID": incoming}
    response = client.get("/v1/version", environ_overrides=environ)
    rid = response.headers["X-Request-ID"]
    assert rid and rid != incoming and len(rid) == 32


def test_each_request_gets_its_own_id(client):
    first = client.get("/v1/version").headers["X-Request-ID"]
    assert client.get("/v1/version").headers["X-Request-ID"] != first


def test_an_unknown_path_is_404(client):
    response = client.get("/v2/attributions")
    assert_problem(response, 404)


def test_a_wrong_method_is_405_with_allow(client):
    response = client.get("/v1/attributions")
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]
    assert_problem(client.delete("/v1/health"), 405)


def test_a_crash_is_a_500_problem_and_logged_with_the_request_id(
    make_app, monkeypatch, caplog
):
    app = make_app()
    engine = app.extensions[EXTENSION]

    def crash(text, id=None):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(engine, "extract", crash)
    with caplog.at_level(logging.ERROR, logger="whosaid.api"):
        response = app.test_client().post(
            "/v1/attributions", json={"text": "x"}, headers={"X-Request-ID": "crash-1"}
        )
    body = assert_problem(response, 500)
    assert "secret internals" not in response.get_data(as_text=True)
    assert body["request_id"] == "crash-1"
    crash_logs = [
        r for r in caplog.records if r.exc_info and "crash-1" in r.getMessage()
    ]
    assert crash_logs and "secret internals" in caplog.text


class _Query(Schema):
    page = fields.Integer(required=True)


def test_flask_smorest_errors_are_problems_too(make_app):
    """Its own argument parser (webargs) and its abort, for future views."""
    app = make_app()
    blp = Blueprint("probe", __name__, url_prefix="/probe")

    @blp.route("")
    class Probe(MethodView):
        @blp.arguments(_Query, location="query")
        def get(self, args):
            from flask_smorest import abort

            abort(409, message="already there")

    app.extensions["flask-smorest"]["apis"][""]["ext_obj"].register_blueprint(blp)
    client = app.test_client()
    invalid = assert_problem(client.get("/probe?page=x"), 422)
    assert invalid["errors"]["query"]["page"]
    conflict = client.get("/probe?page=1")
    assert (
        conflict.status_code == 409 and conflict.mimetype == "application/problem+json"
    )
    assert conflict.get_json()["detail"] == "already there"
