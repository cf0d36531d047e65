"""The one place that wipes a person: identity, contact data and free text, in every table.

Aggregates stay (counts, channels, outcomes, dates, amounts, statuses) so that the trainee's
statistics and the evidence journal remain true; an audit row records what was done.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from app.core.clock import utcnow
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
)

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
    """Free text about one person in interactions, appointments, consents and requests."""
    interactions = update(Interaction).where(Interaction.prospect_id == prospect_id)
    appointments = update(Appointment).where(Appointment.prospect_id == prospect_id)
    consents = update(ConsentRecord).where(ConsentRecord.prospect_id == prospect_id)
    requests = update(PrivacyRequest).where(PrivacyRequest.prospect_id == prospect_id)
    if contact_id is not None:
        interactions = interactions.where(Interaction.contact_id == contact_id)
        appointments = appointments.where(Appointment.contact_id == contact_id)
        consents = consents.where(ConsentRecord.contact_id == contact_id)
        requests = requests.where(PrivacyRequest.contact_id == contact_id)
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
