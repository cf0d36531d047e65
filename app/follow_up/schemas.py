"""Payloads of the follow-up routes (issue 17): orders, deliveries, client messages, cases
with their steps, decisions and escalations, complaints, the account view."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field, model_validator

from app.core.schemas import (
    AwareDateTime,
    Day,
    Id,
    InputSchema,
    MultilineText,
    Schema,
    VersionedUpdate,
)
from app.models import (
    CaseStatus,
    CaseType,
    Channel,
    ComplaintCategory,
    ComplaintSeverity,
    ComplaintStatus,
    DecisionKind,
    DeliveryEventKind,
    DeliveryStatus,
    Direction,
    EscalationDepartment,
    EscalationStatus,
    FollowUpSubject,
    IncidentKind,
    OrderStatus,
    SolutionKind,
    StepState,
)
from app.sales.schemas import (
    MAX_LINES,
    Amount,
    Code,
    FiguresOut,
    Percent,
    Quantity,
    QuoteLineIn,
    ReductionIn,
)

Note = Annotated[MultilineText, Field(max_length=2000)]
Long = Annotated[MultilineText, Field(max_length=5000)]
Short = Annotated[str, Field(min_length=1, max_length=200)]


class OrderCreate(InputSchema):
    """From an accepted quote (``quote_id``: its lines and prices kept), or entered from the
    catalogue for a prospect (``prospect_id`` and ``lines``, priced like a quote)."""

    quote_id: Id | None = None
    prospect_id: Id | None = None
    opportunity_id: Id | None = None
    segment_code: Code | None = None
    escompte_rate: Percent | None = None
    reductions: list[ReductionIn] = Field(default_factory=list, max_length=5)
    lines: list[QuoteLineIn] = Field(default_factory=list, max_length=MAX_LINES)
    notes: MultilineText = Field(default="", max_length=5000)

    @model_validator(mode="after")
    def _one_source(self) -> OrderCreate:
        if (self.quote_id is None) == (self.prospect_id is None):
            raise ValueError("Une commande vient d'un devis accepté (quote_id) ou d'un prospect "
                             "et de lignes (prospect_id, lines), pas des deux.")  # fmt: skip
        if self.quote_id is not None and self.lines:
            raise ValueError(
                "Une commande issue d'un devis en reprend les lignes : n'en donnez pas."
            )
        return self


class OrderCancel(VersionedUpdate):
    reason: str = Field(min_length=1, max_length=500)


class OrderOut(Schema):
    id: int
    owner_id: int
    prospect_id: int
    prospect_name: str
    opportunity_id: int | None
    quote_id: int | None
    business_case_id: int
    business_case_version_id: int
    number: str
    status: OrderStatus
    ordered_on: date
    segment_code: str | None
    escompte_rate: Decimal
    reductions: list[dict[str, Any]]
    notes: str
    gross_ht: Decimal
    net_commercial_ht: Decimal
    total_ttc: Decimal
    margin: Decimal | None
    cancelled_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int


class OrderLineOut(Schema):
    id: int
    position: int
    product_reference: str | None
    label: str
    unit: str
    quantity: Decimal
    quantity_delivered: Decimal
    quantity_planned: Decimal = Field(description="Quantité portée par les livraisons prévues.")


class OrderDetail(OrderOut):
    figures: FiguresOut
    lines: list[OrderLineOut]


# ----------------------------------------------------------------- deliveries


class DeliveryLineIn(InputSchema):
    order_line_id: Id
    quantity: Quantity


class DeliveryCreate(InputSchema):
    """A shipment of some of the order's lines; without ``lines``, all that is left to ship."""

    promised_on: Day
    lines: list[DeliveryLineIn] = Field(default_factory=list, max_length=MAX_LINES)
    carrier: str = Field(default="", max_length=120)
    tracking: str = Field(default="", max_length=120)
    notes: Note = ""


class DeliveryEventIn(VersionedUpdate):
    """A step of the delivery (prepared, shipped, delivered) or an incident. Delivered:
    ``delivered_lines`` says what arrived when some is missing (default: all it carries)."""

    kind: DeliveryEventKind
    incident: IncidentKind | None = None
    occurred_on: Day | None = None
    note: Note = ""
    delivered_lines: list[DeliveryLineIn] | None = Field(default=None, max_length=MAX_LINES)
    promised_on: Day | None = Field(
        default=None, description="Nouvelle date promise (incident « retard »)."
    )

    @model_validator(mode="after")
    def _incident(self) -> DeliveryEventIn:
        if (self.kind is DeliveryEventKind.INCIDENT) != (self.incident is not None):
            raise ValueError("Un incident dit sa nature (incident) ; une étape n'en a pas.")
        return self


