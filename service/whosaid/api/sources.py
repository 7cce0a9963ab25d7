"""``/v1/sources``: the batch-level sources of records already attributed.

The page sends the records ``/v1/attributions`` answered for each of its articles
and shows, for all of them, one entry per person or body. The merge is
``whosaid.merge``, the one ``whosaid mix`` uses; it needs no pipeline, so it is
answered while the engine is still loading too.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from whosaid.api import bodies, settings
from whosaid.api.attributions import UNPROCESSABLE, _load
from whosaid.api.problems import abort, documented
from whosaid.merge import merge_sources, merged_mix
from whosaid.schemas import BatchSourcesSchema, MergeRecordSchema

blp = Blueprint(
    "sources",
    __name__,
    url_prefix="/v1/sources",
    description="One person or body across many records.",
)
_records = MergeRecordSchema(many=True)


@blp.route("")
class Sources(MethodView):
    @blp.doc(
        requestBody={
            "required": True,
            "description": "A JSON array of the records /v1/attributions answered, "
            "each with an id of its own; their quotes and other keys are ignored.",
            "content": {
                bodies.JSON: {"schema": {"type": "array", "items": MergeRecordSchema}}
            },
        }
    )
    @blp.response(200, BatchSourcesSchema)
    @documented(blp, 400, 401, 413, 415, 422)
    def post(self) -> dict[str, Any]:
        """Merge the sources of many records

        One entry per person or body across the records, most quoted first, with
        the document-level sources it merges (``document_id#source_id``), and the
        source mix counted on these entries.
        """
        bodies.content_type((bodies.JSON,))
        data = bodies.read(current_app.config[settings.MAX_BATCH_BYTES], "one batch")
        items = bodies.parse_json(bodies.decode(data))
        if not isinstance(items, list):
            abort(
                UNPROCESSABLE,
                "Send a JSON array of records.",
                errors={"json": {"_schema": ["Not an array."]}},
            )
        records = _load(_records, items, "json")
        _unique_ids(records)
        sources = merge_sources(records)
        quotes = sum(_quotes(r) for r in records)
        unattributed = sum(
            (r.get("source_mix") or {}).get("unattributed_quotes", 0) for r in records
        )
        return {
            "sources": sources,
            "source_mix": merged_mix(sources, quotes, unattributed),
        }


def _quotes(record: dict[str, Any]) -> int:
    """The record's quotes: as its mix counts them, else those its sources hold."""
    mix = record.get("source_mix")
    if mix is not None:
        return mix["quotes"]
    return sum(len(s["quote_ids"]) for s in record["sources"])


def _unique_ids(records: list[dict[str, Any]]) -> None:
    """422 for a repeated id: the merged sources name their members by it."""
    counts = Counter(r["id"] for r in records)
    repeated = sorted(i for i, n in counts.items() if n > 1)
    if repeated:
        abort(
            UNPROCESSABLE,
            f"Each record needs an id of its own; repeated: {', '.join(repeated)}.",
            errors={"json": {"_schema": [f"Repeated id: {i}" for i in repeated]}},
        )
