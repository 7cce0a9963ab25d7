"""Pathological documents: each is answered within a bounded time, with a record
or a problem (413, 422, or 504 at the time limit), and the worker goes on serving.

The engine's own time on each is measured by ``bench/pathological.py`` (stage by
stage); these tests only need it to be bounded by the limit.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest

from tests.api.conftest import assert_problem, post_until_free
from whosaid import load
from whosaid.api.extension import EXTENSION
from whosaid.api.settings import BATCH_SIZE, PIPELINE, TIME_LIMIT

ONE = "/v1/attributions"
BATCH = "/v1/attributions/batch"
QUOTE = "“The dam will hold,” said Maria Lopez, the city engineer."
ONE_MB = 1_000_000
# Short, so that the suite stays quick; the default is 30 s.
LIMIT = 5.0
# The answer comes at the limit at the latest; this only tells "answered" from
# "hung" (plus a new extraction process's load after a kill).
ANSWERED_WITHIN = LIMIT + 60
ANSWERS = {200, 413, 422, 504}
MARKS = ['"', "“", "”", "'", "‘", "’", "«", "»", "„", "‹", "›"]


def no_sentence_break() -> str:
    """1 MB (of UTF-8) of words with no full stop and no line break."""
    words = "the council said that the budget would hold and the mayor agreed "
    return (words * (ONE_MB // len(words) + 1))[:ONE_MB]


def quote_marks() -> str:
    """10,000 quotation marks of every style, each before a word."""
    return " ".join(f"{MARKS[n % len(MARKS)]}w" for n in range(10_000))


def one_long_token() -> str:
    """One 200,000-character token."""
    return "a" * 200_000


INPUTS: dict[str, Callable[[], str]] = {
    "1 MB, no sentence break": no_sentence_break,
    "10,000 quote marks": quote_marks,
    "one 200,000-character token": one_long_token,
}


@pytest.fixture(scope="module")
def limited(make_app):
    # One document per chunk: each overruns on its own (test_isolation.py covers
    # a chunk that overruns as a whole).
    app = make_app(**{PIPELINE: load, TIME_LIMIT: LIMIT, BATCH_SIZE: 1})
    yield app.test_client()
    app.extensions[EXTENSION].close()


@pytest.mark.parametrize("name", INPUTS)
def test_a_pathological_document_is_answered_in_bounded_time(limited, name):
    text = INPUTS[name]()
    assert len(text.encode("utf-8")) <= ONE_MB
    post_until_free(limited, QUOTE)  # the engine is free: the limit is the text's
    started = time.monotonic()
    # As text/plain: the body is the text, so 1 MB of text is within the limit.
    response = limited.post(ONE, data=text.encode(), content_type="text/plain")
    took = time.monotonic() - started
    print(f"\n{name}: {response.status_code} in {took:.1f} s")
    assert took < ANSWERED_WITHIN
    assert response.status_code in ANSWERS
    if response.status_code != 200:
        assert_problem(response, response.status_code)
    after = post_until_free(limited, QUOTE)
    assert after.status_code == 200 and after.get_json()["quotes"]


def test_a_batch_of_them_answers_every_document(limited):
    docs = [{"id": name, "text": make()} for name, make in INPUTS.items()]
    docs.append({"id": "plain", "text": QUOTE})
    started = time.monotonic()
    response = limited.post(BATCH, json=docs)
    lines = [json.loads(x) for x in response.get_data().split(b"\n") if x]
    assert time.monotonic() - started < ANSWERED_WITHIN * (len(docs) + 1)
    assert [line["id"] for line in lines] == [doc["id"] for doc in docs]
    for line in lines:
        assert line.get("error", {}).get("status", 200) in ANSWERS
    assert lines[-1]["quotes"]
