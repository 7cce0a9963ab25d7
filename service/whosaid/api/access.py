"""Who may call the service: an API key, and the web origins allowed to use it.

With ``WHOSAID_API_KEY`` set, every ``/v1`` endpoint but ``/v1/health`` (which a
load balancer calls without credentials) asks for ``Authorization: Bearer <key>``
and answers 401 otherwise, before the body is read. The key is compared through
SHA-256 digests with ``hmac.compare_digest``, so that neither its characters nor
its length can be learnt from response times.

CORS is off unless ``WHOSAID_CORS_ORIGINS`` names origins: flask-cors then
answers their preflights and adds the headers to every response, errors
included, so a page on such an origin can read a 401 or a 413 too. A preflight
(OPTIONS) carries no credentials by design, so it is never asked for the key.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable

from flask import Flask, request
from flask_cors import CORS

from whosaid.api import settings
from whosaid.api.problems import ProblemApi, abort
from whosaid.api.requestid import HEADER as REQUEST_ID

SCHEME = "bearerAuth"
PROTECTED = "/v1/"
OPEN_PATHS = frozenset({"/v1/health"})
REALM = 'Bearer realm="whosaid"'
CORS_MAX_AGE_SECONDS = 600


def init_app(app: Flask, api: ProblemApi) -> None:
    """Document the bearer scheme; require the key and allow origins as set."""
    api.spec.components.security_scheme(
        SCHEME,
        {
            "type": "http",
            "scheme": "bearer",
            "description": "The server's API key (WHOSAID_API_KEY). Required by "
            "every endpoint but /v1/health when the server has a key; without "
            "one, the service is open.",
        },
    )
    key = app.config[settings.API_KEY]
    if key is not None:
        app.before_request(_requires(_digest(key)))
    origins = app.config[settings.CORS_ORIGINS]
    if origins:
        CORS(
            app,
            origins=list(origins),
            methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", REQUEST_ID],
            expose_headers=[REQUEST_ID, "Retry-After", "WWW-Authenticate"],
            max_age=CORS_MAX_AGE_SECONDS,
        )


def _digest(value: str) -> bytes:
    return hashlib.sha256(value.encode("utf-8", "surrogateescape")).digest()


def _requires(expected: bytes) -> Callable[[], None]:
    def check() -> None:
        if request.method == "OPTIONS" or not _protected(request.path):
            return
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            abort(
                401,
                "This endpoint needs the header 'Authorization: Bearer <key>'.",
                headers={"WWW-Authenticate": REALM},
            )
        if not hmac.compare_digest(_digest(token), expected):
            abort(
                401,
                "The bearer key is not valid.",
                headers={"WWW-Authenticate": f'{REALM}, error="invalid_token"'},
            )

    return check


def _protected(path: str) -> bool:
    """Paths under /v1 need the key, whether or not they exist, so that a caller
    without it learns nothing of what is there."""
    return path.startswith(PROTECTED) and path not in OPEN_PATHS
