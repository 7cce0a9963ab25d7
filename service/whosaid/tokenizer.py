"""Tokenizer adjustments: quotation marks glued to neighbours become tokens.

Wire copy and scraped text often lose the space around a mark ("Clinton:“We",
"said,“Look"). spaCy's default English rules leave such a run as one token, which
both derails the parse and blurs the quote's token boundaries. The extra infix
patterns live in ``models/patterns/tokenizer.json``.
"""

from __future__ import annotations

import re

from spacy.language import Language

from whosaid import lexicons


def adapt(nlp: Language) -> None:
    """Add whosaid's infix patterns to ``nlp``'s tokenizer (idempotent)."""
    extra = lexicons.pattern_file("tokenizer")["infixes"]
    # The layout reader wraps the tokenizer; the rules are its base's.
    base = getattr(nlp.tokenizer, "base", nlp.tokenizer)
    finditer = base.infix_finditer
    current = getattr(getattr(finditer, "__self__", None), "pattern", None)
    if current is not None and all(p in current for p in extra):
        return
    parts = ([current] if current else []) + list(extra)
    base.infix_finditer = re.compile("|".join(parts)).finditer
