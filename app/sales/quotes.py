"""Quotes (CP6.7): lines from the business case's catalogue or free, the exact calculation
(``calculations``), the discount limits of the policy and the manager's approval beyond
them, and the lifecycle draft → sent (frozen, numbered) → accepted | refused | expired,
a change of a sent quote being a revision."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.business_cases import segments
from app.business_cases import service as cases
from app.business_cases.document import BusinessCaseDocument, CatalogueItem
from app.common.clock import utcnow
from app.config import today_local
from app.core.errors import AppError, Conflict, FieldError, Forbidden
from app.core.patch import check_version
from app.core.principal import Principal
from app.models import (
    ApprovalStatus,
    BusinessCaseVersion,
    Opportunity,
    OpportunityStage,
    Prospect,
    Quote,
    QuoteLine,
    QuoteStatus,
    Role,
)
from app.sales import breakdown, calculations, opportunities
from app.sales import repository as repo
from app.sales.calculations import (
    CalculationError,
    LineInput,
    QuoteInput,
    QuoteResult,
    ReductionInput,
    money,
    rate,
)
from app.sales.repository import OpportunityRepository
from app.sales.schemas import (
    MAX_TOTAL,
    QuoteCompute,
    QuoteCreate,
    QuoteLineIn,
    QuoteUpdate,
    ReductionIn,
)

VALIDITY_DAYS = 30


NUMBER_KIND = "quote"
STATUS_FR = {
    QuoteStatus.DRAFT: "brouillon",
    QuoteStatus.SENT: "envoyé",
    QuoteStatus.ACCEPTED: "accepté",
    QuoteStatus.REFUSED: "refusé",
    QuoteStatus.EXPIRED: "expiré",
    QuoteStatus.SUPERSEDED: "remplacé par une révision",
}


class DiscountOverLimit(AppError):
    """A discount beyond the salesperson's limits without an approval request (409, each line
    over its limit in ``errors``, naming the limit)."""

    status, slug, title = 409, "discount-over-limit", "Remise hors limites"


# ----------------------------------------------------------------- lines and figures


@dataclass(frozen=True)
class LineMeta:
    """What a line carries beside the calculation's input."""

    product_reference: str | None
    family: str | None
    label: str
    unit: str
    eco: dict[str, Any] | None


def resolve_lines(
    doc: BusinessCaseDocument | None, lines: list[QuoteLineIn]
) -> tuple[list[LineInput], list[LineMeta]]:
    """Each line's input for the calculation: a catalogue line takes its label, unit, price,
    TVA rate and cost from the business case version (the price may be changed); a free line
    gives them. Faults are 422s naming the line's field."""
    inputs, metas = [], []
    for i, line in enumerate(lines):
        at = f"lines.{i}"
        product: CatalogueItem | None = None
        if line.product_reference is not None:
            if doc is None:
                raise FieldError(
                    "opportunity_id", "Des lignes du catalogue demandent l'opportunité du devis."
                )
            product = doc.product(line.product_reference)
            if product is None:
                raise FieldError(
                    f"{at}.product_reference",
                    f"Référence {line.product_reference} inconnue du catalogue du cas.",
                )
            if line.tva_rate is not None and Decimal(line.tva_rate) != Decimal(product.tva_rate):
                raise FieldError(
                    f"{at}.tva_rate",
                    f"Le taux de TVA d'un article du catalogue est le sien "
                    f"({calculations.fmt(Decimal(product.tva_rate))} %).",
                )
            if line.unit_cost_ht is not None:
                raise FieldError(
                    f"{at}.unit_cost_ht",
                    "Le coût d'un article du catalogue est celui du cas d'entreprise.",
                )
            price = line.unit_price_ht if line.unit_price_ht is not None else product.price_ht
            inputs.append(
                LineInput(
                    quantity=line.quantity,
                    unit_price_ht=Decimal(price),
                    tva_rate=Decimal(product.tva_rate),
                    unit_cost_ht=Decimal(product.cost_ht),
                    discounts=tuple(line.discounts),
                    label=line.label or product.label,
                )
            )
            metas.append(
                LineMeta(
                    product.reference,
                    product.family,
                    line.label or product.label,
                    line.unit or product.unit,
                    product.eco.model_dump(mode="json") if product.eco else None,
                )
            )
            continue
        if line.label is None:
            raise FieldError(f"{at}.label", "Une ligne libre a un libellé.")
        if line.unit_price_ht is None:
            raise FieldError(f"{at}.unit_price_ht", "Une ligne libre a un prix unitaire HT.")
        if line.tva_rate is None:
            raise FieldError(f"{at}.tva_rate", "Une ligne libre a un taux de TVA.")
        inputs.append(
            LineInput(
                quantity=line.quantity,
                unit_price_ht=line.unit_price_ht,
                tva_rate=Decimal(line.tva_rate),
                unit_cost_ht=line.unit_cost_ht,
                discounts=tuple(line.discounts),
                label=line.label,
            )
        )
        metas.append(LineMeta(None, None, line.label, line.unit or "unité", None))
    return inputs, metas


