"""The public surface: ``load``, ``extract``, ``extract_many`` and the record."""

from __future__ import annotations

import json

import pytest

import whosaid
from whosaid import extract, extract_many
from whosaid.schemas import RecordSchema

TEXT = (
    "Flooding closed the main road on Monday.\n\n"
    "“The water rose faster than anyone expected,” said Maria Lopez, the city "
    "engineer. “We will reopen when it is safe.”\n\n"
    "According to the fire chief, two houses were damaged."
)


def test_record_fields_the_evaluation_reads(run):
    data = run(TEXT).to_dict()
    assert set(data) >= {"id", "quotes", "sources", "source_mix"}
    for q in data["quotes"]:
        assert set(q) >= {
            "id",
            "start",
            "end",
            "text",
            "kind",
            "cue",
            "speaker",
            "confidence",
        }
        assert q["kind"] in ("direct", "indirect", "mixed")
        assert 0.0 <= q["confidence"] <= 1.0
        if q["speaker"] is not None:
            assert set(q["speaker"]) >= {"source_id", "mention"}
            assert q["speaker"]["source_id"] in {s["id"] for s in data["sources"]}
    for s in data["sources"]:
        assert set(s) >= {"id", "name", "description", "identification", "entity_type"}


def test_every_offset_slices_the_text_sent(run):
    data = run(TEXT).to_dict()
    assert data["quotes"], "expected quotes"
    for q in data["quotes"]:
        assert TEXT[q["start"] : q["end"]] == q["text"]
        for span in filter(None, [q["cue"], (q["speaker"] or {}).get("mention")]):
            assert TEXT[span["start"] : span["end"]] == span["text"]


def test_offsets_count_code_points_past_emoji_and_accents(run):
    text = "Café 🌊 news: “The café is closed,” said Zoë Brandt."
    quote = run(text).quotes[0]
    assert text[quote.start : quote.end] == "The café is closed,"
    assert quote.speaker.mention.text == "Zoë Brandt"


def test_record_round_trips_through_json_and_the_schema(run):
    data = run(TEXT).to_dict()
    again = json.loads(json.dumps(data))
    assert RecordSchema().validate(again) == {}


def test_id_is_carried(run):
    assert extract("Nothing was said.", id="doc-7").to_dict()["id"] == "doc-7"


def test_extract_many_keeps_order_and_ids(nlp):
    items = [(f"d{i}", f"“Item {i} is ready,” the clerk said.") for i in range(5)]
    records = list(extract_many(items, nlp=nlp))
    assert [r.id for r in records] == [f"d{i}" for i in range(5)]
    assert [r.quotes[0].text for r in records] == [
        f"Item {i} is ready," for i in range(5)
    ]


def test_empty_text_gives_an_empty_record(run):
    data = run("").to_dict()
    assert data["quotes"] == [] and data["sources"] == []


def test_non_text_is_refused():
    with pytest.raises(TypeError):
        extract(b"bytes are not text")  # type: ignore[arg-type]


def test_a_lone_surrogate_is_refused_with_its_position():
    with pytest.raises(ValueError, match="lone surrogate at character 4"):
        extract("bad \udca0 text")


def test_load_builds_the_pipeline_once():
    assert whosaid.load() is whosaid.load()
