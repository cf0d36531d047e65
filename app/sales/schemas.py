"""Payloads of the sales routes: opportunities, quotes, their figures and the checker."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, Field, model_validator

from app.core.schemas import Day, Id, InputSchema, MultilineText, Schema, VersionedUpdate
from app.models import (
    ApprovalStatus,
    InformationLevel,
    InterviewConclusion,
    Motive,
    ObjectionKind,
    OpportunityStage,
    QuoteStatus,
)
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


# ----------------------------------------------------------------- the interview


class QuestionKind(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Situation(StrEnum):
    """Situations of disability known of the client or their entourage."""

    MOTOR = "motor"
    VISUAL = "visual"
    HEARING = "hearing"
    COGNITIVE = "cognitive"
    PSYCHIC = "psychic"
    CHRONIC_ILLNESS = "chronic_illness"
    OTHER = "other"


class Adaptation(StrEnum):
    EASY_TO_READ = "easy_to_read"  # documents en FALC
    LARGE_PRINT = "large_print"
    ACCESSIBLE_PLACE = "accessible_place"
    INTERPRETER = "interpreter"  # LSF or another language
    MORE_TIME = "more_time"
    COMPANION = "companion"  # a person of the client's choice present
    OTHER = "other"


class Reception(StrEnum):
    CONVINCED = "convinced"
    NEUTRAL = "neutral"
    REJECTED = "rejected"


class Technique(StrEnum):
    REFORMULATION = "reformulation"
    YES_BUT = "oui_mais"
    BOOMERANG = "boomerang"
    COMPENSATION = "compensation"
    QUESTIONING = "questionnement"
    TESTIMONIAL = "temoignage"
    DEFERRAL = "report"
    OTHER = "autre"


Text300 = Annotated[str, Field(min_length=1, max_length=300)]
Text500 = Annotated[str, Field(min_length=1, max_length=500)]
Long = Annotated[MultilineText, Field(max_length=2000)]


class PlannedQuestion(InputSchema):
    text: Text300
    kind: QuestionKind
    motive: Motive | None = None


class PlannedArgument(InputSchema):
    """A CAP argument for a catalogue product, with the supports to show."""

    product_reference: Reference
    feature: Text500
    advantage: Text500
    proof: str = Field(default="", max_length=500)
    supports: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=10, description="Libellés des supports du produit."
    )


class AnticipatedObjection(InputSchema):
    kind: ObjectionKind
    objection: Text500
    answer: Long = ""
    technique: Technique | None = None


class Accessibility(InputSchema):
    """Known situations of disability of the client or their entourage, and what is planned
    (or, in a report, what was done). ``none_known``: asked, nothing to adapt."""

    none_known: bool = False
    situations: list[Situation] = Field(default_factory=list, max_length=len(Situation))
    adaptations: list[Adaptation] = Field(default_factory=list, max_length=len(Adaptation))
    notes: Long = ""


class PreparationIn(InputSchema):
    """The whole sheet (PUT creates or replaces it; ``version`` to replace)."""

    version: int | None = Field(default=None, ge=1, le=2**31 - 1)
    opportunity_id: Id | None = None
    information_level: InformationLevel
    main_objective: Annotated[MultilineText, Field(min_length=1, max_length=1000)]
    fallback_objective: Annotated[MultilineText, Field(max_length=1000)] = ""
    questions: list[PlannedQuestion] = Field(default_factory=list, max_length=30)
    arguments: list[PlannedArgument] = Field(default_factory=list, max_length=20)
    objections: list[AnticipatedObjection] = Field(default_factory=list, max_length=20)
    accessibility: Accessibility = Field(default_factory=Accessibility)


class UsedArgument(InputSchema):
    product_reference: Reference | None = None
    feature: Text500
    advantage: Text500
    proof: str = Field(default="", max_length=500)
    reception: Reception


class MetObjection(InputSchema):
    kind: ObjectionKind
    objection: Text500
    technique: Technique
    answer: Long = ""
    resolved: bool


class NextStep(InputSchema):
    title: Annotated[str, Field(min_length=1, max_length=200)]
    due_on: Day


class ReportIn(InputSchema):
    """The whole report (PUT creates or replaces it; ``version`` to replace)."""

    version: int | None = Field(default=None, ge=1, le=2**31 - 1)
    opportunity_id: Id | None = None
    information_level: InformationLevel
    needs_explicit: Long = ""
    needs_implicit: Long = ""
    motives: list[Motive] = Field(default_factory=list, max_length=len(Motive))
    arguments_used: list[UsedArgument] = Field(default_factory=list, max_length=20)
    supports_shown: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=20
    )
    objections_met: list[MetObjection] = Field(default_factory=list, max_length=20)
    conclusion: InterviewConclusion
    conclusion_fits_signals: bool
    signals: Long = Field(default="", description="Les signaux d'achat (ou de refus) observés.")
    accessibility: Accessibility = Field(default_factory=Accessibility)
    next_steps: list[NextStep] = Field(
        default_factory=list, max_length=10, description="Chaque étape devient une tâche."
    )
    presentation_variant_id: Id | None = Field(
        default=None, description="La variante de présentation utilisée (bibliothèque)."
    )


class FindingOut(Schema):
    code: str
    field: str
    message: str


class PreparationOut(Schema):
    id: int
    owner_id: int
    appointment_id: int
    opportunity_id: int | None
    information_level: InformationLevel
    main_objective: str
    fallback_objective: str
    questions: list[dict[str, Any]]
    arguments: list[dict[str, Any]]
    objections: list[dict[str, Any]]
    accessibility: dict[str, Any]
    findings: list[FindingOut] = Field(description="Ce qui manque avant la visite.")
    complete: bool
    created_at: datetime
    updated_at: datetime
    version: int


class ReportOut(Schema):
    id: int
    owner_id: int
    appointment_id: int
    opportunity_id: int | None
    held_at: datetime
    information_level: InformationLevel
    conclusion: InterviewConclusion
    conclusion_fits_signals: bool
    needs_explicit: str
    needs_implicit: str
    motives: list[str]
    arguments_used: list[dict[str, Any]]
    supports_shown: list[str]
    objections_met: list[dict[str, Any]]
    signals: str
    accessibility: dict[str, Any]
    next_steps: list[dict[str, Any]]
    presentation_variant_id: int | None = None
    findings: list[FindingOut] = Field(
        description="Ce qui manque pour un compte rendu exploitable."
    )
    exploitable: bool
    created_at: datetime
    updated_at: datetime
    version: int


class ObjectionIn(InputSchema):
    kind: ObjectionKind
    objection: Text500
    answer: Annotated[MultilineText, Field(min_length=1, max_length=2000)]
    technique: str = Field(default="", max_length=100)


class ObjectionOut(Schema):
    id: int | None = Field(description="Absent pour une objection du cas d'entreprise.")
    source: str = Field(description="« case » (l'entreprise) ou « own » (le stagiaire).")
    kind: ObjectionKind
    objection: str
    answer: str
    technique: str


class VisitContext(Schema):
    """What is known of the prospect, shown read-only beside the preparation sheet."""

    appointment: dict[str, Any]
    prospect: dict[str, Any]
    personas: list[dict[str, Any]]
    interactions: list[dict[str, Any]]
    watch_items: list[dict[str, Any]]
    competitors: list[str]
    products: list[dict[str, Any]]
    objections: list[ObjectionOut]