def reductions_in(reductions: list[ReductionIn]) -> tuple[ReductionInput, ...]:
    return tuple(ReductionInput(r.kind, r.rate, r.amount) for r in reductions)


def compute(
    lines: list[LineInput], reductions: tuple[ReductionInput, ...], escompte_rate: Decimal
) -> QuoteResult:
    """The calculation, its faults as 422s naming the field."""
    try:
        result = calculations.compute(QuoteInput(tuple(lines), reductions, escompte_rate))
    except CalculationError as error:
        raise FieldError(".".join(str(p) for p in error.loc), error.message) from None
    if result.gross_ht > MAX_TOTAL:
        raise FieldError(
            "lines", f"Total brut hors bornes : au plus {calculations.fmt(MAX_TOTAL)} € HT."
        )
    return result


@dataclass(frozen=True)
class Limit:
    rate: Decimal
    source: str
    over: bool


def limits(
    doc: BusinessCaseDocument, segment_code: str | None, metas: list[LineMeta], result: QuoteResult
) -> list[Limit]:
    """Each line's discount limit: the policy's for the quote's segment and the line's family
    (the smaller wins, else the default) and the salesperson's own authority, the smaller of
    the two; ``over`` when the line's effective discount (its own and its share of the
    document's) passes it, compared at two decimals."""
    authority = Decimal(doc.policy.authority.max_discount)
    out = []
    for meta, line in zip(metas, result.lines, strict=True):
        policy = Decimal(doc.max_discount_for(segment_code, meta.family))
        if authority < policy:
            limit, source = authority, "délégation du vendeur"
        elif meta.family and meta.family in doc.policy.max_discount_by_family:
            limit, source = policy, f"famille {meta.family}"
        elif segment_code and segment_code in doc.policy.max_discount_by_segment:
            limit, source = policy, f"segment {segment_code}"
        else:
            limit, source = policy, "politique commerciale"
        out.append(Limit(limit, source, rate(line.effective_discount) > limit))
    return out


def over_limit_errors(
    metas: list[LineMeta], result: QuoteResult, lims: list[Limit]
) -> list[dict[str, Any]]:
    errors = []
    for i, (meta, line, limit) in enumerate(zip(metas, result.lines, lims, strict=True)):
        if limit.over:
            errors.append(
                {
                    "location": "body",
                    "field": f"lines.{i}.discounts",
                    "message": (
                        f"Ligne {i + 1} ({meta.label}) : remise effective "
                        f"{calculations.fmt(rate(line.effective_discount))} % au-delà de la "
                        f"limite de {calculations.fmt(limit.rate)} % ({limit.source}). "
                        "Réduisez-la ou joignez une demande d'accord (approval_request)."
                    ),
                    "type": "discount_over_limit",
                    "limit": str(limit.rate),
                    "asked": str(rate(line.effective_discount)),
                    "source": limit.source,
                }
            )
    return errors


