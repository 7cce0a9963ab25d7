"""``whosaid mix``: the batch's source mix as a table, a CSV and a PNG."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from tests.batch.conftest import article, records
from whosaid import cli as cli_module
from whosaid.batch.report import SOURCE_COLUMNS, batch_mix, table
from whosaid.mix import merge_mixes
from whosaid.schemas import BatchSourceSchema

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHECKOUT = Path(__file__).resolve().parents[2]


def source(sid: str, name: str | None, ident: str, kind: str, quotes: int) -> dict:
    return {
        "id": sid,
        "name": name,
        "description": None,
        "identification": ident,
        "entity_type": kind,
        "anonymity_reason": None,
        "mentions": [],
        "quote_ids": [f"q{n}" for n in range(quotes)],
    }


def record(doc_id: str, sources: list[dict], unattributed: int = 0) -> dict:
    """A record as whosaid writes it, with its own source mix."""
    by = {"identification": {}, "entity_type": {}}
    q_by = {"identification": {}, "entity_type": {}}
    for s in sources:
        for key in by:
            by[key][s[key]] = by[key].get(s[key], 0) + 1
            q_by[key][s[key]] = q_by[key].get(s[key], 0) + len(s["quote_ids"])
    quotes = sum(len(s["quote_ids"]) for s in sources) + unattributed
    return {
        "id": doc_id,
        "quotes": [],
        "sources": sources,
        "source_mix": {
            "sources": len(sources),
            "quotes": quotes,
            "sources_by_identification": by["identification"],
            "sources_by_entity_type": by["entity_type"],
            "quotes_by_identification": q_by["identification"],
            "quotes_by_entity_type": q_by["entity_type"],
            "unattributed_quotes": unattributed,
        },
    }


BATCH = [
    record(
        "a",
        [
            source("s1", "Maria Lopez", "named", "person", 3),
            source("s2", None, "anonymous", "person", 1),
            source("s3", "City Council", "named", "organization", 1),
        ],
        unattributed=1,
    ),
    record(
        "b",
        [
            source("s1", "maria  lopez", "named", "person", 1),
            source("s2", "Lopez", "partially_named", "person", 2),
            source("s3", None, "anonymous", "group", 1),
        ],
    ),
    record("c", []),
]


@pytest.fixture
def results(tmp_path):
    path = tmp_path / "results.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in BATCH), encoding="utf-8")
    return path


def test_the_batch_mix_counts_batch_level_sources():
    bm = batch_mix(BATCH)
    summed = merge_mixes(r["source_mix"] for r in BATCH)
    assert bm.documents == 3
    assert bm.mix.quotes == summed.quotes == 10
    assert bm.mix.unattributed_quotes == 1
    # Maria Lopez is one source across documents a and b: 5 sources, not 6.
    assert bm.document_sources == summed.sources == 6
    assert bm.mix.sources == 5
    assert bm.mix.sources_by_identification == {
        "named": 2,
        "partially_named": 1,
        "anonymous": 2,
    }
    assert bm.mix.quotes_by_identification == {
        "named": 5,
        "partially_named": 2,
        "anonymous": 2,
    }
    assert bm.documents_by_identification == {
        "named": 2,
        "partially_named": 1,
        "anonymous": 2,
    }
    assert bm.documents_by_entity_type == {"person": 2, "organization": 1, "group": 1}
    assert bm.documents_unattributed == 1
    # A partial name (here a surname the record did not tie to anyone) is never
    # merged across documents, nor are anonymous sources.
    assert [(t.name, t.quotes, t.documents) for t in bm.top] == [
        ("Maria Lopez", 4, 2),
        ("Lopez", 2, 1),
        ("City Council", 1, 1),
    ]
    assert [s.name for s in bm.sources].count(None) == 2


def test_the_table(cli, results):
    result = cli("mix", str(results))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == table(batch_mix(BATCH))
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Source mix of 3 documents: 5 sources, 10 quotes (1 without a speaker)"
    )
    named = next(line for line in lines if line.startswith("named"))
    # 2 of 5 sources; 5 of the 9 quotes that have a speaker; in 2 documents.
    assert named.split() == ["named", "2", "40.0", "5", "55.6", "2"]
    assert any(line.split()[:4] == ["Maria", "Lopez", "4", "2"] for line in lines)
    assert any("(6 as each document counts them)" in line for line in lines)


def test_the_csv_and_the_png(cli, results, tmp_path):
    png, table_csv = tmp_path / "charts" / "mix.png", tmp_path / "mix.csv"
    result = cli("mix", str(results), "--png", str(png), "--csv", str(table_csv))
    assert result.exit_code == 0, result.stderr
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    rows = list(csv.DictReader(io.StringIO(table_csv.read_text(encoding="utf-8"))))
    by = {(r["table"], r["category"]): r for r in rows}
    assert by["all", "all"] == {
        "table": "all",
        "category": "all",
        "sources": "5",
        "quotes": "10",
        "documents": "3",
        "identification": "",
        "entity_type": "",
        "role": "",
        "gender": "",
        "key_terms": "",
    }
    assert by["identification", "anonymous"]["sources"] == "2"
    assert by["unattributed", "all"]["quotes"] == "1"
    assert by["top_source", "Maria Lopez"]["identification"] == "named"
    assert by["top_source", "Maria Lopez"]["quotes"] == "4"
    assert [r["table"] for r in rows].count("entity_type") == 3


def test_the_sources_table_as_csv(cli, results, tmp_path):
    out = tmp_path / "tables" / "sources.csv"
    result = cli("mix", str(results), "--sources", str(out))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(rows) == 5
    assert list(rows[0]) == list(SOURCE_COLUMNS)
    lopez = rows[0]
    assert lopez["id"] == "b1"
    assert lopez["name"] == "Maria Lopez"
    assert (lopez["identification"], lopez["entity_type"]) == ("named", "person")
    assert (lopez["documents"], lopez["quotes"]) == ("2", "4")
    assert lopez["members"] == "a#s1;b#s1"
    anonymous = [r for r in rows if r["identification"] == "anonymous"]
    assert sorted(r["members"] for r in anonymous) == ["a#s2", "b#s3"]
    assert all(r["name"] == "" for r in anonymous)
    assert not list(out.parent.glob(".sources.csv.*"))


def test_the_sources_table_as_jsonl(cli, results, tmp_path):
    out = tmp_path / "sources.jsonl"
    result = cli("mix", str(results), "--sources", str(out), "--top", "1")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 5
    assert BatchSourceSchema(many=True).validate(rows) == {}
    assert rows[0]["members"] == ["a#s1", "b#s1"]
    assert rows[0]["descriptions"] == []
    # --top limits the printed table, never the sources file.
    assert "City Council" not in result.stdout


def test_a_repeated_id_is_an_error_naming_both_places(cli, results, tmp_path):
    again = tmp_path / "again.jsonl"
    again.write_text(json.dumps(BATCH[1]) + "\n", encoding="utf-8")
    out = tmp_path / "sources.csv"
    result = cli("mix", str(results), str(again), "--sources", str(out))
    assert result.exit_code == 1
    assert f"{again}:1: duplicate id 'b' (first at {results}:2)" in result.stderr
    assert not out.exists()


def test_the_mix_of_a_real_run(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": str(n), "text": article(n)}) + "\n" for n in range(5))
    )
    out = tmp_path / "out.jsonl"
    assert cli("extract", str(src), "-o", str(out)).exit_code == 0
    result = cli("mix", str(out))
    assert result.exit_code == 0
    quotes = sum(len(r["quotes"]) for r in records(out.read_text()))
    assert f"{quotes} quotes" in result.stdout.splitlines()[0]


def test_a_file_that_is_not_whosaid_output_is_named(cli, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(BATCH[0]) + "\n" + '{"id": "x", "text": "input"}\n')
    result = cli("mix", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:2: not a whosaid record" in result.stderr
    missing = cli("mix", str(tmp_path / "none.jsonl"))
    assert missing.exit_code == 1 and "No such file" in missing.stderr


def test_png_without_matplotlib_names_the_extra_before_any_output(
    cli, results, tmp_path, monkeypatch
):
    """This environment is installed from the checkout (``pip install -e``): the
    command given installs the extra from there, into this environment."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if not installed
    png = tmp_path / "mix.png"
    result = cli("mix", str(results), "--png", str(png))
    assert result.exit_code == 1
    assert result.stdout == "", "no table when the chart cannot be drawn"
    assert not png.exists()
    (line,) = result.stderr.splitlines()
    assert "--png needs matplotlib, from whosaid's 'batch' extra" in line
    assert line.endswith(f"-m pip install '{CHECKOUT}[batch]'")
    assert sys.executable in line


