"""Exercises: their lifecycle (draft → published → closed), their assignment to trainees
(one run per trainee), the ready-made templates. Runs and the market: ``runs.py``."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.business_cases import repository as case_repo
from app.common.clock import utcnow
from app.competences.catalogue import get_catalogue
from app.core import scoping
from app.core.errors import Conflict, FieldError, Forbidden
from app.core.events import publish
from app.core.patch import apply_patch, check_version
from app.core.principal import Principal
from app.exercises import templates
from app.exercises.document import ExerciseDocument
from app.exercises.repository import runs_by_status, user_names
from app.exercises.schemas import (
    MAX_ASSIGNEES,
    ExerciseCreate,
    ExerciseOut,
    ExerciseRunOut,
    ExerciseUpdate,
    MarketEventOut,
)
from app.market.draws import derive
from app.market.parameters import MarketParameters
from app.metrics import registry
from app.models import (
    BusinessCase,
    Cohort,
    Exercise,
    ExerciseRun,
    ExerciseStatus,
    MarketEvent,
    Prospect,
    Role,
    RunStatus,
    User,
    WebhookEventKind,
)


def _staff_only(principal: Principal) -> None:
    if principal.role not in (Role.ADMIN, Role.TRAINER):
        raise Forbidden("Les exercices se préparent par les formateurs et les administrateurs.")


def _check_competences(codes: list[str]) -> list[str]:
    catalogue = get_catalogue()
    for index, code in enumerate(codes):
        if code not in catalogue.codes and catalogue.criterion(code) is None:
            raise FieldError(
                f"competences.{index}",
                f"« {code} » n'est ni une compétence ni un critère du titre.",
            )
    return list(dict.fromkeys(codes))


def _check_objectives(objectives: list[dict[str, Any]]) -> list[dict[str, Any]]:
    known = {m.code for m in registry.all_metrics()}
    for index, objective in enumerate(objectives):
        if objective["metric"] not in known:
            raise FieldError(
                f"objectives.{index}.metric",
                f"Indicateur inconnu du registre : « {objective['metric']} » (GET /metrics).",
            )
    return objectives


def _check_case(session: Session, principal: Principal, case_id: int | None) -> None:
    if case_id is None:
        return
    case = session.get(BusinessCase, case_id)
    if case is None or case.organisation_id != principal.organisation_id:
        raise FieldError("business_case_id", f"Cas d'entreprise {case_id} introuvable.")
    if case_repo.latest_version(session, case.id) is None:
        raise FieldError(
            "business_case_id", "Ce cas d'entreprise n'est pas publié : publiez-le d'abord."
        )


def _objectives_json(objectives: Any) -> list[dict[str, Any]]:
    return [
        {"metric": o.metric, "target": str(o.target), "label": o.label or o.metric}
        for o in objectives
    ]


def _population_json(people: Any) -> list[dict[str, Any]] | None:
    if people is None:
        return None
    if not people:
        raise FieldError("population", "Un marché importé compte au moins une personne.")
    return [person.model_dump(mode="json") for person in people]


def create_exercise(session: Session, principal: Principal, data: ExerciseCreate) -> Exercise:
    _staff_only(principal)
    body = data.model_dump(exclude_unset=True)
    if data.template is not None:
        template = templates.TEMPLATES.get(data.template)
        if template is None:
            raise FieldError(
                "template",
                f"Modèle inconnu : « {data.template} » ({', '.join(templates.TEMPLATES)}).",
            )
        merged = {k: v for k, v in template.items() if k != "summary"}
        merged.update({k: v for k, v in body.items() if k != "template"})
        data = ExerciseCreate.model_validate(merged | {"template": data.template})
    _check_case(session, principal, data.business_case_id)
    exercise = Exercise(
        organisation_id=principal.organisation_id,
        title=data.title,
        instructions=data.instructions,
        business_case_id=data.business_case_id,
        objectives=_check_objectives(_objectives_json(data.objectives)),
        competences=_check_competences(data.competences),
        starts_on=data.starts_on,
        days=data.days,
        clock_mode=data.clock_mode,
        market=data.market.model_dump(mode="json"),
        seed=data.seed if data.seed is not None else secrets.randbits(62),
        population=_population_json(data.population),
        requires_note=data.requires_note,
        template_key=data.template,
        status=ExerciseStatus.DRAFT,
        created_by_id=principal.user_id,
        api_token_id=principal.api_token_id,
    )
    session.add(exercise)
    session.flush()
    return exercise


def update_exercise(
    session: Session, principal: Principal, exercise: Exercise, data: ExerciseUpdate
) -> Exercise:
    check_version(exercise, data.version)
    if exercise.status is ExerciseStatus.CLOSED:
        raise Conflict(
            "Cet exercice est clos : il ne se modifie plus.", problem_slug="exercise-closed"
        )
    started = exercise.status is ExerciseStatus.PUBLISHED and _any_started(session, exercise)
    if started and (
        data.market is not None
        or data.days is not None
        or data.starts_on is not None
        or "population" in data.model_fields_set
    ):
        raise Conflict(
            "Des stagiaires ont démarré cet exercice : son marché, sa durée et sa date de "
            "début ne changent plus (créez-en une copie).",
            problem_slug="exercise-started",
        )
    if data.business_case_id is not None:
        _check_case(session, principal, data.business_case_id)
    apply_patch(
        exercise,
        data,
        clearable={"business_case_id", "starts_on", "population"},
        skip={"objectives", "competences", "market", "population"},
    )
    if data.objectives is not None:
        exercise.objectives = _check_objectives(_objectives_json(data.objectives))
    if data.competences is not None:
        exercise.competences = _check_competences(data.competences)
    if data.market is not None:
        exercise.market = data.market.model_dump(mode="json")
    if "population" in data.model_fields_set:
        exercise.population = _population_json(data.population)
    exercise.updated_at = utcnow()
    session.flush()
    return exercise


def _any_started(session: Session, exercise: Exercise) -> bool:
    return (
        session.scalar(
            select(ExerciseRun.id).where(
                ExerciseRun.exercise_id == exercise.id,
                ExerciseRun.status != RunStatus.NOT_STARTED,
            )
        )
        is not None
    )


def publish_exercise(session: Session, exercise: Exercise, version: int) -> Exercise:
    check_version(exercise, version)
    if exercise.status is not ExerciseStatus.DRAFT:
        raise Conflict("Seul un brouillon se publie.", problem_slug="exercise-not-draft")
    if exercise.business_case_id is None:
        raise FieldError("business_case_id", "Choisissez le cas d'entreprise avant de publier.")
    exercise.status = ExerciseStatus.PUBLISHED
    exercise.published_at = utcnow()
    session.flush()
    return exercise


def close_exercise(
    session: Session, principal: Principal, exercise: Exercise, version: int
) -> Exercise:
    """Close the exercise and every run still open: their results are frozen."""
    from app.exercises import results  # the results read the runs (no cycle at import)

    check_version(exercise, version)
    if exercise.status is ExerciseStatus.CLOSED:
        raise Conflict("Cet exercice est déjà clos.", problem_slug="exercise-closed")
    now = utcnow()
    for run in session.scalars(select(ExerciseRun).where(ExerciseRun.exercise_id == exercise.id)):
        if run.status is not RunStatus.CLOSED:
            run.results = results.run_result(session, exercise, run)
            run.status = RunStatus.CLOSED
            run.closed_at = now
    exercise.status = ExerciseStatus.CLOSED
    exercise.closed_at = now
    session.flush()
    publish(
        session,
        exercise.organisation_id,
        WebhookEventKind.EXERCISE_CLOSED,
        {"exercise_id": exercise.id, "title": exercise.title, "closed_at": now},
    )
    return exercise


def delete_exercise(session: Session, exercise: Exercise) -> None:
    if exercise.status is not ExerciseStatus.DRAFT and _any_started(session, exercise):
        raise Conflict(
            "Des stagiaires ont démarré cet exercice : il se clôt, il ne se supprime pas.",
            problem_slug="exercise-started",
        )
    session.delete(exercise)
    session.flush()


def assign(
    session: Session,
    principal: Principal,
    exercise: Exercise,
    trainee_ids: list[int],
    cohort_id: int | None,
) -> list[ExerciseRun]:
    """One run per trainee named or member of the cohort (already assigned: kept)."""
    if exercise.status is ExerciseStatus.CLOSED:
        raise Conflict("Cet exercice est clos.", problem_slug="exercise-closed")
    if not trainee_ids and cohort_id is None:
        raise FieldError("trainee_ids", "Nommez des stagiaires ou une promotion.")
    # Whom the caller may assign is whom they may read (the one scoping rule): the admin
    # anybody of the organisation, a trainer the trainees and cohorts they lead.
    wanted: list[int] = []
    for index, trainee_id in enumerate(dict.fromkeys(trainee_ids)):
        user = session.scalar(
            select(User).where(User.id == trainee_id, scoping.readable(User, principal))
        )
        if (
            user is None
            or user.organisation_id != exercise.organisation_id
            or user.role is not Role.TRAINEE
            or not user.is_active
        ):
            raise FieldError(f"trainee_ids.{index}", f"Stagiaire {trainee_id} introuvable.")
        wanted.append(user.id)
    if cohort_id is not None:
        cohort = session.scalar(
            select(Cohort).where(Cohort.id == cohort_id, scoping.readable(Cohort, principal))
        )
        if cohort is None or cohort.organisation_id != exercise.organisation_id:
            raise FieldError("cohort_id", f"Promotion {cohort_id} introuvable.")
        wanted += list(
            session.scalars(
                select(User.id)
                .where(User.cohort_id == cohort_id, User.role == Role.TRAINEE, User.is_active)
                .order_by(User.id)
            )
        )
    wanted = list(dict.fromkeys(wanted))
    if len(wanted) > MAX_ASSIGNEES:
        raise FieldError("trainee_ids", f"Au plus {MAX_ASSIGNEES} stagiaires par exercice.")
    existing = set(
        session.scalars(select(ExerciseRun.owner_id).where(ExerciseRun.exercise_id == exercise.id))
    )
    created = [
        ExerciseRun(
            exercise_id=exercise.id,
            owner_id=trainee_id,
            status=RunStatus.NOT_STARTED,
            # Comparable, not identical markets: each trainee's run has its own seed.
            seed=derive(exercise.seed, "run", trainee_id),
        )
        for trainee_id in wanted
        if trainee_id not in existing
    ]
    session.add_all(created)
    session.flush()
    return created


def exercise_of(session: Session, run: ExerciseRun) -> Exercise:
    """A run's exercise (whoever may read the run reads what it is an exercise of)."""
    exercise = session.get(Exercise, run.exercise_id)
    assert exercise is not None  # a run is deleted with its exercise
    return exercise


