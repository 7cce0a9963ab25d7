"""Reading documents from files, folders and archives for ``whosaid extract``.

Readers yield ``Item``s: a document to process, or a problem with one input that
names where it is. A bad line, row or file never stops the rest.

Every document gets an id, because ids key the output and ``--resume``:

- a ``.txt`` file given by name: its stem (``notes/a.txt`` → ``a``);
- a ``.txt`` file found in a folder: its path relative to that folder, without
  ``.txt`` and with ``/`` between parts (``2024/jan/a``; in a flat folder that is
  the stem, as before);
- a ``.jsonl`` or ``.jsonl.gz`` line or a ``.csv`` row: its ``id``, or where it
  is (``in.jsonl:3``, ``in.csv:2``) when the id is missing or empty;
- plain text on standard input: ``stdin``.

A document whose id was already used is reported and not processed.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from marshmallow import ValidationError

from whosaid.schemas import DocumentSchema

STDIN = "-"
STDIN_ID = "stdin"
TEXT_SUFFIX = ".txt"
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
CSV_SUFFIX = ".csv"
CSV_TEXT, CSV_ID = "text", "id"
# Articles can be longer than the csv module's default 128 KiB field limit.
CSV_FIELD_LIMIT = 2**31 - 1
SUPPORTED = "give .txt, .jsonl, .jsonl.gz, .csv or a folder"

_document = DocumentSchema()


@dataclass(frozen=True)
class Item:
    """A document (``text`` set) or a failure to read one (``error`` set)."""

    id: str | None
    where: str
    text: str | None = None
    error: str | None = None


class Inputs:
    """The documents named by the command's INPUT arguments, in order.

    Iterable more than once (once to count for the progress bar, once to run);
    standard input is read once and kept.
    """

    def __init__(self, names: Sequence[str], stdin: TextIO | None = None) -> None:
        self.names = tuple(names)
        self._stdin = stdin
        self._stdin_data: str | None = None

    def __iter__(self) -> Iterator[Item]:
        return unique_ids(read_inputs(self.names, self._read_stdin))

    def _read_stdin(self) -> str:
        if self._stdin_data is None:
            self._stdin_data = (self._stdin or sys.stdin).read()
        return self._stdin_data


def read_inputs(names: Iterable[str], stdin: Callable[[], str]) -> Iterator[Item]:
    """Items from each input in turn; ``stdin()`` gives standard input's text."""
    for name in names:
        if name == STDIN:
            yield from read_stdin(stdin(), "<stdin>")
            continue
        path = Path(name)
        if path.is_dir():
            yield from read_folder(path, name)
        elif not path.exists():
            yield Item(None, name, error="no such file or folder")
        elif path.name.endswith(JSONL_SUFFIXES):
            yield from read_jsonl_file(path, name)
        elif path.suffix == CSV_SUFFIX:
            yield from read_csv_file(path, name)
        elif path.suffix == TEXT_SUFFIX:
            yield read_text_file(path, path.stem, name)
        else:
            yield Item(None, name, error=f"unsupported input: {SUPPORTED}")


def read_folder(folder: Path, name: str) -> Iterator[Item]:
    """Every ``.txt`` file under ``folder``, sorted by path; hidden files and
    folders (``.git``, ``.DS_Store``) are skipped."""
    problems: list[OSError] = []
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=problems.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root, f).relative_to(folder)
            for f in files
            if not f.startswith(".") and f.lower().endswith(TEXT_SUFFIX)
        )
    for exc in problems:
        yield Item(None, str(exc.filename or name), error=exc.strerror or str(exc))
    if not found and not problems:
        yield Item(None, name, error="folder holds no .txt files")
    for rel in sorted(found, key=lambda p: p.parts):
        yield read_text_file(
            folder / rel, rel.with_suffix("").as_posix(), str(folder / rel)
        )


