"""How a route declares the competences it exercises: one declarative call per route.

    @router.post("", status_code=201, **exercises("CP3", criteria=["CP3.7"]))

The codes land in the OpenAPI document as ``x-competences`` / ``x-criteria`` and as tags,
and the evidence journal reads them back from the matched route at commit time. Unknown
codes fail at import time, so a typo cannot ship. Declared criteria bring their twins
(``Catalogue.twins``: CP2.7 brings CT4.6) and their competences.

Which writes become evidence (the rule, ``app/competences/README.md``): reads and deletions
never; a POST, PUT or PATCH when it created a record or changed one in the fields that show
the competence (``fields=``), once per thing shown. ``evidence=False`` opts a write out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from fastapi.routing import APIRoute

from app.competences.catalogue import get_catalogue

X_COMPETENCES = "x-competences"
X_CRITERIA = "x-criteria"
X_EVIDENCE = "x-evidence"
X_EVIDENCE_FIELDS = "x-evidence-fields"
# The methods whose success may become evidence (GET reads; DELETE removes, shows nothing).
EVIDENCE_METHODS = frozenset({"POST", "PUT", "PATCH"})


def _checked(codes: Iterable[str]) -> list[str]:
    catalogue = get_catalogue()
    codes = list(codes)
    unknown = [c for c in codes if c not in catalogue.codes and catalogue.criterion(c) is None]
    if unknown:
        raise ValueError(f"unknown competence or criterion codes: {unknown}")
    return codes


def exercises(
    *codes: str,
    criteria: Iterable[str] = (),
    evidence: bool = True,
    fields: Mapping[str, Iterable[str]] | None = None,
) -> dict[str, Any]:
    """Keyword arguments for a route decorator declaring competence and criterion codes.

    ``evidence=False``: a write that computes without showing anything new (planning a tour
    to look at it, a dry run) exercises the competence but is not an action for the journal.
    ``fields``: for an update, the columns whose change shows the competence, each with the
    criteria it shows beyond the route's (a PATCH changing none of them records nothing).
    Without ``fields``, any change of the record's own columns counts."""
    catalogue = get_catalogue()
    if not codes:
        raise ValueError("a route must declare at least one competence code")
    unknown = [c for c in codes if c not in catalogue.codes]
    crits = _checked(criteria)
    unknown += [c for c in crits if catalogue.criterion(c) is None]
    if unknown:
        raise ValueError(f"unknown competence or criterion codes: {unknown}")
    credited = catalogue.credited([*codes, *crits])
    extra: dict[str, Any] = {
        # A criterion implies its competence (and its twin): declare them all so the
        # journal counts them all.
        X_COMPETENCES: [c for c in credited if "." not in c],
        X_CRITERIA: [c for c in credited if "." in c],
    }
    if not evidence:
        extra[X_EVIDENCE] = False
    if fields is not None:
        extra[X_EVIDENCE_FIELDS] = {
            name: [c for c in catalogue.credited(_checked(shown)) if c not in credited]
            for name, shown in fields.items()
        }
    return {"openapi_extra": extra, "tags": extra[X_COMPETENCES]}


def records_evidence(route: Any, method: str | None = None) -> bool:
    """False for reads, deletions and routes declared with ``exercises(..., evidence=False)``
    (and for routes that declare no competence)."""
    if method is not None and method.upper() not in EVIDENCE_METHODS:
        return False
    extra = getattr(route, "openapi_extra", None) or {}
    return X_COMPETENCES in extra and bool(extra.get(X_EVIDENCE, True))


def evidence_fields(route: Any) -> dict[str, list[str]] | None:
    """The fields whose change shows the route's competence (None: any field)."""
    extra = getattr(route, "openapi_extra", None) or {}
    found = extra.get(X_EVIDENCE_FIELDS)
    return {k: list(v) for k, v in found.items()} if found is not None else None


def route_codes(route: Any) -> tuple[list[str], list[str]]:
    """The (competences, criteria) a matched route declares; empty for undeclared routes."""
    if not isinstance(route, APIRoute) or not route.openapi_extra:
        return [], []
    extra = route.openapi_extra
    return list(extra.get(X_COMPETENCES, [])), list(extra.get(X_CRITERIA, []))
