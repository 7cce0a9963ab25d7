"""The processes a command leaves behind: for the tests that kill a parent
outright and check that none of its children outlives it."""

from __future__ import annotations

import time

import psutil

POLL = 0.1  # seconds


def descendants(root: int) -> list[psutil.Process]:
    """Every process under ``root`` now (psutil tells a process from a later one
    that reuses its pid)."""
    return psutil.Process(root).children(recursive=True)


def running(processes: list[psutil.Process]) -> list[psutil.Process]:
    """Those of ``processes`` still running (a zombie has ended)."""
    alive = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                alive.append(process)
        except psutil.NoSuchProcess:
            pass
    return alive


def wait_until_gone(processes: list[psutil.Process], timeout: float) -> list[str]:
    """Wait up to ``timeout`` seconds for ``processes`` to end; the command lines
    of those left, which are then killed so that a failing test leaves nothing
    behind."""
    deadline = time.monotonic() + timeout
    while (left := running(processes)) and time.monotonic() < deadline:
        time.sleep(POLL)
    described = []
    for process in left:
        try:
            described.append(f"{process.pid}: {' '.join(process.cmdline())[:200]}")
            process.kill()
        except psutil.NoSuchProcess:
            pass
    return described
