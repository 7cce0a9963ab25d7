"""The ``whosaid`` command: ``whosaid extract INPUT...`` and ``whosaid mix RESULTS...``.

A thin layer over ``whosaid.batch``: options in; inputs read, run and written
there; a summary and an exit code out. Problems with one input or document are
reported on standard error by name (and in the errors file) and the rest go on.

Exit codes: 0 when everything was done; 1 when some inputs or documents failed
(the others are written); 2 for a usage error or a run that could not start or go
on (a file that cannot be resumed, no Dask scheduler, a worker process died);
130 when interrupted. After 1, 2 or 130, ``--resume`` continues.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shlex
import sys
from collections.abc import Callable
from importlib.metadata import distributions
from pathlib import Path
from urllib.parse import unquote, urlparse

import click

from whosaid import __version__
from whosaid.batch.writers import FORMATS
from whosaid.candidates import CUE_TYPES

EXIT_FAILED = 1
EXIT_STOPPED = 2
EXIT_INTERRUPTED = 130
BATCH_EXTRA = "batch"


def install_hint(extra: str) -> str:
    """The command that adds ``extra`` to this installation of whosaid.

    From a checkout, ``pip install 'whosaid[batch]'`` would fetch another copy
    from the package index (or fail): the command names the folder whosaid was
    installed from, as pip recorded it (PEP 610's ``direct_url.json``), and the
    Python of this environment, whose pip it must be.
    """
    pip = f"{shlex.quote(sys.executable)} -m pip install"
    url = ""
    # A checkout's build folder (``whosaid.egg-info``) can come first on the
    # path: the installation is the one that has the record.
    for dist in distributions(name="whosaid"):
        try:
            url = json.loads(dist.read_text("direct_url.json") or "{}").get("url", "")
        except (ValueError, AttributeError):
            continue
        if url:
            break
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return f"{pip} {shlex.quote(f'{unquote(parsed.path)}[{extra}]')}"
    return f"{pip} 'whosaid[{extra}]'"


def needs_extra(option: str, module: str) -> str:
    """One line: what ``option`` lacks, and the command that adds it."""
    return (
        f"{option} needs {module}, from whosaid's {BATCH_EXTRA!r} extra: "
        f"{install_hint(BATCH_EXTRA)}"
    )


class Stopped(click.ClickException):
    """The run could not start or go on; what was written stays for --resume."""

    exit_code = EXIT_STOPPED


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="whosaid")
def main() -> None:
    """Find the quotations in English news, who said them, and what kind of source."""


@main.command()
@click.argument("results", nargs=-1, required=True)
@click.option(
    "--png", metavar="FILE", default=None, help="Draw the mix as a PNG chart."
)
@click.option(
    "--csv", "csv_file", metavar="FILE", default=None, help="Write the mix as CSV."
)
@click.option(
    "--sources",
    "sources_file",
    metavar="FILE",
    default=None,
    help="Write one row per batch-level source: CSV, or JSONL if FILE ends in .jsonl.",
)
@click.option(
    "--top",
    default=10,
    show_default=True,
    type=click.IntRange(0, 1000),
    help="How many of the most-quoted sources to list.",
)
def mix(
    results: tuple[str, ...],
    png: str | None,
    csv_file: str | None,
    sources_file: str | None,
    top: int,
) -> None:
    """The source mix of a batch, from the JSONL output of whosaid extract: sources
    and quotes that are named, partially named or anonymous, persons,
    organizations or groups, and the most-quoted sources. Sources are merged
    across documents: one person or body is one source. A table on standard
    output; with --csv a CSV, with --png a chart, with --sources the sources."""
    from whosaid.batch.report import (
        ReportError,
        batch_mix,
        read_results,
        table,
        write_csv,
        write_sources,
    )

    # Before any output: a run that cannot do all it was asked does none of it.
    if png and importlib.util.find_spec("matplotlib") is None:
        raise click.ClickException(needs_extra("--png", "matplotlib"))
    try:
        report = batch_mix(read_results(results), top=top)
    except ReportError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(table(report), nl=False)
    try:
        if csv_file:
            write_csv(report, csv_file)
        if sources_file:
            write_sources(report, sources_file)
    except OSError as exc:
        raise click.ClickException(
            f"{exc.filename or csv_file}: {exc.strerror or exc}"
        ) from exc
    if png:
        from whosaid.batch.report import write_png

        write_png(report, png)


def _runner(workers: int | None, dask: str | None):
    """In this process, a local process pool, or Dask."""
    from whosaid.batch import InProcess, ProcessPool

    if dask:
        try:
            from whosaid.batch.cluster import DaskCluster
        except ImportError as exc:
            raise Stopped(needs_extra("--dask", "dask.distributed")) from exc
        return DaskCluster(dask, workers or os.cpu_count())
    if workers and workers > 1:
        return ProcessPool(workers)
    return InProcess()


def _cue_types(value: str | None) -> frozenset[str] | None:
    """The types of ``--cue-types``, or a usage error naming the unknown ones."""
    if value is None:
        return None
    types = frozenset(t.strip() for t in value.split(",") if t.strip())
    unknown = sorted(types - set(CUE_TYPES))
    if unknown or not types:
        raise click.BadParameter(
            f"unknown cue type {', '.join(unknown) or '(none given)'}; "
            f"choose from {', '.join(CUE_TYPES)}",
            param_hint="--cue-types",
        )
    return types


def _shaper(
    min_confidence: float | None, cue_types: frozenset[str] | None
) -> Callable[[dict], dict]:
    """The filter each record dict goes through before it is written."""
    from whosaid.filters import default_min_confidence, keep
    from whosaid.records import record_from_dict

    floor = default_min_confidence() if min_confidence is None else min_confidence

    def shape(record: dict) -> dict:
        return keep(
            record_from_dict(record), cue_types=cue_types, min_confidence=floor
        ).to_dict()

    return shape


def _resume_hint(out) -> str:
    if out.part is None or not out.part.exists():
        return ""
    return f"; the records so far are in {out.part}: run again with --resume to go on"


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    default=None,
    metavar="OUT",
    help="Write records here instead of standard output; OUT appears when the run "
    "ends, OUT.part holds the records meanwhile.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="jsonl: one record per document; csv: one row per quote with its source. "
    "Default: csv if OUT ends in .csv, else jsonl.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 512),
    default=None,
    help="Processes to run, each with its own pipeline. Default: 1; with "
    "--dask local, one per CPU.",
)
@click.option(
    "--dask",
    metavar="ADDRESS",
    default=None,
    help="Run on the Dask scheduler at ADDRESS (host:port), or on a new local "
    "cluster of --workers processes with 'local'.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Continue an interrupted run into OUT: documents already there are "
    "skipped. Needs -o, and the same inputs given the same way.",
)
@click.option(
    "--errors",
    "errors_file",
    default=None,
    metavar="FILE",
    help="Write failed documents here (JSONL: id, where, reason). "
    "Default with -o: OUT's name with .errors.jsonl.",
)
@click.option(
    "--batch-size",
    default=8,
    show_default=True,
    type=click.IntRange(1, 1024),
    help="Documents per nlp.pipe batch, and per chunk sent to a worker.",
)
@click.option(
    "--progress/--no-progress", default=True, help="The progress bar on standard error."
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    metavar="P",
    help="Keep only quotes whose confidence is at least P (0 to 1); sources left "
    "without quotes are dropped. Default: the value chosen on development data "
    "(see the README); 0 keeps every quote.",
)
@click.option(
    "--cue-types",
    default=None,
    metavar="TYPES",
    help="Keep only quotes whose cue is of these types, comma-separated: "
    + ", ".join(CUE_TYPES)
    + ". A quote with no cue counts as a statement. Default: all.",
)
def extract(
    inputs: tuple[str, ...],
    output: str | None,
    fmt: str | None,
    workers: int | None,
    dask: str | None,
    resume: bool,
    errors_file: str | None,
    batch_size: int,
    progress: bool,
    min_confidence: float | None,
    cue_types: str | None,
) -> None:
    """Extract quotes from INPUT: .txt files, folders of .txt files (searched
    recursively), .jsonl or .jsonl.gz files of {"id", "text"}, .csv files with a
    text column (and an id column), or - for standard input. Records come out in
    input order."""
    from whosaid.batch import ErrorLog, Inputs, Output, ResumeError, RunStopped, run
    from whosaid.batch.writers import errors_path_for, format_for

    shape = _shaper(min_confidence, _cue_types(cue_types))
    to_file = output not in (None, "-")
    if resume and not to_file:
        raise click.UsageError("--resume needs -o OUT: it continues the file")
    if dask and dask != "local" and workers:
        raise click.UsageError(
            "--workers is for local runs; a Dask cluster has its own"
        )
    errors_path = Path(errors_file) if errors_file else None
    if errors_path is None and to_file:
        errors_path = errors_path_for(output)
    if errors_path and to_file and errors_path.resolve() == Path(output).resolve():
        raise click.UsageError("--errors must not be the output file")

    out = Output(output, format_for(output, fmt), resume=resume)
    try:
        out.open()
    except ResumeError as exc:
        raise Stopped(f"cannot resume: {exc}") from exc
    if out.done:
        click.echo(
            f"whosaid: resuming {out.part}: {len(out.done)} documents done", err=True
        )
    if out.replaced_part:
        click.echo(
            f"whosaid: starting over {out.part} (--resume would continue it)", err=True
        )
    errors = ErrorLog(errors_path)
    try:
        with _runner(workers, dask) as runner:
            summary = run(
                Inputs(inputs),
                out,
                errors,
                runner,
                batch_size=batch_size,
                progress=progress,
                shape=shape,
            )
        out.finish()
    except RunStopped as exc:
        out.close()
        raise Stopped(f"{exc}{_resume_hint(out)}") from exc
    except KeyboardInterrupt:
        out.close()
        click.echo(f"whosaid: interrupted{_resume_hint(out)}", err=True)
        sys.exit(EXIT_INTERRUPTED)
    finally:
        out.close()
        errors.close()
    if summary.unknown:
        click.echo(
            f"whosaid: {summary.unknown} records in {output} come from no input given "
            "(--resume expects the same inputs)",
            err=True,
        )
    if summary.failed:
        where = f"; see {errors.path}" if errors.path else ""
        click.echo(
            f"whosaid: {summary.failed} of {summary.documents} inputs failed{where}",
            err=True,
        )
        sys.exit(EXIT_FAILED)


# whosaid serve: the REST service. Flask and gunicorn are imported only when it
# runs, so that ``whosaid extract`` does not load the web layer.
SERVE_HOST = "127.0.0.1"
SERVE_PORT = 8000
SERVE_WORKERS = 2


@main.command()
@click.option(
    "--host", default=SERVE_HOST, show_default=True, help="Address to listen on."
)
@click.option(
    "--port", default=SERVE_PORT, show_default=True, type=click.IntRange(1, 65535)
)
@click.option(
    "--workers",
    default=SERVE_WORKERS,
    show_default=True,
    type=click.IntRange(min=1),
    help="Worker processes; each builds its own pipeline (about 270 MB a worker).",
)
def serve(host: str, port: int, workers: int) -> None:
    """Serve the REST API (/v1/attributions, /v1/health, /openapi.json) under
    gunicorn. More gunicorn settings can be given in GUNICORN_CMD_ARGS."""
    from whosaid.api.server import check_settings
    from whosaid.api.server import serve as run

    try:
        check_settings()
    except (ValueError, OSError) as exc:
        raise Stopped(f"cannot serve: {exc}") from None
    run(host=host, port=port, workers=workers)


if __name__ == "__main__":
    main()
