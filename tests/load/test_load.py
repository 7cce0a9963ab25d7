"""Load: a real ``whosaid serve`` (gunicorn, two workers, each with its extraction
process) on loopback, and four clients that send 2,000 requests each, valid and
invalid mixed, over keep-alive connections.

Nothing may be lost: every request gets an answer (no dropped connection, no
timeout), none is a 5xx, each is the answer its kind of request should get, a
batch answers one line per document; and the server's memory (RSS of gunicorn,
its workers and their extraction processes, sampled throughout) stays bounded.
The figures are printed (run with -s); the bounds are generous on purpose: they
tell "bounded" from "growing" or "hung", not fast from slow.

Marked ``load``: ``python -m pytest -m load``, which CI runs after the suite.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest

pytestmark = pytest.mark.load

CLIENTS = 4
REQUESTS_PER_CLIENT = 2_000
WORKERS = 2
KEY = "load-test-key-0123456789abcdef"
BOOT_CEILING_SECONDS = 180
REQUEST_TIMEOUT_SECONDS = 120
# "Bounded, not hung": some minutes on two shared cores; this is far above.
RUN_CEILING_SECONDS = 45 * 60
# Memory during and after the run against memory once warm, all processes
# together. Generous: it fails on memory that grows with the requests (8,000 of
# them would have to leak 40 KB each), not on allocators warming up.
RSS_GROWTH_CEILING = 1.5
RSS_SAMPLE_SECONDS = 0.5
SEED = 20_240_607

NAMES = ["Maria Lopez", "the mayor", "Ahmed Khan", "a spokeswoman", "officials"]
VERBS = ["said", "told reporters", "added", "warned"]


def _word(rng: random.Random) -> str:
    """A new word now and then, as real text brings new names and numbers."""
    syllables = ["ka", "lo", "mi", "ren", "tor", "va", "zu", "bel"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


def _document(rng: random.Random) -> str:
    name = rng.choice(NAMES + [f"{_word(rng).title()} {_word(rng).title()}"])
    content = f"The {_word(rng)} plan will cost {rng.randint(2, 900)} million"
    return rng.choice(
        [
            f"“{content},” {name} {rng.choice(VERBS)}.",
            f"{name} {rng.choice(VERBS)} that {content.lower()}.",
            f"According to {name}, {content.lower()}.\n\n“We disagree,” he said.",
        ]
    )


@dataclass(frozen=True)
class Call:
    """One request and the status it must get."""

    kind: str
    method: str
    path: str
    body: bytes | None
    headers: dict[str, str]
    expected: int
    documents: int = 0  # for a batch: the lines its answer must have


def _call(rng: random.Random) -> Call:
    auth = {"Authorization": f"Bearer {KEY}"}
    as_json = {**auth, "Content-Type": "application/json"}
    doc = _document(rng)
    kind = rng.choices(
        [
            "one",
            "plain",
            "batch",
            "options",
            "health",
            "version",
            "bad-json",
            "no-text",
            "bad-type",
            "unknown-option",
            "no-key",
            "wrong-key",
            "not-found",
            "too-large",
        ],
        weights=[30, 10, 8, 5, 5, 3, 5, 5, 5, 4, 5, 4, 3, 1],
    )[0]
    if kind == "one":
        body = json.dumps({"id": "x", "text": doc}).encode()
        return Call(kind, "POST", "/v1/attributions", body, as_json, 200)
    if kind == "plain":
        headers = {**auth, "Content-Type": "text/plain; charset=utf-8"}
        return Call(kind, "POST", "/v1/attributions", doc.encode(), headers, 200)
    if kind == "batch":
        docs = [{"id": str(n), "text": _document(rng)} for n in range(3)]
        body = "\n".join(json.dumps(d) for d in docs).encode()
        headers = {**auth, "Content-Type": "application/x-ndjson"}
        return Call(kind, "POST", "/v1/attributions/batch", body, headers, 200, 3)
    if kind == "options":
        body = json.dumps({"text": doc, "options": {"offsets": "utf16"}}).encode()
        return Call(kind, "POST", "/v1/attributions?kinds=direct", body, as_json, 200)
    if kind == "health":
        return Call(kind, "GET", "/v1/health", None, {}, 200)
    if kind == "version":
        return Call(kind, "GET", "/v1/version", None, auth, 200)
    if kind == "bad-json":
        return Call(kind, "POST", "/v1/attributions", b'{"text": ', as_json, 400)
    if kind == "no-text":
        return Call(kind, "POST", "/v1/attributions", b'{"id": "x"}', as_json, 422)
    if kind == "bad-type":
        headers = {**auth, "Content-Type": "application/xml"}
        return Call(kind, "POST", "/v1/attributions", b"<text/>", headers, 415)
    if kind == "unknown-option":
        body = json.dumps({"text": doc}).encode()
        return Call(kind, "POST", "/v1/attributions?kind=x", body, as_json, 422)
    if kind == "no-key":
        headers = {"Content-Type": "application/json"}
        body = json.dumps({"text": doc}).encode()
        return Call(kind, "POST", "/v1/attributions", body, headers, 401)
    if kind == "wrong-key":
        headers = {**as_json, "Authorization": "Bearer not-the-key-0123456789"}
        return Call(kind, "GET", "/v1/version", None, headers, 401)
    if kind == "not-found":
        return Call(kind, "GET", "/v1/nowhere", None, auth, 404)
    body = b'{"text": "' + b"x" * 1_100_000 + b'"}'
    return Call(kind, "POST", "/v1/attributions", body, as_json, 413)


@dataclass
class Tally:
    """What one client saw."""

    statuses: Counter = field(default_factory=Counter)
    wrong: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    latencies: dict[str, list[float]] = field(default_factory=dict)
    reconnects: int = 0


def _client(port: int, seed: int, tally: Tally) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=REQUEST_TIMEOUT_SECONDS
    )
    for _ in range(REQUESTS_PER_CLIENT):
        call = _call(rng)
        started = time.perf_counter()
        try:
            conn.request(call.method, call.path, body=call.body, headers=call.headers)
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as exc:
            tally.dropped.append(f"{call.kind}: {exc!r}")
            conn.close()
            conn = http.client.HTTPConnection(
                "127.0.0.1", port, timeout=REQUEST_TIMEOUT_SECONDS
            )
            continue
        took = time.perf_counter() - started
        tally.latencies.setdefault(call.kind, []).append(took)
        tally.statuses[response.status] += 1
        problem = _check(call, response, data)
        if problem:
            tally.wrong.append(f"{call.kind}: {problem}")
        if response.will_close:  # the server said so: not a dropped connection
            tally.reconnects += 1
            conn.close()
            conn = http.client.HTTPConnection(
                "127.0.0.1", port, timeout=REQUEST_TIMEOUT_SECONDS
            )
    conn.close()


def _check(call: Call, response: http.client.HTTPResponse, data: bytes) -> str:
    """What is wrong with the answer, if anything."""
    if response.status != call.expected:
        return f"{response.status} instead of {call.expected}: {data[:200]!r}"
    if call.expected >= 400:
        if response.getheader("Content-Type") != "application/problem+json":
            return f"a {response.status} that is not problem+json"
        return ""
    if call.documents:
        lines = [json.loads(line) for line in data.split(b"\n") if line]
        if [line.get("id") for line in lines] != [str(n) for n in range(3)]:
            return f"batch lines {data[:200]!r}"
        if any("error" in line for line in lines):
            return f"a batch document failed: {data[:300]!r}"
    elif call.path.startswith("/v1/attributions"):
        record = json.loads(data)
        if not isinstance(record.get("quotes"), list):
            return f"not a record: {data[:200]!r}"
    return ""


class Server:
    """``whosaid serve`` in a subprocess, with its process tree's memory."""

    def __init__(self, tmp: Path) -> None:
        self.port = _free_port()
        self.log_path = tmp / "serve.log"
        env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp), "WHOSAID_API_KEY": KEY}
        for name in ("GUNICORN_CMD_ARGS", "WHOSAID_CONFIG", "WHOSAID_TIME_LIMIT"):
            env.pop(name, None)
        exe = Path(sys.executable).with_name("whosaid")
        self.log = self.log_path.open("w")
        self.proc = subprocess.Popen(
            [str(exe), "serve", "--port", str(self.port), "--workers", str(WORKERS)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
        )

    def wait_ready(self) -> None:
        """Until every worker's pipeline is ready (each logs it once)."""
        deadline = time.monotonic() + BOOT_CEILING_SECONDS
        while self.log_path.read_text().count("whosaid pipeline is ready") < WORKERS:
            assert self.proc.poll() is None, self.tail()
            assert time.monotonic() < deadline, self.tail()
            time.sleep(0.2)

    def rss(self) -> dict[str, int]:
        """Resident memory of gunicorn, its workers and their extraction
        processes, by role."""
        master = psutil.Process(self.proc.pid)
        out = {"master": master.memory_info().rss, "workers": 0, "extraction": 0}
        for child in master.children(recursive=True):
            try:
                role = "workers" if child.ppid() == master.pid else "extraction"
                out[role] += child.memory_info().rss
            except psutil.NoSuchProcess:
                continue
        out["total"] = out["master"] + out["workers"] + out["extraction"]
        return out

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()

    def tail(self) -> str:
        return self.log_path.read_text()[-3000:]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path) -> Iterator[Server]:
    server = Server(tmp_path)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def _mb(value: float) -> str:
    return f"{value / 1e6:.0f} MB"


