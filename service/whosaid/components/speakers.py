"""``whosaid_speakers``: the cue and the speaker mention of every quote.

For a quote in marks the cue is looked for where English puts it: right after the
closing mark ("“…,” he said", "“…,” said X", "“…” — Commissioner Z"), right before
the opening mark ("X said: “…”", "according to X, “…”", "X: “…”"), on a dependency
arc that crosses the mark, or at the end of the paragraph before ("He said:" ⏎ "“…”").
The speaker is the subject of a cue verb (through "who", coordinated and control
verbs), the object of "according to", or the noun phrase before a colon or after a
dash. A quote with no cue of its own takes the speaker of the quote or report just
before it, in its own paragraph or the one before, as a reader would.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from whosaid import (
    extensions,  # noqa: F401
    lexicons,
)
from whosaid.candidates import DIRECT, Cue, Mention, QuoteCandidate
from whosaid.syntax import SUBJECT_DEPS, has_foreign_object, mention_bounds, subject_of
from whosaid.view import DocView, MarkTokens

VERB_KINDS = frozenset({"verb", "attitude"})
# Cues whose speaker is their grammatical subject; naming and stance verbs attribute
# reported content, never a direct quote.
SUBJECT_CUES = VERB_KINDS | {"naming", "stance", "regard"}
NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
# Parts of speech that never head a speaker ("the 46-year-old" heads on an adjective,
# "one of two witnesses" on a numeral, so those stay allowed).
NOT_SPEAKER_POS = frozenset(
    {"VERB", "AUX", "PUNCT", "SCONJ", "CCONJ", "ADP", "PART", "SPACE", "SYM"}
)
DASHES = frozenset({"—", "–", "--", "-", "―"})
# A cue after the closing mark is read up to this many tokens away (an appositive
# may sit between: "“…,” Leonard E. Burman, director of …, said").
RIGHT_REACH = 40
LEFT_REACH = 40


class Speakers:
    def __call__(self, doc: Doc) -> Doc:
        view = DocView.of(doc)
        attribute(view, doc._.whosaid_quotes or [])
        return doc


def attribute(view: DocView, quotes: list[QuoteCandidate]) -> None:
    """Attach a cue and a speaker mention to each quote, in text order."""
    last: QuoteCandidate | None = None
    for quote in sorted(quotes, key=lambda q: q.start):
        if quote.kind == DIRECT and quote.mark is not None and quote.cue is None:
            quote.cue = direct_cue(view, quote)
        if quote.cue is not None:
            quote.speaker = speaker_of(view, quote.cue)
        if quote.speaker is None and last is not None and _continues(view, last, quote):
            quote.speaker = Mention(
                last.speaker.start, last.speaker.end, last.speaker.head
            )
            quote.inherited = True
        if quote.speaker is not None:
            last = quote
        quote.confidence = _confidence(quote)
    _carry_back(view, quotes)


def _carry_back(view: DocView, quotes: list[QuoteCandidate]) -> None:
    """A quote with no speaker whose paragraph runs straight into the next quote's
    (``"A. "B. "C," she said``: one speaker's paragraphs, the cue at the last) takes
    that quote's speaker."""
    after: QuoteCandidate | None = None
    for quote in sorted(quotes, key=lambda q: q.start, reverse=True):
        if quote.kind != DIRECT or quote.mark is None:
            after = None
            continue
        if (
            quote.speaker is None
            and after is not None
            and after.speaker is not None
            and quote.mark.close_end <= after.mark.open_start
            and "\n" in view.text[quote.mark.close_end : after.mark.open_start]
            and not view.text[quote.mark.close_end : after.mark.open_start].strip()
        ):
            quote.speaker = Mention(
                after.speaker.start, after.speaker.end, after.speaker.head
            )
            quote.inherited = True
            quote.confidence = _confidence(quote)
        after = quote


def direct_cue(view: DocView, quote: QuoteCandidate) -> Cue | None:
    """The cue of a quote in marks, or None when the quote carries none."""
    tokens = view.mark_tokens(quote.mark)
    text = view.text[quote.start : quote.end].rstrip()
    right = _right_cue(view, tokens)
    left = _left_cue(view, tokens)
    crossing = _crossing_cue(view, tokens)
    prev = view.neighbour(tokens.open, -1)
    introduced = prev is not None and (
        prev.text in (":", ",") or prev.lower_ == "that" or prev.i in view.cue_at
    )
    if text[-1:] in (",", "—", "–", "-") and right is not None:
        return right
    if introduced and left is not None:
        return left
    for cue in (crossing, right, left):
        if cue is not None:
            return cue
    return _colon_before_paragraph(view, tokens)


def _right_cue(view: DocView, tokens: MarkTokens) -> Cue | None:
    doc = view.doc
    nxt = view.neighbour(tokens.close, +1)
    if nxt is None:
        return None
    if nxt.text in DASHES:
        after = view.neighbour(nxt.i, +1)
        if after is not None and after.pos_ in ("PROPN", "NOUN"):
            return Cue(nxt.i, nxt.i + 1, "dash", nxt.i)
        return None
    end = view.sent_end(tokens.close)
    # The parser often starts a new sentence after “…?” or “…!”: the attribution that
    # follows still belongs to the quote when it is all that sentence opens with.
    new_sentence = nxt.i >= end
    if new_sentence:
        end = view.sent_end(nxt.i)
    for i in range(nxt.i, min(end, nxt.i + RIGHT_REACH)):
        if view.is_quoted(i) or doc[i].is_quote:
            break
        cue = view.cue_at.get(i)
        if cue is None:
            continue
        if cue.kind == "according_to" and i == nxt.i:
            return cue
        if cue.kind in VERB_KINDS and _usable(view, cue):
            if new_sentence and (
                not _opens_with_attribution(doc[cue.head], nxt.i)
                or _reports_its_own(view, doc[cue.head])
            ):
                return None
            if _introduces_next_quote(view, cue):
                return None
            return cue
    return None


def _usable(view: DocView, cue: Cue) -> bool:
    """A verb cue that really reports speech here (not "charged a $100 fee"). After a
    closing mark ("“…,” added the spokesman") the noun the parser may call its object
    is its subject."""
    verb = view.doc[cue.head]
    if not has_foreign_object(verb, lambda t: view.is_quoted(t.i)):
        return True
    return not any(c.dep_ in SUBJECT_DEPS for c in verb.children) and (
        _inverted_subject(view, verb) is not None
    )


def _introduces_next_quote(view: DocView, cue: Cue) -> bool:
    """ "… Mr. Zahed said: “…”": the cue belongs to the quote after it."""
    nxt = view.neighbour(cue.end - 1, +1)
    if nxt is not None and nxt.text in (":", ","):
        after = view.neighbour(nxt.i, +1)
        return after is not None and after.is_quote and after.i + 1 in view.quoted
    return False


def _reports_its_own(view: DocView, verb: Token) -> bool:
    """ "“….” Mr Hasson said games developers were …": a cue that opens the next
    sentence with a clause or a quote of its own reports that, not the quote before."""
    if any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i for c in verb.children):
        return True
    end = view.sent_end(verb.i)
    for i in range(verb.i + 1, end):
        if view.doc[i].text == ":":
            after = view.neighbour(i, +1)
            return after is not None and after.is_quote
    return False


