"""``GET /v1/version``: the versions behind a record."""

from __future__ import annotations

import spacy
from spacy.util import get_package_version

import whosaid
from whosaid import lexicons
from whosaid.lexicons import models_dir
from whosaid.pipeline import BASE_MODEL


def test_versions_of_package_spacy_model_and_lexicons(client):
    response = client.get("/v1/version")
    assert response.status_code == 200
    assert response.get_json() == {
        "whosaid": whosaid.__version__,
        "spacy": spacy.__version__,
        "model": {"name": BASE_MODEL, "version": get_package_version(BASE_MODEL)},
        "lexicons": lexicons.version(),
    }


def test_the_lexicon_version_is_read_from_models_version(client):
    written = (models_dir() / "VERSION").read_text(encoding="utf-8").strip()
    assert written and written != "unknown"
    assert client.get("/v1/version").get_json()["lexicons"] == written
