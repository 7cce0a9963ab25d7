"""Loading of the engine's data assets (lexicons, patterns) from ``models/``.

Every list the rules consult lives in ``models/`` as data, so that a linguist can
review or extend it without touching code. Each asset is read once per process.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

ENV_MODELS_DIR = "WHOSAID_MODELS_DIR"


@cache
def models_dir() -> Path:
    """The folder that holds lexicons/, patterns/ and weights.

    An installed wheel carries it as ``whosaid/models``; a source checkout has it at
    the top of the repository. ``WHOSAID_MODELS_DIR`` overrides both.
    """
    override = os.environ.get(ENV_MODELS_DIR)
    if override:
        return Path(override)
    try:
        packaged = Path(str(resources.files("whosaid.models")))
        if (packaged / "lexicons").is_dir():
            return packaged
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[2] / "models"


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.strip()
            if line and not line.startswith("#"):
                yield line


@cache
def word_list(name: str) -> frozenset[str]:
    """A lexicon of one lowercase entry per line (``lexicons/<name>.txt``)."""
    return frozenset(
        line.lower() for line in _lines(models_dir() / "lexicons" / f"{name}.txt")
    )


@cache
def table(name: str) -> dict[str, tuple[str, ...]]:
    """A tab-separated lexicon: the first column keys the remaining columns."""
    out: dict[str, tuple[str, ...]] = {}
    for line in _lines(models_dir() / "lexicons" / f"{name}.tsv"):
        key, *rest = (cell.strip() for cell in line.split("\t"))
        out[key.lower()] = tuple(rest)
    return out


@cache
def pattern_file(name: str) -> Any:
    """A JSON pattern asset (``patterns/<name>.json``)."""
    with (models_dir() / "patterns" / f"{name}.json").open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def pattern_lines(name: str) -> tuple[dict[str, Any], ...]:
    """A JSONL pattern asset (``patterns/<name>.jsonl``), one pattern per line."""
    path = models_dir() / "patterns" / f"{name}.jsonl"
    return tuple(json.loads(line) for line in _lines(path))


def version() -> str:
    """The lexicon release, as written in ``models/VERSION``."""
    path = models_dir() / "VERSION"
    return path.read_text(encoding="utf-8").strip() if path.exists() else "unknown"


@dataclass(frozen=True)
class VerbEntry:
    """One verb of ``lexicons/speech_verbs.tsv``."""

    lemma: str
    cls: str  # speech | attitude | naming
    addressee: bool  # its object is the hearer ("told reporters")


@cache
def verb_forms() -> dict[str, VerbEntry]:
    """Every written form of a speech, attitude or naming verb → its entry."""
    out: dict[str, VerbEntry] = {}
    for lemma, (forms, cls, obj) in table("speech_verbs").items():
        entry = VerbEntry(lemma, cls, obj == "addressee")
        for form in forms.split():
            out.setdefault(form.lower(), entry)
    return out


@cache
def cue_noun_forms() -> frozenset[str]:
    """The cue nouns of ``lexicons/cue_nouns.txt``, singular and plural."""
    out = set()
    for noun in word_list("cue_nouns"):
        out.add(noun)
        out.add(noun + ("es" if noun.endswith(("s", "sh", "ch", "x")) else "s"))
    return frozenset(out)


@cache
def object_verbs() -> frozenset[tuple[str, str]]:
    """(lemma, preposition or "-") pairs of ``lexicons/object_verbs.tsv``."""
    out = set()
    for line in _lines(models_dir() / "lexicons" / "object_verbs.tsv"):
        lemma, prep = (cell.strip().lower() for cell in line.split("\t"))
        out.add((lemma, prep))
    return frozenset(out)