def _opens_with_attribution(verb: Token, start: int) -> bool:
    """ "said X …" or "X said …" / "X, the …, said" starting at token ``start``."""
    if verb.i == start:
        return True
    subj = subject_of(verb)
    return subj is not None and subj.left_edge.i == start


def _left_cue(view: DocView, tokens: MarkTokens) -> Cue | None:
    doc = view.doc
    start = max(view.sent_start(tokens.open), tokens.open - LEFT_REACH)
    colon = None
    for i in range(tokens.open - 1, start - 1, -1):
        if view.is_quoted(i) or (doc[i].is_quote and i != tokens.open):
            break
        cue = view.cue_at.get(i)
        if cue is None:
            continue
        if (
            cue.kind in VERB_KINDS and _usable(view, cue)
        ) or cue.kind == "according_to":
            return cue
        if cue.kind == "colon" and colon is None and i == tokens.open - 1:
            colon = cue
    return colon


def _crossing_cue(view: DocView, tokens: MarkTokens) -> Cue | None:
    """A cue verb joined to the quote by a dependency arc crossing its marks."""
    doc = view.doc
    lo, hi = tokens.open, tokens.close
    for i in range(tokens.start, tokens.end):
        head = doc[i].head
        if not lo <= head.i <= hi:
            cue = view.cue_at.get(head.i)
            if (
                cue is not None
                and cue.kind in VERB_KINDS
                and not view.is_quoted(head.i)
                and _usable(view, cue)
            ):
                return cue
    sents = {view.sent_start(lo), view.sent_start(hi)}
    for sent_start in sents:
        for tok in view.sentence(sent_start):
            if (lo <= tok.i <= hi) or view.is_quoted(tok.i):
                continue
            cue = view.cue_at.get(tok.i)
            if (
                cue is not None
                and cue.kind in VERB_KINDS
                and lo <= tok.head.i <= hi
                and _usable(view, cue)
            ):
                return cue
    return None


