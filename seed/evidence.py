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
    (ProspectStatusChange, "change_status", lambda m: m.from_status.is_not(None)),
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
        rows: list[tuple[datetime, str, str, Any]] = []
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
        if not rows:
            continue
        rows.sort()
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
                    "resource_type": table,
                    "resource_id": str(id_),
                    "framework_version": version,
                    "request_id": None,
                    "created_at": created_at,
                }
                for created_at, action, table, id_ in rows
            ],
        ).all()
        session.execute(
            insert(EvidenceLink),
            [
                {"evidence_id": record_id, "code": code}
                for record_id, (_, action, _, _) in zip(ids, rows, strict=True)
                for code in dict.fromkeys(ops[action].codes)
            ],
        )
        written += len(rows)
    session.flush()
    return written
