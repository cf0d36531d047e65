"""The evidence journal: a trainee's write that shows a competence becomes evidence, once.

The rule (``app/competences/README.md``), with no per-route code for the common cases:
- a listener on the application's session factory (``install``) notes which rows each flush
  created and which columns it changed;
- a before-commit hook (installed by the app factory, run by the request's session) appends
  one ``EvidenceRecord`` for the request when the caller is a trainee, the method is a POST,
  PUT or PATCH (reads and deletions never), the matched route declares competences
  (``tagging.exercises``) without ``evidence=False``, and the request showed something: it
  created a record, or changed one in the fields that show the competence (the route's
  ``fields``, else any of its own columns). A request that wrote nothing records nothing.
- A handler whose outcome decides (a refresh that succeeded, a status reached) names what
  it showed with ``about()`` and, if need be, the criteria with ``note_criteria()``.
- Each record carries a key, (action, thing shown, codes), unique per trainee in the
  database: repeating the same action on the same record adds nothing (count what was
  shown, not clicks). Codes are credited with their twins (``Catalogue.credited``).

Because the hook runs inside the request's transaction, evidence and the write it proves are
committed together or not at all; a failed request (an error answered) records nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from sqlalchemy import event, inspect
from sqlalchemy import insert as insert_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from app.competences.catalogue import get_catalogue
from app.competences.tagging import evidence_fields, records_evidence, route_codes
from app.core.events import publish
from app.core.principal import Principal
from app.models import (
    EvidenceLink,
    EvidenceRecord,
    LoginAttempt,
    PersonaMatch,
    PersonaScoring,
    PrivacyAuditEntry,
    ProspectFile,
    WebhookEventKind,
)

CHANGES_KEY = "evidence_changes"
EXTRA_CODES_KEY = "evidence_extra_codes"
ABOUT_KEY = "evidence_about"
DEFERRED_KEY = "evidence_deferred"
# Bookkeeping and derived rows are never "the resource" of an action.
_IGNORED = (
    EvidenceRecord,
    EvidenceLink,
    LoginAttempt,
    PrivacyAuditEntry,
    PersonaMatch,
    PersonaScoring,
    ProspectFile,
)
# Columns that change with every write (or are derived): changing only them shows nothing.
BOOKKEEPING_COLUMNS = frozenset(
    {"version", "created_at", "updated_at", "search_text", "geocode_precision",
     "geocode_provider", "geocoded_at"}
)  # fmt: skip
KEY_LENGTH = 255


@dataclass(frozen=True)
class Change:
    """A row a flush created (``columns`` None: all of it) or changed (those columns)."""

    table: str
    ident: str | None
    columns: frozenset[str] | None = None


@dataclass
class About:
    """What a handler says its request showed (see ``about``)."""

    resource_type: str | None
    resource_id: str | None
    once_per: str | None = None


@dataclass
class Shown:
    """What the hook decided the request showed: its resource, key and codes."""

    resource_type: str | None
    resource_id: str | None
    subject: str
    codes: list[str] = field(default_factory=list)


def _identity(obj: Any) -> str | None:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return "-".join(str(part) for part in key) if all(p is not None for p in key) else None


def _changed_columns(obj: Any) -> frozenset[str]:
    state = inspect(obj)
    return frozenset(
        attr.key
        for attr in state.attrs
        if attr.key in state.mapper.columns and attr.history.has_changes()
    )


def install(session_factory: sessionmaker[Session]) -> None:
    """Track the rows each flush of ``session_factory``'s sessions creates and changes (what
    the before-commit hook reads). Installed on the application's session factory by the
    app factory, never on every ``Session``: a script's or a job's sessions pay nothing.
    Installing twice is harmless."""
    if not event.contains(session_factory, "after_flush", _track_changes):
        event.listen(session_factory, "after_flush", _track_changes)


def _track_changes(session: Session, _ctx: Any) -> None:
    changes: list[Change] = session.info.setdefault(CHANGES_KEY, [])
    for obj in session.new:
        if not isinstance(obj, _IGNORED):
            changes.append(Change(obj.__tablename__, _identity(obj)))
    for obj in session.dirty:
        if isinstance(obj, _IGNORED) or not session.is_modified(obj):
            continue
        changed = _changed_columns(obj)
        columns = changed - BOOKKEEPING_COLUMNS
        provider = getattr(getattr(obj, "geocode_provider", None), "value", None)
        if "geocode_provider" in changed and provider not in (None, "user"):
            columns -= {"latitude", "longitude"}  # placed by the geocoder, not by the trainee
        if columns:
            changes.append(Change(obj.__tablename__, _identity(obj), columns))


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


def about(
    request: Request,
    resource_type: str | None,
    resource_id: object,
    *,
    once_per: str | None = None,
) -> None:
    """Name what this request showed, when its rows do not say it (a refresh writes in
    sessions of its own) or say too much (a status change adds a history row each time).

    ``once_per``: the occasion the evidence counts once for, instead of the resource (a
    source refreshed once per cadence period, a prospect reaching a status once)."""
    ident = None if resource_id is None else str(resource_id)
    setattr(request.state, ABOUT_KEY, About(resource_type, ident, once_per))


def _shown(session: Session, request: Request, route: Any) -> Shown | None:
    """What the request showed, or None when it showed nothing."""
    told: About | None = getattr(request.state, ABOUT_KEY, None)
    if told is not None:
        subject = told.once_per or f"{told.resource_type}:{told.resource_id}"
        return Shown(told.resource_type, told.resource_id, subject)
    changes: list[Change] = session.info.get(CHANGES_KEY, [])
    created = next((c for c in changes if c.columns is None), None)
    if created is not None:
        return Shown(created.table, created.ident, f"{created.table}:{created.ident}")
    fields = evidence_fields(route)
    for change in changes:
        columns = change.columns or frozenset()
        if fields is not None:
            columns &= fields.keys()
        if columns:
            shown = Shown(change.table, change.ident, f"{change.table}:{change.ident}")
            if fields is not None:
                shown.codes = [code for name in sorted(columns) for code in fields[name]]
            return shown
    return None


def evidence_key(action: str, subject: str, codes: list[str]) -> str:
    """The de-duplication key: one record per trainee, action, thing shown and codes."""
    return f"{action}|{subject}|{','.join(sorted(set(codes)))}"[:KEY_LENGTH]


def append_evidence(session: Session, values: dict[str, Any], codes: list[str]) -> int | None:
    """Insert one record and its links unless the trainee has one with the same key; the
    new record's id, or None when it was already there. Concurrent twins of a request meet
    the unique index: the database keeps one, the other inserts nothing. A new record is
    published to the organisation's webhooks (``evidence.recorded``, same transaction)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert(EvidenceRecord)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["trainee_id", "dedupe_key"])
        .returning(EvidenceRecord.id, EvidenceRecord.created_at)
    )
    row = session.execute(stmt).first()
    if row is None:
        return None
    record_id, recorded_at = row
    unique_codes = list(dict.fromkeys(codes))
    session.execute(
        insert_(EvidenceLink), [{"evidence_id": record_id, "code": code} for code in unique_codes]
    )
    publish(session, values["organisation_id"], WebhookEventKind.EVIDENCE_RECORDED, {
        "evidence_id": record_id, "trainee_id": values["trainee_id"],
        "action": values["action"], "resource_type": values.get("resource_type"),
        "resource_id": values.get("resource_id"),
        "competences": [code for code in unique_codes if "." not in code],
        "criteria": [code for code in unique_codes if "." in code],
        "recorded_at": recorded_at,
    })  # fmt: skip
    return int(record_id)


