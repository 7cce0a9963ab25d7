"""Access: the API key (bearer) and CORS, and how both are configured and
documented."""

from __future__ import annotations

import hmac

import pytest

from tests.api.conftest import assert_problem
from whosaid.api import access, create_app
from whosaid.api.settings import (
    API_KEY,
    CORS_ORIGINS,
    ENV_CONFIG,
    PIPELINE,
    TIME_LIMIT,
)

KEY = "s3cr3t-key_for.tests~0123456789"
ONE = "/v1/attributions"
QUOTE = "“The dam will hold,” said Maria Lopez."
ORIGIN = "https://newsroom.example.org"
PROTECTED = [
    ("post", ONE, {"json": {"text": QUOTE}}),
    ("post", "/v1/attributions/batch", {"json": [{"id": "a", "text": QUOTE}]}),
    ("get", "/v1/version", {}),
]


def bearer(key: str = KEY) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture(scope="module")
def keyed(make_app):
    return make_app(**{API_KEY: KEY}).test_client()


@pytest.fixture(scope="module")
def cors(make_app):
    return make_app(**{API_KEY: KEY, CORS_ORIGINS: [ORIGIN]}).test_client()


@pytest.mark.parametrize(("method", "path", "kwargs"), PROTECTED)
def test_without_the_key_every_v1_endpoint_is_401(keyed, method, path, kwargs):
    response = getattr(keyed, method)(path, **kwargs)
    body = assert_problem(response, 401)
    assert "Authorization: Bearer" in body["detail"]
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="whosaid"'


@pytest.mark.parametrize(("method", "path", "kwargs"), PROTECTED)
def test_with_the_key_every_v1_endpoint_answers(keyed, method, path, kwargs):
    response = getattr(keyed, method)(path, headers=bearer(), **kwargs)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "authorization",
    [
        f"Bearer {KEY}x",
        f"Bearer {KEY[:-1]}",
        "Bearer wrong",
        f"Basic {KEY}",
        KEY,
        "Bearer ",
        f"Bearer\t{KEY}",
    ],
)
def test_a_wrong_key_or_scheme_is_401(keyed, authorization):
    response = keyed.get("/v1/version", headers={"Authorization": authorization})
    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_wrong_key_is_told_invalid_token(keyed):
    response = keyed.get("/v1/version", headers=bearer("not-the-key-at-all-0000"))
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]
    assert "not valid" in assert_problem(response, 401)["detail"]


def test_the_scheme_is_case_insensitive(keyed):
    response = keyed.get("/v1/version", headers={"Authorization": f"bearer {KEY}"})
    assert response.status_code == 200


def test_health_and_the_spec_need_no_key(keyed):
    assert keyed.get("/v1/health").status_code == 200
    assert keyed.get("/openapi.json").status_code == 200


def test_an_unknown_v1_path_is_401_without_the_key_and_404_with_it(keyed):
    assert_problem(keyed.get("/v1/secret"), 401)
    assert_problem(keyed.get("/v1/secret", headers=bearer()), 404)


def test_the_key_is_asked_for_before_the_body_is_read(keyed):
    response = keyed.post(ONE, data=b"x" * 2_000_000, content_type="text/plain")
    assert_problem(response, 401)


def test_the_key_is_compared_in_constant_time(keyed, monkeypatch):
    compared = []
    real = hmac.compare_digest

    def compare(a, b):
        compared.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(access.hmac, "compare_digest", compare)
    keyed.get("/v1/version", headers=bearer("short-wrong-key-000"))
    keyed.get("/v1/version", headers=bearer())
    # Digests, so both sides have one length whatever the key sent.
    assert compared == [(32, 32), (32, 32)]


def test_without_a_key_the_service_is_open(client):
    assert client.get("/v1/version").status_code == 200


