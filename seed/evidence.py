"""Demo world, part 5: the evidence of the seeded history.

The seed writes the trainees' history (prospects, exchanges, appointments, consents, tours,
watch sources...) straight into the tables, not through the API, so the request hook that
turns a trainee's write into evidence (``app.competences.evidence``) never ran for it. This
part writes what the hook would have written: for each seeded record, one evidence record of
the route that creates such records — its action, French label, competences and criteria as
the OpenAPI document declares them — dated when the record was created. Records older than
the trainee's cohort (the employer's file they took over: long-standing customers...) are
not their work and get none. So the cohort overview, the portfolios and the dashboards of
the demo start from the history they show.

It follows the routes' rule (``app/competences/README.md``): only what a route would have
journaled — creations, and a status reached once per prospect and status — with the same
de-duplication keys; nothing for deletions, toggles or reads (the seed writes none of them).

Idempotent: a trainee who has evidence already gets none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time
from functools import cache
from typing import Any

from sqlalchemy import exists, insert, select
from sqlalchemy.orm import Session

from app.competences.catalogue import get_catalogue
from app.competences.evidence import evidence_key
from app.models import (
    Appointment,
    CallScript,
    Campaign,
    CampaignMember,
    Cohort,
    Competitor,
    ConsentRecord,
    Contact,
    EvidenceLink,
    EvidenceRecord,
    Interaction,
    Organisation,
    Persona,
    Prospect,
    ProspectStatusChange,
    Tour,
    TourBase,
    User,
    WatchItem,
    WatchSource,
)

# Which route creates each kind of seeded record (and which of its rows it created); a
# record's evidence is dated by its ``created_at`` (``changed_at``, ``added_at`` where that
# is the table's moment of creation).
WHEN = ("created_at", "changed_at", "added_at")
KINDS: list[tuple[Any, str, Callable[[Any], Any] | None]] = [
    (Prospect, "create_prospect", None),
    (Contact, "create_contact", None),
    (Interaction, "create_interaction", None),
    # An appointment taken during a call came with its exchange: only the others.
    (Appointment, "create_appointment", lambda m: m.interaction_id.is_(None)),
    (ConsentRecord, "create_consent", None),
    # Status changes: see _status_reached (once per prospect and status reached).
    (Persona, "create_persona", None),
    (CallScript, "create_script", None),
    (Campaign, "create_campaign", None),
    (CampaignMember, "add_members", None),
    (TourBase, "set_base", None),
    (Tour, "save_tour", None),
    (WatchSource, "create_source", None),
    (Competitor, "create_competitor", None),
    (WatchItem, "create_item", lambda m: m.dedup_key.like("manual:%")),
]


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    label: str
    codes: tuple[str, ...]


@cache
def operations() -> dict[str, Operation]:
    """The API's operations by name, as its OpenAPI document declares them."""
    from app.main import openapi_document  # the app imports the seed's models: late

    document = openapi_document()
    found = {}
    for path, item in document["paths"].items():
        for method, op in item.items():
            codes = [*op.get("x-competences", []), *op.get("x-criteria", [])]
            found[op["operationId"]] = Operation(
                method.upper(), path, op.get("summary", "")[:200], tuple(codes)
            )
    return found


Row = tuple[datetime, str, str, Any]
STATUS = "status"  # a row of _status_reached: (when, action, STATUS, (prospect id, status))


def _status_reached(session: Session, trainee_id: int, since: datetime | None) -> list[Row]:
    """The trainee's status changes (not a record's first status, which its creation set),
    as the route journals them: about the prospect, once per status reached."""
    stmt = select(
        ProspectStatusChange.changed_at, ProspectStatusChange.prospect_id,
        ProspectStatusChange.to_status,
    ).where(ProspectStatusChange.owner_id == trainee_id,
            ProspectStatusChange.from_status.is_not(None))  # fmt: skip
    if since is not None:
        stmt = stmt.where(ProspectStatusChange.changed_at >= since)
    return [(at, "change_status", STATUS, (prospect, status)) for at, prospect, status in
            session.execute(stmt)]  # fmt: skip


def _once(rows: list[Row], ops: dict[str, Operation]) -> list[tuple[Row, str]]:
    """Each row with its evidence key, the first of each key only (rows sorted by date)."""
    kept: dict[str, Row] = {}
    for row in rows:
        _, action, table, id_ = row
        if table == STATUS:
            prospect, status = id_
            subject = f"prospects:{prospect} {status}"
        else:
            subject = f"{table}:{id_}"
        kept.setdefault(evidence_key(action, subject, list(ops[action].codes)), row)
    return [(row, key) for key, row in kept.items()]


def _resource(table: str, id_: Any) -> tuple[str, str]:
    return ("prospects", str(id_[0])) if table == STATUS else (table, str(id_))


def seed_evidence(session: Session, organisation: Organisation, trainees: Sequence[User]) -> int:
    """Evidence for the seeded records of the trainees who have none yet; how many."""
    version = get_catalogue().version
    ops = operations()
    written = 0
    for trainee in trainees:
        if trainee.organisation_id != organisation.id:
            continue
        if session.scalar(select(exists().where(EvidenceRecord.trainee_id == trainee.id))):
            continue
        cohort = session.get(Cohort, trainee.cohort_id) if trainee.cohort_id else None
        since = (
            datetime.combine(cohort.starts_on, time(), tzinfo=UTC)
            if cohort and cohort.starts_on
            else None
        )
        rows: list[Row] = []
        for model, action, condition in KINDS:
            key = next(iter(model.__table__.primary_key.columns))
            owner = model.__table__.c.owner_id
            when = next(model.__table__.c[name] for name in WHEN if name in model.__table__.c)
            stmt = select(key, when).where(owner == trainee.id)
            if since is not None:
                stmt = stmt.where(when >= since)
            if condition is not None:
                stmt = stmt.where(condition(model))
            rows += [(at, action, model.__tablename__, id_) for id_, at in session.execute(stmt)]
        rows += _status_reached(session, trainee.id, since)
        if not rows:
            continue
        rows.sort()
        keyed = _once(rows, ops)
        ids = session.scalars(
            insert(EvidenceRecord).returning(EvidenceRecord.id, sort_by_parameter_order=True),
            [
                {
                    "organisation_id": organisation.id,
                    "trainee_id": trainee.id,
                    "action": action,
                    "label": ops[action].label,
                    "method": ops[action].method,
                    "route": ops[action].path,
                    "resource_type": _resource(table, id_)[0],
                    "resource_id": _resource(table, id_)[1],
                    "framework_version": version,
                    "request_id": None,
                    "created_at": created_at,
                    "dedupe_key": key,
                }
                for (created_at, action, table, id_), key in keyed
            ],
        ).all()
        session.execute(
            insert(EvidenceLink),
            [
                {"evidence_id": record_id, "code": code}
                for record_id, ((_, action, _, _), _) in zip(ids, keyed, strict=True)
                for code in dict.fromkeys(ops[action].codes)
            ],
        )
        written += len(keyed)
    session.flush()
    return written
