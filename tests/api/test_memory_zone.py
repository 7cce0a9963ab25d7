"""Every document the service answers runs inside spaCy's memory zone, on both
serving paths (in the worker, and in the extraction process under a time limit),
so that a long-running server does not keep every new word it reads. The
pipeline's last component fails any document processed outside a zone."""

from __future__ import annotations

import pytest

from tests.api.pipelines import NOT_IN_ZONE, zoned
from whosaid.api.extension import EXTENSION
from whosaid.api.settings import PIPELINE, TIME_LIMIT

QUOTE = "“The Quorvath bridge will hold,” said Ilsabet Marrowind, the city engineer."
BATCH = [
    {"id": f"d{n}", "text": QUOTE.replace("Quorvath", f"Quorvath{n}")} for n in range(3)
]


@pytest.fixture(scope="module")
def probed():
    return zoned()


def test_the_probe_fails_a_document_outside_a_zone(probed):
    with pytest.raises(RuntimeError, match=NOT_IN_ZONE):
        probed(QUOTE)


@pytest.fixture(scope="module", params=["in the worker", "in the extraction process"])
def zoned_app(request, make_app, probed):
    if request.param == "in the worker":
        app = make_app(**{PIPELINE: lambda: probed, TIME_LIMIT: None})
    else:
        app = make_app(**{PIPELINE: zoned, TIME_LIMIT: 60.0})
    yield app
    app.extensions[EXTENSION].close()


def test_a_single_document_runs_in_a_zone(zoned_app):
    response = zoned_app.test_client().post("/v1/attributions", json={"text": QUOTE})
    assert response.status_code == 200, response.get_json()
    [quote] = response.get_json()["quotes"]
    assert quote["speaker"]["mention"]["text"] == "Ilsabet Marrowind"


def test_a_batch_runs_in_a_zone(zoned_app):
    response = zoned_app.test_client().post("/v1/attributions/batch", json=BATCH)
    assert response.status_code == 200
    lines = [line for line in response.get_data(as_text=True).splitlines() if line]
    assert len(lines) == len(BATCH)
    assert all('"quotes"' in line and '"error"' not in line for line in lines), lines


def test_the_documents_new_words_are_not_kept(make_app, probed):
    """In the worker, where the test can see the vocabulary."""
    app = make_app(**{PIPELINE: lambda: probed, TIME_LIMIT: None})
    response = app.test_client().post(
        "/v1/attributions", json={"text": QUOTE + " Vexmoor."}
    )
    assert response.status_code == 200
    assert "Vexmoor" not in probed.vocab.strings
    probed.make_doc("Vexmoor.")  # outside a zone, the tokenizer keeps it
    assert "Vexmoor" in probed.vocab.strings
