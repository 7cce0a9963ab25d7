"""An extraction process is replaced after ``WHOSAID_RECYCLE_AFTER`` documents,
by one that built its pipeline while the old one served: no request waits for a
load, and the worker's memory starts again from the model's own."""

from __future__ import annotations

import time

import psutil
import pytest

from tests.api import pipelines
from whosaid.api import create_app
from whosaid.api.extension import EXTENSION
from whosaid.api.isolation import ExtractionProcess
from whosaid.api.settings import (
    DEFAULTS,
    ENV_CONFIG,
    FROM_ENVIRONMENT,
    PIPELINE,
    RECYCLE_AFTER,
)

TEXT = "The river kept rising, the engineer said."
REPLACED_WITHIN = 120  # seconds for the next process to build a blank pipeline


def served_until_replaced(process: ExtractionProcess, first: int) -> int:
    """Documents answered until the child is no longer ``first``."""
    answered = 0
    deadline = time.monotonic() + REPLACED_WITHIN
    while process.pid == first and time.monotonic() < deadline:
        record = process.extract(TEXT, f"d{answered}", 30)
        assert record.id == f"d{answered}"
        answered += 1
        time.sleep(0.02)
    return answered


def test_a_process_is_replaced_after_its_documents():
    process = ExtractionProcess(pipelines.blank, recycle_after=3)
    process.start()
    try:
        first = process.pid
        for n in range(3):
            process.extract(TEXT, str(n), 30)
        assert process.pid == first  # the third document does not replace it yet
        served_until_replaced(process, first)
        assert process.pid != first
        assert not psutil.pid_exists(first)
        assert process.documents < 3
        assert process.extract(TEXT, "after", 30).id == "after"
    finally:
        process.close()


def test_a_replacement_that_fails_to_load_leaves_the_old_one_serving(
    tmp_path, monkeypatch
):
    flag = tmp_path / "fail"
    monkeypatch.setenv(pipelines.FAIL_FLAG, str(flag))
    process = ExtractionProcess(pipelines.fails_when_flagged, recycle_after=2)
    process.start()
    try:
        first = process.pid
        flag.touch()  # from now on, a new process cannot build its pipeline
        for n in range(2):
            process.extract(TEXT, str(n), 30)
        process.extract(TEXT, "2", 30)  # starts the replacement
        deadline = time.monotonic() + REPLACED_WITHIN
        while process._standby is not None and time.monotonic() < deadline:
            process.extract(TEXT, "again", 30)
            time.sleep(0.05)
        assert process._standby is None
        assert process.pid == first
        assert process.documents < 2  # counted again from the failure: it tries later
        assert process.extract(TEXT, "still", 30).id == "still"
    finally:
        process.close()


def test_without_recycling_a_process_serves_on():
    process = ExtractionProcess(pipelines.blank, recycle_after=None)
    process.start()
    try:
        first = process.pid
        for n in range(5):
            process.extract(TEXT, str(n), 30)
        assert process.pid == first
        assert process._standby is None
    finally:
        process.close()


def test_the_default_recycles_and_the_environment_sets_it(monkeypatch):
    assert DEFAULTS[RECYCLE_AFTER] == 10_000
    for name in (ENV_CONFIG, *FROM_ENVIRONMENT):
        monkeypatch.delenv(name, raising=False)
    for value, expected in (("500", 500), ("0", None)):
        monkeypatch.setenv(RECYCLE_AFTER, value)
        app = create_app({PIPELINE: pipelines.blank})
        try:
            assert app.config[RECYCLE_AFTER] == expected
            assert app.extensions[EXTENSION]._process.recycle_after == expected
        finally:
            app.extensions[EXTENSION].close()


@pytest.mark.parametrize("value", [-1, "10", True, 2.5])
def test_a_bad_recycling_setting_is_refused_at_startup(value):
    with pytest.raises(ValueError, match=RECYCLE_AFTER):
        create_app({PIPELINE: pipelines.blank, RECYCLE_AFTER: value})
