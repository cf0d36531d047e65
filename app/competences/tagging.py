"""How a route declares the competences it exercises: one declarative call per route.

    @router.post("", status_code=201, **exercises("CP3", criteria=["CP3.7"]))

The codes land in the OpenAPI document as ``x-competences`` / ``x-criteria`` and as tags,
and the evidence journal reads them back from the matched route at commit time. Unknown
codes fail at import time, so a typo cannot ship.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi.routing import APIRoute

from app.competences.catalogue import get_catalogue

X_COMPETENCES = "x-competences"
X_CRITERIA = "x-criteria"
X_EVIDENCE = "x-evidence"


def exercises(*codes: str, criteria: Iterable[str] = (), evidence: bool = True) -> dict[str, Any]:
    """Keyword arguments for a route decorator declaring competence and criterion codes.

    ``evidence=False``: a POST that computes without recording anything (planning a tour
    to look at it) exercises the competence but is not an action for the journal."""
    catalogue = get_catalogue()
    criteria = list(criteria)
    if not codes:
        raise ValueError("a route must declare at least one competence code")
    unknown = [c for c in codes if c not in catalogue.codes]
    unknown += [c for c in criteria if catalogue.criterion(c) is None]
    if unknown:
        raise ValueError(f"unknown competence or criterion codes: {unknown}")
    # A criterion implies its competence: declare both so the journal counts both.
    all_codes = list(dict.fromkeys([*codes, *(c.split(".")[0] for c in criteria)]))
    extra: dict[str, Any] = {X_COMPETENCES: all_codes, X_CRITERIA: criteria}
    if not evidence:
        extra[X_EVIDENCE] = False
    return {"openapi_extra": extra, "tags": all_codes}


def records_evidence(route: Any) -> bool:
    """False for routes declared with ``exercises(..., evidence=False)``."""
    extra = getattr(route, "openapi_extra", None) or {}
    return bool(extra.get(X_EVIDENCE, True))


def route_codes(route: Any) -> tuple[list[str], list[str]]:
    """The (competences, criteria) a matched route declares; empty for undeclared routes."""
    if not isinstance(route, APIRoute) or not route.openapi_extra:
        return [], []
    extra = route.openapi_extra
    return list(extra.get(X_COMPETENCES, [])), list(extra.get(X_CRITERIA, []))
