"""Fixtures for the page: an app on the session's pipeline, that app served on a
free localhost port, and Debian's Chromium driven by Playwright.

Playwright cannot download its own browsers here, so the tests launch the system
Chromium. Without it they fail, saying how to install it: the browser tests are
part of CI, not optional extras.
"""

from __future__ import annotations

import json
import os
import threading
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from whosaid.api import create_app
from whosaid.api.settings import (
    API_KEY,
    ENV_CONFIG,
    MAX_DOCUMENT_BYTES,
    PIPELINE,
    TIME_LIMIT,
)

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("WHOSAID_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Small enough that the error test can go over it cheaply, large enough for seeds.
PAGE_MAX_DOCUMENT_BYTES = 50_000
# An upper bound for the page to finish what it was asked to do, not a wait.
EXPECT_TIMEOUT_MS = 60_000
# The key of the app behind a key (an invented one, for the tests only).
PAGE_KEY = "page-test-key-4f9a1c2e7b"


@pytest.fixture(scope="session")
def web_app(nlp) -> Flask:
    """The app, on the session's pipeline, whatever ``WHOSAID_CONFIG`` says."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv(ENV_CONFIG, raising=False)
        # The session's pipeline in this process: no extraction process, so no
        # time limit (the API tests cover the limit).
        return create_app(
            {
                PIPELINE: lambda: nlp,
                MAX_DOCUMENT_BYTES: PAGE_MAX_DOCUMENT_BYTES,
                TIME_LIMIT: None,
            }
        )


@pytest.fixture(scope="session")
def keyed_app(nlp) -> Flask:
    """The same app with an API key, as a school or a newsroom deploys it."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv(ENV_CONFIG, raising=False)
        return create_app({PIPELINE: lambda: nlp, TIME_LIMIT: None, API_KEY: PAGE_KEY})


@pytest.fixture(scope="session")
def web_client(web_app) -> FlaskClient:
    return web_app.test_client()


def _served(app: Flask) -> Iterator[str]:
    """``app`` served by Werkzeug in a background thread: ``http://127.0.0.1:N``."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()


@pytest.fixture(scope="session")
def live_url(web_app) -> Iterator[str]:
    yield from _served(web_app)


@pytest.fixture(scope="session")
def keyed_url(keyed_app) -> Iterator[str]:
    yield from _served(keyed_app)


@pytest.fixture(scope="session")
def api(live_url) -> Callable[[str, str | None], dict[str, Any]]:
    """``api(text, id)``: the record the live service answers, in UTF-16 offsets,
    as the page asks for it."""

    def _call(text: str, id: str | None = None) -> dict[str, Any]:
        body = {"text": text, "id": id, "options": {"offsets": "utf16"}}
        request = urllib.request.Request(
            f"{live_url}/v1/attributions",
            data=json.dumps(body).encode("utf-8"),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request) as response:
            return json.load(response)

    return _call


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless. Playwright gives each launch a fresh
    temporary profile (user-data-dir) and deletes it on close."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is not at {CHROMIUM}: the page's browser tests need it. "
            "Install it with `apt-get install -y --no-install-recommends chromium` "
            "(.ci/run does), or point WHOSAID_CHROMIUM at a Chromium binary.",
            pytrace=False,
        )
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        pytest.fail(
            "Playwright is missing: pip install '.[test]' installs it.", pytrace=False
        )
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def _page(browser, url: str) -> Iterator[Any]:
    """A fresh page on ``url``; fails the test on any uncaught script error."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(f"{url}/")
    yield tab
    context.close()
    assert not errors, errors


@pytest.fixture
def page(browser, live_url) -> Iterator[Any]:
    """A fresh page on the app's ``/``."""
    yield from _page(browser, live_url)


@pytest.fixture
def keyed_page(browser, keyed_url) -> Iterator[Any]:
    """A fresh page on the ``/`` of the app behind an API key."""
    yield from _page(browser, keyed_url)
