"""Payloads of Bloctel, data-subject requests, the access log and retention (consent and the
channel policy: app/consent/schemas.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import Field, StringConstraints

from app.core.schemas import MULTILINE, Day, Id, InputSchema, Schema
from app.models import (
    PrivacyRequestKind,
    PrivacyRequestStatus,
)


class BloctelReport(Schema):
    id: int
    checked_on: date
    numbers_in_list: int
    invalid_lines: int
    prospects_checked: int
    prospects_opposed: int
    created_at: datetime


class PrivacyRequestCreate(InputSchema):
    prospect_id: Id
    contact_id: Id | None = None
    kind: PrivacyRequestKind
    received_on: Day
    channel: Annotated[str, StringConstraints(strip_whitespace=True, max_length=60)] = ""
    details: Annotated[
        str, StringConstraints(strip_whitespace=True, max_length=4000), MULTILINE
    ] = ""
    changes: dict[str, Any] = Field(
        default_factory=dict,
        max_length=20,
        description='Rectification : les champs à corriger, ex. {"email": "..."}.',
    )


class PrivacyRequestExtend(InputSchema):
    reason: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=5, max_length=2000), MULTILINE
    ]


class PrivacyRequestComplete(InputSchema):
    response_note: Annotated[
        str, StringConstraints(strip_whitespace=True, max_length=4000), MULTILINE
    ] = ""
    reject: bool = Field(default=False, description="Refuser la demande (motif dans la note).")


class PrivacyRequestOut(Schema):
    id: int
    owner_id: int
    prospect_id: int | None
    contact_id: int | None
    subject_name: str | None = Field(
        description="Qui fait la demande : le nom de la fiche, ou « Prénom Nom (fiche) » pour "
        "un contact ; « Anonymisé #… » après un effacement ; null si la fiche a été supprimée."
    )
    kind: PrivacyRequestKind
    status: PrivacyRequestStatus
    received_on: date
    due_on: date
    overdue: bool
    extension_reason: str | None
    channel: str
    details: str
    changes: dict[str, Any]
    response_note: str
    completed_at: datetime | None
    version: int


class AuditEntryOut(Schema):
    id: int
    actor_id: int | None
    action: str
    prospect_id: int | None
    contact_id: int | None
    detail: str
    at: datetime


class RetentionCandidate(Schema):
    prospect_id: int
    owner_id: int
    status: str
    reference_date: datetime
    expired_since_days: int


class RetentionReport(Schema):
    dry_run: bool
    retention_years: int
    cutoff: datetime
    candidates: list[RetentionCandidate]
    anonymised: int