def _colon_before_paragraph(view: DocView, tokens: MarkTokens) -> Cue | None:
    """ "He said:" closing the paragraph before a quote that opens its own."""
    if view.neighbour(tokens.open, -1) is not None:
        return None
    doc = view.doc
    i = tokens.open - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0 or doc[i].text != ":":
        return None
    sent = view.sentence(i)
    for j in range(i - 1, sent.start - 1, -1):
        cue = view.cue_at.get(j)
        if cue is not None and cue.kind in VERB_KINDS and not view.is_quoted(j):
            return cue
    return view.cue_at.get(i)


def speaker_of(view: DocView, cue: Cue) -> Mention | None:
    """The mention that a cue attributes its quote to."""
    doc = view.doc
    head: Token | None = None
    if cue.kind in SUBJECT_CUES:
        verb = doc[cue.head]
        head = (
            subject_of(
                verb, allowed=lambda t: not view.is_quoted(t.i), resolve_relative=False
            )
            or _agent(verb)
            or _inverted_subject(view, verb)
            or _positional_subject(view, verb)
        )
    elif cue.kind == "according_to":
        head = next((c for c in doc[cue.end - 1].children if c.dep_ == "pobj"), None)
    elif cue.kind == "colon":
        head = _noun_holder_before(view, cue.head) or _phrase_head(
            view, _left_phrase(view, cue.head)
        )
    elif cue.kind == "dash":
        head = _phrase_head(view, _right_phrase(view, cue.head))
    elif cue.kind == "adjective":
        head = subject_of(doc[cue.head].head)
    elif cue.kind == "noun":
        head = _holder(doc[cue.head])
    if head is None or head.pos_ in NOT_SPEAKER_POS or view.is_quoted(head.i):
        return None
    start, end = mention_bounds(head)
    return Mention(start, end, head.i)


def _noun_holder_before(view: DocView, colon: int) -> Token | None:
    """ "The rally had one message: “…”", "Her answer: “…”": a noun of saying before
    the colon makes its holder the speaker."""
    if colon == 0:
        return None
    cue = view.cue_at.get(colon - 1)
    if cue is None or cue.kind != "noun":
        return None
    return _holder(view.doc[colon - 1])


def _agent(verb: Token) -> Token | None:
    """ "the law, opposed by Democrats": a participle's holder is its agent."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is None:
        return None
    return next((c for c in agent.children if c.dep_ == "pobj"), None)


def _holder(noun: Token) -> Token | None:
    """Whose claim: "her claim", "the claim by X", or the subject of "made the
    claim"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from", "of"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON"):
                return obj
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
        return subject_of(noun.head)
    return None


def _inverted_subject(view: DocView, verb: Token) -> Token | None:
    """ "“…,” said Robin Maynard, half joking": the noun phrase right after a verb that
    the parser left without a subject."""
    doc = view.doc
    before = view.neighbour(verb.i, -1)
    if before is None or not (before.is_quote or before.text == ","):
        return None
    entry = lexicons.verb_forms().get(verb.lower_)
    if entry is not None and entry.addressee:
        return None  # "…,” told reporters": the noun after it is the hearer
    head = None
    for i in range(verb.i + 1, min(len(doc), verb.i + 8)):
        tok = doc[i]
        if tok.pos_ in ("PROPN", "NOUN", "PRON"):
            head = tok
        elif tok.pos_ in ("DET", "ADJ", "NUM") or tok.text in ("-", "'s", "’s"):
            continue
        else:
            break
    return head


def _positional_subject(view: DocView, verb: Token) -> Token | None:
    """When the parse gives a cue verb no subject: the noun right before it, or, over
    an appositive set off by commas, the first noun phrase of its clause."""
    doc = view.doc
    j = verb.i - 1
    while j >= 0 and doc[j].pos_ in ("ADV", "AUX", "PART") and not view.is_quoted(j):
        j -= 1
    if j < 0 or view.is_quoted(j) or doc[j].is_quote:
        return None
    if doc[j].pos_ in ("PROPN", "NOUN", "PRON"):
        return doc[j]
    start = view.sent_start(verb.i)
    if doc[j].text in DASHES:
        # "A spokesman for the firm — a company of twelve — noted that …": the
        # subject stands before the opening dash of the appositive.
        opening = next(
            (i for i in range(j - 1, start - 1, -1) if doc[i].text in DASHES), None
        )
        return None if opening is None else _first_noun(view, start, opening)
    if doc[j].text not in (",", ")"):
        return None
    k = j
    while k > start and not doc[k - 1].is_quote and not view.is_quoted(k - 1):
        k -= 1
    if doc[k].pos_ == "ADP":
        # "In an interview with the paper, Ms Brek, who …, says": the clause's
        # subject comes after the phrase that sets the scene.
        comma = next((i for i in range(k, j) if doc[i].text == ","), None)
        if comma is not None:
            k = comma + 1
    head = None
    for i in range(k, j):
        if doc[i].pos_ in ("PROPN", "NOUN", "PRON"):
            head = doc[i]
        elif head is not None:
            break
    return head