def _line_out(
    meta: LineMeta, line: calculations.LineResult, source: LineInput, limit: Limit | None
) -> dict[str, Any]:
    return {
        "position": line.index + 1,
        "product_reference": meta.product_reference,
        "family": meta.family,
        "label": meta.label,
        "unit": meta.unit,
        "quantity": line.quantity,
        "unit_price_ht": line.unit_price_ht,
        "tva_rate": money(line.tva_rate),
        "unit_cost_ht": source.unit_cost_ht,
        "discounts": list(source.discounts),
        "gross_ht": line.gross_ht,
        "applied_discounts": [_reduction_out(d) for d in line.discounts],
        "net_ht": line.net_ht,
        "net_commercial_ht": line.net_commercial_ht,
        "effective_discount": rate(line.effective_discount),
        "margin": _margin_out(line.margin),
        "limit": None
        if limit is None
        else {"rate": limit.rate, "source": limit.source, "over": limit.over},
        "eco": meta.eco,
    }


def _reduction_out(r: calculations.AppliedReduction) -> dict[str, Any]:
    return {"label": r.label, "rate": r.rate, "base": r.base, "amount": r.amount, "net": r.net}


def _margin_out(m: calculations.Margin | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "cost_ht": m.cost_ht,
        "margin": m.margin,
        "margin_rate": rate(m.margin_rate) if m.margin_rate is not None else None,
        "markup_rate": rate(m.markup_rate) if m.markup_rate is not None else None,
        "coefficient_ht": calculations.coefficient(m.coefficient_ht)
        if m.coefficient_ht is not None
        else None,
    }


def figures_out(
    result: QuoteResult,
    metas: list[LineMeta],
    inputs: list[LineInput],
    lims: list[Limit] | None,
    *,
    with_steps: bool,
) -> dict[str, Any]:
    return {
        "lines": [
            _line_out(meta, line, source, lims[i] if lims else None)
            for i, (meta, line, source) in enumerate(zip(metas, result.lines, inputs, strict=True))
        ],
        "gross_ht": result.gross_ht,
        "lines_discount": result.lines_discount,
        "lines_net_ht": result.lines_net_ht,
        "reductions": [_reduction_out(r) for r in result.reductions],
        "net_commercial_ht": result.net_commercial_ht,
        "escompte_rate": money(result.escompte_rate),
        "escompte": result.escompte,
        "net_financial_ht": result.net_financial_ht,
        "tva": [
            {
                "rate": money(t.rate),
                "lines_ht": t.lines_ht,
                "reductions": t.reductions,
                "escompte": t.escompte,
                "base_ht": t.base_ht,
                "tva": t.tva,
            }
            for t in result.tva
        ],
        "tva_total": result.tva_total,
        "total_ttc": result.total_ttc,
        "effective_discount": rate(result.effective_discount),
        "margin": _margin_out(result.margin),
        "coefficient_ttc": calculations.coefficient(result.coefficient_ttc)
        if result.coefficient_ttc is not None
        else None,
        "over_limit": [i + 1 for i, lim in enumerate(lims or []) if lim.over],
        "steps": [
            {"number": s.number, "code": s.code, "title": s.title, "lines": list(s.lines)}
            for s in breakdown.steps(result)
        ]
        if with_steps
        else None,
    }


# ----------------------------------------------------------------- the context of a quote


@dataclass(frozen=True)
class Context:
    doc: BusinessCaseDocument
    prospect: Prospect
    segments: list[str]


def _context(session: Session, version_id: int, prospect_id: int) -> Context:
    version = session.get(BusinessCaseVersion, version_id)
    prospect = session.get(Prospect, prospect_id)
    assert version is not None
    assert prospect is not None
    doc = cases.document_of(version)
    return Context(doc, prospect, segments.matching(doc, prospect))


