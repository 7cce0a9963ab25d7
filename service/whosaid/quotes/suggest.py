"""Candidate content spans from the parse, for the learned content classifier.

Reported content in news is almost always a constituent next to the word that
attributes it: a clause, infinitive or object of a verb ("said [that the plan
failed]", "pledged [to back him]", "criticized [the plan]"), the object of a
preposition ("talked [about jobs]"), or the clause an attribution interrupts ("[The
economy], the minister said, [will recover]"). This module lists those constituents
(about 300 an article, covering 87% of PolNeAR's indirect and mixed contents) and
registers them as a spaCy suggester, so that a ``spancat`` component can learn which
of them are attributed content.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Ops, get_current_ops
from thinc.types import Ragged

from whosaid.candidates import Cue
from whosaid.syntax import verb_class

# Dependents whose subtree may be what was said.
CONTENT_DEPS = frozenset(
    {
        "ccomp",
        "xcomp",
        "dobj",
        "acl",
        "advcl",
        "attr",
        "oprd",
        "pcomp",
        "relcl",
        "csubj",
        "nsubj",
        "dative",
        "conj",
        "appos",
    }
)
MAX_TOKENS = 80
COMPLEMENTISERS = frozenset({"that", "whether", "if"})


def content_candidates(
    doc: Doc, heads: Iterable[int] | None = None
) -> list[tuple[int, int]]:
    """Token spans (start, end) that may be attributed content, sorted: the
    dependents of every token, or only of ``heads``, and every interrupted clause."""
    out: set[tuple[int, int]] = set()

    def add(start: int, end: int) -> None:
        if (
            start < end
            and doc[start].lower_ in COMPLEMENTISERS
            and doc[start].dep_ == "mark"
        ):
            start += 1
        if 0 < end - start <= MAX_TOKENS:
            out.add((start, end))

    for i in range(len(doc)) if heads is None else sorted(set(heads)):
        for child in doc[i].children:
            if child.dep_ == "prep":
                for obj in child.children:
                    if obj.dep_ in ("pobj", "pcomp"):
                        add(obj.left_edge.i, obj.right_edge.i + 1)
            elif child.dep_ in CONTENT_DEPS:
                add(child.left_edge.i, child.right_edge.i + 1)
    interrupting = {doc.vocab.strings[d] for d in ("parataxis", "advcl")}
    deps = doc.to_array("DEP").tolist() if len(doc) else []
    for i in (n for n, dep in enumerate(deps) if dep in interrupting):
        tok = doc[i]
        if tok.head.i != tok.i:
            host = tok.head
            start, end = host.left_edge.i, host.right_edge.i + 1
            t_start, t_end = tok.left_edge.i, tok.right_edge.i + 1
            if t_start <= start:
                start = t_end
            elif t_end >= end:
                end = t_start
            add(start, end)
    return sorted(out)


SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def governing_cue(
    doc: Doc, start: int, end: int, cue_at: Mapping[int, Cue]
) -> Cue | None:
    """The cue that attributes the content ``doc[start:end]``, or None: the
    attribution that interrupts it ("[The economy], the minister said, [will …]"),
    or the cue word that governs it ("critics [said] resources …"). A subject is
    never content: it is who speaks."""
    root = doc[start:end].root
    if root.dep_ in SUBJECTS:
        return None
    for child in root.children:
        if not start <= child.i < end and child.dep_ in ("parataxis", "advcl"):
            known = cue_at.get(child.i)
            if known is not None or verb_class(child):
                return known or Cue(child.i, child.i + 1, "verb", child.i)
    head = root.head
    if head.i == root.i or start <= head.i < end:
        return None
    if head.pos_ == "ADP" and not start <= head.head.i < end:
        head = head.head
    # Only a word of saying, believing or taking a stance attributes: "toured [the
    # site]" is no report, whatever the classifier thinks of the span.
    return cue_at.get(head.i)


def attributable_candidates(doc: Doc) -> list[tuple[int, int]]:
    """The candidates a cue could attribute, once the cue stage has run: the
    content stage drops the others whatever their score, so they need none."""
    cues = doc._.whosaid_cues
    if cues is None:
        return content_candidates(doc)
    cue_at = {c.head: c for c in cues}
    # A dependent's content is attributable only when its head is a cue, a
    # preposition of a cue, or a cue's own head (a cue word that is a preposition
    # ``governing_cue`` reads as the head): only those heads need their dependents.
    heads: set[int] = set()
    for i in cue_at:
        cue = doc[i]
        heads.add(i)
        heads.add(cue.head.i)
        heads.update(c.i for c in cue.children if c.pos_ == "ADP")
    found = content_candidates(doc, heads)
    return [(s, e) for s, e in found if governing_cue(doc, s, e, cue_at) is not None]


@registry.misc("whosaid.content_suggester.v1")
def build_content_suggester(attributable_only: bool = False):
    """The suggester a ``spancat`` uses: ``content_candidates`` as a Ragged array.
    At run time, ``attributable_only`` leaves out the candidates no cue could
    attribute (same records, less work); training sees them all."""
    candidates = attributable_candidates if attributable_only else content_candidates

    def suggest(docs: Iterable[Doc], *, ops: Ops | None = None) -> Ragged:
        ops = ops or get_current_ops()
        spans: list[list[int]] = []
        lengths: list[int] = []
        for doc in docs:
            found = candidates(doc)
            spans.extend([s, e] for s, e in found)
            lengths.append(len(found))
        lengths_array = ops.asarray1i(lengths)
        if spans:
            return Ragged(ops.asarray2i(spans), lengths_array)
        return Ragged(ops.xp.zeros((0, 0), dtype="i"), lengths_array)

    return suggest
