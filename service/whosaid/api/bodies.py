"""Reading request bodies: content type, size, UTF-8 and JSON, in that order.

The checks run from the cheapest to the dearest, so that a body of the wrong type
is refused before it is read and a body that is too large before it is decoded.
Each failure stops the request with its own status (415, 413, 400); what breaks
the schema is the caller's 422.

A body left unread (refused before it was read, or sent where none is expected)
is read and dropped after the answer is made, up to a bound: gunicorn drains
only 64 KB of it, then closes the connection, although its answer said
keep-alive, and the client's next request on that connection fails.
"""

from __future__ import annotations

import json
import time
from typing import Any

from flask import Flask, Response, current_app, g, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.wsgi import get_input_stream

from whosaid.api import settings
from whosaid.api.problems import abort

JSON = "application/json"
NDJSON = "application/x-ndjson"
TEXT = "text/plain"
BOM = "\ufeff"
# Charsets that are UTF-8, or a subset of it.
UTF8_CHARSETS = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})
# How much of an unread body to drop, past the largest body accepted, and for how
# long at most; beyond either the connection closes.
DRAIN_MARGIN_BYTES = 1_000_000
DRAIN_SECONDS = 10.0
DRAIN_CHUNK = 64 * 1024
_BODY_READ = "whosaid_body_read"


def init_app(app: Flask) -> None:
    app.after_request(_drain)


def _drain(response: Response) -> Response:
    """Drop what is left of the request body, so that the connection stays usable
    (see the module's docstring)."""
    stream = _unread()
    if stream is None:
        return response
    config = current_app.config
    budget = max(config[settings.MAX_DOCUMENT_BYTES], config[settings.MAX_BATCH_BYTES])
    budget += DRAIN_MARGIN_BYTES
    give_up = time.monotonic() + DRAIN_SECONDS
    try:
        while budget > 0 and time.monotonic() < give_up:
            chunk = stream.read(min(DRAIN_CHUNK, budget))
            if not chunk:
                break
            budget -= len(chunk)
    except (OSError, ValueError, HTTPException):
        pass  # the client is gone or the body is broken: nothing to keep open
    return response


def _unread() -> Any:
    """The rest of the body, as a stream that ends where the body ends (never a
    socket read past it, which would wait for the client's next request)."""
    environ = request.environ
    if "wsgi.input" not in environ:
        return None
    if "wsgi.input_terminated" in environ:
        return environ["wsgi.input"]  # the server ends it with the body (gunicorn)
    if g.get(_BODY_READ):
        return None
    return get_input_stream(environ)  # Content-Length bytes, or none


def content_type(accepted: tuple[str, ...]) -> str:
    """The request's media type, if it is one of ``accepted`` and in UTF-8."""
    mimetype = request.mimetype
    if mimetype not in accepted:
        sent = f"'{mimetype}'" if mimetype else "no Content-Type"
        abort(415, f"Sent {sent}; send one of: {', '.join(accepted)}.")
    charset = request.mimetype_params.get("charset")
    if charset is not None and charset.lower() not in UTF8_CHARSETS:
        abort(415, f"Sent charset '{charset}'; send UTF-8.")
    return mimetype


def read(limit: int, what: str) -> bytes:
    """The whole body, at most ``limit`` bytes.

    ``Content-Length`` is checked before reading. A body sent without one (chunked)
    is read to one byte past the limit: Werkzeug stops quietly at its maximum, so
    the extra byte is what tells a body cut short from one that fits.
    """
    request.max_content_length = limit + 1
    try:
        data = request.get_data(cache=False)
    except RequestEntityTooLarge:
        data = None
    if data is not None:
        g.setdefault(_BODY_READ, True)
    if data is None or len(data) > limit:
        abort(413, f"The body is over the limit of {limit:,} bytes for {what}.")
    return data


def decode(data: bytes) -> str:
    """``data`` as UTF-8 text (400 if it is not)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        abort(400, f"The body is not UTF-8: {exc.reason} at byte {exc.start}.")


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def loads(text: str) -> Any:
    """Strict JSON: NaN and Infinity, which ``json`` accepts, are refused, and
    nesting too deep for the parser is an error of the body, not of the server.
    A leading byte order mark, which some Windows tools write, is ignored, as
    RFC 8259 allows."""
    try:
        return json.loads(text.removeprefix(BOM), parse_constant=_no_constants)
    except RecursionError:
        raise ValueError("it is nested too deeply") from None


def parse_json(text: str) -> Any:
    """``text`` as strict JSON (400 if it is not)."""
    try:
        return loads(text)
    except ValueError as exc:
        abort(400, f"The body is not valid JSON: {reason(exc)}.")


def reason(exc: ValueError) -> str:
    """Why ``loads`` failed, for a client to read."""
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno}, column {exc.colno}"
    return str(exc)
