"""``whosaid_paragraphs``: a newline ends a sentence, before the parser runs.

News copy marks paragraphs with newlines; without this the parser joins a headline
or a quote-only paragraph to the next line and the attribution reads across them.
Add it before ``parser``. The starts are written in one array operation: setting
``Token.is_sent_start`` one token at a time rescans the document each time.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("whosaid_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    if len(doc) < 2:
        return doc
    spaces = [t.is_space for t in doc]
    newline = [("\n" in t.text) if spaces[i] else False for i, t in enumerate(doc)]
    starts = doc.to_array([SENT_START]).astype(np.int32)
    changed = False
    for i in range(1, len(doc)):
        if newline[i - 1] and not spaces[i] and starts[i] != 1:
            starts[i] = 1
            changed = True
    if changed:
        doc.from_array([SENT_START], starts.reshape(-1, 1).astype(np.uint64))
    return doc