def test_installed_from_the_index_the_hint_names_the_package(monkeypatch):
    monkeypatch.setattr(cli_module, "distributions", lambda name: iter(()))
    assert cli_module.install_hint("batch").endswith(" -m pip install 'whosaid[batch]'")


def profiled(sid, name, role, gender, terms, quotes=1, kind="person"):
    s = source(sid, name, "named" if name else "anonymous", kind, quotes)
    s.update(
        role=role,
        gender=gender,
        key_terms=[{"term": t, "score": 1.0 - n / 10} for n, t in enumerate(terms)],
    )
    return s


def with_profile_mix(rec: dict) -> dict:
    """The record's mix with the role and gender tables whosaid writes."""
    mix = rec["source_mix"]
    for key in ("sources_by_role", "quotes_by_role"):
        mix[key] = {}
    for key in ("sources_by_gender", "quotes_by_gender"):
        mix[key] = {}
    for s in rec["sources"]:
        said = len(s["quote_ids"])
        mix["sources_by_role"][s["role"]] = mix["sources_by_role"].get(s["role"], 0) + 1
        mix["quotes_by_role"][s["role"]] = (
            mix["quotes_by_role"].get(s["role"], 0) + said
        )
        if s["entity_type"] == "person":
            g = s["gender"]
            mix["sources_by_gender"][g] = mix["sources_by_gender"].get(g, 0) + 1
            mix["quotes_by_gender"][g] = mix["quotes_by_gender"].get(g, 0) + said
    return rec


