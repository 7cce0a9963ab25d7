"""Batch-level sources (``whosaid.merge``): one person or body across documents.

The first tests run the engine on short invented articles, as a user's batch
would; the others give hand-built records to pin each rule down.
"""

from __future__ import annotations

import pytest

from whosaid import extract
from whosaid.merge import BatchSource, merge_sources, merged_mix
from whosaid.schemas import BatchSourceSchema

# Invented articles, each with the sources the tests below are about.
ARTICLES = {
    "budget": (
        "The council approved the budget on Monday. “We have done our best,” said "
        "Maria Delgado, the city treasurer. Delgado added that taxes would not rise."
    ),
    "budget-2": (
        "“The numbers do not add up,” Delgado said on Tuesday. She said the council "
        "would meet again."
    ),
    "bridge": (
        "“This bridge is safe,” said Tomas Okafor, the chief engineer. “We checked "
        "every bolt,” Okafor said."
    ),
    "clinic": (
        "“I never saw the report,” said Grace Okafor, a nurse at the clinic. "
        "“Nobody told us,” she said."
    ),
    "clinic-2": "“It was a mistake,” Okafor said on Friday.",
    "crash": (
        "“We will review the case,” said Anna Berg, a spokeswoman for the National "
        "Transportation Safety Board (NTSB). The NTSB said its inquiry would take "
        "a year."
    ),
    "crash-2": (
        "The NTSB said on Friday that the pilots had been trained. “The crew "
        "followed the checklist,” the NTSB said in a statement."
    ),
    "talks": (
        "“The talks have stalled,” said a senior official, who asked not to be named "
        "because the talks were private."
    ),
    "talks-2": (
        "“Nobody expected this,” a senior official said, speaking on condition of "
        "anonymity."
    ),
}


@pytest.fixture(scope="module")
def batch(nlp) -> list[dict]:
    return [extract(text, id=key, nlp=nlp).to_dict() for key, text in ARTICLES.items()]


@pytest.fixture(scope="module")
def merged(batch) -> list[BatchSource]:
    return merge_sources(batch)


def holding(sources: list[BatchSource], document: str) -> list[BatchSource]:
    """The batch-level sources with a member from ``document``."""
    return [s for s in sources if any(m.startswith(f"{document}#") for m in s.members)]


def member_of(batch: list[dict], document: str, name: str) -> str:
    """The member id of the source called ``name`` in ``document``."""
    record = next(r for r in batch if r["id"] == document)
    (source,) = [s for s in record["sources"] if s["name"] == name]
    return f"{document}#{source['id']}"


def test_a_surname_alone_joins_the_one_full_name_of_the_batch(batch, merged):
    full = member_of(batch, "budget", "Maria Delgado")
    (delgado,) = [s for s in merged if full in s.members]
    assert delgado.name == "Maria Delgado"
    assert delgado.documents == 2
    assert any(m.startswith("budget-2#") for m in delgado.members)
    assert "the city treasurer" in delgado.descriptions


def test_two_people_sharing_a_surname_stay_apart(batch, merged):
    tomas = member_of(batch, "bridge", "Tomas Okafor")
    grace = member_of(batch, "clinic", "Grace Okafor")
    owners = {m: s.id for s in merged for m in s.members}
    assert owners[tomas] != owners[grace]
    # "Okafor" alone in a third article could be either: it joins neither.
    (alone,) = [s for s in holding(merged, "clinic-2") if s.name]
    assert alone.members == tuple(m for m in alone.members if "clinic-2#" in m)
    assert alone.id not in {owners[tomas], owners[grace]}


def test_an_acronym_defined_in_one_article_joins_it_in_another(batch, merged):
    long_form = member_of(batch, "crash", "National Transportation Safety Board")
    (board,) = [s for s in merged if long_form in s.members]
    assert board.name == "National Transportation Safety Board"
    assert board.entity_type == "organization"
    assert any(m.startswith("crash-2#") for m in board.members)


def test_anonymous_sources_are_never_merged_across_articles(merged):
    officials = holding(merged, "talks") + holding(merged, "talks-2")
    assert len(officials) == 2
    for official in officials:
        assert official.identification == "anonymous"
        assert official.name is None and official.documents == 1
        assert official.descriptions == ("a senior official",)
        assert official.anonymity_reason


