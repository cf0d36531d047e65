"""Personalised offers (CP8.1, CP8.2): an offer to a customer (or to each customer of an RFM
segment) checked against the business case's loyalty rules, the commercial policy's discount
limits and the salesperson's authority; proposed through an allowed channel (recorded, not
sent); the manager's approval beyond the authority, as for quotes; the client's answer; an
accepted offer becomes a quote or an order."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy.orm import Session

from app.business_cases import service as cases
from app.business_cases.document import ALL, BusinessCaseDocument, OfferRule
from app.common.clock import utcnow
from app.config import Settings
from app.core.errors import Conflict, FieldError, Forbidden
from app.core.patch import check_version
from app.core.principal import Principal
from app.follow_up import orders
from app.follow_up.schemas import OrderCreate
from app.loyalty import analytics, messaging
from app.loyalty.customers import Context, recipients
from app.loyalty.data import families_bought
from app.loyalty.schemas import OfferCreate, OfferFields
from app.models import (
    ApprovalStatus,
    Channel,
    LoyaltyOffer,
    MessageSource,
    OfferStatus,
    Prospect,
    RfmSegment,
)
from app.sales import opportunities, quotes
from app.sales.schemas import OpportunityCreate, QuoteCreate, QuoteLineIn

CENT = Decimal("0.01")
LABELS = analytics.SEGMENT_LABELS


@dataclass
class Finding:
    ok: bool
    code: str
    rule: str
    message: str


@dataclass
class Checked:
    prospect: Prospect
    rfm_segment: str | None
    market_segments: list[str]
    segment_code: str | None
    lines: list[dict[str, Any]]
    gross_ht: Decimal
    value_ht: Decimal
    rule: OfferRule | None
    needs_approval: bool
    channel: Channel | None
    channel_rule: str
    channel_allowed: bool
    findings: list[Finding] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        return self.rule is not None and self.channel_allowed

    def out(self) -> dict[str, Any]:
        return {
            "prospect_id": self.prospect.id,
            "rfm_segment": self.rfm_segment,
            "market_segments": self.market_segments,
            "allowed": self.allowed,
            "needs_approval": self.needs_approval,
            "rule": self.rule.label if self.rule else None,
            "gross_ht": self.gross_ht,
            "value_ht": self.value_ht,
            "channel": self.channel,
            "channel_rule": self.channel_rule,
            "findings": [vars(f) for f in self.findings],
        }


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _fmt(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def _lines(doc: BusinessCaseDocument, data: OfferFields) -> list[dict[str, Any]]:
    out = []
    for index, line in enumerate(data.lines):
        product = doc.product(line.product_reference)
        if product is None:
            raise FieldError(
                f"lines.{index}.product_reference",
                f"Produit {line.product_reference} absent du catalogue du cas.",
            )
        gross = _money(Decimal(product.price_ht) * line.quantity)
        out.append(
            {
                "product_reference": product.reference,
                "label": product.label,
                "family": product.family,
                "quantity": line.quantity,
                "unit_price_ht": Decimal(product.price_ht),
                "discount": line.discount,
                "gross": gross,
                "value": _money(gross * line.discount / 100),
            }
        )
    return out


def _why_not(rule: OfferRule, market: list[str], rfm: str | None, families: set[str]) -> list[str]:
    reasons = []
    if ALL not in rule.who and not set(rule.who) & set(market):
        theirs = ", ".join(market) or "aucun"
        reasons.append(f"réservée aux segments {', '.join(rule.who)} (le client : {theirs})")
    if rule.rfm_segments and rfm not in {s.value for s in rule.rfm_segments}:
        wanted = ", ".join(LABELS[s.value] for s in rule.rfm_segments)
        reasons.append(f"réservée aux clients {wanted} (le client : {LABELS.get(rfm or '', '—')})")
    if rule.families and not families <= set(rule.families):
        reasons.append(f"limitée aux familles {', '.join(rule.families)}")
    return reasons


def _overs(
    doc: BusinessCaseDocument,
    rule: OfferRule,
    segment: str | None,
    lines: list[dict[str, Any]],
    value: Decimal,
) -> list[str]:
    overs = []
    for index, line in enumerate(lines):
        policy_limit = Decimal(doc.max_discount_for(segment, line["family"]))
        limit = (
            min(Decimal(rule.max_discount), policy_limit)
            if rule.max_discount is not None
            else policy_limit
        )
        if line["discount"] > limit:
            overs.append(
                f"ligne {index + 1} ({line['label']}) : remise {_fmt(line['discount'])} % "
                f"au-delà de {_fmt(limit)} %"
            )
    if rule.max_value is not None and value > Decimal(rule.max_value):
        overs.append(f"valeur {_fmt(value)} € HT au-delà de {_fmt(Decimal(rule.max_value))} € HT")
    return overs


def _specificity(rule: OfferRule) -> tuple[bool, bool, bool]:
    """The most specific rule first: naming RFM segments, market segments, families."""
    return (not rule.rfm_segments, ALL in rule.who, not rule.families)


def check(ctx: Context, settings: Settings, prospect: Prospect, data: OfferFields) -> Checked:
    """Every finding of the offer for this customer, the rule it falls under (the most
    specific that fits), whether it needs the manager's approval, and the channel."""
    doc = ctx.require_doc()
    if prospect.id not in ctx.book.history.index:
        raise Conflict(
            f"{prospect.name} n'a encore rien commandé : une offre de fidélisation va à un client.",
            problem_slug="loyalty-not-customer",
        )
    rfm = ctx.book.segment_of(prospect.id)
    market = ctx.market_segments(prospect)
    segment = market[0] if market else None
    lines = _lines(doc, data)
    gross = sum((line["gross"] for line in lines), Decimal(0))
    value = sum((line["value"] for line in lines), Decimal(0))
    families = {line["family"] for line in lines}
    findings: list[Finding] = []
    applicable = []
    rules = doc.policy.loyalty_rules
    if not rules:
        findings.append(
            Finding(
                False,
                "loyalty-no-rule",
                "",
                "La politique du cas ne prévoit aucune offre de fidélisation.",
            )
        )
    for rule in rules:
        reasons = _why_not(rule, market, rfm, families)
        if reasons:
            findings.append(
                Finding(
                    False,
                    "loyalty-not-eligible",
                    rule.label,
                    f"Règle « {rule.label} » : " + " ; ".join(reasons) + ".",
                )
            )
        else:
            applicable.append(rule)
    fitting = []
    for rule in applicable:
        overs = _overs(doc, rule, segment, lines, value)
        if overs:
            findings.append(
                Finding(
                    False,
                    "loyalty-over-policy",
                    rule.label,
                    f"Règle « {rule.label} » : " + " ; ".join(overs) + ".",
                )
            )
        else:
            fitting.append(rule)
    chosen = min(fitting, key=_specificity) if fitting else None
    needs_approval = False
    if chosen is not None:
        findings.append(
            Finding(
                True,
                "loyalty-rule",
                chosen.label,
                f"Dans la politique : règle « {chosen.label} » ({chosen.offer})",
            )
        )
        authority = Decimal(doc.policy.authority.max_discount)
        above = [line for line in lines if line["discount"] > authority]
        if above:
            needs_approval = True
            findings.append(
                Finding(
                    False,
                    "approval-required",
                    "policy.authority.max_discount",
                    f"Remise au-delà de votre délégation ({_fmt(authority)} %) : l'accord du "
                    "responsable est nécessaire (approval_request).",
                )
            )
    bought = families_bought(ctx.session, ctx.owner_id, [prospect.id])
    similar = messaging.analogous(families, bought.get(prospect.id, frozenset()))
    person = messaging.writable_recipients_of(ctx.session, [prospect.id])[0]
    channel, decision = messaging.choose(
        ctx.session, settings, person, ctx.book.today, data.channel, analogous=similar
    )
    findings.append(
        Finding(decision.allowed, f"channel-policy:{decision.rule}", decision.rule, decision.detail)
    )
    return Checked(
        prospect,
        rfm,
        market,
        segment,
        lines,
        gross,
        value,
        chosen,
        needs_approval,
        channel,
        decision.rule,
        decision.allowed,
        findings,
    )


