"""``POST /v1/attributions/batch``: NDJSON out, one line per document in input
order; a bad document gets an error line with its id, and the others go on."""

from __future__ import annotations

import json
import logging

import pytest

from tests.api.conftest import TITLES, assert_problem
from whosaid.api import engine as engine_module
from whosaid.api.extension import EXTENSION
from whosaid.api.settings import BATCH_SIZE, MAX_DOCUMENT_BYTES
from whosaid.schemas import RecordSchema

BATCH = "/v1/attributions/batch"
NDJSON = "application/x-ndjson"
QUOTE = "“The dam will hold,” said Maria Lopez."
EMOJI_QUOTE = "Storm 🌊 update: “We are ready,” said Zoë Brandt."


def lines(response) -> list[dict]:
    assert response.status_code == 200
    assert response.mimetype == NDJSON
    return [json.loads(line) for line in response.get_data(as_text=True).splitlines()]


def ndjson(*rows: object) -> bytes:
    return b"".join(
        (row if isinstance(row, bytes) else json.dumps(row).encode()) + b"\n"
        for row in rows
    )


def assert_error_line(line: dict, status: int, *, id: str | None, index: int) -> None:
    assert set(line) == {"id", "index", "error"}
    assert line["id"] == id and line["index"] == index
    error = line["error"]
    assert error["status"] == status and error["title"] == TITLES[status]
    assert error["detail"] and error["request_id"] and error["type"] == "about:blank"
    assert "Traceback" not in json.dumps(line)


def test_json_array_keeps_order_and_ids(client):
    docs = [
        {"id": f"d{n}", "text": QUOTE if n % 2 else "Nothing here."} for n in range(5)
    ]
    out = lines(client.post(BATCH, json=docs))
    assert [r["id"] for r in out] == ["d0", "d1", "d2", "d3", "d4"]
    assert [bool(r["quotes"]) for r in out] == [False, True, False, True, False]
    assert all(RecordSchema().validate(r) == {} for r in out)


def test_ndjson_keeps_order_and_ids_and_skips_blank_lines(client):
    body = ndjson({"id": "b", "text": QUOTE}, {"id": "a", "text": "No quote."})
    body = (
        body.replace(b"\n", b"\r\n", 1) + b"\n  \n" + ndjson({"id": "c", "text": QUOTE})
    )
    out = lines(client.post(BATCH, data=body, content_type=NDJSON))
    assert [r["id"] for r in out] == ["b", "a", "c"]
    assert out[0]["quotes"][0]["text"] == "The dam will hold,"


@pytest.mark.parametrize("as_ndjson", [False, True], ids=["array", "ndjson"])
def test_an_unknown_key_fails_its_document_as_on_the_single_endpoint(client, as_ndjson):
    odd = {"id": "odd", "text": QUOTE, "extra": 1}
    docs = [{"id": "ok1", "text": QUOTE}, odd, {"id": "ok2", "text": QUOTE}]
    if as_ndjson:
        response = client.post(BATCH, data=ndjson(*docs), content_type=NDJSON)
    else:
        response = client.post(BATCH, json=docs)
    out = lines(response)
    assert [line["id"] for line in out] == ["ok1", "odd", "ok2"]
    assert out[0]["quotes"] and out[2]["quotes"]
    assert_error_line(out[1], 422, id="odd", index=1)
    single = client.post("/v1/attributions", json=odd)
    assert single.status_code == 422
    # The same sentence, naming the key, in both places.
    reason = "extra: Unknown field."
    assert reason in out[1]["error"]["detail"]
    assert reason in single.get_json()["detail"]


def test_bad_ndjson_lines_fail_alone(client):
    body = ndjson(
        {"id": "ok1", "text": QUOTE},
        b"{not json",
        {"id": "no-text"},
        ["a", "list"],
        b'{"id": "latin1", "text": "caf\xe9"}',
        {"id": 7, "text": QUOTE},
        {"id": "ok2", "text": QUOTE},
    )
    out = lines(client.post(BATCH, data=body, content_type=NDJSON))
    assert len(out) == 7
    assert out[0]["id"] == "ok1" and out[0]["quotes"]
    assert_error_line(out[1], 400, id=None, index=1)
    assert "Line 2 is not valid JSON" in out[1]["error"]["detail"]
    assert_error_line(out[2], 422, id="no-text", index=2)
    assert "text" in out[2]["error"]["detail"]
    assert_error_line(out[3], 422, id=None, index=3)
    assert_error_line(out[4], 400, id=None, index=4)
    assert "not UTF-8" in out[4]["error"]["detail"]
    assert_error_line(out[5], 422, id=None, index=5)
    assert out[6]["id"] == "ok2" and out[6]["quotes"]


