"""``whosaid_attributes``: the base model's attribute rules, applied as array lookups.

en_core_web_sm's ``attribute_ruler`` maps fine-grained tags to coarse parts of
speech and morphology with 179 token-Matcher patterns; run over every token, that
costs about as much as the parser. This component compiles the same patterns
(read from the loaded ``attribute_ruler``, in the same order, later ones winning as
there) into vectorised tests over the token arrays, and sets the same POS, MORPH,
LEMMA, TAG and DEP values. ``tests/components/test_attributes.py`` checks that the
output is identical to the original's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
READ = [TAG, LOWER, DEP, IS_SPACE, POS, MORPH, LEMMA]
# Strings whose regex results are remembered before the memo starts over.
REGEX_CACHE = 50_000
# A test reads one column (token attribute) at the selected rows (a slice or an
# index array) of the attribute columns, and says which pass.
Test = Callable[[np.ndarray, slice | np.ndarray], np.ndarray]


@dataclass(frozen=True)
class _Rule:
    width: int  # tokens in the pattern
    # (offset of the token in the pattern, test), cheap tests first: the costly
    # ones (regular expressions) then run only where the cheap ones passed.
    tests: tuple[tuple[int, Test], ...]
    index: int  # which token of the match gets the attributes
    attrs: dict[str, Any]


class FastAttributes:
    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.rules: list[_Rule] = []

    def set_patterns(self, patterns: list[dict[str, Any]]) -> None:
        """Compile ``AttributeRuler.patterns`` (a list of {patterns, attrs, index})."""
        self.rules = []
        for entry in patterns:
            for pattern in entry["patterns"]:
                tests = sorted(
                    (
                        (_is_regex(value), offset, self._test(key, value))
                        for offset, token in enumerate(pattern)
                        for key, value in token.items()
                    ),
                    key=lambda t: (t[0], t[1]),
                )
                self.rules.append(
                    _Rule(
                        len(pattern),
                        tuple((offset, test) for _, offset, test in tests),
                        int(entry.get("index", 0)),
                        dict(entry["attrs"]),
                    )
                )

    def _test(self, key: str, value: Any) -> Test:
        strings = self.vocab.strings
        column = COLUMNS[key]
        if key == "IS_SPACE":
            want = 1 if value else 0
            return lambda cols, rows: cols[column][rows] == want
        if isinstance(value, str):
            wanted = strings.add(value)
            return lambda cols, rows: cols[column][rows] == wanted
        if "IN" in value or "NOT_IN" in value:
            words = value.get("IN", value.get("NOT_IN"))
            hashes = np.array([strings.add(w) for w in words], dtype=np.uint64)
            negate = "NOT_IN" in value
            return lambda cols, rows: np.isin(cols[column][rows], hashes) != negate
        if "REGEX" in value:
            regex = re.compile(value["REGEX"])
            # String hash → matches, over the process; bounded, since a service
            # sees new words without end.
            seen: dict[int, bool] = {}

            def matches(cols: np.ndarray, rows: slice | np.ndarray) -> np.ndarray:
                values = cols[column][rows]
                hits = []
                for h in np.unique(values).tolist():
                    hit = seen.get(h)
                    if hit is None:
                        if len(seen) >= REGEX_CACHE:
                            seen.clear()
                        hit = seen[h] = bool(regex.search(strings[h]))
                    if hit:
                        hits.append(h)
                return np.isin(values, np.array(hits, dtype=np.uint64))

            return matches
        raise ValueError(f"attribute pattern not supported: {key}={value!r}")

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n or not self.rules:
            return doc
        cols = np.ascontiguousarray(doc.to_array(READ).T)  # one row per attribute
        pos, morph, lemma = cols[4].copy(), cols[5].copy(), cols[6].copy()
        singles: dict[int, dict[str, str]] = {}  # TAG and DEP, set token by token
        for rule in self.rules:
            if rule.width > n:
                continue
            # Window starts where every test so far passed: the first test reads
            # a view of the arrays, the others only the rows still in the running.
            (offset, test), *rest = rule.tests
            starts = np.flatnonzero(
                test(cols, slice(offset, n - rule.width + 1 + offset))
            )
            for offset, test in rest:
                if not len(starts):
                    break
                starts = starts[test(cols, starts + offset)]
            if not len(starts):
                continue
            targets = starts + rule.index
            for key, value in rule.attrs.items():
                if key == "POS":
                    pos[targets] = _pos_id(value)
                elif key == "MORPH":
                    morph[targets] = self.vocab.morphology.add(value)
                elif key == "LEMMA":
                    lemma[targets] = self.vocab.strings.add(value)
                else:
                    for i in targets.tolist():
                        singles.setdefault(i, {})[key] = value
        doc.from_array([POS, MORPH, LEMMA], np.stack([pos, morph, lemma], axis=1))
        for i, values in singles.items():
            for key, value in values.items():
                setattr(doc[i], f"{key.lower()}_", value)
        return doc


def _is_regex(value: Any) -> bool:
    return isinstance(value, dict) and "REGEX" in value


def _pos_id(value: str) -> int:
    from spacy.parts_of_speech import IDS

    return IDS[value]


@Language.factory(
    "whosaid_attributes", assigns=["token.pos", "token.morph", "token.lemma"]
)
def make_attributes(nlp: Language, name: str) -> FastAttributes:
    return FastAttributes(nlp.vocab)