def _refusal(checked: Checked) -> Conflict:
    failed = [f for f in checked.findings if not f.ok and f.code != "approval-required"]
    first = failed[0] if failed else None
    slug = "loyalty-not-eligible"
    if any(f.code == "loyalty-over-policy" for f in failed):
        slug = "loyalty-over-policy"
    if checked.rule is not None and not checked.channel_allowed:
        slug = f"channel-policy:{checked.channel_rule}"
    detail = " ".join(f.message for f in failed) or "Offre hors politique."
    return Conflict(
        detail,
        problem_slug=slug,
        rule=first.rule if first else None,
        findings=[vars(f) for f in checked.findings],
    )


def _offer(
    ctx: Context, checked: Checked, data: OfferCreate, batch: str | None, version_id: int
) -> LoyaltyOffer:
    assert checked.rule is not None
    assert checked.channel is not None
    pending = checked.needs_approval
    offer = LoyaltyOffer(
        owner_id=ctx.owner_id,
        prospect_id=checked.prospect.id,
        business_case_version_id=version_id,
        batch=batch,
        title=data.title,
        lines=[
            {k: str(v) if isinstance(v, Decimal) else v for k, v in line.items()}
            for line in checked.lines
        ],
        conditions=data.conditions,
        valid_until=data.valid_until,
        channel=checked.channel,
        segment_code=checked.segment_code,
        rfm_segment=RfmSegment(checked.rfm_segment) if checked.rfm_segment else None,
        rule_label=checked.rule.label,
        recommended=data.recommended,
        gross_ht=checked.gross_ht,
        value_ht=checked.value_ht,
        status=OfferStatus.PENDING_APPROVAL if pending else OfferStatus.PROPOSED,
        approval_status=ApprovalStatus.PENDING if pending else ApprovalStatus.NONE,
        approval_reason=data.approval_request or "",
        proposed_on=None if pending else ctx.book.today,
    )
    ctx.session.add(offer)
    ctx.session.flush()
    return offer


