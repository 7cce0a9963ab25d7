"""``whosaid_quote_marks``: every pair of quotation marks in the text.

Finding is ``whosaid.marks.find_quoted_spans`` (pure, on characters); this component
writes the result to ``doc._.whosaid_marks`` and, for spaCy users, to the span group
``doc.spans["whosaid_marks"]`` labelled with the mark family.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from whosaid.extensions import doc_text
from whosaid.marks import MarkTable, find_quoted_spans, mark_table


class QuoteMarks:
    def __init__(self, table: MarkTable) -> None:
        self.table = table

    def __call__(self, doc: Doc) -> Doc:
        spans = find_quoted_spans(doc_text(doc), self.table)
        doc._.whosaid_marks = spans
        doc.spans["whosaid_marks"] = [
            s
            for q in spans
            if (
                s := doc.char_span(
                    q.start, q.end, label=q.family, alignment_mode="expand"
                )
            )
            is not None
        ]
        return doc


@Language.factory(
    "whosaid_quote_marks",
    assigns=["doc._.whosaid_marks", "doc.spans"],
)
def make_quote_marks(nlp: Language, name: str) -> QuoteMarks:
    return QuoteMarks(mark_table())
