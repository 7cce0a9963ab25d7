"""``/v1/attributions``: the record of one document, or of a batch as NDJSON.

A batch is answered line by line, in input order, while later documents are still
being processed: one line per document, its record or an error line with its id,
so that one bad document costs only its own line.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from typing import Any

from flask import Response, current_app, request, stream_with_context
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, ValidationError

from whosaid import Record
from whosaid.api import bodies, requestid, settings
from whosaid.api.engine import Busy, Engine, NotReady, TimedOut
from whosaid.api.extension import (
    BUSY,
    FAILED_TO_LOAD,
    abort_for,
    over_time,
    ready_engine,
)
from whosaid.api.options import Options, shape
from whosaid.api.problems import abort, documented, problem
from whosaid.schemas import (
    AttributionOptionsSchema,
    AttributionRequestSchema,
    BatchDocumentSchema,
    BatchErrorSchema,
    RecordSchema,
)

BAD_REQUEST = 400
TOO_LARGE = 413
UNPROCESSABLE = 422
ENGINE_FAILED = 500
UNAVAILABLE = 503
OVER_TIME = 504
QUERY_OPTIONS = [{"in": "query", "schema": AttributionOptionsSchema}]
ONE_DOCUMENT = "one document"

log = logging.getLogger(__name__)
blp = Blueprint(
    "attributions",
    __name__,
    url_prefix="/v1/attributions",
    description="Quotes, their speakers and sources.",
)
_request = AttributionRequestSchema()
_options = AttributionOptionsSchema()
_document = BatchDocumentSchema()
_record = RecordSchema()
_error_line = BatchErrorSchema()


@blp.route("")
class Attributions(MethodView):
    @blp.doc(
        parameters=QUERY_OPTIONS,
        requestBody={
            "required": True,
            "content": {
                bodies.JSON: {"schema": AttributionRequestSchema},
                bodies.TEXT: {"schema": {"type": "string"}},
            },
        },
    )
    @blp.response(200, RecordSchema)
    @documented(blp, 400, 401, 413, 415, 422, 503, 504)
    def post(self) -> Record:
        """Attribute the quotes of one document

        Send ``{"text", "id"?, "options"?}`` as JSON, or the bare text as
        ``text/plain``. The options may also come as query parameters
        (``?offsets=utf16&kinds=direct``); those in the body win.
        """
        engine = ready_engine()
        mimetype = bodies.content_type((bodies.JSON, bodies.TEXT))
        query = _query_options()
        body = bodies.decode(_read(settings.MAX_DOCUMENT_BYTES, ONE_DOCUMENT))
        if mimetype == bodies.TEXT:
            text, doc_id, options = body, None, {}
        else:
            payload = _load(_request, bodies.parse_json(body), "json")
            text, doc_id, options = payload["text"], payload["id"], payload["options"]
        oversize = _oversize(text, engine)
        if oversize:
            abort(TOO_LARGE, oversize)
        try:
            record = engine.extract(text, id=doc_id)
        except (Busy, TimedOut, NotReady) as exc:
            abort_for(exc, engine)
            raise
        return shape(record, text, Options.layered(query, options))


@blp.route("/batch")
class Batch(MethodView):
    @blp.doc(
        parameters=QUERY_OPTIONS,
        requestBody={
            "required": True,
            "description": "A JSON array of documents, or NDJSON: one document "
            "(the schema below) per line.",
            "content": {
                bodies.JSON: {
                    "schema": {"type": "array", "items": BatchDocumentSchema}
                },
                bodies.NDJSON: {"schema": BatchDocumentSchema},
            },
        },
    )
    @blp.response(
        200,
        {"oneOf": [RecordSchema, BatchErrorSchema]},
        content_type=bodies.NDJSON,
        description="One line per document, in input order: its record, or an "
        "error line with its id.",
    )
    @documented(blp, 400, 401, 413, 415, 422, 503)
    def post(self) -> Response:
        """Attribute the quotes of many documents

        Send a JSON array, or NDJSON lines, of ``{"id", "text"}``. Options come as
        query parameters and apply to every document.
        """
        engine = ready_engine()
        mimetype = bodies.content_type((bodies.JSON, bodies.NDJSON))
        options = Options.layered(_query_options())
        data = _read(settings.MAX_BATCH_BYTES, "one batch")
        entries = _array(data) if mimetype == bodies.JSON else _lines(data)
        checked = [_checked(entry, engine) for entry in entries]
        lines = _answer(checked, engine, options)
        return Response(stream_with_context(lines), mimetype=bodies.NDJSON)


@dataclass(frozen=True)
class Entry:
    """One document of a batch, as read: its text, or the problem with it."""

    index: int
    id: str | None
    text: str | None = None
    status: int | None = None
    detail: str | None = None


def _read(limit_key: str, what: str) -> bytes:
    return bodies.read(current_app.config[limit_key], what)


# Options that take a list: in a query, repeated or separated by commas.
LIST_OPTIONS = ("kinds", "cue_types")


def _query_options() -> dict[str, Any]:
    """The options given as query parameters; ``kinds`` and ``cue_types`` may repeat
    or hold a
    comma-separated list. An unknown parameter is a 422, as an unknown key in the
    body is, so that a misspelt option is not silently ignored."""
    raw: dict[str, Any] = {}
    for name in request.args:
        values = request.args.getlist(name)
        if name in LIST_OPTIONS:
            raw[name] = [item for value in values for item in value.split(",") if item]
        else:
            raw[name] = values[0] if len(values) == 1 else values
    return _load(_options, raw, "query")


def _load(schema: Schema, data: Any, where: str) -> dict[str, Any]:
    """``data`` loaded by ``schema``, or 422 with the field errors under ``where``."""
    try:
        return schema.load(data)
    except ValidationError as exc:
        abort(
            UNPROCESSABLE,
            f"The {_PLACES[where]} breaks the schema: {_summary(exc.messages)}",
            errors={where: exc.messages},
        )


_PLACES = {"json": "body", "query": "query string"}


def _summary(messages: Any, path: str = "") -> str:
    """marshmallow's nested messages as one line: ``options.kinds.0: Must be…``."""
    if isinstance(messages, Mapping):
        parts = []
        for key, value in messages.items():
            inner = path if key == "_schema" else f"{path}.{key}" if path else str(key)
            parts.append(_summary(value, inner))
        return " ".join(parts)
    if isinstance(messages, list):
        return " ".join(_summary(m, path) for m in messages)
    return f"{path}: {messages}" if path else str(messages)


