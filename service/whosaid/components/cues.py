"""``whosaid_cues``: the words that signal attribution.

* speech and attitude verbs of ``models/lexicons/speech_verbs.tsv`` in any form
  ("said", "says", "told", "insisted", "tweeted"), when tagged as verbs;
* the phrase patterns of ``models/patterns/cues.jsonl`` ("according to", colons,
  dashes);
* adjectives and nouns of saying or believing (``cue_adjectives.txt``,
  ``cue_nouns.txt``: "hopeful that …", "his promise to …"), which cue reported
  speech only;
* verbs of regarding in their "X as Y" frame (``regard_verbs.txt``: "see him as a
  threat").

Cues inside quotation marks are the quoted speaker's words, not the article's, and
are left out. Writes ``doc._.whosaid_cues`` and ``doc.spans["whosaid_cues"]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import product

import numpy as np
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from whosaid import (
    extensions,  # noqa: F401
    lexicons,
)
from whosaid.candidates import Cue
from whosaid.syntax import quoted_tokens, regarded_as, verb_class


class Cues:
    def __init__(self, nlp: Language) -> None:
        # Every cue is found by hash lookup over the token arrays: one-word patterns
        # and lexicon words in a dict, multi-word phrases with a PhraseMatcher. A
        # token Matcher over every token costs more than all of whosaid's rules.
        strings = nlp.vocab.strings
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.single: dict[tuple[str, int], tuple[str, int]] = {}  # (attr, hash) → kind
        self.heads: dict[str, int] = {}
        for n, entry in enumerate(lexicons.pattern_lines("cues")):
            kind, pattern = entry["label"], entry["pattern"]
            if len(pattern) == 1:
                attr = "ORTH" if "ORTH" in pattern[0] else "LOWER"
                for word in _values(pattern[0][attr]):
                    self.single[(attr, strings.add(word))] = kind
                continue
            key = f"{kind}#{n}"
            self.heads[key] = int(entry.get("head", 0))
            words = [_values(tok["LOWER"]) for tok in pattern]
            self.phrases.add(key, [nlp.make_doc(" ".join(p)) for p in product(*words)])
        self.words: dict[int, tuple[str, ...]] = {}
        for lexicon, words in (
            ("verb", lexicons.verb_forms()),
            ("adjective", lexicons.word_list("cue_adjectives")),
            ("noun", lexicons.cue_noun_forms()),
            ("regard", lexicons.word_list("regard_verbs")),
        ):
            for word in words:
                key = strings.add(word)
                self.words[key] = (*self.words.get(key, ()), lexicon)
        self.word_hashes = np.fromiter(self.words, dtype=np.uint64)
        self.orth_hashes = np.fromiter(
            (h for a, h in self.single if a == "ORTH"), dtype=np.uint64
        )
        self.lower_hashes = np.fromiter(
            (h for a, h in self.single if a == "LOWER"), dtype=np.uint64
        )

    def __call__(self, doc: Doc) -> Doc:
        cues = list(self.find(doc))
        doc._.whosaid_cues = cues
        doc.spans["whosaid_cues"] = [doc[c.start : c.end] for c in cues]
        for span, cue in zip(doc.spans["whosaid_cues"], cues, strict=True):
            span.label_ = cue.kind
        return doc

    def find(self, doc: Doc) -> Iterator[Cue]:
        """Cues outside quotation marks, in text order."""
        inside = quoted_tokens(doc)
        found: dict[int, Cue] = {}
        for match_id, start, end in sorted(
            self.phrases(doc), key=lambda m: (m[1], -m[2])
        ):
            key = doc.vocab.strings[match_id]
            kind = key.split("#", 1)[0]
            head = (
                start + self.heads[key]
                if self.heads[key] >= 0
                else end + self.heads[key]
            )
            if head in found or any(i in inside for i in range(start, end)):
                continue
            if kind == "speech":
                kind = "verb"  # a multi-word speech verb of the patterns ("put it")
            found[head] = Cue(start=start, end=end, kind=kind, head=head)
        if not len(doc):
            return iter(())
        arrays = doc.to_array(["ORTH", "LOWER"])
        orths, lowers = arrays[:, 0], arrays[:, 1]
        for attr, values, hashes in (
            ("ORTH", orths, self.orth_hashes),
            ("LOWER", lowers, self.lower_hashes),
        ):
            for i in np.flatnonzero(np.isin(values, hashes)).tolist():
                if i not in found and i not in inside and not doc[i].is_space:
                    kind = self.single[(attr, int(values[i]))]
                    found[i] = Cue(start=i, end=i + 1, kind=kind, head=i)
        for i in np.flatnonzero(np.isin(lowers, self.word_hashes)).tolist():
            if i in found or i in inside:
                continue
            token = doc[i]
            for lexicon in self.words[int(lowers[i])]:
                kind = self._word_kind(token, lexicon)
                if kind is not None:
                    found[i] = Cue(start=i, end=i + 1, kind=kind, head=i)
                    break
        return iter(sorted(found.values(), key=lambda c: (c.start, c.end)))

    @staticmethod
    def _word_kind(token, lexicon: str) -> str | None:
        if lexicon == "verb":
            cls = verb_class(token)
            if cls is None:
                return None
            return {"speech": "verb"}.get(cls, cls)
        if lexicon == "adjective":
            return "adjective" if token.pos_ == "ADJ" else None
        if lexicon == "regard":
            return "regard" if regarded_as(token) is not None else None
        return "noun" if token.pos_ == "NOUN" else None


def _values(spec) -> list[str]:
    """The words a pattern value accepts: a string or {"IN": [...]}."""
    return list(spec["IN"]) if isinstance(spec, dict) else [spec]


@Language.factory(
    "whosaid_cues",
    assigns=["doc._.whosaid_cues", "doc.spans"],
    requires=["doc._.whosaid_marks", "token.dep", "token.tag"],
)
def make_cues(nlp: Language, name: str) -> Cues:
    return Cues(nlp)