def read_text_file(path: Path, doc_id: str, where: str) -> Item:
    try:
        return Item(doc_id, where, text=path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        return Item(doc_id, where, error=_not_utf8(exc))
    except OSError as exc:
        return Item(doc_id, where, error=exc.strerror or str(exc))


def read_stdin(data: str, where: str) -> Iterator[Item]:
    """Standard input: JSONL when it starts with ``{``, else one plain-text document."""
    if data.lstrip().startswith("{"):
        # Split on newlines only: U+2028 and friends may sit unescaped in JSON strings.
        yield from read_jsonl(data.split("\n"), where)
    else:
        yield Item(STDIN_ID, where, text=data)


def read_jsonl_file(path: Path, name: str) -> Iterator[Item]:
    """A ``.jsonl`` file, or a gzip-compressed ``.jsonl.gz``."""
    try:
        if path.name.endswith(".gz"):
            fh = gzip.open(path, "rt", encoding="utf-8", errors="strict")
        else:
            fh = path.open(encoding="utf-8", errors="strict")
        with fh:
            yield from read_jsonl(fh, name)
    except UnicodeDecodeError as exc:
        yield Item(None, name, error=_not_utf8(exc))
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield Item(None, name, error=f"not a whole gzip file ({exc})")
    except OSError as exc:
        yield Item(None, name, error=exc.strerror or str(exc))


def read_jsonl(lines: Iterable[str], where: str) -> Iterator[Item]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        at = f"{where}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Item(None, at, error=f"not JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            yield Item(None, at, error="not a JSON object")
            continue
        try:
            doc = _document.load(obj)
        except ValidationError as exc:
            yield Item(_id_of(obj), at, error=f"bad document: {_messages(exc)}")
            continue
        yield Item(doc["id"] or at, at, text=doc["text"])


def read_csv_file(path: Path, name: str) -> Iterator[Item]:
    """A CSV file with a header row, a ``text`` column and perhaps an ``id`` column.

    Rows are numbered as a spreadsheet shows them: the header is row 1.
    """
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    row = 1
    try:
        with path.open(encoding="utf-8-sig", errors="strict", newline="") as fh:
            reader = csv.reader(fh)
            header = [h.strip() for h in next(reader, [])]
            if CSV_TEXT not in header:
                found = ", ".join(header) or "none"
                yield Item(None, name, error=f"no 'text' column (columns: {found})")
                return
            text_at = header.index(CSV_TEXT)
            id_at = header.index(CSV_ID) if CSV_ID in header else None
            for row, values in enumerate(reader, start=2):
                if not values:
                    continue
                at = f"{name}:{row}"
                doc_id = (
                    values[id_at].strip()
                    if id_at is not None and id_at < len(values)
                    else ""
                )
                if text_at >= len(values):
                    yield Item(doc_id or None, at, error="row has no 'text' cell")
                    continue
                yield Item(doc_id or at, at, text=values[text_at])
    except UnicodeDecodeError as exc:
        yield Item(None, name, error=_not_utf8(exc))
    except csv.Error as exc:
        yield Item(None, f"{name}:{row + 1}", error=f"not CSV ({exc})")
    except OSError as exc:
        yield Item(None, name, error=exc.strerror or str(exc))


def unique_ids(items: Iterable[Item]) -> Iterator[Item]:
    """The items, with a document whose id was already used turned into an error:
    ids key the output and ``--resume``, so each must name one document."""
    seen: dict[str, str] = {}
    for item in items:
        if item.error is None and item.id is not None:
            first = seen.get(item.id)
            if first is not None:
                item = Item(
                    item.id,
                    item.where,
                    error=f"duplicate id {item.id!r} (first at {first})",
                )
            else:
                seen[item.id] = item.where
        yield item


def _not_utf8(exc: UnicodeDecodeError) -> str:
    return f"not UTF-8 ({exc.reason} at byte {exc.start})"


def _id_of(obj: dict) -> str | None:
    value = obj.get("id")
    return value if isinstance(value, str) else None


def _messages(exc: ValidationError) -> str:
    msgs = exc.normalized_messages()
    return "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in msgs.items())
