"""The service's configuration, in three layers, later ones winning key by key:

1. ``DEFAULTS`` below;
2. the file named by the ``WHOSAID_CONFIG`` environment variable, if set: ``.toml``
   (Python ≥ 3.11), ``.json``, or a Python file of upper-case assignments;
3. the ``config`` mapping given to ``create_app`` (tests use it).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from whosaid import __version__

ENV_CONFIG = "WHOSAID_CONFIG"
MAX_DOCUMENT_BYTES = "WHOSAID_MAX_DOCUMENT_BYTES"
MAX_BATCH_BYTES = "WHOSAID_MAX_BATCH_BYTES"
BATCH_SIZE = "WHOSAID_BATCH_SIZE"
LOAD_IN_BACKGROUND = "WHOSAID_LOAD_IN_BACKGROUND"
PIPELINE = "WHOSAID_PIPELINE"

DEFAULTS: dict[str, Any] = {
    # 1 MB: also within spaCy's default max_length of 1,000,000 characters.
    MAX_DOCUMENT_BYTES: 1_000_000,
    MAX_BATCH_BYTES: 20_000_000,
    BATCH_SIZE: 16,
    # False: the worker builds the pipeline before it serves; True: it serves at
    # once and /v1/health answers 503 until the pipeline is ready.
    LOAD_IN_BACKGROUND: False,
    # A callable that returns the spaCy pipeline; None means whosaid.load.
    PIPELINE: None,
    "API_TITLE": "whosaid",
    "API_VERSION": __version__,
    "OPENAPI_VERSION": "3.1.0",
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "info": {
            "description": "Quotes in English news, who said them, and what kind "
            "of source. Every error is an RFC 9457 problem (application/problem+json)."
        }
    },
}
_POSITIVE = (MAX_DOCUMENT_BYTES, MAX_BATCH_BYTES, BATCH_SIZE)


def configure(app: Flask, config: Mapping[str, Any] | None = None) -> None:
    """Fill ``app.config`` from the three layers and check the result."""
    app.config.update(DEFAULTS)
    path = os.environ.get(ENV_CONFIG)
    if path:
        _from_file(app, path)
    if config:
        app.config.update(config)
    for key in _POSITIVE:
        value = app.config[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{key} must be a positive integer, not {value!r}")


def _from_file(app: Flask, path: str) -> None:
    if path.endswith(".toml"):
        import tomllib

        app.config.from_file(path, load=tomllib.load, text=False)
    elif path.endswith(".json"):
        app.config.from_file(path, load=json.load)
    else:
        app.config.from_pyfile(path)