def _segment(ctx: Context, code: str | None) -> str | None:
    if code is None:
        return ctx.segments[0] if ctx.segments else None
    if ctx.doc.segment(code) is None:
        known = ", ".join(s.code for s in ctx.doc.market.segments)
        raise FieldError("segment_code", f"Segment inconnu du cas d'entreprise ({known}).")
    if code not in ctx.segments:
        found = ", ".join(ctx.segments) or "aucun"
        raise FieldError(
            "segment_code",
            f"Le client n'appartient pas au segment {code} (ses segments : {found}).",
        )
    return code


def _stored_lines(session: Session, quote: Quote) -> list[QuoteLineIn]:
    return lines_in(repo.lines_of(session, quote.id))


def lines_in(rows: Sequence[Any]) -> list[QuoteLineIn]:
    """Stored lines (a quote's, an order's) as the calculation's input again."""
    return [
        QuoteLineIn.model_construct(
            product_reference=ln.product_reference,
            label=ln.label,
            unit=ln.unit,
            quantity=ln.quantity,
            unit_price_ht=ln.unit_price_ht,
            tva_rate=None if ln.product_reference else ln.tva_rate,
            unit_cost_ht=None if ln.product_reference else ln.unit_cost_ht,
            discounts=[Decimal(d) for d in ln.discounts],
        )
        for ln in rows
    ]


def _stored_reductions(quote: Quote) -> list[ReductionIn]:
    return reductions_of(quote.reductions)


def reductions_of(stored: Sequence[dict[str, Any]]) -> list[ReductionIn]:
    """Stored document reductions as the calculation's input again."""
    return [
        ReductionIn.model_construct(
            kind=r["kind"],
            rate=Decimal(r["rate"]) if r.get("rate") is not None else None,
            amount=Decimal(r["amount"]) if r.get("amount") is not None else None,
        )
        for r in stored
    ]


@dataclass(frozen=True)
class Computed:
    inputs: list[LineInput]
    metas: list[LineMeta]
    result: QuoteResult
    limits: list[Limit]


def _compute_quote(
    ctx: Context,
    segment_code: str | None,
    lines: list[QuoteLineIn],
    reductions: list[ReductionIn],
    escompte_rate: Decimal,
) -> Computed:
    inputs, metas = resolve_lines(ctx.doc, lines)
    result = compute(inputs, reductions_in(reductions), escompte_rate)
    return Computed(inputs, metas, result, limits(ctx.doc, segment_code, metas, result))


def priced(
    session: Session,
    version_id: int,
    prospect_id: int,
    segment_code: str | None,
    lines: list[QuoteLineIn],
    reductions: list[ReductionIn],
    escompte_rate: Decimal,
) -> Computed:
    """Lines priced under a business case version for a prospect (a quote's, an order's):
    the figures and each line's limit. ``segment_code`` is checked against the prospect."""
    ctx = _context(session, version_id, prospect_id)
    segment = _segment(ctx, segment_code) if segment_code else None
    return _compute_quote(ctx, segment, lines, reductions, escompte_rate)


def computed_of(session: Session, quote: Quote) -> Computed:
    ctx = _context(session, quote.business_case_version_id, quote.prospect_id)
    return _compute_quote(
        ctx,
        quote.segment_code,
        _stored_lines(session, quote),
        _stored_reductions(quote),
        quote.escompte_rate,
    )


# ----------------------------------------------------------------- writes


def _store(session: Session, quote: Quote, computed: Computed) -> None:
    """Replace the lines and write the computation's totals."""
    for old in repo.lines_of(session, quote.id):
        session.delete(old)
    session.flush()
    for i, (meta, source) in enumerate(zip(computed.metas, computed.inputs, strict=True)):
        session.add(
            QuoteLine(
                owner_id=quote.owner_id,
                quote_id=quote.id,
                position=i + 1,
                product_reference=meta.product_reference,
                family=meta.family,
                label=meta.label,
                unit=meta.unit,
                quantity=source.quantity,
                unit_price_ht=source.unit_price_ht,
                tva_rate=source.tva_rate,
                unit_cost_ht=source.unit_cost_ht,
                discounts=[str(money(d)) for d in source.discounts],
            )
        )
    r = computed.result
    quote.gross_ht = r.gross_ht
    quote.net_commercial_ht = r.net_commercial_ht
    quote.total_ttc = r.total_ttc
    quote.cost_ht = r.margin.cost_ht if r.margin else None
    quote.margin = r.margin.margin if r.margin else None
    quote.effective_discount = r.effective_discount.quantize(Decimal("0.0001"))
    session.flush()


