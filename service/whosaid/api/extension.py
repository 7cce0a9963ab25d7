"""The whosaid extension of the Flask app: the worker's ``Engine``.

``app.extensions["whosaid"]`` holds it; views reach it through ``ready_engine``,
which answers 503 for them while the pipeline is not ready.
"""

from __future__ import annotations

from flask import Flask, current_app

from whosaid.api import settings
from whosaid.api.engine import FAILED, READY, Engine
from whosaid.api.problems import abort

EXTENSION = "whosaid"
RETRY_AFTER_SECONDS = 5


def init_app(app: Flask) -> Engine:
    """Create the engine and build its pipeline, now or in the background."""
    build = app.config[settings.PIPELINE]
    if build is None:
        from whosaid import load as build
    engine = Engine(build, batch_size=app.config[settings.BATCH_SIZE])
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
        abort(503, "The pipeline failed to load; the server log says why.")
    abort(
        503,
        "The pipeline is still loading; retry shortly.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )
