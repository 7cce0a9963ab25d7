"""``POST /v1/sources``: the batch-level sources of records the service answered."""

from __future__ import annotations

import json

from tests.api.conftest import assert_problem
from whosaid.api.settings import MAX_BATCH_BYTES
from whosaid.schemas import BatchSourcesSchema

ARTICLES = {
    "first": "“We will rebuild the pier,” said Ingrid Solberg, the harbour master.",
    "second": "“The pier opens in May,” Solberg told reporters on Friday.",
    "third": "“Nobody asked us,” said a local fisherman who declined to be named.",
}


def attributed(client) -> list[dict]:
    records = []
    for doc_id, text in ARTICLES.items():
        response = client.post(
            "/v1/attributions",
            json={"id": doc_id, "text": text, "options": {"offsets": "utf16"}},
        )
        assert response.status_code == 200
        records.append(response.get_json())
    return records


def test_the_records_of_several_articles_merge_into_one_source_per_person(client):
    records = attributed(client)
    response = client.post("/v1/sources", json=records)
    assert response.status_code == 200
    body = response.get_json()
    assert BatchSourcesSchema().validate(body) == {}
    named = [s for s in body["sources"] if s["name"]]
    (solberg,) = [s for s in named if "Solberg" in s["name"]]
    assert solberg["name"] == "Ingrid Solberg"
    assert solberg["documents"] == 2
    assert {m.split("#")[0] for m in solberg["members"]} == {"first", "second"}
    mix = body["source_mix"]
    assert mix["quotes"] == sum(r["source_mix"]["quotes"] for r in records)
    assert mix["sources"] == len(body["sources"])
    assert mix["sources"] < sum(r["source_mix"]["sources"] for r in records)


def test_bad_bodies_are_problems(client, make_app):
    assert_problem(client.post("/v1/sources", json={"id": "a"}), 422)
    missing = assert_problem(client.post("/v1/sources", json=[{"sources": []}]), 422)
    assert "0" in missing["errors"]["json"]
    twice = [{"id": "a", "sources": []}, {"id": "a", "sources": []}]
    repeated = assert_problem(client.post("/v1/sources", json=twice), 422)
    assert "repeated: a" in repeated["detail"]
    bad_kind = [
        {
            "id": "a",
            "sources": [
                {"id": "s1", "identification": "famous", "entity_type": "person"}
            ],
        }
    ]
    assert_problem(client.post("/v1/sources", json=bad_kind), 422)
    assert_problem(
        client.post("/v1/sources", data="[", content_type="application/json"), 400
    )
    assert_problem(
        client.post("/v1/sources", data="[]", content_type="text/plain"), 415
    )
    small = make_app(**{MAX_BATCH_BYTES: 100}).test_client()
    big = [{"id": f"doc-{n}", "sources": []} for n in range(20)]
    assert_problem(
        small.post(
            "/v1/sources", data=json.dumps(big), content_type="application/json"
        ),
        413,
    )


def test_an_empty_batch_has_no_sources(client):
    response = client.post("/v1/sources", json=[])
    assert response.status_code == 200
    assert response.get_json()["sources"] == []
    assert response.get_json()["source_mix"]["sources"] == 0
