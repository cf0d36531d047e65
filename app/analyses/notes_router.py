"""Synthesis note routes (CP4.3, CT1.5): the draft, its advice and charts, the frozen
versions and their exports (HTML, PDF), comments and reads by the trainer or the company
tutor, the queue of notes to read, the CP4 assessment from a note."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response, status

from app.analyses import charts, notes
from app.analyses import service as analyses
from app.analyses.documents import markdown_html, note_html, note_pdf
from app.analyses.repository import NoteRepository
from app.analyses.schemas import (
    CommentCreate,
    CommentOut,
    NoteAssessmentIn,
    NoteOut,
    NotePreview,
    NoteSubmit,
    NoteUpdate,
    NoteVersionOut,
    QueueItem,
)
from app.auth.deps import Assessor, CurrentPrincipal, OwnerFilter
from app.competences.evidence import shows_nothing
from app.competences.schemas import AssessmentOut
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination, page_of, paginate
from app.core.schemas import Id, Page
from app.models import Analysis, NoteStatus, SynthesisNote, User

router = APIRouter(tags=["analyses"])

WRITING = exercises("CP4", criteria=["CP4.3", "CT1.5"], evidence=False)
# A submitted version is the note the manager reads: shown once per version.
SUBMITTING = exercises("CP4", criteria=["CP4.3", "CT1.5"])
VersionNumber = Annotated[int, Path(ge=1, le=10_000, description="Numéro de version.")]
Format = Literal["html", "pdf"]
ChartName = Literal["objectives", "funnel", "trend", "pareto"]
MEDIA = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


@router.post(
    "/analyses/{analysis_id}/note",
    response_model=NoteOut,
    status_code=status.HTTP_201_CREATED,
    summary="Rédiger la note de synthèse (brouillon tiré de l'analyse)",
    responses={409: {"description": "L'analyse a déjà sa note."}},
    **WRITING,
)
def open_synthesis_note(analysis_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    return notes.note_out(session, notes.open_note(session, principal, analysis_id))


@router.get("/notes", response_model=Page[NoteOut], summary="Notes de synthèse", **WRITING)
def list_notes(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    note_status: Annotated[NoteStatus | None, Query(alias="status")] = None,
) -> Page[Any]:
    stmt = NoteRepository(session, principal).readable_statement(owner_id)
    if note_status is not None:
        stmt = stmt.where(SynthesisNote.status == note_status)
    items, total = paginate(
        session, stmt.order_by(SynthesisNote.updated_at.desc(), SynthesisNote.id.desc()), page
    )
    return page_of([notes.note_out(session, n) for n in items], total, page)


@router.get(
    "/notes/queue",
    response_model=list[QueueItem],
    summary="Les notes soumises à lire (formateur, tuteur)",
    **WRITING,
)
def notes_queue(session: DbSession, principal: CurrentPrincipal) -> Any:
    return notes.queue(session, principal)


@router.get("/notes/{note_id}", response_model=NoteOut, summary="Une note", **WRITING)
def read_note(note_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    return notes.note_out(session, NoteRepository(session, principal).get_readable(note_id))


@router.patch("/notes/{note_id}", response_model=NoteOut, summary="Réécrire la note", **WRITING)
def update_note(
    note_id: Id, data: NoteUpdate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    return notes.note_out(session, notes.update(session, principal, note_id, data))


@router.post(
    "/notes/{note_id}/submit",
    response_model=NoteVersionOut,
    status_code=status.HTTP_201_CREATED,
    summary="Soumettre la note (une version figée : texte, chiffres et graphiques)",
    **SUBMITTING,
)
def submit_note(
    note_id: Id, data: NoteSubmit, session: DbSession, principal: CurrentPrincipal
) -> Any:
    frozen = notes.submit(session, principal, note_id, data.version)
    return notes.versions_out(session, principal, [frozen])[0]


@router.get(
    "/notes/{note_id}/charts/{chart}",
    summary="Un graphique de la note, calculé maintenant (aperçu du brouillon)",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}}},
    **WRITING,
)
def draft_chart(
    chart: ChartName, note_id: Id, session: DbSession, principal: CurrentPrincipal
) -> Response:
    note = NoteRepository(session, principal).get_readable(note_id)
    analysis = session.get(Analysis, note.analysis_id)
    assert analysis is not None
    data = charts.chart_data(analyses.figures(session, analysis))
    return Response(charts.render(chart, data[chart], "svg"), media_type="image/svg+xml")


@router.get(
    "/notes/{note_id}/preview",
    response_model=NotePreview,
    summary="Aperçu du brouillon : le texte mis en forme, graphiques calculés maintenant",
    **WRITING,
)
def preview_note(note_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    note = NoteRepository(session, principal).get_readable(note_id)
    analysis = session.get(Analysis, note.analysis_id)
    assert analysis is not None
    data = charts.chart_data(analyses.figures(session, analysis))
    return {
        "note_id": note.id,
        "version": note.version,
        "html": markdown_html(note.body, data, fmt="svg"),
    }


@router.get(
    "/notes/{note_id}/versions/{number}/preview",
    response_model=NotePreview,
    summary="Une version soumise mise en forme (ses graphiques figés)",
    **WRITING,
)
def preview_note_version(
    note_id: Id, number: VersionNumber, session: DbSession, principal: CurrentPrincipal
) -> Any:
    version = notes.version_of(session, principal, note_id, number)
    html = markdown_html(version.body, version.charts, fmt="svg")
    return {"note_id": note_id, "version": version.number, "html": html}


@router.get(
    "/notes/{note_id}/versions",
    response_model=list[NoteVersionOut],
    summary="Les versions soumises",
    **WRITING,
)
def list_note_versions(note_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    return notes.versions_out(session, principal, notes.versions_of(session, principal, note_id))


@router.get(
    "/notes/{note_id}/versions/{number}",
    response_model=NoteVersionOut,
    summary="Une version soumise",
    **WRITING,
)
def read_note_version(
    note_id: Id,
    number: VersionNumber,
    session: DbSession,
    principal: CurrentPrincipal,
) -> Any:
    version = notes.version_of(session, principal, note_id, number)
    return notes.versions_out(session, principal, [version])[0]


@router.get(
    "/notes/{note_id}/versions/{number}/export",
    summary="Exporter une version (HTML ou PDF, avec ses graphiques)",
    response_class=Response,
    responses={200: {"content": {"text/html": {}, "application/pdf": {}}}},
    **WRITING,
)
def export_note_version(
    note_id: Id,
    number: VersionNumber,
    session: DbSession,
    principal: CurrentPrincipal,
    export_format: Annotated[Format, Query(alias="format")] = "pdf",
) -> Response:
    version = notes.version_of(session, principal, note_id, number)
    note = NoteRepository(session, principal).get_readable(note_id)
    analysis = session.get(Analysis, note.analysis_id)
    owner = session.get(User, note.owner_id)
    assert analysis is not None
    assert owner is not None
    fields: dict[str, Any] = {
        "title": version.title,
        "trainee": owner.full_name,
        "period": f"du {analysis.starts_on:%d/%m/%Y} au {analysis.ends_on:%d/%m/%Y}",
        "version": f"Version {version.number}",
        "submitted": f"{version.submitted_at:%d/%m/%Y}",
        "body": version.body,
        "charts": version.charts,
    }
    content = note_pdf(**fields) if export_format == "pdf" else note_html(**fields).encode()
    filename = f"note-{note.id}-v{version.number}.{export_format}"
    return Response(
        content,
        media_type=MEDIA[export_format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get(
    "/notes/{note_id}/versions/{number}/comments",
    response_model=list[CommentOut],
    summary="Les commentaires d'une version",
    **WRITING,
)
def list_note_comments(
    note_id: Id, number: VersionNumber, session: DbSession, principal: CurrentPrincipal
) -> Any:
    version = notes.version_of(session, principal, note_id, number)
    return notes.comments_out(session, notes.comments_of(session, version))


@router.post(
    "/notes/{note_id}/versions/{number}/comments",
    response_model=CommentOut,
    status_code=status.HTTP_201_CREATED,
    summary="Commenter une version (formateur, tuteur), sur un passage ou la note entière",
    **WRITING,
)
def add_note_comment(
    note_id: Id,
    number: VersionNumber,
    data: CommentCreate,
    session: DbSession,
    principal: CurrentPrincipal,
) -> Any:
    row = notes.comment(session, principal, note_id, number, data)
    return notes.comments_out(session, [row])[0]


@router.post(
    "/notes/{note_id}/versions/{number}/read",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Marquer une version comme lue (elle quitte la file)",
    **WRITING,
)
def mark_note_read(
    note_id: Id,
    number: VersionNumber,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
) -> Response:
    notes.mark_read(session, principal, note_id, number)
    shows_nothing(request)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/notes/{note_id}/versions/{number}/assessment",
    response_model=list[AssessmentOut],
    status_code=status.HTTP_201_CREATED,
    summary="Évaluer les critères de CP4 d'après la note (formateur)",
    **WRITING,
)
def assess_note(
    note_id: Id,
    number: VersionNumber,
    data: NoteAssessmentIn,
    session: DbSession,
    principal: Assessor,
) -> Any:
    return notes.assess(session, principal, note_id, number, data)
