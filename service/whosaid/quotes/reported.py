"""Reported speech: the words a cue reports when they are not in quotation marks.

Each cue kind has readers that find the content it governs, tried in order:

* a speech or attitude verb: its clause complement ("said (that) …", "…, X said"),
  the clause it interrupts or introduces ("The economy, the minister said, will …",
  "As the Times noted, …"), or its infinitive ("pledged to back …", "urged voters to
  …");
* "according to X": the clause it modifies, on either side;
* an adjective of belief with a clause ("were hopeful that …");
* a noun of saying with a clause or infinitive ("her claim that …", "his promise to
  …");
* a verb of regarding: its object and "as" phrase ("see him as a threat").

The span drops the complementiser "that", the cue and the speaker (an interrupting
attribution stays inside, as news copy reads it). It is **mixed** when it holds a
quoted fragment.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from whosaid import lexicons
from whosaid.candidates import INDIRECT, MIXED, Cue, QuoteCandidate
from whosaid.marks import QuotedSpan
from whosaid.syntax import regarded_as
from whosaid.view import DocView

Bounds = tuple[int, int]
# Clausal complements of a verb that carry what was said.
CLAUSE_DEPS = frozenset({"ccomp"})
# "As X noted, …" and "X said, …" hang the cue from the clause it reports.
HOST_DEPS = frozenset({"parataxis", "advcl"})
TRIM = " \t\r\n,;:—–-"
# An interrupting attribution is short: "the minister said in an interview".
PARENTHETICAL_MAX = 10
# Punctuation that ends one clause and starts another: what follows it is not the
# object of the verb before it.
CLAUSE_BREAKS = frozenset({";", ":", "—", "–", "--", "(", ")"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl"})
# Named entities that can hold a view.
HOLDER_ENTITIES = frozenset({"PERSON", "NORP", "ORG", "GPE"})


def reported_speech(
    view: DocView, taken_quotes: list[QuoteCandidate], fragments: list[QuotedSpan]
) -> list[QuoteCandidate]:
    """The reported contents of every cue, outside quotes already found."""
    doc = view.doc
    out: list[QuoteCandidate] = []
    taken = [(q.start, q.end) for q in taken_quotes]
    for cue in view.cues:
        bounds = None
        for reader in READERS.get(cue.kind, ()):
            bounds = reader(view, cue)
            if bounds is not None:
                break
        origin = reader.__name__ if bounds is not None else ""
        if bounds is None or bounds[1] - bounds[0] < 2:
            continue
        span = doc[bounds[0] : bounds[1]]
        c_start, c_end = _trim_chars(view.text, span.start_char, span.end_char)
        if c_end <= c_start or any(_overlap((c_start, c_end), t) > 0.5 for t in taken):
            continue
        holds = [f for f in fragments if f.open_start < c_end and c_start < f.close_end]
        for f in holds:  # a content that ends inside a quoted fragment takes its mark
            if f.open_start >= c_start and c_end < f.close_end:
                c_end = f.close_end
            if f.close_end <= c_end and c_start > f.open_start:
                c_start = f.open_start
        kind = MIXED if holds else INDIRECT
        confidence = 0.2 if origin == "object_content" else 0.35
        out.append(
            QuoteCandidate(c_start, c_end, kind, origin, cue=cue, confidence=confidence)
        )
        taken.append((c_start, c_end))
    return out


def _overlap(a: Bounds, b: Bounds) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / max(1, min(a[1] - a[0], b[1] - b[0]))


def _trim_chars(text: str, start: int, end: int) -> Bounds:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def _extent(token: Token) -> Bounds:
    return token.left_edge.i, token.right_edge.i + 1


def _without_complementiser(token: Token, bounds: Bounds) -> Bounds:
    start, end = bounds
    first = token.doc[start]
    if first.lower_ in ("that", "whether", "if") and first.dep_ == "mark":
        start += 1
    return start, end


def _excludes(bounds: Bounds, *tokens: Token) -> bool:
    return all(not bounds[0] <= t.i < bounds[1] for t in tokens)


def clause_complement(view: DocView, cue: Cue) -> Bounds | None:
    """ "said (that) <clause>", "<clause>, X said"."""
    verb = view.doc[cue.head]
    comp = next((c for c in verb.children if c.dep_ in CLAUSE_DEPS), None)
    if comp is None:
        comp = _that_clause(verb)
        if comp is None:
            return _inverted_complement(view, verb)
        bounds = _trim_tail(view, comp, _after_marks(comp, _extent(comp)))
        return bounds if _excludes(bounds, verb) else None
    if comp.i < verb.i and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None  # "<clause>, X said" names X; without it the parse is astray
    bounds = _trim_tail(view, comp, _without_complementiser(comp, _extent(comp)))
    return bounds if _excludes(bounds, verb) else None


def _that_clause(verb: Token) -> Token | None:
    """A "that" clause the parser hung as an adverbial ("complained soon after that
    the lines were too long"): a complementiser "that" makes it what was said, unless
    another mark makes it a clause of purpose or result ("so that", "now that")."""
    for child in verb.children:
        if child.dep_ != "advcl" or child.i < verb.i:
            continue
        marks = {m.lower_ for m in child.children if m.dep_ == "mark"}
        if "that" in marks and not marks & lexicons.word_list("not_report_marks"):
            return child
    return None


def _after_marks(comp: Token, bounds: Bounds) -> Bounds:
    """The clause without the marks before it ("after that the lines …")."""
    marks = [m.i for m in comp.children if m.dep_ == "mark" and m.i < comp.i]
    return (max(bounds[0], max(marks) + 1), bounds[1]) if marks else bounds


def _inverted_complement(view: DocView, verb: Token) -> Bounds | None:
    """ "Aides believe her record will offset his lead", parsed upside down: the cue
    hangs as a complement of the clause it introduces, and that clause's subject as
    the cue's object. The content is the rest of that clause after the cue."""
    doc = view.doc
    host = verb.head
    if (
        verb.dep_ != "ccomp"
        or host.i <= verb.i + 1
        or host.pos_ not in ("VERB", "AUX")
        or view.cue_at.get(host.i) is not None
        or not any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children)
        or any(c.dep_ in SUBJECT_DEPS for c in host.children)
    ):
        return None  # a host with a subject of its own is a clause of its own
    start = verb.i + 1
    if doc[start].lower_ == "that":
        start += 1
    end = host.right_edge.i + 1
    between = doc[verb.i + 1 : host.i]
    if (
        end - start < 3
        or doc[verb.i + 1].is_punct
        or any(t.text in CLAUSE_BREAKS or t.is_quote for t in between)
    ):
        return None
    return _trim_tail(view, host, (start, end))


