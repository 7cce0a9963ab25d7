"""Readers: recursive folders, .jsonl.gz, .csv with and without ids, unique ids."""

from __future__ import annotations

import gzip
import io
import json

from tests.batch.conftest import article, records
from whosaid.batch import Inputs


def docs(*names: str, stdin: str | None = None) -> list[tuple[str | None, str]]:
    """(id, text or error) of each item the inputs give."""
    inputs = Inputs(names, stdin=io.StringIO(stdin) if stdin is not None else None)
    return [
        (it.id, it.text if it.error is None else f"ERROR {it.error}") for it in inputs
    ]


def test_folders_are_read_recursively_with_relative_path_ids(tmp_path):
    root = tmp_path / "news"
    for rel in ("b.txt", "a.txt", "2024/jan/c.txt", "2024/d.TXT", "notes.md"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"text of {rel}", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_text("hidden folder", encoding="utf-8")
    (root / ".draft.txt").write_text("hidden file", encoding="utf-8")
    assert docs(str(root)) == [
        ("2024/d", "text of 2024/d.TXT"),
        ("2024/jan/c", "text of 2024/jan/c.txt"),
        ("a", "text of a.txt"),
        ("b", "text of b.txt"),
    ]


def test_a_flat_folder_keeps_the_file_stem_ids(tmp_path):
    (tmp_path / "x.txt").write_text("one", encoding="utf-8")
    (tmp_path / "y.txt").write_text("two", encoding="utf-8")
    assert [i for i, _ in docs(str(tmp_path))] == ["x", "y"]


def test_an_empty_folder_is_reported(tmp_path):
    (tmp_path / "sub").mkdir()
    assert docs(str(tmp_path)) == [(None, "ERROR folder holds no .txt files")]


def test_jsonl_gz_is_read_like_jsonl(tmp_path):
    src = tmp_path / "in.jsonl.gz"
    with gzip.open(src, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": "first"}) + "\n")
        fh.write(json.dumps({"text": "no id"}) + "\n")
    assert docs(str(src)) == [("g1", "first"), (f"{src}:2", "no id")]


def test_a_broken_gzip_file_is_reported_after_what_it_held(tmp_path):
    whole = gzip.compress(
        "".join(
            json.dumps({"id": f"g{n}", "text": "x" * 5000}) + "\n" for n in range(50)
        ).encode()
    )
    src = tmp_path / "cut.jsonl.gz"
    src.write_bytes(whole[: len(whole) // 2])
    got = docs(str(src))
    assert got[-1][1].startswith("ERROR not a whole gzip file")
    assert all(text == "x" * 5000 for _, text in got[:-1])
    (tmp_path / "plain.jsonl.gz").write_bytes(b'{"id": "a", "text": "not gzip"}\n')
    assert docs(str(tmp_path / "plain.jsonl.gz"))[0][1].startswith("ERROR not a whole")


def test_csv_with_an_id_column(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(
        "\ufeffid,title,text\n"  # the byte-order mark spreadsheets write
        'r1,One,"A first, quoted\nmulti-line text"\n'
        ",Two,no id here\n",
        encoding="utf-8",
    )
    assert docs(str(src)) == [
        ("r1", "A first, quoted\nmulti-line text"),
        (f"{src}:3", "no id here"),
    ]


def test_csv_without_an_id_column_uses_file_and_row(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("text\nfirst\nsecond\n", encoding="utf-8")
    assert docs(str(src)) == [(f"{src}:2", "first"), (f"{src}:3", "second")]


def test_csv_problems_are_named(tmp_path):
    no_text = tmp_path / "no_text.csv"
    no_text.write_text("id,body\n1,x\n", encoding="utf-8")
    short = tmp_path / "short.csv"
    short.write_text("id,title,text\nr1,only a title\nr2,t,fine\n", encoding="utf-8")
    assert docs(str(no_text), str(short)) == [
        (None, "ERROR no 'text' column (columns: id, body)"),
        ("r1", "ERROR row has no 'text' cell"),
        ("r2", "fine"),
    ]


def test_a_repeated_id_is_an_error_naming_the_first(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        folder.mkdir()
        (folder / "same.txt").write_text(f"in {folder.name}", encoding="utf-8")
    got = docs(str(a), str(b))
    assert got[0] == ("same", "in a")
    assert got[1] == ("same", f"ERROR duplicate id 'same' (first at {a / 'same.txt'})")


def test_standard_input_splits_jsonl_on_newlines_only():
    line = json.dumps({"id": "s", "text": "one\u2028two"}, ensure_ascii=False)
    assert docs("-", stdin=line + "\n") == [("s", "one\u2028two")]


def test_inputs_can_be_read_twice_even_from_standard_input():
    inputs = Inputs(["-"], stdin=io.StringIO("plain text"))
    assert [it.text for it in inputs] == [it.text for it in inputs] == ["plain text"]


def test_every_reader_through_the_command(cli, tmp_path):
    folder = tmp_path / "folder" / "deep"
    folder.mkdir(parents=True)
    (folder / "t.txt").write_text(article(1), encoding="utf-8")
    gz = tmp_path / "in.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "gz", "text": article(2)}) + "\n")
    table = tmp_path / "in.csv"
    table.write_text(f'text\n"{article(3)}"\n', encoding="utf-8")
    result = cli("extract", str(tmp_path / "folder"), str(gz), str(table))
    assert result.exit_code == 0, result.stderr
    got = records(result.stdout)
    assert [r["id"] for r in got] == ["deep/t", "gz", f"{table}:2"]
    assert all(r["quotes"] for r in got)