def _array(data: bytes) -> list[Entry]:
    """The entries of a JSON array body (400 if it is not JSON, 422 if not an
    array)."""
    items = bodies.parse_json(bodies.decode(data))
    if not isinstance(items, list):
        abort(
            UNPROCESSABLE,
            'A JSON batch is an array of {"id", "text"} objects.',
            errors={"json": {"_schema": ["Not an array."]}},
        )
    return [_entry(index, item) for index, item in enumerate(items)]


def _lines(data: bytes) -> list[Entry]:
    """The entries of an NDJSON body; a bad line is a bad entry, not a bad body."""
    entries: list[Entry] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        line = raw.rstrip(b"\r")
        if not line.strip():
            continue
        index = len(entries)
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            detail = f"Line {number} is not UTF-8: {exc.reason} at byte {exc.start}."
            entries.append(Entry(index, None, status=BAD_REQUEST, detail=detail))
            continue
        try:
            item = bodies.loads(text)
        except ValueError as exc:
            detail = f"Line {number} is not valid JSON: {bodies.reason(exc)}."
            entries.append(Entry(index, None, status=BAD_REQUEST, detail=detail))
            continue
        entries.append(_entry(index, item))
    return entries


def _entry(index: int, item: Any) -> Entry:
    if not isinstance(item, dict):
        detail = 'A document is an object {"id", "text"}.'
        return Entry(index, None, status=UNPROCESSABLE, detail=detail)
    try:
        doc = _document.load(item)
    except ValidationError as exc:
        return Entry(
            index,
            _id_of(item),
            status=UNPROCESSABLE,
            detail=f"The document breaks the schema: {_summary(exc.messages)}",
        )
    return Entry(index, doc["id"], text=doc["text"])


def _id_of(item: dict[str, Any]) -> str | None:
    """The id of a bad document, if it can be echoed back."""
    value = item.get("id")
    if not isinstance(value, str):
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return value


def _oversize(text: str, engine: Engine) -> str | None:
    """Why ``text`` is too large for one document, if it is."""
    limit = current_app.config[settings.MAX_DOCUMENT_BYTES]
    size = len(text.encode("utf-8"))
    if size > limit:
        return (
            f"The text is {size:,} bytes, over the limit of {limit:,} for "
            f"{ONE_DOCUMENT}."
        )
    if len(text) > engine.max_length:
        return (
            f"The text is {len(text):,} characters, over the pipeline's limit of "
            f"{engine.max_length:,}."
        )
    return None


def _checked(entry: Entry, engine: Engine) -> Entry:
    if entry.text is None:
        return entry
    oversize = _oversize(entry.text, engine)
    if oversize is None:
        return entry
    return Entry(entry.index, entry.id, status=TOO_LARGE, detail=oversize)


def _answer(entries: list[Entry], engine: Engine, options: Options) -> Iterator[str]:
    """NDJSON lines for ``entries`` in order, a chunk of documents at a time."""
    for chunk in _chunks(entries, engine.batch_size):
        todo = [e for e in chunk if e.text is not None]
        results = engine.extract_batch([(e.id, e.text) for e in todo]) if todo else []
        done = {e.index: result for e, result in zip(todo, results, strict=True)}
        for entry in chunk:
            yield _line(entry, done.get(entry.index), options, engine)


def _refusal(exc: TimedOut | NotReady | Busy, engine: Engine) -> tuple[int, str]:
    """The status and detail of a batch line for a document the engine refused."""
    if isinstance(exc, TimedOut):
        return OVER_TIME, over_time(engine.time_limit)
    if isinstance(exc, Busy):
        return UNAVAILABLE, BUSY
    return UNAVAILABLE, FAILED_TO_LOAD


def _chunks(entries: Iterable[Entry], size: int) -> Iterator[list[Entry]]:
    it = iter(entries)
    while chunk := list(islice(it, size)):
        yield chunk


def _line(
    entry: Entry, result: Record | Exception | None, options: Options, engine: Engine
) -> str:
    if isinstance(result, Record):
        body = _record.dump(shape(result, entry.text or "", options))
    else:
        status, detail = entry.status, entry.detail
        if isinstance(result, TimedOut | NotReady | Busy):
            status, detail = _refusal(result, engine)
            log.warning(
                "%s batch document %d (id %r) -> %d %s",
                requestid.current(),
                entry.index,
                entry.id,
                status,
                detail,
            )
        elif isinstance(result, Exception):
            log.error(
                "%s batch document %d (id %r) failed",
                requestid.current(),
                entry.index,
                entry.id,
                exc_info=result,
            )
            status = ENGINE_FAILED
            detail = "The engine failed on this document; the server log has the "
            detail += "details under this request id."
        else:
            log.info(
                "%s batch document %d (id %r) -> %d %s",
                requestid.current(),
                entry.index,
                entry.id,
                status,
                detail,
            )
        body = _error_line.dump(
            {"id": entry.id, "index": entry.index, "error": problem(status, detail)}
        )
    return json.dumps(body, ensure_ascii=False) + "\n"