def _propose(ctx: Context, settings: Settings, offer: LoyaltyOffer) -> None:
    """Record the offer's message to the customer through its channel (nothing is sent)."""
    doc = ctx.require_doc()
    person = messaging.writable_recipients_of(ctx.session, [offer.prospect_id])[0]
    families = {line["family"] for line in offer.lines}
    bought = families_bought(ctx.session, ctx.owner_id, [offer.prospect_id]).get(
        offer.prospect_id, frozenset()
    )
    similar = messaging.analogous(families, bought)
    on = ctx.book.today
    channel, decision = messaging.choose(
        ctx.session, settings, person, on, offer.channel, analogous=similar
    )
    products = ", ".join(line["label"] for line in offer.lines)
    body = (
        f"Bonjour {person.contact_name},\n\n{doc.identity.name} vous propose : {offer.title} "
        f"({products}), valable jusqu'au {offer.valid_until:%d/%m/%Y}.\n{offer.conditions}"
    ).strip()
    messaging.record(
        ctx.session,
        ctx.owner_id,
        person,
        source=MessageSource.OFFER,
        source_id=offer.id,
        channel=channel,
        decision=decision,
        on=on,
        analogous=similar,
        subject=offer.title,
        body=body,
    )
    offer.proposed_on = on
    ctx.session.flush()


def create(
    ctx: Context, settings: Settings, principal: Principal, data: OfferCreate
) -> dict[str, Any]:
    if not principal.is_trainee:
        raise Forbidden("Une offre est faite par le stagiaire qui vend.")
    active = cases.require_active_case(ctx.session, ctx.owner_id)
    if data.valid_until < ctx.book.today:
        raise FieldError("valid_until", "La fin de validité ne peut pas être passée.")
    ids = recipients(ctx, data.prospect_ids, data.rfm_segment)
    if not ids:
        raise Conflict("Aucun client dans ce segment.")
    people = messaging.writable_recipients(ctx.session, principal, ids)
    checks = [check(ctx, settings, person.prospect, data) for person in people]
    single = data.rfm_segment is None and len(checks) == 1
    if single and not checks[0].allowed:
        raise _refusal(checks[0])
    fits = [c for c in checks if c.allowed]
    if not fits:
        raise _refusal(checks[0])
    if any(c.needs_approval for c in fits) and not data.approval_request:
        raise Conflict(
            "Remise au-delà de votre délégation : joignez une demande d'accord au responsable "
            "(approval_request), ou réduisez la remise.",
            problem_slug="approval-required",
            rule="policy.authority.max_discount",
            findings=[vars(f) for f in fits[0].findings],
        )
    batch = None if single else f"{data.rfm_segment or 'liste'}-{ctx.book.today:%Y%m%d}"
    created = []
    for c in fits:
        offer = _offer(ctx, c, data, batch, active.version.id)
        if offer.status is OfferStatus.PROPOSED:
            _propose(ctx, settings, offer)
        created.append(offer)
    return {
        "offers": offers_out(ctx.session, created),
        "excluded": [c.out() for c in checks if not c.allowed],
    }


