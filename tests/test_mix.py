"""Source mix for one record and merged over many."""

from __future__ import annotations

from whosaid.mix import merge_mixes
from whosaid.vocabulary import GENDERS, ROLES


def test_mix_counts_sources_and_quotes(run):
    record = run(
        "“We will rebuild,” said Mayor Ann Cole. “Soon,” she added.\n\n"
        "“It is too late,” a resident said."
    )
    mix = record.source_mix
    assert mix.quotes == len(record.quotes)
    assert mix.sources == len(record.sources)
    assert sum(mix.sources_by_identification.values()) == mix.sources
    assert (
        sum(mix.quotes_by_identification.values()) + mix.unattributed_quotes
        == mix.quotes
    )


def test_merge_adds_mixes_given_as_objects_or_dicts(run):
    a = run("“We will rebuild,” said Mayor Ann Cole.")
    b = run("“It is too late,” a resident said.")
    merged = merge_mixes([a.source_mix, b.to_dict()["source_mix"]])
    assert merged.quotes == a.source_mix.quotes + b.source_mix.quotes
    assert merged.sources == a.source_mix.sources + b.source_mix.sources
    for key in ("named", "partially_named", "anonymous"):
        assert merged.sources_by_identification[key] == (
            a.source_mix.sources_by_identification[key]
            + b.source_mix.sources_by_identification[key]
        )


def test_merge_of_nothing_is_zero_everywhere():
    empty = merge_mixes([])
    assert empty.sources == empty.quotes == 0
    assert set(empty.sources_by_entity_type) == {"person", "organization", "group"}


def test_declined_comment_is_counted_and_merged(run):
    a = run("The bakery declined to comment. A spokesman had no comment.")
    b = run("“We will rebuild,” said Mayor Ann Cole.")
    assert a.source_mix.declined == 2 and b.source_mix.declined == 0
    assert a.source_mix.quotes == 0 and a.source_mix.sources == 2
    assert merge_mixes([a.source_mix, b.to_dict()["source_mix"]]).declined == 2


def test_mix_counts_roles_and_the_gender_of_persons(run):
    record = run(
        "“We will rebuild,” said Mayor Ann Cole. “Soon,” she added.\n\n"
        "“It is too late,” said a resident, Tom Reed. He said the water was rising.\n\n"
        "Officials said the road would reopen."
    )
    mix = record.source_mix
    assert set(mix.sources_by_role) == set(ROLES)
    assert sum(mix.sources_by_role.values()) == mix.sources
    assert mix.sources_by_role["politician"] == 1
    assert mix.sources_by_role["citizen"] == 1
    assert mix.sources_by_role["official"] == 1
    assert mix.quotes_by_role["politician"] == 2
    # Gender counts persons only: the officials are a group.
    assert set(mix.sources_by_gender) == set(GENDERS)
    assert mix.sources_by_gender == {"female": 1, "male": 1, "unknown": 0}
    assert mix.quotes_by_gender["female"] == 2
    assert sum(mix.sources_by_gender.values()) == mix.sources_by_entity_type["person"]


def test_merge_adds_roles_and_genders(run):
    a = run("“We will rebuild,” said Mayor Ann Cole. “Soon,” she added.")
    b = run("“It is too late,” a resident said.")
    merged = merge_mixes([a.source_mix, b.to_dict()["source_mix"]])
    for key in ROLES:
        assert merged.sources_by_role[key] == (
            a.source_mix.sources_by_role[key] + b.source_mix.sources_by_role[key]
        )
    assert merged.sources_by_gender["female"] == 1
    empty = merge_mixes([])
    assert set(empty.sources_by_role) == set(ROLES)
    assert set(empty.quotes_by_gender) == set(GENDERS)