def _trim_tail(view: DocView, head: Token, bounds: Bounds) -> Bounds:
    """End the content before what the reporter adds after it: a semicolon, a
    trailing participle (", pointing to …", ", saying …"), a non-restrictive
    "which" clause, or a second cue sharing the speaker ("… but warned that …")."""
    doc = view.doc
    start, end = bounds
    for tok in doc[start:end]:
        if tok.text == ";" and tok.i > start:
            # "…; they only learned on Friday …" is the author's, wherever the
            # parser put the head of the clause
            return start, tok.i
        if tok.i == head.i or tok.i <= start:
            continue
        if view.cue_at.get(tok.i) is not None and tok.dep_ == "conj" and tok.i > head.i:
            cut = tok.i
            while cut - 1 > start and doc[cut - 1].dep_ in ("cc", "punct"):
                cut -= 1
            return start, cut
    for child in head.children:
        if child.i <= head.i or child.i >= end:
            continue
        before = doc[child.left_edge.i - 1] if child.left_edge.i > start else None
        if before is None or before.text != ",":
            continue
        trailing = child.dep_ == "advcl" and child.tag_ == "VBG"
        trailing |= child.dep_ == "relcl" and any(
            t.lower_ == "which" for t in doc[child.left_edge.i : child.i]
        )
        if trailing and child.right_edge.i + 1 >= end - 1:
            return start, before.i
    return start, end


def host_clause(view: DocView, cue: Cue) -> Bounds | None:
    """ "The economy, the minister said, will recover." / "As the Times noted, <clause>"
    / "I said, hey, <clause>": the clause the attribution hangs from."""
    verb = view.doc[cue.head]
    if verb.dep_ not in HOST_DEPS or not _parenthetical(view, verb):
        return None
    if verb.dep_ == "advcl" and not any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
    ):
        return None
    host = verb.head
    if host.i == verb.i or view.cue_at.get(host.i) is not None:
        return None
    start, end = _extent(host)
    v_start, v_end = _extent(verb)
    if v_start <= start:  # attribution first: the content is what follows it
        start = v_end
    elif v_end >= end:  # attribution last: the content is what precedes it
        end = v_start
    return (start, end) if end - start >= 3 else None