def _approval(quote: Quote, computed: Computed, request: str | None, *, changed: bool) -> None:
    """Lines over their limit need an approval: asked now (``request``), still pending, or
    granted for these very figures; else a 409 naming each limit."""
    over = any(lim.over for lim in computed.limits)
    if not over:
        if changed and quote.approval_status is not ApprovalStatus.NONE:
            _reset_approval(quote)
        return
    if request is not None:
        quote.approval_status = ApprovalStatus.PENDING
        quote.approval_reason = request
        quote.approval_comment = ""
        quote.approval_requested_at = utcnow()
        quote.approval_decided_at = None
        quote.approval_decided_by_id = None
        return
    if quote.approval_status is ApprovalStatus.PENDING:
        return
    if quote.approval_status is ApprovalStatus.APPROVED and not changed:
        return
    errors = over_limit_errors(computed.metas, computed.result, computed.limits)
    raise DiscountOverLimit(" ".join(e["message"] for e in errors), errors=errors)


def _reset_approval(quote: Quote) -> None:
    quote.approval_status = ApprovalStatus.NONE
    quote.approval_reason = ""
    quote.approval_comment = ""
    quote.approval_requested_at = None
    quote.approval_decided_at = None
    quote.approval_decided_by_id = None


def create(session: Session, principal: Principal, data: QuoteCreate) -> Quote:
    if principal.role is not Role.TRAINEE:
        raise Forbidden("Un devis est établi par le stagiaire qui vend.")
    opportunity = OpportunityRepository(session, principal).get_referenced(
        data.opportunity_id, "opportunity_id"
    )
    if opportunity.stage in opportunities.CLOSED:
        raise Conflict(
            f"Opportunité {opportunities.STAGE_FR[opportunity.stage]} : rouvrez-la en "
            "négociation pour lui faire un devis."
        )
    active = cases.active_case(session, principal.user_id)
    if active is None:
        raise Conflict(
            "Aucun cas d'entreprise publié ne vous est attribué : un devis se fait sur son "
            "catalogue et sa politique. Demandez à votre formateur de vous l'attribuer."
        )
    ctx = _context(session, active.version.id, opportunity.prospect_id)
    segment = _segment(ctx, data.segment_code)
    escompte = (
        data.escompte_rate
        if data.escompte_rate is not None
        else Decimal(ctx.doc.policy.escompte_rate)
    )
    reductions = data.reductions or []
    computed = _compute_quote(ctx, segment, data.lines, reductions, escompte)
    today = today_local()
    valid_until = data.valid_until or today + timedelta(days=VALIDITY_DAYS)
    if valid_until < today:
        raise FieldError("valid_until", "La fin de validité ne peut pas être passée.")
    quote = Quote(
        owner_id=principal.user_id,
        opportunity_id=opportunity.id,
        prospect_id=opportunity.prospect_id,
        business_case_id=active.case.id,
        business_case_version_id=active.version.id,
        status=QuoteStatus.DRAFT,
        title=data.title or opportunity.title,
        segment_code=segment,
        valid_until=valid_until,
        off_premises=bool(data.off_premises) and ctx.prospect.kind != "company",
        escompte_rate=money(escompte),
        reductions=[r.model_dump(mode="json", exclude_none=True) for r in reductions],
        notes=data.notes or "",
    )
    _approval(quote, computed, data.approval_request, changed=True)
    session.add(quote)
    session.flush()
    _store(session, quote, computed)
    return quote


