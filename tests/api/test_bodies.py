"""Request bodies: 415 for the wrong type, 413 over the limit, 400 for bytes that
are not UTF-8 or not JSON, each as a problem."""

from __future__ import annotations

import io
import json

import pytest

from tests.api.conftest import assert_problem
from whosaid.api.settings import MAX_BATCH_BYTES, MAX_DOCUMENT_BYTES

ONE = "/v1/attributions"
BATCH = "/v1/attributions/batch"
QUOTE = "“The dam will hold,” said Maria Lopez."


@pytest.fixture(scope="module")
def small(make_app):
    """A client whose limits are 100 bytes a document and 300 a batch."""
    return make_app(**{MAX_DOCUMENT_BYTES: 100, MAX_BATCH_BYTES: 300}).test_client()


@pytest.mark.parametrize("path", [ONE, BATCH])
def test_malformed_json_is_400(client, path):
    response = client.post(
        path, data='{"text": "unclosed', content_type="application/json"
    )
    body = assert_problem(response, 400)
    assert "not valid JSON" in body["detail"]


@pytest.mark.parametrize("path", [ONE, BATCH])
def test_nan_is_not_json(client, path):
    response = client.post(path, data='{"text": NaN}', content_type="application/json")
    assert "not valid JSON" in assert_problem(response, 400)["detail"]


def test_nesting_too_deep_for_the_parser_is_400_not_500(client):
    response = client.post(ONE, data="[" * 200_000, content_type="application/json")
    assert "nested too deeply" in assert_problem(response, 400)["detail"]


@pytest.mark.parametrize(
    ("path", "content_type", "data"),
    [
        (ONE, "text/plain", "caf\xe9 said".encode("latin-1")),
        (ONE, "application/json", b'{"text": "caf\xe9"}'),
        (BATCH, "application/json", b'[{"id": "a", "text": "caf\xe9"}]'),
    ],
)
def test_a_body_that_is_not_utf8_is_400(client, path, content_type, data):
    response = client.post(path, data=data, content_type=content_type)
    body = assert_problem(response, 400)
    assert "not UTF-8" in body["detail"]


def test_a_document_over_the_limit_is_413(small):
    response = small.post(ONE, data="x" * 101, content_type="text/plain")
    body = assert_problem(response, 413)
    assert "100 bytes" in body["detail"]
    assert small.post(ONE, data="x" * 100, content_type="text/plain").status_code == 200


def test_a_batch_over_the_limit_is_413(small):
    docs = [{"id": str(n), "text": "Nothing quoted."} for n in range(10)]
    response = small.post(BATCH, json=docs)
    body = assert_problem(response, 413)
    assert "300 bytes" in body["detail"]


def test_the_limit_holds_for_a_body_sent_without_content_length(small):
    """A chunked body has no Content-Length: the bytes themselves are counted."""

    def post(size: int):
        return small.post(
            ONE,
            input_stream=io.BytesIO(b"x" * size),
            content_type="text/plain",
            environ_overrides={"wsgi.input_terminated": True},
        )

    assert_problem(post(101), 413)
    assert_problem(post(5000), 413)
    assert post(100).status_code == 200


def test_a_lying_small_content_length_reads_no_further(small):
    response = small.post(
        ONE,
        data="x" * 500,
        content_type="text/plain",
        environ_overrides={"CONTENT_LENGTH": "10"},
    )
    assert response.status_code == 200


def test_a_content_length_over_the_limit_is_refused_before_reading(small):
    response = small.post(
        ONE,
        input_stream=io.BytesIO(b""),
        content_type="text/plain",
        environ_overrides={"CONTENT_LENGTH": str(10**9)},
    )
    assert_problem(response, 413)


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        (ONE, "application/xml"),
        (ONE, "application/x-ndjson"),
        (BATCH, "text/plain"),
        (ONE, "multipart/form-data; boundary=x"),
    ],
)
def test_an_unsupported_content_type_is_415(client, path, content_type):
    response = client.post(path, data=b"<text/>", content_type=content_type)
    body = assert_problem(response, 415)
    assert content_type.split(";")[0] in body["detail"]


def test_no_content_type_is_415(client):
    response = client.post(ONE, data=json.dumps({"text": QUOTE}))
    assert "no Content-Type" in assert_problem(response, 415)["detail"]


def test_a_charset_other_than_utf8_is_415(client):
    response = client.post(
        ONE, data=QUOTE.encode("utf-16"), content_type="text/plain; charset=utf-16"
    )
    assert "UTF-8" in assert_problem(response, 415)["detail"]


def test_an_explicit_utf8_charset_is_fine(client):
    response = client.post(
        ONE, data=QUOTE.encode(), content_type="text/plain; charset=UTF-8"
    )
    assert response.status_code == 200
    assert response.get_json()["quotes"]


def test_a_byte_order_mark_before_json_is_ignored(client):
    data = "\ufeff".encode() + json.dumps({"text": QUOTE}).encode()
    response = client.post(ONE, data=data, content_type="application/json")
    assert response.status_code == 200
    assert response.get_json()["quotes"][0]["text"] == "The dam will hold,"
