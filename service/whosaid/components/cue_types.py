"""``whosaid_cue_types``: what each cue reports, one of ``candidates.CUE_TYPES``.

A reader of the source list wants to tell what a source said from what it believes,
intends, saw or thinks of something. The type comes from the cue's class (speech
verbs, "according to", colons and dashes state; attitude verbs and adjectives
believe; stance verbs take a stance) unless ``models/lexicons/cue_types.tsv`` names
the word ("wrote" writes, "plans" intends, "found" perceives). Sets ``Cue.type`` on
every cue of ``doc._.whosaid_cues``.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from whosaid import (
    extensions,  # noqa: F401
    lexicons,
)
from whosaid.candidates import (
    BELIEF,
    CUE_TYPES,
    STANCE,
    STATEMENT,
    Cue,
)

# The type of each cue class when the lexicon does not name the word.
CLASS_DEFAULTS = {
    "verb": STATEMENT,
    "naming": STATEMENT,
    "according_to": STATEMENT,
    "colon": STATEMENT,
    "dash": STATEMENT,
    "noun": STATEMENT,
    "attitude": BELIEF,
    "adjective": BELIEF,
    "regard": BELIEF,
    "stance": STANCE,
}


@cache
def _lexicon() -> dict[str, str]:
    out = {}
    for word, (cue_type, *_) in lexicons.table("cue_types").items():
        if cue_type not in CUE_TYPES:
            raise ValueError(f"cue_types.tsv: {word!r} has unknown type {cue_type!r}")
        out[word] = cue_type
    return out


def _keys(token: Token) -> tuple[str, ...]:
    """The words to look the cue up by: its verb lemma, its form, its singular."""
    word = token.lower_
    entry = lexicons.verb_forms().get(word)
    keys = (entry.lemma,) if entry is not None else ()
    keys += (word,)
    if word.endswith("es"):
        keys += (word[:-2],)
    if word.endswith("s"):
        keys += (word[:-1],)
    return keys


def cue_type(doc: Doc, cue: Cue) -> str:
    """The type of ``cue``; a cue of an unknown class states."""
    default = CLASS_DEFAULTS.get(cue.kind, STATEMENT)
    if cue.kind in ("according_to", "colon", "dash"):
        return default
    lexicon = _lexicon()
    for key in _keys(doc[cue.head]):
        if key in lexicon:
            return lexicon[key]
    return default


class CueTypes:
    def __call__(self, doc: Doc) -> Doc:
        for cue in doc._.whosaid_cues or ():
            cue.type = cue_type(doc, cue)
        return doc


@Language.factory(
    "whosaid_cue_types",
    assigns=["doc._.whosaid_cues"],
    requires=["doc._.whosaid_cues"],
)
def make_cue_types(nlp: Language, name: str) -> CueTypes:
    return CueTypes()
