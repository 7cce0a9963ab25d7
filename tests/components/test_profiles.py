"""``whosaid_profiles``: every source's role, a person's gender as the text gives it,
and the key terms of what it said."""

from __future__ import annotations

import pytest

from whosaid.components.profiles import _merged
from whosaid.vocabulary import GENDERS, ROLES


def source_named(record, words: str):
    """The source whose name or description contains ``words``."""
    found = [
        s for s in record.sources if words in (s.name or "") + (s.description or "")
    ]
    assert len(found) == 1, [(s.name, s.description) for s in record.sources]
    return found[0]


@pytest.mark.parametrize(
    ("text", "who", "role", "evidence"),
    [
        (
            "“Taxes will not rise,” said Senator Jane Morrow.",
            "Morrow",
            "politician",
            "Senator",
        ),
        (
            "“The road stays closed,” said Tom Ashby, the transport minister.",
            "Ashby",
            "politician",
            "minister",
        ),
        (
            "“Nobody was hurt,” a police officer said.",
            "officer",
            "official",
            "police officer",
        ),
        (
            "Officials said the border would reopen on Monday.",
            "Officials",
            "official",
            "Officials",
        ),
        (
            "“We will appeal,” said a spokeswoman for the health ministry.",
            "spokeswoman",
            "spokesperson",
            "spokeswoman",
        ),
        (
            "“Growth will slow,” said Priya Natarajan, an economist at the bank.",
            "Natarajan",
            "expert",
            "economist",
        ),
        (
            "“Sales doubled,” said Ben Ortiz, the company's chief executive.",
            "Ortiz",
            "business",
            "chief executive",
        ),
        (
            "“The cuts will hurt families,” said Ana Silva, a union leader.",
            "Silva",
            "advocate",
            "union leader",
        ),
        (
            "“The water came in overnight,” said one resident.",
            "resident",
            "citizen",
            "resident",
        ),
        (
            "“We checked every figure,” said Lena Brandt, the newspaper's editor.",
            "Brandt",
            "media",
            "editor",
        ),
        (
            "A report found that the river was polluted.",
            "report",
            "document",
            "report",
        ),
    ],
)
def test_each_role_and_the_words_that_decide_it(run, text, who, role, evidence):
    source = source_named(run(text), who)
    assert source.role == role
    assert evidence in [e.text for e in source.role_evidence]
    for span in source.role_evidence:
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "“The strike goes on,” said Jo Reyes, head of the teachers' union.",
            "advocate",
        ),
        ("“Rates will fall,” said Jo Reyes, head of the central bank.", "official"),
        ("“Rates will fall,” said Jo Reyes, an analyst firm's director.", "expert"),
    ],
)
def test_a_general_word_takes_the_role_of_its_body(run, text, role):
    source = source_named(run(text), "Reyes")
    assert source.role == role
    assert "head" in [e.text for e in source.role_evidence] or role == "expert"


def test_unknown_where_the_text_says_nothing_of_the_role(run):
    record = run("“I am not leaving,” said Ola Berg.")
    source = source_named(record, "Berg")
    assert source.role == "unknown"
    assert source.role_evidence == ()


def test_a_named_body_the_text_does_not_describe_decides_nothing(run):
    source = source_named(
        run("“We won fairly,” said Omar Haddad, chairman of Vantor Group."), "Haddad"
    )
    assert source.role == "unknown"


@pytest.mark.parametrize(
    ("text", "who", "gender", "kind", "word"),
    [
        (
            "“The dam will hold,” said Maria Lopez. She said the river was falling.",
            "Lopez",
            "female",
            "pronoun",
            "She",
        ),
        (
            "“It is too late,” said Robin Hale. He said the vote had been lost.",
            "Hale",
            "male",
            "pronoun",
            "He",
        ),
        (
            "“The plan is sound,” Mr Okafor said at the meeting.",
            "Okafor",
            "male",
            "honorific",
            "Mr",
        ),
        (
            "“The plan is sound,” said Dame Alison Reid.",
            "Reid",
            "female",
            "honorific",
            "Dame",
        ),
        (
            "“We were never told,” said Sam Kirby, a mother of three.",
            "Kirby",
            "female",
            "noun",
            "mother",
        ),
        (
            "“We stand by the report,” a spokesman said.",
            "spokesman",
            "male",
            "noun",
            "spokesman",
        ),
        (
            "“The order is wrong,” said Jordan Pike, a businesswoman in the town.",
            "Pike",
            "female",
            "noun",
            "businesswoman",
        ),
    ],
)
def test_each_kind_of_gender_evidence(run, text, who, gender, kind, word):
    source = source_named(run(text), who)
    assert source.gender == gender
    evidence = source.gender_evidence
    assert (evidence.kind, evidence.text) == (kind, word)
    assert text[evidence.start : evidence.end] == word


