"""A trainee's customers as loyalty sees them: purchase history, RFM segment, lifetime value
and inactivity (one pandas pass over their orders, ``data.Portfolio``), the segments' grid,
and a customer's products with the co-purchase recommendations that fit them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.business_cases import segments as market
from app.business_cases import service as cases
from app.business_cases.document import BusinessCaseDocument
from app.config import today_local
from app.core.db import start_writing
from app.core.errors import FieldError, NotFound
from app.core.pagination import PageParams
from app.core.principal import Principal
from app.loyalty import analytics
from app.loyalty.data import Portfolio, lines_frame, portfolio
from app.models import Prospect, RfmSegment

CUSTOMER_SORTS = ("amount", "recency", "orders", "clv", "name", "overdue")


def today() -> date:
    return today_local()


def owner_of(principal: Principal, owner_id: int | None) -> int:
    """Whose customers: a trainee's own; a trainer or an admin names the trainee
    (``trainee_id``, already checked readable)."""
    if principal.is_trainee:
        return principal.user_id
    if owner_id is None:
        raise FieldError(
            "trainee_id",
            "Indiquez le stagiaire dont vous lisez les clients (trainee_id).",
            location="query",
        )
    return owner_id


def case_document(session: Session, owner_id: int) -> BusinessCaseDocument | None:
    active = cases.active_case(session, owner_id)
    return active.document if active is not None else None


@dataclass
class Context:
    """What a loyalty request reads once: the owner, their case and their portfolio."""

    session: Session
    owner_id: int
    doc: BusinessCaseDocument | None
    book: Portfolio

    def require_doc(self) -> BusinessCaseDocument:
        if self.doc is None:
            raise NotFound(
                "Aucun cas d'entreprise publié n'est attribué : la fidélisation lit sa "
                "politique et son catalogue. Demandez à votre formateur de vous l'attribuer."
            )
        return self.doc

    def prepare_writes(self) -> None:
        """The analytics computed, then the write lock taken (SQLite): a route that reads
        the portfolio and writes declares ``work_first`` and calls this before its first
        write, so that no other user waits on the lock while pandas works."""
        self.book.compute()
        start_writing(self.session)

    def prospects(self, ids: list[int]) -> dict[int, Prospect]:
        if not ids:
            return {}
        rows = self.session.scalars(select(Prospect).where(Prospect.id.in_(ids))).all()
        return {p.id: p for p in rows}

    def market_segments(self, prospect: Prospect) -> list[str]:
        return market.matching(self.doc, prospect) if self.doc is not None else []


def context(session: Session, owner_id: int, on: date | None = None) -> Context:
    doc = case_document(session, owner_id)
    return Context(session, owner_id, doc, portfolio(session, owner_id, on or today(), doc))


def _int_or_none(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _decimal_or_none(value: Any, places: str = "0.1") -> Decimal | None:
    if value is None or pd.isna(value):
        return None
    return Decimal(str(float(value))).quantize(Decimal(places))


def customer_row(ctx: Context, prospect: Prospect) -> dict[str, Any]:
    pid = prospect.id
    book = ctx.book
    h = book.history.loc[pid]
    s = book.rfm.scores.loc[pid]
    c = book.clv.loc[pid]
    i = book.inactivity.loc[pid]
    segment = RfmSegment(str(s["segment"]))
    return {
        "prospect_id": pid,
        "name": prospect.name,
        "kind": prospect.kind,
        "status": prospect.status,
        "market_segments": ctx.market_segments(prospect),
        "orders": int(h["orders"]),
        "amount_ht": analytics.euros(int(h["amount_cents"])),
        "first_order_on": pd.Timestamp(h["first_on"]).date(),
        "last_order_on": pd.Timestamp(h["last_on"]).date(),
        "recency_days": int(h["recency_days"]),
        "usual_interval_days": _decimal_or_none(h["usual_interval_days"]),
        "frequency_per_year": _decimal_or_none(h["frequency_per_year"], "0.01"),
        "rfm": {
            "r": int(s["r"]),
            "f": int(s["f"]),
            "m": int(s["m"]),
            "code": str(s["code"]),
            "segment": segment,
            "segment_label": analytics.SEGMENT_LABELS[segment.value],
        },
        "clv_ht": analytics.euros(int(c["clv_cents"])),
        "clv_margin": (
            None if pd.isna(c["clv_margin_cents"]) else analytics.euros(int(c["clv_margin_cents"]))
        ),
        "inactive": bool(i["inactive"]),
        "inactivity_basis": None if i["basis"] is None or pd.isna(i["basis"]) else i["basis"],
        "limit_days": _int_or_none(i["limit_days"]),
        "overdue_days": _int_or_none(i["overdue_days"]),
    }


def _frame(book: Portfolio) -> pd.DataFrame:
    """One frame of every customer's sortable and filterable figures."""
    frame = book.history[["orders", "amount_cents", "recency_days"]].join(
        book.rfm.scores[["segment", "r", "f"]]
    )
    frame = frame.join(book.clv[["clv_cents"]]).join(book.inactivity[["inactive", "overdue_days"]])
    return frame


