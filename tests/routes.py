"""Enumerate the app's operations (FastAPI keeps included routers nested)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.routing import iter_route_contexts


def operations(app: FastAPI, prefixes: tuple[str, ...] = ("/",)) -> list[tuple[str, Any]]:
    """(method, route) for every HTTP operation whose path starts with one of ``prefixes``."""
    ops = []
    for route in iter_route_contexts(app.routes):
        path, methods = route.path, route.methods
        if path and methods and path.startswith(prefixes):
            ops.extend((method, route) for method in sorted(methods - {"HEAD"}))
    return ops