def test_every_document_level_source_is_in_one_batch_source(batch, merged):
    members = [m for s in merged for m in s.members]
    expected = [f"{r['id']}#{s['id']}" for r in batch for s in r["sources"]]
    assert sorted(members) == sorted(expected)
    assert sum(s.quotes for s in merged) == sum(
        len(s["quote_ids"]) for r in batch for s in r["sources"]
    )
    assert [s.id for s in merged] == [f"b{n}" for n in range(1, len(merged) + 1)]
    dumped = BatchSourceSchema(many=True).dump(merged)
    assert BatchSourceSchema(many=True).validate(dumped) == {}


# Hand-built records: one rule each.


def source(sid: str, name: str | None, **fields) -> dict:
    kind = fields.pop("kind", "person")
    ident = fields.pop("ident", "named" if name else "anonymous")
    mentions = fields.pop("mentions", [name] if name else [])
    return {
        "id": sid,
        "name": name,
        "description": fields.pop("description", None),
        "identification": ident,
        "entity_type": kind,
        "anonymity_reason": None,
        "mentions": [{"start": 0, "end": len(m), "text": m} for m in mentions],
        "quote_ids": [f"q{n}" for n in range(fields.pop("quotes", 1))],
    }


def record(doc_id: str, *sources: dict) -> dict:
    return {"id": doc_id, "sources": list(sources)}


def groups(records: list[dict]) -> list[set[str]]:
    """The batch-level sources as sets of members, for comparing partitions."""
    return sorted((set(s.members) for s in merge_sources(records)), key=sorted)


def test_case_diacritics_titles_and_possessives_do_not_split_a_source():
    records = [
        record("1", source("s1", "José Núñez")),
        record("2", source("s1", "JOSE NUNEZ")),
        record("3", source("s1", "Dr. José Núñez")),
        record("4", source("s1", "Mr. Núñez’s")),
        record("5", source("s1", "Núñez's", kind="organization")),
    ]
    (one,) = merge_sources(records)
    assert one.name == "José Núñez"
    assert one.documents == 5 and one.entity_type == "person"


def test_middle_names_join_unless_two_different_ones_are_seen():
    assert groups(
        [
            record("1", source("s1", "Hanna R. Lindqvist")),
            record("2", source("s1", "Hanna Lindqvist")),
            record("3", source("s1", "Hanna Ruth Lindqvist")),
        ]
    ) == [{"1#s1", "2#s1", "3#s1"}]
    # Two middle initials: two people (a father and son); the bare name stays
    # apart, since it could be either.
    assert groups(
        [
            record("1", source("s1", "Carl H. W. Brandt")),
            record("2", source("s1", "Carl W. Brandt")),
            record("3", source("s1", "Carl Brandt")),
        ]
    ) == [{"1#s1"}, {"2#s1"}, {"3#s1"}]


def test_a_generational_suffix_is_another_person():
    assert groups(
        [
            record("1", source("s1", "Pavel Horak Jr.")),
            record("2", source("s1", "Pavel Horak")),
        ]
    ) == [{"1#s1"}, {"2#s1"}]


def test_a_gender_the_record_gives_picks_between_two_full_names():
    records = [
        record("1", source("s1", "Ruth Abernathy")),
        record("2", source("s1", "Peter Abernathy")),
        record("3", source("s1", "Abernathy", mentions=["Mrs. Abernathy", "she"])),
        record("4", source("s1", "Abernathy", mentions=["Abernathy", "he"])),
        record("5", source("s1", "Abernathy", mentions=["Abernathy"])),
    ]
    assert groups(records) == [{"1#s1", "3#s1"}, {"2#s1", "4#s1"}, {"5#s1"}]


def test_a_short_form_its_own_document_keeps_apart_stays_apart():
    records = [
        record("1", source("s1", "Ruth Abernathy"), source("s2", "Abernathy")),
        record("2", source("s1", "Ruth Abernathy")),
    ]
    assert groups(records) == [{"1#s1", "2#s1"}, {"1#s2"}]


def test_spelling_variants_of_a_long_name_join():
    records = [
        record("1", source("s1", "Rami Abdulrahman")),
        record("2", source("s1", "Rami Abdelrahman")),
        record("3", source("s1", "Rami Kelly")),
        record("4", source("s1", "Rami Kelley")),
    ]
    # Short names one letter apart are often two names, and are left apart.
    assert groups(records) == [{"1#s1", "2#s1"}, {"3#s1"}, {"4#s1"}]


