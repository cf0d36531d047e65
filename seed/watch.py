"""Demo world, part 4: each demo trainee's watch system (CP1).

- competitors: the three competitors of the trainee's employer (``seed/data/watch/world.json``),
  with their positioning, strengths, weaknesses and the employer's differentiation points;
- sources: five that the app serves itself (``app.watch.demo``: the leader's news in RSS 2.0,
  the market observatory in Atom, the regulation watch in RSS 1.0, reviews of the low-cost
  competitor, the local specialist's pricing page) at the app's own base URL, due at once,
  so that ``capvente jobs watch-refresh`` fills them with items, internet or not; and two
  sources with no feed (a newsletter, a trade fair);
- one manual item: the trainee's note from the trade fair.

Dates are the demo's, never the install time: competitors are recorded in the cohort's first
days, sources the day after (each trainee on a day of their own), the fair's note on the day
of the fair before the demo's "today" (``REFERENCE_DATE``), so that the evidence of this
history (``seed/evidence.py``) is dated like the rest of it.

Nothing is fetched here: seeding stays deterministic. Idempotent: a trainee who already has
a watch source or a competitor gets nothing more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from app.common.clock import utcnow
from app.config import Settings, get_settings
from app.models import (
    Cohort,
    Competitor,
    Organisation,
    PriceLevel,
    User,
    WatchCadence,
    WatchItem,
    WatchSource,
    WatchSourceKind,
    WatchTopic,
)
from app.watch import classify, demo
from seed.prospects.data import REFERENCE_DATE, offers
from seed.prospects.dates import paris
from seed.prospects.writer import trainee_number


@dataclass
class WatchSeedReport:
    competitors: int = 0
    sources: int = 0
    items: int = 0
    trainees_skipped: int = 0

    def __str__(self) -> str:
        return (
            f"{self.competitors} concurrents, {self.sources} sources de veille, "
            f"{self.items} notes ({self.trainees_skipped} stagiaire(s) déjà équipé(s))"
        )


@dataclass(frozen=True)
class SourcePlan:
    name: str
    kind: WatchSourceKind
    path: str | None  # under demo.PREFIX; None: a source with no feed
    topic: WatchTopic
    cadence: WatchCadence
    reliability: int
    reason: str
    competitor: int | None = None  # index in the offer's competitors


def source_plans(offer_key: str) -> list[SourcePlan]:
    """The sources every trainee selling ``offer_key`` starts with."""
    data = demo.world()
    offer = data["offers"][offer_key]
    return [
        SourcePlan(
            offer["news"]["title"], WatchSourceKind.RSS, f"{offer_key}/actualites.xml",
            WatchTopic.COMPETITOR, WatchCadence.DAILY, 3,
            "Site du concurrent lui-même : des faits datés, présentés à son avantage.", 0,
        ),
        SourcePlan(
            offer["market"]["title"], WatchSourceKind.ATOM, f"{offer_key}/marche.atom",
            WatchTopic.MARKET, WatchCadence.WEEKLY, 4,
            "Observatoire professionnel : chiffres sourcés, méthode publiée.",
        ),
        SourcePlan(
            data["regulation"]["title"], WatchSourceKind.RSS, "reglementation.rdf",
            WatchTopic.REGULATION, WatchCadence.WEEKLY, 5,
            "Veille juridique : textes officiels cités et datés.",
        ),
        SourcePlan(
            offer["reviews"]["title"], WatchSourceKind.REVIEW_SITE, f"{offer_key}/avis.xml",
            WatchTopic.CUSTOMER_BEHAVIOUR, WatchCadence.WEEKLY, 2,
            "Avis anonymes et invérifiables : une tendance, pas des faits.", 1,
        ),
        SourcePlan(
            offer["pricing_page"]["title"], WatchSourceKind.WEB_PAGE, f"{offer_key}/tarifs.html",
            WatchTopic.OFFER, WatchCadence.WEEKLY, 4,
            "Page officielle des tarifs : le prix affiché, à relever chaque semaine.", 2,
        ),
        SourcePlan(
            "Lettre d'information de la chambre de commerce (démo)", WatchSourceKind.NEWSLETTER,
            None, WatchTopic.MARKET, WatchCadence.MONTHLY, 4,
            "Organisme consulaire : études locales, agenda des entreprises.",
        ),
        SourcePlan(
            "Salon des entrepreneurs Rhône-Alpes (démo)", WatchSourceKind.TRADE_FAIR, None,
            WatchTopic.COMPETITOR, WatchCadence.MONTHLY, 3,
            "Rencontres directes : des observations de première main, à recouper.",
        ),
    ]  # fmt: skip


def _competitor(owner: User, raw: dict[str, Any]) -> Competitor:
    return Competitor(
        owner_id=owner.id,
        name=raw["name"],
        website=raw["website"],
        price_level=PriceLevel(raw["price_level"]),
        quality=raw["quality"],
        channels=list(raw["channels"]),
        target_customers=raw["target_customers"],
        offers=raw["offers"],
        strengths=raw["strengths"],
        weaknesses=raw["weaknesses"],
        differentiation=raw["differentiation"],
    )


# The trade fair of the demo: a Friday before the demo's "today".
FAIR_DAY = REFERENCE_DATE - timedelta(days=10)


def setup_days(cohort_start: date, number: int) -> tuple[datetime, datetime]:
    """When trainee ``number`` recorded their competitors, then their sources: on a day of
    the cohort's second week of their own (a weekday), the sources the day after."""
    day = cohort_start + timedelta(days=7 + (number - 1) % 4)
    return paris(day, 9, 30 + number), paris(day + timedelta(days=1), 10, number)


