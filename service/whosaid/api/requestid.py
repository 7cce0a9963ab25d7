"""The request id: one per request, in every log line about it and in the response.

An incoming ``X-Request-ID`` is honoured when it looks like an id (a proxy or a
client can then follow one request through its logs and ours); anything else, such
as a header that could forge log lines, is replaced by a fresh id.
"""

from __future__ import annotations

import re
import uuid

from flask import Flask, Response, g, has_request_context, request

HEADER = "X-Request-ID"
_ACCEPTABLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}")
_NO_REQUEST = "-"


def current() -> str:
    """The id of the request being served (``-`` outside a request)."""
    if not has_request_context():
        return _NO_REQUEST
    if "request_id" not in g:
        incoming = request.headers.get(HEADER, "")
        g.request_id = incoming if _ACCEPTABLE.fullmatch(incoming) else uuid.uuid4().hex
    return g.request_id


def _assign() -> None:
    current()  # a before_request function must return None, or it answers itself


def _echo(response: Response) -> Response:
    response.headers[HEADER] = current()
    return response


def init_app(app: Flask) -> None:
    """Assign the id before any view runs and return it on every response."""
    app.before_request(_assign)
    app.after_request(_echo)
