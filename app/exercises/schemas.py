"""Payloads of the exercise routes: exercises, assignments, runs, market actions, results."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field

from app.core.schemas import Day, Id, InputSchema, MultilineText, Schema, VersionedUpdate
from app.market.parameters import MarketParameters
from app.models import (
    Channel,
    ClockMode,
    DecisionPower,
    ExerciseStatus,
    Motive,
    Outcome,
    ProspectKind,
    RunStatus,
)

MAX_SEED = 2**62
HourBand = Literal["08-10", "10-12", "12-14", "14-16", "16-18", "18-20"]
MAX_DAYS = 366
MAX_ASSIGNEES = 500
CriterionCode = Annotated[str, Field(min_length=2, max_length=20, pattern=r"^[A-Z]{2}[0-9.]+$")]
MetricCode = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[a-z0-9_]+$")]


class ObjectiveTemplate(InputSchema):
    """One objective of the exercise's PAC template: a metric of the registry and a target
    over the run's simulated period."""

    metric: MetricCode = Field(description="Code d'un indicateur du registre (GET /metrics).")
    target: Decimal = Field(ge=0, le=Decimal("999999999.99"), decimal_places=2)
    label: str = Field(default="", max_length=200)


Unit = Annotated[float, Field(ge=0, le=1)]
Name = Annotated[str, Field(min_length=1, max_length=100)]
MAX_IMPORTED_PEOPLE = 500


class ImportedPerson(InputSchema):
    """A person of an imported market: what the trainee sees (identity, town, phone, e-mail,
    segment) and the hidden attributes the model reads (app/market/README.md)."""

    kind: ProspectKind
    company_name: Name | None = Field(default=None, description="Pour une entreprise.")
    first_name: Name
    last_name: Name
    naf_code: str | None = Field(default=None, max_length=6, pattern=r"^\d{2}\.\d{2}[A-Z]$")
    segment: str = Field(default="", max_length=100)
    insee: str = Field(default="", max_length=5)
    city: str = Field(min_length=1, max_length=120)
    postcode: str = Field(max_length=5, pattern=r"^\d{5}$")
    department: str = Field(default="", max_length=3)
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    phone: str = Field(min_length=6, max_length=20, pattern=r"^\+?[0-9 .]+$")
    email: str = Field(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")
    needs: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=10
    )
    motives: list[Motive] = Field(default_factory=list, max_length=6)
    budget: int = Field(ge=0, le=100_000_000)
    decision_power: DecisionPower
    receptiveness: dict[Channel, Unit] = Field(default_factory=dict)
    hour_receptiveness: dict[HourBand, Unit] = Field(default_factory=dict)
    phone_consent: bool | None = None
    email_consent: bool | None = None
    on_bloctel: bool = False
    price_sensitivity: Unit = 0.5
    loyalty: Unit = 0.5
    complaint_propensity: Unit = 0.5
    late_payment_propensity: Unit = 0.5


class ExerciseBase(InputSchema):
    instructions: MultilineText = Field(default="", max_length=20000)
    business_case_id: Id | None = Field(
        default=None, description="Le cas d'entreprise (publié) pour lequel le stagiaire vend."
    )
    objectives: list[ObjectiveTemplate] = Field(default_factory=list, max_length=20)
    competences: list[CriterionCode] = Field(
        default_factory=list, max_length=60, description="Compétences et critères visés (CP3.1…)."
    )
    starts_on: Day | None = Field(
        default=None,
        description="Premier jour simulé (vide : le jour où le stagiaire démarre).",
    )
    days: int = Field(default=20, ge=1, le=MAX_DAYS, description="Durée simulée, en jours.")
    clock_mode: ClockMode = Field(
        default=ClockMode.ON_REQUEST,
        description="on_request : le stagiaire avance l'horloge ; real_days : au rythme des jours.",
    )
    market: MarketParameters = Field(default_factory=MarketParameters)
    seed: int | None = Field(
        default=None, ge=0, le=MAX_SEED, description="Graine du marché (vide : tirée au hasard)."
    )
    requires_note: bool = Field(default=False, description="Une note de synthèse est attendue.")
    population: list[ImportedPerson] | None = Field(
        default=None,
        max_length=MAX_IMPORTED_PEOPLE,
        description="Un marché importé (au plus 500 personnes) au lieu d'un marché généré : "
        "les mêmes personnes pour chaque stagiaire, qui répondent selon le modèle.",
    )


class ExerciseCreate(ExerciseBase):
    title: str = Field(min_length=1, max_length=200)
    template: str | None = Field(
        default=None,
        max_length=60,
        description="Partir d'un exercice prêt à l'emploi (GET /exercises/templates).",
    )


class ExerciseUpdate(VersionedUpdate):
    title: str | None = Field(default=None, min_length=1, max_length=200)
    instructions: MultilineText | None = Field(default=None, max_length=20000)
    business_case_id: Id | None = None
    objectives: list[ObjectiveTemplate] | None = Field(default=None, max_length=20)
    competences: list[CriterionCode] | None = Field(default=None, max_length=60)
    starts_on: Day | None = None
    days: int | None = Field(default=None, ge=1, le=MAX_DAYS)
    clock_mode: ClockMode | None = None
    market: MarketParameters | None = None
    requires_note: bool | None = None
    population: list[ImportedPerson] | None = Field(default=None, max_length=MAX_IMPORTED_PEOPLE)


