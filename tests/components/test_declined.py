"""``whosaid_declined``: sources that declined to comment are records of their
own, with their source, and never quotes."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("The bakery declined to comment.", "declined to comment", "The bakery"),
        (
            "Ms. Varga did not respond to a request for comment.",
            "did not respond to a request for comment",
            "Ms. Varga",
        ),
        (
            "Tomas Ruiz could not be reached for comment on Sunday.",
            "could not be reached for comment",
            "Tomas Ruiz",
        ),
        (
            "The coach refused to discuss the matter.",
            "refused to discuss the matter",
            "The coach",
        ),
        ("A spokesman had no comment.", "had no comment", "A spokesman"),
        (
            "The ferry operator's office declined to comment further.",
            "declined to comment further",
            "The ferry operator's office",
        ),
    ],
)
def test_declined_comment_is_a_record_with_its_source(run, text, words, speaker):
    record = run(text)
    assert [d.text for d in record.declined] == [words]
    declined = record.declined[0]
    assert text[declined.start : declined.end] == words
    assert declined.speaker is not None and declined.speaker.text == speaker
    assert record.quotes == ()
    source = next(s for s in record.sources if s.id == declined.speaker.source_id)
    assert source.declined_ids == (declined.id,)
    assert record.source_mix.declined == 1


def test_no_quote_is_read_into_declined_comment(run):
    record = run("Mr. Okafor declined to comment on the lawsuit.")
    assert all("comment" not in q.text for q in record.quotes)
    assert len(record.declined) == 1


def test_the_same_source_may_speak_and_decline(run):
    record = run(
        "“We are rebuilding,” said Lena Park, the owner. "
        "Ms. Park declined to comment on the insurance claim."
    )
    assert [q.text for q in record.quotes] == ["We are rebuilding,"]
    park = record.quotes[0].speaker.source_id
    assert record.declined[0].speaker.source_id == park
    source = next(s for s in record.sources if s.id == park)
    assert source.quote_ids == ("q1",) and source.declined_ids == ("d1",)


@pytest.mark.parametrize(
    "text",
    [
        "The mayor responded to a request for comment by praising the crews.",
        "The council was available for comment all week.",
        "Critics said the plan was a failure.",
    ],
)
def test_no_declined_record_where_nobody_declines(run, text):
    assert run(text).declined == ()


def test_declined_records_are_in_the_wire_format(run):
    data = run("The bakery declined to comment.").to_dict()
    assert data["declined"][0]["text"] == "declined to comment"
    assert data["declined"][0]["speaker"]["source_id"] == data["sources"][0]["id"]
    assert data["sources"][0]["declined_ids"] == ["d1"]
    assert data["source_mix"]["declined"] == 1
