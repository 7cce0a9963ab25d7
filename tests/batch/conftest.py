"""Fixtures for the batch tests: a corpus of short invented articles, a way to run
the installed ``whosaid`` command, and a reference output from this process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from whosaid.cli import main

WHOSAID = Path(sys.executable).with_name("whosaid")
SPEAKERS = (
    "Maria Lopez, the city engineer",
    "the mayor",
    "Tom Reyes",
    "a police spokesman who asked not to be named",
    "the teachers' union",
)
# A run of the command that loads spaCy in new processes; generous for slow CI.
SUBPROCESS_TIMEOUT = 300


def article(n: int) -> str:
    """A short invented article with a direct and a reported quote."""
    speaker = SPEAKERS[n % len(SPEAKERS)]
    return (
        f"Flood defences on river section {n} were tested on Tuesday.\n\n"
        f"“The wall on section {n} will hold,” said {speaker}. "
        f"Officials said that repairs would take {n % 7 + 2} weeks.\n\n"
        "Residents were asked to stay away from the banks."
    )


def write_jsonl(path: Path, count: int) -> list[str]:
    """``count`` articles as JSONL; returns their ids in order."""
    ids = [f"doc{n:03d}" for n in range(count)]
    path.write_text(
        "".join(
            json.dumps({"id": i, "text": article(n)}) + "\n" for n, i in enumerate(ids)
        ),
        encoding="utf-8",
    )
    return ids


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def whosaid(
    *args: str, timeout: float = SUBPROCESS_TIMEOUT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """The installed command, in a process of its own (``env`` added to ours)."""
    return subprocess.run(
        [str(WHOSAID), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def cli():
    """``cli("extract", ...)``: the command in this process (the session's pipeline)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[str], bytes]:
    """40 articles as JSONL, their ids, and the output of one in-process run
    (``--workers 1``) for the other runners to match byte for byte."""
    folder = tmp_path_factory.mktemp("corpus")
    src = folder / "in.jsonl"
    ids = write_jsonl(src, 40)
    out = folder / "reference.jsonl"
    result = CliRunner().invoke(
        main,
        ["extract", str(src), "-o", str(out), "--batch-size", "4", "--no-progress"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    return src, ids, out.read_bytes()