PROFILED = [
    with_profile_mix(
        record(
            "a",
            [
                profiled(
                    "s1", "Ann Cole", "politician", "unknown", ["bridge", "tolls"], 2
                ),
                profiled("s2", None, "citizen", "male", ["water"]),
            ],
        )
    ),
    with_profile_mix(
        record(
            "b",
            [
                profiled("s1", "ann cole", "politician", "female", ["tolls", "roads"]),
                profiled(
                    "s2", "Acme", "business", None, ["profits"], kind="organization"
                ),
            ],
        )
    ),
]


def test_the_batch_mix_has_roles_and_genders():
    bm = batch_mix(PROFILED)
    # Counted on batch-level sources: Ann Cole of both articles is one politician,
    # and a woman, since one of the articles says so.
    assert bm.mix.sources_by_role["politician"] == 1
    assert bm.mix.quotes_by_role["politician"] == 3
    assert bm.mix.sources_by_gender == {"female": 1, "male": 1, "unknown": 0}
    assert bm.documents_by_role["politician"] == 2
    assert bm.documents_by_role["business"] == 1
    assert bm.documents_by_gender == {"female": 1, "male": 1, "unknown": 1}
    cole = bm.top[0]
    # One article that gives her gender is enough where the other says nothing;
    # a term key in both documents comes first.
    assert (cole.name, cole.role, cole.gender) == ("Ann Cole", "politician", "female")
    assert cole.key_terms[0] == "tolls"
    assert set(cole.key_terms) == {"tolls", "bridge", "roads"}
    acme = next(t for t in bm.top if t.name == "Acme")
    assert (acme.role, acme.gender) == ("business", None)


def test_the_table_and_csv_show_roles_and_genders(cli, tmp_path):
    path = tmp_path / "results.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in PROFILED), encoding="utf-8")
    table_csv = tmp_path / "mix.csv"
    result = cli("mix", str(path), "--csv", str(table_csv))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    politician = next(line for line in lines if line.startswith("politician"))
    # Ann Cole of both articles is 1 of 3 batch-level sources, 3 of 5 quotes, in 2
    # documents.
    assert politician.split() == ["politician", "1", "33.3", "3", "60.0", "2"]
    female = next(line for line in lines if line.startswith("female"))
    # Shares of gender are of the 2 person sources and their 4 quotes.
    assert female.split() == ["female", "1", "50.0", "3", "75.0", "1"]
    cole = next(line for line in lines if line.startswith("Ann Cole"))
    assert "politician" in cole and "female" in cole and "tolls, " in cole
    rows = list(csv.DictReader(io.StringIO(table_csv.read_text(encoding="utf-8"))))
    by = {(r["table"], r["category"]): r for r in rows}
    assert [r["table"] for r in rows].count("role") == 10
    assert [r["table"] for r in rows].count("gender") == 3
    assert by["role", "citizen"]["sources"] == "1"
    assert by["gender", "male"]["quotes"] == "1"
    top = by["top_source", "Ann Cole"]
    assert (top["role"], top["gender"]) == ("politician", "female")
    assert top["key_terms"].startswith("tolls; ")
