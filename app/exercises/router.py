"""Exercise routes for trainers and exercise platforms (API tokens of scope ``exercises``):
exercises, their templates, assignment, runs, results, cohort advance."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Query, Request, Response, status

from app.auth.deps import CurrentPrincipal
from app.core.db import DbSession
from app.core.pagination import Pagination, page_of
from app.core.schemas import Id, Page
from app.exercises import document, jobs, results, service, templates
from app.exercises.document import ExerciseDocument
from app.exercises.repository import ExerciseRepository, RunRepository
from app.exercises.schemas import (
    AdvanceCreate,
    ExerciseAssignment,
    ExerciseCreate,
    ExerciseOut,
    ExerciseRunOut,
    ExerciseStep,
    ExerciseUpdate,
    ResultsFormat,
    ResultsOut,
    TemplateOut,
)
from app.market.parameters import MarketParameters
from app.models import ExerciseStatus, RunStatus

router = APIRouter(tags=["exercises"])


def _readable(session: DbSession, principal: CurrentPrincipal, exercise_id: int) -> Any:
    return ExerciseRepository(session, principal).get_readable(exercise_id)


def _writable(session: DbSession, principal: CurrentPrincipal, exercise_id: int) -> Any:
    return ExerciseRepository(session, principal).get_writable(exercise_id)


@router.get(
    "/exercises/templates", response_model=list[TemplateOut], summary="Exercices prêts à l'emploi"
)
def list_exercise_templates(principal: CurrentPrincipal) -> Any:
    return templates.summaries()


@router.get(
    "/exercises/market-schema",
    summary="Schéma JSON des paramètres du marché simulé",
    response_model=dict[str, Any],
)
def market_schema(principal: CurrentPrincipal) -> Any:
    return MarketParameters.model_json_schema()


@router.get(
    "/exercises/schema",
    summary="Schéma JSON du document d'exercice (export et import)",
    response_model=dict[str, Any],
)
def exercise_schema(principal: CurrentPrincipal) -> Any:
    return document.json_schema()


@router.post(
    "/exercises/import",
    response_model=ExerciseOut,
    status_code=status.HTTP_201_CREATED,
    summary="Importer un exercice et son cas d'entreprise (document JSON), validé en entier",
)
def import_exercise(data: ExerciseDocument, session: DbSession, principal: CurrentPrincipal) -> Any:
    exercise = service.import_document(session, principal, data)
    return service.exercises_out(session, [exercise])[0]


@router.get(
    "/exercises/{exercise_id}/export",
    response_model=ExerciseDocument,
    summary="Exporter l'exercice et son cas d'entreprise (document JSON)",
)
def export_exercise(exercise_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    exercise = _writable(session, principal, exercise_id)
    return service.export_document(session, exercise)


@router.get(
    "/exercises",
    response_model=Page[ExerciseOut],
    summary="Exercices (de l'organisation ; les siens pour un stagiaire)",
)
def list_exercises(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    status_: Annotated[ExerciseStatus | None, Query(alias="status")] = None,
) -> Any:
    items, total = ExerciseRepository(session, principal).page(page, status=status_)
    return page_of(service.exercises_out(session, items), total, page)


@router.post(
    "/exercises",
    response_model=ExerciseOut,
    status_code=status.HTTP_201_CREATED,
    summary="Créer un exercice (vide ou depuis un modèle)",
)
def create_exercise(data: ExerciseCreate, session: DbSession, principal: CurrentPrincipal) -> Any:
    exercise = service.create_exercise(session, principal, data)
    return service.exercises_out(session, [exercise])[0]


@router.get("/exercises/{exercise_id}", response_model=ExerciseOut, summary="Un exercice")
def read_exercise(exercise_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    return service.exercises_out(session, [_readable(session, principal, exercise_id)])[0]


@router.patch(
    "/exercises/{exercise_id}", response_model=ExerciseOut, summary="Modifier un exercice"
)
def update_exercise(
    exercise_id: Id, data: ExerciseUpdate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    exercise = service.update_exercise(
        session, principal, _writable(session, principal, exercise_id), data
    )
    return service.exercises_out(session, [exercise])[0]


@router.delete(
    "/exercises/{exercise_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer un exercice que personne n'a démarré",
)
def delete_exercise(exercise_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    service.delete_exercise(session, _writable(session, principal, exercise_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/exercises/{exercise_id}/publish",
    response_model=ExerciseOut,
    summary="Publier (les stagiaires assignés le voient et le démarrent)",
)
def publish_exercise(
    exercise_id: Id, data: ExerciseStep, session: DbSession, principal: CurrentPrincipal
) -> Any:
    exercise = service.publish_exercise(
        session, _writable(session, principal, exercise_id), data.version
    )
    return service.exercises_out(session, [exercise])[0]


@router.post(
    "/exercises/{exercise_id}/close",
    response_model=ExerciseOut,
    summary="Clore l'exercice (les résultats de chaque parcours sont figés)",
)
def close_exercise(
    exercise_id: Id, data: ExerciseStep, session: DbSession, principal: CurrentPrincipal
) -> Any:
    exercise = service.close_exercise(
        session, principal, _writable(session, principal, exercise_id), data.version
    )
    return service.exercises_out(session, [exercise])[0]


@router.post(
    "/exercises/{exercise_id}/assignments",
    response_model=list[ExerciseRunOut],
    status_code=status.HTTP_201_CREATED,
    summary="Assigner à des stagiaires ou à une promotion (un parcours chacun)",
)
def assign_exercise(
    exercise_id: Id, data: ExerciseAssignment, session: DbSession, principal: CurrentPrincipal
) -> Any:
    runs = service.assign(
        session,
        principal,
        _writable(session, principal, exercise_id),
        data.trainee_ids,
        data.cohort_id,
    )
    return service.runs_out(session, runs)


@router.get(
    "/exercises/{exercise_id}/runs",
    response_model=Page[ExerciseRunOut],
    summary="Parcours des stagiaires : statut, horloge, progression",
)
def list_runs_of_exercise(
    exercise_id: Id,
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    status_: Annotated[RunStatus | None, Query(alias="status")] = None,
) -> Any:
    exercise = _readable(session, principal, exercise_id)
    items, total = RunRepository(session, principal).page(
        page, exercise_id=exercise.id, status=status_
    )
    return page_of(service.runs_out(session, items), total, page)


@router.get(
    "/exercises/{exercise_id}/results",
    response_model=ResultsOut,
    summary="Résultats par stagiaire (JSON, ou CSV avec format=csv)",
    responses={200: {"content": {"text/csv": {}}}},
)
def read_exercise_results(
    exercise_id: Id,
    session: DbSession,
    principal: CurrentPrincipal,
    format_: Annotated[ResultsFormat, Query(alias="format")] = "json",
) -> Any:
    exercise = _writable(session, principal, exercise_id)
    data = results.results(session, exercise, RunRepository(session, principal).all_of(exercise.id))
    if format_ == "csv":
        name = f"exercice-{exercise.id}-resultats.csv"
        return Response(
            content=results.results_csv(data),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    return data


@router.post(
    "/exercises/{exercise_id}/advance",
    response_model=list[ExerciseRunOut],
    status_code=status.HTTP_202_ACCEPTED,
    summary="Avancer l'horloge de tous les parcours en cours (tâche de fond avec progression)",
)
def advance_exercise_runs(
    exercise_id: Id,
    data: AdvanceCreate,
    request: Request,
    background: BackgroundTasks,
    session: DbSession,
    principal: CurrentPrincipal,
) -> Any:
    exercise = _writable(session, principal, exercise_id)
    runs = jobs.prepare_advance(session, exercise, data.days, data.version)
    background.add_task(
        jobs.advance_job,
        request.app.state.session_factory,
        request.app.state.settings,
        exercise.id,
        [r.id for r in runs],
        data.days,
    )
    return service.runs_out(session, runs)