def test_four_clients_two_thousand_requests_each(server):
    warm = Tally()  # one document per extraction process first: memory "before"
    _client_few(server.port, warm)
    before = server.rss()
    samples: list[dict[str, int]] = []
    done = threading.Event()

    def sample() -> None:
        while not done.wait(RSS_SAMPLE_SECONDS):
            samples.append(server.rss())

    tallies = [Tally() for _ in range(CLIENTS)]
    clients = [
        threading.Thread(target=_client, args=(server.port, SEED + n, tally))
        for n, tally in enumerate(tallies)
    ]
    sampler = threading.Thread(target=sample, daemon=True)
    started = time.monotonic()
    sampler.start()
    for client in clients:
        client.start()
    for client in clients:
        client.join(RUN_CEILING_SECONDS)
    took = time.monotonic() - started
    done.set()
    sampler.join()
    after = server.rss()
    assert all(not client.is_alive() for client in clients), "a client hung"

    statuses = sum((t.statuses for t in tallies), Counter())
    dropped = [d for t in tallies for d in t.dropped]
    wrong = [w for t in tallies for w in t.wrong]
    latencies: dict[str, list[float]] = {}
    for tally in tallies:
        for kind, values in tally.latencies.items():
            latencies.setdefault(kind, []).extend(values)
    peak = max((s["total"] for s in samples), default=after["total"])
    answered = sum(statuses.values())
    print(f"\nload: {answered:,} answers in {took:.0f} s ({answered / took:.0f}/s)")
    print(f"statuses: {dict(sorted(statuses.items()))}")
    print(
        f"dropped: {len(dropped)}, wrong: {len(wrong)}, reconnects: "
        f"{sum(t.reconnects for t in tallies)}"
    )
    for kind, values in sorted(latencies.items()):
        values.sort()
        p95 = values[int(len(values) * 0.95) - 1]
        print(
            f"  {kind:15} n={len(values):5} median {statistics.median(values):.3f} s"
            f"  p95 {p95:.3f} s  max {values[-1]:.3f} s"
        )
    for role in ("master", "workers", "extraction", "total"):
        print(f"RSS {role:10} before {_mb(before[role])}, after {_mb(after[role])}")
    print(f"RSS total peak {_mb(peak)} ({len(samples)} samples)")
    if samples:
        quarters = [samples[len(samples) * q // 4 - 1]["total"] for q in (1, 2, 3, 4)]
        print("RSS total at 1/4, 1/2, 3/4, end: " + ", ".join(map(_mb, quarters)))

    assert not dropped, dropped[:10]
    assert not wrong, wrong[:10]
    assert answered == CLIENTS * REQUESTS_PER_CLIENT
    assert not [s for s in statuses if s >= 500]
    assert took < RUN_CEILING_SECONDS
    assert after["total"] < before["total"] * RSS_GROWTH_CEILING
    assert peak < before["total"] * RSS_GROWTH_CEILING
    assert "Traceback" not in server.tail()


def _client_few(port: int, tally: Tally) -> None:
    """A few documents, so that both extraction processes have run the pipeline."""
    conn = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=REQUEST_TIMEOUT_SECONDS
    )
    for n in range(2 * WORKERS):
        body = json.dumps({"text": f"“Warm {n},” she said."}).encode()
        headers = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
        conn.request("POST", "/v1/attributions", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        tally.statuses[response.status] += 1
        conn.close()
        conn = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=REQUEST_TIMEOUT_SECONDS
        )
    assert tally.statuses == {200: 2 * WORKERS}
