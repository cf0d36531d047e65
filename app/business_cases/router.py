"""Business case routes: the organisation's cases (trainers and admins write them), their
versions, imports and exports, assignments, and the case a trainee works under."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Response, UploadFile, status
from fastapi.responses import JSONResponse

from app.auth.deps import CaseManager, CurrentPrincipal
from app.auth.repository import readable_trainee
from app.business_cases import service
from app.business_cases.document import BusinessCaseDocument, json_schema
from app.business_cases.repository import (
    CASE_SORTS,
    BusinessCaseRepository,
    VersionRepository,
)
from app.business_cases.schemas import (
    ActiveCaseOut,
    AssignmentCreate,
    AssignmentOut,
    BusinessCaseDraftUpdate,
    BusinessCaseOut,
    BusinessCaseStep,
    BusinessCaseSummary,
    VersionDocumentOut,
    VersionOut,
)
from app.core.db import DbSession
from app.core.pagination import Pagination, page_of, sort_query
from app.core.schemas import MAX_INT, Id, Page
from app.models import BusinessCaseStatus

router = APIRouter(tags=["business-cases"])

CaseId = Id
VersionNumber = Annotated[int, Query(ge=1, le=MAX_INT, description="Numéro de version publiée.")]


@router.get(
    "/business-cases",
    response_model=Page[BusinessCaseSummary],
    summary="Cas d'entreprise de l'organisation (un stagiaire : celui qui lui est attribué)",
)
def list_cases(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    sort: Annotated[str | None, sort_query(CASE_SORTS)] = None,
    status_: Annotated[BusinessCaseStatus | None, Query(alias="status")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Mots du nom.")] = None,
) -> Page[Any]:
    items, total = BusinessCaseRepository(session, principal).page(
        page, sort=sort, status=status_, q=q
    )
    return page_of(service.summaries(session, items), total, page)


@router.get(
    "/business-cases/schema",
    summary="Schéma JSON d'un cas d'entreprise (format d'import et d'export)",
    response_model=dict[str, Any],
)
def read_schema(principal: CurrentPrincipal) -> dict[str, Any]:
    return json_schema()


@router.get(
    "/business-cases/active",
    response_model=ActiveCaseOut,
    summary="Le cas d'entreprise sous lequel un stagiaire travaille (le sien par défaut)",
)
def read_active_case(
    session: DbSession,
    principal: CurrentPrincipal,
    trainee_id: Annotated[
        int | None, Query(ge=1, le=MAX_INT, description="Un stagiaire suivi (formateur).")
    ] = None,
) -> dict[str, Any]:
    trainee = readable_trainee(session, principal, trainee_id or principal.user_id)
    return service.active_view(service.require_active_case(session, trainee.id))


@router.post(
    "/business-cases",
    response_model=BusinessCaseOut,
    status_code=status.HTTP_201_CREATED,
    summary="Créer un cas d'entreprise (brouillon) à partir de son document",
)
def create_case(
    document: BusinessCaseDocument, session: DbSession, principal: CaseManager
) -> dict[str, Any]:
    case = service.create_case(session, principal, document)
    return service.case_view(session, principal, case)


@router.post(
    "/business-cases/import",
    response_model=BusinessCaseOut,
    status_code=status.HTTP_201_CREATED,
    summary="Importer un cas d'entreprise (fichier JSON), validé en entier avant écriture",
)
def import_case(
    session: DbSession,
    principal: CaseManager,
    file: Annotated[UploadFile, File(description="Le document JSON (2 Mo au plus).")],
    publish: Annotated[bool, Form(description="Publier la version 1 aussitôt.")] = False,
) -> dict[str, Any]:
    document = service.parse_import(file.file.read(service.IMPORT_MAX_BYTES + 1))
    case = service.create_case(session, principal, document)
    if publish:
        service.publish(session, principal, case, case.version)
    return service.case_view(session, principal, case)


@router.get(
    "/business-cases/{case_id}",
    response_model=BusinessCaseOut,
    summary="Un cas d'entreprise et son document (brouillon, ou version publiée pour un stagiaire)",
)
def read_case(case_id: CaseId, session: DbSession, principal: CurrentPrincipal) -> dict[str, Any]:
    case = BusinessCaseRepository(session, principal).get_readable(case_id)
    return service.case_view(session, principal, case)


@router.put(
    "/business-cases/{case_id}",
    response_model=BusinessCaseOut,
    summary="Remplacer le brouillon (document entier, verrou optimiste)",
)
def replace_draft(
    case_id: CaseId, data: BusinessCaseDraftUpdate, session: DbSession, principal: CaseManager
) -> dict[str, Any]:
    case = BusinessCaseRepository(session, principal).get_writable(case_id)
    service.replace_draft(session, case, data.version, data.document)
    return service.case_view(session, principal, case)


@router.delete(
    "/business-cases/{case_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer un cas jamais publié",
)
def delete_case(case_id: CaseId, session: DbSession, principal: CaseManager) -> Response:
    service.delete_case(session, BusinessCaseRepository(session, principal).get_writable(case_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/business-cases/{case_id}/publish",
    response_model=VersionOut,
    status_code=status.HTTP_201_CREATED,
    summary="Publier le brouillon : une nouvelle version, que les nouveaux dossiers portent",
)
def publish_case(
    case_id: CaseId, data: BusinessCaseStep, session: DbSession, principal: CaseManager
) -> Any:
    case = BusinessCaseRepository(session, principal).get_writable(case_id)
    return service.publish(session, principal, case, data.version)


@router.post(
    "/business-cases/{case_id}/archive",
    response_model=BusinessCaseSummary,
    summary="Archiver un cas (plus attribué à personne)",
)
def archive_case(
    case_id: CaseId, data: BusinessCaseStep, session: DbSession, principal: CaseManager
) -> dict[str, Any]:
    case = BusinessCaseRepository(session, principal).get_writable(case_id)
    service.archive(session, case, data.version)
    return service.summaries(session, [case])[0]


@router.post(
    "/business-cases/{case_id}/restore",
    response_model=BusinessCaseSummary,
    summary="Restaurer un cas archivé",
)
def restore_case(
    case_id: CaseId, data: BusinessCaseStep, session: DbSession, principal: CaseManager
) -> dict[str, Any]:
    case = BusinessCaseRepository(session, principal).get_writable(case_id)
    service.restore(session, case, data.version)
    return service.summaries(session, [case])[0]


@router.get(
    "/business-cases/{case_id}/versions",
    response_model=list[VersionOut],
    summary="Versions publiées d'un cas, la plus récente d'abord",
)
def list_versions(case_id: CaseId, session: DbSession, principal: CurrentPrincipal) -> Any:
    case = BusinessCaseRepository(session, principal).get_readable(case_id)
    return VersionRepository(session, principal).of_case(case.id)


@router.get(
    "/business-cases/{case_id}/versions/{number}",
    response_model=VersionDocumentOut,
    summary="Une version publiée et son document",
)
def read_version(
    case_id: CaseId,
    number: Id,
    session: DbSession,
    principal: CurrentPrincipal,
) -> dict[str, Any]:
    case = BusinessCaseRepository(session, principal).get_readable(case_id)
    version = VersionRepository(session, principal).numbered(case.id, number)
    return {
        "id": version.id,
        "business_case_id": version.business_case_id,
        "number": version.number,
        "published_at": version.published_at,
        "published_by_id": version.published_by_id,
        "document": service.document_of(version),
    }


@router.get(
    "/business-cases/{case_id}/export",
    summary="Exporter un cas en un document JSON (brouillon, ou une version publiée)",
    response_model=BusinessCaseDocument,
)
def export_case(
    case_id: CaseId,
    session: DbSession,
    principal: CurrentPrincipal,
    version: VersionNumber | None = None,
) -> JSONResponse:
    case = BusinessCaseRepository(session, principal).get_readable(case_id)
    document, number = service.export_document(session, principal, case, version)
    name = f"cas-entreprise-{case.id}-{'brouillon' if number == 0 else f'v{number}'}.json"
    return JSONResponse(
        document.model_dump(mode="json"),
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get(
    "/business-cases/{case_id}/assignments",
    response_model=list[AssignmentOut],
    summary="Promotions et stagiaires qui ont reçu ce cas",
)
def list_assignments(case_id: CaseId, session: DbSession, principal: CaseManager) -> Any:
    case = BusinessCaseRepository(session, principal).get_readable(case_id)
    return service.assignments_view(session, principal, case)


@router.post(
    "/business-cases/{case_id}/assignments",
    response_model=AssignmentOut,
    status_code=status.HTTP_201_CREATED,
    summary="Attribuer ce cas à une promotion ou à un stagiaire",
    responses={200: {"description": "Déjà attribué : l'attribution existante."}},
)
def assign_case(
    case_id: CaseId,
    data: AssignmentCreate,
    session: DbSession,
    principal: CaseManager,
    response: Response,
) -> Any:
    case = BusinessCaseRepository(session, principal).get_writable(case_id)
    assignment, created = service.assign(session, principal, case, data)
    if not created:
        response.status_code = status.HTTP_200_OK
    views = service.assignments_view(session, principal, case)
    return next(v for v in views if v["id"] == assignment.id)


@router.delete(
    "/business-cases/{case_id}/assignments/{assignment_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Retirer une attribution",
)
def unassign_case(
    case_id: CaseId,
    assignment_id: Id,
    session: DbSession,
    principal: CaseManager,
) -> Response:
    case = BusinessCaseRepository(session, principal).get_writable(case_id)
    service.unassign(session, case, assignment_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