def editable(quote: Quote) -> None:
    if quote.status is not QuoteStatus.DRAFT:
        raise Conflict(
            f"Devis {STATUS_FR[quote.status]} : il est figé. Créez-en une révision pour le "
            "modifier."
        )


def update(session: Session, quote: Quote, data: QuoteUpdate) -> Quote:
    check_version(quote, data.version)
    editable(quote)
    fields = data.model_fields_set
    ctx = _context(session, quote.business_case_version_id, quote.prospect_id)
    if "segment_code" in fields:
        quote.segment_code = _segment(ctx, data.segment_code)
    if data.title is not None:
        quote.title = data.title
    if data.notes is not None:
        quote.notes = data.notes
    if data.off_premises is not None:
        quote.off_premises = data.off_premises and ctx.prospect.kind != "company"
    if data.valid_until is not None:
        if data.valid_until < today_local():
            raise FieldError("valid_until", "La fin de validité ne peut pas être passée.")
        quote.valid_until = data.valid_until
    if data.escompte_rate is not None:
        quote.escompte_rate = data.escompte_rate
    if data.reductions is not None:
        quote.reductions = [r.model_dump(mode="json", exclude_none=True) for r in data.reductions]
    lines = data.lines if data.lines is not None else _stored_lines(session, quote)
    computed = _compute_quote(
        ctx, quote.segment_code, lines, _stored_reductions(quote), quote.escompte_rate
    )
    changed = bool(fields & {"segment_code", "escompte_rate", "reductions", "lines"})
    _approval(quote, computed, data.approval_request, changed=changed)
    _store(session, quote, computed)
    return quote


def delete(session: Session, quote: Quote) -> None:
    if quote.status is not QuoteStatus.DRAFT:
        raise Conflict(
            f"Devis {STATUS_FR[quote.status]} : un devis envoyé reste au dossier (numérotation "
            "sans trou) ; seul un brouillon se supprime."
        )
    session.delete(quote)
    session.flush()


def decide_approval(
    session: Session, principal: Principal, quote: Quote, version: int, *, approve: bool,
    comment: str,
) -> Quote:  # fmt: skip
    check_version(quote, version)
    if quote.owner_id == principal.user_id:
        raise Forbidden("On n'accorde pas sa propre remise.")
    if quote.approval_status is not ApprovalStatus.PENDING:
        raise Conflict("Aucune demande d'accord en attente sur ce devis.")
    if not approve and not comment.strip():
        raise FieldError("comment", "Dites au stagiaire pourquoi la remise est refusée.")
    quote.approval_status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REFUSED
    quote.approval_comment = comment
    quote.approval_decided_at = utcnow()
    quote.approval_decided_by_id = principal.user_id
    session.flush()
    return quote


def send(session: Session, principal: Principal, quote: Quote, version: int) -> Quote:
    """Freeze and number the quote (a revision keeps its number); the revision it replaces is
    superseded; the opportunity goes to proposal if it was in discovery."""
    check_version(quote, version)
    editable(quote)
    computed = computed_of(session, quote)
    if any(lim.over for lim in computed.limits) and (
        quote.approval_status is not ApprovalStatus.APPROVED
    ):
        errors = over_limit_errors(computed.metas, computed.result, computed.limits)
        pending = quote.approval_status is ApprovalStatus.PENDING
        raise DiscountOverLimit(
            "Remise hors limites : "
            + ("l'accord du manager est en attente." if pending else "sans accord du manager.")
            + " "
            + " ".join(e["message"] for e in errors),
            errors=errors,
        )
    today = today_local()
    if quote.valid_until < today:
        raise FieldError("valid_until", "La validité du devis est passée : prolongez-la.")
    if quote.number is None:
        seq = repo.next_number(session, quote.business_case_id, NUMBER_KIND, today.year)
        quote.number = f"DEV-{today.year}-{seq:05d}"
    if quote.revision_of_id is not None:
        previous = session.get(Quote, quote.revision_of_id)
        if previous is not None and previous.status is QuoteStatus.SENT:
            previous.status = QuoteStatus.SUPERSEDED
    quote.status = QuoteStatus.SENT
    quote.sent_at = utcnow()
    opportunity = session.get(Opportunity, quote.opportunity_id)
    if opportunity is not None and opportunity.stage is OpportunityStage.DISCOVERY:
        opportunities.set_stage(
            session, principal, opportunity, OpportunityStage.PROPOSAL, note=f"Devis {quote.number}"
        )
    session.flush()
    return quote


