"""Reported speech and mixed quotes (whosaid.quotes.reported)."""

from __future__ import annotations

import pytest

from tests.conftest import only


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    [
        (
            "The mayor said that the bridge would reopen in May.",
            "the bridge would reopen in May",
            "said",
            "The mayor",
        ),
        (
            "The mayor said the bridge would reopen in May.",
            "the bridge would reopen in May",
            "said",
            "The mayor",
        ),
        (
            "The mayor told reporters that the bridge would reopen in May.",
            "the bridge would reopen in May",
            "told",
            "The mayor",
        ),
        (
            "The mayor says the bridge will reopen in May.",
            "the bridge will reopen in May",
            "says",
            "The mayor",
        ),
        (
            "The bridge will reopen in May, the mayor said.",
            "The bridge will reopen in May",
            "said",
            "the mayor",
        ),
        (
            "The mayor warned that the bridge could stay closed.",
            "the bridge could stay closed",
            "warned",
            "The mayor",
        ),
        (
            "The ministry said the talks had failed.",
            "the talks had failed",
            "said",
            "The ministry",
        ),
        (
            "A new poll found that most voters oppose the plan.",
            "most voters oppose the plan",
            "found",
            "A new poll",
        ),
        (
            "Several tenants refused to leave their homes.",
            "to leave their homes",
            "refused",
            "Several tenants",
        ),
        (
            "Activists persuaded the council that the park should stay open.",
            "the park should stay open",
            "persuaded",
            "Activists",
        ),
        (
            "Critics cast the bill as a giveaway to big banks.",
            "the bill as a giveaway to big banks",
            "cast",
            "Critics",
        ),
        (
            "The mayor pointed out that the bridge had been closed twice.",
            "the bridge had been closed twice",
            "pointed out",
            "The mayor",
        ),
        (
            "Local groups sought to block the new highway.",
            "to block the new highway",
            "sought",
            "Local groups",
        ),
        (
            "The board decided to close the library early.",
            "to close the library early",
            "decided",
            "The board",
        ),
        (
            "Opponents portrayed the new mall as a threat to small shops.",
            "the new mall as a threat to small shops",
            "portrayed",
            "Opponents",
        ),
        (
            "The crowd cheered the mayor's promise of lower fares.",
            "the mayor's promise of lower fares",
            "cheered",
            "The crowd",
        ),
        (
            "Several leaders have embraced the idea of a joint army.",
            "the idea of a joint army",
            "embraced",
            "Several leaders",
        ),
        (
            "Officials pledged to rebuild the school by spring.",
            "to rebuild the school by spring",
            "pledged",
            "Officials",
        ),
    ],
)
def test_reported_speech_forms(run, text, content, cue, speaker):
    quote = only(run(text))
    assert quote.kind == "indirect"
    assert quote.text == content  # no "that", no cue, no speaker
    assert quote.cue.text == cue
    assert quote.speaker.text == speaker


@pytest.mark.parametrize(
    "text",
    [
        "According to the mayor, the bridge will reopen in May.",
        "The bridge will reopen in May, according to the mayor.",
    ],
)
def test_according_to_on_either_side(run, text):
    quote = only(run(text))
    assert quote.text.rstrip(".").lower() == "the bridge will reopen in may"
    assert quote.cue.text.lower() == "according to"
    assert quote.speaker.text == "the mayor"


def test_an_interrupting_attribution_keeps_the_clause_whole(run):
    text = "The economy, the minister said, will recover next year."
    quote = only(run(text))
    assert quote.kind == "indirect"
    assert (
        quote.text.startswith("The economy") and "will recover next year" in quote.text
    )
    assert quote.speaker.text == "the minister"


def test_mixed_quote_is_one_record_over_the_whole_content(run):
    text = 'The senator called the plan "a disaster" that would hurt farmers.'
    quote = only(run(text))
    assert quote.kind == "mixed"
    assert quote.text == 'the plan "a disaster" that would hurt farmers'
    assert quote.speaker.text == "The senator"


def test_mixed_quote_in_a_said_clause(run):
    text = "The council said the budget was “a fair compromise” for everyone."
    quote = only(run(text))
    assert quote.kind == "mixed"
    assert quote.text == "the budget was “a fair compromise” for everyone"


