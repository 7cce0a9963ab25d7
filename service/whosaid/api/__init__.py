"""whosaid's REST service: ``create_app`` builds the Flask app.

    flask --app whosaid.api:create_app run     # development
    whosaid serve                              # gunicorn, one pipeline per worker

The web layer sits on top of the engine's public surface (``whosaid.extract``,
``whosaid.extract_many``) and its schemas; nothing below imports from here.
"""

from __future__ import annotations

from whosaid.api.app import create_app

__all__ = ["create_app"]
