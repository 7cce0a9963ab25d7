"""``POST /v1/attributions``: JSON or plain text in, the record out, shaped by the
options; 422 for a body that breaks the schema."""

from __future__ import annotations

import json

import pytest

from tests.api.conftest import assert_problem
from whosaid.schemas import RecordSchema

ONE = "/v1/attributions"
QUOTE = "“The dam will hold,” said Maria Lopez, the city engineer."
# Emoji (two UTF-16 code units each, one code point) and accented letters before
# and inside the quotes, a nested quote, a reported quote, several sources.
EMOJI_TEXT = (
    "Café 🌊 news: “The café is closed,” said Zoë Brandt, the owner. 👍🏽 Later that "
    "day: “He told me ‘never again’ on Monday,” Brandt said. 🎉 Officials said the "
    "street would reopen."
)
MIXED_KINDS = (
    "“We will rebuild,” the mayor said. Officials said the bridge was safe. "
    "“It is over,” said Ana Ruiz."
)


def spans(record: dict) -> list[dict]:
    """Every start/end pair in a record, with the text it should slice."""
    out = []
    for quote in record["quotes"]:
        out.append(quote)
        out.extend(quote["nested"])
        if quote["cue"]:
            out.append(quote["cue"])
        if quote["speaker"]:
            out.append(quote["speaker"]["mention"])
    for source in record["sources"]:
        out.extend(source["mentions"])
    return out


