"""The demo's sales follow-up (issue 17): for each demo trainee under a published business
case, two orders of companies from their file, made through the follow-up's own services so
that every figure is the application's: one delivered and invoiced a while ago, the invoice
45 days overdue (every relaunch level may be sent, the formal notice included); one whose
delivery is late, with a delay complaint waiting for an answer. Dates are moved back after
the writes, as the other seeds date their history. Idempotent: a trainee who has orders is
left alone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.business_cases import service as business_cases
from app.core.principal import Principal
from app.follow_up import complaints, deliveries, invoices, orders, policy
from app.follow_up.invoice_schemas import InvoiceCreate
from app.follow_up.schemas import (
    ComplaintCreate,
    DeliveryCreate,
    DeliveryEventIn,
    OrderCreate,
)
from app.models import (
    ApiScope,
    Channel,
    ComplaintCategory,
    ComplaintSeverity,
    DeliveryEventKind,
    Order,
    Organisation,
    Prospect,
    ProspectKind,
    Role,
    User,
)
from app.sales.schemas import QuoteLineIn


@dataclass
class FollowUpSeedReport:
    orders: int = 0
    invoices: int = 0
    complaints: int = 0
    trainees_skipped: int = 0

    def __str__(self) -> str:
        return (
            f"{self.orders} commande(s), {self.invoices} facture(s), "
            f"{self.complaints} réclamation(s) de démonstration"
        )


def seed_follow_up(session: Session, org: Organisation, trainees: list[User]) -> FollowUpSeedReport:
    report = FollowUpSeedReport()
    today = policy.today()
    for trainee in trainees:
        if trainee.organisation_id != org.id:
            continue
        if session.scalar(select(exists().where(Order.owner_id == trainee.id))):
            report.trainees_skipped += 1
            continue
        active = business_cases.active_case(session, trainee.id)
        if active is None or not active.document.catalogue.products:
            continue
        customers = list(
            session.scalars(
                select(Prospect)
                .where(
                    Prospect.owner_id == trainee.id,
                    Prospect.kind == ProspectKind.COMPANY,
                    Prospect.anonymised.is_(False),
                )
                .order_by(Prospect.id)
                .limit(2)
            )
        )
        if len(customers) < 2:
            continue
        product = active.document.catalogue.products[0].reference
        principal = Principal(
            trainee.id, org.id, Role.TRAINEE, trainee.cohort_id, frozenset(ApiScope)
        )
        line = [QuoteLineIn(product_reference=product, quantity=Decimal(2))]

        # An order of three months ago, delivered, invoiced; the invoice is 45 days overdue:
        # every relaunch level may be sent (the formal notice from 30 days after the due date).
        first = orders.create(
            session, principal, OrderCreate(prospect_id=customers[0].id, lines=line)
        )
        first.ordered_on = today - timedelta(days=85)
        shipped = deliveries.create(
            session, principal, first, DeliveryCreate(promised_on=today - timedelta(days=76))
        )
        for kind, days in ((DeliveryEventKind.SHIPPED, 78), (DeliveryEventKind.DELIVERED, 77)):
            deliveries.record_event(
                session,
                shipped,
                DeliveryEventIn(
                    kind=kind, version=shipped.version, occurred_on=today - timedelta(days=days)
                ),
            )
        bill = invoices.issue(session, principal, InvoiceCreate(order_id=first.id))
        bill.issued_on = today - timedelta(days=75)
        bill.due_on = today - timedelta(days=45)
        report.orders += 1
        report.invoices += 1

        # A recent order whose delivery is late, and the client's complaint about it.
        second = orders.create(
            session, principal, OrderCreate(prospect_id=customers[1].id, lines=line)
        )
        second.ordered_on = today - timedelta(days=12)
        deliveries.create(
            session,
            principal,
            second,
            DeliveryCreate(
                promised_on=today - timedelta(days=3), carrier="Transports Rhône Express"
            ),
        )
        complaints.create(
            session,
            principal,
            ComplaintCreate(
                prospect_id=customers[1].id,
                order_id=second.id,
                channel=Channel.PHONE,
                category=ComplaintCategory.DELAY,
                severity=ComplaintSeverity.HIGH,
                received_on=today - timedelta(days=1),
                subject="Livraison en retard",
                description="Le matériel promis pour lundi n'est pas arrivé.",
                client_request="Une date ferme et un geste commercial.",
            ),
        )
        report.orders += 1
        report.complaints += 1
        session.flush()
    return report
