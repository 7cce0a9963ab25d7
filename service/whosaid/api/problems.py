"""One error shape for every failure: RFC 9457 problem details.

Every error, whether raised by a view, by Flask's routing (404, 405) or by
flask-smorest, leaves as ``application/problem+json`` with the request id. Only the
status phrase and a sentence written for the client go out; what went wrong inside
goes to the log, under the same request id.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from typing import Any, NoReturn, TypeVar

import flask_smorest
from flask import Response, has_request_context, request
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from whosaid.api import requestid
from whosaid.schemas import ProblemSchema

PROBLEM_JSON = "application/problem+json"
ABOUT_BLANK = "about:blank"
SERVER_ERROR = 500
# Names of the documented problem responses in openapi.yaml. Written out rather
# than taken from http.HTTPStatus, whose names change between Python versions.
RESPONSE_NAMES = {
    400: "BadRequest",
    401: "Unauthorized",
    404: "NotFound",
    405: "MethodNotAllowed",
    413: "ContentTooLarge",
    415: "UnsupportedMediaType",
    422: "UnprocessableContent",
    500: "InternalServerError",
    503: "ServiceUnavailable",
    504: "GatewayTimeout",
}
DEFAULT_RESPONSE = "Problem"

log = logging.getLogger(__name__)
_schema = ProblemSchema()
View = TypeVar("View", bound=Callable[..., Any])


def title(status: int) -> str:
    return HTTP_STATUS_CODES.get(status, "Unknown Error")


def problem(
    status: int, detail: str, errors: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The problem object for ``status``: also the ``error`` of a batch line."""
    body: dict[str, Any] = {
        "type": ABOUT_BLANK,
        "title": title(status),
        "status": status,
        "detail": detail,
        "instance": request.path if has_request_context() else "",
        "request_id": requestid.current(),
    }
    if errors:
        body["errors"] = dict(errors)
    return _schema.dump(body)


def abort(
    status: int,
    detail: str,
    *,
    errors: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> NoReturn:
    """Stop the request with a problem; ``detail`` is shown to the client."""
    flask_smorest.abort(status, message=detail, errors=errors, headers=headers)


def handle_http_exception(error: HTTPException) -> Response:
    """The response for any HTTP error, including Flask's 500 for a crash."""
    status = error.code or SERVER_ERROR
    data = getattr(error, "data", None) or {}
    detail = data.get("message") or error.description or title(status)
    # flask-smorest's own parser reports field errors as "messages".
    errors = data.get("errors") or data.get("messages")
    response = Response(
        json.dumps(problem(status, detail, errors), ensure_ascii=False),
        status=status,
        mimetype=PROBLEM_JSON,
    )
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers.add(name, value)  # Allow for 405, Retry-After
    response.headers.update(data.get("headers") or {})
    level = logging.ERROR if status >= SERVER_ERROR else logging.INFO
    log.log(
        level,
        "%s %s %s -> %d %s",
        requestid.current(),
        request.method,
        request.path,
        status,
        detail,
    )
    return response


def documented(blp: flask_smorest.Blueprint, *statuses: int) -> Callable[[View], View]:
    """Document in the spec the problems a view can answer with."""

    def decorate(view: View) -> View:
        for status in statuses:
            view = blp.alt_response(status, response=RESPONSE_NAMES[status])(view)
        return view

    return decorate


class ProblemApi(flask_smorest.Api):
    """flask-smorest's ``Api``, speaking problem+json in its error handler and in
    the error responses it documents."""

    ERROR_SCHEMA = ProblemSchema
    DEFAULT_ERROR_RESPONSE_NAME = DEFAULT_RESPONSE

    def init_app(self, app: Any, *, spec_kwargs: dict[str, Any] | None = None) -> None:
        super().init_app(app, spec_kwargs=spec_kwargs)
        described = {DEFAULT_RESPONSE: "A problem (RFC 9457)"}
        described |= {name: title(status) for status, name in RESPONSE_NAMES.items()}
        for name, description in described.items():
            self.spec.components.response(
                name,
                {
                    "description": description,
                    "content": {PROBLEM_JSON: {"schema": ProblemSchema}},
                },
            )

    def handle_http_exception(self, error: HTTPException) -> Response:
        return handle_http_exception(error)

    def _register_pagination_header(self) -> None:
        """Nothing: no endpoint pages its results. flask-smorest registers the
        pagination header for every API, and with it a ``PaginationMetadata``
        schema that the served spec would carry unused."""
