"""The metric registry's payloads: definitions, and values per trainee for a period."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field

from app.core.schemas import Schema
from app.metrics.registry import MetricKind

MetricValue = int | Decimal | None


class MetricOut(Schema):
    code: str
    label: str = Field(description="Libellé affiché.")
    unit: str = Field(description="Unité : nombre, km, kg CO2e, %…")
    kind: MetricKind = Field(
        description="`count` et `sum` s'additionnent (sous-périodes, stagiaires) ; un `ratio` "
        "se calcule de deux autres indicateurs et ne s'additionne jamais."
    )
    value_type: Literal["integer", "decimal"] = Field(
        description="Entier, ou décimal (écrit en texte dans le JSON, ex. « 12.500 »)."
    )
    higher_is_better: bool = Field(description="Faux : moins, c'est mieux (km, CO2).")
    competence: str = Field(description="Compétence du REAC que l'indicateur reflète.")
    description: str = Field(description="Comment l'indicateur se calcule.")
    numerator: str | None = Field(default=None, description="Ratio : code du numérateur.")
    denominator: str | None = Field(default=None, description="Ratio : code du dénominateur.")


class TraineeValues(Schema):
    trainee_id: int
    full_name: str
    values: dict[str, MetricValue] = Field(
        description="Valeur de chaque indicateur demandé, par code : 0 sans activité, null pour "
        "un ratio dont le dénominateur est nul."
    )


class MetricValuesOut(Schema):
    start: date = Field(description="Premier jour de la période (inclus).")
    end: date = Field(description="Dernier jour de la période (inclus).")
    time_zone: str = Field(description="Fuseau des jours de la période.")
    codes: list[str] = Field(description="Les indicateurs calculés, dans l'ordre demandé.")
    trainees: list[TraineeValues]