def decide(
    session: Session,
    settings: Settings,
    ctx: Context,
    principal: Principal,
    offer: LoyaltyOffer,
    version: int,
    approve: bool,
    comment: str,
) -> LoyaltyOffer:
    check_version(offer, version)
    if offer.owner_id == principal.user_id or principal.is_trainee:
        raise Forbidden("L'accord est donné par le formateur ou le responsable.")
    if offer.approval_status is not ApprovalStatus.PENDING:
        raise Conflict("Aucune demande d'accord en attente sur cette offre.")
    if not approve and not comment.strip():
        raise FieldError("comment", "Dites au stagiaire pourquoi la remise est refusée.")
    offer.approval_status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REFUSED
    offer.approval_comment = comment
    offer.approval_decided_at = utcnow()
    offer.approval_decided_by_id = principal.user_id
    offer.status = OfferStatus.PROPOSED if approve else OfferStatus.REFUSED
    if approve:
        _propose(ctx, settings, offer)
    session.flush()
    return offer


def answer(
    session: Session,
    offer: LoyaltyOffer,
    version: int,
    accepted: bool,
    on: date | None,
    today: date,
) -> LoyaltyOffer:
    check_version(offer, version)
    if offer.status is not OfferStatus.PROPOSED:
        raise Conflict("Seule une offre proposée reçoit la réponse du client.")
    day = on or today
    if day > today:
        raise FieldError("answered_on", "La réponse ne peut pas être datée de demain.")
    if accepted and day > offer.valid_until:
        raise Conflict(f"Offre expirée le {offer.valid_until:%d/%m/%Y} : refaites-en une.")
    offer.status = OfferStatus.ACCEPTED if accepted else OfferStatus.DECLINED
    offer.answered_on = day
    session.flush()
    return offer


def convert(
    session: Session, principal: Principal, offer: LoyaltyOffer, version: int, to: str
) -> LoyaltyOffer:
    """An accepted offer becomes an order (within the salesperson's authority) or a quote
    (its discounts above the authority carry the approval request again)."""
    check_version(offer, version)
    if offer.status is not OfferStatus.ACCEPTED:
        raise Conflict("Seule une offre acceptée par le client devient un devis ou une commande.")
    lines = [
        QuoteLineIn(
            product_reference=line["product_reference"],
            quantity=Decimal(line["quantity"]),
            discounts=[Decimal(line["discount"])] if Decimal(line["discount"]) else [],
        )
        for line in offer.lines
    ]
    note = f"Offre de fidélisation n° {offer.id} ({offer.rule_label})."
    if to == "order":
        if offer.approval_status is ApprovalStatus.APPROVED:
            raise Conflict(
                "Remise accordée par le responsable au-delà de votre délégation : convertissez "
                "l'offre en devis (to=quote), qui porte l'accord."
            )
        order = orders.create(
            session,
            principal,
            OrderCreate(
                prospect_id=offer.prospect_id,
                segment_code=offer.segment_code,
                lines=lines,
                notes=note,
            ),
        )
        offer.order_id = order.id
    else:
        opportunity = opportunities.create(
            session,
            principal,
            OpportunityCreate(
                prospect_id=offer.prospect_id,
                title=offer.title[:200],
                description=note,
                estimated_amount_ht=offer.gross_ht - offer.value_ht,
            ),
        )
        quote = quotes.create(
            session,
            principal,
            QuoteCreate(
                opportunity_id=opportunity.id,
                title=offer.title[:200],
                valid_until=offer.valid_until,
                segment_code=offer.segment_code,
                lines=lines,
                notes=note,
                approval_request=(
                    f"Offre approuvée : {offer.approval_comment or offer.approval_reason}"
                    if offer.approval_status is ApprovalStatus.APPROVED
                    else None
                ),
            ),
        )
        offer.quote_id = quote.id
    offer.status = OfferStatus.CONVERTED
    session.flush()
    return offer


def offers_out(session: Session, offers: list[LoyaltyOffer]) -> list[dict[str, Any]]:
    ids = {o.prospect_id for o in offers}
    names = messaging.prospect_names(session, ids)
    return [
        {
            **{
                c: getattr(o, c)
                for c in (
                    "id",
                    "owner_id",
                    "prospect_id",
                    "batch",
                    "title",
                    "conditions",
                    "valid_until",
                    "channel",
                    "segment_code",
                    "rfm_segment",
                    "rule_label",
                    "recommended",
                    "gross_ht",
                    "value_ht",
                    "status",
                    "approval_status",
                    "approval_reason",
                    "approval_comment",
                    "proposed_on",
                    "answered_on",
                    "quote_id",
                    "order_id",
                    "created_at",
                    "updated_at",
                    "version",
                )
            },
            "prospect_name": names.get(o.prospect_id, ""),
            "lines": [
                {
                    k: line[k]
                    for k in (
                        "product_reference",
                        "label",
                        "family",
                        "quantity",
                        "unit_price_ht",
                        "discount",
                    )
                }
                for line in o.lines
            ],
        }
        for o in offers
    ]
