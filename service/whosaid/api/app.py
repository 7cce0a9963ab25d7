"""The application factory."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, request

from whosaid.api import attributions, extension, health, requestid, settings, version
from whosaid.api.problems import ProblemApi

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
    app = WhosaidFlask(IMPORT_NAME)
    settings.configure(app, config)
    # Records keep the field order of their schema, and text stays readable.
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    requestid.init_app(app)
    api = ProblemApi(app)
    for module in (attributions, health, version):
        api.register_blueprint(module.blp)
    extension.init_app(app)
    return app