def _parenthetical(view: DocView, verb: Token) -> bool:
    """A short attribution set off by commas (or a sentence edge) with its subject:
    ", officials said,", "As the Times noted,"."""
    doc = verb.doc
    words = [t.i for t in verb.subtree if not t.is_punct]
    start, end = min(words), max(words) + 1
    if end - start > PARENTHETICAL_MAX or not any(
        c.dep_ == "nsubj" for c in verb.children
    ):
        return False
    before_ok = start == view.sent_start(verb.i) or doc[start - 1].text in (
        ",",
        "—",
        "–",
        "(",
    )
    after = doc[end] if end < len(doc) else None
    after_ok = after is None or after.text in (",", ".", "—", "–", ")", ":", "!", "?")
    return before_ok and after_ok


def infinitive(view: DocView, cue: Cue) -> Bounds | None:
    """ "pledged to back the nominee", "urged voters to stay home"."""
    verb = view.doc[cue.head]
    entry = lexicons.verb_forms().get(verb.lower_)
    if entry is None or entry.lemma not in lexicons.word_list("infinitive_verbs"):
        return None
    if any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "is expected to": nobody is said to expect
    comp = next(
        (
            c
            for c in verb.children
            if c.dep_ == "xcomp"
            and c.i > verb.i
            and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)
        ),
        None,
    )
    if comp is None or asks_anonymity(comp):
        return None
    start, end = _extent(comp)
    end = max([end] + [c.right_edge.i + 1 for c in _infinitive_conjuncts(verb, comp)])
    hearer = next((c for c in verb.children if c.dep_ == "dobj" and c.i < comp.i), None)
    if entry is not None and entry.addressee and hearer is not None:
        start = hearer.left_edge.i  # "asked the candidates to …" keeps who was asked
    return start, end


def _infinitive_conjuncts(verb: Token, comp: Token) -> list[Token]:
    """ "agreed to share a currency and rely on one another": the parser often joins
    the second bare infinitive to the finite verb; a base form cannot be its
    conjunct, so it belongs with the infinitive."""
    if verb.tag_ == "VB":
        return []
    return [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.i > comp.i
        and c.tag_ == "VB"
        and not any(g.dep_ in SUBJECT_DEPS or g.dep_ == "aux" for g in c.children)
    ]


def asks_anonymity(comp: Token) -> bool:
    """ "asked not to be identified": a condition of the interview, not a report.

    The participles are those of ``lexicons/anonymity_participles.txt``.
    """
    passive = any(c.dep_ == "auxpass" for c in comp.children)
    return passive and comp.lower_ in lexicons.word_list("anonymity_participles")


def according_to_clause(view: DocView, cue: Cue) -> Bounds | None:
    """ "According to X, <clause>." and "<clause>, according to X." → the clause."""
    doc = view.doc
    according = doc[cue.start]
    clause = according.head
    while clause.dep_ not in ("ROOT", "ccomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    sent_start, sent_end = view.sent_start(clause.i), view.sent_end(clause.i)
    p_start, p_end = _extent(according)
    if p_start - sent_start <= 1:
        # "According to X, a Lisbon think tank, <clause>": the clause starts at
        # its subject, whatever the parser hung between.
        subj = next(
            (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None
        )
        if subj is not None and subj.left_edge.i > p_end:
            return subj.left_edge.i, sent_end
        return p_end, sent_end
    c_start, c_end = _extent(clause)
    if p_end < c_end - 1:  # in the middle: "Fundraising, according to X, has surged"
        return c_start, c_end
    return sent_start, p_start


def adjective_clause(view: DocView, cue: Cue) -> Bounds | None:
    """ "activists were hopeful that <clause>"."""
    adj = view.doc[cue.head]
    comp = next((c for c in adj.children if c.dep_ in ("ccomp", "xcomp")), None)
    if comp is None or adj.dep_ not in ("acomp", "ccomp", "oprd", "amod"):
        return None
    return _without_complementiser(comp, _extent(comp))


def noun_clause(view: DocView, cue: Cue) -> Bounds | None:
    """ "her claim that <clause>", "his promise to <clause>"."""
    noun = view.doc[cue.head]
    comp = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp", "relcl")
            and c.i > noun.i
            and any(
                m.lower_ in ("that", "to") and m.dep_ in ("mark", "aux")
                for m in c.children
            )
        ),
        None,
    )
    if comp is None:
        return None
    return _without_complementiser(comp, _extent(comp))


