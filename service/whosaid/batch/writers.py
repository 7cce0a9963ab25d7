"""Writing records for ``whosaid extract``: JSONL or CSV, to standard output or to
a file that never holds half a document and that a later run can resume.

With ``-o OUT`` the records go to ``OUT.part`` as each document is done: whole
lines, flushed at once, fsynced every ``CHECKPOINT_EVERY`` documents. When the
run has been through every input, ``OUT.part`` is renamed to ``OUT``, so ``OUT``
appears whole or not at all. A run that is killed leaves ``OUT.part``; the next
run with ``--resume`` reads the ids already there, cuts off a trailing partial
line, and appends the rest.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO

from whosaid.batch.readers import CSV_FIELD_LIMIT, STDIN, Item
from whosaid.candidates import DECLINED

FORMATS = ("jsonl", "csv")
PART_SUFFIX = ".part"
ERRORS_SUFFIX = ".errors.jsonl"
# Documents between fsyncs: what a power cut can cost, against a disk flush each.
CHECKPOINT_EVERY = 50
CSV_COLUMNS = (
    "doc_id",
    "quote_id",
    "start",
    "end",
    "kind",
    "text",
    "cue",
    "cue_type",
    "speaker_mention",
    "source_id",
    "source_name",
    "source_description",
    "source_identification",
    "source_entity_type",
    "source_anonymity_reason",
    "confidence",
)


class ResumeError(Exception):
    """The file to resume is not a whosaid output of the requested format."""


def format_for(path: str | None, requested: str | None) -> str:
    """The requested format, else ``csv`` for an OUT ending in ``.csv``, else JSONL."""
    if requested:
        return requested
    return "csv" if path and path.lower().endswith(".csv") else "jsonl"


def errors_path_for(output: str) -> Path:
    """``out.jsonl`` → ``out.errors.jsonl``: beside the output, named after it."""
    path = Path(output)
    return path.with_name(path.stem + ERRORS_SUFFIX)


def encode(record: dict[str, Any], fmt: str) -> str:
    """One document's output: a JSON line, or its CSV rows."""
    if fmt == "jsonl":
        return json.dumps(record, ensure_ascii=False) + "\n"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(csv_rows(record))
    return buf.getvalue()


def csv_header() -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(CSV_COLUMNS)
    return buf.getvalue()


def csv_rows(record: dict[str, Any]) -> list[list[Any]]:
    """One row per quote with its source's columns, then one per source that
    declined to comment (kind ``declined``, the words that say so as its text, no
    cue or confidence); a document with neither gets one row with only ``doc_id``,
    so that every document is in the file."""
    sources = {s["id"]: s for s in record.get("sources", ())}
    rows: list[list[Any]] = []
    entries = [(q, q["kind"]) for q in record.get("quotes", ())]
    entries += [(d, DECLINED) for d in record.get("declined", ())]
    for entry, kind in entries:
        speaker = entry.get("speaker")
        source = sources.get(speaker["source_id"], {}) if speaker else {}
        cue = entry.get("cue")
        rows.append(
            [
                record["id"],
                entry["id"],
                entry["start"],
                entry["end"],
                kind,
                entry["text"],
                cue["text"] if cue else None,
                cue.get("type") if cue else None,
                speaker["mention"]["text"] if speaker else None,
                source.get("id"),
                source.get("name"),
                source.get("description"),
                source.get("identification"),
                source.get("entity_type"),
                source.get("anonymity_reason"),
                entry.get("confidence"),
            ]
        )
    return rows or [[record["id"]] + [None] * (len(CSV_COLUMNS) - 1)]


@dataclass
class Scan:
    """What an earlier run left: the document ids done, and how many bytes to keep."""

    ids: list[str] = field(default_factory=list)
    keep: int = 0


def scan(fh: BinaryIO, fmt: str, where: str) -> Scan:
    """Read an unfinished output; only its last line may be incomplete."""
    return _scan_csv(fh, where) if fmt == "csv" else _scan_jsonl(fh, where)


def _scan_jsonl(fh: BinaryIO, where: str) -> Scan:
    found = Scan()
    for number, raw in enumerate(fh, start=1):
        try:
            record = json.loads(raw)
        except ValueError:
            record = None
        ours = isinstance(record, dict) and {"id", "quotes"} <= record.keys()
        if raw.endswith(b"\n") and ours:
            found.ids.append(record["id"])
            found.keep += len(raw)
        elif fh.read(1):
            raise ResumeError(f"{where}:{number}: not a whosaid JSONL record")
    return found


