"""Writers: CSV output, OUT.part and OUT, the errors file and exit codes, resume."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.batch.conftest import article, records, write_jsonl
from whosaid.batch import ErrorLog, Item, Output, ResumeError
from whosaid.batch.writers import CSV_COLUMNS, csv_rows, errors_path_for, scan


def csv_records(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_output_has_one_row_per_quote_with_its_source(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "quoted", "text": article(0)})
        + "\n"
        + json.dumps({"id": "quiet", "text": "Nothing was said."})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    result = cli("extract", str(src), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    rows = csv_records(out.read_text(encoding="utf-8"))
    assert tuple(rows[0]) == CSV_COLUMNS
    direct = rows[0]
    assert direct["doc_id"] == "quoted" and direct["quote_id"] == "q1"
    assert direct["kind"] == "direct"
    assert direct["text"] == "The wall on section 0 will hold,"
    assert direct["cue"] == "said"
    assert direct["speaker_mention"] == "Maria Lopez"
    assert direct["source_name"] == "Maria Lopez"
    assert direct["source_identification"] == "named"
    assert direct["source_entity_type"] == "person"
    assert float(direct["confidence"]) > 0
    assert int(direct["end"]) - int(direct["start"]) == len(direct["text"])
    # A document without quotes still has its row, so every document is listed.
    assert rows[-1] == {**dict.fromkeys(CSV_COLUMNS, ""), "doc_id": "quiet"}


def test_csv_on_standard_output_with_format(cli):
    result = cli("extract", "-", "--format", "csv", input=article(1))
    rows = csv_records(result.stdout)
    assert rows and all(r["doc_id"] == "stdin" for r in rows)


def test_csv_rows_of_an_unattributed_quote_leave_the_source_empty():
    record = {
        "id": "d",
        "sources": [],
        "quotes": [
            {
                "id": "q1",
                "start": 0,
                "end": 2,
                "text": "Hi",
                "kind": "direct",
                "cue": None,
                "speaker": None,
                "confidence": 0.5,
            }
        ],
    }
    (row,) = csv_rows(record)
    assert row[:6] == ["d", "q1", 0, 2, "direct", "Hi"]
    assert row[6:14] == [None] * 8


def test_failures_go_to_the_errors_file_and_the_exit_code(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "ok", "text": article(0)})
        + "\n{broken\n"
        + json.dumps({"id": "ok", "text": "again"})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = cli("extract", str(src), "-o", str(out))
    assert result.exit_code == 1
    assert [r["id"] for r in records(out.read_text())] == ["ok"]
    errors_file = tmp_path / "out.errors.jsonl"
    assert f"see {errors_file}" in result.stderr
    assert records(errors_file.read_text()) == [
        {
            "id": None,
            "where": f"{src}:2",
            "reason": "not JSON (Expecting property name enclosed in double quotes)",
        },
        {
            "id": "ok",
            "where": f"{src}:3",
            "reason": f"duplicate id 'ok' (first at {src}:1)",
        },
    ]


def test_errors_option_and_no_errors_file_when_nothing_failed(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 2)
    old = tmp_path / "out.errors.jsonl"
    old.write_text('{"id": "stale"}\n')
    assert cli("extract", str(src), "-o", str(tmp_path / "out.jsonl")).exit_code == 0
    assert not old.exists()  # a log from an earlier run would mislead
    mine = tmp_path / "logs" / "failed.jsonl"
    result = cli("extract", str(src), str(tmp_path / "nope.txt"), "--errors", str(mine))
    assert result.exit_code == 1
    assert records(mine.read_text())[0]["reason"] == "no such file or folder"


def test_default_errors_file_name():
    assert errors_path_for("runs/out.jsonl").as_posix() == "runs/out.errors.jsonl"
    assert errors_path_for("out.csv").as_posix() == "out.errors.jsonl"
    assert errors_path_for("out").as_posix() == "out.errors.jsonl"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--resume"], "--resume needs -o OUT"),
        (["-o", "o.jsonl", "--errors", "o.jsonl"], "--errors must not be the output"),
        (["--dask", "tcp://127.0.0.1:1", "--workers", "2"], "--workers is for local"),
        (["--format", "xml"], "'xml' is not one of"),
    ],
)
def test_usage_errors_exit_2(cli, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = cli("extract", "-", *args, input="text")
    assert result.exit_code == 2
    assert message in result.stderr


def test_an_interrupted_run_leaves_out_part_and_resume_finishes_it(
    cli, tmp_path, monkeypatch
):
    src = tmp_path / "in.jsonl"
    ids = write_jsonl(src, 6)
    out = tmp_path / "out.jsonl"
    original = Output.write

    def crash_at_doc003(self, record):
        if record["id"] == "doc003":
            raise RuntimeError("power cut")
        original(self, record)

    monkeypatch.setattr(Output, "write", crash_at_doc003)
    with pytest.raises(RuntimeError):
        cli("extract", str(src), "-o", str(out), "--batch-size", "2")
    assert not out.exists()
    part = tmp_path / "out.jsonl.part"
    assert [r["id"] for r in records(part.read_text())] == ids[:3]
    monkeypatch.setattr(Output, "write", original)
    result = cli("extract", str(src), "-o", str(out), "--resume")
    assert result.exit_code == 0, result.stderr
    assert "3 documents done" in result.stderr
    assert [r["id"] for r in records(out.read_text())] == ids
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_resume_cuts_a_partial_last_line(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    ids = write_jsonl(src, 4)
    out = tmp_path / "out.jsonl"
    assert cli("extract", str(src), "-o", str(out)).exit_code == 0
    lines = out.read_bytes().splitlines(keepends=True)
    part = tmp_path / "out.jsonl.part"
    part.write_bytes(b"".join(lines[:2]) + lines[2][:40])
    out.unlink()
    result = cli("extract", str(src), "-o", str(out), "--resume")
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == b"".join(lines)
    assert [r["id"] for r in records(out.read_text())] == ids


def test_resume_of_a_finished_csv_redoes_only_its_last_document(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 3)
    out = tmp_path / "out.csv"
    assert cli("extract", str(src), "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    with out.open("rb") as fh:
        found = scan(fh, "csv", str(out))
    assert found.ids == ["doc000", "doc001"]
    result = cli("extract", str(src), "-o", str(out), "--resume")
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == before


def test_resume_of_a_csv_cut_inside_a_multiline_quote(tmp_path):
    header = ",".join(CSV_COLUMNS) + "\n"
    row = 'a,q1,0,5,direct,"two\nlines",said,statement,X,s1,X,,named,person,,0.9\n'
    part = tmp_path / "o.csv.part"
    part.write_text(header + row + row.replace("a,", "b,", 1)[:30], encoding="utf-8")
    with part.open("rb") as fh:
        found = scan(fh, "csv", "o.csv.part")
    # "a" was the last whole document: it is done again, to be sure it is whole.
    assert found.ids == [] and found.keep == len(header.encode())


def test_resume_refuses_a_file_that_is_not_its_output(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 1)
    out = tmp_path / "notes.jsonl"
    out.write_text('{"some": "thing"}\n{"other": 1}\n')
    result = cli("extract", str(src), "-o", str(out), "--resume")
    assert result.exit_code == 2
    assert (
        "cannot resume" in result.stderr
        and "not a whosaid JSONL record" in result.stderr
    )
    assert out.read_text() == '{"some": "thing"}\n{"other": 1}\n'
    jsonl = tmp_path / "o.csv"
    jsonl.write_text(json.dumps({"id": "a", "quotes": []}) + "\n")
    result = cli("extract", str(src), "-o", str(jsonl), "--resume")
    assert result.exit_code == 2 and "not a whosaid CSV" in result.stderr


def test_a_fresh_run_starts_over_an_unfinished_one(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    ids = write_jsonl(src, 2)
    part = tmp_path / "out.jsonl.part"
    part.write_text(json.dumps({"id": "old", "quotes": []}) + "\n")
    result = cli("extract", str(src), "-o", str(tmp_path / "out.jsonl"))
    assert "starting over" in result.stderr
    assert [r["id"] for r in records((tmp_path / "out.jsonl").read_text())] == ids
    assert not part.exists()


def test_resume_warns_about_records_from_other_inputs(cli, tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 2)
    out = tmp_path / "out.jsonl"
    out.write_text(json.dumps({"id": "elsewhere", "quotes": []}) + "\n")
    result = cli("extract", str(src), "-o", str(out), "--resume")
    assert result.exit_code == 0
    assert "1 records in" in result.stderr and "same inputs" in result.stderr


def test_error_log_is_created_at_the_first_failure(tmp_path):
    path = tmp_path / "e.jsonl"
    log = ErrorLog(path)
    assert not path.exists()
    log.write(Item("x", "in:1"), "bad")
    log.close()
    assert records(path.read_text()) == [{"id": "x", "where": "in:1", "reason": "bad"}]


def test_scan_rejects_damage_before_the_last_line(tmp_path):
    part = tmp_path / "o.part"
    good = json.dumps({"id": "a", "quotes": []}) + "\n"
    part.write_text(good + "garbage\n" + good)
    with part.open("rb") as fh, pytest.raises(ResumeError, match=":2: not a whosaid"):
        scan(fh, "jsonl", "o.part")


def test_ctrl_c_keeps_what_is_written_and_says_how_to_go_on(cli, tmp_path, monkeypatch):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, 3)
    original = Output.write

    def interrupt_at_doc001(self, record):
        if record["id"] == "doc001":
            raise KeyboardInterrupt
        original(self, record)

    monkeypatch.setattr(Output, "write", interrupt_at_doc001)
    result = cli("extract", str(src), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 130
    assert "out.jsonl.part: run again with --resume" in result.stderr
    assert len(records((tmp_path / "out.jsonl.part").read_text())) == 1


def test_csv_rows_carry_the_cue_type_and_a_row_per_declined_comment(cli, tmp_path):
    text = "The mayor wrote that the bridge is safe. The bakery declined to comment."
    result = cli("extract", "-", "--format", "csv", "--min-confidence", "0", input=text)
    assert result.exit_code == 0, result.stderr
    rows = csv_records(result.stdout)
    assert [(r["kind"], r["cue_type"]) for r in rows] == [
        ("indirect", "writing"),
        ("declined", ""),
    ]
    declined = rows[1]
    assert declined["quote_id"] == "d1" and declined["text"] == "declined to comment"
    assert declined["speaker_mention"] == "The bakery" and declined["confidence"] == ""
