"""Payloads of the consent history and the channel policy (the routes are app/privacy's and
app/prospects')."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from app.core.schemas import AwareDateTime, Id, InputSchema, Schema
from app.models import (
    Channel,
    ConsentChannel,
    ConsentMethod,
    ConsentPurpose,
    ConsentStatus,
    LawfulBasis,
)


class ConsentCreate(InputSchema):
    contact_id: Id | None = Field(
        default=None, description="Le contact (entreprise) ; vide pour un particulier."
    )
    purpose: ConsentPurpose = ConsentPurpose.PROSPECTING
    channel: ConsentChannel
    status: ConsentStatus
    lawful_basis: LawfulBasis = LawfulBasis.CONSENT
    given_at: AwareDateTime = Field(description="Quand la personne s'est exprimée.")
    method: ConsentMethod = Field(description="web_form, verbal, written ou import.")
    text_version: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)
    ] = Field(description="Version du texte présenté (preuve, RGPD art. 7).")
    proof_reference: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] = ""
    pre_ticked: bool = Field(
        default=False, description="La case était-elle pré-cochée ? (refusé si oui)"
    )


class ConsentOut(Schema):
    id: int
    prospect_id: int
    contact_id: int | None
    purpose: ConsentPurpose
    channel: ConsentChannel
    status: ConsentStatus
    lawful_basis: LawfulBasis
    given_at: datetime
    method: ConsentMethod
    text_version: str
    proof_reference: str
    recorded_by: int
    created_at: datetime


class ConsentsView(Schema):
    current: list[ConsentOut] = Field(
        description="L'état actuel : le dernier par finalité et canal."
    )
    history: list[ConsentOut]


class ChannelDecisionOut(Schema):
    channel: Channel
    allowed: bool
    rule: str
    detail: str


class ChannelPolicyOut(Schema):
    prospect_id: int
    contact_id: int | None
    on: date
    decisions: list[ChannelDecisionOut]
    allowed_channels: list[Channel]
