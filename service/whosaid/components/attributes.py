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
Test = Callable[[np.ndarray, Doc], np.ndarray]


@dataclass(frozen=True)
class _Rule:
    tests: tuple[tuple[Test, ...], ...]  # one tuple of tests per token of the pattern
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
                tests = tuple(
                    tuple(self._test(key, value) for key, value in token.items())
                    for token in pattern
                )
                self.rules.append(
                    _Rule(tests, int(entry.get("index", 0)), dict(entry["attrs"]))
                )

    def _test(self, key: str, value: Any) -> Test:
        strings = self.vocab.strings
        column = COLUMNS[key]
        if key == "IS_SPACE":
            want = 1 if value else 0
            return lambda a, doc: a[:, column] == want
        if isinstance(value, str):
            wanted = strings.add(value)
            return lambda a, doc: a[:, column] == wanted
        if "IN" in value or "NOT_IN" in value:
            words = value.get("IN", value.get("NOT_IN"))
            hashes = np.array([strings.add(w) for w in words], dtype=np.uint64)
            negate = "NOT_IN" in value
            return lambda a, doc: np.isin(a[:, column], hashes) != negate
        if "REGEX" in value:
            regex = re.compile(value["REGEX"])
            # String hash → matches, over the process; bounded, since a service
            # sees new words without end.
            seen: dict[int, bool] = {}

            def matches(a: np.ndarray, doc: Doc) -> np.ndarray:
                out = np.zeros(len(a), dtype=bool)
                for k, h in enumerate(a[:, column].tolist()):
                    hit = seen.get(h)
                    if hit is None:
                        if len(seen) >= REGEX_CACHE:
                            seen.clear()
                        hit = seen[h] = bool(regex.search(strings[h]))
                    out[k] = hit
                return out

            return matches
        raise ValueError(f"attribute pattern not supported: {key}={value!r}")

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n or not self.rules:
            return doc
        a = doc.to_array(READ)
        pos, morph, lemma = a[:, 4].copy(), a[:, 5].copy(), a[:, 6].copy()
        singles: dict[int, dict[str, str]] = {}  # TAG and DEP, set token by token
        for rule in self.rules:
            width = len(rule.tests)
            if width > n:
                continue
            mask = np.ones(n - width + 1, dtype=bool)
            for offset, tests in enumerate(rule.tests):
                window = a[offset : n - width + 1 + offset]
                for test in tests:
                    mask &= test(window, doc)
            targets = np.flatnonzero(mask) + rule.index
            if not len(targets):
                continue
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


def _pos_id(value: str) -> int:
    from spacy.parts_of_speech import IDS

    return IDS[value]


@Language.factory(
    "whosaid_attributes", assigns=["token.pos", "token.morph", "token.lemma"]
)
def make_attributes(nlp: Language, name: str) -> FastAttributes:
    return FastAttributes(nlp.vocab)
