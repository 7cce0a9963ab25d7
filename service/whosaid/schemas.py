"""marshmallow schemas: the one definition of whosaid's wire format.

The CLI, the batch runner and the REST API all serialise through these, and
``openapi.yaml`` is generated from them. No web framework is imported here, so the
CLI does not pull in Flask.
"""

from __future__ import annotations

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, validate

from whosaid.candidates import CUE_TYPE_MEANINGS, CUE_TYPES, KINDS
from whosaid.records import ENTITY_TYPES, IDENTIFICATIONS
from whosaid.vocabulary import GENDER_EVIDENCE_KINDS, GENDERS, ROLE_HELP, ROLES


class TextSpanSchema(Schema):
    """A stretch of the input text: ``text == input[start:end]``."""

    start = fields.Integer(required=True, metadata={"description": "first code point"})
    end = fields.Integer(required=True, metadata={"description": "one past the last"})
    text = fields.String(required=True)


CUE_TYPE_HELP = "; ".join(f"{t}: {CUE_TYPE_MEANINGS[t]}" for t in CUE_TYPES)


class CueSchema(TextSpanSchema):
    """The words that attribute a quote, and what they report."""

    type = fields.String(
        required=True,
        validate=validate.OneOf(CUE_TYPES),
        metadata={"description": f"what the cue reports. {CUE_TYPE_HELP}"},
    )


class SpeakerSchema(Schema):
    """Who says a quote: the mention in the text and the source it resolves to."""

    source_id = fields.String(required=True)
    mention = fields.Nested(TextSpanSchema, required=True)
    text = fields.String(metadata={"description": "the mention's text"})
    name = fields.String(
        allow_none=True,
        metadata={"description": "the source's name, null if anonymous"},
    )


class QuoteSchema(Schema):
    id = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    text = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    cue = fields.Nested(CueSchema, allow_none=True, required=True)
    speaker = fields.Nested(SpeakerSchema, allow_none=True, required=True)
    confidence = fields.Float(
        required=True,
        validate=validate.Range(0.0, 1.0),
        metadata={
            "description": "the estimated probability that the record is right: "
            "the quote is found and its speaker is right (a model fitted on "
            "development data; see models/MODEL_CARD.md)"
        },
    )
    nested = fields.List(
        fields.Nested(TextSpanSchema),
        metadata={"description": "quotations inside this one, kept with their parent"},
    )


class GenderEvidenceSchema(TextSpanSchema):
    """The word that told a source's gender, with offsets, and its kind."""

    kind = fields.String(
        required=True,
        validate=validate.OneOf(GENDER_EVIDENCE_KINDS),
        metadata={
            "description": "pronoun: a he/she/his/her the resolver linked to the "
            "source; honorific: Mr, Mrs, Ms, Sir, Lady … before its name; noun: a "
            "gendered noun that describes it (spokeswoman, mother)"
        },
    )


class KeyTermSchema(Schema):
    """A key term of a source's quotes."""

    term = fields.String(required=True)
    score = fields.Float(
        required=True,
        metadata={
            "description": "how key the term is, higher is more key: textacy's "
            "YAKE score s given as 1 / (1 + s) (textrank's and sgrank's as they "
            "are, where configured)"
        },
    )


class SourceSchema(Schema):
    id = fields.String(required=True)
    name = fields.String(allow_none=True, required=True)
    description = fields.String(allow_none=True, required=True)
    identification = fields.String(
        required=True, validate=validate.OneOf(IDENTIFICATIONS)
    )
    entity_type = fields.String(required=True, validate=validate.OneOf(ENTITY_TYPES))
    anonymity_reason = fields.String(allow_none=True)
    mentions = fields.List(fields.Nested(TextSpanSchema))
    quote_ids = fields.List(fields.String())
    declined_ids = fields.List(
        fields.String(),
        metadata={"description": "its records of declining to comment"},
    )

    role = fields.String(
        validate=validate.OneOf(ROLES),
        metadata={
            "description": "what kind of source: "
            + "; ".join(f"{role}: {ROLE_HELP[role]}" for role in ROLES)
        },
    )
    role_evidence = fields.List(
        fields.Nested(TextSpanSchema),
        metadata={
            "description": "the words that decided the role (a description, "
            "title, appositive or the body the source speaks for); empty when "
            "the role is unknown"
        },
    )
    gender = fields.String(
        allow_none=True,
        validate=validate.OneOf(GENDERS),
        metadata={
            "description": "a person's gender as the article itself gives it "
            "(pronouns that refer to the source, honorifics, gendered nouns that "
            "describe it; never a first name): unknown when the text says nothing "
            "or calls the person 'they'; null for organisations and groups"
        },
    )
    gender_evidence = fields.Nested(
        GenderEvidenceSchema,
        allow_none=True,
        metadata={"description": "the word that decided the gender; null if none"},
    )
    key_terms = fields.List(
        fields.Nested(KeyTermSchema),
        metadata={
            "description": "what the source talked about: the top key terms of all "
            "its quotes (textacy), best first; empty for a source without quotes"
        },
    )


class DeclinedSchema(Schema):
    """A source that declined to comment ("declined to comment", "could not be
    reached for comment", "had no comment"): no quote, since no words are given."""

    id = fields.String(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)
    text = fields.String(
        required=True, metadata={"description": "the words that say so"}
    )
    speaker = fields.Nested(SpeakerSchema, allow_none=True, required=True)


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
    declined = fields.Integer(
        metadata={"description": "records of sources declining to comment"}
    )
    sources_by_role = _counts()
    quotes_by_role = _counts()
    sources_by_gender = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        metadata={"description": "person sources only, by gender"},
    )
    quotes_by_gender = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        metadata={"description": "quotes of person sources, by gender"},
    )


class RecordSchema(Schema):
    """One document's quotes and sources."""

    id = fields.String(allow_none=True, required=True)
    quotes = fields.List(fields.Nested(QuoteSchema), required=True)
    sources = fields.List(fields.Nested(SourceSchema), required=True)
    source_mix = fields.Nested(SourceMixSchema, required=True)
    declined = fields.List(
        fields.Nested(DeclinedSchema),
        required=True,
        metadata={"description": "sources that declined to comment"},
    )


class DocumentSchema(Schema):
    """One input document; other keys are ignored."""

    class Meta:
        unknown = EXCLUDE

    id = fields.String(allow_none=True, load_default=None)
    text = fields.String(required=True)


# The REST service's requests and responses. They live here with the record so
# that the wire format has one definition and ``openapi.yaml`` is generated from it.

OFFSET_UNITS = ("codepoint", "utf16")
HEALTH_STATES = ("ready",)


def _unicode_text(value: str) -> None:
    """Reject lone surrogates: JSON may escape them (``"\\ud800"``), but they are not
    text, and no UTF-8 response could carry them back."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValidationError(
            f"Not valid Unicode: a lone surrogate at character {exc.start}."
        ) from None


class AttributionOptionsSchema(Schema):
    """How to shape the record. A key left out takes its default."""

    offsets = fields.String(
        validate=validate.OneOf(OFFSET_UNITS),
        metadata={
            "description": "unit of every start and end: Python code points "
            "(default) or UTF-16 code units, as JavaScript strings index text"
        },
    )
    kinds = fields.List(
        fields.String(validate=validate.OneOf(KINDS)),
        validate=validate.Length(min=1),
        metadata={
            "description": "return only quotes of these kinds (default: all); "
            "sources left without quotes are dropped and the mix recomputed"
        },
    )
    cue_types = fields.List(
        fields.String(validate=validate.OneOf(CUE_TYPES)),
        validate=validate.Length(min=1),
        metadata={
            "description": "return only quotes whose cue is of these types "
            "(default: all); a quote with no cue of its own counts as a "
            f"statement. {CUE_TYPE_HELP}"
        },
    )
    min_confidence = fields.Float(
        validate=validate.Range(0.0, 1.0),
        metadata={
            "description": "return only quotes whose confidence is at least this "
            "(default: the value chosen on development data, see the README; 0 "
            "returns every quote); applied before the sources and the mix are built"
        },
    )


class AttributionRequestSchema(Schema):
    """One document to attribute, as a JSON body. Unknown keys are an error, so
    that a misspelt option is not silently ignored."""

    text = fields.String(required=True, validate=_unicode_text)
    id = fields.String(allow_none=True, load_default=None, validate=_unicode_text)
    options = fields.Nested(AttributionOptionsSchema, load_default=dict)


class BatchDocumentSchema(DocumentSchema):
    """One document of a batch: ``{"id", "text"}``. An unknown key fails that
    document's line, as it fails the one-document endpoint: one rule for both."""

    class Meta:
        unknown = RAISE

    id = fields.String(allow_none=True, load_default=None, validate=_unicode_text)
    text = fields.String(required=True, validate=_unicode_text)


class ProblemSchema(Schema):
    """An RFC 9457 problem detail: the body of every error response."""

    type = fields.String(
        required=True, metadata={"description": "'about:blank': the status says it"}
    )
    title = fields.String(required=True, metadata={"description": "the status phrase"})
    status = fields.Integer(required=True)
    detail = fields.String(required=True, metadata={"description": "what went wrong"})
    instance = fields.String(required=True, metadata={"description": "request path"})
    request_id = fields.String(
        required=True, metadata={"description": "also in the X-Request-ID header"}
    )
    errors = fields.Dict(
        metadata={
            "description": "422 only: messages by place (json, query), then field"
        }
    )