def answer(
    session: Session, principal: Principal, quote: Quote, version: int, *, accepted: bool,
    refusal_reason: str,
) -> Quote:  # fmt: skip
    """The client's answer to a sent quote: accepted (its opportunity is won) or refused."""
    check_version(quote, version)
    if quote.status is not QuoteStatus.SENT:
        raise Conflict(
            f"Devis {STATUS_FR[quote.status]} : seul un devis envoyé reçoit une réponse."
        )
    if accepted and quote.valid_until < today_local():
        # Shown as expired (shown_status); the refusal rolls the request back, so nothing is
        # stored here.
        raise Conflict(
            "Devis expiré : sa validité est passée. Faites-en une révision pour le proposer à "
            "nouveau."
        )
    quote.status = QuoteStatus.ACCEPTED if accepted else QuoteStatus.REFUSED
    quote.refusal_reason = "" if accepted else refusal_reason.strip()
    quote.answered_at = utcnow()
    if accepted:
        opportunity = session.get(Opportunity, quote.opportunity_id)
        if opportunity is not None:
            opportunities.set_stage(
                session, principal, opportunity, OpportunityStage.WON,
                note=f"Devis {quote.number} accepté",
            )  # fmt: skip
    session.flush()
    return quote


def revise(session: Session, principal: Principal, quote: Quote, version: int) -> Quote:
    """A new draft from a sent, refused or expired quote: the same number, the next revision,
    the same lines under the same business case version."""
    check_version(quote, version)
    if quote.status not in (QuoteStatus.SENT, QuoteStatus.REFUSED, QuoteStatus.EXPIRED):
        raise Conflict(
            f"Devis {STATUS_FR[quote.status]} : seul un devis envoyé, refusé ou expiré se "
            "révise (un brouillon se modifie directement)."
        )
    assert quote.number is not None
    today = today_local()
    copy = Quote(
        owner_id=quote.owner_id,
        opportunity_id=quote.opportunity_id,
        prospect_id=quote.prospect_id,
        business_case_id=quote.business_case_id,
        business_case_version_id=quote.business_case_version_id,
        number=quote.number,
        revision=repo.last_revision(session, quote.number, quote.business_case_id) + 1,
        revision_of_id=quote.id,
        status=QuoteStatus.DRAFT,
        title=quote.title,
        segment_code=quote.segment_code,
        valid_until=max(quote.valid_until, today + timedelta(days=VALIDITY_DAYS)),
        off_premises=quote.off_premises,
        escompte_rate=quote.escompte_rate,
        reductions=list(quote.reductions),
        notes=quote.notes,
    )
    session.add(copy)
    session.flush()
    computed = computed_of(session, quote)
    _store(session, copy, computed)
    return copy


# ----------------------------------------------------------------- reading


def shown_status(quote: Quote, today: date) -> QuoteStatus:
    """A sent quote past its validity reads as expired (the write that meets it stores it)."""
    if quote.status is QuoteStatus.SENT and quote.valid_until < today:
        return QuoteStatus.EXPIRED
    return quote.status


def reference(quote: Quote) -> str | None:
    if quote.number is None:
        return None
    return quote.number if quote.revision == 1 else f"{quote.number} rév. {quote.revision}"


