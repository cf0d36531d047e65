"""Competence catalogue, evidence journal, assessments and portfolios."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response, status

from app.auth.deps import Assessor, CurrentPrincipal
from app.competences import journal, service
from app.competences.catalogue import get_catalogue
from app.competences.export import MEDIA_TYPES, ExportFormat, filename, render_portfolio
from app.competences.schemas import (
    AssessmentCreate,
    AssessmentOut,
    BlockOut,
    CatalogueOut,
    CompetenceOut,
    EvidenceOut,
    Portfolio,
)
from app.core.db import DbSession
from app.core.errors import NotFound
from app.core.pagination import (
    Pagination,
    sort_query,
)
from app.core.schemas import DateTime, Id, Page

router = APIRouter(tags=["competences"])

# Reading the catalogue, a journal or a portfolio, and assessing, exercise no competence of
# the trainee's: these routes declare none (no badge, no evidence).


def _competence_out(code: str) -> CompetenceOut:
    comp = get_catalogue().competence(code)
    if comp is None:
        raise NotFound(f"Compétence « {code} » inconnue du référentiel.")
    return CompetenceOut.model_validate(comp)


@router.get("/competences", response_model=CatalogueOut, summary="Référentiel (REAC) et critères")
def read_catalogue(principal: CurrentPrincipal) -> CatalogueOut:
    catalogue = get_catalogue()
    return CatalogueOut(
        version=catalogue.version,
        framework=catalogue.framework,
        blocks=[BlockOut.model_validate(b) for b in catalogue.blocks],
        competences=[_competence_out(c.code) for c in catalogue.competences],
    )


@router.get("/competences/{code}", response_model=CompetenceOut, summary="Une compétence")
def read_competence(
    code: Annotated[str, Path(max_length=16)], principal: CurrentPrincipal
) -> CompetenceOut:
    return _competence_out(code.upper())


# --------------------------------------------------------------------------- evidence

CodeFilter = Annotated[str | None, Query(max_length=16, description="CP3, CP3.7…")]


def evidence_query(
    page: Pagination,
    sort: Annotated[str | None, sort_query(journal.EVIDENCE_SORTS)] = None,
    code: CodeFilter = None,
    since: Annotated[DateTime | None, Query(description="À partir de (inclus).")] = None,
    until: Annotated[DateTime | None, Query(description="Jusqu'à (exclu).")] = None,
    resource_type: Annotated[str | None, Query(max_length=80)] = None,
) -> journal.EvidenceQuery:
    return journal.EvidenceQuery(
        page, sort, code.upper() if code else None, since, until, resource_type
    )


EvidenceFilters = Annotated[journal.EvidenceQuery, Depends(evidence_query)]


@router.get("/me/evidence", response_model=Page[EvidenceOut], summary="Mon journal de preuves")
def my_evidence(
    session: DbSession, principal: CurrentPrincipal, filters: EvidenceFilters
) -> Page[EvidenceOut]:
    return journal.evidence_page(session, principal, principal.user_id, filters)


@router.get(
    "/trainees/{trainee_id}/evidence",
    response_model=Page[EvidenceOut],
    summary="Journal de preuves d'un stagiaire",
)
def trainee_evidence(
    trainee_id: Id, session: DbSession, principal: CurrentPrincipal, filters: EvidenceFilters
) -> Page[EvidenceOut]:
    trainee = service.trainee_for(session, principal, trainee_id)
    return journal.evidence_page(session, principal, trainee.id, filters)


# --------------------------------------------------------------------------- portfolio


@router.get("/me/portfolio", response_model=Portfolio, summary="Mon portfolio")
def my_portfolio(session: DbSession, principal: CurrentPrincipal) -> Portfolio:
    return service.portfolio(
        session, principal, service.trainee_for(session, principal, principal.user_id)
    )


@router.get(
    "/trainees/{trainee_id}/portfolio",
    response_model=Portfolio,
    summary="Portfolio d'un stagiaire",
)
def trainee_portfolio(trainee_id: Id, session: DbSession, principal: CurrentPrincipal) -> Portfolio:
    return service.portfolio(
        session, principal, service.trainee_for(session, principal, trainee_id)
    )


def _export(portfolio: Portfolio, fmt: ExportFormat) -> Response:
    return Response(
        render_portfolio(portfolio, fmt),
        media_type=f"{MEDIA_TYPES[fmt]}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename(portfolio, fmt)}"'},
    )


EXPORT_RESPONSES = {
    200: {
        "content": {"text/markdown": {}, "text/html": {}},
        "description": "Le portfolio, prêt à joindre au dossier professionnel.",
    }
}
FormatQuery = Annotated[ExportFormat, Query(description="markdown ou html")]


@router.get(
    "/me/portfolio/export",
    response_class=Response,
    responses=EXPORT_RESPONSES,  # type: ignore[arg-type]
    summary="Exporter mon portfolio",
)
def export_my_portfolio(
    session: DbSession, principal: CurrentPrincipal, format: FormatQuery = ExportFormat.HTML
) -> Response:
    trainee = service.trainee_for(session, principal, principal.user_id)
    return _export(service.portfolio(session, principal, trainee), format)


@router.get(
    "/trainees/{trainee_id}/portfolio/export",
    response_class=Response,
    responses=EXPORT_RESPONSES,  # type: ignore[arg-type]
    summary="Exporter le portfolio d'un stagiaire",
)
def export_trainee_portfolio(
    trainee_id: Id,
    session: DbSession,
    principal: CurrentPrincipal,
    format: FormatQuery = ExportFormat.HTML,
) -> Response:
    trainee = service.trainee_for(session, principal, trainee_id)
    return _export(service.portfolio(session, principal, trainee), format)


# --------------------------------------------------------------------------- assessments


@router.get(
    "/trainees/{trainee_id}/assessments",
    response_model=Page[AssessmentOut],
    summary="Historique des évaluations d'un stagiaire",
)
def list_assessments(
    trainee_id: Id,
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    sort: Annotated[str | None, sort_query(journal.ASSESSMENT_SORTS)] = None,
    criterion_code: CodeFilter = None,
) -> Page[AssessmentOut]:
    trainee = service.trainee_for(session, principal, trainee_id)
    return journal.assessment_page(session, principal, trainee.id, criterion_code, sort, page)


@router.post(
    "/trainees/{trainee_id}/assessments",
    response_model=AssessmentOut,
    status_code=status.HTTP_201_CREATED,
    summary="Évaluer un critère (formateur de la cohorte)",
)
def create_assessment(
    trainee_id: Id, data: AssessmentCreate, session: DbSession, principal: Assessor
) -> AssessmentOut:
    trainee = service.trainee_for(session, principal, trainee_id)
    return service.assess(session, principal, trainee, data)
