"""An exercise as one JSON document, with its business case: what ``GET
/exercises/{id}/export`` writes and ``POST /exercises/import`` reads, validated whole
before anything is written. Its JSON Schema is published
(``docs/schemas/exercise.schema.json``, ``GET /exercises/schema``); regenerate it with
``python -m app.exercises.document > docs/schemas/exercise.schema.json``."""

from __future__ import annotations

import json
import sys
from typing import Any, Literal

from pydantic import Field

from app.business_cases.document import BusinessCaseDocument
from app.core.schemas import InputSchema
from app.exercises.schemas import ExerciseBase

SCHEMA_VERSION = 1


class ExerciseBody(ExerciseBase):
    """The exercise itself: what a trainer sets (its seed included: the same document gives
    the same market)."""

    title: str = Field(min_length=1, max_length=200)
    template_key: str | None = Field(default=None, max_length=60)


class ExerciseDocument(InputSchema):
    """Exercice CapVente : l'exercice (consignes, objectifs, marché simulé, graine) et le cas
    d'entreprise pour lequel le stagiaire vend."""

    schema_version: Literal[1] = Field(
        description="Version du format (1).",
        json_schema_extra={"minimum": SCHEMA_VERSION, "maximum": SCHEMA_VERSION},
    )
    exercise: ExerciseBody
    business_case: BusinessCaseDocument | None = Field(
        default=None, description="Le cas d'entreprise (publié à l'import)."
    )


def json_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **ExerciseDocument.model_json_schema(mode="validation"),
    }


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    sys.stdout.write(schema_text())
