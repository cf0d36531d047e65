"""Payloads of the sales routes: opportunities, quotes, their figures and the checker."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, Field, model_validator

from app.core.schemas import Day, Id, InputSchema, MultilineText, Schema, VersionedUpdate
from app.models import ApprovalStatus, OpportunityStage, QuoteStatus
from app.sales.calculations import ReductionKind


def _as_stored(places: int) -> AfterValidator:
    """A decimal written at its column's scale: answered as every later read shows it."""
    unit = Decimal(1).scaleb(-places)
    return AfterValidator(lambda value: value.quantize(unit))


MAX_LINES = 500
#: The largest total a quote may reach (its columns hold 12 digits before the cents).
MAX_TOTAL = Decimal("999999999.99")
Price = Annotated[Decimal, Field(ge=0, le=Decimal("10000000"), decimal_places=2), _as_stored(2)]
Amount = Annotated[
    Decimal, Field(ge=0, le=Decimal("999999999.99"), decimal_places=2), _as_stored(2)
]
Quantity = Annotated[Decimal, Field(gt=0, le=Decimal("1000000"), decimal_places=3), _as_stored(3)]
Percent = Annotated[Decimal, Field(ge=0, le=100, decimal_places=2), _as_stored(2)]
TvaRate = Annotated[
    Decimal,
    Field(ge=0, le=100, decimal_places=2, description="Taux de TVA en % : 20, 10, 5.5 ou 2.1."),
]
Reference = Annotated[str, Field(min_length=2, max_length=30, pattern=r"^[A-Z0-9-]+$")]
Code = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_\-]+$")]


# ----------------------------------------------------------------- opportunities


class OpportunityCreate(InputSchema):
    prospect_id: Id
    title: str = Field(min_length=1, max_length=200)
    description: MultilineText = Field(default="", max_length=5000)
    estimated_amount_ht: Amount | None = None
    expected_close_on: Day | None = None


class OpportunityUpdate(VersionedUpdate):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    description: MultilineText | None = Field(default=None, max_length=5000)
    estimated_amount_ht: Amount | None = None
    expected_close_on: Day | None = None


class StageMove(VersionedUpdate):
    """Move an opportunity to a stage (a lost one says why)."""

    stage: OpportunityStage
    lost_reason: str = Field(default="", max_length=500)
    note: str = Field(default="", max_length=500)


class StageChangeOut(Schema):
    id: int
    from_stage: OpportunityStage | None
    to_stage: OpportunityStage
    changed_at: datetime
    changed_by_id: int | None
    note: str


class OpportunityOut(Schema):
    id: int
    owner_id: int
    prospect_id: int
    prospect_name: str
    business_case_version_id: int
    title: str
    description: str
    estimated_amount_ht: Decimal | None
    stage: OpportunityStage
    lost_reason: str
    expected_close_on: date | None
    closed_at: datetime | None
    quotes: int
    created_at: datetime
    updated_at: datetime
    version: int


class OpportunityDetail(OpportunityOut):
    history: list[StageChangeOut]


# ----------------------------------------------------------------- quotes


class QuoteLineIn(InputSchema):
    """A catalogue line names its product (label, unit, price, TVA and cost come from the
    business case; the price may be changed); a free line gives its label, price and TVA."""

    product_reference: Reference | None = None
    label: str | None = Field(default=None, min_length=1, max_length=200)
    unit: str | None = Field(default=None, min_length=1, max_length=30)
    quantity: Quantity
    unit_price_ht: Price | None = None
    tva_rate: TvaRate | None = None
    unit_cost_ht: Price | None = None
    discounts: list[Percent] = Field(
        default_factory=list, max_length=3, description="Remises de ligne en %, en cascade."
    )


class ReductionIn(InputSchema):
    """A document reduction: a rate (%) or an amount (€ HT), never both."""

    kind: ReductionKind
    rate: Percent | None = None
    amount: Amount | None = None

    @model_validator(mode="after")
    def _one_of(self) -> ReductionIn:
        if (self.rate is None) == (self.amount is None):
            raise ValueError("Une réduction a un taux (rate) ou un montant (amount), un seul.")
        return self


class QuoteFields(InputSchema):
    title: str | None = Field(default=None, max_length=200)
    valid_until: Day | None = Field(
        default=None, description="Fin de validité (par défaut : 30 jours après la création)."
    )
    segment_code: Code | None = Field(
        default=None,
        description="Segment du client (parmi ceux du cas auxquels il appartient) : il fixe "
        "la remise maximale.",
    )
    off_premises: bool | None = Field(
        default=None,
        description="Vente à un particulier hors établissement : droit de rétractation de "
        "14 jours.",
    )
    escompte_rate: Percent | None = Field(
        default=None, description="Escompte en % (par défaut : celui de la politique)."
    )
    reductions: list[ReductionIn] | None = Field(default=None, max_length=5)
    lines: list[QuoteLineIn] | None = Field(default=None, min_length=1, max_length=MAX_LINES)
    notes: MultilineText | None = Field(default=None, max_length=5000)
    approval_request: MultilineText | None = Field(
        default=None,
        min_length=1,
        max_length=2000,
        description="Demande d'accord au manager pour une remise hors limites : pourquoi.",
    )


