"""Schema bases shared by every domain."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class Schema(BaseModel):
    """Output schemas: read from ORM objects."""

    model_config = ConfigDict(from_attributes=True)


class InputSchema(BaseModel):
    """Input schemas: unknown fields are refused so typos surface as 422."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class VersionedUpdate(InputSchema):
    """Updates carry the version they were based on (optimistic locking)."""

    version: int = Field(ge=1, description="Version lue avant la modification (verrou optimiste).")


T = TypeVar("T")


class Page(Schema, Generic[T]):
    items: list[T]
    total: int = Field(description="Nombre total d'éléments correspondant aux filtres.")
    total_exact: bool = Field(
        default=True,
        description="Faux quand le décompte s'est arrêté au plafond : `total` est alors un "
        "minimum (« au moins 10 000 »). Les pages restent toutes accessibles.",
    )
    limit: int
    offset: int
