"""The evidence journal: every successful write by a trainee becomes evidence, automatically.

Two pieces, no per-route code:
- a Session listener notes which rows each flush created, changed or deleted;
- a before-commit hook (installed by the app factory, run by the request's session) appends
  one ``EvidenceRecord`` for the request when the caller is a trainee, the method writes and
  the matched route declares competences (``tagging.exercises``). The resource is the first
  row the request created (else changed, else deleted); the action is the route's name.

Because the hook runs inside the request's transaction, evidence and the write it proves are
committed together or not at all.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.competences.catalogue import get_catalogue
from app.competences.tagging import records_evidence, route_codes
from app.core.db import WRITE_METHODS
from app.core.principal import Principal
from app.models import EvidenceLink, EvidenceRecord, LoginAttempt

CHANGES_KEY = "evidence_changes"
# Bookkeeping rows are never "the resource" of an action.
_IGNORED = (EvidenceRecord, EvidenceLink, LoginAttempt)
_ORDER = {"created": 0, "updated": 1, "deleted": 2}


def _identity(obj: Any) -> str | None:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return "-".join(str(part) for part in key) if all(p is not None for p in key) else None


@event.listens_for(Session, "after_flush")
def _track_changes(session: Session, _ctx: Any) -> None:
    changes: list[tuple[str, str, str | None]] = session.info.setdefault(CHANGES_KEY, [])
    for action, objects in (
        ("created", session.new),
        ("updated", [o for o in session.dirty if session.is_modified(o)]),
        ("deleted", session.deleted),
    ):
        for obj in objects:
            if not isinstance(obj, _IGNORED):
                changes.append((action, obj.__tablename__, _identity(obj)))


def _resource(session: Session, request: Request) -> tuple[str | None, str | None]:
    changes = session.info.get(CHANGES_KEY, [])
    if changes:
        _, table, ident = min(changes, key=lambda c: _ORDER[c[0]])
        return table, ident
    # Nothing written (e.g. an idempotent action): name the resource from the path.
    params = request.path_params
    if params:
        name, value = list(params.items())[-1]
        return name.removesuffix("_id"), str(value)
    return None, None


EXTRA_CODES_KEY = "evidence_extra_codes"


def note_criteria(request: Request, *codes: str) -> None:
    """Add criteria this request exercises beyond its route's declaration (from the payload:
    an appointment taken, a prospect qualified...). Codes must exist in the catalogue."""
    catalogue = get_catalogue()
    unknown = [c for c in codes if catalogue.criterion(c) is None and c not in catalogue.codes]
    if unknown:
        raise ValueError(f"unknown competence or criterion codes: {unknown}")
    extra: list[str] = getattr(request.state, EXTRA_CODES_KEY, [])
    extra.extend(codes)
    setattr(request.state, EXTRA_CODES_KEY, extra)


def record_request_evidence(session: Session, request: Request) -> None:
    """Before-commit hook: append the request's evidence record when it is due."""
    principal: Principal | None = getattr(request.state, "principal", None)
    if request.method not in WRITE_METHODS or principal is None or not principal.is_trainee:
        return
    route = request.scope.get("route")
    codes, criteria = route_codes(route)
    if not codes or not records_evidence(route):
        return
    session.flush()
    resource_type, resource_id = _resource(session, request)
    record = EvidenceRecord(
        organisation_id=principal.organisation_id,
        trainee_id=principal.user_id,
        action=getattr(route, "name", request.method.lower()),
        label=(getattr(route, "summary", None) or "")[:200],
        method=request.method,
        route=getattr(route, "path", request.url.path),
        resource_type=resource_type,
        resource_id=resource_id,
        framework_version=get_catalogue().version,
        request_id=getattr(request.state, "request_id", None),
    )
    session.add(record)
    session.flush()
    extra: list[str] = getattr(request.state, EXTRA_CODES_KEY, [])
    # A criterion counts for its competence too.
    extra += [code.split(".")[0] for code in extra]
    session.add_all(
        EvidenceLink(evidence_id=record.id, code=code)
        for code in dict.fromkeys(codes + criteria + extra)
    )
    session.flush()
