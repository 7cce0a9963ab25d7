"""``whosaid_speakers``: the cue and speaker of each quote, in every cue form."""

from __future__ import annotations

import pytest

from tests.conftest import only


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("“The dam will hold,” Maria Lopez said.", "Maria Lopez", "said"),
        (
            "“The dam will hold,” said Maria Lopez, the city engineer.",
            "Maria Lopez",
            "said",
        ),
        ("Maria Lopez said: “The dam will hold.”", "Maria Lopez", "said"),
        ("Maria Lopez added: “The dam will hold.”", "Maria Lopez", "added"),
        (
            "Maria Lopez, who has inspected it twice, said, “The dam will hold.”",
            "Maria Lopez",
            "said",
        ),
        (
            "“The dam will hold,” the engineer insisted on Tuesday.",
            "the engineer",
            "insisted",
        ),
        ("‘The dam will hold,’ the engineer told reporters.", "the engineer", "told"),
        (
            "“The dam will hold.” — Commissioner Dana Whitfield",
            "Commissioner Dana Whitfield",
            "—",
        ),
        (
            "According to the engineer, “the dam will hold.”",
            "the engineer",
            "According to",
        ),
        ("“Will the dam hold?” Maria Lopez asked.", "Maria Lopez", "asked"),
    ],
)
def test_cue_forms(run, text, speaker, cue):
    quote = only(run(text), "direct")
    assert quote.speaker is not None, quote
    assert quote.speaker.text == speaker
    assert quote.cue is not None and quote.cue.text == cue


def test_speaker_offsets_point_into_the_text(run):
    text = "“The dam will hold,” said Maria Lopez."
    quote = only(run(text))
    mention = quote.speaker.mention
    assert text[mention.start : mention.end] == "Maria Lopez"
    assert text[quote.cue.start : quote.cue.end] == "said"


def test_colon_introduction_with_the_speaker_on_the_line_before(run):
    text = (
        "The councillor wrote in an email:\n\n“The vote is postponed until next week.”"
    )
    quote = only(run(text))
    assert quote.speaker.text == "The councillor"
    assert quote.cue.text == "wrote"


def test_speaker_colon_without_a_verb(run):
    text = "Senator Ruth Ambler: “We will not vote for this.”"
    quote = only(run(text))
    assert quote.speaker.text == "Senator Ruth Ambler"


def test_split_quote_has_one_speaker(run):
    text = "“The roads are closed,” the sheriff said, “and they will stay closed.”"
    quotes = [q for q in run(text).quotes if q.kind == "direct"]
    assert [q.text for q in quotes] == [
        "The roads are closed,",
        "and they will stay closed.",
    ]
    assert {q.speaker.text for q in quotes} == {"the sheriff"}


def test_a_quote_without_cue_inherits_the_speaker_before_it(run):
    text = "“The roads are closed,” the sheriff said. “Please stay home tonight.”"
    first, second = (q for q in run(text).quotes if q.kind == "direct")
    assert second.cue is None
    assert second.speaker.source_id == first.speaker.source_id


def test_inheritance_reaches_into_the_next_paragraph(run):
    text = "“The roads are closed,” the sheriff said.\n\n“Please stay home tonight.”"
    first, second = (q for q in run(text).quotes if q.kind == "direct")
    assert second.speaker.source_id == first.speaker.source_id


def test_another_speaker_in_between_stops_inheritance(run):
    text = (
        "“The roads are closed,” the sheriff said. The mayor disagreed and said the "
        "schools would open.\n\n“Stay home.”"
    )
    last = [q for q in run(text).quotes if q.kind == "direct"][-1]
    assert last.text == "Stay home."
    assert last.speaker is None or last.speaker.text != "the sheriff"


def test_a_quote_with_no_speaker_is_still_returned(run):
    record = run("The letter ended there.\n\n“Nobody will be left behind.”")
    quote = only(record)
    assert quote.kind == "direct"
    assert quote.speaker is None
    assert record.to_dict()["quotes"][0]["speaker"] is None


def test_the_hearer_is_not_the_speaker(run):
    text = "“We are running out of food,” a resident told Reuters."
    assert only(run(text)).speaker.text == "a resident"


