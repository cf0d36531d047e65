"""The market plays the simulated days a run advances through.

For each day, in order: the appointments due that day are held, postponed or missed; the
e-mails' replies and unsubscriptions fall due; the customers produce their later events
(orders, delivery incidents, complaints, late payments, churn). Each answer is a keyed draw
(app/market/README.md) recorded as a market event, and written in the trainee's file through
the domains' services. The simulator records no evidence: evidence is what the trainee
shows, never what the market did. One short transaction per day, so SQLite's write lock is
never held while a long advance runs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings, simulated_day
from app.consent import service as consent
from app.consent.schemas import ConsentCreate
from app.core.db import start_writing
from app.core.errors import Conflict
from app.core.patch import check_version
from app.core.principal import Principal
from app.exercises import customers, deals
from app.exercises import repository as repo
from app.exercises.runs import ends_on, moment, require_running
from app.exercises.service import parameters_of
from app.market import model
from app.market.parameters import MarketParameters
from app.market.population import Person
from app.models import (
    ApiScope,
    Appointment,
    AppointmentStatus,
    Channel,
    ClockMode,
    ConsentChannel,
    ConsentMethod,
    ConsentStatus,
    Contact,
    Direction,
    Exercise,
    ExerciseRun,
    MarketEvent,
    MarketPerson,
    Outcome,
    Prospect,
    Role,
    User,
)
from app.prospects import interactions
from app.prospects.schemas import AppointmentUpdate, InteractionCreate

Progress = Callable[[int, int], None]
MARKET_EVENTS = cast(Table, MarketEvent.__table__)
#: Days one synchronous request may play; more is a job (POST /exercises/{id}/advance).
MAX_DAYS_PER_REQUEST = 31


def market_principal(session: Session, run: ExerciseRun) -> Principal:
    """The market writes in the trainee's file as the file's owner would (its records
    are the trainee's), through the same services and their checks."""
    user = session.get(User, run.owner_id)
    assert user is not None
    return Principal(
        user_id=user.id,
        organisation_id=user.organisation_id,
        role=Role.TRAINEE,
        cohort_id=user.cohort_id,
        scopes=frozenset(ApiScope),
    )


def _event(
    run: ExerciseRun,
    row: MarketPerson,
    day: date,
    kind: str,
    key: tuple[Any, ...],
    answer: model.Answer | None,
    outcome: str,
    record: str | None,
    detail: dict[str, Any] | None = None,
) -> MarketEvent:
    info: dict[str, Any] = dict(detail or {})
    if answer is not None:
        info["probabilities"] = {k: round(v, 4) for k, v in answer.probabilities.items()}
        info["factors"] = {k: round(v, 3) for k, v in answer.factors.items()}
        info.update(
            {k: v for k, v in answer.detail.items() if isinstance(v, str | int | float | bool)}
        )
    return MarketEvent(
        owner_id=run.owner_id,
        run_id=run.id,
        person_id=row.id,
        prospect_id=row.prospect_id,
        day=day,
        kind=kind,
        outcome=outcome,
        draw_key=":".join(str(p) for p in key)[:200],
        record=record,
        detail=info,
    )


def _appointments(
    session: Session, run: ExerciseRun, day: date, params: MarketParameters
) -> list[MarketEvent]:
    since, until = moment(day, 0), moment(day + timedelta(days=1), 0)
    rows = session.execute(
        select(Appointment, MarketPerson)
        .join(MarketPerson, MarketPerson.prospect_id == Appointment.prospect_id)
        .where(
            MarketPerson.run_id == run.id,
            Appointment.owner_id == run.owner_id,
            Appointment.status == AppointmentStatus.PLANNED,
            Appointment.starts_at >= since,
            Appointment.starts_at < until,
        )
        .order_by(Appointment.starts_at, Appointment.id)
    ).all()
    events = []
    for appointment, row in rows:
        person = Person.from_json(row.attributes)
        ordinal = repo.attempts(session, row.id, "appointment") + 1
        created = appointment.created_at
        lead = max((day - created.date()).days, 0) if isinstance(created, datetime) else 0
        context = model.AppointmentContext(reminder_sent=bool(appointment.notes), lead_days=lead)
        key = (run.seed, person.key, "appointment", ordinal)
        answer = model.answer_appointment(key, person, context, params)
        update: dict[str, Any] = {"version": appointment.version, "past_record": True}
        if answer.outcome == "held":
            update["status"] = AppointmentStatus.DONE
        elif answer.outcome == "no_show":
            update["status"] = AppointmentStatus.CANCELLED
            update["notes"] = (appointment.notes + "\n" if appointment.notes else "") + (
                "Absent au rendez-vous (marché simulé)."
            )
        else:
            later = int(answer.detail.get("postponed_by_days", 7) or 7)
            update["starts_at"] = appointment.starts_at + timedelta(days=later)
            update["notes"] = (appointment.notes + "\n" if appointment.notes else "") + (
                f"Reporté de {later} jours à la demande du client (marché simulé)."
            )
        interactions.update_appointment(
            session, appointment, AppointmentUpdate.model_validate(update)
        )
        events.append(
            _event(
                run,
                row,
                day,
                "appointment",
                key,
                answer,
                answer.outcome,
                f"appointment:{appointment.id}",
            )
        )
    return events


def _mail_followups(
    session: Session, settings: Settings, principal: Principal, run: ExerciseRun, day: date
) -> list[MarketEvent]:
    """Replies and unsubscriptions of e-mails sent the day before (drawn when sent)."""
    sent = session.execute(
        select(MarketEvent, MarketPerson)
        .join(MarketPerson, MarketPerson.id == MarketEvent.person_id)
        .where(
            MarketEvent.run_id == run.id,
            MarketEvent.kind == "email",
            MarketEvent.day == day - timedelta(days=1),
            MarketEvent.outcome.in_(("replied", "unsubscribed")),
        )
        .order_by(MarketEvent.id)
    ).all()
    events = []
    for event, row in sent:
        prospect = session.get(Prospect, row.prospect_id) if row.prospect_id else None
        if prospect is None or prospect.anonymised_at is not None:
            continue
        contact = session.get(Contact, row.contact_id) if row.contact_id else None
        key = (run.seed, row.person_key, "email-followup", event.id)
        if event.outcome == "replied":
            recorded = interactions.record_interaction(
                session,
                principal,
                settings,
                prospect,
                InteractionCreate(
                    channel=Channel.EMAIL,
                    direction=Direction.INBOUND,
                    outcome=Outcome.CALLBACK,
                    occurred_at=moment(day, 11),
                    contact_id=contact.id if contact else None,
                    notes="Réponse à votre e-mail : la personne souhaite en savoir plus.",
                    next_contact_on=day + timedelta(days=1),
                ),
            )
            events.append(
                _event(
                    run,
                    row,
                    day,
                    "email_reply",
                    key,
                    None,
                    "replied",
                    f"interaction:{recorded.interaction.id}",
                )
            )
        else:
            record = consent.record_consent(
                session,
                principal,
                prospect,
                contact,
                ConsentCreate(
                    contact_id=contact.id if contact else None,
                    channel=ConsentChannel.EMAIL,
                    status=ConsentStatus.WITHDRAWN,
                    given_at=moment(day, 9),
                    method=ConsentMethod.WEB_FORM,
                    text_version="marché simulé",
                    proof_reference="Lien de désinscription (marché simulé)",
                ),
            )
            events.append(
                _event(
                    run, row, day, "unsubscribe", key, None, "unsubscribed", f"consent:{record.id}"
                )
            )
    return events


def play_day(
    session: Session,
    settings: Settings,
    exercise: Exercise,
    run: ExerciseRun,
    day: date,
    memo: customers.RunMemo | None = None,
    read_back: bool = True,
) -> list[MarketEvent]:
    """Everything the market does on ``day`` for one run; then the run's clock is ``day``.
    ``memo``: what the caller keeps of the run across the days it plays
    (``customers.RunMemo``). ``read_back=False``: the caller does not read the
    events it gets back (their ids and times stay unset), so they are written in one
    statement instead of one per event."""
    params = parameters_of(exercise)
    memo = memo if memo is not None else customers.RunMemo()
    if memo.principal is None:
        memo.principal = market_principal(session, run)
    principal = memo.principal
    assert run.starts_on is not None
    day_index = (day - run.starts_on).days
    run.today = day  # set first: the run's one UPDATE of the day goes with its first flush
    events = _appointments(session, run, day, params)
    events += _mail_followups(session, settings, principal, run, day)
    with simulated_day(day):
        events += deals.play(session, settings, principal, run, day, params)
        events += customers.play(session, principal, run, day, day_index, params, memo)
    _write_events(session, events, read_back)
    session.flush()
    return events


def _write_events(session: Session, events: list[MarketEvent], read_back: bool) -> None:
    """The day's market events, in their order (their ids follow it either way): through the
    session when the caller reads them back, else by one ``executemany`` (the ORM's flush
    inserts each event by its own ``INSERT … RETURNING``)."""
    rows = [{k: v for k, v in vars(e).items() if not k.startswith("_")} for e in events]
    if (
        read_back
        or not rows
        or not rows[0].keys() <= set(MARKET_EVENTS.c.keys())
        or any(
            row.keys() != rows[0].keys() or e in session
            for row, e in zip(rows, events, strict=True)
        )
    ):
        session.add_all(events)
        return
    session.execute(insert(MARKET_EVENTS), rows)


def check_advance(exercise: Exercise, run: ExerciseRun, days: int) -> int:
    """How many days can be played (the run ends on its last day)."""
    today = require_running(exercise, run)
    if exercise.clock_mode is ClockMode.REAL_DAYS:
        raise Conflict(
            "Cet exercice avance au rythme des jours réels : son horloge ne s'avance pas "
            "à la demande.",
            problem_slug="clock-real-days",
        )
    end = ends_on(exercise, run)
    assert end is not None
    left = (end - today).days
    if left <= 0:
        raise Conflict(
            "Le parcours est à son dernier jour simulé : rendez-le.", problem_slug="run-ended"
        )
    return min(days, left)


def advance_run(
    session: Session,
    settings: Settings,
    exercise: Exercise,
    run: ExerciseRun,
    days: int,
    version: int,
) -> tuple[int, list[MarketEvent]]:
    """Play ``days`` days for one run in the caller's transaction (a request: at most a few
    weeks; a long advance of a cohort is ``advance_runs``)."""
    check_version(run, version)
    playable = check_advance(exercise, run, days)
    events: list[MarketEvent] = []
    memo = customers.RunMemo()
    assert run.today is not None
    for step in range(1, playable + 1):
        day = run.today + timedelta(days=1)
        events += play_day(session, settings, exercise, run, day, memo)
        run.advance_done = step
    run.advance_total = playable
    session.flush()
    return playable, events


def advance_runs(
    sessions: sessionmaker[Session],
    settings: Settings,
    exercise_id: int,
    run_ids: list[int],
    days: int,
    progress: Progress | None = None,
) -> int:
    """A job: play ``days`` days for each run, one short transaction per run and day; the
    runs' ``advance_done``/``advance_total`` show its progress. Returns the days played.
    On SQLite each transaction takes the write lock when it begins (``start_writing``): a
    transaction that read first could not write after a trainee's request committed."""
    played = 0
    total = len(run_ids) * days
    done = 0
    for run_id in run_ids:
        memo = customers.RunMemo()  # what holds for the run across its days
        for _ in range(days):
            with sessions.begin() as session:
                start_writing(session)
                run = session.get(ExerciseRun, run_id)
                exercise = session.get(Exercise, exercise_id)
                if run is None or exercise is None:
                    break
                try:
                    check_advance(exercise, run, 1)
                except Conflict:
                    break
                assert run.today is not None
                day = run.today + timedelta(days=1)
                run.advance_done += 1  # written with the day's clock: one UPDATE
                play_day(session, settings, exercise, run, day, memo, read_back=False)
                played += 1
            done += 1
            if progress is not None:
                progress(done, total)
    return played
