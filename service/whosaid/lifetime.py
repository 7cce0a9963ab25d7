"""Child processes that end with their parent, however the parent ends.

A parent killed outright (SIGKILL, the OOM killer) runs no clean-up code, so its
children cannot be told to stop: on Linux each child asks the kernel for a signal
of its own when its parent dies (``prctl(PR_SET_PDEATHSIG)``); elsewhere a thread
in the child watches for a new parent. Without this, the workers of a killed
``whosaid extract --workers N`` ran on with their pipelines (300-390 MB each),
and so did the multiprocessing resource tracker that waits for them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
# How often the fallback thread looks for a new parent.
WATCH_SECONDS = 1.0


def end_with_parent(parent: int) -> None:
    """Make this process end when ``parent`` (the pid that started it) does.

    Call it first thing in the child. The kernel's signal comes when the parent
    *thread* that started the child ends, so use it only for children started by
    a thread that lives as long as its process (a pool started by the main
    thread); ``watch_parent`` serves the others.
    """
    if not sys.platform.startswith("linux") or not _set_death_signal():
        watch_parent(parent)
    # The parent may have died before the signal was asked for: then no signal
    # will ever come, and this process already has a new parent.
    if os.getppid() != parent:
        os._exit(1)


def watch_parent(parent: int) -> None:
    """End this process (at most ``WATCH_SECONDS`` late) once ``parent`` is gone,
    from a daemon thread: for children started by short-lived threads."""
    threading.Thread(
        target=_exit_when_orphaned,
        args=(parent,),
        name="whosaid-parent-watch",
        daemon=True,
    ).start()


def _set_death_signal() -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