def object_content(view: DocView, cue: Cue) -> Bounds | None:
    """ "endorsed Clinton", "called for a recount", "called the plan a disaster":
    the object a stance verb of ``object_verbs.tsv`` takes."""
    doc = view.doc
    verb = doc[cue.head]
    entry = lexicons.verb_forms().get(verb.lower_)
    if entry is None:
        return None
    pairs = lexicons.object_verbs()
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ == "dobj" and (entry.lemma, "-") in pairs:
            start, end = _extent(child)
            # "called it a disaster", "described X as Y", "blamed X for Y"
            for extra in verb.children:
                if extra.i > child.i and extra.dep_ in (
                    "oprd",
                    "xcomp",
                    "prep",
                    "advcl",
                ):
                    if extra.dep_ == "advcl" and _adverbial(extra):
                        continue
                    if extra.dep_ != "prep" or extra.lower_ in ("as", "of", "for"):
                        end = max(end, extra.right_edge.i + 1)
            return _without_trailing_participle(doc, start, end)
        if child.dep_ == "prep" and (entry.lemma, child.lower_) in pairs:
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return _extent(obj)
    return None


def regard_content(view: DocView, cue: Cue) -> Bounds | None:
    """ "rivals see [him as a threat]": the object and what it is seen as."""
    frame = regarded_as(view.doc[cue.head])
    if frame is None:
        return None
    obj, as_phrase = frame
    return obj.left_edge.i, as_phrase.right_edge.i + 1


def passive_object(view: DocView, cue: Cue) -> Bounds | None:
    """ "the law, opposed by Democrats", "the talks are backed by both parties": a
    stance in the passive with its holder as agent attributes what it is about,
    the passive subject or the noun the participle modifies."""
    doc = view.doc
    verb = doc[cue.head]
    entry = lexicons.verb_forms().get(verb.lower_)
    if (
        entry is None
        or verb.tag_ != "VBN"
        or not any(c.dep_ == "agent" for c in verb.children)
        or (entry.lemma, "-") not in lexicons.object_verbs()
        and entry.cls != "attitude"
    ):
        return None
    agent = next(c for c in verb.children if c.dep_ == "agent")
    holder = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if holder is None or not _could_hold_a_view(holder):
        return None  # "an offensive backed by air strikes": support, not a view
    subject = next(
        (c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None
    )
    if subject is not None:
        return _extent(subject)
    if verb.dep_ == "acl" and verb.head.i < verb.i:
        start, end = verb.head.left_edge.i, verb.left_edge.i
        while end > start and doc[end - 1].is_punct:
            end -= 1
        return start, end
    return None


def _could_hold_a_view(head: Token) -> bool:
    """A name, a pronoun, or a noun of people or bodies ("Democrats", "most
    citizens", "a coalition of mayors"), not a thing ("air strikes")."""
    if head.pos_ in ("PROPN", "PRON") or head.ent_type_ in HOLDER_ENTITIES:
        return True
    word = head.lower_
    words = {word, word[:-1] if word.endswith("s") else word}
    return any(
        words & lexicons.word_list(name)
        for name in ("person_nouns", "group_nouns", "organization_nouns")
    )


def _adverbial(clause: Token) -> bool:
    """ "called the hearing because they felt …", "blasted it, saying …": a clause
    with its own conjunction, or set off by a comma, is the author's, not part of the
    object."""
    doc = clause.doc
    marked = any(c.dep_ == "mark" for c in clause.children)
    edge = clause.left_edge.i
    return marked or (edge > 0 and doc[edge - 1].text == ",")


def _without_trailing_participle(doc, start: int, end: int) -> Bounds:
    """Cut a closing ", meaning …" / ", saying …" participle, wherever it hangs."""
    for tok in doc[start:end]:
        edge = tok.left_edge.i
        if (
            tok.tag_ == "VBG"
            and tok.dep_ in ("advcl", "xcomp", "acl")
            and edge > start
            and doc[edge - 1].text == ","
            and tok.right_edge.i + 1 >= end - 1
        ):
            return start, edge - 1
    return start, end


READERS: dict[str, tuple[Callable[[DocView, Cue], Bounds | None], ...]] = {
    "verb": (
        clause_complement,
        host_clause,
        infinitive,
        object_content,
        passive_object,
    ),
    "attitude": (
        clause_complement,
        host_clause,
        infinitive,
        object_content,
        passive_object,
    ),
    "naming": (object_content, passive_object),
    "stance": (object_content, passive_object),
    "according_to": (according_to_clause,),
    "adjective": (adjective_clause,),
    "noun": (noun_clause,),
    "regard": (regard_content,),
}
