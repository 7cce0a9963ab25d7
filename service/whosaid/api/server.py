"""Running the app under gunicorn, for ``whosaid serve``.

Each worker calls ``create_app`` after the fork (``preload_app`` off), so each
builds its own pipeline once and none shares spaCy state across processes.
Workers are threaded (``gthread``): the worker's main loop keeps beating while a
long batch streams, so gunicorn does not kill it, and a health check is answered
while a document is being processed (the engine lets one document through the
pipeline at a time).

Other gunicorn settings can be given, as usual, in ``GUNICORN_CMD_ARGS``; the
host, port and number of workers come from ``whosaid serve``.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

WORKER_CLASS = "gthread"
THREADS = 4
LOG_FORMAT = "%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s"


def bind_address(host: str, port: int) -> str:
    """gunicorn's ``bind`` for ``host`` and ``port``; IPv6 hosts go in brackets."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"{host}:{port}"


class Server(BaseApplication):
    """gunicorn, configured in code and loading the whosaid app factory."""

    def __init__(self, *, host: str, port: int, workers: int) -> None:
        self.defaults: dict[str, Any] = {
            "worker_class": WORKER_CLASS,
            "threads": THREADS,
            "proc_name": "whosaid",
        }
        self.required: dict[str, Any] = {
            "bind": [bind_address(host, port)],
            "workers": workers,
            # Off: a pipeline built before the fork would be shared by every
            # worker; each worker builds its own instead.
            "preload_app": False,
        }
        super().__init__(prog="whosaid serve")

    def load_config(self) -> None:
        for key, value in self.defaults.items():
            self.cfg.set(key, value)
        from_env = self.cfg.parser().parse_args(self.cfg.get_cmd_args_from_env())
        for key, value in vars(from_env).items():
            if value is not None and key != "args":
                self.cfg.set(key.lower(), value)
        for key, value in self.required.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        from whosaid.api import create_app

        return create_app()


def check_settings() -> None:
    """Read and check the configuration as each worker will (``ValueError`` or
    ``OSError`` saying what is wrong), so that ``whosaid serve`` refuses a bad
    setting in one line before any worker starts: a worker's ``create_app``
    failing instead prints a traceback per worker, then gunicorn's "Worker failed
    to boot", which buries the reason."""
    from whosaid.api import settings
    from whosaid.api.app import IMPORT_NAME

    settings.configure(Flask(IMPORT_NAME, static_folder=None))


def serve(*, host: str, port: int, workers: int) -> None:
    """Serve until stopped; logs go to standard error at INFO."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)
    Server(host=host, port=port, workers=workers).run()
