"""A trainee's run: its simulated clock, its start (the market's people enter the trainee's
file), its advance (the market plays the days passed) and its submission."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from app.business_cases import repository as case_repo
from app.business_cases import service as cases
from app.common.clock import utcnow
from app.common.text import fold
from app.config import today_local
from app.core.bulk import insert_many, new_ids
from app.core.errors import Conflict
from app.core.events import publish
from app.core.patch import check_version
from app.exercises.service import parameters_of
from app.market import population
from app.market.draws import unit
from app.market.parameters import HOUR_BANDS
from app.models import (
    BusinessCaseAssignment,
    ClockMode,
    ConsentChannel,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    ConsentStatus,
    Contact,
    Exercise,
    ExerciseRun,
    ExerciseStatus,
    LawfulBasis,
    MarketPerson,
    Priority,
    Prospect,
    ProspectKind,
    ProspectStatus,
    RunStatus,
    WebhookEventKind,
)
from app.prospects import rules

PARIS = ZoneInfo("Europe/Paris")
#: The tag every prospect of a simulated market carries in the trainee's file.
MARKET_TAG = "marché simulé"
PROSPECTS = cast(Table, Prospect.__table__)
CONTACTS = cast(Table, Contact.__table__)
CONSENTS = cast(Table, ConsentRecord.__table__)
MARKET_PEOPLE = cast(Table, MarketPerson.__table__)


# ----------------------------------------------------------------- the clock


def ends_on(exercise: Exercise, run: ExerciseRun) -> date | None:
    return run.starts_on + timedelta(days=exercise.days - 1) if run.starts_on else None


def sim_today(exercise: Exercise, run: ExerciseRun) -> date | None:
    """The run's day: the stored one (moved on request), or, in step with the real days,
    its first day plus the real days since it started, never past its last day."""
    if run.starts_on is None or run.today is None:
        return None
    if exercise.clock_mode is ClockMode.REAL_DAYS and run.started_at is not None:
        started = run.started_at.replace(tzinfo=run.started_at.tzinfo or UTC).astimezone(PARIS)
        elapsed = (today_local() - started.date()).days
        end = ends_on(exercise, run)
        day = run.starts_on + timedelta(days=max(elapsed, 0))
        return min(day, end) if end else day
    return run.today


def moment(day: date, hour: int, minute: int = 0) -> datetime:
    """A simulated wall-clock time in France, as the aware UTC moment every record stores."""
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS).astimezone(UTC)


def require_running(exercise: Exercise, run: ExerciseRun) -> date:
    if run.status is not RunStatus.RUNNING:
        raise Conflict(
            "Ce parcours n'est pas en cours : démarrez-le (ou il est déjà rendu).",
            problem_slug="run-not-running",
        )
    today = sim_today(exercise, run)
    assert today is not None  # a running run has started
    return today


# ----------------------------------------------------------------- start


def _segments_and_needs(
    session: Session, exercise: Exercise
) -> tuple[list[tuple[str, str]], list[str], int | None]:
    """What the market is made of, read from the business case (never copied)."""
    if exercise.business_case_id is None:
        return [], [], None
    version = case_repo.latest_version(session, exercise.business_case_id)
    if version is None:
        return [], [], None
    doc = cases.document_of(version)
    segments: list[tuple[str, str]] = []
    for segment in doc.market.segments:
        prefixes = list(segment.criteria.naf_prefixes) or [""]
        for prefix in prefixes:
            segments.append((prefix, segment.label))
    needs = [family.label for family in doc.catalogue.families]
    for product in doc.catalogue.products:
        for argument in product.arguments:
            label = getattr(argument, "benefit", None) or getattr(argument, "label", None)
            if isinstance(label, str) and label and len(needs) < 40:
                needs.append(label)
    return segments, list(dict.fromkeys(needs)), version.id


JOB_TITLES = {
    "decision_maker": "Gérant(e)",
    "influencer": "Responsable des achats",
    "prescriber": "Conseiller(ère) technique",
    "user": "Assistant(e)",
}


def is_customer(seed: int, person: population.Person, share: float) -> bool:
    """Whether the person is already a customer when the run starts (a keyed draw)."""
    return unit(seed, person.key, "customer") < share


def write_population(
    session: Session,
    run: ExerciseRun,
    people: list[population.Person],
    starts_on: date,
    customer_share: float,
) -> int:
    """The market's people as prospects (with a contact for a company, the consent an
    individual gave) in the trainee's file, in bulk; their hidden attributes in
    ``market_people``. Written by the simulator: no evidence, no status history."""
    now = utcnow()
    owner = run.owner_id
    rows: list[dict[str, Any]] = []
    customers = {p.key for p in people if is_customer(run.seed, p, customer_share)}
    for person in people:
        company = person.is_company
        name = person.display_name
        customer = person.key in customers
        rows.append(
            {
                "owner_id": owner,
                "kind": ProspectKind.COMPANY if company else ProspectKind.INDIVIDUAL,
                "name": name[:200],
                "naf_code": person.naf_code if company else None,
                "sector": person.segment[:100] if person.segment else None,
                "sector_key": rules.sector_key(person.segment),
                "address": None,
                "postcode": person.postcode,
                "city": person.city,
                "latitude": person.latitude,
                "longitude": person.longitude,
                "phone": person.phone,
                "email": person.email,
                "status": ProspectStatus.CUSTOMER if customer else ProspectStatus.SUSPECT,
                "customer_since": starts_on - timedelta(days=365) if customer else None,
                "priority": Priority.C,
                "tags": [MARKET_TAG],
                "search_text": fold(" ".join(filter(None, [name, person.city]))),
                "bloctel_opposed": None if company else person.on_bloctel,
                "bloctel_checked_on": None if company else starts_on,
                "ongoing_contract": customer,
                "anonymised": False,
                "version": 1,
                "created_at": now,
                "updated_at": now,
            }
        )
    prospect_ids = new_ids(session, PROSPECTS, len(rows))
    for row, prospect_id in zip(rows, prospect_ids, strict=True):
        row["id"] = prospect_id
    insert_many(session, PROSPECTS, rows)
    contact_rows: list[dict[str, Any]] = []
    contact_of: dict[int, int] = {}
    for index, (person, prospect_id) in enumerate(zip(people, prospect_ids, strict=True)):
        if person.is_company:
            contact_of[index] = len(contact_rows)
            contact_rows.append(
                {
                    "owner_id": owner,
                    "prospect_id": prospect_id,
                    "first_name": person.first_name,
                    "last_name": person.last_name,
                    "job_title": JOB_TITLES.get(person.decision_power.value),
                    "decision_power": person.decision_power,
                    "phone": person.phone,
                    "email": person.email,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            )
    contact_ids = new_ids(session, CONTACTS, len(contact_rows))
    for contact_row, contact_id in zip(contact_rows, contact_ids, strict=True):
        contact_row["id"] = contact_id
    insert_many(session, CONTACTS, contact_rows)
    consents = []
    given = datetime.combine(starts_on - timedelta(days=30), time(12), tzinfo=UTC)
    for person, prospect_id in zip(people, prospect_ids, strict=True):
        for channel, granted in (("phone", person.phone_consent), ("email", person.email_consent)):
            if granted is None:
                continue
            consents.append(
                {
                    "owner_id": owner,
                    "prospect_id": prospect_id,
                    "contact_id": None,
                    "purpose": ConsentPurpose.PROSPECTING,
                    "channel": ConsentChannel(channel),
                    "status": ConsentStatus.GRANTED if granted else ConsentStatus.REFUSED,
                    "lawful_basis": LawfulBasis.CONSENT,
                    "given_at": given,
                    "method": ConsentMethod.WEB_FORM,
                    "text_version": "marché simulé",
                    "proof_reference": f"exercice:{run.exercise_id}:{person.key}",
                    "recorded_by": owner,
                    "created_at": now,
                }
            )
    insert_many(session, CONSENTS, consents)
    insert_many(
        session,
        MARKET_PEOPLE,
        [
            {
                "owner_id": owner,
                "run_id": run.id,
                "person_key": person.key,
                "prospect_id": prospect_id,
                "contact_id": contact_ids[contact_of[index]] if index in contact_of else None,
                "attributes": person.to_json(),
                "state": {},
            }
            for index, (person, prospect_id) in enumerate(zip(people, prospect_ids, strict=True))
        ],
    )
    return len(people)


_MOTIVES_BY_FOLD = {fold(m): m for m in population.MOTIVES}


def imported_people(rows: list[dict[str, Any]]) -> list[population.Person]:
    """The people of an imported market (``ImportedPerson`` as stored), numbered ``i0001``…
    in their order: the same people for every trainee; the model's draws still differ per
    run (their keys hold the run's seed)."""
    people = []
    for index, row in enumerate(rows):
        neutral = 0.5
        people.append(
            population.Person.from_json(
                {
                    **row,
                    "key": f"i{index + 1:04d}",
                    "index": index,
                    "company_name": row.get("company_name"),
                    "motives": [_MOTIVES_BY_FOLD.get(fold(m), m) for m in row["motives"]],
                    "receptiveness": {
                        c: row["receptiveness"].get(c, neutral) for c in population.CHANNELS
                    },
                    "hour_receptiveness": {
                        b: row["hour_receptiveness"].get(b, neutral) for b in HOUR_BANDS
                    },
                }
            )
        )
    return people


def work_under_case(session: Session, exercise: Exercise, trainee_id: int) -> None:
    """The trainee sells for the exercise's company during the run: when it is not already
    the case they work under, it becomes their own assignment (the sales, follow-up and
    loyalty domains read the trainee's active case, never the exercise)."""
    if exercise.business_case_id is None:
        return
    active = cases.active_case(session, trainee_id)
    if active is not None and active.case.id == exercise.business_case_id:
        return
    held = case_repo.assignment_for(session, cohort_id=None, trainee_id=trainee_id)
    if held is not None:
        session.delete(held)
        session.flush()
    session.add(
        BusinessCaseAssignment(business_case_id=exercise.business_case_id, trainee_id=trainee_id)
    )
    session.flush()


def start_run(session: Session, exercise: Exercise, run: ExerciseRun, version: int) -> ExerciseRun:
    check_version(run, version)
    if exercise.status is not ExerciseStatus.PUBLISHED:
        raise Conflict("Cet exercice n'est pas ouvert.", problem_slug="exercise-not-published")
    if run.status is not RunStatus.NOT_STARTED:
        raise Conflict("Ce parcours a déjà démarré.", problem_slug="run-started")
    other = session.scalar(
        select(ExerciseRun.id).where(
            ExerciseRun.owner_id == run.owner_id,
            ExerciseRun.status == RunStatus.RUNNING,
            ExerciseRun.id != run.id,
        )
    )
    if other is not None:
        raise Conflict(
            f"Vous avez déjà un exercice en cours (parcours {other}) : rendez-le d'abord.",
            problem_slug="run-already-running",
            running_run_id=other,
        )
    params = parameters_of(exercise)
    segments, needs, version_id = _segments_and_needs(session, exercise)
    starts_on = exercise.starts_on or today_local()
    people = (
        imported_people(exercise.population)
        if exercise.population
        else population.generate(
            run.seed, params.population, params, segments=segments, needs=needs
        )
    )
    work_under_case(session, exercise, run.owner_id)
    write_population(session, run, people, starts_on, params.people.customer_share)
    run.status = RunStatus.RUNNING
    run.starts_on = starts_on
    run.today = starts_on
    run.people = len(people)
    run.started_at = utcnow()
    run.business_case_version_id = version_id
    session.flush()
    publish(
        session,
        exercise.organisation_id,
        WebhookEventKind.EXERCISE_STARTED,
        {
            "exercise_id": exercise.id,
            "run_id": run.id,
            "trainee_id": run.owner_id,
            "starts_on": starts_on.isoformat(),
            "people": len(people),
        },
    )
    return run


def submit_run(session: Session, exercise: Exercise, run: ExerciseRun, version: int) -> ExerciseRun:
    from app.exercises import results

    check_version(run, version)
    require_running(exercise, run)
    run.status = RunStatus.SUBMITTED
    run.submitted_at = utcnow()
    run.today = sim_today(exercise, run)
    run.results = results.run_result(session, exercise, run)
    session.flush()
    publish(
        session,
        exercise.organisation_id,
        WebhookEventKind.RUN_SUBMITTED,
        {
            "exercise_id": exercise.id,
            "run_id": run.id,
            "trainee_id": run.owner_id,
            "submitted_at": run.submitted_at,
        },
    )
    return run
