"""``whosaid_paragraphs``: a newline ends a sentence, before the parser runs.

News copy marks paragraphs with newlines; without this the parser joins a headline
or a quote-only paragraph to the next line and the attribution reads across them.
Add it before ``parser``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("whosaid_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    for i in range(1, len(doc)):
        if "\n" in doc[i - 1].text and not doc[i].is_space:
            doc[i].is_sent_start = True
    return doc
