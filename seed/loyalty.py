"""The demo's loyalty (issue 18): for each demo trainee under a published business case, two
years of purchase history of up to 24 of their file's customers, companies and consumers (so
that the RFM grid has enough customers, the channel policy's consumer rules show, some of
them have gone quiet against their own rhythm or the case's threshold, and the co-purchase
rules have something to find: products bought together more often than chance), a relaunch
plan ready to run, an information campaign to send (a draft), an NPS survey with its answers
(a detractor among them, with the task to call them back) and an open day to invite
customers to.

Orders are written as rows with the catalogue's prices (no discount: their figures are the
catalogue's, to the cent) and numbered by the case's counters, dated back over two years.
The customers' records are left as the prospect seed wrote them. Deterministic (a generator
seeded per trainee) and idempotent: a trainee who has a relaunch plan is left alone."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.agenda import tasks
from app.business_cases import service as business_cases
from app.business_cases.document import CatalogueItem
from app.config import today_local
from app.models import (
    CampaignKind,
    LoyaltyCampaign,
    LoyaltyEvent,
    LoyaltyEventKind,
    Order,
    OrderLine,
    OrderStatus,
    Organisation,
    Prospect,
    ProspectStatus,
    RelaunchPlan,
    Survey,
    SurveyKind,
    SurveyResponse,
    TaskLinkKind,
    User,
)
from app.models import Channel as Ch
from app.sales import repository as sales_repo

CUSTOMERS = 24
NEWS_BODY = (
    "Bonjour {{ contact }},\n\n{{ entreprise }} lance {{ produits }}. Je vous propose de vous "
    "le présenter lors de notre prochain échange.\n\n{{ commercial }}"
)
VERBATIMS = {4: "Délais de livraison trop longs.", 10: "Très bon suivi, je recommande."}
CENT = Decimal("0.01")
STEPS = [
    {"position": 0, "channel": "email", "delay_days": 0,
     "subject": "{{ client }}, nous avons pensé à vous",
     "body": "Bonjour {{ contact }},\n\nVotre dernière commande chez {{ entreprise }} date du "
             "{{ derniere_commande }}. Faisons le point sur vos besoins : je vous propose un "
             "rendez-vous la semaine prochaine.\n\n{{ commercial }}"},
    {"position": 1, "channel": "phone", "delay_days": 7, "subject": "Appel de relance",
     "body": "Appeler {{ contact }} ({{ client }}) : besoins actuels, offre de reconquête."},
    {"position": 2, "channel": "postal", "delay_days": 14, "subject": "Une offre pour vous",
     "body": "Bonjour {{ contact }},\n\n{{ entreprise }} vous réserve une offre de reconquête "
             "valable un mois.\n\n{{ commercial }}"},
]  # fmt: skip


@dataclass
class LoyaltySeedReport:
    customers: int = 0
    orders: int = 0
    trainees_skipped: int = 0

    def __str__(self) -> str:
        return f"{self.customers} client(s) fidélisation, {self.orders} commande(s) d'historique"


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _order(session: Session, trainee: User, prospect: Prospect, case_id: int, version_id: int,
           on: date, items: list[CatalogueItem]) -> Order:  # fmt: skip
    seq = sales_repo.next_number(session, case_id, "order", on.year)
    gross = sum((Decimal(p.price_ht) for p in items), Decimal(0))
    ttc = sum((_money(Decimal(p.price_ht) * (1 + Decimal(p.tva_rate) / 100)) for p in items),
              Decimal(0))  # fmt: skip
    margin = sum((Decimal(p.price_ht) - Decimal(p.cost_ht) for p in items), Decimal(0))
    order = Order(owner_id=trainee.id, prospect_id=prospect.id, business_case_id=case_id,
                  business_case_version_id=version_id, number=f"CDE-{on.year}-{seq:05d}",
                  status=OrderStatus.DELIVERED, ordered_on=on, escompte_rate=Decimal(0),
                  reductions=[], gross_ht=gross, net_commercial_ht=gross, total_ttc=ttc,
                  margin=margin, notes="Historique de démonstration.")  # fmt: skip
    session.add(order)
    session.flush()
    for i, p in enumerate(items, start=1):
        session.add(OrderLine(owner_id=trainee.id, order_id=order.id, position=i,
                              product_reference=p.reference, family=p.family, label=p.label,
                              unit=p.unit, quantity=Decimal(1), unit_price_ht=Decimal(p.price_ht),
                              tva_rate=Decimal(p.tva_rate), unit_cost_ht=Decimal(p.cost_ht),
                              discounts=[], quantity_delivered=Decimal(1)))  # fmt: skip
    return order


def seed_loyalty(session: Session, org: Organisation, trainees: list[User]) -> LoyaltySeedReport:
    report = LoyaltySeedReport()
    today = today_local()
    for trainee in trainees:
        if trainee.organisation_id != org.id:
            continue
        if session.scalar(select(exists().where(RelaunchPlan.owner_id == trainee.id))):
            report.trainees_skipped += 1
            continue
        active = business_cases.active_case(session, trainee.id)
        if active is None:
            continue
        products = active.document.catalogue.products
        if len(products) < 3:
            continue
        taken = select(Order.prospect_id).where(Order.owner_id == trainee.id)
        customers = list(session.scalars(
            select(Prospect).where(Prospect.owner_id == trainee.id,
                                   Prospect.status == ProspectStatus.CUSTOMER,
                                   Prospect.anonymised.is_(False),
                                   Prospect.objected_at.is_(None),
                                   Prospect.id.not_in(taken))
            .order_by(Prospect.id).limit(CUSTOMERS)))  # fmt: skip
        rng = random.Random(trainee.id * 7919)
        for index, prospect in enumerate(customers):
            # A core product, often with its neighbour in the catalogue (co-purchases).
            core = index % len(products)
            basket = [products[core]]
            if rng.random() < 0.7:
                basket.append(products[(core + 1) % len(products)])
            if rng.random() < 0.25:
                basket.append(products[(core + 3) % len(products)])
            orders = rng.choice([1, 1, 2, 3, 3, 4, 5, 6, 8])
            interval = rng.choice([30, 45, 60, 90, 120])
            # A third of them stopped ordering long ago (inactive against their rhythm).
            recency = rng.randint(200, 500) if index % 3 == 0 else rng.randint(3, 60)
            last = today - timedelta(days=recency)
            days = sorted({last - timedelta(days=interval * k + rng.randint(0, 9) * (k > 0))
                           for k in range(orders)})  # fmt: skip
            for on in days:
                chosen = basket if rng.random() < 0.8 else basket[:1]
                _order(session, trainee, prospect, active.case.id, active.version.id, on, chosen)
                report.orders += 1
            report.customers += 1
        session.add(RelaunchPlan(
            owner_id=trainee.id, name="Reconquête des comptes inactifs",
            description="Un e-mail, un appel une semaine plus tard, puis un courrier : on "
                        "s'arrête dès que le client commande ou refuse.",
            steps=STEPS, product_references=[]))  # fmt: skip
        news = products[len(products) // 2]
        session.add(LoyaltyCampaign(
            owner_id=trainee.id, business_case_version_id=active.version.id,
            title=f"Nouveauté : {news.label}"[:200], kind=CampaignKind.NEW_PRODUCT,
            product_references=[news.reference], rfm_segments=["champions", "loyal"],
            subject="{{ client }} : découvrez notre nouveauté",
            body=NEWS_BODY))  # fmt: skip
        session.add(LoyaltyEvent(
            owner_id=trainee.id, kind=LoyaltyEventKind.OPEN_DAY,
            title=f"Journée portes ouvertes {active.document.identity.name}"[:200],
            description="Démonstrations, nouveautés du catalogue et conseils personnalisés.",
            held_on=today + timedelta(days=14),
            place=active.document.identity.address.city))  # fmt: skip
        session.flush()
        if customers:
            survey = Survey(owner_id=trainee.id, kind=SurveyKind.NPS,
                            title="Satisfaction clients",
                            question="Recommanderiez-vous nos services à un confrère ?",
                            sent_on=today - timedelta(days=20))  # fmt: skip
            session.add(survey)
            session.flush()
            for k, prospect in enumerate(customers[:8]):
                score = [10, 9, 8, 9, 4, 10, 7, None][k]
                answered = None if score is None else today - timedelta(days=18 - k)
                task = None
                if score is not None and score <= 6 and answered is not None:
                    # A detractor is called back, as surveys.answer makes it.
                    task = tasks.add_task_for(
                        session,
                        trainee.id,
                        f"Rappeler {prospect.name} (détracteur : {score}/10)",
                        answered + timedelta(days=2),
                        notes=f"Enquête « {survey.title} ». Verbatim : {VERBATIMS[score]}",
                        link=(TaskLinkKind.PROSPECT, prospect.id),
                    )
                session.add(
                    SurveyResponse(
                        owner_id=trainee.id,
                        survey_id=survey.id,
                        prospect_id=prospect.id,
                        channel=Ch.EMAIL,
                        score=score,
                        verbatim=VERBATIMS.get(score or 0, ""),
                        answered_on=answered,
                        task_id=task.id if task else None,
                    )
                )
        session.flush()
    return report
