"""``whosaid extract``: inputs of every kind, order, ids, errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS
from whosaid.cli import main

QUOTE = "“The dam will hold,” said Maria Lopez."


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(
            main, ["extract", *args], input=input, catch_exceptions=False
        )

    return invoke


def test_jsonl_input_in_order_with_ids(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": f"a{i}", "text": QUOTE, "extra": 1}) + "\n"
            for i in range(3)
        )
    )
    result = cli(str(src))
    assert result.exit_code == 0
    out = records(result.stdout)
    assert [r["id"] for r in out] == ["a0", "a1", "a2"]
    assert out[0]["quotes"][0]["text"] == "The dam will hold,"


def test_txt_files_and_folders_use_the_file_name_as_id(cli, tmp_path):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "b.txt").write_text(QUOTE)
    (folder / "a.txt").write_text("Nothing quoted here.")
    (folder / "notes.md").write_text("ignored")
    single = tmp_path / "single.txt"
    single.write_text(QUOTE)
    result = cli(str(folder), str(single))
    assert result.exit_code == 0
    assert [r["id"] for r in records(result.stdout)] == ["a", "b", "single"]


def test_standard_input_plain_text_and_jsonl(cli):
    plain = cli("-", input=QUOTE)
    assert plain.exit_code == 0
    assert records(plain.stdout)[0]["quotes"][0]["speaker"]["text"] == "Maria Lopez"
    lines = cli("-", input=json.dumps({"id": "x", "text": QUOTE}) + "\n")
    assert [r["id"] for r in records(lines.stdout)] == ["x"]


def test_output_file(cli, tmp_path):
    out = tmp_path / "sub" / "out.jsonl"
    result = cli("-", "-o", str(out), input=QUOTE)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert len(records(out.read_text())) == 1
    assert [p.name for p in out.parent.iterdir()] == ["out.jsonl"]


def test_a_bad_line_is_named_and_the_rest_go_on(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "ok1", "text": QUOTE}) + "\n"
        "{not json\n"
        + json.dumps({"id": "no-text"})
        + "\n"
        + json.dumps(["a", "list"])
        + "\n"
        + json.dumps({"id": "ok2", "text": QUOTE})
        + "\n"
    )
    result = cli(str(src))
    assert result.exit_code == 1
    assert [r["id"] for r in records(result.stdout)] == ["ok1", "ok2"]
    assert f"{src}:2: not JSON" in result.stderr
    assert f"{src}:3: bad document: text" in result.stderr
    assert f"{src}:4: not a JSON object" in result.stderr
    assert "3 of 5 inputs failed" in result.stderr


def test_missing_unsupported_and_non_utf8_inputs(cli, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9".encode("latin-1"))
    other = tmp_path / "data.pdf"
    other.write_bytes(b"%PDF")
    good = tmp_path / "good.txt"
    good.write_text(QUOTE)
    result = cli(str(tmp_path / "missing.txt"), str(bad), str(other), str(good))
    assert result.exit_code == 1
    assert "missing.txt: no such file or folder" in result.stderr
    assert "latin1.txt: not UTF-8" in result.stderr
    assert "data.pdf: unsupported input" in result.stderr
    assert [r["id"] for r in records(result.stdout)] == ["good"]


def test_a_failed_run_leaves_no_output_file_only_the_part_to_resume(
    tmp_path, monkeypatch
):
    from whosaid.batch import Output

    out = tmp_path / "out.jsonl"
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": str(i), "text": QUOTE}) + "\n" for i in range(3))
    )
    write = Output.write

    def boom(self, record):
        if record["id"] == "1":
            raise RuntimeError("killed halfway")
        write(self, record)

    monkeypatch.setattr(Output, "write", boom)
    with pytest.raises(RuntimeError):
        CliRunner().invoke(
            main, ["extract", str(src), "-o", str(out)], catch_exceptions=False
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl.part"]
    assert [r["id"] for r in records((tmp_path / "out.jsonl.part").read_text())] == [
        "0"
    ]


def test_the_installed_command_runs_on_the_seeds(tmp_path):
    out = tmp_path / "seeds.jsonl"
    exe = Path(sys.executable).with_name("whosaid")
    proc = subprocess.run(
        [str(exe), "extract", str(SEEDS), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    got = records(out.read_text())
    assert [r["id"] for r in got] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert all(r["quotes"] for r in got)
    assert "doc" in proc.stderr  # the progress bar, on standard error


def test_no_input_is_a_usage_error(cli):
    result = CliRunner().invoke(main, ["extract"])
    assert result.exit_code == 2


TWO_CUES = (
    "The mayor said the bridge will reopen in May. "
    "The council wrote that the tolls will stay."
)


def test_min_confidence_filters_quotes_and_their_sources(cli):
    every = records(cli("-", "--min-confidence", "0", input=TWO_CUES).stdout)[0]
    assert len(every["quotes"]) == 2
    none = records(cli("-", "--min-confidence", "1", input=TWO_CUES).stdout)[0]
    assert none["quotes"] == [] and none["sources"] == []
    assert none["source_mix"]["quotes"] == 0


def test_cue_types_keep_only_those_cues(cli):
    result = cli("-", "--min-confidence", "0", "--cue-types", "writing", input=TWO_CUES)
    assert result.exit_code == 0
    out = records(result.stdout)[0]
    assert [q["cue"]["type"] for q in out["quotes"]] == ["writing"]
    assert [s["description"] for s in out["sources"]] == ["The council"]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--cue-types", "gossip", "unknown cue type gossip"),
        ("--min-confidence", "1.5", "--min-confidence"),
    ],
)
def test_bad_filter_values_are_a_usage_error(cli, option, value, message):
    result = cli("-", option, value, input=TWO_CUES)
    assert result.exit_code == 2
    assert message in result.stderr
