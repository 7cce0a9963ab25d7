"""``whosaid serve``: gunicorn configured in code, app factory per worker, and the
command line that starts it."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.processes import descendants, wait_until_gone
from whosaid.api.engine import READY
from whosaid.api.extension import EXTENSION
from whosaid.api.server import THREADS, WORKER_CLASS, Server, bind_address
from whosaid.api.settings import API_KEY, ENV_CONFIG, FROM_ENVIRONMENT, TIME_LIMIT
from whosaid.cli import main

BOOT_CEILING_SECONDS = 120  # how long to wait for a worker at most; not asserted
# How long the processes of a server whose master was killed may outlive it: a
# worker sees its new parent within a second, then stops its extraction process.
ORPHAN_SECONDS = 15.0


def test_server_settings(monkeypatch):
    monkeypatch.delenv("GUNICORN_CMD_ARGS", raising=False)
    cfg = Server(host="127.0.0.1", port=8123, workers=3).cfg
    assert cfg.bind == ["127.0.0.1:8123"]
    assert cfg.workers == 3
    assert cfg.preload_app is False
    assert cfg.worker_class_str == WORKER_CLASS
    assert cfg.threads == THREADS


def test_gunicorn_cmd_args_add_settings_but_not_the_address(monkeypatch):
    monkeypatch.setenv(
        "GUNICORN_CMD_ARGS", "--timeout 90 --threads 8 --bind 0.0.0.0:1 --workers 9"
    )
    cfg = Server(host="127.0.0.1", port=8123, workers=2).cfg
    assert cfg.timeout == 90 and cfg.threads == 8
    assert cfg.bind == ["127.0.0.1:8123"] and cfg.workers == 2


@pytest.mark.parametrize(
    ("host", "bind"),
    [("0.0.0.0", "0.0.0.0:80"), ("::", "[::]:80"), ("[::1]", "[::1]:80")],
)
def test_bind_address(host, bind):
    assert bind_address(host, 80) == bind


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("GUNICORN_CMD_ARGS", ENV_CONFIG, *FROM_ENVIRONMENT):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_each_worker_loads_the_app_factory(clean_env):
    """By default a worker's pipeline lives in an extraction process of its own,
    which the time limit can stop."""
    engine = Server(host="127.0.0.1", port=8123, workers=1).load().extensions[EXTENSION]
    try:
        assert engine.state == READY and engine.isolated
        assert engine.process_id not in (None, os.getpid())
    finally:
        engine.close()


def test_without_a_time_limit_the_worker_runs_the_pipeline_itself(clean_env, nlp):
    clean_env.setenv(TIME_LIMIT, "0")
    app = Server(host="127.0.0.1", port=8123, workers=1).load()
    assert app.extensions[EXTENSION].nlp is nlp  # the process's shared pipeline


def test_serve_command_defaults_and_options(monkeypatch):
    import whosaid.api.server as server

    seen = []
    monkeypatch.setattr(server, "serve", lambda **kw: seen.append(kw))
    runner = CliRunner()
    assert runner.invoke(main, ["serve"]).exit_code == 0
    args = ["serve", "--host", "0.0.0.0", "--port", "9000", "--workers", "3"]
    assert runner.invoke(main, args).exit_code == 0
    assert seen == [
        {"host": "127.0.0.1", "port": 8000, "workers": 2},
        {"host": "0.0.0.0", "port": 9000, "workers": 3},
    ]
    assert runner.invoke(main, ["serve", "--workers", "0"]).exit_code == 2


def test_serve_help_and_readme_give_the_same_memory_per_worker():
    """One measured figure (README, REST service), not two that drift apart."""
    shown = CliRunner().invoke(main, ["serve", "--help"]).output
    figure = re.search(r"about (\d+) MB a worker", " ".join(shown.split()))
    assert figure, shown
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    assert re.findall(r"takes \*\*about (\d+) MB\*\*", readme) == [figure[1]]


def test_the_engine_and_the_cli_do_not_import_the_web_layer():
    code = (
        "import sys, whosaid, whosaid.schemas, whosaid.records, whosaid.cli; "
        "print(sorted(m for m in ('flask', 'flask_smorest', 'gunicorn') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("key", "reason"),
    [("short", "at least 16 characters"), ("", "is empty: unset it")],
    ids=["short", "empty"],
)
def test_serve_refuses_an_unusable_key_in_one_line_before_any_worker(
    tmp_path, key, reason
):
    env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp_path), API_KEY: key}
    for name in ("GUNICORN_CMD_ARGS", ENV_CONFIG):
        env.pop(name, None)
    exe = Path(sys.executable).with_name("whosaid")
    proc = subprocess.run(
        [str(exe), "serve", "--port", str(_free_port()), "--workers", "2"],
        capture_output=True,
        text=True,
        env=env,
        timeout=BOOT_CEILING_SECONDS,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    (line,) = proc.stderr.splitlines()
    assert line.startswith(f"Error: cannot serve: {API_KEY} ")
    assert reason in line
    if key:  # the key itself is never shown
        assert key not in line.removeprefix(f"Error: cannot serve: {API_KEY} ")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, dict, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.load(error)


def _healthy(port: int) -> bool:
    try:
        return _get(f"http://127.0.0.1:{port}/v1/health")[0] == 200
    except OSError:
        return False


def _a_refused_body_leaves_the_connection_usable(port: int) -> None:
    """A body refused unread (413 by Content-Length, 415) is dropped by the app:
    gunicorn drains only 64 KB before closing a connection it called keep-alive."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        for content_type, size, status in [
            ("application/json", 1_100_000, 413),
            ("application/xml", 500_000, 415),
        ]:
            body = b'{"text": "' + b"x" * size + b'"}'
            conn.request(
                "POST", "/v1/attributions", body, {"Content-Type": content_type}
            )
            response = conn.getresponse()
            response.read()
            assert response.status == status and not response.will_close
            conn.request("GET", "/v1/health")  # the same connection, reused
            reused = conn.getresponse()
            assert reused.status == 200 and json.load(reused) == {"status": "ready"}
    finally:
        conn.close()


