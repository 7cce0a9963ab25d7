"""``whosaid_cues``: the words that signal attribution.

* speech and attitude verbs of ``models/lexicons/speech_verbs.tsv`` in any form
  ("said", "says", "told", "insisted", "tweeted"), when tagged as verbs;
* the phrase patterns of ``models/patterns/cues.jsonl`` ("according to", colons,
  dashes);
* adjectives and nouns of saying or believing (``cue_adjectives.txt``,
  ``cue_nouns.txt``: "hopeful that …", "his promise to …"), which cue reported
  speech only.

Cues inside quotation marks are the quoted speaker's words, not the article's, and
are left out. Writes ``doc._.whosaid_cues`` and ``doc.spans["whosaid_cues"]``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from whosaid import extensions  # noqa: F401
from whosaid import lexicons
from whosaid.candidates import Cue
from whosaid.syntax import quoted_tokens, verb_class


class Cues:
    def __init__(self, nlp: Language) -> None:
        self.matcher = Matcher(nlp.vocab)
        self.heads: dict[str, int] = {}
        for n, entry in enumerate(lexicons.pattern_lines("cues")):
            key = f"{entry['label']}#{n}"
            self.heads[key] = int(entry.get("head", 0))
            self.matcher.add(key, [entry["pattern"]])
        forms = sorted(lexicons.verb_forms())
        self.matcher.add("verb#lexicon", [[{"LOWER": {"IN": forms}}]])
        adjectives = sorted(lexicons.word_list("cue_adjectives"))
        self.matcher.add("adjective#lexicon", [[{"LOWER": {"IN": adjectives}, "POS": "ADJ"}]])
        nouns = sorted(lexicons.cue_noun_forms())
        self.matcher.add("noun#lexicon", [[{"LOWER": {"IN": nouns}, "POS": "NOUN"}]])
        for key in ("verb#lexicon", "adjective#lexicon", "noun#lexicon"):
            self.heads[key] = 0

    def __call__(self, doc: Doc) -> Doc:
        cues = list(self.find(doc))
        doc._.whosaid_cues = cues
        doc.spans["whosaid_cues"] = [doc[c.start : c.end] for c in cues]
        for span, cue in zip(doc.spans["whosaid_cues"], cues, strict=True):
            span.label_ = cue.kind
        return doc

    def find(self, doc: Doc):
        """Cues outside quotation marks, in text order."""
        inside = quoted_tokens(doc)
        seen: set[int] = set()
        for match_id, start, end in sorted(self.matcher(doc), key=lambda m: (m[1], -m[2])):
            key = doc.vocab.strings[match_id]
            kind = key.split("#", 1)[0]
            head = start + self.heads[key] if self.heads[key] >= 0 else end + self.heads[key]
            if head in seen or any(i in inside for i in range(start, end)):
                continue
            if kind == "verb":
                cls = verb_class(doc[head])
                if cls is None:
                    continue
                kind = {"speech": "verb"}.get(cls, cls)
            elif kind == "speech":
                kind = "verb"  # a multi-word speech verb of the patterns ("put it")
            seen.add(head)
            yield Cue(start=start, end=end, kind=kind, head=head)


@Language.factory(
    "whosaid_cues",
    assigns=["doc._.whosaid_cues", "doc.spans"],
    requires=["doc._.whosaid_marks", "token.dep", "token.tag"],
)
def make_cues(nlp: Language, name: str) -> Cues:
    return Cues(nlp)
