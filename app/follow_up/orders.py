"""Orders (CP7.1): an accepted quote becomes an order with its lines and prices, or an order
is entered from the catalogue with the same calculations and limits; numbered without gaps
per business case (``CDE-<year>-<00001>``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple, cast

from sqlalchemy import Table
from sqlalchemy.orm import Session

from app.business_cases import service as cases
from app.common.clock import utcnow
from app.config import today_local
from app.core import bulk
from app.core.errors import AppError, Conflict, FieldError, Forbidden
from app.core.patch import check_version
from app.core.principal import Principal
from app.follow_up import repository as repo
from app.follow_up.schemas import OrderCreate
from app.models import Order, OrderLine, OrderStatus, Prospect, QuoteStatus, Role
from app.prospects.repository import ProspectRepository
from app.sales import quotes
from app.sales import repository as sales_repo
from app.sales.calculations import money
from app.sales.repository import OpportunityRepository, QuoteRepository

NUMBER_KIND = "order"
ORDERS = cast(Table, Order.__table__)
ORDER_LINES = cast(Table, OrderLine.__table__)


@dataclass(frozen=True)
class _Draft:
    """An order checked and priced, not yet written (``_write`` numbers and inserts it)."""

    case_id: int
    version_id: int
    prospect_id: int
    opportunity_id: int | None
    segment_code: str | None
    escompte_rate: Decimal
    reductions: list[dict[str, Any]]
    notes: str
    computed: quotes.Computed
    quote_id: int | None = None


def create(
    session: Session,
    principal: Principal,
    data: OrderCreate,
    *,
    active: cases.ActiveCase | None = None,
) -> Order:
    """``active``: the trainee's active case when the caller has just read it; else read
    here."""
    _require_trainee(principal)
    if data.quote_id is not None:
        draft = _from_quote(session, principal, data.quote_id, data.notes)
    else:
        assert data.prospect_id is not None
        prospect = ProspectRepository(session, principal).get_referenced(
            data.prospect_id, "prospect_id"
        )
        draft = _direct(session, principal, data, prospect, active)
    [written] = _write(session, principal, [draft], many=False)
    order = session.get(Order, written.id)
    assert order is not None
    return order


def create_many(
    session: Session, principal: Principal, items: list[OrderCreate], active: cases.ActiveCase
) -> list[Written | AppError]:
    """Direct orders entered at once (the simulated market's customers of a day), each
    checked and priced as ``create`` does: an order refused comes back as its error, in its
    place; the others are written together (their prospects read in one statement, one
    numbering statement, one insert of the orders and one of their lines)."""
    _require_trainee(principal)
    ids = [item.prospect_id for item in items if item.prospect_id is not None]
    prospects = ProspectRepository(session, principal).get_referenced_many(ids)
    results: list[_Draft | AppError] = []
    for item in items:
        try:
            if item.quote_id is not None or item.prospect_id is None:
                raise FieldError("quote_id", "Une commande d'un devis s'enregistre seule.")
            prospect = prospects.get(item.prospect_id)
            if prospect is None:
                raise ProspectRepository.unknown(item.prospect_id, "prospect_id")
            results.append(_direct(session, principal, item, prospect, active))
        except AppError as error:
            results.append(error)
    written = iter(
        _write(session, principal, [r for r in results if isinstance(r, _Draft)], many=True)
    )
    return [r if isinstance(r, AppError) else next(written) for r in results]


def _require_trainee(principal: Principal) -> None:
    if principal.role is not Role.TRAINEE:
        raise Forbidden("Une commande est enregistrée par le stagiaire qui vend.")


def _from_quote(session: Session, principal: Principal, quote_id: int, notes: str) -> _Draft:
    quote = QuoteRepository(session, principal).get_referenced(quote_id, "quote_id")
    if quote.status is not QuoteStatus.ACCEPTED:
        raise Conflict(
            f"Devis {quotes.STATUS_FR[quote.status]} : seul un devis accepté devient une commande."
        )
    existing = repo.order_of_quote(session, quote.id)
    if existing is not None:
        raise Conflict(f"Ce devis est déjà la commande {existing.number}.", order_id=existing.id)
    rows = sales_repo.lines_of(session, quote.id)
    computed = quotes.priced(
        session, quote.business_case_version_id, quote.prospect_id, quote.segment_code,
        quotes.lines_in(rows), quotes.reductions_of(quote.reductions), quote.escompte_rate,
    )  # fmt: skip
    return _Draft(quote.business_case_id, quote.business_case_version_id, quote.prospect_id,
                  quote.opportunity_id, quote.segment_code, quote.escompte_rate,
                  list(quote.reductions), notes, computed, quote_id=quote.id)  # fmt: skip


def _direct(
    session: Session,
    principal: Principal,
    data: OrderCreate,
    prospect: Prospect,
    active: cases.ActiveCase | None,
) -> _Draft:
    opportunity = None
    if data.opportunity_id is not None:
        opportunity = OpportunityRepository(session, principal).get_referenced(
            data.opportunity_id, "opportunity_id"
        )
        if opportunity.prospect_id != prospect.id:
            raise FieldError("opportunity_id", "Cette opportunité concerne un autre prospect.")
    if not data.lines:
        raise FieldError("lines", "Une commande a au moins une ligne.")
    if active is None:
        active = cases.active_case(session, principal.user_id)
    if active is None:
        raise Conflict(
            "Aucun cas d'entreprise publié ne vous est attribué : une commande se fait sur son "
            "catalogue et sa politique."
        )
    doc = active.document
    escompte = (
        data.escompte_rate if data.escompte_rate is not None else Decimal(doc.policy.escompte_rate)
    )
    computed = quotes.priced(session, active.version.id, prospect.id, data.segment_code,
                             data.lines, data.reductions, escompte)  # fmt: skip
    if any(limit.over for limit in computed.limits):
        errors = quotes.over_limit_errors(computed.metas, computed.result, computed.limits)
        raise quotes.DiscountOverLimit(
            "Remise hors limites : une remise exceptionnelle passe par un devis et l'accord du "
            "manager. " + " ".join(e["message"] for e in errors),
            errors=errors,
        )
    return _Draft(active.case.id, active.version.id, prospect.id,
                  opportunity.id if opportunity else None, data.segment_code, money(escompte),
                  [r.model_dump(mode="json", exclude_none=True) for r in data.reductions],
                  data.notes, computed)  # fmt: skip


class Written(NamedTuple):
    """An order written (``_write``): its id and number."""

    id: int
    number: str


def _write(
    session: Session, principal: Principal, drafts: list[_Draft], *, many: bool
) -> list[Written]:
    """The orders numbered in their order (one counter bump per business case) and inserted
    with their totals, then their lines. One order goes through the ORM (the flush it
    makes is what a request's evidence is read from); with ``many`` (a job's, which records
    no evidence) the rows go in by one ``executemany`` per table, their ids drawn first as
    the tables' numbering gives them (``app.core.bulk``)."""
    if not drafts:
        return []
    today = today_local()
    now = utcnow()
    per_case: dict[int, int] = {}
    for draft in drafts:
        per_case[draft.case_id] = per_case.get(draft.case_id, 0) + 1
    numbers = {
        case_id: iter(sales_repo.next_numbers(session, case_id, NUMBER_KIND, today.year, n))
        for case_id, n in per_case.items()
    }
    order_ids = bulk.new_ids(session, ORDERS, len(drafts)) if many else [None] * len(drafts)
    orders: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    for index, (order_id, d) in enumerate(zip(order_ids, drafts, strict=True)):
        r = d.computed.result
        orders.append({
            "id": order_id, "owner_id": principal.user_id, "prospect_id": d.prospect_id,
            "opportunity_id": d.opportunity_id, "quote_id": d.quote_id,
            "business_case_id": d.case_id, "business_case_version_id": d.version_id,
            "number": f"CDE-{today.year}-{next(numbers[d.case_id]):05d}",
            "status": OrderStatus.OPEN, "ordered_on": today, "segment_code": d.segment_code,
            "escompte_rate": d.escompte_rate, "reductions": d.reductions, "notes": d.notes,
            "gross_ht": r.gross_ht, "net_commercial_ht": r.net_commercial_ht,
            "total_ttc": r.total_ttc, "margin": r.margin.margin if r.margin else None,
            "cancelled_at": None, "created_at": now, "updated_at": now, "version": 1,
        })  # fmt: skip
        for i, (meta, source) in enumerate(zip(d.computed.metas, d.computed.inputs, strict=True)):
            lines.append({
                "owner_id": principal.user_id, "order_id": order_id, "order_index": index,
                "position": i + 1,
                "product_reference": meta.product_reference, "family": meta.family,
                "label": meta.label, "unit": meta.unit, "quantity": source.quantity,
                "unit_price_ht": source.unit_price_ht, "tva_rate": source.tva_rate,
                "unit_cost_ht": source.unit_cost_ht,
                "discounts": [str(money(x)) for x in source.discounts],
            })  # fmt: skip
    if many:
        for line_id, line in zip(
            bulk.new_ids(session, ORDER_LINES, len(lines)), lines, strict=True
        ):
            line["id"] = line_id
            del line["order_index"]
        bulk.insert_many(session, ORDERS, orders)
        bulk.insert_many(session, ORDER_LINES, lines)
        return [Written(o["id"], o["number"]) for o in orders]
    own = {"id", "created_at", "updated_at", "version"}  # the ORM's to set
    objects = [Order(**{k: v for k, v in o.items() if k not in own}) for o in orders]
    session.add_all(objects)
    session.flush()
    for line in lines:
        line["order_id"] = objects[line.pop("order_index")].id
    session.add_all([OrderLine(**line) for line in lines])
    session.flush()
    return [Written(o.id, o.number) for o in objects]


def cancel(session: Session, order: Order, version: int, reason: str) -> Order:
    check_version(order, version)
    if order.status is not OrderStatus.OPEN:
        raise Conflict("Seule une commande en cours s'annule.")
    if any(line.quantity_delivered > 0 for line in repo.lines_of(session, order.id)):
        raise Conflict("Une partie est livrée : traitez un retour plutôt qu'une annulation.")
    billed = repo.invoice_numbers_of_order(session, order.id)
    if billed:
        raise Conflict(f"Commande facturée ({', '.join(billed)}) : émettez un avoir plutôt "
                       "qu'une annulation.")  # fmt: skip
    order.status = OrderStatus.CANCELLED
    order.cancelled_at = utcnow()
    order.notes = (order.notes + "\n" if order.notes else "") + f"Annulée : {reason}"
    session.flush()
    return order


# ----------------------------------------------------------------- reading


def rows(session: Session, items: list[Order]) -> list[dict[str, Any]]:
    names = sales_repo.prospect_names(session, {o.prospect_id for o in items})
    return [_row(o, names.get(o.prospect_id, "")) for o in items]


def _row(o: Order, prospect_name: str) -> dict[str, Any]:
    return {
        "id": o.id, "owner_id": o.owner_id, "prospect_id": o.prospect_id,
        "prospect_name": prospect_name, "opportunity_id": o.opportunity_id,
        "quote_id": o.quote_id, "business_case_id": o.business_case_id,
        "business_case_version_id": o.business_case_version_id, "number": o.number,
        "status": o.status, "ordered_on": o.ordered_on, "segment_code": o.segment_code,
        "escompte_rate": o.escompte_rate, "reductions": o.reductions, "notes": o.notes,
        "gross_ht": o.gross_ht, "net_commercial_ht": o.net_commercial_ht,
        "total_ttc": o.total_ttc, "margin": o.margin, "cancelled_at": o.cancelled_at,
        "created_at": o.created_at, "updated_at": o.updated_at, "version": o.version,
    }  # fmt: skip


def detail(session: Session, order: Order) -> dict[str, Any]:
    computed = quotes.priced(
        session, order.business_case_version_id, order.prospect_id, order.segment_code,
        quotes.lines_in(repo.lines_of(session, order.id)), quotes.reductions_of(order.reductions),
        order.escompte_rate,
    )  # fmt: skip
    figures = quotes.figures_out(
        computed.result, computed.metas, computed.inputs, computed.limits, with_steps=False
    )
    planned: dict[int, Decimal] = {}
    for delivery in repo.deliveries_of(session, order.id):
        for line in delivery.lines:
            key = int(line["order_line_id"])
            planned[key] = planned.get(key, Decimal(0)) + Decimal(line["quantity"])
    lines = [
        {
            "id": ln.id,
            "position": ln.position,
            "product_reference": ln.product_reference,
            "label": ln.label,
            "unit": ln.unit,
            "quantity": ln.quantity,
            "quantity_delivered": ln.quantity_delivered,
            "quantity_planned": planned.get(ln.id, Decimal(0)),
        }
        for ln in repo.lines_of(session, order.id)
    ]
    return {**rows(session, [order])[0], "figures": figures, "lines": lines}
