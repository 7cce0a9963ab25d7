"""Batch runs for ``whosaid extract`` and ``whosaid mix``: many documents from
folders, JSONL (plain or gzip) and CSV, to JSONL or CSV, resumable, on local
processes or a Dask cluster.

- ``readers``: inputs → ``Item``s with unique ids;
- ``writers``: records → JSONL or CSV, ``OUT.part`` → ``OUT``, ``--resume``, the
  errors file;
- ``runners``: the engine over chunks in this process or a process pool, in
  input order, with a progress bar;
- ``cluster``: the same on Dask (optional ``batch`` extra);
- ``report``: the source mix of a batch as a table, a CSV and a chart.
"""

from __future__ import annotations

from whosaid.batch.readers import Inputs, Item, read_inputs
from whosaid.batch.runners import (
    InProcess,
    Outcome,
    ProcessPool,
    RunStopped,
    Summary,
    process,
    run,
)
from whosaid.batch.writers import FORMATS, ErrorLog, Output, ResumeError

__all__ = [
    "FORMATS",
    "ErrorLog",
    "InProcess",
    "Inputs",
    "Item",
    "Outcome",
    "Output",
    "ProcessPool",
    "ResumeError",
    "RunStopped",
    "Summary",
    "process",
    "read_inputs",
    "run",
]
