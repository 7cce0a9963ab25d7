"""Contract fuzzing: schemathesis generates requests from the served spec, valid
and invalid, sends them to the app in-process (WSGI), and checks every answer
against the same spec: no 5xx, and every status, content type, header and body
documented, problem+json included.

The app is configured as in production, with an API key: the pipeline runs in
its extraction process under the default time limit, and every request carries
the key (schemathesis also checks that the key is enforced). The module asserts
at the end that it sent at least ``MIN_REQUESTS`` requests.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator
from schemathesis import GenerationMode

from tests.api.conftest import PROBLEM_JSON
from whosaid import load
from whosaid.api.access import SCHEME
from whosaid.api.extension import EXTENSION
from whosaid.api.settings import API_KEY, DEFAULTS, PIPELINE, TIME_LIMIT

KEY = "contract-fuzzing-key-0123456789"
BATCH = "/v1/attributions/batch"
NDJSON = "application/x-ndjson"
MIN_REQUESTS = 1_000
# Examples per operation and generation mode. The GET operations take no input,
# so nearly all of the requests go to the two POST operations.
EXAMPLES = 300
OPERATIONS = [
    ("GET", "/v1/health"),
    ("GET", "/v1/version"),
    ("POST", "/v1/attributions"),
    ("POST", "/v1/attributions/batch"),
    ("POST", "/v1/sources"),
]
# A batch answers 200 for an array whose items break the document schema: each bad
# item gets its own error line, by design, so that one bad document does not cost
# the others. The batch's other checks stand; the negative-data check for the
# query string, which the two POST operations share, runs on /v1/attributions.
EXCLUDED = {
    BATCH: [schemathesis.checks.negative_data_rejection],
    # Records given to /v1/sources need ids of their own (the merged sources name
    # their members by them), which a schema cannot say: an array that repeats an
    # id is a 422 with the id named, though each item keeps to the schema.
    "/v1/sources": [schemathesis.checks.positive_data_acceptance],
}
# A text/plain body is any text: the "number" schemathesis puts there to break the
# schema is sent as its digits, which is a valid document. When the case's other
# mutation is lost too (an extra query parameter whose value serialises to
# nothing), the request is valid and accepted, and the check misfires. The JSON
# cases keep the check, the query string's included.
TEXT_PLAIN = "text/plain"
# An operation without input has no invalid request to make: positive only.
CASES = [
    (method, path, mode)
    for method, path in OPERATIONS
    for mode in GenerationMode
    if method == "POST" or mode == GenerationMode.POSITIVE
]

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Any]


class Counted:
    """The app, counting the requests it answers and their statuses, and the
    generated cases (each is one request, plus schemathesis's probes of the key
    after a 2xx)."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app
        self.statuses: dict[str, int] = {}
        self.cases = 0

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        def counting(status: str, headers: Any, *args: Any) -> Any:
            code = status.split(" ", 1)[0]
            self.statuses[code] = self.statuses.get(code, 0) + 1
            return start_response(status, headers, *args)

        return self.app(environ, counting)


@pytest.fixture(scope="module")
def contract_app(make_app) -> Iterator[Flask]:
    """The production configuration, with a key; requests are counted."""
    app = make_app(**{PIPELINE: load, TIME_LIMIT: DEFAULTS[TIME_LIMIT], API_KEY: KEY})
    counted = Counted(app.wsgi_app)
    app.wsgi_app = counted  # type: ignore[method-assign]
    yield app
    app.extensions[EXTENSION].close()
    print(
        f"\ncontract fuzzing: {counted.cases} generated cases, "
        f"{counted.requests} requests, {counted.statuses}"
    )
    assert counted.cases >= MIN_REQUESTS, counted.statuses


@pytest.fixture(scope="module")
def batch_line(contract_app) -> Draft202012Validator:
    """The spec's schema of one NDJSON line of a batch answer, which schemathesis
    does not read (it is not one JSON document)."""
    spec = contract_app.test_client().get("/openapi.json").get_json()
    answer = spec["paths"][BATCH]["post"]["responses"]["200"]["content"]
    return Draft202012Validator(
        {**answer[NDJSON]["schema"], "components": spec["components"]}
    )


@pytest.fixture(scope="module")
def api_schema(contract_app):
    config = schemathesis.Config.from_dict(
        {"auth": {"openapi": {SCHEME: {"bearer": KEY}}}}
    )
    return schemathesis.openapi.from_wsgi("/openapi.json", contract_app, config=config)


def test_these_are_the_operations_of_the_spec(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert sorted((op.method.upper(), op.path) for op in operations) == OPERATIONS


@pytest.mark.parametrize(("method", "path", "mode"), CASES, ids=str)
def test_every_answer_keeps_to_the_spec(
    contract_app, api_schema, batch_line, method, path, mode
):
    """Cases that fit the spec (positive) and that break it (negative)."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(case=api_schema[path][method].as_strategy(generation_mode=mode))
    def answers(case):
        contract_app.wsgi_app.cases += 1
        excluded = list(EXCLUDED.get(path, []))
        if (case.media_type or "").startswith(TEXT_PLAIN):
            excluded.append(schemathesis.checks.negative_data_rejection)
        response = case.call_and_validate(excluded_checks=excluded)
        assert response.status_code < 500
        if response.status_code >= 400:
            assert response.headers["content-type"] == [PROBLEM_JSON]
        elif path == BATCH:
            # Lines end at "\n" only: U+2028 and the like may stand in a string.
            for line in response.content.split(b"\n"):
                if line:
                    batch_line.validate(json.loads(line))

    answers()