class QuoteCreate(QuoteFields):
    opportunity_id: Id
    lines: list[QuoteLineIn] = Field(min_length=1, max_length=MAX_LINES)


class QuoteUpdate(QuoteFields, VersionedUpdate):
    pass


class QuoteCompute(InputSchema):
    """A calculation without saving (the editor's live totals; an exercise's figures)."""

    opportunity_id: Id | None = Field(
        default=None, description="Pour les lignes du catalogue et les limites de remise."
    )
    segment_code: Code | None = None
    escompte_rate: Percent = Decimal(0)
    reductions: list[ReductionIn] = Field(default_factory=list, max_length=5)
    lines: list[QuoteLineIn] = Field(min_length=1, max_length=MAX_LINES)


class QuoteStep(VersionedUpdate):
    """Send, revise: the version read before acting."""


class QuoteAnswer(VersionedUpdate):
    accepted: bool
    refusal_reason: str = Field(default="", max_length=500)


class ApprovalDecision(VersionedUpdate):
    approve: bool
    comment: MultilineText = Field(default="", max_length=2000)


class FigureCheck(InputSchema):
    """The trainee's own figures, by code (``net_commercial_ht``, ``tva.20``,
    ``lines.1.net_ht``, ``markup_rate``...): amounts to the cent, rates in %."""

    figures: dict[
        Annotated[
            str, Field(min_length=1, max_length=40, pattern=r"^[a-z_]+(\.[0-9.]+)*(\.[a-z_]+)?$")
        ],
        Annotated[Decimal, Field(ge=Decimal("-1000000000000"), le=Decimal("1000000000000"))],
    ] = Field(max_length=600)


class AppliedReductionOut(Schema):
    label: str
    rate: Decimal | None
    base: Decimal
    amount: Decimal
    net: Decimal


class MarginOut(Schema):
    cost_ht: Decimal
    margin: Decimal
    margin_rate: Decimal | None
    markup_rate: Decimal | None
    coefficient_ht: Decimal | None


class LimitOut(Schema):
    """The discount a line may carry and where the limit comes from."""

    rate: Decimal
    source: str
    over: bool


class QuoteLineOut(Schema):
    position: int
    product_reference: str | None
    family: str | None
    label: str
    unit: str
    quantity: Decimal
    unit_price_ht: Decimal
    tva_rate: Decimal
    unit_cost_ht: Decimal | None
    discounts: list[Decimal]
    gross_ht: Decimal
    applied_discounts: list[AppliedReductionOut]
    net_ht: Decimal
    net_commercial_ht: Decimal
    effective_discount: Decimal
    margin: MarginOut | None
    limit: LimitOut | None
    eco: dict[str, Any] | None


class TvaOut(Schema):
    rate: Decimal
    lines_ht: Decimal
    reductions: Decimal
    escompte: Decimal
    base_ht: Decimal
    tva: Decimal


class StepOut(Schema):
    number: int
    code: str
    title: str
    lines: list[str]


class FiguresOut(Schema):
    """Every figure of a quote as the server computes it (the client shows these)."""

    lines: list[QuoteLineOut]
    gross_ht: Decimal
    lines_discount: Decimal
    lines_net_ht: Decimal
    reductions: list[AppliedReductionOut]
    net_commercial_ht: Decimal
    escompte_rate: Decimal
    escompte: Decimal
    net_financial_ht: Decimal
    tva: list[TvaOut]
    tva_total: Decimal
    total_ttc: Decimal
    effective_discount: Decimal
    margin: MarginOut | None
    coefficient_ttc: Decimal | None
    over_limit: list[int] = Field(description="Positions des lignes au-delà de leur limite.")
    steps: list[StepOut] | None = None


class QuoteOut(Schema):
    id: int
    owner_id: int
    opportunity_id: int
    prospect_id: int
    prospect_name: str
    business_case_id: int
    business_case_version_id: int
    number: str | None
    revision: int
    revision_of_id: int | None
    reference: str | None = Field(description="Numéro et révision : DEV-2026-00012 rév. 2.")
    status: QuoteStatus
    title: str
    segment_code: str | None
    segments: list[str] = Field(description="Segments du cas auxquels le client appartient.")
    valid_until: date
    off_premises: bool
    escompte_rate: Decimal
    reductions: list[dict[str, Any]]
    notes: str
    gross_ht: Decimal
    net_commercial_ht: Decimal
    total_ttc: Decimal
    margin: Decimal | None
    effective_discount: Decimal
    approval_status: ApprovalStatus
    approval_reason: str
    approval_comment: str
    approval_decided_at: datetime | None
    sent_at: datetime | None
    answered_at: datetime | None
    refusal_reason: str
    created_at: datetime
    updated_at: datetime
    version: int


class QuoteDetail(QuoteOut):
    figures: FiguresOut


class VerdictOut(Schema):
    code: str
    label: str
    given: Decimal
    expected: Decimal | None
    right: bool
    step: int
    step_title: str
    explanation: str


class CheckOut(Schema):
    right: int
    wrong: int
    verdicts: list[VerdictOut]
