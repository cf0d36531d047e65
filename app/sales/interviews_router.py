"""Interview routes: an appointment's preparation sheet and what is known beside it, its
report (and the report as PDF or HTML), and the objection library."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response, status

from app.auth.deps import CurrentPrincipal
from app.competences.evidence import about, note_criteria
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.errors import NotFound
from app.core.schemas import Id
from app.prospects.repository import AppointmentRepository
from app.sales import documents, interviews
from app.sales.schemas import (
    ObjectionIn,
    ObjectionOut,
    PreparationIn,
    PreparationOut,
    ReportIn,
    ReportOut,
    VisitContext,
)

router = APIRouter(tags=["sales"])

# The preparation shows CP6.1 (once per sheet and set of criteria), CP6.2 when an argument
# has its proof and a support to show; the report CP6.3 and CP6.4, and CP6.5–CP6.8 as its
# content shows them (app/sales/README.md).
PREPARING = exercises("CP6", criteria=["CP6.1"])
REPORTING = exercises("CP6", criteria=["CP6.3", "CP6.4"])
LIBRARY = exercises("CP6", criteria=["CP6.6"], evidence=False)
READING = exercises("CP6", evidence=False)


@router.get(
    "/appointments/{appointment_id}/preparation",
    response_model=PreparationOut,
    summary="La fiche de préparation d'un rendez-vous et ce qui lui manque",
    **READING,
)
def read_preparation(appointment_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    appointment = AppointmentRepository(session, principal).get_readable(appointment_id)
    found = interviews.preparation_of(session, appointment.id)
    if found is None:
        raise NotFound("Ce rendez-vous n'a pas encore de fiche de préparation.")
    return interviews.preparation_out(found)


@router.put(
    "/appointments/{appointment_id}/preparation",
    response_model=PreparationOut,
    summary="Écrire ou remplacer la fiche de préparation (avec sa version pour remplacer)",
    **PREPARING,
)
def save_preparation(
    appointment_id: Id,
    data: PreparationIn,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
) -> Any:
    appointment = AppointmentRepository(session, principal).get_writable(appointment_id)
    saved = interviews.save_preparation(session, principal, appointment, data)
    if interviews.shows_arguments(saved):
        note_criteria(request, "CP6.2")
    return interviews.preparation_out(saved)


@router.get(
    "/appointments/{appointment_id}/preparation/context",
    response_model=VisitContext,
    summary="Ce que l'on sait du prospect : fiche, personas, historique, veille, concurrents",
    **READING,
)
def visit_context(appointment_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    appointment = AppointmentRepository(session, principal).get_readable(appointment_id)
    return interviews.context(session, principal, appointment)


@router.get(
    "/appointments/{appointment_id}/report",
    response_model=ReportOut,
    summary="Le compte rendu d'entretien et ce qui lui manque pour être exploitable",
    **READING,
)
def read_report(appointment_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    appointment = AppointmentRepository(session, principal).get_readable(appointment_id)
    found = interviews.report_of(session, appointment.id)
    if found is None:
        raise NotFound("Ce rendez-vous n'a pas encore de compte rendu.")
    return interviews.report_out(session, found)


@router.put(
    "/appointments/{appointment_id}/report",
    response_model=ReportOut,
    summary="Écrire ou remplacer le compte rendu (les étapes suivantes deviennent des tâches)",
    **REPORTING,
)
def save_report(
    appointment_id: Id,
    data: ReportIn,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
) -> Any:
    appointment = AppointmentRepository(session, principal).get_writable(appointment_id)
    saved = interviews.save_report(session, principal, appointment, data)
    # What the request showed is the report (its next steps also create tasks: without this,
    # the first task made would be taken for the thing shown, and a step added would count
    # the same report again).
    about(request, "interview_reports", saved.id)
    criteria = interviews.report_criteria(saved)
    if criteria:
        note_criteria(request, *criteria)
    return interviews.report_out(session, saved)


@router.get(
    "/appointments/{appointment_id}/report/document",
    summary="Le compte rendu en PDF (ou HTML)",
    response_class=Response,
    responses={
        200: {"content": {"application/pdf": {}, "text/html": {}}, "description": "Le document."}
    },
    **READING,
)
def report_document(
    appointment_id: Id,
    session: DbSession,
    principal: CurrentPrincipal,
    format_: Annotated[Literal["pdf", "html"], Query(alias="format")] = "pdf",
) -> Response:
    appointment = AppointmentRepository(session, principal).get_readable(appointment_id)
    found = interviews.report_of(session, appointment.id)
    if found is None:
        raise NotFound("Ce rendez-vous n'a pas encore de compte rendu.")
    body = documents.report(session, found, format_)
    media = documents.MEDIA_TYPES[format_] + ("; charset=utf-8" if format_ == "html" else "")
    name = f"compte-rendu-{appointment.id}.{format_}"
    return Response(
        content=body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get(
    "/objections",
    response_model=list[ObjectionOut],
    summary="La bibliothèque d'objections : celles de l'entreprise, puis les siennes",
    **LIBRARY,
)
def list_objections(session: DbSession, principal: CurrentPrincipal) -> Any:
    return interviews.library_of(session, principal.user_id)


@router.post(
    "/objections",
    response_model=ObjectionOut,
    status_code=status.HTTP_201_CREATED,
    summary="Enrichir sa bibliothèque d'une objection et de sa réponse",
    **LIBRARY,
)
def add_objection(data: ObjectionIn, session: DbSession, principal: CurrentPrincipal) -> Any:
    entry = interviews.add_objection(session, principal, data)
    return {"id": entry.id, "source": "own", "kind": entry.kind, "objection": entry.objection,
            "answer": entry.answer, "technique": entry.technique}  # fmt: skip


@router.delete(
    "/objections/{objection_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Retirer une objection de sa bibliothèque",
    **LIBRARY,
)
def delete_objection(objection_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    interviews.delete_objection(session, principal, objection_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