class DeliveryLineOut(Schema):
    order_line_id: int
    label: str
    quantity: Decimal


class DeliveryEventOut(Schema):
    id: int
    kind: DeliveryEventKind
    incident: IncidentKind | None
    occurred_on: date
    note: str
    created_at: datetime


class DeliveryOut(Schema):
    id: int
    owner_id: int
    order_id: int
    order_number: str
    prospect_id: int
    position: int
    status: DeliveryStatus
    promised_on: date
    late_days: int = Field(description="Jours de retard sur la date promise (0 : à l'heure).")
    lines: list[DeliveryLineOut]
    carrier: str
    tracking: str
    notes: str
    prepared_on: date | None
    shipped_on: date | None
    delivered_on: date | None
    incidents: int
    created_at: datetime
    updated_at: datetime
    version: int


class DeliveryDetail(DeliveryOut):
    events: list[DeliveryEventOut]
    case_id: int | None = Field(description="Le dossier d'incident ouvert, s'il y en a un.")


# ----------------------------------------------------------------- client messages


class ClientMessageCreate(InputSchema):
    """What the client was told (or told us) about a record, by which channel, when."""

    subject: FollowUpSubject
    subject_id: Id
    channel: Channel
    direction: Direction = Direction.OUTBOUND
    at: AwareDateTime | None = None
    summary: Annotated[MultilineText, Field(min_length=1, max_length=2000)]


class ClientMessageOut(Schema):
    id: int
    owner_id: int
    prospect_id: int
    subject: FollowUpSubject
    subject_id: int
    channel: Channel
    direction: Direction
    at: datetime
    summary: str
    created_at: datetime


# ----------------------------------------------------------------- cases


class CaseCreate(InputSchema):
    """A case run under the business case's procedure for its type, about a record (an
    order, a delivery, an invoice, a complaint) or the account itself (``prospect_id``)."""

    case_type: CaseType
    subject: FollowUpSubject | None = None
    subject_id: Id | None = None
    prospect_id: Id | None = None
    title: str = Field(default="", max_length=200)

    @model_validator(mode="after")
    def _about(self) -> CaseCreate:
        if (self.subject is None) != (self.subject_id is None):
            raise ValueError("subject et subject_id vont ensemble.")
        if self.subject is None and self.prospect_id is None:
            raise ValueError("Un dossier concerne un enregistrement (subject) ou un client.")
        if self.subject is FollowUpSubject.CASE:
            raise ValueError("Un dossier ne porte pas sur un autre dossier.")
        return self


class StepUpdate(VersionedUpdate):
    state: StepState
    note: Note = ""


class CaseClose(VersionedUpdate):
    outcome: Annotated[MultilineText, Field(min_length=1, max_length=2000)]


class CaseStepOut(Schema):
    code: str
    label: str
    required: bool
    approval_by: str | None
    state: StepState
    on: date | None
    note: str


class DecisionCreate(InputSchema):
    """What the salesperson grants: a gesture (an amount, or a rate of the order's net
    amount), a credit note, a free replacement, a payment delay in days."""

    kind: DecisionKind
    amount_ht: Amount | None = None
    rate: Percent | None = None
    days: int | None = Field(default=None, ge=1, le=365)
    note: Note = ""

    @model_validator(mode="after")
    def _what(self) -> DecisionCreate:
        k = self.kind
        if k is DecisionKind.PAYMENT_DELAY and self.days is None:
            raise ValueError("Un délai de paiement se donne en jours (days).")
        if k in (DecisionKind.COMMERCIAL_GESTURE, DecisionKind.CREDIT_NOTE) and (
            self.amount_ht is None and self.rate is None
        ):
            raise ValueError("Un geste ou un avoir se donne en montant (amount_ht) ou en taux.")
        if k is DecisionKind.CREDIT_NOTE and self.rate is not None:
            raise ValueError("Un avoir se donne en montant HT (amount_ht).")
        return self


class DecisionOut(Schema):
    id: int
    case_id: int
    kind: DecisionKind
    amount_ht: Decimal | None
    rate: Decimal | None
    days: int | None
    note: str
    decided_on: date
    created_at: datetime


class EscalationCreate(InputSchema):
    """The file passed to a department, with its handover note."""

    department: EscalationDepartment
    reason: Note = ""
    facts: Annotated[MultilineText, Field(min_length=1, max_length=5000)]
    client_request: Annotated[MultilineText, Field(min_length=1, max_length=2000)]
    actions_taken: Annotated[MultilineText, Field(min_length=1, max_length=5000)]
    documents: list[Short] = Field(default_factory=list, max_length=30)