def test_bad_array_items_fail_alone(client):
    docs = [
        {"id": "ok", "text": QUOTE},
        {"id": "x", "text": None},
        "text",
        {"text": QUOTE},
    ]
    out = lines(client.post(BATCH, json=docs))
    assert out[0]["id"] == "ok" and out[0]["quotes"]
    assert_error_line(out[1], 422, id="x", index=1)
    assert_error_line(out[2], 422, id=None, index=2)
    assert out[3]["id"] is None and out[3]["quotes"]


def test_a_json_body_that_is_not_an_array_is_422(client):
    response = client.post(BATCH, json={"id": "a", "text": QUOTE})
    assert assert_problem(response, 422)["errors"] == {
        "json": {"_schema": ["Not an array."]}
    }


def test_a_document_over_the_document_limit_fails_alone(make_app):
    client = make_app(**{MAX_DOCUMENT_BYTES: 60}).test_client()
    docs = [{"id": "big", "text": "x" * 61}, {"id": "ok", "text": QUOTE}]
    out = lines(client.post(BATCH, json=docs))
    assert_error_line(out[0], 413, id="big", index=0)
    assert out[1]["id"] == "ok" and out[1]["quotes"]


def test_options_from_the_query_apply_to_every_document(client):
    docs = [{"id": str(n), "text": EMOJI_QUOTE} for n in range(3)]
    out = lines(client.post(f"{BATCH}?offsets=utf16&kinds=direct", json=docs))
    encoded = EMOJI_QUOTE.encode("utf-16-le")
    for record in out:
        assert record["quotes"]
        for quote in record["quotes"]:
            assert quote["kind"] == "direct"
            piece = encoded[2 * quote["start"] : 2 * quote["end"]].decode("utf-16-le")
            assert piece == quote["text"]


def test_a_document_the_engine_fails_on_gets_a_500_line(client, monkeypatch, caplog):
    real_extract = engine_module.extract

    def fragile_many(items, **kwargs):
        raise RuntimeError("the batch broke")

    def fragile(text, **kwargs):
        if "BOOM" in text:
            raise RuntimeError("secret internals")
        return real_extract(text, **kwargs)

    monkeypatch.setattr(engine_module, "extract_many", fragile_many)
    monkeypatch.setattr(engine_module, "extract", fragile)
    docs = [
        {"id": "a", "text": QUOTE},
        {"id": "bad", "text": "BOOM"},
        {"id": "c", "text": QUOTE},
    ]
    with caplog.at_level(logging.ERROR, logger="whosaid.api"):
        response = client.post(BATCH, json=docs, headers={"X-Request-ID": "batch-42"})
        out = lines(response)
    assert [r["id"] for r in out] == ["a", "bad", "c"]
    assert out[0]["quotes"] and out[2]["quotes"]
    assert_error_line(out[1], 500, id="bad", index=1)
    assert "secret internals" not in response.get_data(as_text=True)
    assert out[1]["error"]["request_id"] == "batch-42"
    logged = [r for r in caplog.records if "batch-42" in r.getMessage()]
    assert logged and "secret internals" in caplog.text


def test_the_answer_streams_a_chunk_at_a_time(make_app, monkeypatch):
    app = make_app(**{BATCH_SIZE: 2})
    engine = app.extensions[EXTENSION]
    calls: list[list] = []
    real = engine.extract_batch

    def spy(items):
        calls.append([doc_id for doc_id, _ in items])
        return real(items)

    monkeypatch.setattr(engine, "extract_batch", spy)
    docs = [{"id": str(n), "text": QUOTE} for n in range(5)]
    response = app.test_client().post(BATCH, json=docs)
    stream = response.iter_encoded()
    first = json.loads(next(stream))
    assert first["id"] == "0"
    assert calls == [["0", "1"]], "only the first chunk is done when line 1 is out"
    rest = [json.loads(line) for line in b"".join(stream).decode().splitlines()]
    assert [r["id"] for r in rest] == ["1", "2", "3", "4"]
    assert calls == [["0", "1"], ["2", "3"], ["4"]]


@pytest.mark.parametrize("body", [b"", b"\n\n"])
def test_an_empty_batch_is_an_empty_answer(client, body):
    assert lines(client.post(BATCH, data=body, content_type=NDJSON)) == []
