"""Payloads of the follow-up routes: orders (issue 17)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import Field, model_validator

from app.core.schemas import Id, InputSchema, MultilineText, Schema, VersionedUpdate
from app.models import OrderStatus
from app.sales.schemas import MAX_LINES, Code, FiguresOut, Percent, QuoteLineIn, ReductionIn


class OrderCreate(InputSchema):
    """From an accepted quote (``quote_id``: its lines and prices kept), or entered from the
    catalogue for a prospect (``prospect_id`` and ``lines``, priced like a quote)."""

    quote_id: Id | None = None
    prospect_id: Id | None = None
    opportunity_id: Id | None = None
    segment_code: Code | None = None
    escompte_rate: Percent | None = None
    reductions: list[ReductionIn] = Field(default_factory=list, max_length=5)
    lines: list[QuoteLineIn] = Field(default_factory=list, max_length=MAX_LINES)
    notes: MultilineText = Field(default="", max_length=5000)

    @model_validator(mode="after")
    def _one_source(self) -> OrderCreate:
        if (self.quote_id is None) == (self.prospect_id is None):
            raise ValueError("Une commande vient d'un devis accepté (quote_id) ou d'un prospect "
                             "et de lignes (prospect_id, lines), pas des deux.")  # fmt: skip
        if self.quote_id is not None and self.lines:
            raise ValueError(
                "Une commande issue d'un devis en reprend les lignes : n'en donnez pas."
            )
        return self


class OrderCancel(VersionedUpdate):
    reason: str = Field(min_length=1, max_length=500)


class OrderOut(Schema):
    id: int
    owner_id: int
    prospect_id: int
    prospect_name: str
    opportunity_id: int | None
    quote_id: int | None
    business_case_id: int
    business_case_version_id: int
    number: str
    status: OrderStatus
    ordered_on: date
    segment_code: str | None
    escompte_rate: Decimal
    reductions: list[dict[str, Any]]
    notes: str
    gross_ht: Decimal
    net_commercial_ht: Decimal
    total_ttc: Decimal
    margin: Decimal | None
    cancelled_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int


class OrderDetail(OrderOut):
    figures: FiguresOut