def test_whosaid_serve_answers_over_http(tmp_path):
    """The real thing, once: gunicorn, a worker, the pipeline, a request."""
    port = _free_port()
    exe = Path(sys.executable).with_name("whosaid")
    log = (tmp_path / "serve.log").open("w+")
    # gunicorn's control socket goes to $XDG_RUNTIME_DIR: keep it out of $HOME.
    env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp_path)}
    for name in ("GUNICORN_CMD_ARGS", ENV_CONFIG, *FROM_ENVIRONMENT):
        env.pop(name, None)
    proc = subprocess.Popen(
        [str(exe), "serve", "--port", str(port), "--workers", "1"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + BOOT_CEILING_SECONDS
        while True:
            assert proc.poll() is None, "whosaid serve exited early"
            try:
                status, headers, body = _get(f"{base}/v1/health")
                if status == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "no worker came up"
            time.sleep(0.2)
        assert body == {"status": "ready"} and headers["X-Request-ID"]
        request = urllib.request.Request(
            f"{base}/v1/attributions",
            data="“Yes,” she said.".encode(),
            headers={"Content-Type": "text/plain"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert json.load(response)["quotes"][0]["text"] == "Yes,"
        status, headers, body = _get(f"{base}/nowhere")
        assert status == 404 and headers["Content-Type"] == "application/problem+json"
        _a_refused_body_leaves_the_connection_usable(port)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        log.seek(0)
        output = log.read()
        log.close()
    assert "whosaid pipeline is ready" in output


def test_a_server_killed_with_sigkill_leaves_no_process_behind(tmp_path):
    """Master killed outright: its workers, their extraction processes and
    resource trackers all end within seconds."""
    port = _free_port()
    exe = Path(sys.executable).with_name("whosaid")
    env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp_path)}
    for name in ("GUNICORN_CMD_ARGS", ENV_CONFIG, *FROM_ENVIRONMENT):
        env.pop(name, None)
    proc = subprocess.Popen(
        [str(exe), "serve", "--port", str(port), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        deadline = time.monotonic() + BOOT_CEILING_SECONDS
        # Serving, and both workers up: each has an extraction process (and a
        # resource tracker).
        while len(children := descendants(proc.pid)) < 6 or not _healthy(port):
            assert proc.poll() is None, "whosaid serve exited early"
            assert time.monotonic() < deadline, "the workers did not come up"
            time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    left = wait_until_gone(children, ORPHAN_SECONDS)
    assert not left, left
