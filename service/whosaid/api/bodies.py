"""Reading request bodies: content type, size, UTF-8 and JSON, in that order.

The checks run from the cheapest to the dearest, so that a body of the wrong type
is refused before it is read and a body that is too large before it is decoded.
Each failure stops the request with its own status (415, 413, 400); what breaks
the schema is the caller's 422.
"""

from __future__ import annotations

import json
from typing import Any

from flask import request
from werkzeug.exceptions import RequestEntityTooLarge

from whosaid.api.problems import abort

JSON = "application/json"
NDJSON = "application/x-ndjson"
TEXT = "text/plain"
BOM = "\ufeff"
# Charsets that are UTF-8, or a subset of it.
UTF8_CHARSETS = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})


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
