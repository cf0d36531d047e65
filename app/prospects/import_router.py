"""Import (CSV/XLSX: dry-run, report, commit) and export (CSV/XLSX) of the prospect file.

Registered before ``prospects.router`` so that ``/prospects/imports`` and
``/prospects/export`` are not taken for ``/prospects/{prospect_id}``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import (
    APIRouter,
    BackgroundTasks,
    Body,
    Depends,
    File,
    Form,
    Query,
    Request,
    Response,
    UploadFile,
    status,
)
from fastapi.responses import StreamingResponse

from app.auth.deps import AppSettings, CurrentPrincipal
from app.common.clock import utcnow
from app.common.geo import haversine_km
from app.competences import evidence
from app.competences.tagging import exercises
from app.consent.audit import audit
from app.core.db import DbSession, start_writing, work_first
from app.core.pagination import Pagination, count, sort_query
from app.core.schemas import Id, Page
from app.geocoding import service as geocoding
from app.models import DuplicatePolicy, ImportJob, ImportStatus, ProspectKind
from app.prospects import export
from app.prospects.deps import Filters
from app.prospects.imports import service
from app.prospects.imports.mapping import (
    CONSENT_FIELDS,
    CONTACT_FIELDS,
    MAX_MAPPING_CHARS,
    MAX_MAPPING_ENTRIES,
    TARGET_FIELDS,
)
from app.prospects.imports.schemas import (
    CommitOptions,
    ImportField,
    ImportJobOut,
    ImportJobSummary,
    ImportRules,
)
from app.prospects.repository import PROSPECT_SORT_FIELDS, ImportJobRepository, listing

router = APIRouter(tags=["import-export"])

IMPORT = exercises("CT4", "CP3", criteria=["CP3.7"])
# The dry run shows nothing yet: the file is updated when the import is written, and the
# commit's job journals it then, with what it wrote (``EvidenceDraft``).
DRY_RUN = exercises("CT4", "CP3", criteria=["CP3.7"], evidence=False)
# The commit's rows are written after the response: its evidence is recorded by that
# background transaction (service.run_commit), not by the request's.
COMMIT = exercises("CT4", "CP3", criteria=["CP3.7"])  # handed to the job: evidence.draft
EXPORT = exercises("CT4", "CP3")


# ------------------------------------------------------------------ import


@router.post(
    "/prospects/imports",
    response_model=ImportJobOut,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Importer un fichier de prospects (CSV ou XLSX) : analyse à blanc",
    description=(
        "Crée un import et lance son analyse à blanc (lecture, correspondance des colonnes, "
        "validation, doublons) après la réponse ; suivez-la sur "
        "`GET /prospects/imports/{import_id}`, puis écrivez avec `…/commit`. "
        "CSV (`,` ou `;`, UTF-8 avec ou sans BOM, sinon Windows-1252) ou XLSX (1re feuille)."
    ),
    dependencies=[Depends(work_first)],
    **DRY_RUN,
)
def upload_import(
    request: Request,
    background: BackgroundTasks,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
    file: Annotated[UploadFile, File(description="Le fichier CSV ou XLSX.")],
    mapping: Annotated[
        str | None,
        Form(
            max_length=MAX_MAPPING_CHARS,
            description='Objet JSON {"colonne du fichier": "champ"} qui remplace la '
            f"correspondance suggérée (null pour ignorer une colonne) ; {MAX_MAPPING_ENTRIES} "
            "colonnes au plus.",
        ),
    ] = None,
    duplicate_policy: Annotated[
        DuplicatePolicy,
        Form(description="Doublons : skip (ignorer), update (compléter la fiche), create."),
    ] = DuplicatePolicy.SKIP,
    kind_default: Annotated[
        ProspectKind | None, Form(description="Type des lignes quand le fichier n'en dit rien.")
    ] = None,
) -> ImportJob:
    content = file.file.read(settings.import_max_bytes + 1)
    # Reading the file takes seconds: the route works first (no SQLite write lock meanwhile,
    # other trainees' writes go on) and takes the lock only to store the job.
    inspected = service.inspect_upload(
        settings,
        filename=file.filename,
        content=content,
        raw_mapping=mapping,
        kind_default=kind_default,
    )
    start_writing(session)
    job = service.create_job(session, principal, inspected, duplicate_policy)
    background.add_task(
        service.run_dry_run, request.app.state.session_factory, principal, settings, job.id
    )
    return job


@router.get(
    "/prospects/imports",
    response_model=Page[ImportJobSummary],
    summary="Imports de prospects",
    **IMPORT,
)
def list_imports(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    status_: Annotated[ImportStatus | None, Query(alias="status")] = None,
) -> Page[ImportJobSummary]:
    return service.import_page(session, principal, status_, page)


@router.get(
    "/prospects/imports/rules",
    response_model=ImportRules,
    summary="Ce qu'un import accepte : champs de la correspondance, formats, limites",
    **IMPORT,
)
def import_rules(settings: AppSettings, principal: CurrentPrincipal) -> ImportRules:
    def group(field: str) -> str:
        if field in CONTACT_FIELDS:
            return "contact"
        return "consent" if field in CONSENT_FIELDS else "prospect"

    return ImportRules(
        fields=[
            ImportField(field=f, label=label[:1].upper() + label[1:], group=group(f))
            for f, label in TARGET_FIELDS.items()
        ],
        formats=["csv", "xlsx"],
        max_bytes=settings.import_max_bytes,
        max_rows=settings.import_max_rows,
    )


@router.get(
    "/prospects/imports/{import_id}",
    response_model=ImportJobOut,
    summary="Un import : statut, décomptes, rapport",
    **IMPORT,
)
def read_import(import_id: Id, session: DbSession, principal: CurrentPrincipal) -> ImportJobOut:
    job = ImportJobRepository(session, principal).get_readable(import_id)
    return service.job_out(session, principal, job)


@router.post(
    "/prospects/imports/{import_id}/commit",
    response_model=ImportJobOut,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Écrire un import validé (tout ou rien)",
    description=(
        "Écrit toutes les lignes en une seule transaction, après la réponse : si une seule "
        "écriture échoue, rien n'est écrit et l'import passe « failed ». Refusé (409) si "
        "l'import n'est pas validé, ou s'il a des lignes invalides sans "
        "`skip_invalid_rows: true`. Un import resté « writing » après un arrêt du serveur "
        "(rien n'a été écrit) est de nouveau validé : cette route le relance."
    ),
    **COMMIT,
)
def commit_import(
    import_id: Id,
    request: Request,
    background: BackgroundTasks,
    session: DbSession,
    principal: CurrentPrincipal,
    settings: AppSettings,
    options: Annotated[CommitOptions | None, Body()] = None,
) -> ImportJob:
    skip = bool(options and options.skip_invalid_rows)
    job = service.request_commit(session, principal, import_id, skip_invalid_rows=skip)
    background.add_task(
        service.run_commit,
        request.app.state.session_factory,
        principal,
        settings,
        job.id,
        skip_invalid_rows=skip,
        evidence=evidence.draft(request),  # journaled by the job, with what it wrote
    )
    # Then an online geocoder refines the new positions, outside the import's transaction.
    background.add_task(
        geocoding.geocode_later,
        request.app.state.session_factory,
        settings,
        owner_id=job.owner_id,
    )
    return job


@router.delete(
    "/prospects/imports/{import_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Annuler un import pas encore écrit (le fichier est effacé)",
    **IMPORT,
)
def cancel_import(import_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    service.cancel_job(session, principal, import_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# ------------------------------------------------------------------ export


@router.get(
    "/prospects/export",
    summary="Exporter le fichier prospects (CSV ou XLSX), avec les filtres de la liste",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {export.CSV_MEDIA_TYPE: {}, export.XLSX_MEDIA_TYPE: {}},
            "description": "Le fichier (pièce jointe).",
        }
    },
    **EXPORT,
)
def export_prospects(
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
    filters: Filters,
    file_format: Annotated[
        export.ExportFormat, Query(alias="format", description="csv ou xlsx")
    ] = export.ExportFormat.CSV,
    sort: Annotated[str | None, sort_query(PROSPECT_SORT_FIELDS)] = None,
) -> StreamingResponse:
    listed = listing(session, principal, filters, sort)
    stmt, extra = listed.stmt, listed.extra
    total = count(session, listed.counted)
    extra_columns: list[tuple[str, Any]] = []
    if "persona_match" in extra:
        extra_columns.append(("Adéquation persona (%)", extra["persona_match"]))
    headers = [h for h, _ in export.COLUMNS] + [h for h, _ in extra_columns]
    convert = _with_distance(filters.near) if filters.near is not None else _identity
    if filters.near is not None:
        headers.append("Distance (km)")
    audit(
        session,
        principal,
        "export",
        detail=f"Export {file_format.value.upper()} : {total} fiche(s)",
        own_transaction=True,
    )
    factory = request.app.state.session_factory
    query = export.export_statement(stmt, extra_columns)
    chunks = (
        export.xlsx_chunks(factory, query, headers, convert)
        if file_format is export.ExportFormat.XLSX
        else export.csv_chunks(factory, query, headers, convert)
    )
    media_type = (
        export.XLSX_MEDIA_TYPE if file_format is export.ExportFormat.XLSX else export.CSV_MEDIA_TYPE
    )
    name = export.filename(file_format, utcnow().date())
    return StreamingResponse(
        chunks,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "X-Total-Count": str(total),
        },
    )


def _identity(row: Any) -> Any:
    return row


def _with_distance(near: tuple[float, float]) -> Any:
    lat_index = [h for h, _ in export.COLUMNS].index("Latitude")

    def convert(row: Any) -> list[Any]:
        lat, lon = row[lat_index], row[lat_index + 1]
        distance = (
            round(haversine_km(*near, lat, lon), 2) if lat is not None and lon is not None else None
        )
        return [*row, distance]

    return convert
