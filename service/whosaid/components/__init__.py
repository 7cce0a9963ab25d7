"""whosaid's spaCy components, one module per stage; importing registers them."""

from whosaid.components import (  # noqa: F401
    attributes,
    confidence,
    content,
    cue_types,
    cues,
    declined,
    paragraphs,
    profiles,
    quote_marks,
    resolve,
    sources,
    speakers,
)

STAGES = (
    "whosaid_quote_marks",
    "whosaid_cues",
    "whosaid_cue_types",
    "whosaid_content",
    "whosaid_speakers",
    "whosaid_declined",
    "whosaid_resolve",
    "whosaid_sources",
    "whosaid_profiles",
    "whosaid_confidence",
)
