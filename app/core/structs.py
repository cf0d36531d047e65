"""Answers of thousands of records, as msgspec Structs.

Most answers are pydantic models (``response_model``), validated and serialised by FastAPI.
An answer that carries thousands of records built by the application itself (the agenda: up
to 5,000 items in one answer, p95 ≤ 50 ms) has nothing to validate and pays per record for
the model: such records are ``msgspec.Struct`` types, created in C from positional
arguments and encoded in one pass (``respond``), about five times faster than a dataclass
through pydantic on these machines.

Their schema is in the OpenAPI document all the same: a route declares
``responses=structs.documented(TheStruct, "…")`` instead of a ``response_model``, and the
document's post-processing (``app.core.openapi``) adds the Structs' JSON Schemas
(``msgspec.json.schema_components``) to its components. Fields without a value
(``omit_defaults``: a ``None`` default) are left out of the JSON, as ``exclude_none`` does.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import msgspec
from fastapi import Response

_ENCODER = msgspec.json.Encoder()
_DOCUMENTED: dict[str, type[msgspec.Struct]] = {}


def documented(struct: type[msgspec.Struct], description: str) -> dict[int | str, Any]:
    """The ``responses`` of an operation answering ``struct`` (200, JSON): its schema is
    added to the OpenAPI document's components under the Struct's name."""
    known = _DOCUMENTED.get(struct.__name__)
    if known is not None and known is not struct:
        raise ValueError(f"two answer Structs named {struct.__name__!r}")
    _DOCUMENTED[struct.__name__] = struct
    schema = {"$ref": f"#/components/schemas/{struct.__name__}"}
    return {200: {"description": description, "content": {"application/json": {"schema": schema}}}}


def components() -> dict[str, Any]:
    """The JSON Schemas of every documented Struct and of the Structs they hold."""
    if not _DOCUMENTED:
        return {}
    _, found = msgspec.json.schema_components(
        list(_DOCUMENTED.values()), ref_template="#/components/schemas/{name}"
    )
    return found


def respond(value: Any, status_code: int = 200) -> Response:
    """``value`` (Structs, or plain lists and dicts of str, int, Decimal, date, datetime,
    enums: the rows a service built in the answer's shape) encoded as the JSON answer."""
    return Response(_ENCODER.encode(value), status_code=status_code, media_type="application/json")


_pause_lock = threading.Lock()
_pauses = 0
_resume = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Build a large answer without the cyclic garbage collector running meanwhile.

    An answer of thousands of records allocates tens of thousands of objects, none of them
    in a reference cycle (rows, items, their details): reference counting frees them all.
    Yet every 700 allocations the collector scans the young objects, and every hundred
    such scans the whole heap: a fifth of the agenda's 5,000 items went there. The
    collector is disabled while at least one request builds such an answer (a count, as
    requests run on several threads) and enabled again after the last one, unless it was
    disabled before the first (tests, ``gc.disable`` by an operator)."""
    global _pauses, _resume
    with _pause_lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()
