"""``whosaid_resolve``: speaker mentions resolve to the source the article introduced."""

from __future__ import annotations

from tests.conftest import only


def sources_of(record):
    by_id = {s.id: s for s in record.sources}
    return [
        (q.speaker.text, by_id[q.speaker.source_id]) for q in record.quotes if q.speaker
    ]


def test_a_pronoun_resolves_to_the_person_named_before(run):
    record = run(
        "Maria Lopez, the city engineer, inspected the dam on Monday. "
        "“The dam will hold,” she said."
    )
    ((mention, source),) = sources_of(record)
    assert mention == "she"
    assert source.name == "Maria Lopez"


def test_pronouns_follow_gender(run):
    record = run(
        "Paul Wendt met Sara Ruiz in Bonn. “The talks failed,” she said. "
        "“We will try again,” he said."
    )
    names = [(mention, source.name) for mention, source in sources_of(record)]
    assert names == [("she", "Sara Ruiz"), ("he", "Paul Wendt")]


def test_a_short_name_joins_the_full_name(run):
    record = run(
        "“We will rebuild,” said Gen. Tomas Ortega, the army's chief of staff. "
        "Later, Ortega added: “It will take years.”"
    )
    pairs = sources_of(record)
    assert [m for m, _ in pairs] == ["Gen. Tomas Ortega", "Ortega"]
    assert len({s.id for _, s in pairs}) == 1
    assert pairs[0][1].name == "Tomas Ortega"


def test_a_description_resolves_to_the_person_it_describes(run):
    record = run(
        "Amir Khan, director of the River Trust, toured the flooded banks. "
        "“The water is clean,” the director said."
    )
    quote = next(q for q in record.quotes if q.kind == "direct")
    source = next(s for s in record.sources if s.id == quote.speaker.source_id)
    assert quote.speaker.text == "the director"
    assert source.name == "Amir Khan"
    assert source.description == "director of the River Trust"


def test_who_stays_the_mention_and_resolves_to_its_noun(run):
    record = run("The minister, who said the budget was balanced, left early.")
    ((mention, source),) = sources_of(record)
    assert mention == "who"
    assert source.description == "The minister"


def test_an_unnamed_source_is_not_merged_into_a_named_one(run):
    record = run(
        "“We will win,” said Mayor Ann Cole. “They will lose,” a resident said."
    )
    pairs = sources_of(record)
    assert pairs[0][1].id != pairs[1][1].id
    assert pairs[1][1].name is None


def test_a_name_inside_the_quote_is_not_who_he_is(run):
    record = run(
        "Tom Reed, a lawyer, spoke to reporters on Friday. "
        "“There is a sense that Peter Blake will see this as a victory,” he said."
    )
    ((mention, source),) = sources_of(record)
    assert mention == "he"
    assert source.name == "Tom Reed"


def test_a_given_name_one_letter_from_another_keeps_its_own_gender(run):
    record = run(
        "Julien Marceau runs the port. Lena Voss runs the docks. "
        "“Trade is slow,” he said."
    )
    ((mention, source),) = sources_of(record)
    assert (mention, source.name) == ("he", "Julien Marceau")


def test_an_event_is_no_source_and_its_attribution_goes(run):
    record = run(
        "The town fell on Sunday. Its fall underscored how weak the garrison was."
    )
    assert record.quotes == ()
    assert record.sources == ()


def test_a_picture_caption_is_no_source(run):
    record = run("This photo provided by the ministry shows soldiers in the town.")
    assert record.sources == ()


def test_the_expletive_it_keeps_its_quote_without_a_source(run):
    record = run("It is being anticipated that the rebels will leave the city soon.")
    quote = only(record)
    assert quote.speaker is None
    assert record.sources == ()


def test_an_unlisted_noun_for_people_stays_a_source(run):
    record = run("Campaigners said the limit would save lives.")
    assert [s.description for s in record.sources] == ["Campaigners"]


def test_the_company_is_the_organisation_just_named(run):
    record = run(
        "Shares in Norvex Holdings fell sharply on Monday. "
        "The company said demand had collapsed."
    )
    ((mention, source),) = sources_of(record)
    assert mention == "The company"
    assert (source.identification, source.name) == ("named", "Norvex Holdings")


def test_an_indefinite_speaker_named_by_the_next_quote_is_that_person(run):
    record = run(
        "The river rose overnight. Another resident said his family had fled to "
        "the hills. “We have nothing left,” said Omar Haddad, a baker."
    )
    pairs = sources_of(record)
    assert [m for m, _ in pairs] == ["Another resident", "Omar Haddad"]
    assert {s.name for _, s in pairs} == {"Omar Haddad"}


def test_an_indefinite_speaker_stays_apart_from_a_person_named_before(run):
    record = run(
        "“We have nothing left,” said Omar Haddad, a baker. "
        "A resident said his family had fled to the hills."
    )
    pairs = sources_of(record)
    assert pairs[1][1].name is None


def test_she_said_takes_the_subject_just_introduced_not_the_first_woman(run):
    record = run(
        "Mary Stone, a nurse, said the ward was full. Later Jane Ash, a doctor at "
        "the clinic, spoke to reporters. “We have no beds left,” she said."
    )
    assert [(m, s.name) for m, s in sources_of(record)] == [
        ("Mary Stone", "Mary Stone"),
        ("she", "Jane Ash"),
    ]


def test_she_added_goes_on_with_the_current_speaker(run):
    record = run(
        "“The plan is sound,” said Sarah Black. Her rival, Ann White, disagreed. "
        "“It will fail,” she said. “Nobody wants it,” she added."
    )
    names = [s.name for _, s in sources_of(record)]
    assert names == ["Sarah Black", "Ann White", "Ann White"]
