"""Invoice routes: the invoice of an order or a delivery, credit notes, payments, relaunches;
the list (overdue invoices among them) and one invoice with its history."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, status

from app.auth.deps import CurrentPrincipal, OwnerFilter
from app.competences.tagging import exercises
from app.core.db import DbSession
from app.core.pagination import Pagination, page_of, sort_query
from app.core.schemas import Id, Page
from app.follow_up import escalations, invoices, policy
from app.follow_up.invoice_repository import INVOICE_SORTS, InvoiceRepository
from app.follow_up.invoice_schemas import (
    CreditNoteCreate,
    InvoiceCreate,
    InvoiceDetail,
    InvoiceOut,
    PaymentCreate,
    RelaunchCreate,
)
from app.follow_up.schemas import EscalationOut, UnpaidEscalationCreate
from app.models import InvoiceKind, InvoiceStatus

router = APIRouter(tags=["follow-up"])

# Invoicing, crediting, recording a payment and relaunching follow the company's procedures
# (CP7.1): evidence once per invoice, credit note, payment and relaunch.
INVOICING = exercises("CP7", criteria=["CP7.1"])
READING = exercises("CP7", criteria=["CP7.1"], evidence=False)
ERRORS: dict[int | str, dict[str, Any]] = {
    409: {
        "description": "Commande annulée ou déjà facturée, montant au-delà du solde ou de la "
        "délégation, relance hors de son ordre ou avant sa date, version périmée."
    }
}


@router.get(
    "/invoices",
    response_model=Page[InvoiceOut],
    summary="Factures et avoirs (les siens ; ceux des stagiaires suivis), dont les impayés",
    **READING,
)
def list_invoices(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    owner_id: OwnerFilter,
    sort: Annotated[str | None, sort_query(INVOICE_SORTS)] = None,
    prospect_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    order_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    status_: Annotated[InvoiceStatus | None, Query(alias="status")] = None,
    kind: InvoiceKind | None = None,
    overdue: Annotated[
        bool | None,
        Query(description="true : les factures à régler dont l'échéance est passée ; false : "
              "les autres."),
    ] = None,
) -> Page[Any]:  # fmt: skip
    today = policy.today()
    items, total, exact = InvoiceRepository(session, principal).page(
        page, owner_id=owner_id, prospect_id=prospect_id, order_id=order_id, status=status_,
        kind=kind, overdue=overdue, today=today, sort=sort,
    )  # fmt: skip
    return page_of(invoices.rows(session, items, today), total, page, exact=exact)


@router.post(
    "/invoices",
    response_model=InvoiceDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Facturer une commande (ce qui n'est pas encore facturé) ou une livraison",
    responses=ERRORS,
    **INVOICING,
)
def create_invoice(data: InvoiceCreate, session: DbSession, principal: CurrentPrincipal) -> Any:
    return invoices.detail(session, invoices.issue(session, principal, data))


@router.get(
    "/invoices/{invoice_id}",
    response_model=InvoiceDetail,
    summary="Une facture ou un avoir : lignes, paiements, avoirs, relances",
    **READING,
)
def read_invoice(invoice_id: Id, session: DbSession, principal: CurrentPrincipal) -> Any:
    return invoices.detail(session, InvoiceRepository(session, principal).get_readable(invoice_id))


@router.post(
    "/invoices/{invoice_id}/credit-notes",
    response_model=InvoiceDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Émettre un avoir sur une facture (retour, geste commercial) : l'avoir",
    responses=ERRORS,
    **INVOICING,
)
def create_credit_note(
    invoice_id: Id, data: CreditNoteCreate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    found = InvoiceRepository(session, principal).get_writable(invoice_id)
    return invoices.detail(session, invoices.credit_note(session, principal, found, data))


@router.post(
    "/invoices/{invoice_id}/payments",
    response_model=InvoiceDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Enregistrer un paiement reçu : la facture et son solde",
    responses=ERRORS,
    **INVOICING,
)
def record_payment(
    invoice_id: Id, data: PaymentCreate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    found = InvoiceRepository(session, principal).get_writable(invoice_id)
    return invoices.detail(session, invoices.record_payment(session, found, data))


@router.post(
    "/invoices/{invoice_id}/relaunches",
    response_model=InvoiceDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Relancer une facture échue au niveau suivant, lettre et pénalités : la facture",
    responses=ERRORS,
    **INVOICING,
)
def relaunch_invoice(
    invoice_id: Id, data: RelaunchCreate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    found = InvoiceRepository(session, principal).get_writable(invoice_id)
    return invoices.detail(session, invoices.relaunch(session, found, data))


@router.post(
    "/invoices/{invoice_id}/escalate",
    response_model=EscalationOut,
    status_code=status.HTTP_201_CREATED,
    summary="Transmettre à la comptabilité une facture impayée après mise en demeure",
    responses=ERRORS,
    **exercises("CP7", criteria=["CP7.4"]),
)
def escalate_invoice(
    invoice_id: Id, data: UnpaidEscalationCreate, session: DbSession, principal: CurrentPrincipal
) -> Any:
    found = InvoiceRepository(session, principal).get_writable(invoice_id)
    sent = escalations.escalate_unpaid(session, principal, found, data)
    return escalations.rows(session, [sent])[0]
