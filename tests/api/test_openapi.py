"""``openapi.yaml`` is the served spec, generated from the schemas; regenerate it
with the command in the README when this fails."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from openapi_spec_validator import validate

from whosaid.api.problems import PROBLEM_JSON
from whosaid.schemas import OFFSET_UNITS

COMMITTED = Path(__file__).resolve().parents[2] / "openapi.yaml"
REGENERATE = (
    "flask --app whosaid.api:create_app openapi write --format yaml openapi.yaml"
)


def test_the_committed_openapi_yaml_is_the_served_spec(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    committed = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    assert committed == response.get_json(), f"openapi.yaml is stale: {REGENERATE}"


def test_the_spec_is_valid_openapi(client):
    validate(client.get("/openapi.json").get_json())


def test_the_spec_documents_the_endpoints_and_problems(client):
    spec = client.get("/openapi.json").get_json()
    assert spec["openapi"].startswith("3.1")
    assert set(spec["paths"]) == {
        "/v1/attributions",
        "/v1/attributions/batch",
        "/v1/sources",
        "/v1/health",
        "/v1/version",
    }
    one = spec["paths"]["/v1/attributions"]["post"]
    assert set(one["requestBody"]["content"]) == {"application/json", "text/plain"}
    assert {"400", "413", "415", "422", "503", "default"} <= set(one["responses"])
    batch = spec["paths"]["/v1/attributions/batch"]["post"]
    assert set(batch["responses"]["200"]["content"]) == {"application/x-ndjson"}
    for response in spec["components"]["responses"].values():
        problem = response["content"][PROBLEM_JSON]["schema"]
        assert problem == {"$ref": "#/components/schemas/Problem"}
    options = spec["components"]["schemas"]["AttributionOptions"]["properties"]
    assert options["offsets"]["enum"] == list(OFFSET_UNITS)


def test_two_apps_serve_the_same_spec(client, make_app):
    """Blueprints are module-level: registering them again must not change it."""
    again = make_app().test_client().get("/openapi.json").get_json()
    assert again == client.get("/openapi.json").get_json()


def test_every_schema_in_the_spec_is_used(client):
    """A schema that nothing refers to only misleads a client's code generator."""
    spec = client.get("/openapi.json").get_json()
    schemas = set(spec["components"]["schemas"])
    used = set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(spec)))
    assert schemas - used == set()
    assert "PaginationMetadata" not in schemas