def _first_noun(view: DocView, start: int, end: int) -> Token | None:
    """The last noun of the first run of nouns in ``doc[start:end]``, outside quotes."""
    doc = view.doc
    head = None
    for i in range(start, end):
        if view.is_quoted(i) or doc[i].is_quote:
            return head
        if doc[i].pos_ in ("PROPN", "NOUN", "PRON"):
            head = doc[i]
        elif head is not None:
            break
    return head


def _left_phrase(view: DocView, colon: int) -> range:
    doc = view.doc
    sent_start = view.sent_start(colon)
    start = colon
    while (
        start > sent_start
        and not doc[start - 1].is_quote
        and not view.is_quoted(start - 1)
    ):
        start -= 1
    return range(start, colon)


def _right_phrase(view: DocView, dash: int) -> range:
    """The words after a dash, to the end of the phrase ("— Commissioner Z, …")."""
    doc = view.doc
    start = dash + 1
    while start < len(doc) and doc[start].is_space and "\n" not in doc[start].text:
        start += 1  # "―\xa0Jorge Falcon": a non-breaking space after the dash
    end = start
    while (
        end < len(doc)
        and not doc[end].is_space
        and doc[end].text not in (",", ".", ";", "(")
    ):
        end += 1
    return range(start, end)


def _phrase_head(view: DocView, span: range) -> Token | None:
    """The syntactic head of a short stretch: the token whose head lies outside it."""
    doc = view.doc
    if not span or len(span) > 12:
        return None
    for i in span:
        tok = doc[i]
        if tok.head.i not in span or tok.head.i == tok.i:
            if tok.pos_ in NOMINAL_POS:
                return tok
    return next((doc[i] for i in reversed(span) if doc[i].pos_ == "PROPN"), None)


def _continues(view: DocView, last: QuoteCandidate, quote: QuoteCandidate) -> bool:
    """Does ``quote`` go on with what ``last``'s speaker was saying?"""
    if (quote.kind != DIRECT and quote.origin != "lost_marks") or last.speaker is None:
        return False
    if quote.cue is not None and quote.cue.kind in VERB_KINDS:
        return False
    doc = view.doc
    last_para = view.paragraph[view.index.at(last.end - 1)]
    para = view.paragraph[view.index.at(quote.start)]
    if para - last_para > 1:
        return False
    # Another speech cue between them with a subject of its own starts a new
    # speaker; one whose subject is that same speaker ("…, said Tomas, who asked to
    # be identified only by his first name.") does not.
    lo = view.index.at(last.end - 1) + 1
    hi = view.index.at(quote.start)
    speaker = doc[last.speaker.head]
    for cue in view.cues:
        if lo <= cue.head < hi and cue.kind in VERB_KINDS and cue is not last.cue:
            if view.is_quoted(cue.head):
                continue
            subj = subject_of(doc[cue.head])
            if (
                subj is not None
                and subj.i != speaker.i
                and subj.lower_ != speaker.lower_
                # "…,” said an adviser to the mayor, who declined to be named: a
                # relative clause on the speaker's own phrase describes the speaker
                and not last.speaker.start <= subj.i < last.speaker.end
            ):
                return False
    return True


def _confidence(quote: QuoteCandidate) -> float:
    """A coarse score from the evidence: marks, a cue, a speaker found or inherited."""
    score = 0.5 if quote.kind == DIRECT else 0.35
    if quote.cue is not None:
        score += 0.25
    if quote.speaker is not None:
        score += 0.1 if quote.inherited else 0.2
    return round(min(score, 0.99), 2)


@Language.factory(
    "whosaid_speakers",
    assigns=["doc._.whosaid_quotes"],
    requires=["doc._.whosaid_quotes", "doc._.whosaid_cues", "token.dep"],
)
def make_speakers(nlp: Language, name: str) -> Speakers:
    return Speakers()