class UnpaidEscalationCreate(InputSchema):
    """An unpaid invoice passed to accounting: the invoice's history is the handover's facts."""

    client_request: Annotated[MultilineText, Field(min_length=1, max_length=2000)] = (
        "Aucune réponse du client aux relances."
    )
    note: Note = ""
    documents: list[Short] = Field(default_factory=list, max_length=20)


class EscalationAnswer(VersionedUpdate):
    answer: Annotated[MultilineText, Field(min_length=1, max_length=5000)]


class EscalationOut(Schema):
    id: int
    owner_id: int
    case_id: int
    case_title: str
    prospect_id: int
    prospect_name: str
    department: EscalationDepartment
    department_label: str
    contact: str | None
    reason: str
    facts: str
    client_request: str
    actions_taken: str
    documents: list[str]
    status: EscalationStatus
    sent_at: datetime
    answer: str
    answered_at: datetime | None
    answered_by: int | None
    created_at: datetime
    updated_at: datetime
    version: int


class CaseOut(Schema):
    id: int
    owner_id: int
    prospect_id: int
    prospect_name: str
    case_type: CaseType
    case_type_label: str
    subject: FollowUpSubject | None
    subject_id: int | None
    title: str
    business_case_version_id: int
    status: CaseStatus
    opened_on: date
    closed_at: datetime | None
    outcome: str
    steps_done: int
    steps_required: int
    missing_required: list[str] = Field(description="Étapes obligatoires encore à faire.")
    created_at: datetime
    updated_at: datetime
    version: int


class CaseDetail(CaseOut):
    steps: list[CaseStepOut]
    decisions: list[DecisionOut]
    escalations: list[EscalationOut]
    messages: list[ClientMessageOut]


# ----------------------------------------------------------------- complaints


class ComplaintCreate(InputSchema):
    prospect_id: Id
    order_id: Id | None = None
    channel: Channel
    category: ComplaintCategory
    severity: ComplaintSeverity = ComplaintSeverity.MEDIUM
    received_on: Day | None = None
    subject: Short
    description: Long = ""
    client_request: Note = ""


class ComplaintSolution(VersionedUpdate):
    solution: SolutionKind
    detail: Annotated[MultilineText, Field(min_length=1, max_length=2000)]
    cost: Amount = Field(default=Decimal(0), description="Coût pour l'entreprise, € HT.")


class ComplaintAnswer(VersionedUpdate):
    accepted: bool
    answer: Note = ""
    csat: int | None = Field(default=None, ge=1, le=5, description="Satisfaction, de 1 à 5.")


class ComplaintOut(Schema):
    id: int
    owner_id: int
    prospect_id: int
    prospect_name: str
    order_id: int | None
    case_id: int | None
    channel: Channel
    category: ComplaintCategory
    severity: ComplaintSeverity
    status: ComplaintStatus
    received_on: date
    subject: str
    description: str
    client_request: str
    response_due_on: date
    resolution_due_on: date
    response_late_days: int = Field(description="Jours de retard de la réponse (0 : à temps).")
    resolution_late_days: int = Field(description="Jours de retard de la résolution.")
    solution: SolutionKind | None
    solution_detail: str
    solution_cost: Decimal | None
    responded_on: date | None
    client_accepted: bool | None
    client_answer: str
    csat: int | None
    resolved_on: date | None
    created_at: datetime
    updated_at: datetime
    version: int


# ----------------------------------------------------------------- account view


class AccountProspect(Schema):
    id: int
    name: str
    status: str
    kind: str
    city: str | None


class AccountFigures(Schema):
    orders: int
    ordered_ttc: Decimal
    invoiced_ttc: Decimal
    paid_ttc: Decimal
    balance_due_ttc: Decimal
    overdue_ttc: Decimal
    open_complaints: int
    open_cases: int


class OpenItem(Schema):
    kind: str = Field(
        description="late_delivery, overdue_invoice, complaint_response_late, "
        "complaint_past_due, open_case, escalation_waiting"
    )
    label: str
    record: str
    record_id: int
    due_on: date | None
    days_late: int


class TimelineItem(Schema):
    on: date
    at: datetime | None
    kind: str = Field(
        description="interaction, opportunity, quote, order, delivery, invoice, payment, "
        "relaunch, complaint, case, escalation, message"
    )
    label: str
    detail: str
    record: str
    record_id: int


class AccountView(Schema):
    prospect: AccountProspect
    figures: AccountFigures
    open_items: list[OpenItem]
    timeline: list[TimelineItem]
    timeline_total: int
