"""The application factory."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, request

from whosaid.api import (
    access,
    attributions,
    bodies,
    extension,
    health,
    requestid,
    settings,
    sources,
    version,
)
from whosaid.api.problems import ProblemApi
from whosaid.web import init_app as init_web

IMPORT_NAME = "whosaid.api"


class WhosaidFlask(Flask):
    """Flask, logging an unhandled error under the request id the client gets."""

    def log_exception(self, exc_info: Any) -> None:
        self.logger.error(
            "%s %s %s: unhandled error",
            requestid.current(),
            request.method,
            request.path,
            exc_info=exc_info,
        )


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """A whosaid REST app with its pipeline, built once per call (one per worker).

    ``config`` is the last of the configuration layers of ``whosaid.api.settings``.
    """
    # No static folder of its own: /static/ belongs to the page (whosaid.web).
    app = WhosaidFlask(IMPORT_NAME, static_folder=None)
    settings.configure(app, config)
    # Records keep the field order of their schema, and text stays readable.
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    requestid.init_app(app)
    bodies.init_app(app)
    api = ProblemApi(app)
    for module in (attributions, sources, health, version):
        api.register_blueprint(module.blp)
    # The page for classes: a plain blueprint, so it stays out of the spec.
    init_web(app)
    access.init_app(app, api)
    extension.init_app(app)
    return app