def parameters_of(exercise: Exercise) -> MarketParameters:
    return MarketParameters.model_validate(exercise.market or {})


def exercises_out(session: Session, items: list[Exercise]) -> list[ExerciseOut]:
    counts = runs_by_status(session, [e.id for e in items])
    return [
        ExerciseOut.model_validate(e).model_copy(
            update={"runs": counts.get(e.id, {}), "imported_people": len(e.population or [])}
        )
        for e in items
    ]


def runs_out(session: Session, runs: list[ExerciseRun]) -> list[ExerciseRunOut]:
    from app.exercises.runs import ends_on, sim_today  # the clock lives with the runs

    names = user_names(session, {r.owner_id for r in runs})
    exercises = {
        e.id: e
        for e in session.scalars(
            select(Exercise).where(Exercise.id.in_({r.exercise_id for r in runs}))
        )
    }
    out = []
    for run in runs:
        exercise = exercises[run.exercise_id]
        today = sim_today(exercise, run)
        end = ends_on(exercise, run)
        out.append(
            ExerciseRunOut(
                id=run.id,
                exercise_id=run.exercise_id,
                exercise_title=exercise.title,
                owner_id=run.owner_id,
                trainee_id=run.owner_id,
                trainee_name=names.get(run.owner_id, ""),
                status=run.status,
                starts_on=run.starts_on,
                today=today,
                ends_on=end,
                days_left=(end - today).days if end and today else None,
                started_at=run.started_at,
                submitted_at=run.submitted_at,
                closed_at=run.closed_at,
                people=run.people,
                advance_total=run.advance_total,
                advance_done=run.advance_done,
                version=run.version,
            )
        )
    return out


