"""Quote routes: drafts on the business case's catalogue, the exact figures and their
breakdown, the trainee's figure checker, the manager's approval of a discount beyond the
limits, sending (numbered, frozen), the client's answer and revisions."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response, status

from app.auth.deps import CurrentPrincipal, DiscountApprover, OwnerFilter
from app.competences.evidence import about
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination, page_of, sort_query
from app.core.schemas import Id, Page
from app.models import QuoteStatus
from app.sales import documents, quotes
from app.sales.repository import QUOTE_SORTS, QuoteRepository
from app.sales.schemas import (
    ApprovalDecision,
    CheckOut,
    FigureCheck,
    FiguresOut,
    QuoteAnswer,
    QuoteCompute,
    QuoteCreate,
    QuoteDetail,
    QuoteOut,
    QuoteStep,
    QuoteUpdate,
)

router = APIRouter(tags=["sales"])

# The closing (CP6.7) is shown when a quote is sent, once per quote number; drafting,
# computing and checking figures exercise it without being evidence of their own.
QUOTING = exercises("CP6", criteria=["CP6.7"], evidence=False)
CLOSING = exercises("CP6", criteria=["CP6.7"])
QUOTE_ERRORS: dict[int | str, dict[str, Any]] = {
    409: {"description": "Remise hors limites sans accord, devis figé, état incompatible."}
}


def _writable(session: DbSession, principal: CurrentPrincipal, quote_id: int) -> Any:
    return QuoteRepository(session, principal).get_writable(quote_id)


@router.get(
    "/quotes",
    response_model=Page[QuoteOut],
    summary="Devis (les siens ; ceux des stagiaires suivis)",
    **QUOTING,
)
def list_quotes(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(QUOTE_SORTS)] = None,
    opportunity_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    prospect_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    status_: Annotated[QuoteStatus | None, Query(alias="status")] = None,
    approval_pending: Annotated[
        bool | None, Query(description="Seulement les demandes d'accord en attente.")
    ] = None,
) -> Page[Any]:
    items, total = QuoteRepository(session, principal).page(
        page,
        owner_id=owner_id,
        opportunity_id=opportunity_id,
        prospect_id=prospect_id,
        status=status_,
        approval_pending=approval_pending,
        sort=sort,
    )
    return page_of(quotes.rows(session, items), total, page)


@router.post(
    "/quotes",
    response_model=QuoteDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Établir un devis (brouillon) pour une opportunité",
    responses=QUOTE_ERRORS,
    **QUOTING,
)
def create_quote(data: QuoteCreate, session: DbSession, principal: CurrentPrincipal) -> Any:
    return quotes.detail(session, quotes.create(session, principal, data))


@router.post(
    "/quotes/compute",
    response_model=FiguresOut,
    summary="Calculer des lignes sans enregistrer (totaux et détail des étapes)",
    **QUOTING,
)
def compute_quote(data: QuoteCompute, session: DbSession, principal: CurrentPrincipal) -> Any:
    return quotes.preview(session, principal, data)


@router.get(
    "/quotes/{quote_id}",
    response_model=QuoteDetail,
    summary="Un devis et tous ses chiffres",
    **QUOTING,
)
def read_quote(
    quote_id: Id,
    session: DbSession,
    principal: CurrentPrincipal,
    steps: Annotated[bool, Query(description="Avec le détail pédagogique des étapes.")] = False,
) -> Any:
    found = QuoteRepository(session, principal).get_readable(quote_id)
    return quotes.detail(session, found, with_steps=steps)


@router.patch(
    "/quotes/{quote_id}",
    response_model=QuoteDetail,
    summary="Modifier un brouillon (les lignes données remplacent les lignes)",
    responses=QUOTE_ERRORS,
    **QUOTING,
)
def update_quote(
    quote_id: Id, data: QuoteUpdate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    found = _writable(session, principal, quote_id)
    return quotes.detail(session, quotes.update(session, found, data))


@router.delete(
    "/quotes/{quote_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer un brouillon",
    responses=QUOTE_ERRORS,
    **QUOTING,
)
def delete_quote(quote_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    quotes.delete(session, _writable(session, principal, quote_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/quotes/{quote_id}/check",
    response_model=CheckOut,
    summary="Vérifier ses propres calculs : chiffre par chiffre, l'attendu et l'étape fautive",
    **QUOTING,
)
def check_quote(
    quote_id: Id, data: FigureCheck, session: DbSession, principal: CurrentPrincipal
) -> Any:
    # The trainee's own exercise: only the quote's owner checks figures against it.
    return quotes.check_figures(session, _writable(session, principal, quote_id), data.figures)


@router.post(
    "/quotes/{quote_id}/send",
    response_model=QuoteDetail,
    summary="Envoyer le devis : numéroté, il est figé",
    responses=QUOTE_ERRORS,
    **CLOSING,
)
def send_quote(
    quote_id: Id, data: QuoteStep, request: Request, session: DbSession, principal: CurrentPrincipal
) -> Any:
    sent = quotes.send(session, principal, _writable(session, principal, quote_id), data.version)
    about(request, "quotes", sent.id, once_per=f"quote:{sent.business_case_id}:{sent.number}")
    return quotes.detail(session, sent)


@router.post(
    "/quotes/{quote_id}/answer",
    response_model=QuoteDetail,
    summary="La réponse du client : accepté (opportunité gagnée) ou refusé",
    responses=QUOTE_ERRORS,
    **QUOTING,
)
def answer_quote(
    quote_id: Id, data: QuoteAnswer, session: DbSession, principal: CurrentPrincipal
) -> Any:
    found = _writable(session, principal, quote_id)
    answered = quotes.answer(
        session,
        principal,
        found,
        data.version,
        accepted=data.accepted,
        refusal_reason=data.refusal_reason,
    )
    return quotes.detail(session, answered)


@router.post(
    "/quotes/{quote_id}/revise",
    response_model=QuoteDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Réviser un devis envoyé : un brouillon, même numéro, révision suivante",
    responses=QUOTE_ERRORS,
    **QUOTING,
)
def revise_quote(
    quote_id: Id, data: QuoteStep, session: DbSession, principal: CurrentPrincipal
) -> Any:
    found = _writable(session, principal, quote_id)
    return quotes.detail(session, quotes.revise(session, principal, found, data.version))


@router.post(
    "/quotes/{quote_id}/approval",
    response_model=QuoteDetail,
    summary="Le manager (formateur) accorde ou refuse une remise hors limites",
    responses=QUOTE_ERRORS,
    **QUOTING,
)
def decide_approval(
    quote_id: Id, data: ApprovalDecision, session: DbSession, principal: DiscountApprover
) -> Any:
    found = QuoteRepository(session, principal).get_readable(quote_id)
    decided = quotes.decide_approval(
        session, principal, found, data.version, approve=data.approve, comment=data.comment
    )
    return quotes.detail(session, decided)


@router.get(
    "/quotes/{quote_id}/document",
    summary="Le devis en PDF (ou HTML) avec ses mentions obligatoires",
    response_class=Response,
    responses={
        200: {
            "content": {"application/pdf": {}, "text/html": {}},
            "description": "Le document du devis.",
        }
    },
    **QUOTING,
)
def quote_document(
    quote_id: Id,
    session: DbSession,
    principal: CurrentPrincipal,
    format_: Annotated[Literal["pdf", "html"], Query(alias="format")] = "pdf",
) -> Response:
    found = QuoteRepository(session, principal).get_readable(quote_id)
    body: bytes | str = (
        documents.pdf(session, found) if format_ == "pdf" else documents.html(session, found)
    )
    media = documents.MEDIA_TYPES[format_] + ("; charset=utf-8" if format_ == "html" else "")
    return Response(
        content=body,
        media_type=media,
        headers={
            "Content-Disposition": f'attachment; filename="{documents.filename(found, format_)}"'
        },
    )
