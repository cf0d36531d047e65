"""Payloads of the gap analysis routes (issue 19): analyses and their figures, causes,
corrective actions and their feasibility, synthesis notes, versions, comments, the CP4
assessment from a note, the cohort dashboard."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from app.core.schemas import Day, Id, InputSchema, MultilineText, Schema, VersionedUpdate
from app.models import CauseStatus, CorrectiveKind, CorrectiveStatus, NoteStatus

Short = Annotated[str, Field(min_length=1, max_length=200)]
Long = Annotated[MultilineText, Field(max_length=4000)]
NoteBody = Annotated[MultilineText, Field(max_length=60_000)]
Hours = Annotated[Decimal, Field(ge=0, le=500, max_digits=6, decimal_places=2)]
Money = Annotated[Decimal, Field(ge=0, le=10_000_000, max_digits=10, decimal_places=2)]
Value = Annotated[
    Decimal, Field(ge=-1_000_000_000, le=1_000_000_000, max_digits=14, decimal_places=2)
]
Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
Code = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9_.-]+$")]
MAX_PERIOD_DAYS = 366


# ----------------------------------------------------------------- analyses


class AnalysisCreate(InputSchema):
    """A period to analyse: a plan's (its dates by default), or any dates."""

    plan_id: Id | None = Field(
        default=None, description="Le plan (PAC) dont les objectifs sont analysés."
    )
    starts_on: Day | None = Field(default=None, description="Premier jour (défaut : du plan).")
    ends_on: Day | None = Field(default=None, description="Dernier jour (défaut : du plan).")
    title: Short | None = None

    @model_validator(mode="after")
    def _period(self) -> AnalysisCreate:
        if self.plan_id is None and (self.starts_on is None or self.ends_on is None):
            raise ValueError(
                "Donnez un plan, ou les deux dates de la période (starts_on, ends_on)."
            )
        return self


class AnalysisOut(Schema):
    id: int
    owner_id: int
    owner_name: str
    title: str
    starts_on: date
    ends_on: date
    plan_id: int | None
    diagnosed_at: datetime | None
    note_id: int | None
    note_status: NoteStatus | None
    causes_confirmed: int
    actions_accepted: int
    created_at: datetime


class AnalysisFigures(Schema):
    """The analysis's figures, computed now from the records (never stored)."""

    analysis_id: int
    computed_at: datetime
    period: dict[str, Any]
    plan: dict[str, Any] | None
    objectives: list[dict[str, Any]]
    funnel: dict[str, Any]
    activity: dict[str, Any]
    pareto: dict[str, Any]
    trend: dict[str, Any]
    effects: list[dict[str, Any]] = Field(
        description="Les actions correctives acceptées lors d'analyses précédentes dont "
        "l'échéance tombe dans la période, et leur effet (indicateur avant, maintenant, attendu)."
    )


# ----------------------------------------------------------------- causes


class CauseCreate(InputSchema):
    """A cause the trainee names themselves (confirmed from the start)."""

    title: Annotated[str, Field(min_length=1, max_length=300)]
    explanation: Long = ""
    figures: dict[Annotated[str, Field(max_length=60)], Annotated[str, Field(max_length=200)]] = (
        Field(default_factory=dict, max_length=20, description="Les chiffres qui l'étayent.")
    )


class CauseDecision(VersionedUpdate):
    decision: Literal["confirmed", "rejected"]
    comment: Long = ""


class CauseOut(Schema):
    id: int
    analysis_id: int
    rule_code: str | None
    rule_label: str | None
    key: str
    title: str
    explanation: str
    criterion: str
    figures: dict[str, Any]
    links: list[dict[str, Any]]
    status: CauseStatus
    comment: str
    decided_at: datetime | None
    version: int


class DiagnosisOut(Schema):
    analysis_id: int
    rules_run: int
    found: int
    causes: list[CauseOut]


class DiagnosticRuleOut(Schema):
    code: str
    label: str
    description: str
    reads: str
    thresholds: dict[str, Any]
    actions: list[dict[str, Any]]


# ----------------------------------------------------------------- corrective actions


class CorrectiveProposal(Schema):
    cause_id: int | None
    kind: CorrectiveKind
    title: str
    description: str
    deadline: date
    indicator: str | None
    baseline: Decimal | None
    expected_value: Decimal | None
    expected_effect: str
    hours: Decimal
    budget: Decimal
    segment_code: str | None


class CorrectiveFields(InputSchema):
    kind: CorrectiveKind
    title: Short
    description: Long = ""
    deadline: Day
    indicator: Code | None = Field(default=None, description="Un indicateur du registre.")
    expected_value: Value | None = None
    expected_effect: Long = ""
    hours: Hours = Decimal(0)
    budget: Money = Decimal(0)
    segment_code: Code | None = None
    product_family: Code | None = None
    discount_pct: Percent | None = None