# ----------------------------------------------------------------- export and import


def export_document(session: Session, exercise: Exercise) -> dict[str, Any]:
    """The exercise and the latest published version of its business case, as one document
    (``document.ExerciseDocument``)."""
    from app.business_cases import service as cases

    case_doc = None
    if exercise.business_case_id is not None:
        version = case_repo.latest_version(session, exercise.business_case_id)
        if version is not None:
            case_doc = cases.stored(cases.document_of(version))
    return {
        "schema_version": 1,
        "exercise": {
            "title": exercise.title,
            "instructions": exercise.instructions,
            "objectives": exercise.objectives,
            "competences": exercise.competences,
            "starts_on": exercise.starts_on.isoformat() if exercise.starts_on else None,
            "days": exercise.days,
            "clock_mode": exercise.clock_mode.value,
            "market": exercise.market,
            "seed": exercise.seed,
            "requires_note": exercise.requires_note,
            "template_key": exercise.template_key,
            "population": exercise.population,
        },
        "business_case": case_doc,
    }


def import_document(session: Session, principal: Principal, doc: ExerciseDocument) -> Exercise:
    """A new draft exercise from a document; its business case, when the document has one,
    becomes a new case of the organisation, published (the exercise needs a published case)."""
    from app.business_cases import service as cases

    _staff_only(principal)
    case_id = None
    if doc.business_case is not None:
        case = cases.create_case(session, principal, doc.business_case)
        cases.publish(session, principal, case, case.version)
        case_id = case.id
    body = doc.exercise
    data = ExerciseCreate(
        title=body.title,
        instructions=body.instructions,
        business_case_id=case_id,
        objectives=body.objectives,
        competences=body.competences,
        starts_on=body.starts_on,
        days=body.days,
        clock_mode=body.clock_mode,
        market=body.market,
        seed=body.seed,
        requires_note=body.requires_note,
        population=body.population,
    )
    exercise = create_exercise(session, principal, data)
    exercise.template_key = body.template_key
    return exercise


def events_out(session: Session, events: list[MarketEvent]) -> list[MarketEventOut]:
    """Market events with the name of the prospect each one is about."""
    ids = {e.prospect_id for e in events if e.prospect_id is not None}
    names = (
        dict(session.execute(select(Prospect.id, Prospect.name).where(Prospect.id.in_(ids))).all())
        if ids
        else {}
    )
    return [
        MarketEventOut.model_validate(e).model_copy(
            update={"prospect_name": names.get(e.prospect_id) if e.prospect_id else None}
        )
        for e in events
    ]
