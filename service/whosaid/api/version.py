"""``/v1/version``: what is answering, so that a record can be traced to the code,
the model and the lexicons that made it."""

from __future__ import annotations

import spacy
from flask.views import MethodView
from flask_smorest import Blueprint
from spacy.util import get_package_version

from whosaid import __version__, lexicons
from whosaid.pipeline import BASE_MODEL
from whosaid.schemas import VersionSchema

UNKNOWN = "unknown"

blp = Blueprint(
    "version",
    __name__,
    url_prefix="/v1/version",
    description="Versions of the package, spaCy, the model and the lexicons.",
)


def versions() -> dict[str, object]:
    return {
        "whosaid": __version__,
        "spacy": spacy.__version__,
        "model": {
            "name": BASE_MODEL,
            "version": get_package_version(BASE_MODEL) or UNKNOWN,
        },
        "lexicons": lexicons.version(),
    }


@blp.route("")
class Version(MethodView):
    @blp.response(200, VersionSchema)
    def get(self) -> dict[str, object]:
        """Versions of what is answering"""
        return versions()
