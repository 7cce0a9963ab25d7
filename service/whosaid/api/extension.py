"""The whosaid extension of the Flask app: the worker's ``Engine``.

``app.extensions["whosaid"]`` holds it; views reach it through ``ready_engine``,
which answers 503 for them while the pipeline is not ready.
"""

from __future__ import annotations

from flask import Flask, current_app

from whosaid.api import settings
from whosaid.api.engine import FAILED, READY, Busy, Engine, NotReady, TimedOut
from whosaid.api.problems import abort

EXTENSION = "whosaid"
RETRY_AFTER_SECONDS = 5
BUSY = "The engine stayed busy with other documents for the whole time limit; "
BUSY += "retry shortly."
FAILED_TO_LOAD = "The pipeline failed to load; the server log says why."


def init_app(app: Flask) -> Engine:
    """Create the engine and build its pipeline, now or in the background."""
    build = app.config[settings.PIPELINE]
    if build is None:
        from whosaid import load as build
    engine = Engine(
        build,
        batch_size=app.config[settings.BATCH_SIZE],
        time_limit=app.config[settings.TIME_LIMIT],
        recycle_after=app.config[settings.RECYCLE_AFTER],
    )
    app.extensions[EXTENSION] = engine
    if app.config[settings.LOAD_IN_BACKGROUND]:
        engine.load_in_background()
    else:
        engine.load()
    return engine


def engine() -> Engine:
    return current_app.extensions[EXTENSION]


def ready_engine() -> Engine:
    """The engine, if its pipeline is ready; otherwise the request ends in 503."""
    current = engine()
    if current.state == READY:
        return current
    if current.state == FAILED:
        abort(503, FAILED_TO_LOAD)
    abort(
        503,
        "The pipeline is still loading; retry shortly.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def over_time(limit: float | None) -> str:
    """Why a document got no record in time (504, also a batch line's detail)."""
    return (
        f"The document took longer than the time limit of {limit:g} s and was "
        "stopped; send a shorter document."
    )


def abort_for(exc: Exception, engine: Engine) -> None:
    """End the request with the problem for an engine's refusal; other errors are
    left to the caller (a 500, logged)."""
    if isinstance(exc, Busy):
        abort(503, BUSY, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
    if isinstance(exc, TimedOut):
        abort(504, over_time(engine.time_limit))
    if isinstance(exc, NotReady):
        abort(503, FAILED_TO_LOAD)
