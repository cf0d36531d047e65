"""Payloads of the import routes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field

from app.core.schemas import InputSchema, Schema
from app.models import DuplicatePolicy, ImportStatus


class ImportJobSummary(Schema):
    id: int
    owner_id: int
    filename: str
    file_format: str
    status: ImportStatus
    duplicate_policy: DuplicatePolicy
    total_rows: int
    processed_rows: int
    valid_rows: int
    error_rows: int
    duplicate_rows: int
    created_count: int
    updated_count: int
    skipped_count: int
    error: str | None
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None


class MatchedProspect(Schema):
    """An existing record a row of the file duplicates (to name it and link to it)."""

    id: int
    name: str


class ImportJobOut(ImportJobSummary):
    mapping: dict[str, str] = Field(description="Colonne du fichier → champ du prospect.")
    report: dict[str, Any] = Field(
        description="Correspondance suggérée et retenue, erreurs par ligne (1 000 au plus, "
        "sans valeur des cellules), doublons, décompte prévu puis réalisé."
    )
    matched_prospects: list[MatchedProspect] = Field(
        default_factory=list,
        description="Les fiches existantes que des lignes du rapport doublonnent "
        "(`report.duplicates[].matched_prospect_id`), avec leur nom actuel : lu à la "
        "demande, jamais copié dans le rapport (une fiche anonymisée n'y figure plus).",
    )


class CommitOptions(InputSchema):
    skip_invalid_rows: bool = Field(
        default=False, description="Écrire les lignes valides et ignorer les lignes en erreur."
    )


class ImportField(Schema):
    field: str
    label: str
    group: str = Field(description="prospect, contact (de l'entreprise) ou consent.")


class ImportRules(Schema):
    """What an upload may contain: the fields a column may feed and the limits."""

    fields: list[ImportField]
    formats: list[str]
    max_bytes: int
    max_rows: int
