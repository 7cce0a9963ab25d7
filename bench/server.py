"""``whosaid serve`` for the benchmarks: started on a free port, waited for until
``/v1/health`` says ready, measured (RSS of its process tree), and stopped."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
WHOSAID = ROOT / ".venv" / "bin" / "whosaid"
READY_WITHIN = 180.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One ``whosaid serve`` on loopback, with the environment's defaults but
    none of the caller's WHOSAID_* settings (no key, default time limit)."""

    def __init__(self, workers: int, whosaid: Path = WHOSAID) -> None:
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("WHOSAID_")}
        self.process = subprocess.Popen(
            [
                str(whosaid),
                "serve",
                "--port",
                str(self.port),
                "--workers",
                str(workers),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.wait_ready()

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)

    def wait_ready(self) -> None:
        deadline = time.monotonic() + READY_WITHIN
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"whosaid serve exited with {self.process.returncode}"
                )
            try:
                conn = self.connection()
                conn.request("GET", "/v1/health")
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError("whosaid serve was not ready in time")

    def post(self, conn: http.client.HTTPConnection, text: str) -> dict:
        """One single-article request on a kept-alive connection."""
        body = json.dumps({"text": text}).encode("utf-8")
        conn.request(
            "POST", "/v1/attributions", body, {"Content-Type": "application/json"}
        )
        response = conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{response.status}: {data[:200]!r}")
        return json.loads(data)

    def rss(self) -> dict[str, int]:
        """RSS in bytes of each process of the server, by role."""
        root = psutil.Process(self.process.pid)
        out = {"master": root.memory_info().rss, "workers": 0, "extraction": 0}
        for child in root.children(recursive=True):
            role = "extraction" if child.ppid() != root.pid else "workers"
            out[role] += child.memory_info().rss
        return out

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
