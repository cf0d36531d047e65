"""The one place that wipes a person: identity, contact data and free text, in every table.

Aggregates stay (counts, channels, outcomes, dates, amounts, statuses) so that the trainee's
statistics and the evidence journal remain true; an audit row records what was done.
"""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.models import (
    Appointment,
    ConsentRecord,
    Contact,
    ImportFile,
    ImportJob,
    Interaction,
    PrivacyAuditEntry,
    PrivacyRequest,
    Prospect,
    ProspectKind,
    ProspectStatusChange,
    SocialAction,
    Tour,
)
from app.privacy import scrub

ANONYMOUS = "Anonymisé"


def _wipe_contact(session: Session, contact: Contact, now: object) -> None:
    contact.first_name = ""
    contact.last_name = f"{ANONYMOUS} #{contact.id}"
    contact.job_title = None
    contact.phone = None
    contact.email = None
    contact.anonymised_at = now  # type: ignore[assignment]
    _wipe_person_rows(session, contact.prospect_id, contact.id)


def _wipe_person_rows(session: Session, prospect_id: int, contact_id: int | None) -> None:
    """Free text about one person in interactions, appointments, consents, requests and
    social-selling actions."""
    interactions = update(Interaction).where(Interaction.prospect_id == prospect_id)
    social = update(SocialAction).where(SocialAction.prospect_id == prospect_id)
    appointments = update(Appointment).where(Appointment.prospect_id == prospect_id)
    consents = update(ConsentRecord).where(ConsentRecord.prospect_id == prospect_id)
    requests = update(PrivacyRequest).where(PrivacyRequest.prospect_id == prospect_id)
    if contact_id is not None:
        interactions = interactions.where(Interaction.contact_id == contact_id)
        appointments = appointments.where(Appointment.contact_id == contact_id)
        consents = consents.where(ConsentRecord.contact_id == contact_id)
        requests = requests.where(PrivacyRequest.contact_id == contact_id)
        social = social.where(SocialAction.contact_id == contact_id)
    options = {"synchronize_session": "fetch"}
    session.execute(
        interactions.values(
            notes="", needs=None, budget=None, authority=None, timing=None,
            accessibility_needs=None, accessibility_adaptation=None, next_step=None,
        ),
        execution_options=options,
    )  # fmt: skip
    session.execute(
        appointments.values(place=None, notes="", latitude=None, longitude=None),
        execution_options=options,
    )
    session.execute(consents.values(proof_reference=""), execution_options=options)
    session.execute(requests.values(details="", changes={}, channel=""), execution_options=options)
    session.execute(social.values(notes=""), execution_options=options)


def _wipe_places(document: Any, prospect_id: int, label: str, *, plan: bool) -> bool:
    """In a saved tour's JSON, the places of ``prospect_id``: the label (the prospect's name)
    becomes ``label`` and the coordinates (an individual's home) are dropped where the schema
    lets them be empty: every place of the request, the stops of the plan (a day's start or
    end place in the plan keeps its point, required there). True when something changed."""
    changed = False
    if isinstance(document, dict):
        if document.get("prospect_id") == prospect_id:
            if document.get("label") not in (None, label):
                document["label"] = label
                changed = True
            if (not plan or "kind" in document) and (
                document.get("latitude") is not None or document.get("longitude") is not None
            ):
                document["latitude"] = document["longitude"] = None
                changed = True
        for value in document.values():
            changed = _wipe_places(value, prospect_id, label, plan=plan) or changed
    elif isinstance(document, list):
        for value in document:
            changed = _wipe_places(value, prospect_id, label, plan=plan) or changed
    return changed


def _wipe_tours(session: Session, prospect: Prospect) -> None:
    for tour in session.scalars(select(Tour).where(Tour.owner_id == prospect.owner_id)):
        request, plan = copy.deepcopy(tour.request), copy.deepcopy(tour.plan)
        wiped_request = _wipe_places(request, prospect.id, prospect.name, plan=False)
        wiped_plan = _wipe_places(plan, prospect.id, prospect.name, plan=True)
        if wiped_request or wiped_plan:
            tour.request, tour.plan = request, plan  # new objects: the JSON columns are written


def anonymise_contact(
    session: Session, contact: Contact, *, actor_id: int | None, organisation_id: int, reason: str
) -> None:
    now = utcnow()
    _wipe_contact(session, contact, now)
    session.add(
        PrivacyAuditEntry(
            organisation_id=organisation_id, actor_id=actor_id, action="anonymise",
            prospect_id=contact.prospect_id, contact_id=contact.id, detail=reason,
        )
    )  # fmt: skip
    session.flush()
    scrub.after_commit(session)


def anonymise_prospect(
    session: Session, prospect: Prospect, *, actor_id: int | None, organisation_id: int, reason: str
) -> None:
    """Wipe the prospect and all its contacts. Idempotent."""
    now = utcnow()
    if prospect.kind is ProspectKind.INDIVIDUAL:
        prospect.name = f"{ANONYMOUS} #{prospect.id}"
    else:
        # A company's name is not personal data, but a sole trader's often is: wipe it too.
        prospect.name = f"{ANONYMOUS} #{prospect.id}"
        prospect.siren = None
        prospect.siret = None
        prospect.website = None
    prospect.address = None
    prospect.postcode = None
    prospect.city = None
    prospect.latitude = None
    prospect.longitude = None
    prospect.phone = None
    prospect.email = None
    prospect.tags = []
    prospect.lost_reason = None
    prospect.search_text = ""
    prospect.next_contact_on = None
    prospect.anonymised_at = now
    for contact in session.scalars(select(Contact).where(Contact.prospect_id == prospect.id)):
        _wipe_contact(session, contact, now)
    _wipe_person_rows(session, prospect.id, None)
    _wipe_tours(session, prospect)
    session.execute(
        update(ProspectStatusChange)
        .where(ProspectStatusChange.prospect_id == prospect.id)
        .values(reason=None),
        execution_options={"synchronize_session": "fetch"},
    )
    # Import reports hold no cell values; a pending upload may hold the person: drop the files
    # of the owner's unfinished imports (the trainee uploads again if needed).
    session.execute(
        delete(ImportFile).where(
            ImportFile.job_id.in_(
                select(ImportJob.id).where(ImportJob.owner_id == prospect.owner_id)
            )
        )
    )
    session.add(
        PrivacyAuditEntry(
            organisation_id=organisation_id, actor_id=actor_id, action="anonymise",
            prospect_id=prospect.id, detail=reason,
        )
    )  # fmt: skip
    session.flush()
    scrub.after_commit(session)
