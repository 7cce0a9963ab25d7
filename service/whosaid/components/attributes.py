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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

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
        self._apply([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Docs a batch at a time: the rules run once over the batch's tokens laid
        end to end (a match across two docs is dropped), so the per-rule cost of a
        short document is shared."""
        for batch in minibatch(stream, size=batch_size):
            self._apply(batch)
            yield from batch

    def _apply(self, docs: list[Doc]) -> None:
        docs_ = [d for d in docs if len(d)]
        if not docs_ or not self.rules:
            return
        cols = np.ascontiguousarray(np.concatenate([d.to_array(READ) for d in docs_]).T)
        n = cols.shape[1]
        bounds = np.cumsum([0] + [len(d) for d in docs_])
        owner = np.repeat(np.arange(len(docs_)), np.diff(bounds))
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
            if len(starts) and rule.width > 1:
                starts = starts[owner[starts] == owner[starts + rule.width - 1]]
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
        values = np.stack([pos, morph, lemma], axis=1)
        for k, doc in enumerate(docs_):
            doc.from_array([POS, MORPH, LEMMA], values[bounds[k] : bounds[k + 1]])
        for i, attrs in singles.items():
            k = int(owner[i])
            token = docs_[k][i - int(bounds[k])]
            for key, value in attrs.items():
                setattr(token, f"{key.lower()}_", value)


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
