"""The trainee's actions that reach the market: the channel policy decides first (an
illegal contact is refused before any draw), then the market answers, and the answer is
written through the prospect file's own service (an interaction, an appointment), so the
file, the timeline, the agenda and the registry see it as any other record.

Each answer is drawn with the key (run seed, person, action kind, ordinal of the action on
that person): the same seed and the same actions give the same outcomes, whatever the order
of the requests (app/market/README.md)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.consent import service as consent
from app.core.errors import FieldError
from app.core.principal import Principal
from app.exercises import repository as repo
from app.exercises.runs import moment, require_running
from app.exercises.schemas import AnswerOut, CallCreate, EmailCreate, FactorOut
from app.exercises.service import parameters_of
from app.market import model
from app.market.population import Person
from app.models import (
    Campaign,
    Channel,
    Contact,
    DecisionPower,
    Direction,
    Exercise,
    ExerciseRun,
    MarketEvent,
    MarketPerson,
    Outcome,
    Persona,
    Prospect,
    ProspectKind,
)
from app.prospects import interactions
from app.prospects.repository import (
    CampaignRepository,
    ContactRepository,
    PersonaRepository,
    ProspectRepository,
)
from app.prospects.schemas import AppointmentDraft, InteractionCreate

OUTCOME_LABELS = {
    "no_answer": "Pas de réponse",
    "gatekeeper": "Barrage du standard",
    "callback": "À rappeler",
    "appointment": "Rendez-vous pris",
    "not_interested": "Pas intéressé",
    "objection": "Refus avec objection",
    "wrong_target": "Mauvaise cible",
    "info_sent": "Information envoyée",
    "qualified": "Qualifié",
    "opened": "Ouvert",
    "replied": "Réponse reçue",
    "unsubscribed": "Désinscription",
    "ignored": "Sans suite",
    "held": "Rendez-vous tenu",
    "postponed": "Rendez-vous reporté",
    "no_show": "Absent au rendez-vous",
}


class Target(NamedTuple):
    prospect: Prospect
    contact: Contact | None
    person_row: MarketPerson
    person: Person


def _target(
    session: Session,
    principal: Principal,
    run: ExerciseRun,
    prospect_id: int,
    contact_id: int | None,
) -> Target:
    prospect = ProspectRepository(session, principal).get_referenced(prospect_id, "prospect_id")
    # The market's person and the contact it created, in one statement.
    found = session.execute(
        select(MarketPerson, Contact)
        .outerjoin(Contact, Contact.id == MarketPerson.contact_id)
        .where(MarketPerson.run_id == run.id, MarketPerson.prospect_id == prospect.id)
    ).first()
    if found is None:
        raise FieldError(
            "prospect_id",
            "Ce prospect n'appartient pas au marché de cet exercice : le marché ne répond "
            "que pour les personnes qu'il a créées.",
        )
    row, own_contact = found
    contact = ContactRepository(session, principal).of_prospect(prospect, contact_id, writable=True)
    if contact is None and row.contact_id is not None:
        contact = own_contact
    return Target(prospect, contact, row, Person.from_json(row.attributes))


def _history(session: Session, person_id: int, kind: str) -> tuple[int, date | None]:
    """How many actions of a kind the person had, and the day of the last one."""
    count, last = session.execute(
        select(func.count(), func.max(MarketEvent.day)).where(
            MarketEvent.person_id == person_id, MarketEvent.kind == kind
        )
    ).one()
    return int(count or 0), last


def persona_match(
    session: Session,
    principal: Principal,
    prospect: Prospect,
    persona_id: int | None,
    campaign: Campaign | None,
) -> bool | None:
    """Whether the prospect fits the persona the trainee aims at (named, else the
    campaign's): its kind, sectors and postcodes. None when no persona is aimed at."""
    if persona_id is None and campaign is not None:
        persona_id = getattr(campaign, "persona_id", None)
    if persona_id is None:
        return None
    persona: Persona = PersonaRepository(session, principal).get_referenced(
        persona_id, "persona_id"
    )
    if persona.kind is not None and persona.kind is not prospect.kind:
        return False
    if persona.sectors:
        keys = {s.casefold() for s in persona.sectors}
        if not prospect.sector or (
            prospect.sector.casefold() not in keys and (prospect.sector_key not in keys)
        ):
            return False
    if persona.postcodes and not any(
        (prospect.postcode or "").startswith(prefix) for prefix in persona.postcodes
    ):
        return False
    return True


def _campaign(session: Session, principal: Principal, campaign_id: int | None) -> Campaign | None:
    if campaign_id is None:
        return None
    return CampaignRepository(session, principal).get_referenced(campaign_id, "campaign_id")


def _factors(answer: model.Answer) -> list[FactorOut]:
    return [
        FactorOut(code=code, label=model.FACTOR_LABELS.get(code, code), value=round(value, 3))
        for code, value in answer.factors.items()
    ]


def _event(
    session: Session,
    run: ExerciseRun,
    target: Target,
    kind: str,
    day: object,
    key: tuple[object, ...],
    answer: model.Answer,
    record: str | None,
) -> MarketEvent:
    event = MarketEvent(
        owner_id=run.owner_id,
        run_id=run.id,
        person_id=target.person_row.id,
        prospect_id=target.prospect.id,
        day=day,
        kind=kind,
        outcome=answer.outcome,
        draw_key=":".join(str(part) for part in key)[:200],
        record=record,
        detail={
            "probabilities": {k: round(v, 4) for k, v in answer.probabilities.items()},
            "factors": {k: round(v, 3) for k, v in answer.factors.items()},
            **{k: v for k, v in answer.detail.items() if isinstance(v, str | int | float | bool)},
        },
    )
    session.add(event)
    session.flush()
    return event


def call(
    session: Session,
    principal: Principal,
    settings: Settings,
    exercise: Exercise,
    run: ExerciseRun,
    data: CallCreate,
) -> AnswerOut:
    today = require_running(exercise, run)
    target = _target(session, principal, run, data.prospect_id, data.contact_id)
    occurred_at = moment(today, data.hour, data.minute)
    campaign = _campaign(session, principal, data.campaign_id)
    # The law first: an illegal call is refused here (409 channel-policy), before any draw.
    consent.ensure_contact_allowed(
        session,
        settings,
        target.prospect,
        target.contact,
        Channel.PHONE,
        today,
        analogous_offer=bool(campaign and campaign.analogous_offer),
    )
    params = parameters_of(exercise)
    attempts, last = _history(session, target.person_row.id, "call")
    ordinal = attempts + 1
    decision_maker = (
        target.contact.decision_power is DecisionPower.DECISION_MAKER
        if target.contact is not None
        else target.prospect.kind is ProspectKind.INDIVIDUAL
    )
    context = model.CallContext(
        hour=data.hour,
        weekday=today.weekday(),
        reaching_decision_maker=decision_maker,
        persona_match=persona_match(session, principal, target.prospect, data.persona_id, campaign),
        script_used=data.call_script_id is not None,
        attempt=ordinal,
        days_since_last_attempt=(today - last).days if last else None,
    )
    key = (run.seed, target.person.key, "call", ordinal)
    answer = model.answer_call(key, target.person, context, params)
    outcome = Outcome(answer.outcome)
    appointment = None
    next_contact_on = None
    if outcome is Outcome.APPOINTMENT:
        lead = int(answer.detail.get("appointment_in_days", 3) or 3)
        appointment = AppointmentDraft(
            starts_at=moment(today + timedelta(days=lead), 10), duration_minutes=60
        )
    elif outcome in (Outcome.NO_ANSWER, Outcome.GATEKEEPER):
        next_contact_on = today + timedelta(days=1 if today.weekday() < 4 else 3)
    elif outcome is Outcome.CALLBACK:
        next_contact_on = today + timedelta(
            days=int(answer.detail.get("callback_after_days", 2) or 2)
        )
    elif outcome is Outcome.OBJECTION:
        next_contact_on = today + timedelta(days=30)
    recorded = interactions.record_interaction(
        session,
        principal,
        settings,
        target.prospect,
        InteractionCreate(
            channel=Channel.PHONE,
            direction=Direction.OUTBOUND,
            outcome=outcome,
            occurred_at=occurred_at,
            contact_id=target.contact.id if target.contact else None,
            campaign_id=campaign.id if campaign else None,
            call_script_id=data.call_script_id,
            duration_minutes=data.duration_minutes,
            notes=data.notes,
            next_contact_on=next_contact_on,
            appointment=appointment,
        ),
    )
    event = _event(
        session, run, target, "call", today, key, answer, f"interaction:{recorded.interaction.id}"
    )
    return AnswerOut(
        outcome=answer.outcome,
        outcome_label=OUTCOME_LABELS.get(answer.outcome, answer.outcome),
        interaction_id=recorded.interaction.id,
        appointment_id=recorded.appointment.id if recorded.appointment else None,
        event_id=event.id,
        day=today,
        probabilities=answer.probabilities,
        factors=_factors(answer),
        objection_motive=answer.detail.get("objection_motive"),
        criteria=recorded.criteria,
    )


def email(
    session: Session,
    principal: Principal,
    settings: Settings,
    exercise: Exercise,
    run: ExerciseRun,
    data: EmailCreate,
) -> AnswerOut:
    """An e-mail sent: written as an outbound e-mail (info sent); what the person does with
    it (opens, replies, unsubscribes) is drawn now and recorded as the market's event; a
    reply is an inbound e-mail of the next day, an unsubscription withdraws consent."""
    today = require_running(exercise, run)
    target = _target(session, principal, run, data.prospect_id, data.contact_id)
    campaign = _campaign(session, principal, data.campaign_id)
    decision = consent.ensure_contact_allowed(
        session,
        settings,
        target.prospect,
        target.contact,
        Channel.EMAIL,
        today,
        analogous_offer=bool(campaign and campaign.analogous_offer),
    )
    params = parameters_of(exercise)
    ordinal = repo.attempts(session, target.person_row.id, "email") + 1
    context = model.EmailContext(
        personalised=data.personalised,
        consent_ok=decision.allowed,
        persona_match=persona_match(session, principal, target.prospect, data.persona_id, campaign),
    )
    key = (run.seed, target.person.key, "email", ordinal)
    answer = model.answer_email(key, target.person, context, params)
    sent = interactions.record_interaction(
        session,
        principal,
        settings,
        target.prospect,
        InteractionCreate(
            channel=Channel.EMAIL,
            direction=Direction.OUTBOUND,
            outcome=Outcome.INFO_SENT,
            occurred_at=moment(today, data.hour),
            contact_id=target.contact.id if target.contact else None,
            campaign_id=campaign.id if campaign else None,
            notes=data.notes,
            next_contact_on=today + timedelta(days=7),
        ),
    )
    record = f"interaction:{sent.interaction.id}"
    event = _event(session, run, target, "email", today, key, answer, record)
    return AnswerOut(
        outcome=answer.outcome,
        outcome_label=OUTCOME_LABELS.get(answer.outcome, answer.outcome),
        interaction_id=sent.interaction.id,
        appointment_id=None,
        event_id=event.id,
        day=today,
        probabilities=answer.probabilities,
        factors=_factors(answer),
        criteria=sent.criteria,
    )


def people_of_run(session: Session, run_id: int) -> list[MarketPerson]:
    return list(session.scalars(select(MarketPerson).where(MarketPerson.run_id == run_id)))
