"""Reading documents from files and folders, and writing records, for the CLI.

Readers yield ``Item``s: a document to process, or a problem with one input that
names where it is. A bad line never stops the rest of its file.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TextIO

from marshmallow import ValidationError

from whosaid.schemas import DocumentSchema

STDIN = "-"
_document = DocumentSchema()


@dataclass(frozen=True)
class Item:
    """A document (``text`` set) or a failure to read one (``error`` set)."""

    id: str | None
    where: str
    text: str | None = None
    error: str | None = None


def read_inputs(inputs: Iterable[str]) -> Iterator[Item]:
    """Documents from each input in order: .jsonl files, .txt files, folders of .txt
    files (sorted by name), or ``-`` for standard input."""
    for name in inputs:
        if name == STDIN:
            yield from read_stream(sys.stdin, "<stdin>")
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix == ".txt" and p.is_file())
            if not files:
                yield Item(None, name, error="folder holds no .txt files")
            for file in files:
                yield read_text_file(file)
        elif not path.exists():
            yield Item(None, name, error="no such file or folder")
        elif path.suffix == ".jsonl":
            try:
                with path.open(encoding="utf-8", errors="strict") as fh:
                    yield from read_jsonl(fh, name)
            except UnicodeDecodeError as exc:
                yield Item(None, name, error=f"not UTF-8 ({exc.reason} at byte {exc.start})")
            except OSError as exc:
                yield Item(None, name, error=exc.strerror or str(exc))
        elif path.suffix == ".txt":
            yield read_text_file(path)
        else:
            yield Item(None, name, error="unsupported input: give .jsonl, .txt or a folder")


def read_text_file(path: Path) -> Item:
    try:
        return Item(path.stem, str(path), text=path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        return Item(path.stem, str(path), error=f"not UTF-8 ({exc.reason} at byte {exc.start})")
    except OSError as exc:
        return Item(path.stem, str(path), error=exc.strerror or str(exc))


def read_stream(fh: TextIO, where: str) -> Iterator[Item]:
    """Standard input: JSONL when it starts with ``{``, else one plain-text document."""
    data = fh.read()
    if data.lstrip().startswith("{"):
        yield from read_jsonl(data.splitlines(keepends=True), where)
    else:
        yield Item("stdin", where, text=data)


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
        yield Item(doc["id"], at, text=doc["text"])


def _id_of(obj: dict) -> str | None:
    value = obj.get("id")
    return value if isinstance(value, str) else None


def _messages(exc: ValidationError) -> str:
    msgs = exc.normalized_messages()
    return "; ".join(f"{k}: {' '.join(map(str, v))}" for k, v in msgs.items())


@contextmanager
def atomic_output(path: str | None) -> Iterator[IO[str]]:
    """Standard output, or a file that appears whole or not at all.

    Lines go to a temporary file beside ``path``, renamed over it at the end; an
    interrupted run leaves no half-written output behind.
    """
    if path is None or path == STDIN:
        yield sys.stdout
        sys.stdout.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True)
class Outcome:
    """The result for one input item: a record dict, or an error message."""

    item: Item
    record: dict | None = None
    error: str | None = None


def process(items: Iterable[Item], nlp, batch_size: int = 16) -> Iterator[Outcome]:
    """Run the pipeline over the items, in input order.

    Documents go through ``nlp.pipe`` in batches; if a batch fails, its documents are
    retried one by one so that only the document at fault is reported.
    """
    from whosaid.records import record_from_doc

    batch: list[Item] = []

    def flush() -> Iterator[Outcome]:
        docs = [it for it in batch if it.error is None]
        try:
            done = {
                id(it): record_from_doc(doc, id=it.id).to_dict()
                for it, doc in zip(docs, nlp.pipe((it.text for it in docs)), strict=True)
            }
        except Exception:  # noqa: BLE001 - isolate the failing document below
            done = {}
            for it in docs:
                try:
                    done[id(it)] = record_from_doc(nlp(it.text), id=it.id).to_dict()
                except Exception as exc:  # noqa: BLE001 - reported per document
                    done[id(it)] = exc
        for it in batch:
            if it.error is not None:
                yield Outcome(it, error=it.error)
            elif isinstance(done[id(it)], Exception):
                exc = done[id(it)]
                yield Outcome(it, error=f"{type(exc).__name__}: {exc}")
            else:
                yield Outcome(it, record=done[id(it)])
        batch.clear()

    for item in items:
        if item.text is not None and item.id is None:
            item = Item(item.where, item.where, text=item.text)
        batch.append(item)
        if len(batch) >= batch_size:
            yield from flush()
    yield from flush()