def customer_page(
    ctx: Context,
    page: PageParams,
    *,
    segment: RfmSegment | None = None,
    inactive: bool | None = None,
    sort: str | None = None,
    r: int | None = None,
    f: int | None = None,
) -> tuple[list[dict[str, Any]], int]:
    frame = _frame(ctx.book)
    if segment is not None:
        frame = frame[frame["segment"] == segment.value]
    if r is not None:  # a cell of the R x F grid
        frame = frame[frame["r"] == r]
    if f is not None:
        frame = frame[frame["f"] == f]
    if inactive is not None:
        frame = frame[frame["inactive"] == inactive]
    key = (sort or "-amount").lstrip("-")
    descending = (sort or "-amount").startswith("-")
    column = {
        "amount": "amount_cents",
        "recency": "recency_days",
        "orders": "orders",
        "clv": "clv_cents",
        "overdue": "overdue_days",
        "name": None,
    }[key]
    total = len(frame)
    if column is None:  # by name: the names are in the prospect file
        ids = [int(i) for i in frame.index]
        names = ctx.prospects(ids)
        ordered = sorted(ids, key=lambda i: (names[i].name.casefold(), i), reverse=descending)
        chosen = ordered[page.offset : page.offset + page.limit]
    else:
        frame = frame.sort_values(
            [column], ascending=not descending, kind="stable", na_position="last"
        )
        chosen = [int(i) for i in frame.index[page.offset : page.offset + page.limit]]
    prospects = ctx.prospects(chosen)
    return [customer_row(ctx, prospects[i]) for i in chosen], total


def require_customer(ctx: Context, prospect_id: int) -> Prospect:
    """The customer, read through the caller's scope by the router; 404 when they bought
    nothing (a prospect is a customer once they have an order)."""
    if prospect_id not in ctx.book.history.index:
        raise NotFound(f"Le prospect {prospect_id} n'a encore rien commandé : pas un client.")
    prospect = ctx.session.get(Prospect, prospect_id)
    assert prospect is not None
    return prospect


def labels(doc: BusinessCaseDocument | None) -> dict[str, str]:
    if doc is None:
        return {}
    return {p.reference: p.label for p in doc.catalogue.products}


def customer_detail(
    ctx: Context, prospect: Prospect, rules: list[analytics.Rule]
) -> dict[str, Any]:
    row = customer_row(ctx, prospect)
    lines = lines_frame(ctx.session, ctx.owner_id, [prospect.id])
    names = labels(ctx.doc)
    summary = analytics.product_summary(lines)
    products = [
        {
            "reference": str(r.product_reference),
            "label": names.get(str(r.product_reference), str(r.product_reference)),
            "family": None if r.family is None or pd.isna(r.family) else str(r.family),
            "lines": int(r.lines),
        }
        for r in summary.itertuples(index=False)
    ]
    bought = analytics.products_by_customer(lines).get(prospect.id, frozenset())
    families = sorted(analytics.families_by_customer(lines).get(prospect.id, frozenset()))
    return {
        **row,
        "products": products,
        "families": families,
        "recommendations": recommendations_out(analytics.recommend(rules, set(bought)), names),
        "clv_method": analytics.clv_method(ctx.book.lifetime_years),
    }


def recommendations_out(rules: list[analytics.Rule], names: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "antecedents": list(rule.antecedents),
            "consequent": rule.consequent,
            "consequent_label": names.get(rule.consequent, rule.consequent),
            "support": rule.support,
            "confidence": rule.confidence,
            "lift": rule.lift,
            "customers": rule.customers,
            "explanation": analytics.explain(rule, names),
        }
        for rule in rules
    ]


def segments_view(ctx: Context) -> dict[str, Any]:
    result = ctx.book.rfm
    clv_total = int(ctx.book.clv["clv_cents"].sum()) if len(ctx.book.clv) else 0
    return {
        "on": ctx.book.today,
        "customers": len(ctx.book.history),
        "segments": [vars(s) for s in result.segments],
        "grid": result.grid,
        "warnings": result.warnings,
        "clv_method": analytics.clv_method(ctx.book.lifetime_years),
        "clv_total_ht": analytics.euros(clv_total),
    }


def recipients(ctx: Context, prospect_ids: list[int], segment: RfmSegment | None) -> list[int]:
    """Customers named (in the order given, once each), or those of an RFM segment; 422
    naming the field when both or neither are given."""
    if prospect_ids and segment is not None:
        raise FieldError(
            "rfm_segment",
            "Des clients (prospect_ids) ou un segment RFM (rfm_segment), pas les deux.",
        )
    if not prospect_ids and segment is None:
        raise FieldError(
            "prospect_ids", "Indiquez les clients (prospect_ids) ou un segment RFM (rfm_segment)."
        )
    if segment is not None:
        scores = ctx.book.rfm.scores
        return sorted(int(i) for i in scores.index[scores["segment"] == segment.value])
    return list(dict.fromkeys(prospect_ids))
