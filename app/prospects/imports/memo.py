"""What a job's dry-run learnt about its identifiers, kept in this worker for the job's commit.

The commit re-reads the file and must normalise every phone number, e-mail address and
SIRET/SIREN again through ``validation.py`` (phonenumbers, email-validator, python-stdnum):
about half of its CPU time. When the commit runs in the worker process that ran the
dry-run, it finds those results here instead.

This is only a cache: the values are the functions' own results for the same text, so a
commit in another worker (or after a restart) recomputes them and writes the same rows.
It is bounded — the memos of the last ``MAX_JOBS`` jobs, ``MAX_ENTRIES`` values each — and
a memo is dropped when its job is committed, cancelled or failed, or after ``MAX_AGE``.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any

MAX_JOBS = 2
MAX_ENTRIES = 300_000
MAX_AGE_SECONDS = 3600.0

# (field, cell text) → (True, value) or (False, French reason)
Memo = dict[tuple[str, str], tuple[bool, Any]]

# job id → (registered at, phone region the values were computed for, memo)
_memos: OrderedDict[int, tuple[float, str, Memo]] = OrderedDict()
_lock = threading.Lock()


def _expire(now: float) -> None:
    for job_id in [j for j, (at, _, _) in _memos.items() if now - at > MAX_AGE_SECONDS]:
        del _memos[job_id]
    while len(_memos) > MAX_JOBS:
        _memos.popitem(last=False)


def start(job_id: int, region: str) -> Memo:
    """A new, registered memo for ``job_id``'s dry-run."""
    memo: Memo = {}
    now = time.monotonic()
    with _lock:
        _memos[job_id] = (now, region, memo)
        _expire(now)
    return memo


def take(job_id: int, region: str) -> Memo:
    """The dry-run's memo for the commit (unregistered: it ends with the commit), or an
    empty one when this worker did not run the dry-run (or for another phone region)."""
    with _lock:
        _expire(time.monotonic())
        found = _memos.pop(job_id, None)
    return found[2] if found is not None and found[1] == region else {}


def drop(job_id: int) -> None:
    with _lock:
        _memos.pop(job_id, None)


def clear() -> None:
    with _lock:
        _memos.clear()
