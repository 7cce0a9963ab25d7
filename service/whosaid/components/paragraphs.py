"""``whosaid_paragraphs``: a newline ends a sentence, before the parser runs.

News copy marks paragraphs with newlines; without this the parser joins a headline
or a quote-only paragraph to the next line and the attribution reads across them.
Add it before ``parser``. The starts are written in one array operation: setting
``Token.is_sent_start`` one token at a time rescans the document each time.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("whosaid_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    if len(doc) < 2:
        return doc
    spaces = doc.to_array(IS_SPACE).astype(bool)
    # Whitespace tokens that hold a newline; the token after each starts a
    # sentence unless it is whitespace too.
    after = [
        i + 1
        for i in np.flatnonzero(spaces[:-1]).tolist()
        if "\n" in doc[i].text and not spaces[i + 1]
    ]
    starts = doc.to_array([SENT_START]).astype(np.int32)
    changed = False
    for i in after:
        if starts[i] != 1:
            starts[i] = 1
            changed = True
    if changed:
        doc.from_array([SENT_START], starts.reshape(-1, 1).astype(np.uint64))
    return doc