def test_a_possessive_pronoun_the_resolver_links_is_evidence(run):
    text = "“Prices are too high,” said Ali Moreno, who sold his shop last year."
    source = source_named(run(text), "Moreno")
    assert source.gender == "male"
    assert source.gender_evidence.kind == "pronoun"
    assert text[source.gender_evidence.start :].startswith("his shop")


def test_a_pronoun_with_another_person_between_is_no_evidence(run):
    text = "“We lost,” said Robin Grey. The referee kept his cards in his pocket."
    source = source_named(run(text), "Grey")
    assert source.gender == "unknown"
    assert source.gender_evidence is None


def test_a_first_name_alone_is_no_evidence(run):
    # "Mary" and "John" are in the given-names list; the text says nothing else.
    record = run(
        "“The bridge is safe,” said Mary Holt. “So is the tunnel,” said John Fry."
    )
    for who in ("Holt", "Fry"):
        source = source_named(record, who)
        assert source.gender == "unknown"
        assert source.gender_evidence is None


def test_a_person_the_text_calls_they_is_unknown(run):
    text = "“The data is clear,” said Alex Rowe. They said the study took two years."
    source = source_named(run(text), "Rowe")
    assert source.gender == "unknown"


def test_a_pronoun_inside_someone_s_quote_is_not_their_gender(run):
    text = "“She will win,” said Kim Park, the campaign's manager."
    source = source_named(run(text), "Park")
    assert source.gender == "unknown"


def test_organisations_and_groups_have_no_gender(run):
    record = run(
        "The Ministry of Health said the outbreak was over. "
        "Residents said the water was rising."
    )
    assert {s.entity_type for s in record.sources} == {"organization", "group"}
    assert all(s.gender is None and s.gender_evidence is None for s in record.sources)


def test_key_terms_are_of_the_source_s_own_quotes(run):
    record = run(
        "“The new bridge will cut traffic and the bridge tolls will pay for the "
        "repairs,” said Mayor Ellen Voss. “Hospital waiting lists are too long,” "
        "said Dr Hugo Lind."
    )
    voss = source_named(record, "Voss")
    lind = source_named(record, "Lind")
    terms = [k.term for k in voss.key_terms]
    assert 0 < len(terms) <= 5
    assert any("bridge" in t for t in terms)
    assert not any("hospital" in t for t in terms)
    assert any("hospital" in k.term for k in lind.key_terms)
    scores = [k.score for k in voss.key_terms]
    assert scores == sorted(scores, reverse=True)


def test_a_source_without_quotes_has_no_key_terms(run):
    record = run("“Nothing,” said Eva Moss.")
    assert source_named(record, "Moss").key_terms == ()


def test_every_profile_uses_the_vocabulary(run):
    record = run(
        "“Taxes will not rise,” said Senator Jane Morrow. Residents said the water "
        "was rising. A report found that the river was polluted."
    )
    for source in record.sources:
        assert source.role in ROLES
        assert source.gender is None or source.gender in GENDERS


def test_nested_quotes_are_read_once():
    assert _merged([(10, 20), (0, 5), (12, 15), (18, 30)]) == [(0, 5), (10, 30)]


def test_the_stage_runs_after_the_sources(nlp):
    names = nlp.pipe_names
    assert names.index("whosaid_profiles") == names.index("whosaid_sources") + 1
    config = nlp.get_pipe_config("whosaid_profiles")
    assert config["keyterms_topn"] == 5 and config["keyterm_algorithm"] == "yake"


def test_an_unknown_keyterm_algorithm_is_refused(nlp):
    import spacy

    blank = spacy.blank("en")
    with pytest.raises(ValueError, match="keyterm_algorithm"):
        blank.add_pipe("whosaid_profiles", config={"keyterm_algorithm": "magic"})
