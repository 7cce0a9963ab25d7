"""The source mix of a batch, for ``whosaid mix RESULTS.jsonl``.

Who gets quoted across many documents: sources and quotes by identification
(named, partially named, anonymous), by entity type (person, organization,
group), by role (politician, official, expert …) and, for persons, by gender as
the articles give it; how many documents have each, and the most-quoted sources
with their role, gender and key terms. As a table for the terminal, a tidy CSV
for spreadsheets, a PNG chart, and the table of batch-level sources. All of them
count the sources of ``whosaid.merge``: one person or body across the documents,
not one per document.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import tempfile
import textwrap
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whosaid.merge import BatchSource, merge_sources, merged_mix
from whosaid.mix import merge_mixes
from whosaid.records import ENTITY_TYPES, IDENTIFICATIONS, SourceMix
from whosaid.vocabulary import GENDER_LABELS, GENDERS, ROLE_LABELS, ROLES

TOP = 10
CSV_COLUMNS = (
    "table",
    "category",
    "sources",
    "quotes",
    "documents",
    "identification",
    "entity_type",
    "role",
    "gender",
    "key_terms",
)
# Key terms a batch-level source keeps, merged from its documents' sources.
LABELS = {
    "named": "named",
    "partially_named": "partially named",
    "anonymous": "anonymous",
    "person": "person",
    "organization": "organization",
    "group": "group",
}
# One colour per identification, in the table's order; colour-blind safe (Okabe-Ito).
COLOURS = {"named": "#0072B2", "partially_named": "#E69F00", "anonymous": "#CC79A7"}
SOURCES_COLOUR, QUOTES_COLOUR = "#BBBBBB", "#555555"
BAR = 0.7  # bar thickness, in rows
LABEL_WIDTH = 28  # characters per line of a source's name on the chart
PNG_SIZE = (11, 10)  # inches
PNG_DPI = 110


class ReportError(Exception):
    """A results file that is not whosaid's JSONL output."""


@dataclass
class BatchMix:
    """The mix of a batch, counted on its batch-level sources (``whosaid.merge``),
    and what only the batch can tell (documents per class, the most-quoted
    sources)."""

    documents: int
    mix: SourceMix
    documents_by_identification: dict[str, int]
    documents_by_entity_type: dict[str, int]
    documents_unattributed: int
    document_sources: int = 0  # sources as the records count them, one per record
    sources: list[BatchSource] = field(default_factory=list)
    top: list[BatchSource] = field(default_factory=list)
    documents_by_role: dict[str, int] = field(default_factory=dict)
    documents_by_gender: dict[str, int] = field(default_factory=dict)


