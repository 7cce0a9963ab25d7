"""Finding quotations in a parsed ``Doc``: in marks, reported, or with lost marks."""
