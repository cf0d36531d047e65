"""Payloads of the loyalty routes (issue 18): customers and segments, inactive accounts,
relaunch plans, information campaigns, outbound messages, co-purchase rules, offers,
surveys and events."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field

from app.core.schemas import Day, Id, InputSchema, MultilineText, Schema, VersionedUpdate
from app.models import (
    ApprovalStatus,
    CampaignKind,
    Channel,
    EnrolmentStatus,
    InactivityBasis,
    JobStatus,
    LoyaltyEventKind,
    MessageSource,
    MessageStatus,
    OfferStatus,
    ProspectKind,
    ProspectStatus,
    RfmSegment,
    Rsvp,
    SurveyKind,
)
from app.sales.schemas import Code, Percent, Quantity, Reference

Short = Annotated[str, Field(min_length=1, max_length=200)]
Subject = Annotated[str, Field(min_length=1, max_length=200)]
Body = Annotated[MultilineText, Field(min_length=1, max_length=4000)]
Note = Annotated[MultilineText, Field(max_length=2000)]
MAX_RECIPIENTS = 500


# ----------------------------------------------------------------- customers


class RfmOut(Schema):
    r: int
    f: int
    m: int
    code: str
    segment: RfmSegment
    segment_label: str


class CustomerOut(Schema):
    prospect_id: int
    name: str
    kind: ProspectKind
    status: ProspectStatus
    market_segments: list[str]
    orders: int
    amount_ht: Decimal
    first_order_on: date
    last_order_on: date
    recency_days: int
    usual_interval_days: Decimal | None = Field(
        description="Médiane des jours entre deux commandes (aucune avec une seule commande)."
    )
    frequency_per_year: Decimal
    rfm: RfmOut
    clv_ht: Decimal = Field(description="Valeur vie client estimée, € HT (méthode : clv_method).")
    clv_margin: Decimal | None
    inactive: bool
    inactivity_basis: InactivityBasis | None
    limit_days: int | None
    overdue_days: int | None


class ProductBoughtOut(Schema):
    reference: str
    label: str
    family: str | None
    lines: int


class RecommendationOut(Schema):
    antecedents: list[str]
    consequent: str
    consequent_label: str
    support: Decimal
    confidence: Decimal
    lift: Decimal
    customers: int
    explanation: str


class CustomerDetailOut(CustomerOut):
    products: list[ProductBoughtOut]
    families: list[str]
    recommendations: list[RecommendationOut]
    clv_method: str


class SegmentOut(Schema):
    code: RfmSegment
    label: str
    description: str
    customers: int
    share: Decimal
    amount: Decimal
    mean_recency_days: Decimal | None
    warning: str | None


class GridCellOut(Schema):
    r: int
    f: int
    customers: int
    amount: Decimal


class SegmentsOut(Schema):
    on: date
    customers: int
    segments: list[SegmentOut]
    grid: list[GridCellOut]
    warnings: list[str]
    clv_method: str
    clv_total_ht: Decimal


# ----------------------------------------------------------------- inactive accounts


class DetectionOut(Schema):
    id: int
    prospect_id: int
    detected_on: date
    last_order_on: date
    basis: InactivityBasis
    limit_days: int
    usual_interval_days: Decimal | None
    task_id: int | None
    reactivated_on: date | None


class InactiveOut(Schema):
    customer: CustomerOut
    detection: DetectionOut | None


class ScanOut(Schema):
    on: date
    inactive: int
    newly_detected: int
    tasks_created: int
    steps_processed: int


class RelaunchTaskIn(InputSchema):
    due_on: Day | None = Field(default=None, description="Échéance (par défaut : demain).")
    notes: Note = ""


# ----------------------------------------------------------------- messages


class MessageOut(Schema):
    id: int
    owner_id: int
    prospect_id: int
    prospect_name: str
    source: MessageSource
    source_id: int
    step: int
    channel: Channel
    sent_on: date
    status: MessageStatus
    rule: str
    rule_detail: str
    analogous: bool
    subject: str
    body: str


class Recipients(InputSchema):
    """Who: listed customers, or an RFM segment of the trainee's customers (one of the two,
    checked by the service so that the error names its field)."""

    prospect_ids: list[Id] = Field(default_factory=list, max_length=MAX_RECIPIENTS)
    rfm_segment: RfmSegment | None = None


# ----------------------------------------------------------------- relaunch plans


class RelaunchStepIn(InputSchema):
    channel: Channel
    delay_days: int = Field(
        ge=0, le=365, description="Jours après l'étape précédente (ou l'inscription)."
    )
    subject: Subject
    body: Body = Field(
        description="Modèle : {{ client }}, {{ contact }}, {{ entreprise }}, {{ commercial }}, "
        "{{ produits }}, {{ derniere_commande }}, {{ date }}."
    )


class RelaunchPlanFields(InputSchema):
    name: Short | None = None
    description: Note | None = None
    steps: list[RelaunchStepIn] | None = Field(default=None, min_length=1, max_length=10)
    stop_on_order: bool | None = None
    stop_on_refusal: bool | None = None
    product_references: list[Reference] | None = Field(default=None, max_length=20)


class RelaunchPlanCreate(InputSchema):
    name: Short
    description: Note = ""
    steps: list[RelaunchStepIn] = Field(min_length=1, max_length=10)
    stop_on_order: bool = True
    stop_on_refusal: bool = True
    product_references: list[Reference] = Field(default_factory=list, max_length=20)


class RelaunchPlanUpdate(RelaunchPlanFields, VersionedUpdate):
    pass


class RelaunchStepOut(Schema):
    position: int
    channel: Channel
    delay_days: int
    subject: str
    body: str


class RelaunchPlanOut(Schema):
    id: int
    owner_id: int
    name: str
    description: str
    steps: list[RelaunchStepOut]
    stop_on_order: bool
    stop_on_refusal: bool
    product_references: list[str]
    enrolments: int
    active: int
    recorded: int
    refused: int
    created_at: datetime
    updated_at: datetime
    version: int


class EnrolIn(Recipients):
    pass


class EnrolmentOut(Schema):
    id: int
    plan_id: int
    prospect_id: int
    prospect_name: str
    started_on: date
    status: EnrolmentStatus
    next_step: int
    next_due_on: date | None
    stopped_on: date | None
    stop_detail: str


class EnrolOut(Schema):
    enrolled: list[EnrolmentOut]
    already: list[int] = Field(description="Clients déjà suivis par ce plan (non réinscrits).")
    not_customers: list[int]
    messages: list[MessageOut]


class AdvanceOut(Schema):
    on: date
    processed: int
    messages: list[MessageOut]


# ----------------------------------------------------------------- campaigns


class LoyaltyCampaignCreate(InputSchema):
    title: Short
    kind: CampaignKind
    product_references: list[Reference] = Field(default_factory=list, max_length=20)
    rfm_segments: list[RfmSegment] = Field(default_factory=list, max_length=len(RfmSegment))
    market_segments: list[Code] = Field(default_factory=list, max_length=30)
    subject: Subject
    body: Body


class LoyaltyCampaignUpdate(VersionedUpdate):
    title: Short | None = None
    kind: CampaignKind | None = None
    product_references: list[Reference] | None = Field(default=None, max_length=20)
    rfm_segments: list[RfmSegment] | None = Field(default=None, max_length=len(RfmSegment))
    market_segments: list[Code] | None = Field(default=None, max_length=30)
    subject: Subject | None = None
    body: Body | None = None


class LoyaltyCampaignSend(VersionedUpdate):
    pass


class LoyaltyCampaignOut(Schema):
    id: int
    owner_id: int
    title: str
    kind: CampaignKind
    product_references: list[str]
    rfm_segments: list[RfmSegment]
    market_segments: list[str]
    subject: str
    body: str
    sent_on: date | None
    recorded: int
    refused: int
    created_at: datetime
    updated_at: datetime
    version: int


class InformationOut(Schema):
    prospect_id: int
    name: str
    informed: int = Field(description="Messages d'information enregistrés dans la période.")
    last_informed_on: date | None
    longest_gap_days: int = Field(description="Plus long intervalle sans information, jours.")
    regular: bool = Field(description="Jamais plus de information_every_days sans information.")


class InformationReportOut(Schema):
    start: date
    end: date
    every_days: int
    customers: int
    regular: int
    items: list[InformationOut]


# ----------------------------------------------------------------- recommendations


class RunCreate(InputSchema):
    min_support: Decimal = Field(
        default=Decimal("0.01"), ge=Decimal("0.001"), le=1, decimal_places=4
    )
    min_confidence: Decimal = Field(
        default=Decimal("0.2"), ge=Decimal("0.01"), le=1, decimal_places=4
    )


class RuleOut(Schema):
    antecedents: list[str]
    consequent: str
    support: Decimal
    confidence: Decimal
    lift: Decimal
    customers: int
    explanation: str


class RunOut(Schema):
    id: int
    business_case_id: int
    status: JobStatus
    progress: int
    step: str
    min_support: Decimal
    min_confidence: Decimal
    customers: int
    products: int
    rules: int
    error: str
    created_at: datetime
    finished_at: datetime | None


class RulesOut(Schema):
    run: RunOut | None
    rules: list[RuleOut]


# ----------------------------------------------------------------- offers


class OfferLineIn(InputSchema):
    product_reference: Reference
    quantity: Quantity = Decimal(1)
    discount: Percent = Field(default=Decimal(0), description="Remise de l'offre, en %.")


class OfferFields(InputSchema):
    title: Short
    lines: list[OfferLineIn] = Field(min_length=1, max_length=20)
    conditions: Note = ""
    valid_until: Day
    channel: Channel | None = Field(
        default=None, description="Canal (par défaut : celui qui convient au client)."
    )
    recommended: bool = Field(
        default=False, description="Offre construite sur une recommandation (co-achats)."
    )


class OfferCheck(OfferFields):
    prospect_id: Id


class OfferCreate(OfferFields, Recipients):
    approval_request: Note | None = Field(
        default=None,
        description="Au-delà de votre délégation mais dans la politique : la demande d'accord "
        "au responsable (motif).",
    )


class OfferFindingOut(Schema):
    ok: bool
    code: str
    rule: str
    message: str


class OfferCheckOut(Schema):
    prospect_id: int
    rfm_segment: RfmSegment | None
    market_segments: list[str]
    allowed: bool
    needs_approval: bool
    rule: str | None = Field(description="La règle de fidélisation sous laquelle tombe l'offre.")
    gross_ht: Decimal
    value_ht: Decimal
    channel: Channel | None
    channel_rule: str
    findings: list[OfferFindingOut]


class OfferLineOut(Schema):
    product_reference: str
    label: str
    family: str | None
    quantity: Decimal
    unit_price_ht: Decimal
    discount: Decimal


class OfferOut(Schema):
    id: int
    owner_id: int
    prospect_id: int
    prospect_name: str
    batch: str | None
    title: str
    lines: list[OfferLineOut]
    conditions: str
    valid_until: date
    channel: Channel
    segment_code: str | None
    rfm_segment: RfmSegment | None
    rule_label: str
    recommended: bool
    gross_ht: Decimal
    value_ht: Decimal
    status: OfferStatus
    approval_status: ApprovalStatus
    approval_reason: str
    approval_comment: str
    proposed_on: date | None
    answered_on: date | None
    quote_id: int | None
    order_id: int | None
    created_at: datetime
    updated_at: datetime
    version: int


class OffersCreatedOut(Schema):
    offers: list[OfferOut]
    excluded: list[OfferCheckOut] = Field(
        description="Clients du segment hors politique : chacun avec la règle qui l'exclut."
    )


class OfferApproval(VersionedUpdate):
    approve: bool
    comment: Note = ""


class OfferAnswer(VersionedUpdate):
    accepted: bool
    answered_on: Day | None = None


class OfferConvert(VersionedUpdate):
    to: Literal["quote", "order"]


# ----------------------------------------------------------------- surveys


class SurveyCreate(Recipients):
    kind: SurveyKind
    title: Short
    question: Annotated[str, Field(min_length=1, max_length=500)]
    channel: Channel | None = Field(
        default=None, description="Canal (par défaut : celui qui convient à chaque client)."
    )


class SurveyAnswerIn(InputSchema):
    prospect_id: Id
    score: int = Field(ge=0, le=10, description="NPS : 0 à 10 ; CSAT : 1 à 5.")
    verbatim: Note = ""
    answered_on: Day | None = None


class NpsOut(Schema):
    score: Decimal | None = Field(description="% promoteurs − % détracteurs (−100 à 100).")
    promoters: int
    passives: int
    detractors: int
    distribution: list[int] = Field(description="Réponses par note, de 0 à 10.")


class CsatOut(Schema):
    mean: Decimal | None
    satisfied_rate: Decimal | None = Field(description="% de notes 4 et 5.")
    distribution: list[int] = Field(description="Réponses par note, de 1 à 5.")


class ResponseOut(Schema):
    id: int
    prospect_id: int
    prospect_name: str
    channel: Channel
    score: int | None
    verbatim: str
    answered_on: date | None
    task_id: int | None
    category: str | None = Field(description="promoter, passive, detractor (NPS).")


class SurveyOut(Schema):
    id: int
    owner_id: int
    kind: SurveyKind
    title: str
    question: str
    sent_on: date
    sent: int
    refused: int
    answers: int
    response_rate: Decimal | None
    nps: NpsOut | None
    csat: CsatOut | None
    created_at: datetime
    version: int


class SurveyDetailOut(SurveyOut):
    responses: list[ResponseOut]
    refusals: list[MessageOut]


# ----------------------------------------------------------------- events


class EventCreate(InputSchema):
    kind: LoyaltyEventKind
    title: Short
    description: Note = ""
    held_on: Day
    place: Annotated[str, Field(max_length=300)] = ""
    online: bool = False


class EventUpdate(VersionedUpdate):
    kind: LoyaltyEventKind | None = None
    title: Short | None = None
    description: Note | None = None
    held_on: Day | None = None
    place: Annotated[str, Field(max_length=300)] | None = None
    online: bool | None = None


class InviteIn(Recipients):
    channel: Channel | None = Field(
        default=None, description="Canal (par défaut : celui qui convient à chaque client)."
    )
    subject: Subject | None = None
    body: Body | None = None


class InvitationUpdate(InputSchema):
    rsvp: Rsvp | None = None
    attended: bool | None = None


class InvitationOut(Schema):
    id: int
    event_id: int
    prospect_id: int
    prospect_name: str
    channel: Channel
    invited_on: date
    rsvp: Rsvp | None
    attended: bool | None
    ordered_after: bool = Field(description="Une commande dans les 30 jours après l'événement.")


class EventOut(Schema):
    id: int
    owner_id: int
    kind: LoyaltyEventKind
    title: str
    description: str
    held_on: date
    place: str
    online: bool
    invited: int
    refused: int
    yes: int
    no: int
    maybe: int
    attended: int
    orders_after: int
    amount_after_ht: Decimal
    created_at: datetime
    updated_at: datetime
    version: int


class EventDetailOut(EventOut):
    invitations: list[InvitationOut]
    refusals: list[MessageOut]


class InviteOut(Schema):
    invited: list[InvitationOut]
    refusals: list[MessageOut]
    already: list[int]
