"""``whosaid_sources``: one record per source, with its identification and type."""

from __future__ import annotations

import pytest

from tests.conftest import only


def source_of(record, quote=None):
    quote = quote or only(record)
    return next(s for s in record.sources if s.id == quote.speaker.source_id)


@pytest.mark.parametrize(
    ("text", "identification", "entity_type", "name"),
    [
        (
            "“The dam will hold,” said Maria Lopez, the city engineer.",
            "named",
            "person",
            "Maria Lopez",
        ),
        (
            "The Ministry of Health said the outbreak was contained.",
            "named",
            "organization",
            "Ministry of Health",
        ),
        (
            "Anna Berg and Tom Lund said the company would appeal.",
            "named",
            "group",
            "Anna Berg and Tom Lund",
        ),
        (
            "“We are cold,” said Layla, who asked to be identified only by her first name.",
            "partially_named",
            "person",
            "Layla",
        ),
        (
            "“The cuts will continue,” said a senior official.",
            "anonymous",
            "person",
            None,
        ),
        ("Residents said the water was rising.", "anonymous", "group", None),
        (
            "The plan drew fire from both Democrats and Republicans, who have "
            "questioned its cost.",
            "anonymous",
            "group",
            None,
        ),
        (
            "A new study found that most rivers are polluted.",
            "anonymous",
            "organization",
            None,
        ),
    ],
)
def test_identification_and_type(run, text, identification, entity_type, name):
    source = source_of(run(text))
    assert (source.identification, source.entity_type, source.name) == (
        identification,
        entity_type,
        name,
    )


def test_description_is_the_apposition(run):
    source = source_of(run("“The dam will hold,” said Maria Lopez, the city engineer."))
    assert source.description == "the city engineer"


def test_an_unnamed_source_is_described_by_its_own_words(run):
    source = source_of(run("“The cuts will continue,” said a senior official."))
    assert source.description == "a senior official"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "“The cuts will continue,” said a senior official, who was not authorized to "
            "speak publicly.",
            "not authorized to speak publicly",
        ),
        (
            "Officials in Brussels said the deal was close, speaking on condition of "
            "anonymity.",
            "speaking on condition of anonymity",
        ),
        (
            "“We are cold,” said Layla, who asked to be identified only by her first name "
            "for fear of reprisals.",
            "asked to be identified only by her first name for fear of reprisals",
        ),
    ],
)
def test_the_reason_for_anonymity_in_the_texts_words(run, text, reason):
    source = source_of(run(text))
    assert source.anonymity_reason == reason


def test_a_named_source_has_no_reason(run):
    source = source_of(run("“The dam will hold,” said Maria Lopez, the city engineer."))
    assert source.anonymity_reason is None


def test_one_record_per_source_with_all_its_mentions_and_quotes(run):
    text = (
        "“We will rebuild,” said Gen. Tomas Ortega. “It will take years,” Ortega "
        "added. “Nobody believes him,” a resident said."
    )
    record = run(text)
    ortega = next(s for s in record.sources if s.name == "Tomas Ortega")
    assert [m.text for m in ortega.mentions] == ["Gen. Tomas Ortega", "Ortega"]
    assert all(text[m.start : m.end] == m.text for m in ortega.mentions)
    assert len(ortega.quote_ids) == 2
    assert len(record.sources) == 2


def test_a_title_with_a_single_name_is_named(run):
    source = source_of(run("“We must act,” said Pope Francis."))
    assert (source.identification, source.name) == ("named", "Francis")


def test_a_document_cited_in_the_lead_speaks_for_the_body_named_next(run):
    record = run(
        "Rivers in the north are cleaner than a decade ago, a report says. "
        "The Harbour Trust praised councils for the work. "
        "The report said more money was needed."
    )
    first, last = record.quotes[0], record.quotes[-1]
    assert first.speaker.source_id == last.speaker.source_id
    source = source_of(record, first)
    assert (source.identification, source.entity_type, source.name) == (
        "named",
        "organization",
        "Harbour Trust",
    )


def test_the_report_takes_the_issuer_of_the_study_before_it(run):
    record = run(
        "Broadband will reach every home by 2030, says a study by the Northgate "
        "Institute. The report also warned that rural areas would lag."
    )
    sources = {source_of(record, q).id for q in record.quotes}
    assert len(sources) == 1
    assert source_of(record, record.quotes[-1]).name == "Northgate Institute"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The government said it would act.", "government"),
        ("Police said the road was closed.", "Police"),
        ("The Tories said the plan would fail.", "Tories"),
        ("Labour said the figures were wrong.", "Labour"),
    ],
)
def test_parties_and_institutions_named_as_such_are_named_bodies(run, text, name):
    source = source_of(run(text))
    assert (source.identification, source.entity_type, source.name) == (
        "named",
        "organization",
        name,
    )


@pytest.mark.parametrize(
    "text",
    [
        "A government said it would act.",
        "Local police said the road was closed.",
        "Senate Republicans said the bill was bad.",
    ],
)
def test_an_undetermined_body_or_a_partys_members_stay_anonymous(run, text):
    assert source_of(run(text)).identification == "anonymous"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Judge Peter Hollis, QC told the court the evidence was weak.",
            "Peter Hollis",
        ),
        ("Anna Price QC said the ruling was wrong.", "Anna Price"),
    ],
)
def test_post_nominal_letters_are_neither_the_speaker_nor_the_name(run, text, name):
    source = source_of(run(text))
    assert (source.identification, source.entity_type, source.name) == (
        "named",
        "person",
        name,
    )


def test_capitals_after_no_name_stay_a_company(run):
    source = source_of(run("Shares in Vodafone fell. BT said profits rose."))
    assert (source.entity_type, source.name) == ("organization", "BT")