@dataclass(frozen=True)
class EvidenceDraft:
    """A request's evidence, to be recorded later by the job that does the work (an
    import's commit): with what the job wrote, or not at all if it fails."""

    values: dict[str, Any]
    action: str
    codes: tuple[str, ...]

    def record(
        self, session: Session, resource_type: str, resource_id: object, *, extra: Any = ()
    ) -> int | None:
        codes = get_catalogue().credited([*self.codes, *extra])
        subject = f"{resource_type}:{resource_id}"
        values = {**self.values, "resource_type": resource_type,
                  "resource_id": str(resource_id),
                  "dedupe_key": evidence_key(self.action, subject, codes)}  # fmt: skip
        return append_evidence(session, values, codes)


def _due(request: Request) -> tuple[Principal, Any, list[str]] | None:
    """(trainee, route, codes) when the request's success may become evidence."""
    principal: Principal | None = getattr(request.state, "principal", None)
    if principal is None or not principal.is_trainee:
        return None
    route = request.scope.get("route")
    codes, criteria = route_codes(route)
    if not codes or not records_evidence(route, request.method):
        return None
    return principal, route, [*codes, *criteria]


def _values(request: Request, principal: Principal, route: Any) -> dict[str, Any]:
    return {
        "organisation_id": principal.organisation_id,
        "trainee_id": principal.user_id,
        "action": getattr(route, "name", request.method.lower()),
        "label": (getattr(route, "summary", None) or "")[:200],
        "method": request.method,
        "route": getattr(route, "path", request.url.path),
        "framework_version": get_catalogue().version,
        "request_id": getattr(request.state, "request_id", None),
    }


def shows_nothing(request: Request) -> None:
    """This write showed nothing new (a step skipped or put back to do): it records none."""
    setattr(request.state, DEFERRED_KEY, True)


def draft(request: Request) -> EvidenceDraft | None:
    """Hand this request's evidence to the job that will do its work; the request itself
    then records none."""
    due = _due(request)
    setattr(request.state, DEFERRED_KEY, True)
    if due is None:
        return None
    principal, route, codes = due
    extra: list[str] = getattr(request.state, EXTRA_CODES_KEY, [])
    values = _values(request, principal, route)
    return EvidenceDraft(values, values["action"], (*codes, *extra))


def record_request_evidence(session: Session, request: Request) -> None:
    """Before-commit hook: append the request's evidence record when it is due."""
    due = _due(request)
    if due is None or getattr(request.state, DEFERRED_KEY, False):
        return
    principal, route, codes = due
    session.flush()
    shown = _shown(session, request, route)
    if shown is None:
        return
    extra: list[str] = getattr(request.state, EXTRA_CODES_KEY, [])
    all_codes = get_catalogue().credited([*codes, *shown.codes, *extra])
    values = _values(request, principal, route)
    values.update(
        resource_type=shown.resource_type,
        resource_id=shown.resource_id,
        dedupe_key=evidence_key(values["action"], shown.subject, all_codes),
    )
    append_evidence(session, values, all_codes)