def read_results(paths: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Records from ``whosaid extract`` JSONL outputs (plain or ``.gz``). Each
    must have an id of its own: the batch-level sources name their members by it.
    """
    seen: dict[str, str] = {}
    for name in paths:
        opener = gzip.open if name.endswith(".gz") else open
        try:
            with opener(name, "rt", encoding="utf-8") as fh:
                for number, line in enumerate(fh, start=1):
                    if line.strip():
                        where = f"{name}:{number}"
                        record = _record(line, where)
                        doc_id = record.get("id")
                        if not isinstance(doc_id, str) or not doc_id:
                            raise ReportError(f"{where}: a record without an id")
                        if doc_id in seen:
                            raise ReportError(
                                f"{where}: duplicate id {doc_id!r} (first at "
                                f"{seen[doc_id]}): give each run's output once"
                            )
                        seen[doc_id] = where
                        yield record
        except (OSError, UnicodeDecodeError, EOFError) as exc:
            raise ReportError(
                f"{name}: {getattr(exc, 'strerror', None) or exc}"
            ) from exc


def _record(line: str, where: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ReportError(f"{where}: not JSON ({exc.msg})") from exc
    if not isinstance(record, dict) or not {"sources", "source_mix"} <= record.keys():
        raise ReportError(
            f"{where}: not a whosaid record (give the JSONL of whosaid extract)"
        )
    return record


def batch_mix(records: Iterable[dict[str, Any]], top: int = TOP) -> BatchMix:
    """The mix of many records, as read back from JSONL.

    Only the records' sources are kept, without their quotes, so that memory
    grows with the number of sources, not with the text of the batch.
    """
    mixes: list[dict[str, Any]] = []
    docs_ident: Counter = Counter()
    docs_type: Counter = Counter()
    unattributed = 0
    kept: list[dict[str, Any]] = []
    docs_role: Counter = Counter()
    docs_gender: Counter = Counter()
    for record in records:
        mixes.append(record["source_mix"])
        sources = record["sources"]
        docs_ident.update({s["identification"] for s in sources})
        docs_type.update({s["entity_type"] for s in sources})
        docs_role.update({s.get("role") or "unknown" for s in sources})
        docs_gender.update(
            {
                s.get("gender") or "unknown"
                for s in sources
                if s["entity_type"] == "person"
            }
        )
        unattributed += bool(record["source_mix"].get("unattributed_quotes"))
        kept.append({"id": record.get("id"), "sources": sources})
    try:
        merged = merge_sources(kept)
    except ValueError as exc:
        raise ReportError(str(exc)) from exc
    totals = merge_mixes(mixes)
    return BatchMix(
        documents=len(mixes),
        mix=merged_mix(merged, totals.quotes, totals.unattributed_quotes),
        documents_by_identification={k: docs_ident[k] for k in IDENTIFICATIONS},
        documents_by_entity_type={k: docs_type[k] for k in ENTITY_TYPES},
        documents_unattributed=unattributed,
        document_sources=totals.sources,
        sources=merged,
        top=[s for s in merged if s.name and s.quotes][:top],
        documents_by_role={k: docs_role[k] for k in ROLES},
        documents_by_gender={k: docs_gender[k] for k in GENDERS},
    )


def table(bm: BatchMix) -> str:
    """The mix as a plain-text table: counts, shares, and documents with any."""
    mix = bm.mix
    attributed = mix.quotes - mix.unattributed_quotes
    lines = [
        f"Source mix of {bm.documents} documents: {mix.sources} sources, "
        f"{mix.quotes} quotes ({mix.unattributed_quotes} without a speaker)",
        "",
    ]
    head = "{:<18}{:>9}{:>8}{:>9}{:>8}{:>11}"
    persons = mix.sources_by_entity_type.get("person", 0)
    person_quotes = mix.quotes_by_entity_type.get("person", 0)
    for title, keys, labels, by_src, by_quote, docs, of_sources, of_quotes in (
        (
            "identification",
            IDENTIFICATIONS,
            LABELS,
            mix.sources_by_identification,
            mix.quotes_by_identification,
            bm.documents_by_identification,
            mix.sources,
            attributed,
        ),
        (
            "entity type",
            ENTITY_TYPES,
            LABELS,
            mix.sources_by_entity_type,
            mix.quotes_by_entity_type,
            bm.documents_by_entity_type,
            mix.sources,
            attributed,
        ),
        (
            "role",
            ROLES,
            ROLE_LABELS,
            mix.sources_by_role,
            mix.quotes_by_role,
            bm.documents_by_role,
            mix.sources,
            attributed,
        ),
        (
            "gender (persons)",
            GENDERS,
            GENDER_LABELS,
            mix.sources_by_gender,
            mix.quotes_by_gender,
            bm.documents_by_gender,
            persons,
            person_quotes,
        ),
    ):
        lines.append(head.format(title, "sources", "%", "quotes", "%", "documents"))
        for key in keys:
            lines.append(
                head.format(
                    labels[key],
                    by_src.get(key, 0),
                    _share(by_src.get(key, 0), of_sources),
                    by_quote.get(key, 0),
                    _share(by_quote.get(key, 0), of_quotes),
                    docs.get(key, 0),
                )
            )
        lines.append("")
    lines.append(
        "Shares of sources are of all sources; shares of quotes, of quotes with a "
        "speaker; the shares by gender are of person sources and their quotes, as "
        "the articles themselves give gender (pronouns, honorifics, gendered nouns)."
    )
    lines.append(
        "Sources are counted across the batch: one person or body quoted in several"
    )
    lines.append(
        f"documents is one source ({bm.document_sources} as each document counts them)."
    )
    if bm.top:
        lines += ["", "most-quoted sources"]
        width = max(20, *(len(t.name) for t in bm.top)) + 2
        row = f"{{:<{width}}}{{:>7}}{{:>11}}  {{:<17}}{{:<14}}{{:<14}}{{:<9}}{{}}"
        lines.append(
            row.format(
                "",
                "quotes",
                "documents",
                "identification",
                "type",
                "role",
                "gender",
                "key terms",
            )
        )
        for t in bm.top:
            lines.append(
                row.format(
                    t.name,
                    t.quotes,
                    t.documents,
                    LABELS[t.identification],
                    LABELS[t.entity_type],
                    t.role,
                    t.gender or "-",
                    ", ".join(t.key_terms),
                ).rstrip()
            )
    return "\n".join(lines) + "\n"


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}" if whole else "-"


def csv_rows(bm: BatchMix) -> list[list[Any]]:
    """A tidy table: one row per count, named by ``table`` and ``category``."""
    mix = bm.mix
    rows: list[list[Any]] = [["all", "all", mix.sources, mix.quotes, bm.documents]]
    for key in IDENTIFICATIONS:
        rows.append(
            [
                "identification",
                key,
                mix.sources_by_identification.get(key, 0),
                mix.quotes_by_identification.get(key, 0),
                bm.documents_by_identification.get(key, 0),
            ]
        )
    for key in ENTITY_TYPES:
        rows.append(
            [
                "entity_type",
                key,
                mix.sources_by_entity_type.get(key, 0),
                mix.quotes_by_entity_type.get(key, 0),
                bm.documents_by_entity_type.get(key, 0),
            ]
        )
    for key in ROLES:
        rows.append(
            [
                "role",
                key,
                mix.sources_by_role.get(key, 0),
                mix.quotes_by_role.get(key, 0),
                bm.documents_by_role.get(key, 0),
            ]
        )
    for key in GENDERS:
        rows.append(
            [
                "gender",
                key,
                mix.sources_by_gender.get(key, 0),
                mix.quotes_by_gender.get(key, 0),
                bm.documents_by_gender.get(key, 0),
            ]
        )
    rows.append(
        [
            "unattributed",
            "all",
            None,
            mix.unattributed_quotes,
            bm.documents_unattributed,
        ]
    )
    for t in bm.top:
        rows.append(
            [
                "top_source",
                t.name,
                None,
                t.quotes,
                t.documents,
                t.identification,
                t.entity_type,
                t.role,
                t.gender,
                "; ".join(t.key_terms),
            ]
        )
    return [row + [None] * (len(CSV_COLUMNS) - len(row)) for row in rows]


SOURCE_COLUMNS = (
    "id",
    "name",
    "identification",
    "entity_type",
    "documents",
    "quotes",
    "descriptions",
    "members",
    "anonymity_reason",
    "role",
    "gender",
    "key_terms",
)
# Lists in a CSV cell: members as the issue asks ("doc#s1;doc#s2"); descriptions
# with a bar, since a description may itself hold a semicolon.
MEMBER_JOIN, DESCRIPTION_JOIN = ";", " | "


def write_sources(bm: BatchMix, path: str) -> None:
    """One row per batch-level source: CSV, or JSONL when ``path`` ends in
    ``.jsonl``. Written beside ``path`` and renamed, so that it appears whole."""
    from whosaid.schemas import BatchSourceSchema

    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # The schema's fields, in its order; the values are plain strings, numbers and
    # lists, so they are read off the records directly: a marshmallow dump per
    # source would take most of the time of a large batch.
    fields = list(BatchSourceSchema().dump_fields)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            if target.name.endswith(".jsonl"):
                for source in bm.sources:
                    row = {k: getattr(source, k) for k in fields}
                    fh.write(json.dumps(row, ensure_ascii=False, default=list))
                    fh.write("\n")
            else:
                writer = csv.writer(fh, lineterminator="\n")
                writer.writerow(SOURCE_COLUMNS)
                for source in bm.sources:
                    row = {k: getattr(source, k) for k in fields}
                    row["members"] = MEMBER_JOIN.join(row["members"])
                    row["descriptions"] = DESCRIPTION_JOIN.join(row["descriptions"])
                    row["key_terms"] = DESCRIPTION_JOIN.join(row["key_terms"])
                    writer.writerow([row.get(k) for k in SOURCE_COLUMNS])
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_csv(bm: BatchMix, path: str) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(csv_rows(bm))


def write_png(bm: BatchMix, path: str) -> None:
    """The mix as a chart: sources and quotes by identification and by entity
    type, and the most-quoted sources coloured by identification.

    Drawn on matplotlib's Agg canvas directly, not through pyplot: no display, no
    global figure state, nothing for a server or a worker to trip on.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    mix = bm.mix
    fig = Figure(figsize=PNG_SIZE, layout="constrained")
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(
        4, 2, width_ratios=(1, 1.25), height_ratios=(3, 3, len(ROLES), 3)
    )
    panels = (
        (
            grid[0, 0],
            "By identification",
            IDENTIFICATIONS,
            LABELS,
            mix.sources_by_identification,
            mix.quotes_by_identification,
        ),
        (
            grid[1, 0],
            "By entity type",
            ENTITY_TYPES,
            LABELS,
            mix.sources_by_entity_type,
            mix.quotes_by_entity_type,
        ),
        (
            grid[2, 0],
            "By role",
            ROLES,
            ROLE_LABELS,
            mix.sources_by_role,
            mix.quotes_by_role,
        ),
        (
            grid[3, 0],
            "Persons by gender, as the articles give it",
            GENDERS,
            GENDER_LABELS,
            mix.sources_by_gender,
            mix.quotes_by_gender,
        ),
    )
    for cell, title, keys, labels, by_src, by_quote in panels:
        ax = fig.add_subplot(cell)
        ys = range(len(keys))
        for shift, counts, colour in (
            (-BAR / 4, by_src, SOURCES_COLOUR),
            (BAR / 4, by_quote, QUOTES_COLOUR),
        ):
            bars = ax.barh(
                [y + shift for y in ys],
                [counts.get(k, 0) for k in keys],
                BAR / 2,
                color=colour,
            )
            ax.bar_label(bars, padding=2, fontsize=8)
        ax.set_yticks(list(ys), [labels[k] for k in keys])
        _style(ax, title, MaxNLocator)
    ax = fig.add_subplot(grid[:, 1])
    if bm.top:
        bars = ax.barh(
            range(len(bm.top)),
            [t.quotes for t in bm.top],
            BAR,
            color=[COLOURS[t.identification] for t in bm.top],
        )
        ax.bar_label(bars, padding=2, fontsize=8)
        labels = [textwrap.fill(t.name, LABEL_WIDTH) for t in bm.top]
        ax.set_yticks(range(len(bm.top)), labels, fontsize=9)
        ax.set_ylim(max(len(bm.top), 5) - 0.5, -0.5)
    else:
        ax.text(0.5, 0.5, "no named sources", ha="center", transform=ax.transAxes)
        ax.set_yticks([])
    ax.set_xlabel("quotes")
    _style(ax, "Most-quoted sources", MaxNLocator, flip=False)
    fig.legend(
        handles=[
            Patch(color=SOURCES_COLOUR, label="sources"),
            Patch(color=QUOTES_COLOUR, label="quotes"),
            *(
                Patch(color=COLOURS[k], label=LABELS[k])
                for k in IDENTIFICATIONS
                if any(t.identification == k for t in bm.top)
            ),
        ],
        loc="outside lower center",
        ncol=5,
        fontsize=9,
        frameon=False,
    )
    fig.suptitle(
        f"Source mix of {bm.documents} documents: {mix.sources} sources, "
        f"{mix.quotes} quotes ({mix.unattributed_quotes} without a speaker)",
        fontsize=12,
    )
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    # No "Software" stamp, so that the same mix gives the same file.
    fig.savefig(path, format="png", dpi=PNG_DPI, metadata={"Software": None})


def _style(ax, title: str, locator: type, flip: bool = True) -> None:
    if flip:
        ax.invert_yaxis()
    ax.set_title(title, loc="left", fontsize=11)
    ax.xaxis.set_major_locator(locator(integer=True))
    ax.margins(x=0.12)
    ax.spines[["top", "right"]].set_visible(False)
