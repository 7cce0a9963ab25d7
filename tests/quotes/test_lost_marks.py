"""Quotes whose marks were lost (whosaid.quotes.lost_marks)."""

from __future__ import annotations

FEED = (
    "The river rose overnight and the town flooded. Residents fled to the hills.\n"
    "The roof is gone, he adds. We have no food, she said.\n"
    "The water was rising fast, the mayor said.\n"
    "They have to leave now, unfortunately. he added.\n"
    "The governor spoke on Tuesday. She said: I cannot sleep for worry.\n"
)


def by_text(record):
    return {q.text: q for q in record.quotes}


def test_sentences_closed_by_an_attribution(run):
    quotes = by_text(run(FEED))
    roof = quotes["The roof is gone"]
    assert roof.kind == "direct"
    assert (roof.cue.text, roof.speaker.text) == ("adds", "he")
    food = quotes["We have no food"]
    assert (food.kind, food.speaker.text) == ("direct", "she")


def test_a_paraphrase_stays_indirect(run):
    quote = by_text(run(FEED))["The water was rising fast"]
    assert quote.kind == "indirect"
    assert quote.speaker.text == "the mayor"


def test_an_attribution_stranded_as_its_own_sentence(run):
    quote = by_text(run(FEED))["They have to leave now, unfortunately."]
    assert quote.kind == "direct"
    assert (quote.cue.text, quote.speaker.text) == ("added", "he")


def test_colon_introduction(run):
    quote = by_text(run(FEED))["I cannot sleep for worry."]
    assert quote.kind == "direct"
    assert quote.cue.text == "said"


def test_narrative_is_not_a_quote(run):
    texts = set(by_text(run(FEED)))
    assert not any("river rose" in t or "fled to the hills" in t for t in texts)


def test_the_speaker_goes_on_after_an_attribution(run):
    text = (
        "The bridge is gone, says Ana Ruiz, the city engineer. We will need a year. "
        "Maybe two.\nThe council met later, officials said. The budget is tight, "
        "a clerk said.\n"
    )
    quotes = by_text(run(text))
    run_on = quotes["We will need a year. Maybe two."]
    assert run_on.kind == "direct"
    assert run_on.speaker.text == "Ana Ruiz"


def test_one_attribution_in_a_text_without_marks_is_ordinary_reported_speech(run):
    (quote,) = run("The bridge will reopen in May, the mayor said.").quotes
    assert quote.kind == "indirect"


def test_a_text_with_quotation_marks_is_not_read_as_a_stripped_feed(run):
    text = "The roof is gone, he adds. “We have no food,” she said."
    quotes = by_text(run(text))
    assert quotes["The roof is gone"].kind == "indirect"
    assert quotes["We have no food,"].kind == "direct"
