"""Payloads of the invoice routes (issue 17): invoices and credit notes, payments, relaunches."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field

from app.core.schemas import Day, Id, InputSchema, MultilineText, Schema, VersionedUpdate
from app.models import Channel, InvoiceKind, InvoiceStatus, PaymentMethod, RelaunchLevel
from app.sales.schemas import TvaRate

#: The largest amount a payment or a credit note may carry (the columns hold 12 digits).
MAX_AMOUNT = Decimal("100000000000")
Amount = Annotated[
    Decimal,
    Field(gt=0, le=MAX_AMOUNT, decimal_places=2, description="Montant en €, au centime."),
    AfterValidator(lambda value: value.quantize(Decimal("0.01"))),
]


class InvoiceCreate(InputSchema):
    """The invoice of an order (all its lines not yet invoiced) or of one of its deliveries
    (the quantities it carries)."""

    order_id: Id
    delivery_id: Id | None = None
    business_client: bool | None = Field(
        default=None,
        description="Client professionnel (pénalités de retard et indemnité de 40 €) ; absent : "
        "selon la fiche (une entreprise l'est, un particulier non).",
    )
    notes: Annotated[MultilineText, Field(max_length=5000)] = ""


class CreditNoteCreate(VersionedUpdate):
    """A credit note on an invoice: an amount HT at one of the invoice's TVA rates."""

    amount_ht: Amount
    tva_rate: TvaRate | None = Field(
        default=None,
        description="Taux de TVA de l'avoir : celui de la facture quand elle n'en a qu'un, "
        "à donner quand elle en a plusieurs.",
    )
    reason: str = Field(
        min_length=1,
        max_length=500,
        description="« return » (retour de marchandise), « commercial_gesture » (geste "
        "commercial) ou un motif libre.",
    )


class PaymentCreate(VersionedUpdate):
    paid_on: Day
    amount: Amount
    method: PaymentMethod
    reference: str = Field(default="", max_length=120)


class RelaunchCreate(VersionedUpdate):
    """A relaunch of an overdue invoice, at the next level; a formal notice goes by post
    (lettre recommandée avec accusé de réception) or by email."""

    level: RelaunchLevel
    channel: Channel
    sent_on: Day | None = Field(default=None, description="Date d'envoi ; absente : aujourd'hui.")


# ----------------------------------------------------------------- answers


class InvoiceLineOut(Schema):
    """A line of the invoice as issued: ``line`` (an order line, or the credit note's
    amount), ``reduction`` and ``escompte`` (the order's document reductions and escompte,
    negative), ``tva`` (the TVA of one rate: ``total_ht`` its base, ``tva`` its amount)."""

    kind: str
    label: str
    order_line_id: int | None = None
    quantity: Decimal | None = None
    unit_price_ht: Decimal | None = None
    tva_rate: Decimal | None = None
    discounts: list[Decimal] = Field(default_factory=list)
    total_ht: Decimal
    tva: Decimal | None = None


class NextLevelOut(Schema):
    level: RelaunchLevel
    from_on: date = Field(description="Date à partir de laquelle elle peut partir.")


class InvoiceOut(Schema):
    id: int
    owner_id: int
    prospect_id: int
    prospect_name: str
    order_id: int
    delivery_id: int | None
    invoice_id: int | None
    business_case_id: int
    business_case_version_id: int
    kind: InvoiceKind
    number: str
    status: InvoiceStatus
    issued_on: date
    due_on: date
    business_client: bool
    reason: str = Field(description="Les notes d'une facture ; le motif d'un avoir.")
    total_ht: Decimal
    total_tva: Decimal
    total_ttc: Decimal
    paid: Decimal
    credited: Decimal
    balance: Decimal
    paid_on: date | None
    days_overdue: int
    relaunch_level: RelaunchLevel | None
    next_level: NextLevelOut | None
    penalties_to_date: Decimal | None = Field(
        description="Pénalités de retard dues à ce jour (client professionnel), hors indemnité."
    )
    indemnity_to_date: Decimal | None
    escalated_at: datetime | None
    escalation_due: bool
    created_at: datetime
    updated_at: datetime
    version: int


class PaymentOut(Schema):
    id: int
    paid_on: date
    amount: Decimal
    method: PaymentMethod
    reference: str
    created_at: datetime


class CreditNoteOut(Schema):
    id: int
    number: str
    issued_on: date
    reason: str
    total_ht: Decimal
    total_tva: Decimal
    total_ttc: Decimal


class RelaunchOut(Schema):
    id: int
    level: RelaunchLevel
    sent_on: date
    channel: Channel
    balance: Decimal
    rate: Decimal | None
    penalties: Decimal
    indemnity: Decimal
    letter: str
    created_at: datetime


class InvoiceDetail(InvoiceOut):
    lines: list[InvoiceLineOut]
    payments: list[PaymentOut]
    credit_notes: list[CreditNoteOut]
    relaunches: list[RelaunchOut]
    case_id: int | None = Field(
        description="Le dossier ouvert sur la facture (impayé, litige…), s'il y en a un."
    )