def test_the_key_comes_from_the_environment(monkeypatch, nlp):
    monkeypatch.delenv(ENV_CONFIG, raising=False)
    monkeypatch.setenv(API_KEY, KEY)
    app = create_app({PIPELINE: lambda: nlp, TIME_LIMIT: None})
    client = app.test_client()
    assert_problem(client.get("/v1/version"), 401)
    assert client.get("/v1/version", headers=bearer()).status_code == 200


@pytest.mark.parametrize("key", ["short", "has space in it 0123", 12345678901234567])
def test_an_unusable_key_is_refused_at_startup_without_showing_it(make_app, key):
    with pytest.raises(ValueError, match=API_KEY) as caught:
        make_app(**{API_KEY: key})
    assert str(key) not in str(caught.value)


def test_an_empty_key_is_refused_rather_than_taken_as_none(make_app, monkeypatch, nlp):
    """``WHOSAID_API_KEY=${KEY}`` with KEY unset must not open a closed service."""
    with pytest.raises(ValueError, match=f"{API_KEY} is empty"):
        make_app(**{API_KEY: ""})
    monkeypatch.delenv(ENV_CONFIG, raising=False)
    monkeypatch.setenv(API_KEY, "")
    with pytest.raises(ValueError, match=f"{API_KEY} is empty"):
        create_app({PIPELINE: lambda: nlp, TIME_LIMIT: None})


def test_no_cors_headers_by_default(keyed):
    response = keyed.get("/v1/health", headers={"Origin": ORIGIN})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_a_configured_origin_gets_its_preflight_answered(cors):
    response = cors.options(
        ONE,
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert response.status_code == 200  # no key needed: a preflight carries none
    assert response.headers["Access-Control-Allow-Origin"] == ORIGIN
    allowed = response.headers["Access-Control-Allow-Headers"].lower()
    assert "authorization" in allowed and "content-type" in allowed
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert response.headers["Access-Control-Max-Age"] == "600"


def test_a_configured_origin_gets_the_headers_on_answers_and_errors(cors):
    ok = cors.post(ONE, json={"text": QUOTE}, headers={"Origin": ORIGIN, **bearer()})
    assert ok.status_code == 200
    assert ok.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "X-Request-ID" in ok.headers["Access-Control-Expose-Headers"]
    refused = cors.post(ONE, json={"text": QUOTE}, headers={"Origin": ORIGIN})
    assert_problem(refused, 401)
    assert refused.headers["Access-Control-Allow-Origin"] == ORIGIN


def test_another_origin_gets_no_cors_headers(cors):
    response = cors.options(
        ONE,
        headers={
            "Origin": "https://elsewhere.example.com",
            "Access-Control-Request-Method": "POST",
        },
    )
    assert "Access-Control-Allow-Origin" not in response.headers


def test_origins_come_from_the_environment(monkeypatch, nlp):
    monkeypatch.delenv(ENV_CONFIG, raising=False)
    monkeypatch.setenv(CORS_ORIGINS, f"{ORIGIN}, http://localhost:3000")
    app = create_app({PIPELINE: lambda: nlp, TIME_LIMIT: None})
    assert app.config[CORS_ORIGINS] == [ORIGIN, "http://localhost:3000"]
    response = app.test_client().get(
        "/v1/health", headers={"Origin": "http://localhost:3000"}
    )
    assert response.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"


@pytest.mark.parametrize(
    "origin", ["newsroom.example.org", "https://x.org/path", "https://*.x.org", ""]
)
def test_something_that_is_not_an_origin_is_refused_at_startup(make_app, origin):
    with pytest.raises(ValueError, match=CORS_ORIGINS):
        make_app(**{CORS_ORIGINS: [origin]})


def test_the_spec_documents_the_bearer_scheme(client):
    spec = client.get("/openapi.json").get_json()
    scheme = spec["components"]["securitySchemes"][access.SCHEME]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"
    assert spec["security"] == [{access.SCHEME: []}]
    for path, operations in spec["paths"].items():
        for operation in operations.values():
            if path == "/v1/health":
                assert operation["security"] == []
            else:
                assert "401" in operation["responses"]