def _scan_csv(fh: BinaryIO, where: str) -> Scan:
    """CSV rows can hold newlines, so rows are parsed with the byte offsets where
    each starts and ends. The last document is always dropped and done again: its
    rows are written together, but a cut can only be seen in the last line."""
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    offset, ended = 0, True

    def lines() -> Iterator[str]:
        nonlocal offset, ended
        for raw in fh:
            offset += len(raw)
            ended = raw.endswith(b"\n")
            yield raw.decode("utf-8", errors="replace")

    rows: list[_Row] = []
    for values in csv.reader(lines()):
        start = rows[-1].end if rows else 0
        whole = ended and len(values) == len(CSV_COLUMNS)
        rows.append(_Row(values, start, offset, whole))
    if not rows:
        return Scan()
    header, body = rows[0], rows[1:]
    if (
        not header.whole
        and not body
        and ",".join(CSV_COLUMNS).startswith(",".join(header.values))
    ):
        return Scan()  # killed while writing the header: start again
    if not header.whole or tuple(header.values) != CSV_COLUMNS:
        raise ResumeError(f"{where}: not a whosaid CSV (its header differs)")
    for number, row in enumerate(body[:-1], start=2):
        if not row.whole:
            raise ResumeError(f"{where}: row {number} is not a whosaid CSV row")
    if body and not body[-1].whole:
        body.pop()
    if not body:
        return Scan(keep=header.end)
    cut = len(body) - 1
    while cut > 0 and body[cut - 1].values[0] == body[-1].values[0]:
        cut -= 1
    return Scan(
        ids=list(dict.fromkeys(r.values[0] for r in body[:cut])), keep=body[cut].start
    )


@dataclass(frozen=True)
class _Row:
    values: list[str]
    start: int
    end: int
    whole: bool


class Output:
    """Records to standard output, or to ``OUT`` by way of ``OUT.part``."""

    def __init__(self, path: str | None, fmt: str, *, resume: bool = False) -> None:
        self.fmt = fmt
        self.path = None if path in (None, STDIN) else Path(path)
        self.part = self.path and self.path.with_name(self.path.name + PART_SUFFIX)
        self.resume = resume
        self.done: set[str] = set()
        self.replaced_part = False  # a fresh run started over an unfinished one
        self._fh: IO[bytes] | None = None
        self._unsynced = 0
        self._written = 0

    def open(self) -> None:
        """Start the output; with ``resume``, continue what an earlier run left."""
        if self.path is None:
            if self.fmt == "csv":
                sys.stdout.write(csv_header())
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # An unfinished run's OUT.part first; else a finished OUT, which then
        # becomes OUT.part again until this run ends.
        earlier = next((p for p in (self.part, self.path) if p.exists()), None)
        if self.resume and earlier is not None:
            with earlier.open("rb") as fh:
                found = scan(fh, self.fmt, str(earlier))
            if earlier == self.path:
                os.replace(self.path, self.part)
            os.truncate(self.part, found.keep)
            self.done = set(found.ids)
        else:
            self.replaced_part = self.part.exists()
            self.part.write_bytes(b"")
        self._fh = self.part.open("ab")
        if self._fh.tell() == 0 and self.fmt == "csv":
            self._fh.write(csv_header().encode("utf-8"))
            self._fh.flush()

    def write(self, record: dict[str, Any]) -> None:
        """One document's lines, written and flushed together."""
        text = encode(record, self.fmt)
        if self._fh is None:
            sys.stdout.write(text)
            sys.stdout.flush()
            return
        self._fh.write(text.encode("utf-8"))
        self._fh.flush()
        self._written += 1
        self._unsynced += 1
        if self._unsynced >= CHECKPOINT_EVERY:
            self.checkpoint()

    def checkpoint(self) -> None:
        """Make what is written survive a power cut, not only a killed process."""
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._unsynced = 0

    def finish(self) -> None:
        """Every input has been through: ``OUT.part`` becomes ``OUT``."""
        if self._fh is None:
            return
        self.checkpoint()
        self._fh.close()
        self._fh = None
        os.replace(self.part, self.path)
        _sync_folder(self.path.parent)

    def close(self) -> None:
        """Stop without finishing: ``OUT.part`` stays for ``--resume``, unless a
        fresh run stopped before its first document."""
        if self._fh is None:
            return
        self.checkpoint()
        self._fh.close()
        self._fh = None
        if not self.done and not self._written:
            self.part.unlink(missing_ok=True)


class ErrorLog:
    """Documents that failed, one JSON object per line: ``{"id", "where",
    "reason"}``. Created at the first failure; a log left by an earlier run is
    removed at the start, since ``--resume`` tries its documents again."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.count = 0
        self._fh: IO[str] | None = None
        if path is not None:
            path.unlink(missing_ok=True)

    def write(self, item: Item, reason: str) -> None:
        self.count += 1
        if self.path is None:
            return
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = self.path.open("a", encoding="utf-8")
        line = {"id": item.id, "where": item.where, "reason": reason}
        self._fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            self._fh = None


def _sync_folder(folder: Path) -> None:
    """Make the rename durable too (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
