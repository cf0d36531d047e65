"""Invoices, credit notes, payments and relaunches (CP7.1).

- An **invoice** bills an order (every quantity not yet invoiced) or one of its deliveries
  (the quantities it carries), priced like the order (``app.sales.quotes.priced``: its line
  discounts, document reductions and escompte), so that the invoice of a whole order is the
  order's total TTC to the cent. A partial invoice takes the reductions given as rates as
  they are and those given as amounts in proportion of its lines' net (each invoice computes
  its own TVA: partial invoices may differ from the order by rounding cents). Numbered
  ``FAC-<year>-<00001>`` per business case without gaps; due after the payment terms of
  the order's business case version.
- A **credit note** (``AV-<year>-<00001>``) lowers an invoice's balance, never below zero;
  beyond ``policy.authority.max_credit_note`` it is a decision to escalate, except for a
  return (the value of goods taken back).
- A **payment** is dated (not in the future, not before the invoice), at most the balance.
  The balance is ``total_ttc − paid − credited``; at zero the invoice is paid.
- A **relaunch** of an overdue invoice goes level by level (reminder → second reminder →
  formal notice), each from ``due_on + policy.relaunch_days[i]`` and after the previous
  one; a formal notice is written (postal, i.e. registered letter, or email). For a
  business client the letter states the late-payment penalties at its date
  (``penalties.late_penalties``: at ``policy.late_payment_rate``, else the legal rate, the
  ECB rate in force on the first late day plus 10 points, ``Settings.ecb_rate_on``) and the
  40 € recovery indemnity; a consumer owes neither. Payments and credit notes lower the
  balance from their date. Eight days after a formal notice left unpaid, the invoice is
  due for escalation to accounting (``escalation_due``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session, object_session

from app.business_cases import service as cases
from app.business_cases.document import CommercialPolicy
from app.config import get_settings
from app.core.errors import Conflict, FieldError, Forbidden
from app.core.patch import check_version
from app.core.principal import Principal
from app.core.templates import template_environment
from app.follow_up import authority, penalties, policy
from app.follow_up import invoice_repository as repo
from app.follow_up import repository as order_repo
from app.follow_up.invoice_schemas import (
    CreditNoteCreate,
    InvoiceCreate,
    PaymentCreate,
    RelaunchCreate,
)
from app.follow_up.repository import OrderRepository
from app.models import (
    BusinessCaseVersion,
    Channel,
    DecisionKind,
    FollowUpSubject,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    Prospect,
    ProspectKind,
    Relaunch,
    RelaunchLevel,
    Role,
)
from app.sales import quotes
from app.sales import repository as sales_repo
from app.sales.calculations import fmt, money
from app.sales.schemas import ReductionIn

ZERO = Decimal(0)
MILLI = Decimal("0.001")  # quantities are kept to three decimals
INVOICE_NUMBER_KIND = "invoice"
CREDIT_NOTE_NUMBER_KIND = "credit_note"
LEVELS = (RelaunchLevel.REMINDER, RelaunchLevel.SECOND_REMINDER, RelaunchLevel.FORMAL_NOTICE)
LEVEL_FR = {
    RelaunchLevel.REMINDER: "relance",
    RelaunchLevel.SECOND_REMINDER: "seconde relance",
    RelaunchLevel.FORMAL_NOTICE: "mise en demeure",
}
# A relaunch is written or said; a formal notice is written, with a proof of sending.
RELAUNCH_CHANNELS = (Channel.EMAIL, Channel.POSTAL, Channel.PHONE, Channel.SMS)
FORMAL_NOTICE_CHANNELS = (Channel.POSTAL, Channel.EMAIL)
CHANNEL_FR = {
    Channel.EMAIL: "courrier électronique",
    Channel.POSTAL: "lettre recommandée avec accusé de réception",
    Channel.PHONE: "téléphone",
    Channel.SMS: "SMS",
}
#: The time a formal notice gives to pay, in days from its sending.
FORMAL_NOTICE_DAYS = 8
RETURN = "return"
REASON_FR = {RETURN: "Retour de marchandise", "commercial_gesture": "Geste commercial"}


def _euros(value: Decimal) -> str:
    return f"{fmt(money(value))} €"


def _rate(value: Decimal) -> str:
    return f"{fmt(value.normalize())} %" if value != 0 else "0 %"


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


_ENV = template_environment({"euros": _euros, "rate": _rate, "day": _day})


def balance(invoice: Invoice) -> Decimal:
    """What is still due: its TTC less its payments and credit notes (never negative)."""
    return max(invoice.total_ttc - invoice.paid - invoice.credited, ZERO)


def _policy(session: Session, invoice: Invoice | Order) -> CommercialPolicy:
    return policy.policy_of(session, invoice.business_case_version_id)


# ----------------------------------------------------------------- invoices


def issue(session: Session, principal: Principal, data: InvoiceCreate) -> Invoice:
    """The invoice of an order, or of one of its deliveries."""
    if principal.role is not Role.TRAINEE:
        raise Forbidden("Une facture est émise par le stagiaire qui vend.")
    order = OrderRepository(session, principal).get_referenced(data.order_id, "order_id")
    if order.status is OrderStatus.CANCELLED:
        raise Conflict(f"Commande {order.number} annulée : elle ne se facture pas.")
    delivery = None
    if data.delivery_id is not None:
        delivery = repo.delivery_of_order(session, data.delivery_id, order.id)
        if delivery is None:
            raise FieldError(
                "delivery_id",
                f"Livraison {data.delivery_id} inconnue pour la commande {order.number}.",
            )
    prospect = session.get(Prospect, order.prospect_id)
    assert prospect is not None
    business = (
        data.business_client
        if data.business_client is not None
        else prospect.kind is ProspectKind.COMPANY
    )
    today = policy.today()
    # The counter's row stays locked until the commit: what was invoiced is read after it,
    # so two invoices of one order issued at once cannot bill the same quantities.
    seq = sales_repo.next_number(session, order.business_case_id, INVOICE_NUMBER_KIND, today.year)
    lines = order_repo.lines_of(session, order.id)
    earlier = repo.invoices_of_order(session, order.id)
    if delivery is not None:
        billed = next((i for i in earlier if i.delivery_id == delivery.id), None)
        if billed is not None:
            raise Conflict(
                f"Livraison déjà facturée : facture {billed.number}.", invoice_number=billed.number
            )
        wanted = _carried(delivery.lines)
    else:
        wanted = {ln.id: ln.quantity for ln in lines}
    invoiced = _invoiced(earlier)
    quantities: dict[int, Decimal] = {}
    for line in lines:
        asked = wanted.get(line.id, ZERO)
        left = line.quantity - invoiced.get(line.id, ZERO)
        if delivery is not None and asked > left:
            numbers = _numbers_of_line(earlier, line.id)
            raise Conflict(
                f"Ligne {line.position} ({line.label}) : {fmt(asked.normalize())} à facturer, "
                f"{fmt(left.normalize())} restant ; déjà facturé : facture {numbers}.",
                invoice_number=numbers,
            )
        if min(asked, left) > 0:
            quantities[line.id] = min(asked, left)
    if not quantities:
        numbers = ", ".join(i.number for i in earlier) or "aucune"
        what = "Livraison" if delivery is not None else f"Commande {order.number}"
        raise Conflict(f"{what} déjà entièrement facturée : facture {numbers}.",
                       invoice_number=numbers)  # fmt: skip
    whole = not earlier and all(quantities.get(ln.id) == ln.quantity for ln in lines)
    chosen = [ln for ln in lines if ln.id in quantities]
    computed = _priced(session, order, lines, chosen, quantities, whole=whole)
    terms = _policy(session, order).payment_terms_days
    invoice = Invoice(
        owner_id=principal.user_id,
        prospect_id=order.prospect_id,
        order_id=order.id,
        delivery_id=delivery.id if delivery is not None else None,
        business_case_id=order.business_case_id,
        business_case_version_id=order.business_case_version_id,
        kind=InvoiceKind.INVOICE,
        number=f"FAC-{today.year}-{seq:05d}",
        status=InvoiceStatus.OPEN,
        issued_on=today,
        due_on=today + timedelta(days=terms),
        business_client=business,
        reason=data.notes,  # an invoice's notes; a credit note's reason
        lines=_snapshot(chosen, computed),
        total_ht=computed.result.net_financial_ht,
        total_tva=computed.result.tva_total,
        total_ttc=computed.result.total_ttc,
        paid=ZERO,
        credited=ZERO,
    )
    if invoice.total_ttc <= 0:
        invoice.status, invoice.paid_on = InvoiceStatus.PAID, today
    session.add(invoice)
    session.flush()
    return invoice


def _carried(delivery_lines: Sequence[dict[str, Any]]) -> dict[int, Decimal]:
    carried: dict[int, Decimal] = {}
    for line in delivery_lines:
        key = int(line["order_line_id"])
        carried[key] = carried.get(key, ZERO) + Decimal(str(line["quantity"]))
    return carried


def _invoiced(invoices: Sequence[Invoice]) -> dict[int, Decimal]:
    """The quantities of each order line already invoiced."""
    done: dict[int, Decimal] = {}
    for invoice in invoices:
        for line in invoice.lines:
            if line.get("kind") == "line" and line.get("order_line_id") is not None:
                key = int(line["order_line_id"])
                done[key] = done.get(key, ZERO) + Decimal(line["quantity"])
    return done


def _numbers_of_line(invoices: Sequence[Invoice], order_line_id: int) -> str:
    found = [
        i.number
        for i in invoices
        if any(ln.get("order_line_id") == order_line_id for ln in i.lines)
    ]
    return ", ".join(found) or "aucune"


def _priced(
    session: Session,
    order: Order,
    lines: list[OrderLine],
    chosen: list[OrderLine],
    quantities: dict[int, Decimal],
    *,
    whole: bool,
) -> quotes.Computed:
    """The invoiced quantities priced like the order. The segment is not asked again (it
    only sets the limits, checked when the order was taken)."""
    inputs = [
        line_in.model_copy(update={"quantity": quantities[row.id]})
        for line_in, row in zip(quotes.lines_in(chosen), chosen, strict=True)
    ]
    reductions = quotes.reductions_of(order.reductions)
    if not whole and any(r.amount is not None for r in reductions):
        # Amounts in proportion of the lines' net: the part's net over the whole's.
        part = _price(session, order, inputs, []).result.lines_net_ht
        full = _price(session, order, quotes.lines_in(lines), []).result.lines_net_ht
        ratio = part / full if full > 0 else Decimal(1)
        reductions = [
            r
            if r.amount is None
            else ReductionIn.model_construct(kind=r.kind, rate=None, amount=money(r.amount * ratio))
            for r in reductions
        ]
    return _price(session, order, inputs, reductions)


def _price(
    session: Session, order: Order, inputs: list[Any], reductions: list[ReductionIn]
) -> quotes.Computed:
    return quotes.priced(session, order.business_case_version_id, order.prospect_id, None,
                         inputs, reductions, order.escompte_rate)  # fmt: skip


def _snapshot(chosen: list[OrderLine], computed: quotes.Computed) -> list[dict[str, Any]]:
    """The invoice as issued: its lines, then the document reductions and the escompte
    (negative), then the TVA of each rate."""
    r = computed.result
    out: list[dict[str, Any]] = []
    for row, meta, line, source in zip(chosen, computed.metas, r.lines, computed.inputs,
                                       strict=True):  # fmt: skip
        out.append({
            "kind": "line", "order_line_id": row.id, "label": meta.label,
            "quantity": str(line.quantity.quantize(MILLI)),
            "unit_price_ht": str(money(line.unit_price_ht)), "tva_rate": str(money(line.tva_rate)),
            "discounts": [str(money(d)) for d in source.discounts], "total_ht": str(line.net_ht),
        })  # fmt: skip
    for red in r.reductions:
        label = red.label + (f" {_rate(red.rate)}" if red.rate is not None else "")
        out.append({"kind": "reduction", "label": label, "total_ht": str(-red.amount)})
    if r.escompte:
        out.append({"kind": "escompte", "label": f"Escompte {_rate(r.escompte_rate)}",
                    "total_ht": str(-r.escompte)})  # fmt: skip
    for t in r.tva:
        out.append({"kind": "tva", "label": f"TVA {_rate(t.rate)}", "tva_rate": str(money(t.rate)),
                    "total_ht": str(t.base_ht), "tva": str(t.tva)})  # fmt: skip
    return out


def _settle(session: Session, invoice: Invoice) -> None:
    """Paid once nothing is due, on the date of its last payment or credit note."""
    if invoice.kind is InvoiceKind.INVOICE and balance(invoice) == 0:
        dates = [p.paid_on for p in repo.payments_of(session, [invoice.id]).get(invoice.id, [])]
        dates += [
            c.issued_on for c in repo.credit_notes_of(session, [invoice.id]).get(invoice.id, [])
        ]
        invoice.status = InvoiceStatus.PAID
        invoice.paid_on = max(dates) if dates else policy.today()


# ----------------------------------------------------------------- credit notes


def credit_note(
    session: Session, principal: Principal, invoice: Invoice, data: CreditNoteCreate
) -> Invoice:
    """A credit note asked on an invoice: within the salesperson's authority unless it is a
    return (``policy.authority.max_credit_note``, else 409 naming it and the department)."""
    check_version(invoice, data.version)
    if data.reason != RETURN:
        authority.check(_policy(session, invoice), DecisionKind.CREDIT_NOTE,
                        amount_ht=data.amount_ht)  # fmt: skip
    return issue_credit_note(session, principal, invoice, data.amount_ht, data.tva_rate,
                             data.reason)  # fmt: skip


def issue_credit_note(
    session: Session,
    principal: Principal,
    invoice: Invoice,
    amount_ht: Decimal,
    tva_rate: Decimal | None,
    reason: str,
) -> Invoice:
    """A credit note of ``amount_ht`` at ``tva_rate`` (None: the invoice's only rate) on
    ``invoice``, numbered ``AV-<year>-<00001>``; its TTC is taken off the invoice's balance,
    which it may not exceed (409 naming the balance). Authority is the caller's to check
    (``authority.check``). Returns the credit note; the invoice is updated."""
    if principal.role is not Role.TRAINEE or principal.user_id != invoice.owner_id:
        raise Forbidden("Un avoir est émis par le stagiaire qui a facturé.")
    if invoice.kind is not InvoiceKind.INVOICE:
        raise Conflict(f"{invoice.number} est un avoir : un avoir porte sur une facture.")
    if not amount_ht.is_finite() or amount_ht <= 0 or amount_ht != money(amount_ht):
        raise FieldError("amount_ht", "Un avoir est un montant HT positif, au centime près.")
    rates = sorted({Decimal(ln["tva_rate"]) for ln in invoice.lines if ln.get("kind") == "line"})
    shown = ", ".join(_rate(r) for r in rates)
    if tva_rate is None:
        if len(rates) != 1:
            raise FieldError("tva_rate", f"La facture {invoice.number} a plusieurs taux de TVA "
                             f"({shown}) : précisez celui de l'avoir.")  # fmt: skip
        rate = rates[0]
    elif money(tva_rate) not in rates:
        raise FieldError("tva_rate", f"Taux absent de la facture {invoice.number} ({shown}).")
    else:
        rate = money(tva_rate)
    tva = money(amount_ht * rate / 100)
    total = amount_ht + tva
    due = balance(invoice)
    if total > due:
        raise Conflict(
            f"Avoir de {_euros(total)} TTC au-delà du solde de la facture {invoice.number} : "
            f"{_euros(due)} TTC.",
            balance=str(due),
        )
    today = policy.today()
    seq = sales_repo.next_number(
        session, invoice.business_case_id, CREDIT_NOTE_NUMBER_KIND, today.year
    )
    label = REASON_FR.get(reason, reason)
    note = Invoice(
        owner_id=invoice.owner_id,
        prospect_id=invoice.prospect_id,
        order_id=invoice.order_id,
        delivery_id=invoice.delivery_id,
        invoice_id=invoice.id,
        business_case_id=invoice.business_case_id,
        business_case_version_id=invoice.business_case_version_id,
        kind=InvoiceKind.CREDIT_NOTE,
        number=f"AV-{today.year}-{seq:05d}",
        status=InvoiceStatus.ISSUED,
        issued_on=today,
        due_on=today,
        business_client=invoice.business_client,
        reason=reason,
        lines=_credit_lines(f"{label} (facture {invoice.number})", amount_ht, rate, tva),
        total_ht=amount_ht,
        total_tva=tva,
        total_ttc=total,
        paid=ZERO,
        credited=ZERO,
    )
    session.add(note)
    invoice.credited = invoice.credited + total
    session.flush()
    _settle(session, invoice)
    session.flush()
    return note


def _credit_lines(label: str, amount_ht: Decimal, rate: Decimal, tva: Decimal) -> list[Any]:
    return [
        {"kind": "line", "label": label, "quantity": "1.000", "unit_price_ht": str(amount_ht),
         "tva_rate": str(rate), "discounts": [], "total_ht": str(amount_ht)},
        {"kind": "tva", "label": f"TVA {_rate(rate)}", "tva_rate": str(rate),
         "total_ht": str(amount_ht), "tva": str(tva)},
    ]  # fmt: skip


# ----------------------------------------------------------------- payments


def record_payment(session: Session, invoice: Invoice, data: PaymentCreate) -> Invoice:
    """Record a payment received; returns the invoice, paid once its balance is nil."""
    check_version(invoice, data.version)
    if invoice.kind is not InvoiceKind.INVOICE:
        raise Conflict(f"{invoice.number} est un avoir : il ne se paie pas.")
    today = policy.today()
    if data.paid_on > today:
        raise FieldError("paid_on", f"Un paiement reçu est daté du {_day(today)} au plus tard.")
    if data.paid_on < invoice.issued_on:
        raise FieldError("paid_on", f"Un paiement suit la facture, émise le "
                         f"{_day(invoice.issued_on)}.")  # fmt: skip
    due = balance(invoice)
    if due == 0:
        raise Conflict(f"Facture {invoice.number} soldée : rien n'est dû.", balance=str(due))
    if data.amount > due:
        raise Conflict(
            f"Paiement de {_euros(data.amount)} au-delà du solde de la facture {invoice.number} "
            f": {_euros(due)}.",
            balance=str(due),
        )
    payment = Payment(
        owner_id=invoice.owner_id,
        invoice_id=invoice.id,
        paid_on=data.paid_on,
        amount=data.amount,
        method=data.method,
        reference=data.reference,
    )
    session.add(payment)
    invoice.paid = invoice.paid + data.amount
    session.flush()
    _settle(session, invoice)
    session.flush()
    return invoice


# ----------------------------------------------------------------- lateness and penalties


def annual_rate(terms: CommercialPolicy, first_late_day: date) -> Decimal:
    """The late-payment rate: the business case's, else the legal rate (ECB + 10 points)
    with the ECB rate in force on the first late day."""
    if terms.late_payment_rate is not None:
        return Decimal(terms.late_payment_rate)
    return penalties.legal_rate(get_settings().ecb_rate_on(first_late_day))


def _movements(payments: Sequence[Payment], notes: Sequence[Invoice]) -> list[penalties.Payment]:
    """Payments and credit notes, each lowering the balance from its date."""
    return [penalties.Payment(p.paid_on, p.amount) for p in payments] + [
        penalties.Payment(c.issued_on, c.total_ttc) for c in notes
    ]


@dataclass(frozen=True)
class Lateness:
    figures: penalties.Penalties
    rate: Decimal | None  # None for a consumer


def lateness(
    invoice: Invoice,
    terms: CommercialPolicy,
    as_of: date,
    payments: Sequence[Payment],
    notes: Sequence[Invoice],
) -> Lateness:
    """The penalties owed on ``invoice`` at ``as_of`` (none for a consumer)."""
    rate = annual_rate(terms, invoice.due_on + timedelta(days=1))
    figures = penalties.late_penalties(
        invoice.total_ttc, invoice.due_on, as_of, _movements(payments, notes), rate,
        business=invoice.business_client,
    )  # fmt: skip
    return Lateness(figures, rate if invoice.business_client else None)


def next_level(
    invoice: Invoice, terms: CommercialPolicy, last_sent_on: date | None
) -> tuple[RelaunchLevel, date, str] | None:
    """The level that may be sent next, the first day it may and why that day: none when
    the invoice is not open or its formal notice is sent."""
    if invoice.kind is not InvoiceKind.INVOICE or invoice.status is not InvoiceStatus.OPEN:
        return None
    index = 0 if invoice.relaunch_level is None else LEVELS.index(invoice.relaunch_level) + 1
    if index >= len(LEVELS):
        return None
    days = terms.relaunch_days[index]
    level = LEVELS[index]
    start = invoice.due_on + timedelta(days=days)
    why = f"échéance du {_day(invoice.due_on)} + {days} jours (policy.relaunch_days)"
    if days == 0:
        start, why = invoice.due_on + timedelta(days=1), "lendemain de l'échéance"
    if last_sent_on is not None and last_sent_on + timedelta(days=1) > start:
        start = last_sent_on + timedelta(days=1)
        why = f"lendemain de la relance précédente, du {_day(last_sent_on)}"
    return level, start, why


# ----------------------------------------------------------------- relaunches


def relaunch(session: Session, invoice: Invoice, data: RelaunchCreate) -> Invoice:
    """Send the next relaunch of an overdue invoice, its letter rendered with the penalties
    at its date; returns the invoice (its relaunches are in its detail)."""
    check_version(invoice, data.version)
    if invoice.kind is not InvoiceKind.INVOICE:
        raise Conflict(f"{invoice.number} est un avoir : il ne se relance pas.")
    if invoice.status is not InvoiceStatus.OPEN:
        raise Conflict(f"Facture {invoice.number} soldée : rien à relancer.")
    today = policy.today()
    sent_on = data.sent_on or today
    if sent_on > today:
        raise FieldError("sent_on", f"Une relance est datée du {_day(today)} au plus tard.")
    if sent_on <= invoice.due_on:
        raise Conflict(f"Facture {invoice.number} non échue à cette date : échéance le "
                       f"{_day(invoice.due_on)}.")  # fmt: skip
    terms = _policy(session, invoice)
    earlier = repo.relaunches_of(session, invoice.id)
    step = next_level(invoice, terms, earlier[-1].sent_on if earlier else None)
    if step is None:
        raise Conflict(
            f"Mise en demeure de la facture {invoice.number} déjà envoyée : passé son délai de "
            f"{FORMAL_NOTICE_DAYS} jours, transmettez le dossier au service comptable (escalade)."
        )
    level, start, why = step
    if data.level is not level:
        raise Conflict(
            f"Niveau attendu : {LEVEL_FR[level]} ({level.value}) ; les relances se suivent "
            "(relance, seconde relance, mise en demeure).",
            expected_level=level.value,
        )
    if sent_on < start:
        raise Conflict(f"{LEVEL_FR[level].capitalize()} possible à partir du {_day(start)} "
                       f"({why}).", earliest=start.isoformat())  # fmt: skip
    if data.channel not in RELAUNCH_CHANNELS:
        allowed = ", ".join(c.value for c in RELAUNCH_CHANNELS)
        raise FieldError("channel", f"Une relance part par {allowed}.")
    if level is RelaunchLevel.FORMAL_NOTICE and data.channel not in FORMAL_NOTICE_CHANNELS:
        raise FieldError(
            "channel",
            "Une mise en demeure est écrite, avec une preuve d'envoi : postal (lettre "
            "recommandée avec accusé de réception) ou email.",
        )
    payments = repo.payments_of(session, [invoice.id]).get(invoice.id, [])
    notes = repo.credit_notes_of(session, [invoice.id]).get(invoice.id, [])
    late = lateness(invoice, terms, sent_on, payments, notes)
    letter = _letter(session, invoice, level, data.channel, sent_on, late, earlier)
    record = Relaunch(
        owner_id=invoice.owner_id,
        invoice_id=invoice.id,
        level=level,
        sent_on=sent_on,
        channel=data.channel,
        balance=late.figures.balance,
        rate=late.rate,
        penalties=late.figures.interest,
        indemnity=late.figures.indemnity,
        letter=letter,
    )
    session.add(record)
    invoice.relaunch_level = level
    session.flush()
    return invoice


def _parties(session: Session, invoice: Invoice) -> tuple[dict[str, str], dict[str, str]]:
    version = session.get(BusinessCaseVersion, invoice.business_case_version_id)
    prospect = session.get(Prospect, invoice.prospect_id)
    assert version is not None
    assert prospect is not None
    identity = cases.document_of(version).identity
    address = identity.address
    seller = {
        "name": identity.name,
        "address": "\n".join(x for x in (address.line, address.line2,
                                         f"{address.postcode} {address.city}") if x),
        "siren": identity.siren,
        "city": address.city,
    }  # fmt: skip
    town = " ".join(x for x in (prospect.postcode, prospect.city) if x)
    client = {"name": prospect.name, "address": "\n".join(x for x in (prospect.address, town) if x)}
    return seller, client


def _letter(
    session: Session,
    invoice: Invoice,
    level: RelaunchLevel,
    channel: Channel,
    sent_on: date,
    late: Lateness,
    earlier: Sequence[Relaunch],
) -> str:
    seller, client = _parties(session, invoice)
    f = late.figures
    template = _ENV.get_template(f"relaunch_{level.value}.txt.j2")
    return (
        template.render(
            seller=seller,
            client=client,
            invoice=invoice,
            sent_on=sent_on,
            channel=channel.value,
            channel_fr=CHANNEL_FR.get(channel, channel.value),
            business=invoice.business_client,
            balance=f.balance,
            settled=invoice.total_ttc - f.balance,
            rate=late.rate,
            days_late=(sent_on - invoice.due_on).days,
            interest=f.interest,
            indemnity=f.indemnity,
            total=f.balance + f.total,
            deadline=sent_on + timedelta(days=FORMAL_NOTICE_DAYS),
            deadline_days=FORMAL_NOTICE_DAYS,
            earlier=[{"level": LEVEL_FR[r.level], "sent_on": r.sent_on} for r in earlier],
        ).strip()
        + "\n"
    )


# ----------------------------------------------------------------- for escalation


def _session(invoice: Invoice) -> Session:
    session = object_session(invoice)
    if session is None:
        raise ValueError("an invoice read from a session is expected")
    return session


def escalation_due(invoice: Invoice, today: date | None = None) -> bool:
    """Whether the invoice is to be passed to accounting: its formal notice is sent, the
    notice's 8 days are over and a balance is left."""
    if invoice.relaunch_level is not RelaunchLevel.FORMAL_NOTICE or balance(invoice) <= 0:
        return False
    notices = [r for r in repo.relaunches_of(_session(invoice), invoice.id)
               if r.level is RelaunchLevel.FORMAL_NOTICE]  # fmt: skip
    day = today or policy.today()
    return bool(notices) and notices[-1].sent_on + timedelta(days=FORMAL_NOTICE_DAYS) < day


def invoice_summary(invoice: Invoice, today: date | None = None) -> str:
    """The invoice in one French paragraph, for a handover note to accounting: number,
    client, amounts, due date, relaunches with their dates, penalties to date."""
    session = _session(invoice)
    day = today or policy.today()
    prospect = session.get(Prospect, invoice.prospect_id)
    order = session.get(Order, invoice.order_id)
    payments = repo.payments_of(session, [invoice.id]).get(invoice.id, [])
    notes = repo.credit_notes_of(session, [invoice.id]).get(invoice.id, [])
    who = "client professionnel" if invoice.business_client else "client particulier"
    of_order = f", commande {order.number}" if order is not None else ""
    paid = ", ".join(f"{_euros(p.amount)} le {_day(p.paid_on)}" for p in payments)
    credited = ", ".join(c.number for c in notes)
    text = (
        f"Facture {invoice.number} du {_day(invoice.issued_on)} ({who} "
        f"{prospect.name if prospect is not None else ''}{of_order}) : "
        f"{_euros(invoice.total_ttc)} TTC, échéance le {_day(invoice.due_on)} ; payé "
        f"{_euros(invoice.paid)}{f' ({paid})' if paid else ''}, avoirs "
        f"{_euros(invoice.credited)}{f' ({credited})' if credited else ''}, reste dû "
        f"{_euros(balance(invoice))}."
    )
    relaunches = repo.relaunches_of(session, invoice.id)
    if relaunches:
        done = [
            f"{LEVEL_FR[r.level]} le {_day(r.sent_on)} ({CHANNEL_FR.get(r.channel, r.channel)})"
            for r in relaunches
        ]
        text += " Relances : " + ", ".join(done) + "."
        notice = next((r for r in relaunches if r.level is RelaunchLevel.FORMAL_NOTICE), None)
        if notice is not None:
            end = notice.sent_on + timedelta(days=FORMAL_NOTICE_DAYS)
            text += f" La mise en demeure donnait jusqu'au {_day(end)} pour payer."
    else:
        text += " Aucune relance envoyée."
    if invoice.kind is InvoiceKind.INVOICE and day > invoice.due_on:
        late = lateness(invoice, _policy(session, invoice), day, payments, notes)
        f = late.figures
        if invoice.business_client and late.rate is not None:
            text += (
                f" Pénalités de retard au {_day(day)} : {_euros(f.interest)} (taux annuel "
                f"{_rate(late.rate)}, {f.days_late} jours), indemnité forfaitaire de "
                f"{_euros(f.indemnity)} ; total réclamable {_euros(f.balance + f.total)}."
            )
        else:
            text += " Client particulier : ni pénalités de retard ni indemnité forfaitaire."
    return text


# ----------------------------------------------------------------- reading


def rows(
    session: Session, items: Sequence[Invoice], today: date | None = None
) -> list[dict[str, Any]]:
    """The list's rows, with what each page needs read in one query per kind."""
    day = today or policy.today()
    ids = [i.id for i in items]
    names = sales_repo.prospect_names(session, {i.prospect_id for i in items})
    payments = repo.payments_of(session, ids)
    # Only an invoice with something credited has credit notes.
    notes = repo.credit_notes_of(session, [i.id for i in items if i.credited > 0])
    last = repo.last_relaunch_on(session, ids)
    terms: dict[int, CommercialPolicy] = {}
    out = []
    for invoice in items:
        version = invoice.business_case_version_id
        if version not in terms:
            terms[version] = policy.policy_of(session, version)
        out.append(_row(invoice, names.get(invoice.prospect_id, ""), terms[version], day,
                        payments.get(invoice.id, []), notes.get(invoice.id, []),
                        last.get(invoice.id)))  # fmt: skip
    return out


def _row(
    i: Invoice, prospect_name: str, terms: CommercialPolicy, day: date,
    payments: Sequence[Payment], notes: Sequence[Invoice], last_sent_on: date | None,
) -> dict[str, Any]:  # fmt: skip
    step = next_level(i, terms, last_sent_on)
    penalties_to_date = indemnity_to_date = None
    if i.kind is InvoiceKind.INVOICE and i.business_client:
        figures = lateness(i, terms, day, payments, notes).figures
        penalties_to_date, indemnity_to_date = figures.interest, figures.indemnity
    open_ = i.status is InvoiceStatus.OPEN
    escalate = (
        open_ and i.relaunch_level is RelaunchLevel.FORMAL_NOTICE and last_sent_on is not None
        and last_sent_on + timedelta(days=FORMAL_NOTICE_DAYS) < day
    )  # fmt: skip
    return {
        "id": i.id, "owner_id": i.owner_id, "prospect_id": i.prospect_id,
        "prospect_name": prospect_name, "order_id": i.order_id, "delivery_id": i.delivery_id,
        "invoice_id": i.invoice_id, "business_case_id": i.business_case_id,
        "business_case_version_id": i.business_case_version_id, "kind": i.kind,
        "number": i.number, "status": i.status, "issued_on": i.issued_on, "due_on": i.due_on,
        "business_client": i.business_client, "reason": i.reason, "total_ht": i.total_ht,
        "total_tva": i.total_tva, "total_ttc": i.total_ttc, "paid": i.paid,
        "credited": i.credited,
        "balance": balance(i) if i.kind is InvoiceKind.INVOICE else ZERO,
        "paid_on": i.paid_on,
        "days_overdue": max(0, (day - i.due_on).days) if open_ else 0,
        "relaunch_level": i.relaunch_level,
        "next_level": {"level": step[0], "from_on": step[1]} if step else None,
        "penalties_to_date": penalties_to_date, "indemnity_to_date": indemnity_to_date,
        "escalated_at": i.escalated_at, "escalation_due": escalate,
        "created_at": i.created_at, "updated_at": i.updated_at, "version": i.version,
    }  # fmt: skip


def detail(session: Session, invoice: Invoice) -> dict[str, Any]:
    notes = repo.credit_notes_of(session, [invoice.id]).get(invoice.id, [])
    return {
        **rows(session, [invoice])[0],
        "lines": invoice.lines,
        "payments": repo.payments_of(session, [invoice.id]).get(invoice.id, []),
        "credit_notes": notes,
        "relaunches": repo.relaunches_of(session, invoice.id),
        "case_id": _case_of(session, invoice),
    }


def _case_of(session: Session, invoice: Invoice) -> int | None:
    case = order_repo.cases_about(session, FollowUpSubject.INVOICE, [invoice.id]).get(invoice.id)
    return case.id if case is not None else None


def overdue_rows(
    session: Session,
    principal: Principal,
    owner_id: int,
    today: date | None = None,
    limit: int = 50,
    prospect_id: int | None = None,
) -> list[dict[str, Any]]:
    """One owner's overdue invoices as list rows, the oldest due first (the account view,
    the agenda), read through the caller's scope."""
    day = today or policy.today()
    items = repo.InvoiceRepository(session, principal).overdue(owner_id, day, limit, prospect_id)
    return rows(session, items, day)
