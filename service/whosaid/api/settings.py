"""The service's configuration, in four layers, later ones winning key by key:

1. ``DEFAULTS`` below;
2. the file named by the ``WHOSAID_CONFIG`` environment variable, if set: ``.toml``
   (Python ≥ 3.11), ``.json``, or a Python file of upper-case assignments;
3. the environment, for the keys of ``FROM_ENVIRONMENT`` (a secret such as the API
   key is better kept out of files, and containers are configured this way);
4. the ``config`` mapping given to ``create_app`` (tests use it).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from typing import Any

from flask import Flask

from whosaid import __version__

ENV_CONFIG = "WHOSAID_CONFIG"
MAX_DOCUMENT_BYTES = "WHOSAID_MAX_DOCUMENT_BYTES"
MAX_BATCH_BYTES = "WHOSAID_MAX_BATCH_BYTES"
BATCH_SIZE = "WHOSAID_BATCH_SIZE"
LOAD_IN_BACKGROUND = "WHOSAID_LOAD_IN_BACKGROUND"
PIPELINE = "WHOSAID_PIPELINE"
TIME_LIMIT = "WHOSAID_TIME_LIMIT"
RECYCLE_AFTER = "WHOSAID_RECYCLE_AFTER"
API_KEY = "WHOSAID_API_KEY"
CORS_ORIGINS = "WHOSAID_CORS_ORIGINS"

DEFAULTS: dict[str, Any] = {
    # 1 MB: also within spaCy's default max_length of 1,000,000 characters.
    MAX_DOCUMENT_BYTES: 1_000_000,
    MAX_BATCH_BYTES: 20_000_000,
    BATCH_SIZE: 16,
    # False: the worker builds the pipeline before it serves; True: it serves at
    # once and /v1/health answers 503 until the pipeline is ready.
    LOAD_IN_BACKGROUND: False,
    # A callable that returns the spaCy pipeline; None means whosaid.load. With a
    # time limit it runs in the extraction process, so it must be importable (a
    # module-level function), not a lambda or a closure.
    PIPELINE: None,
    # Seconds a request may take to get its document through the engine. A news
    # article takes well under one; 30 s is some 100 KB of prose on a busy core,
    # and answers before the 60 s a proxy commonly waits. None (or 0): no limit,
    # and the pipeline runs in the worker itself.
    TIME_LIMIT: 30.0,
    # Documents an extraction process takes before a fresh one replaces it (built
    # while the old one serves, so without a pause). spaCy's memory zone frees
    # each document's strings, not the growth of the tables that indexed them:
    # this bounds a long-running worker's memory. None (or 0): never.
    RECYCLE_AFTER: 10_000,
    # The key every /v1 endpoint but /v1/health asks for (Authorization: Bearer),
    # or None for an open service.
    API_KEY: None,
    # Web origins allowed to call the API from a browser ("https://host[:port]",
    # or "*"); none by default.
    CORS_ORIGINS: [],
    "API_TITLE": "whosaid",
    "API_VERSION": __version__,
    "OPENAPI_VERSION": "3.1.0",
    "OPENAPI_URL_PREFIX": "/",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "info": {
            "description": "Quotes in English news, who said them, and what kind "
            "of source. Every error is an RFC 9457 problem (application/problem+json)."
        },
        # Documented always; enforced when the server has an API key.
        "security": [{"bearerAuth": []}],
    },
}
_POSITIVE = (MAX_DOCUMENT_BYTES, MAX_BATCH_BYTES, BATCH_SIZE)
# A bearer token's characters (RFC 6750 b64token); long enough not to be guessed.
_KEY = re.compile(r"[A-Za-z0-9._~+/-]{16,}=*")
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?|\*")


def _off_or_seconds(value: str) -> float | None:
    return None if value.strip().lower() in ("", "0", "none", "off") else float(value)


def _origins(value: str) -> list[str]:
    return [origin.strip() for origin in value.split(",") if origin.strip()]


# The keys read from the environment, and how to read each.
FROM_ENVIRONMENT: dict[str, Callable[[str], Any]] = {
    TIME_LIMIT: _off_or_seconds,
    RECYCLE_AFTER: lambda value: int(value or 0) or None,
    # Kept as given: an empty key is refused by ``_check``, not taken as none.
    API_KEY: str,
    CORS_ORIGINS: _origins,
}


def configure(app: Flask, config: Mapping[str, Any] | None = None) -> None:
    """Fill ``app.config`` from the four layers and check the result."""
    app.config.update(DEFAULTS)
    path = os.environ.get(ENV_CONFIG)
    if path:
        _from_file(app, path)
    for key, read in FROM_ENVIRONMENT.items():
        if key in os.environ:
            try:
                app.config[key] = read(os.environ[key])
            except ValueError:
                raise ValueError(f"{key} in the environment: not understood") from None
    if config:
        app.config.update(config)
    _check(app.config)


def _check(config: dict[str, Any]) -> None:
    """Refuse, at startup, a setting the service would misuse later."""
    for key in _POSITIVE:
        value = config[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"{key} must be a positive integer, not {value!r}")
    limit = config[TIME_LIMIT]
    if limit == 0:
        config[TIME_LIMIT] = limit = None
    if limit is not None and (
        isinstance(limit, bool) or not isinstance(limit, int | float) or limit < 0
    ):
        raise ValueError(f"{TIME_LIMIT} must be a number of seconds or None")
    recycle = config[RECYCLE_AFTER]
    if recycle == 0:
        config[RECYCLE_AFTER] = recycle = None
    if recycle is not None and (
        isinstance(recycle, bool) or not isinstance(recycle, int) or recycle < 1
    ):
        raise ValueError(f"{RECYCLE_AFTER} must be a number of documents or None")
    key = config[API_KEY]
    if key == "":
        # An empty value is more often a variable that failed to expand
        # (``${KEY}`` with KEY unset) than a wish for an open service: refused, so
        # that a service meant to be closed does not start open.
        raise ValueError(
            f"{API_KEY} is empty: unset it for a service without a key, or give a "
            "key of at least 16 characters of A-Z a-z 0-9 . _ ~ + / -"
        )
    if key is not None and not (isinstance(key, str) and _KEY.fullmatch(key)):
        # The key itself stays out of the message, which may reach a log.
        raise ValueError(
            f"{API_KEY} must be at least 16 characters of A-Z a-z 0-9 . _ ~ + / -"
        )
    origins = config[CORS_ORIGINS]
    if isinstance(origins, str):
        config[CORS_ORIGINS] = origins = _origins(origins)
    for origin in origins:
        if not (isinstance(origin, str) and _ORIGIN.fullmatch(origin)):
            raise ValueError(
                f"{CORS_ORIGINS}: {origin!r} is not an origin (https://host[:port])"
            )


def _from_file(app: Flask, path: str) -> None:
    if path.endswith(".toml"):
        import tomllib

        app.config.from_file(path, load=tomllib.load, text=False)
    elif path.endswith(".json"):
        app.config.from_file(path, load=json.load)
    else:
        app.config.from_pyfile(path)