def test_a_short_form_of_an_organisation_joins_the_one_name_it_ends():
    org = {"kind": "organization"}
    one_post = [
        record("1", source("s1", "The Riverside Post", **org)),
        record("2", source("s1", "the Post", **org)),
        record("3", source("s1", "Post’s", **org)),
    ]
    assert groups(one_post) == [{"1#s1", "2#s1", "3#s1"}]
    two_posts = [*one_post, record("4", source("s1", "Hillview Post", **org))]
    assert groups(two_posts) == [{"1#s1"}, {"2#s1", "3#s1"}, {"4#s1"}]
    # A coordination is not a longer name of its last member; a generic word
    # alone is no name to join.
    assert groups(
        [
            record("1", source("s1", "Norway and Chile", **org)),
            record("2", source("s1", "Chile", **org)),
            record("3", source("s1", "Fisheries Department", **org)),
            record("4", source("s1", "Department", **org)),
        ]
    ) == [{"1#s1"}, {"2#s1"}, {"3#s1"}, {"4#s1"}]


def test_department_of_x_is_x_department():
    org = {"kind": "organization"}
    assert groups(
        [
            record("1", source("s1", "the Department of Fisheries", **org)),
            record("2", source("s1", "Fisheries Department", **org)),
        ]
    ) == [{"1#s1", "2#s1"}]


def test_an_acronym_joins_only_the_one_long_form_the_batch_defines():
    org = {"kind": "organization"}
    defined = record(
        "1",
        source(
            "s1",
            "Coastal Flood Authority",
            mentions=["the Coastal Flood Authority (CFA)"],
            **org,
        ),
    )
    used = record("2", source("s1", "CFA", **org))
    dotted = record("3", source("s1", "C.F.A.", **org))
    assert groups([defined, used, dotted]) == [{"1#s1", "2#s1", "3#s1"}]
    # Never defined: the acronym is left alone, though the initials match.
    undefined = record("1", source("s1", "Coastal Flood Authority", **org))
    assert groups([undefined, used]) == [{"1#s1"}, {"2#s1"}]
    # Defined twice, differently: nothing to choose between.
    other = record(
        "4",
        source("s1", "Central Farmers Association", description="CFA", **org),
    )
    assert groups([defined, used, other]) == [{"1#s1"}, {"2#s1"}, {"4#s1"}]


def test_partial_names_are_not_merged_across_documents():
    assert groups(
        [
            record("1", source("s1", "Yusuf", ident="partially_named")),
            record("2", source("s1", "Yusuf", ident="partially_named")),
        ]
    ) == [{"1#s1"}, {"2#s1"}]


def test_the_fullest_name_seen_names_the_source():
    (one,) = merge_sources(
        [
            record("1", source("s1", "Lindqvist", quotes=9)),
            record("2", source("s1", "Hanna Lindqvist", quotes=1)),
            record("3", source("s1", "Hanna R. Lindqvist", quotes=1)),
        ]
    )
    assert one.name == "Hanna R. Lindqvist"
    assert one.quotes == 11 and one.documents == 3


def test_the_order_of_the_records_does_not_change_the_merge():
    records = [
        record("1", source("s1", "Ruth Abernathy", quotes=2)),
        record("2", source("s1", "Abernathy", quotes=3), source("s2", None)),
        record("3", source("s1", "Peter Lund", quotes=5)),
    ]
    forward = {frozenset(s.members): s.name for s in merge_sources(records)}
    backward = {frozenset(s.members): s.name for s in merge_sources(records[::-1])}
    assert forward == backward
    assert [s.name for s in merge_sources(records)] == [
        "Ruth Abernathy",
        "Peter Lund",
        None,
    ]


def test_records_need_ids_of_their_own():
    with pytest.raises(ValueError, match="duplicate id '1'"):
        merge_sources([record("1"), record("1")])
    with pytest.raises(ValueError, match="record 2 has no id"):
        merge_sources([record("1"), {"id": None, "sources": []}])


def test_the_mix_of_a_batch_counts_each_batch_level_source_once():
    records = [
        record("1", source("s1", "Ruth Abernathy", quotes=2), source("s2", None)),
        record("2", source("s1", "Abernathy", quotes=3)),
    ]
    mix = merged_mix(merge_sources(records), quotes=7, unattributed=1)
    assert mix.sources == 2 and mix.quotes == 7 and mix.unattributed_quotes == 1
    assert mix.sources_by_identification == {
        "named": 1,
        "partially_named": 0,
        "anonymous": 1,
    }
    assert mix.quotes_by_identification["named"] == 5
