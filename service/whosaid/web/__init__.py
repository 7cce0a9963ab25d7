"""The page for media-literacy classes, served by the REST app at ``/``.

A plain Flask blueprint rather than a flask-smorest one: the page and its assets
are not part of the API, so they stay out of ``openapi.yaml``. Everything the page
needs (HTML, CSS, ES modules, the icon) is served from the package itself; the
Content-Security-Policy on the page makes the browser refuse anything else.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, Response, jsonify, send_from_directory
from werkzeug.exceptions import NotFound

from whosaid.vocabulary import as_javascript

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
INDEX = "index.html"
# Set here rather than guessed: ``mimetypes`` differs between Python versions
# (``.js`` was ``application/javascript`` before 3.12) and reads
# ``/etc/mime.types``, which slim images lack. Only these kinds of file are served;
# Werkzeug adds ``charset=utf-8`` to the text types.
CONTENT_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
}
# The page talks only to its own origin; blob: is for the JSON and CSV downloads.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)

blp = Blueprint("web", __name__)


@blp.get("/")
def index() -> Response:
    """The page itself."""
    response = _send(HERE, INDEX)
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@blp.get("/vocabulary.json")
def vocabulary() -> Response:
    """The categories the page's controls offer, from the one vocabulary the API's
    schemas use too, and the default confidence threshold."""
    from whosaid.candidates import CUE_TYPE_MEANINGS, CUE_TYPES
    from whosaid.filters import default_min_confidence, recommended_min_confidence

    response = jsonify(
        cue_types=[{"value": t, "meaning": CUE_TYPE_MEANINGS[t]} for t in CUE_TYPES],
        min_confidence=default_min_confidence(),
        recommended_min_confidence=recommended_min_confidence(),
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@blp.get("/static/js/vocabulary.js")
def vocabulary_module() -> Response:
    """The profile categories (roles, genders) as an ES module, generated from
    ``whosaid.vocabulary`` so that the page cannot drift from the record."""
    response = Response(as_javascript(), mimetype=CONTENT_TYPES[".js"])
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@blp.get("/static/<path:filename>")
def static(filename: str) -> Response:
    """A stylesheet, script or icon of the page."""
    return _send(STATIC, filename)


def _send(folder: Path, filename: str) -> Response:
    """``filename`` from ``folder`` with its content type, or 404."""
    content_type = CONTENT_TYPES.get(Path(filename).suffix)
    if content_type is None:
        raise NotFound()
    response = send_from_directory(folder, filename, mimetype=content_type)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def init_app(app: Flask) -> None:
    """Serve the page from ``app``."""
    app.register_blueprint(blp)
