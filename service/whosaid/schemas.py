"""marshmallow schemas: the one definition of whosaid's wire format.

The CLI, the batch runner and the REST API all serialise through these, and
``openapi.yaml`` is generated from them. No web framework is imported here, so the
CLI does not pull in Flask.
"""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from whosaid.candidates import KINDS
from whosaid.records import ENTITY_TYPES, IDENTIFICATIONS


class TextSpanSchema(Schema):
    """A stretch of the input text: ``text == input[start:end]``."""

    start = fields.Integer(required=True, metadata={"description": "first code point"})
    end = fields.Integer(required=True, metadata={"description": "one past the last"})
    text = fields.String(required=True)


class SpeakerSchema(Schema):
    """Who says a quote: the mention in the text and the source it resolves to."""

    source_id = fields.String(required=True)
    mention = fields.Nested(TextSpanSchema, required=True)
    text = fields.String(metadata={"description": "the mention's text"})
    name = fields.String(
        allow_none=True, metadata={"description": "the source's name, null if anonymous"}
    )


class QuoteSchema(Schema):
    id = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    text = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    cue = fields.Nested(TextSpanSchema, allow_none=True, required=True)
    speaker = fields.Nested(SpeakerSchema, allow_none=True, required=True)
    confidence = fields.Float(required=True, validate=validate.Range(0.0, 1.0))
    nested = fields.List(
        fields.Nested(TextSpanSchema),
        metadata={"description": "quotations inside this one, kept with their parent"},
    )


class SourceSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(allow_none=True, required=True)
    description = fields.String(allow_none=True, required=True)
    identification = fields.String(required=True, validate=validate.OneOf(IDENTIFICATIONS))
    entity_type = fields.String(required=True, validate=validate.OneOf(ENTITY_TYPES))
    anonymity_reason = fields.String(allow_none=True)
    mentions = fields.List(fields.Nested(TextSpanSchema))
    quote_ids = fields.List(fields.String())


def _counts() -> fields.Dict:
    return fields.Dict(keys=fields.String(), values=fields.Integer())


class SourceMixSchema(Schema):
    sources = fields.Integer(required=True)
    quotes = fields.Integer(required=True)
    sources_by_identification = _counts()
    sources_by_entity_type = _counts()
    quotes_by_identification = _counts()
    quotes_by_entity_type = _counts()
    unattributed_quotes = fields.Integer()


class RecordSchema(Schema):
    """One document's quotes and sources."""

    id = fields.String(allow_none=True, required=True)
    quotes = fields.List(fields.Nested(QuoteSchema), required=True)
    sources = fields.List(fields.Nested(SourceSchema), required=True)
    source_mix = fields.Nested(SourceMixSchema, required=True)


class DocumentSchema(Schema):
    """One input document; other keys are ignored."""

    class Meta:
        unknown = EXCLUDE

    id = fields.String(allow_none=True, load_default=None)
    text = fields.String(required=True)