def test_a_verb_with_a_non_speech_object_is_no_cue(run):
    text = "“Prices are up,” the club charged a fee. The manager said so."
    quote = [q for q in run(text).quotes if q.kind == "direct"][0]
    assert quote.cue is None or quote.cue.text != "charged"


def test_the_subject_reaches_a_cue_under_an_adjective(run):
    # "were able to convince": the cue hangs from "able", the subject from "been".
    text = (
        "Farmers have been able to convince lawmakers that the new tax would ruin them."
    )
    quote = only(run(text))
    assert quote.text == "the new tax would ruin them"
    assert quote.speaker is not None and quote.speaker.text == "Farmers"


def test_a_passive_subject_speaks_the_infinitive_it_controls(run):
    text = 'Respondents are obliged to disclose: "Where were you born, and when?"'
    quote = only(run(text))
    assert quote.speaker is not None and quote.speaker.text == "Respondents"


def test_a_noun_of_saying_before_a_colon_gives_its_holder(run):
    text = 'The protest by local parents had one clear message: "Save our school."'
    quote = only(run(text))
    assert quote.speaker is not None
    assert quote.speaker.text.startswith("The protest")


def test_a_relative_clause_on_the_speakers_phrase_does_not_stop_inheritance(run):
    text = (
        "“The budget is a mess,” said a longtime aide to the governor, who declined "
        "to be identified. “Nobody reads the numbers anymore.”"
    )
    first, second = run(text).quotes
    assert second.speaker is not None
    assert (
        second.speaker.text == first.speaker.text == "a longtime aide to the governor"
    )


def test_the_subject_before_an_appositive_set_off_by_dashes(run):
    text = (
        'A spokesman for the bakery chain - a small firm once billed as "the best '
        'bread in town" - noted that the company pays its staff well.'
    )
    quote = only(run(text))
    assert quote.text == "the company pays its staff well"
    assert quote.speaker is not None
    assert quote.speaker.text == "A spokesman for the bakery chain"


def test_a_cue_opening_the_next_sentence_with_its_own_clause_is_not_the_quotes(run):
    text = (
        "“Prices will keep rising,” the economist Lena Ortiz said. “Wages will not "
        "catch up.” Paul Brandt, a banker, said the central bank would act soon."
    )
    quotes = run(text).quotes
    wages = next(q for q in quotes if q.text.startswith("Wages"))
    assert wages.speaker is not None and wages.speaker.name == "Lena Ortiz"
    bank = next(q for q in quotes if q.text.startswith("the central bank"))
    assert bank.speaker is not None and bank.speaker.text == "Paul Brandt"


def test_a_cue_opening_the_next_sentence_alone_is_the_quotes(run):
    text = "“Wages will not catch up.” Paul Brandt said. The bank declined to act."
    quote = run(text).quotes[0]
    assert quote.speaker is not None and quote.speaker.text == "Paul Brandt"


def test_inverted_cue_whose_subject_the_parser_calls_an_object(run):
    text = (
        "The league would not say what punishment he would get. “Once the club "
        "receives our letter we will comment on the findings,” added the spokesman."
    )
    quote = next(q for q in run(text).quotes if q.text.startswith("Once"))
    assert quote.cue is not None and quote.cue.text == "added"
    assert quote.speaker is not None and quote.speaker.text == "the spokesman"


def test_a_participle_of_saying_is_the_reporters_not_the_reported_subjects(run):
    text = (
        "Energy Secretary Jane Holt said people would not be forced to pay more, "
        "saying the new tariff was not a tax."
    )
    quote = next(q for q in run(text).quotes if q.text.startswith("the new tariff"))
    assert quote.speaker is not None and quote.speaker.text.endswith("Jane Holt")


def test_a_scene_setting_phrase_is_not_the_speaker(run):
    text = (
        "In an interview with the local paper, Ms Brek, who chairs the harbour board, "
        "says: “The ferry must stay.”"
    )
    quote = run(text).quotes[0]
    assert quote.speaker is not None and quote.speaker.text == "Ms Brek"