def test_content_first_mixed_quote_takes_its_closing_mark(run):
    text = 'Both parties "saw the port as a lifeline for the region," said Ana Ruiz.'
    quote = only(run(text))
    assert quote.kind == "mixed"
    assert quote.text == 'Both parties "saw the port as a lifeline for the region,"'
    assert quote.speaker.text == "Ana Ruiz"


def test_a_verb_that_takes_an_infinitive_but_reports_nothing(run):
    record = run("Prices continued to rise through the winter.")
    assert record.quotes == ()


def test_a_that_clause_parsed_as_an_adverbial_is_still_the_content(run):
    # The parser hangs "after that …" from the verb as an adverbial clause.
    text = (
        "Many parents complained soon after that the new bus routes left children "
        "waiting in the cold."
    )
    quote = only(run(text))
    assert quote.text == "the new bus routes left children waiting in the cold"
    assert quote.speaker.text == "Many parents"


def test_a_purpose_clause_is_not_a_report(run):
    record = run("Residents complained loudly so that the mayor would hear them.")
    assert record.quotes == ()


def test_an_upside_down_parse_of_believe_keeps_the_whole_clause(run):
    # The parser makes "believe" a complement of "offset" and "her efforts" its object.
    text = (
        "Still,  union aides believe her efforts as a mayor for ten years, building "
        "new homes in towns such as Leeds, will offset the rival's advantage."
    )
    quote = only(run(text))
    assert quote.text.startswith("her efforts as a mayor")
    assert quote.text.rstrip(".").endswith("will offset the rival's advantage")
    assert quote.speaker.text == "union aides"


def test_a_semicolon_ends_the_content_wherever_the_parser_put_its_head(run):
    text = (
        "Officials said the timing of the report was not intentional; they only "
        "learned on Friday of the deal and quickly shared it with the press."
    )
    quote = next(q for q in run(text).quotes if q.cue.text == "said")
    assert quote.text == "the timing of the report was not intentional"


def test_a_reason_clause_is_not_part_of_a_stance_object(run):
    record = run(
        "Lawmakers called the hearing because they felt the agency was hiding records."
    )
    texts = {q.cue.text: q.text for q in record.quotes}
    assert texts["called"] == "the hearing"
    assert texts["felt"] == "the agency was hiding records"


def test_a_stance_object_keeps_its_reason_but_not_a_closing_participle(run):
    text = (
        "Democrats blasted Congress for failing to release the report, meaning the "
        "public never saw it."
    )
    quote = only(run(text))
    assert quote.text == "Congress for failing to release the report"
    assert quote.speaker.text == "Democrats"


def test_a_second_bare_infinitive_hung_on_the_finite_verb_joins_the_content(nlp):
    from spacy.tokens import Doc

    from whosaid.quotes.reported import _infinitive_conjuncts

    # The misparse written out: "rely" joined to "agreed" instead of to "share".
    words = [
        "Towns",
        "agreed",
        "to",
        "share",
        "a",
        "station",
        "and",
        "rely",
        "on",
        "it",
    ]
    heads = [1, 1, 3, 1, 5, 3, 1, 1, 7, 8]
    deps = [
        "nsubj",
        "ROOT",
        "aux",
        "xcomp",
        "det",
        "dobj",
        "cc",
        "conj",
        "prep",
        "pobj",
    ]
    tags = ["NNS", "VBD", "TO", "VB", "DT", "NN", "CC", "VB", "IN", "PRP"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert [t.text for t in _infinitive_conjuncts(doc[1], doc[3])] == ["rely"]
    # "agreed to share a station and relied on it": a second report of its own
    words[7], tags[7] = "relied", "VBD"
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert _infinitive_conjuncts(doc[1], doc[3]) == []


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "A judge blocked the new law, opposed by Democrats, because it would "
            "slow voting.",
            "the new law",
            "Democrats",
        ),
        (
            "The talks about the new port are supported by a broad coalition of "
            "mayors.",
            "The talks about the new port",
            "a broad coalition of mayors",
        ),
    ],
)
def test_a_passive_stance_attributes_its_subject_to_its_agent(
    run, text, content, speaker
):
    quote = only(run(text))
    assert quote.text == content
    assert quote.speaker.text == speaker


def test_a_passive_stance_with_a_thing_as_agent_attributes_nothing(run):
    record = run(
        "The army advanced after a long offensive backed by heavy air strikes."
    )
    assert record.quotes == ()
