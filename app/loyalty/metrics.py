"""Loyalty's metrics (CP8, app/metrics/README.md). Every count adds up over contiguous
slices (the registry's rule), so each counts events, never distinct customers:

- orders placed in the period (not cancelled): ``orders_placed``, ``repeat_orders`` (the
  customer had ordered before) and ``kept_orders`` (their previous order was at most
  ``KEPT_DAYS`` before) → ``repeat_purchase_rate`` (repeat ÷ orders) and ``retention_rate``
  (kept ÷ repeat: customers who kept buying, the others were won back);
- inactive accounts detected in the period: ``inactive_detected`` and
  ``inactive_reactivated`` (an order came after the detection) → ``reactivation_rate``;
- NPS answers in the period: ``nps_answers`` and ``nps_points`` (+1 a promoter, −1 a
  detractor) → ``nps`` (% promoters − % detractors);
- information messages recorded in the period (campaigns, offers, invitations):
  ``information_messages`` and ``information_on_time`` (the customer's previous one was at most
  ``EVERY_DAYS`` before, or it is their first) → ``information_regularity``;
- offers answered in the period: ``offers_answered``, ``offers_accepted`` →
  ``offer_acceptance_rate``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, exists, literal, or_, select
from sqlalchemy.orm import Session, aliased

from app.core.days import day_number
from app.metrics.registry import (
    Key,
    MetricDef,
    MetricGroup,
    MetricKind,
    Period,
    register,
    tallied,
)
from app.models import (
    InactiveAccount,
    LoyaltyOffer,
    MessageSource,
    MessageStatus,
    OfferStatus,
    Order,
    OrderStatus,
    OutboundMessage,
    Survey,
    SurveyKind,
    SurveyResponse,
)

Owners = Sequence[int]
COUNT, RATIO = MetricKind.COUNT, MetricKind.RATIO
CP8, NUMBER = "CP8", "nombre"
KEPT_DAYS = 365
EVERY_DAYS = 90  # the loyalty policy's default rhythm (policy.loyalty.information_every_days)
INFORMING = (MessageSource.CAMPAIGN, MessageSource.OFFER, MessageSource.EVENT)


def orders(session: Session, owners: Owners, period: Period) -> Mapping[str, Mapping[Key, Any]]:
    before = aliased(Order)
    earlier = and_(
        before.prospect_id == Order.prospect_id,
        before.status != OrderStatus.CANCELLED,
        or_(before.ordered_on < Order.ordered_on,
            and_(before.ordered_on == Order.ordered_on, before.id < Order.id)),
    )  # fmt: skip
    kept = and_(earlier, day_number(before.ordered_on) >= day_number(Order.ordered_on) - KEPT_DAYS)
    rows = select(
        Order.owner_id.label("owner_id"),
        period.slice_of_day(Order.ordered_on).label("slice"),
        literal(1).label("orders_placed"),
        Order.net_commercial_ht.label("ordered_amount_ht"),
        case((exists().where(earlier), 1), else_=0).label("repeat_orders"),
        case((exists().where(kept), 1), else_=0).label("kept_orders"),
    ).where(
        Order.owner_id.in_(owners),
        Order.status != OrderStatus.CANCELLED,
        *period.day_in(Order.ordered_on),
    )
    return tallied(
        session, rows, ["orders_placed", "ordered_amount_ht", "repeat_orders", "kept_orders"]
    )


def detections(session: Session, owners: Owners, period: Period) -> Mapping[str, Mapping[Key, Any]]:
    after = exists().where(
        Order.prospect_id == InactiveAccount.prospect_id,
        Order.status != OrderStatus.CANCELLED,
        Order.ordered_on > InactiveAccount.detected_on,
    )
    rows = select(
        InactiveAccount.owner_id.label("owner_id"),
        period.slice_of_day(InactiveAccount.detected_on).label("slice"),
        literal(1).label("inactive_detected"),
        case((after, 1), else_=0).label("inactive_reactivated"),
    ).where(InactiveAccount.owner_id.in_(owners), *period.day_in(InactiveAccount.detected_on))
    return tallied(session, rows, ["inactive_detected", "inactive_reactivated"])


def nps(session: Session, owners: Owners, period: Period) -> Mapping[str, Mapping[Key, Any]]:
    points = case((SurveyResponse.score >= 9, 1), (SurveyResponse.score <= 6, -1), else_=0)
    rows = (
        select(
            SurveyResponse.owner_id.label("owner_id"),
            period.slice_of_day(SurveyResponse.answered_on).label("slice"),
            literal(1).label("nps_answers"),
            points.label("nps_points"),
        )
        .join(Survey, Survey.id == SurveyResponse.survey_id)
        .where(
            SurveyResponse.owner_id.in_(owners),
            Survey.kind == SurveyKind.NPS,
            SurveyResponse.score.is_not(None),
            *period.day_in(SurveyResponse.answered_on),
        )
    )
    return tallied(session, rows, ["nps_answers", "nps_points"])


def information(
    session: Session, owners: Owners, period: Period
) -> Mapping[str, Mapping[Key, Any]]:
    before = aliased(OutboundMessage)
    previous = and_(
        before.prospect_id == OutboundMessage.prospect_id,
        before.status == MessageStatus.RECORDED,
        before.source.in_(INFORMING),
        or_(before.sent_on < OutboundMessage.sent_on,
            and_(before.sent_on == OutboundMessage.sent_on, before.id < OutboundMessage.id)),
    )  # fmt: skip
    recent = and_(
        previous, day_number(before.sent_on) >= day_number(OutboundMessage.sent_on) - EVERY_DAYS
    )
    on_time = or_(~exists().where(previous), exists().where(recent))
    rows = select(
        OutboundMessage.owner_id.label("owner_id"),
        period.slice_of_day(OutboundMessage.sent_on).label("slice"),
        literal(1).label("information_messages"),
        case((on_time, 1), else_=0).label("information_on_time"),
    ).where(
        OutboundMessage.owner_id.in_(owners),
        OutboundMessage.status == MessageStatus.RECORDED,
        OutboundMessage.source.in_(INFORMING),
        *period.day_in(OutboundMessage.sent_on),
    )
    return tallied(session, rows, ["information_messages", "information_on_time"])


def offers(session: Session, owners: Owners, period: Period) -> Mapping[str, Mapping[Key, Any]]:
    accepted = LoyaltyOffer.status.in_([OfferStatus.ACCEPTED, OfferStatus.CONVERTED])
    rows = select(
        LoyaltyOffer.owner_id.label("owner_id"),
        period.slice_of_day(LoyaltyOffer.answered_on).label("slice"),
        literal(1).label("offers_answered"),
        case((accepted, 1), else_=0).label("offers_accepted"),
    ).where(
        LoyaltyOffer.owner_id.in_(owners),
        LoyaltyOffer.answered_on.is_not(None),
        *period.day_in(LoyaltyOffer.answered_on),
    )
    return tallied(session, rows, ["offers_answered", "offers_accepted"])


ORDERS = MetricGroup("loyalty_orders", orders)
DETECTIONS = MetricGroup("loyalty_detections", detections)
NPS = MetricGroup("loyalty_nps", nps)
INFORMATION = MetricGroup("loyalty_information", information)
OFFERS = MetricGroup("loyalty_offers", offers)


def _count(code: str, label: str, group: MetricGroup, description: str) -> MetricDef:
    return register(
        MetricDef(code, label, NUMBER, COUNT, int, True, CP8, description, group.member(code))
    )


def _rate(code: str, label: str, description: str, numerator: str, denominator: str) -> MetricDef:
    return register(MetricDef(code, label, "%", RATIO, Decimal, True, CP8, description,
                              numerator=numerator, denominator=denominator))  # fmt: skip


# fmt: off
_count("orders_placed", "Commandes des clients", ORDERS,
       "Commandes passées dans la période (hors annulées).")
register(MetricDef(
    "ordered_amount_ht", "Chiffre d'affaires commandé", "€ HT", MetricKind.SUM, Decimal, True,
    "CP7", "Net commercial HT des commandes passées dans la période (hors annulées).",
    ORDERS.member("ordered_amount_ht"), places=Decimal("0.01"),
))
_count("repeat_orders", "Réachats", ORDERS,
       "Commandes de la période passées par un client qui avait déjà commandé.")
_count("kept_orders", "Réachats dans l'année", ORDERS,
       f"Réachats de la période moins de {KEPT_DAYS} jours après la commande précédente.")
_count("inactive_detected", "Comptes devenus inactifs", DETECTIONS,
       "Comptes détectés inactifs dans la période (rythme du client ou seuil du cas).")
_count("inactive_reactivated", "Comptes réactivés", DETECTIONS,
       "Comptes détectés inactifs dans la période qui ont recommandé depuis.")
_count("nps_answers", "Réponses NPS", NPS, "Réponses aux enquêtes NPS reçues dans la période.")
register(MetricDef(
    "nps_points", "Points NPS", NUMBER, COUNT, int, True, CP8,
    "Promoteurs (9–10) moins détracteurs (0–6) parmi les réponses NPS de la période.",
    NPS.member("nps_points"),
))
_count("information_messages", "Informations envoyées", INFORMATION,
       "Informations sur les produits et promotions enregistrées (campagnes, offres, "
       "invitations) dans la période.")
_count("information_on_time", "Informations dans le rythme", INFORMATION,
       f"Informations arrivées moins de {EVERY_DAYS} jours après la précédente au même client "
       "(ou la première).")
_count("offers_answered", "Offres répondues", OFFERS,
       "Offres de fidélisation auxquelles le client a répondu dans la période.")
_count("offers_accepted", "Offres acceptées", OFFERS,
       "Offres de fidélisation acceptées (ou devenues devis ou commande) dans la période.")
_rate("repeat_purchase_rate", "Taux de réachat",
      "Réachats ÷ commandes de la période × 100.", "repeat_orders", "orders_placed")
_rate("retention_rate", "Taux de rétention",
      f"Réachats moins de {KEPT_DAYS} jours après la commande précédente ÷ réachats × 100 "
      "(les autres sont des reconquêtes).", "kept_orders", "repeat_orders")
_rate("reactivation_rate", "Taux de réactivation",
      "Comptes réactivés ÷ comptes détectés inactifs dans la période × 100.",
      "inactive_reactivated", "inactive_detected")
_rate("nps", "NPS (Net Promoter Score)",
      "% de promoteurs − % de détracteurs parmi les réponses NPS de la période (−100 à 100).",
      "nps_points", "nps_answers")
_rate("information_regularity", "Régularité de l'information",
      f"Informations arrivées dans le rythme ({EVERY_DAYS} jours) ÷ informations × 100.",
      "information_on_time", "information_messages")
_rate("offer_acceptance_rate", "Taux d'acceptation des offres",
      "Offres acceptées ÷ offres répondues dans la période × 100.",
      "offers_accepted", "offers_answered")
# fmt: on
