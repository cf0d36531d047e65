"""Payloads of the catalogue, the evidence journal, assessments and portfolios."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Annotated

from pydantic import Field, field_validator

from app.competences.catalogue import get_catalogue
from app.core.schemas import MULTILINE, InputSchema, Schema
from app.models import AssessmentLevel


class CriterionOut(Schema):
    code: str
    text: str


class CompetenceOut(Schema):
    code: str
    kind: str = Field(description="professional (CP) ou cross_cutting (CT)")
    block: str | None
    title: str
    criteria: list[CriterionOut]


class BlockOut(Schema):
    code: str
    title: str


class CatalogueOut(Schema):
    version: str
    framework: Mapping[str, str | None]
    blocks: list[BlockOut]
    competences: list[CompetenceOut]


class EvidenceOut(Schema):
    id: int
    trainee_id: int
    action: str
    label: str
    method: str
    route: str
    resource_type: str | None
    resource_id: str | None
    codes: list[str]
    framework_version: str
    created_at: datetime


class AssessmentCreate(InputSchema):
    criterion_code: str = Field(
        max_length=16, examples=["CP3.7"], description="Code du critère évalué."
    )
    level: AssessmentLevel = Field(
        description="« en cours » ou « acquis » : « non évalué » est l'état d'un critère "
        "avant toute évaluation, il ne s'enregistre pas."
    )
    comment: Annotated[str, MULTILINE] = Field(default="", max_length=4000)

    @field_validator("level")
    @classmethod
    def _assessed(cls, v: AssessmentLevel) -> AssessmentLevel:
        # A "not assessed" entry would enter the append-only history and say nothing.
        if v is AssessmentLevel.NOT_ASSESSED:
            raise ValueError("choisissez un niveau : en cours ou acquis")
        return v

    @field_validator("criterion_code")
    @classmethod
    def _known(cls, v: str) -> str:
        v = v.strip().upper()
        if get_catalogue().criterion(v) is None:
            raise ValueError(f"critère inconnu « {v} » (ex. CP3.7, CT1.2)")
        return v


class AssessmentOut(Schema):
    id: int
    trainee_id: int
    criterion_code: str
    level: AssessmentLevel
    comment: str
    assessor_id: int
    assessor_name: str
    framework_version: str
    created_at: datetime


class EvidenceExample(Schema):
    id: int
    action: str
    label: str
    resource_type: str | None
    resource_id: str | None
    created_at: datetime


class EvidenceStats(Schema):
    evidence_count: int = 0
    first_at: datetime | None = None
    last_at: datetime | None = None
    recent: list[EvidenceExample] = Field(default_factory=list)


class CriterionPortfolio(EvidenceStats):
    code: str
    text: str
    assessment: AssessmentOut | None = None


class CompetencePortfolio(EvidenceStats):
    code: str
    kind: str
    block: str | None
    title: str
    status: AssessmentLevel = Field(
        description="acquired si tous les critères sont acquis, in_progress dès qu'un critère "
        "est évalué, not_assessed sinon."
    )
    criteria_acquired: int
    criteria: list[CriterionPortfolio]


class TraineeRef(Schema):
    id: int
    full_name: str
    email: str
    cohort: str | None


class Portfolio(Schema):
    trainee: TraineeRef
    framework_version: str
    framework_title: str
    generated_at: datetime
    evidence_total: int
    criteria_total: int
    criteria_acquired: int
    competences: list[CompetencePortfolio]
