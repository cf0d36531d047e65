"""Payloads of the PAC routes: plans, objectives, actions, progress and coherence findings."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator

from app.core.schemas import Day, Id, InputSchema, MultilineText, Schema, VersionedUpdate
from app.models import PlanActionKind, PlanPeriodKind, PlanStatus, SplitDimension


def _as_stored(places: int) -> AfterValidator:
    """A decimal written at its column's scale (``300`` is stored and answered ``300.00``):
    the answer to a write shows the value as every later read will."""
    unit = Decimal(1).scaleb(-places)
    return AfterValidator(lambda value: value.quantize(unit))


Amount = Annotated[
    Decimal, Field(ge=0, le=Decimal("999999999999.99"), decimal_places=2), _as_stored(2)
]
# An action's budget: its column holds 12 digits, 2 of them decimals (a larger amount was a
# numeric overflow on PostgreSQL).
Budget = Annotated[
    Decimal, Field(ge=0, le=Decimal("9999999999.99"), decimal_places=2), _as_stored(2)
]
Hours = Annotated[Decimal, Field(ge=0, le=Decimal("9999.99"), decimal_places=2), _as_stored(2)]
Km = Annotated[Decimal, Field(ge=0, le=Decimal("999999.9"), decimal_places=1), _as_stored(1)]
Percent = Annotated[Decimal, Field(ge=0, le=100, decimal_places=2), _as_stored(2)]
Code = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_\-]+$")]
SliceKey = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_\-]+$")]
MAX_LINKS = 50


# ----------------------------------------------------------------- plans


class PlanCreate(InputSchema):
    title: str = Field(min_length=1, max_length=200)
    period_kind: PlanPeriodKind
    starts_on: Day = Field(
        description="Premier jour d'un mois (la période suit : 1, 3 ou 12 mois)."
    )
    notes: MultilineText = Field(default="", max_length=5000)


class PlanUpdate(VersionedUpdate):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    notes: MultilineText | None = Field(default=None, max_length=5000)


class PlanStep(VersionedUpdate):
    """Submit, validate, return or revise: the version read before acting and, for the
    trainer, a comment (required to return a plan)."""

    comment: MultilineText = Field(default="", max_length=5000)


class PlanOut(Schema):
    id: int
    owner_id: int
    owner_name: str | None = None
    title: str
    business_case_version_id: int
    business_case_id: int | None = None
    business_case_name: str | None = None
    business_case_version: int | None = None
    period_kind: PlanPeriodKind
    starts_on: date
    ends_on: date
    status: PlanStatus
    revision: int
    revision_of_id: int | None
    notes: str
    submitted_at: datetime | None
    decided_at: datetime | None
    decided_by_id: int | None
    decision_comment: str
    version: int
    created_at: datetime
    updated_at: datetime


# ----------------------------------------------------------------- objectives


class ObjectiveCreate(InputSchema):
    metric_code: Code | None = Field(
        default=None, description="Indicateur du registre (objectif quantitatif)."
    )
    label: str = Field(min_length=1, max_length=200)
    target: Amount | None = Field(default=None, description="Cible (objectif quantitatif).")
    success_criterion: MultilineText = Field(
        default="", max_length=2000, description="Comment la réussite est jugée (qualitatif)."
    )
    weight: int = Field(default=1, ge=1, le=100, description="Poids relatif de l'objectif.")
    parent_id: Id | None = Field(default=None, description="L'objectif qu'il décompose.")
    dimension: SplitDimension | None = Field(
        default=None, description="Axe de la décomposition (avec parent_id)."
    )
    slice_key: SliceKey | None = Field(
        default=None,
        description="La tranche : mois « 2027-01 », semaine « 2027-W03 », code de segment "
        "ou de famille de produits.",
    )

    @model_validator(mode="after")
    def _shape(self) -> ObjectiveCreate:
        split = (self.parent_id, self.dimension, self.slice_key)
        if any(v is not None for v in split) and any(v is None for v in split):
            raise ValueError(
                "Un sous-objectif a un parent (parent_id), un axe (dimension) et une tranche "
                "(slice_key) ; un objectif principal n'en a aucun."
            )
        return self


class ObjectiveUpdate(InputSchema):
    """An objective's wording, target and weight, replaced whole (its metric and its place in
    the decomposition do not change: delete it and add another)."""

    label: str = Field(min_length=1, max_length=200)
    target: Amount | None = None
    success_criterion: MultilineText = Field(default="", max_length=2000)
    weight: int = Field(default=1, ge=1, le=100)


class ObjectiveOut(Schema):
    id: int
    plan_id: int
    parent_id: int | None
    metric_code: str | None
    label: str
    target: Decimal | None
    success_criterion: str
    weight: int
    dimension: SplitDimension | None
    slice_key: str | None
    position: int


# ----------------------------------------------------------------- actions


class Contribution(InputSchema):
    objective_id: Id
    expected: Amount | None = Field(
        default=None, description="Ce que l'action doit apporter à l'objectif (son unité)."
    )


class ActionFields(InputSchema):
    title: str = Field(min_length=1, max_length=200)
    kind: PlanActionKind
    starts_on: Day
    ends_on: Day
    segment_code: Code | None = None
    product_family: Code | None = None
    hours: Hours = Decimal(0)
    budget: Budget = Decimal(0)
    km: Km = Decimal(0)
    discount_pct: Percent | None = Field(default=None, description="Remise proposée (%).")
    notes: MultilineText = Field(default="", max_length=5000)
    contributions: list[Contribution] = Field(default_factory=list, max_length=100)
    campaign_ids: list[Id] = Field(default_factory=list, max_length=MAX_LINKS)
    tour_ids: list[Id] = Field(default_factory=list, max_length=MAX_LINKS)

    @model_validator(mode="after")
    def _dates(self) -> ActionFields:
        if self.ends_on < self.starts_on:
            raise ValueError("La fin de l'action (ends_on) précède son début (starts_on).")
        ids = [c.objective_id for c in self.contributions]
        if len(ids) != len(set(ids)):
            raise ValueError("Un objectif apparaît deux fois dans contributions.")
        return self


class ActionCreate(ActionFields):
    pass


class ActionUpdate(ActionFields):
    """An action is replaced whole (its contributions and links with it)."""


class LinkOut(Schema):
    kind: str
    id: int
    label: str
    href: str


class ActionOut(Schema):
    id: int
    plan_id: int
    title: str
    kind: PlanActionKind
    starts_on: date
    ends_on: date
    segment_code: str | None
    product_family: str | None
    hours: Decimal
    budget: Decimal
    km: Decimal
    discount_pct: Decimal | None
    notes: str
    contributions: list[dict[str, Any]] = Field(default_factory=list)
    campaigns: list[LinkOut] = Field(default_factory=list)
    tours: list[LinkOut] = Field(default_factory=list)


# ----------------------------------------------------------------- progress and findings


class ObjectiveProgress(Schema):
    objective_id: int
    parent_id: int | None
    label: str
    metric_code: str | None
    unit: str | None
    dimension: SplitDimension | None
    slice_key: str | None
    period_start: date | None
    period_end: date | None
    target: Decimal | None
    actual: Decimal | None
    gap: Decimal | None
    share: Decimal | None = Field(description="Part de la cible atteinte (%).")
    status: Literal["reached", "on_track", "behind", "not_measured", "qualitative"]
    note: str = ""


class Finding(Schema):
    code: str
    check: Literal["targeting", "activities", "policy", "geography", "decomposition"]
    criterion: str = Field(description="Critère du référentiel que la vérification éclaire.")
    severity: Literal["info", "warning", "error"]
    message: str
    figures: dict[str, Any] = Field(default_factory=dict)
    links: list[LinkOut] = Field(default_factory=list)


class PlanDetail(PlanOut):
    objectives: list[ObjectiveOut]
    actions: list[ActionOut]


class TraineeProgress(Schema):
    trainee_id: int
    trainee_name: str
    plan: PlanOut | None = Field(description="Le plan couvrant la date (validé de préférence).")
    objectives: list[ObjectiveProgress] = Field(default_factory=list)
