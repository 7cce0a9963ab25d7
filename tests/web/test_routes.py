"""The page's routes, without a browser: ``/`` and its assets, their content
types, and that nothing on the page comes from anywhere but the app."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.api.conftest import assert_problem
from whosaid.candidates import CUE_TYPE_MEANINGS, CUE_TYPES
from whosaid.filters import default_min_confidence
from whosaid.web import HERE, INDEX, STATIC

ASSETS = sorted(
    path.relative_to(STATIC).as_posix() for path in STATIC.rglob("*") if path.is_file()
)
PAGE_FILES = [HERE / INDEX, *(STATIC / asset for asset in ASSETS)]
CONTENT_TYPES = {
    ".css": "text/css",
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
}
# The only absolute URL allowed: the SVG namespace, a name rather than a place
# (document.createElementNS needs it, and an SVG file declares it).
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# Absolute and protocol-relative URLs: "https://host/…", "//host/…".
URL = re.compile(r"(?:https?:)?//[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b[^\s\"')]*", re.I)
ATTRIBUTE_URL = re.compile(r"\b(?:src|href)=\"([^\"]*)\"")
IMPORT = re.compile(r"^import\s[^;]*?from\s+\"([^\"]+)\";", re.MULTILINE | re.DOTALL)


def test_the_page_is_served_at_the_root(web_client):
    with web_client.get("/") as response:
        assert response.status_code == 200
        assert response.mimetype == "text/html"
        assert response.mimetype_params["charset"] == "utf-8"
        html = response.get_data(as_text=True)
    for hook in ('data-testid="article-input"', 'data-testid="analyze"'):
        assert hook in html


def test_the_page_allows_only_its_own_origin(web_client):
    with web_client.get("/") as response:
        policy = response.headers["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    for name in ("script-src", "style-src", "img-src", "connect-src"):
        assert directives[name] == "'self'"


@pytest.mark.parametrize("asset", ASSETS)
def test_every_asset_is_served_with_its_content_type(web_client, asset):
    with web_client.get(f"/static/{asset}") as response:
        assert response.status_code == 200
        assert response.mimetype == CONTENT_TYPES[Path(asset).suffix]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.get_data() == (STATIC / asset).read_bytes()


def test_every_asset_the_page_names_is_served(web_client):
    """The HTML's src and href, and every ES module import, resolve to a 200."""
    html = (HERE / INDEX).read_text(encoding="utf-8")
    wanted = {u for u in ATTRIBUTE_URL.findall(html) if not u.startswith("#")}
    for module in STATIC.rglob("*.js"):
        base = "/static/" + module.relative_to(STATIC).parent.as_posix() + "/"
        for spec in IMPORT.findall(module.read_text(encoding="utf-8")):
            assert spec.startswith("./"), f"{module.name} imports {spec}"
            wanted.add(base + spec.removeprefix("./"))
    assert "/static/js/main.js" in wanted and "/static/css/page.css" in wanted
    for url in sorted(wanted):
        assert url.startswith("/static/"), url
        with web_client.get(url) as response:
            assert response.status_code == 200, url


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_no_asset_comes_from_elsewhere(path):
    text = path.read_text(encoding="utf-8")
    assert [u for u in URL.findall(text) if u != SVG_NAMESPACE] == []
    assert "@import" not in text
    assert not re.search(r"url\((?!#)", text), "only url(#pattern) references"


def test_the_page_is_not_part_of_the_api_spec(web_client):
    paths = web_client.get("/openapi.json").get_json()["paths"]
    assert all(p.startswith("/v1/") for p in paths)


@pytest.mark.parametrize(
    "path",
    [
        "/static/js/missing.js",
        "/static/page.py",
        "/static/../__init__.py",
        "/index.html",
    ],
)
def test_anything_else_is_a_404_problem(web_client, path):
    assert_problem(web_client.get(path), 404)


def test_the_page_only_answers_get(web_client):
    response = web_client.post("/", data="x")
    assert_problem(response, 405)
    assert "GET" in response.headers["Allow"]


def test_the_vocabulary_gives_the_page_its_choices(web_client):
    with web_client.get("/vocabulary.json") as response:
        assert response.status_code == 200
        data = response.get_json()
    assert [t["value"] for t in data["cue_types"]] == list(CUE_TYPES)
    assert all(t["meaning"] == CUE_TYPE_MEANINGS[t["value"]] for t in data["cue_types"])
    assert data["min_confidence"] == default_min_confidence() == 0.0
    assert 0.0 < data["recommended_min_confidence"] < 1.0


def test_the_page_takes_its_profile_categories_from_the_vocabulary(web_client):
    from whosaid.vocabulary import GENDERS, ROLES, as_javascript

    with web_client.get("/static/js/vocabulary.js") as response:
        assert response.status_code == 200
        assert response.mimetype == "text/javascript"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        body = response.get_data(as_text=True)
    assert body == as_javascript()
    assert f"export const ROLES = Object.freeze({json.dumps(list(ROLES))});" in body
    assert json.dumps(list(GENDERS)) in body
    words = (STATIC / "js" / "words.js").read_text(encoding="utf-8")
    assert 'from "./vocabulary.js"' in words
    assert not any(f'"{role}"' in words for role in ROLES if role != "unknown")
