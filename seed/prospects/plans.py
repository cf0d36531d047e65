"""The demo prospect files: the plan of a trainee's file.

What the generator computes for a trainee before anything is written: each prospect's row,
its contacts, status history, consents, interactions (with the appointments they set) and
campaign memberships, plus the trainee's personas, scripts and campaigns. Indexes (of a
contact, a campaign, a script) stand for the ids the writer gets back from the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.models import (
    AppointmentStatus,
    ConsentChannel,
    ConsentMethod,
    ConsentPurpose,
    ConsentStatus,
    LawfulBasis,
    Outcome,
    ProspectStatus,
)


@dataclass
class ConsentPlan:
    contact: int | None  # index of the company's contact; None: the individual (or the company)
    purpose: ConsentPurpose
    channel: ConsentChannel
    status: ConsentStatus
    given_at: datetime
    lawful_basis: LawfulBasis
    method: ConsentMethod
    text_version: str
    proof_reference: str


@dataclass
class AppointmentPlan:
    starts_at: datetime
    duration_minutes: int
    status: AppointmentStatus
    notes: str


@dataclass
class InteractionPlan:
    row: dict[str, Any]
    contact: int | None
    campaign: int | None
    script: int | None
    appointment: AppointmentPlan | None = None
    # What the server is told but does not store (the policy reads them).
    about_contract: bool = False
    analogous_offer: bool = False


@dataclass
class ProspectPlan:
    row: dict[str, Any]
    contacts: list[dict[str, Any]]
    status_changes: list[dict[str, Any]]
    consents: list[ConsentPlan]
    interactions: list[InteractionPlan]
    campaigns: list[int]  # indexes of the campaigns it is a member of


@dataclass
class TraineeWorld:
    number: int
    personas: list[dict[str, Any]]
    scripts: list[tuple[int | None, dict[str, Any]]]  # (persona index, row)
    campaigns: list[tuple[int | None, int | None, dict[str, Any]]]  # (persona, script, row)
    prospects: list[ProspectPlan]


@dataclass
class _Step:
    """One step of a prospect's planned history."""

    kind: str  # "event" (an interaction), "meeting" (the appointment itself), "status"
    outcome: Outcome | None = None
    status: ProspectStatus | None = None
    reason: str | None = None
    objection: bool = False