def rows(session: Session, items: list[Quote]) -> list[dict[str, Any]]:
    names = repo.prospect_names(session, {q.prospect_id for q in items})
    today = today_local()
    return [_row(q, names.get(q.prospect_id, ""), today) for q in items]


def _row(q: Quote, prospect_name: str, today: date) -> dict[str, Any]:
    return {
        "id": q.id,
        "owner_id": q.owner_id,
        "opportunity_id": q.opportunity_id,
        "prospect_id": q.prospect_id,
        "prospect_name": prospect_name,
        "business_case_id": q.business_case_id,
        "business_case_version_id": q.business_case_version_id,
        "number": q.number,
        "revision": q.revision,
        "revision_of_id": q.revision_of_id,
        "reference": reference(q),
        "status": shown_status(q, today),
        "title": q.title,
        "segment_code": q.segment_code,
        "segments": [],
        "valid_until": q.valid_until,
        "off_premises": q.off_premises,
        "escompte_rate": q.escompte_rate,
        "reductions": q.reductions,
        "notes": q.notes,
        "gross_ht": q.gross_ht,
        "net_commercial_ht": q.net_commercial_ht,
        "total_ttc": q.total_ttc,
        "margin": q.margin,
        "effective_discount": rate(q.effective_discount),
        "approval_status": q.approval_status,
        "approval_reason": q.approval_reason,
        "approval_comment": q.approval_comment,
        "approval_decided_at": q.approval_decided_at,
        "sent_at": q.sent_at,
        "answered_at": q.answered_at,
        "refusal_reason": q.refusal_reason,
        "created_at": q.created_at,
        "updated_at": q.updated_at,
        "version": q.version,
    }


def detail(session: Session, quote: Quote, *, with_steps: bool = False) -> dict[str, Any]:
    ctx = _context(session, quote.business_case_version_id, quote.prospect_id)
    computed = _compute_quote(
        ctx,
        quote.segment_code,
        _stored_lines(session, quote),
        _stored_reductions(quote),
        quote.escompte_rate,
    )
    return {
        **_row(quote, ctx.prospect.name, today_local()),
        "segments": ctx.segments,
        "figures": figures_out(
            computed.result, computed.metas, computed.inputs, computed.limits, with_steps=with_steps
        ),
    }


def preview(session: Session, principal: Principal, data: QuoteCompute) -> dict[str, Any]:
    """The figures of lines not saved: with an opportunity of the caller's, under the
    trainee's active business case (catalogue lines and limits); without, free lines only."""
    if data.opportunity_id is None:
        inputs, metas = resolve_lines(None, data.lines)
        result = compute(inputs, reductions_in(data.reductions), data.escompte_rate)
        return figures_out(result, metas, inputs, None, with_steps=True)
    opportunity = OpportunityRepository(session, principal).get_referenced(
        data.opportunity_id, "opportunity_id"
    )
    active = cases.active_case(session, opportunity.owner_id)
    version_id = active.version.id if active else opportunity.business_case_version_id
    ctx = _context(session, version_id, opportunity.prospect_id)
    segment = _segment(ctx, data.segment_code)
    computed = _compute_quote(ctx, segment, data.lines, data.reductions, data.escompte_rate)
    return figures_out(
        computed.result, computed.metas, computed.inputs, computed.limits, with_steps=True
    )


def check_figures(session: Session, quote: Quote, figures: dict[str, Decimal]) -> dict[str, Any]:
    if not figures:
        raise FieldError("figures", "Donnez au moins un chiffre à vérifier.")
    for code in figures:
        if breakdown.figure_of(code) is None:
            raise FieldError(
                f"figures.{code}",
                "Chiffre inconnu : " + ", ".join(breakdown.FIGURES) + ", tva.<taux>, "
                "lines.<n>.net_ht.",
            )
    verdicts = breakdown.check(computed_of(session, quote).result, figures)
    right = sum(1 for v in verdicts if v.right)
    return {"right": right, "wrong": len(verdicts) - right, "verdicts": verdicts}