class CorrectiveCreate(CorrectiveFields):
    cause_id: Id | None = Field(default=None, description="La cause (confirmée) qu'elle traite.")


class CorrectiveUpdate(VersionedUpdate):
    title: Short | None = None
    description: Long | None = None
    deadline: Day | None = None
    indicator: Code | None = None
    expected_value: Value | None = None
    expected_effect: Long | None = None
    hours: Hours | None = None
    budget: Money | None = None
    segment_code: Code | None = None
    product_family: Code | None = None
    discount_pct: Percent | None = None
    status: Literal["proposed", "dropped"] | None = None


class CorrectiveAccept(VersionedUpdate):
    plan_id: Id = Field(description="Le plan suivant (brouillon ou renvoyé) qui la reçoit.")


class FeasibilityCheck(Schema):
    check: str
    ok: bool
    message: str
    figures: dict[str, Any]


class FeasibilityOut(Schema):
    action_id: int
    feasible: bool
    checks: list[FeasibilityCheck]


class CorrectiveOut(Schema):
    id: int
    analysis_id: int
    cause_id: int | None
    kind: CorrectiveKind
    title: str
    description: str
    deadline: date
    indicator: str | None
    baseline: Decimal | None
    expected_value: Decimal | None
    expected_effect: str
    hours: Decimal
    budget: Decimal
    segment_code: str | None
    product_family: str | None
    discount_pct: Decimal | None
    status: CorrectiveStatus
    accepted_at: datetime | None
    plan_action_id: int | None
    task_id: int | None
    version: int


# ----------------------------------------------------------------- notes


class NoteUpdate(VersionedUpdate):
    title: Short | None = None
    body: NoteBody | None = None


class NoteSubmit(VersionedUpdate):
    """Submit the note as read (its version)."""


class NotePreview(Schema):
    note_id: int
    version: int = Field(description="La version du brouillon, ou le numéro de la version.")
    html: str = Field(
        description="Le texte mis en forme (Markdown sans HTML brut, liens http(s) et mailto "
        "seulement) et ses graphiques en SVG."
    )


class AdviceOut(Schema):
    code: str
    ok: bool
    message: str


class NoteOut(Schema):
    id: int
    analysis_id: int
    owner_id: int
    owner_name: str
    title: str
    body: str
    status: NoteStatus
    versions_count: int
    submitted_at: datetime | None
    updated_at: datetime
    version: int
    charts: list[str] = Field(description="Les graphiques que le texte peut citer (chart:NOM).")
    advice: list[AdviceOut]


class NoteVersionOut(Schema):
    id: int
    note_id: int
    number: int
    title: str
    body: str
    submitted_at: datetime
    comments_count: int
    read_by_me: bool


class CommentCreate(InputSchema):
    body: Annotated[MultilineText, Field(min_length=1, max_length=4000)]
    quote: Annotated[MultilineText, Field(max_length=1000)] = Field(
        default="", description="Le passage commenté, tel qu'il figure dans le texte."
    )
    start: Annotated[int, Field(ge=0, le=60_000)] | None = None
    end: Annotated[int, Field(ge=0, le=60_000)] | None = None

    @model_validator(mode="after")
    def _anchor(self) -> CommentCreate:
        if (self.start is None) != (self.end is None):
            raise ValueError("start et end vont ensemble (ou ni l'un ni l'autre).")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("end précède start.")
        return self


class CommentOut(Schema):
    id: int
    version_id: int
    author_id: int
    author_name: str
    author_role: str
    quote: str
    start: int | None
    end: int | None
    body: str
    created_at: datetime


class CriterionLevel(InputSchema):
    criterion_code: Literal["CP4.1", "CP4.2", "CP4.3", "CP4.4", "CT1.5"]
    level: Literal["in_progress", "acquired"]
    comment: Annotated[MultilineText, Field(max_length=2000)] = ""


class NoteAssessmentIn(InputSchema):
    criteria: list[CriterionLevel] = Field(min_length=1, max_length=5)

    @model_validator(mode="after")
    def _unique(self) -> NoteAssessmentIn:
        codes = [c.criterion_code for c in self.criteria]
        if len(set(codes)) != len(codes):
            raise ValueError("Chaque critère une fois au plus.")
        return self


class QueueItem(Schema):
    note_id: int
    analysis_id: int
    trainee_id: int
    trainee_name: str
    title: str
    number: int
    submitted_at: datetime
    starts_on: date
    ends_on: date


# ----------------------------------------------------------------- cohort dashboard


class DashboardOut(Schema):
    cohort_id: int
    start: date
    end: date
    metrics: list[dict[str, Any]]
    trainees: list[dict[str, Any]]
    distributions: dict[str, dict[str, Any]]
    behind: list[dict[str, Any]]
    queue: list[QueueItem]