def test_json_body_gives_the_record(client):
    response = client.post(ONE, json={"text": QUOTE, "id": "a1"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    record = response.get_json()
    assert RecordSchema().validate(record) == {}
    assert record["id"] == "a1"
    assert record["quotes"][0]["text"] == "The dam will hold,"
    assert list(record) == ["id", "quotes", "sources", "source_mix", "declined"]


def test_plain_text_body_gives_the_same_record(client):
    as_text = client.post(ONE, data=QUOTE.encode(), content_type="text/plain")
    as_json = client.post(ONE, json={"text": QUOTE})
    assert as_text.status_code == 200
    assert as_text.get_json() == as_json.get_json()


def test_utf16_offsets_slice_the_utf16_encoding(client):
    response = client.post(
        ONE, json={"text": EMOJI_TEXT, "options": {"offsets": "utf16"}}
    )
    assert response.status_code == 200
    record = response.get_json()
    found = spans(record)
    assert record["quotes"] and found
    encoded = EMOJI_TEXT.encode("utf-16-le")
    for span in found:
        piece = encoded[2 * span["start"] : 2 * span["end"]].decode("utf-16-le")
        assert piece == span["text"], span
    # The emoji really moved them: code points would slice wrongly.
    assert any(EMOJI_TEXT[s["start"] : s["end"]] != s["text"] for s in found)


def test_codepoint_offsets_are_the_default(client):
    record = client.post(ONE, json={"text": EMOJI_TEXT}).get_json()
    for span in spans(record):
        assert EMOJI_TEXT[span["start"] : span["end"]] == span["text"]


def test_options_in_the_query_string_work_for_plain_text(client):
    response = client.post(
        f"{ONE}?offsets=utf16", data=EMOJI_TEXT.encode(), content_type="text/plain"
    )
    encoded = EMOJI_TEXT.encode("utf-16-le")
    for span in spans(response.get_json()):
        assert (
            encoded[2 * span["start"] : 2 * span["end"]].decode("utf-16-le")
            == (span["text"])
        )


def test_body_options_override_the_query_string(client):
    response = client.post(
        f"{ONE}?offsets=utf16",
        json={"text": EMOJI_TEXT, "options": {"offsets": "codepoint"}},
    )
    for span in spans(response.get_json()):
        assert EMOJI_TEXT[span["start"] : span["end"]] == span["text"]


def test_kinds_keeps_only_those_quotes_and_their_sources(client):
    everything = client.post(ONE, json={"text": MIXED_KINDS}).get_json()
    kinds = {q["kind"] for q in everything["quotes"]}
    assert {"direct", "indirect"} <= kinds, "the engine should find both kinds here"
    record = client.post(
        ONE, json={"text": MIXED_KINDS, "options": {"kinds": ["direct"]}}
    ).get_json()
    assert record["quotes"]
    assert {q["kind"] for q in record["quotes"]} == {"direct"}
    quote_ids = {q["id"] for q in record["quotes"]}
    speakers = {q["speaker"]["source_id"] for q in record["quotes"] if q["speaker"]}
    assert {s["id"] for s in record["sources"]} == speakers
    for source in record["sources"]:
        assert set(source["quote_ids"]) <= quote_ids and source["quote_ids"]
    mix = record["source_mix"]
    assert mix["quotes"] == len(record["quotes"])
    assert mix["sources"] == len(record["sources"])
    assert mix["quotes"] < everything["source_mix"]["quotes"]


def test_kinds_in_the_query_string_may_be_comma_separated(client):
    response = client.post(
        f"{ONE}?kinds=indirect,mixed",
        data=MIXED_KINDS.encode(),
        content_type="text/plain",
    )
    kinds = {q["kind"] for q in response.get_json()["quotes"]}
    assert kinds and kinds <= {"indirect", "mixed"}


TWO_CUES = (
    "The mayor said the bridge will reopen in May. "
    "The council wrote that the tolls will stay."
)


def test_min_confidence_in_the_body_and_the_query(client):
    every = client.post(
        ONE, json={"text": TWO_CUES, "options": {"min_confidence": 0}}
    ).get_json()
    assert len(every["quotes"]) == 2
    none = client.post(f"{ONE}?min_confidence=1", json={"text": TWO_CUES}).get_json()
    assert none["quotes"] == [] and none["sources"] == []
    assert none["source_mix"]["sources"] == 0


def test_the_default_threshold_is_the_one_chosen_on_dev_data(client):
    from whosaid.filters import default_min_confidence

    record = client.post(ONE, json={"text": TWO_CUES}).get_json()
    assert all(q["confidence"] >= default_min_confidence() for q in record["quotes"])


def test_cue_types_in_the_body_and_the_query(client):
    body = {
        "text": TWO_CUES,
        "options": {"cue_types": ["writing"], "min_confidence": 0},
    }
    record = client.post(ONE, json=body).get_json()
    assert [q["cue"]["type"] for q in record["quotes"]] == ["writing"]
    response = client.post(
        f"{ONE}?cue_types=statement,belief&min_confidence=0",
        data=TWO_CUES.encode(),
        content_type="text/plain",
    )
    assert [q["cue"]["type"] for q in response.get_json()["quotes"]] == ["statement"]


def test_declined_comment_is_a_record_of_its_own(client):
    record = client.post(
        ONE,
        json={
            "text": "The bakery declined to comment.",
            "options": {"offsets": "utf16"},
        },
    ).get_json()
    assert record["quotes"] == []
    assert record["declined"][0]["text"] == "declined to comment"
    assert record["sources"][0]["declined_ids"] == ["d1"]


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"id": "a"}, ["text"]),
        ({"text": 42}, ["text"]),
        ({"text": "x", "options": {"offsets": "bytes"}}, ["options", "offsets"]),
        ({"text": "x", "options": {"kinds": ["quoted"]}}, ["options", "kinds"]),
        ({"text": "x", "options": {"kinds": []}}, ["options", "kinds"]),
        ({"text": "x", "options": {"cue_types": ["gossip"]}}, ["options", "cue_types"]),
        (
            {"text": "x", "options": {"min_confidence": 1.5}},
            ["options", "min_confidence"],
        ),
        (
            {"text": "x", "options": {"min_confidence": "high"}},
            ["options", "min_confidence"],
        ),
        ({"text": "x", "option": {}}, ["option"]),
        ({"text": "\ud800 lone surrogate"}, ["text"]),
        (["not", "an", "object"], ["_schema"]),
    ],
)
def test_a_body_that_breaks_the_schema_is_422_with_field_errors(client, body, where):
    # json.dumps escapes the lone surrogate, as a client's encoder would.
    response = client.post(ONE, data=json.dumps(body), content_type="application/json")
    problem = assert_problem(response, 422)
    errors = problem["errors"]["json"]
    for key in where:
        errors = errors[key]
    assert errors


def test_a_bad_query_option_is_422_under_query(client):
    response = client.post(f"{ONE}?offsets=bytes", json={"text": QUOTE})
    problem = assert_problem(response, 422)
    assert problem["errors"]["query"]["offsets"]
    assert "offsets" in problem["detail"]


@pytest.mark.parametrize(
    ("query", "field"),
    [("kind=direct", "kind"), ("offsets=utf16&offsets=codepoint", "offsets")],
)
def test_an_unknown_or_repeated_query_option_is_422(client, query, field):
    """As an unknown key in the body is: a misspelt option is not ignored."""
    response = client.post(f"{ONE}?{query}", json={"text": QUOTE})
    assert assert_problem(response, 422)["errors"]["query"][field]