class BatchErrorSchema(Schema):
    """The line a batch answers for a document it could not attribute."""

    id = fields.String(allow_none=True, required=True)
    index = fields.Integer(
        required=True, metadata={"description": "position in the batch, from 0"}
    )
    error = fields.Nested(ProblemSchema, required=True)


class HealthSchema(Schema):
    status = fields.String(required=True, validate=validate.OneOf(HEALTH_STATES))


class ModelVersionSchema(Schema):
    name = fields.String(required=True)
    version = fields.String(required=True)


class VersionSchema(Schema):
    """What is answering: the package, spaCy, the base model and the lexicons."""

    whosaid = fields.String(required=True)
    spacy = fields.String(required=True)
    model = fields.Nested(ModelVersionSchema, required=True)
    lexicons = fields.String(
        required=True, metadata={"description": "release of models/ (models/VERSION)"}
    )


# Batch-level sources: one person or body across many records (``whosaid.merge``),
# as ``whosaid mix --sources`` writes them and ``POST /v1/sources`` answers them.


class BatchSourceSchema(Schema):
    """One person or body across a batch, and the document-level sources it
    merges."""

    id = fields.String(
        required=True, metadata={"description": "b1, b2 …: most quoted first"}
    )
    name = fields.String(
        allow_none=True,
        required=True,
        metadata={"description": "the fullest name seen; null if anonymous"},
    )
    identification = fields.String(
        required=True, validate=validate.OneOf(IDENTIFICATIONS)
    )
    entity_type = fields.String(required=True, validate=validate.OneOf(ENTITY_TYPES))
    documents = fields.Integer(
        required=True, metadata={"description": "records that quote it"}
    )
    quotes = fields.Integer(required=True)
    descriptions = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "the descriptions seen, most frequent first"},
    )
    members = fields.List(
        fields.String(),
        required=True,
        metadata={
            "description": "the document-level sources it merges, as "
            "document_id#source_id"
        },
    )
    anonymity_reason = fields.String(allow_none=True)
    role = fields.String(
        validate=validate.OneOf(ROLES),
        metadata={"description": "the commonest known role of its members"},
    )
    gender = fields.String(
        allow_none=True,
        validate=validate.OneOf(GENDERS),
        metadata={"description": "the commonest known gender of its members"},
    )
    key_terms = fields.List(
        fields.String(),
        metadata={"description": "its members' key terms, merged by rank"},
    )


class MergeMentionSchema(Schema):
    """A mention of a source: only its text counts for the merge (a pronoun or a
    title tells a gender, "the FBI" an acronym)."""

    class Meta:
        unknown = EXCLUDE

    text = fields.String(required=True)


class MergeMixSchema(Schema):
    """What the merge reads of a record's source mix: its quotes."""

    class Meta:
        unknown = EXCLUDE

    quotes = fields.Integer(strict=True, required=True, validate=validate.Range(0))
    unattributed_quotes = fields.Integer(
        strict=True, load_default=0, validate=validate.Range(0)
    )


class MergeSourceSchema(Schema):
    """A document-level source, as the merge reads it; other keys are ignored."""

    class Meta:
        unknown = EXCLUDE

    id = fields.String(required=True)
    name = fields.String(allow_none=True, load_default=None)
    description = fields.String(allow_none=True, load_default=None)
    identification = fields.String(
        required=True, validate=validate.OneOf(IDENTIFICATIONS)
    )
    entity_type = fields.String(required=True, validate=validate.OneOf(ENTITY_TYPES))
    anonymity_reason = fields.String(allow_none=True, load_default=None)
    mentions = fields.List(fields.Nested(MergeMentionSchema), load_default=list)
    quote_ids = fields.List(fields.String(), load_default=list)


class MergeRecordSchema(Schema):
    """A record whose sources are to be merged: the record ``/v1/attributions``
    answered, with its id; its quotes and other keys are ignored."""

    class Meta:
        unknown = EXCLUDE

    id = fields.String(required=True, validate=[validate.Length(min=1), _unicode_text])
    sources = fields.List(fields.Nested(MergeSourceSchema), required=True)
    source_mix = fields.Nested(
        MergeMixSchema,
        load_default=None,
        metadata={
            "description": "counts the record's quotes, with and without a "
            "speaker, for the batch's mix"
        },
    )


class BatchSourcesSchema(Schema):
    """The batch-level sources of some records, and their source mix counted on
    them (a person quoted in three records is one source)."""

    sources = fields.List(fields.Nested(BatchSourceSchema), required=True)
    source_mix = fields.Nested(SourceMixSchema, required=True)
