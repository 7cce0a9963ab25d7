"""The ``whosaid`` command: ``whosaid extract INPUT... [-o OUT]``.

A thin layer: it reads inputs (``whosaid.batch``), runs the engine and writes one
JSON record per line. Problems with one input are reported on standard error by
name and the rest go on; the exit code is 1 when anything failed.
"""

from __future__ import annotations

import json
import sys

import click
from tqdm import tqdm

from whosaid import __version__

EXIT_FAILED = 1


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="whosaid")
def main() -> None:
    """Find the quotations in English news, who said them, and what kind of source."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o", "--output", default=None, metavar="OUT",
    help="Write records here (JSONL) instead of standard output.",
)
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(1, 1024))
def extract(inputs: tuple[str, ...], output: str | None, batch_size: int) -> None:
    """Extract quotes from INPUT: .jsonl files of {"id", "text"}, .txt files, folders
    of .txt files, or - for standard input. One JSON record per document, in input
    order."""
    from whosaid import load
    from whosaid.batch import atomic_output, process, read_inputs

    items = list(read_inputs(inputs))
    failed = 0
    nlp = load()
    with atomic_output(output) as out, tqdm(
        total=len(items), unit="doc", file=sys.stderr, disable=len(items) <= 1,
        dynamic_ncols=True,
    ) as bar:
        for outcome in process(items, nlp, batch_size=batch_size):
            bar.update(1)
            if outcome.error is not None:
                failed += 1
                bar.write(f"whosaid: {outcome.item.where}: {outcome.error}", file=sys.stderr)
                continue
            out.write(json.dumps(outcome.record, ensure_ascii=False) + "\n")
    if failed:
        click.echo(f"whosaid: {failed} of {len(items)} inputs failed", err=True)
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
    "--workers", default=SERVE_WORKERS, show_default=True, type=click.IntRange(min=1),
    help="Worker processes; each builds its own pipeline (about 150 MB).",
)
def serve(host: str, port: int, workers: int) -> None:
    """Serve the REST API (/v1/attributions, /v1/health, /openapi.json) under
    gunicorn. More gunicorn settings can be given in GUNICORN_CMD_ARGS."""
    from whosaid.api.server import serve as run

    run(host=host, port=port, workers=workers)


if __name__ == "__main__":
    main()