class ExerciseStep(VersionedUpdate):
    """Publish or close: the version read before acting."""


class ExerciseOut(Schema):
    id: int
    title: str
    instructions: str
    business_case_id: int | None
    objectives: list[dict[str, Any]]
    competences: list[str]
    starts_on: date | None
    days: int
    clock_mode: ClockMode
    market: dict[str, Any]
    seed: int
    requires_note: bool
    template_key: str | None
    status: ExerciseStatus
    version: int
    created_by_id: int | None
    published_at: datetime | None
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    runs: dict[str, int] = Field(default_factory=dict, description="Nombre de parcours par statut.")
    imported_people: int = Field(
        default=0, description="Personnes du marché importé (0 : marché généré par parcours)."
    )


class TemplateOut(Schema):
    key: str
    title: str
    summary: str
    days: int
    competences: list[str]


class ExerciseAssignment(InputSchema):
    trainee_ids: list[Id] = Field(default_factory=list, max_length=MAX_ASSIGNEES)
    cohort_id: Id | None = Field(default=None, description="Toute une promotion.")


class ExerciseRunOut(Schema):
    id: int
    exercise_id: int
    exercise_title: str = ""
    owner_id: int = Field(description="Le stagiaire du parcours (filtre `owner_id`).")
    trainee_id: int
    trainee_name: str = ""
    status: RunStatus
    starts_on: date | None
    today: date | None
    ends_on: date | None = None
    days_left: int | None = None
    started_at: datetime | None
    submitted_at: datetime | None
    closed_at: datetime | None
    people: int = Field(default=0, description="Personnes du marché simulé.")
    advance_total: int
    advance_done: int
    version: int


class RunStep(VersionedUpdate):
    """Start or submit one's run: the version read before acting."""


class AdvanceCreate(VersionedUpdate):
    days: int = Field(default=1, ge=1, le=31, description="Jours simulés à jouer (1 à 31).")


class CallCreate(InputSchema):
    """A phone call to a prospect of the run's market, at a simulated hour of the run's day:
    the channel policy decides first, then the market answers."""

    prospect_id: Id
    contact_id: Id | None = None
    campaign_id: Id | None = None
    call_script_id: Id | None = None
    persona_id: Id | None = Field(
        default=None, description="Le persona que vous visez avec cet appel (ciblage)."
    )
    hour: int = Field(default=10, ge=0, le=23, description="Heure simulée de l'appel.")
    minute: int = Field(default=0, ge=0, le=59)
    duration_minutes: int | None = Field(default=None, ge=0, le=600)
    notes: MultilineText = Field(default="", max_length=5000)


class EmailCreate(InputSchema):
    prospect_id: Id
    contact_id: Id | None = None
    campaign_id: Id | None = None
    persona_id: Id | None = None
    personalised: bool = Field(default=False, description="Message personnalisé au destinataire.")
    hour: int = Field(default=9, ge=0, le=23)
    notes: MultilineText = Field(default="", max_length=5000)


class FactorOut(Schema):
    code: str
    label: str
    value: float


class AnswerOut(Schema):
    """What the market answered: the outcome, the interaction it was written as, the
    appointment it set, and why (the probabilities and the factors applied)."""

    outcome: str
    outcome_label: str
    interaction_id: int | None
    appointment_id: int | None
    event_id: int
    day: date
    probabilities: dict[str, float]
    factors: list[FactorOut]
    objection_motive: str | None = None
    criteria: list[str] = Field(default_factory=list)


class MarketEventOut(Schema):
    id: int
    run_id: int
    prospect_id: int | None
    prospect_name: str | None = None
    day: date
    kind: str
    outcome: str
    record: str | None
    detail: dict[str, Any]
    created_at: datetime


class ClockAdvanced(Schema):
    run: ExerciseRunOut
    days_played: int
    events: list[MarketEventOut]


ResultsFormat = Literal["json", "csv"]


class ObjectiveResult(Schema):
    metric: str
    label: str
    target: Decimal
    value: float | None
    attainment: float | None = Field(description="Valeur ÷ cible (1 = atteint).")


class RunResult(Schema):
    run_id: int
    trainee_id: int
    trainee_name: str
    status: RunStatus
    starts_on: date | None
    today: date | None
    metrics: dict[str, float | None]
    objectives: list[ObjectiveResult]
    evidence: dict[str, int] = Field(
        description="Preuves enregistrées pendant le parcours, par critère."
    )
    note: dict[str, Any] | None = None
    market: dict[str, int] = Field(default_factory=dict, description="Réponses du marché par type.")


class ResultsOut(Schema):
    exercise_id: int
    title: str
    runs: list[RunResult]


class OutcomeLabel(Schema):
    outcome: Outcome
    label: str