def _fair_note(owner: User, source: WatchSource, leader: Competitor, offer: dict[str, Any],
               number: int) -> WatchItem:  # fmt: skip
    title = f"Salon des entrepreneurs : visite du stand {leader.name}"
    summary = (
        f"{leader.name} présentait son offre sur {offer['offer']}. Beaucoup de monde sur le "
        "stand le matin ; documentation et grille tarifaire récupérées, à comparer avec la "
        f"nôtre. Idée : relancer les visiteurs rencontrés avec {offer['product']}."
    )
    suggestion, reasons = classify.suggest(f"{title} {summary}")
    noted = paris(FAIR_DAY, 18, number)  # written down the evening of the fair
    return WatchItem(
        owner_id=owner.id,
        source_id=source.id,
        dedup_key="manual:demo-salon",
        title=title,
        summary=summary,
        published_at=paris(FAIR_DAY, 15, 30),
        created_at=noted,
        updated_at=noted,
        topic=WatchTopic.COMPETITOR,
        competitor_id=leader.id,
        suggested_classification=suggestion,
        suggestion_reasons=reasons,
        relevance=4,
        tags=["salon"],
        extra={},
    )


def seed_watch(
    session: Session,
    organisation: Organisation,
    trainees: Sequence[User],
    settings: Settings | None = None,
) -> WatchSeedReport:
    """Give each trainee with no watch records yet their competitors and sources."""
    settings = settings or get_settings()
    base = demo.base_url(settings)
    report = WatchSeedReport()
    ids = [t.id for t in trainees if t.organisation_id == organisation.id]
    equipped = (
        set(
            session.scalars(
                union(
                    select(WatchSource.owner_id).where(WatchSource.owner_id.in_(ids)),
                    select(Competitor.owner_id).where(Competitor.owner_id.in_(ids)),
                )
            )
        )
        if ids
        else set()
    )
    now = utcnow()
    all_offers = offers()
    cohorts = {t.cohort_id for t in trainees if t.cohort_id is not None}
    starts = {
        c.id: c.starts_on for c in session.scalars(select(Cohort).where(Cohort.id.in_(cohorts)))
    }
    for position, trainee in enumerate(trainees):
        if trainee.id not in ids:
            continue
        if trainee.id in equipped:
            report.trainees_skipped += 1
            continue
        number = trainee_number(trainee, position)
        offer = all_offers[(number - 1) % len(all_offers)]
        raw = demo.world()["offers"][offer["key"]]
        start = starts.get(trainee.cohort_id) if trainee.cohort_id else None
        recorded, chosen = setup_days(start or FAIR_DAY - timedelta(days=60), number)
        competitors = [_competitor(trainee, c) for c in raw["competitors"]]
        for index, competitor in enumerate(competitors):
            competitor.created_at = competitor.updated_at = recorded + timedelta(minutes=index)
        session.add_all(competitors)
        session.flush()
        sources: list[WatchSource] = []
        for plan in source_plans(offer["key"]):
            fetched = plan.path is not None
            sources.append(
                WatchSource(
                    owner_id=trainee.id,
                    name=plan.name[:200],
                    kind=plan.kind,
                    url=f"{base}{demo.PREFIX}{plan.path}" if fetched else None,
                    topic=plan.topic,
                    competitor_id=(
                        competitors[plan.competitor].id if plan.competitor is not None else None
                    ),
                    cadence=plan.cadence,
                    reliability=plan.reliability,
                    reliability_reason=plan.reason,
                    next_due_at=now if fetched else None,
                    created_at=chosen + timedelta(minutes=len(sources)),
                    updated_at=chosen + timedelta(minutes=len(sources)),
                )
            )
        session.add_all(sources)
        session.flush()
        fair = next(s for s in sources if s.kind is WatchSourceKind.TRADE_FAIR)
        note = _fair_note(trainee, fair, competitors[0], offer, number)
        fair.last_fetched_at = note.published_at  # its last item: the fair was logged then
        session.add(note)
        session.flush()
        report.competitors += len(competitors)
        report.sources += len(sources)
        report.items += 1
    return report
