"""Run routes: a trainee's exercises, their simulated clock, and the actions the market
answers (calls, e-mails); staff read the runs of their organisation's exercises."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from app.auth.deps import AppSettings, CurrentPrincipal, OwnerFilter
from app.competences.evidence import note_criteria
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination, page_of
from app.core.schemas import Id, Page
from app.exercises import answers, play, runs, service
from app.exercises.repository import MarketEventRepository, RunRepository
from app.exercises.schemas import (
    AdvanceCreate,
    AnswerOut,
    CallCreate,
    ClockAdvanced,
    EmailCreate,
    ExerciseRunOut,
    MarketEventOut,
    RunStep,
)
from app.models import RunStatus

router = APIRouter(tags=["exercises"])

CALL = exercises("CP3", criteria=["CP3.1", "CP3.7"])
REFUSED = "Refusé par la politique des canaux (RGPD), ou parcours pas en cours"
EMAIL = exercises("CP3", criteria=["CP3.1", "CP3.7"])


def _run(session: DbSession, principal: CurrentPrincipal, run_id: int, *, write: bool) -> Any:
    repository = RunRepository(session, principal)
    run = repository.get_writable(run_id) if write else repository.get_readable(run_id)
    return service.exercise_of(session, run), run


@router.get(
    "/exercise-runs",
    response_model=Page[ExerciseRunOut],
    summary="Parcours d'exercices (les siens ; ceux des stagiaires pour le formateur)",
)
def list_exercise_runs(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    status_: Annotated[RunStatus | None, Query(alias="status")] = None,
) -> Any:
    items, total = RunRepository(session, principal).page(page, status=status_, owner_id=owner_id)
    return page_of(service.runs_out(session, items), total, page)


@router.get(
    "/exercise-runs/{run_id}",
    response_model=ExerciseRunOut,
    summary="Un parcours : statut et horloge simulée",
)
def read_exercise_run(run_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    _, run = _run(session, principal, run_id, write=False)
    return service.runs_out(session, [run])[0]


@router.post(
    "/exercise-runs/{run_id}/start",
    response_model=ExerciseRunOut,
    summary="Démarrer son parcours (le marché simulé entre dans le fichier)",
)
def start_exercise_run(
    run_id: Id, data: RunStep, session: DbSession, principal: CurrentPrincipal
) -> Any:
    exercise, run = _run(session, principal, run_id, write=True)
    runs.start_run(session, exercise, run, data.version)
    return service.runs_out(session, [run])[0]


@router.post(
    "/exercise-runs/{run_id}/advance",
    response_model=ClockAdvanced,
    summary="Avancer l'horloge simulée (le marché joue les jours passés)",
)
def advance_exercise_run(
    run_id: Id,
    data: AdvanceCreate,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> Any:
    exercise, run = _run(session, principal, run_id, write=True)
    played, events = play.advance_run(session, settings, exercise, run, data.days, data.version)
    return {
        "run": service.runs_out(session, [run])[0],
        "days_played": played,
        "events": service.events_out(session, events),
    }


@router.post(
    "/exercise-runs/{run_id}/submit",
    response_model=ExerciseRunOut,
    summary="Rendre son parcours (les résultats sont figés)",
)
def submit_exercise_run(
    run_id: Id, data: RunStep, session: DbSession, principal: CurrentPrincipal
) -> Any:
    exercise, run = _run(session, principal, run_id, write=True)
    runs.submit_run(session, exercise, run, data.version)
    return service.runs_out(session, [run])[0]


@router.get(
    "/exercise-runs/{run_id}/events",
    response_model=Page[MarketEventOut],
    summary="Ce que le marché a répondu et fait, jour après jour",
)
def list_market_events(
    run_id: Id,
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    kind: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]+$")] = None,
) -> Any:
    _, run = _run(session, principal, run_id, write=False)
    items, total = MarketEventRepository(session, principal).page(page, run.id, kind=kind)
    return page_of(service.events_out(session, items), total, page)


@router.post(
    "/exercise-runs/{run_id}/calls",
    response_model=AnswerOut,
    status_code=201,
    summary="Appeler un prospect du marché (la politique des canaux, puis le marché répond)",
    responses={409: {"description": REFUSED}},
    **CALL,
)
def call_market_prospect(
    run_id: Id,
    data: CallCreate,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> Any:
    exercise, run = _run(session, principal, run_id, write=True)
    answer = answers.call(session, principal, settings, exercise, run, data)
    note_criteria(request, *answer.criteria)
    return answer


@router.post(
    "/exercise-runs/{run_id}/emails",
    response_model=AnswerOut,
    status_code=201,
    summary="Envoyer un e-mail à un prospect du marché (la politique des canaux décide d'abord)",
    responses={409: {"description": REFUSED}},
    **EMAIL,
)
def email_market_prospect(
    run_id: Id,
    data: EmailCreate,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
) -> Any:
    exercise, run = _run(session, principal, run_id, write=True)
    answer = answers.email(session, principal, settings, exercise, run, data)
    note_criteria(request, *answer.criteria)
    return answer
