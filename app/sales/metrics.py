"""The sales interview's metrics (app/metrics/README.md): interviews held, quotes sent and
accepted, the amounts quoted and won, the discounts granted and the margin of the quotes won,
and the ratios read from them.

- ``interviews_held``: interview reports whose appointment took place in the period (one
  per appointment);
- the quotes' figures count each quote **sent** in the period once per number (a revision
  sent again replaces its former one, which is then ``superseded``: only the quotes not
  superseded are counted), read from the totals stored at each change (the calculation's);
- ``quotes_accepted`` and the amounts won count the quotes accepted in the period (by the
  client's answer).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import case, literal, select
from sqlalchemy.orm import Session

from app.metrics.registry import (
    Key,
    MetricDef,
    MetricGroup,
    MetricKind,
    Period,
    counted,
    register,
    tallied,
)
from app.models import InterviewReport, Quote, QuoteStatus

Owners = Sequence[int]
NUMBER = "nombre"
EUROS = "€ HT"
AMOUNT = Decimal("0.01")


def interviews_held(session: Session, owners: Owners, period: Period) -> Mapping[Key, Any]:
    rows = select(
        InterviewReport.owner_id.label("owner_id"),
        period.slice_of_moment(InterviewReport.held_at).label("slice"),
    ).where(InterviewReport.owner_id.in_(owners), *period.moment_in(InterviewReport.held_at))
    return counted(session, rows)


def sent_quotes(
    session: Session, owners: Owners, period: Period
) -> Mapping[str, Mapping[Key, Any]]:
    """One scan of the quotes sent in the period (the latest revision of each number)."""
    rows = select(
        Quote.owner_id.label("owner_id"),
        period.slice_of_moment(Quote.sent_at).label("slice"),
        literal(1).label("quotes_sent"),
        Quote.net_commercial_ht.label("quoted_amount_ht"),
        Quote.gross_ht.label("quoted_gross_ht"),
        (Quote.gross_ht - Quote.net_commercial_ht).label("discounts_granted_ht"),
    ).where(
        Quote.owner_id.in_(owners),
        Quote.sent_at.is_not(None),
        Quote.status != QuoteStatus.SUPERSEDED,
        *period.moment_in(Quote.sent_at),
    )
    return tallied(
        session,
        rows,
        ["quotes_sent", "quoted_amount_ht", "quoted_gross_ht", "discounts_granted_ht"],
    )


def accepted_quotes(
    session: Session, owners: Owners, period: Period
) -> Mapping[str, Mapping[Key, Any]]:
    """One scan of the quotes accepted in the period: how many, their net commercial amount,
    and their margin (a quote without a known cost counts for its amount with no margin:
    ``won_margin_base_ht`` sums only the amounts whose margin is known)."""
    known = Quote.margin.is_not(None)
    rows = select(
        Quote.owner_id.label("owner_id"),
        period.slice_of_moment(Quote.answered_at).label("slice"),
        literal(1).label("quotes_accepted"),
        Quote.net_commercial_ht.label("won_amount_ht"),
        case((known, Quote.margin), else_=0).label("won_margin_ht"),
        case((known, Quote.net_commercial_ht), else_=0).label("won_margin_base_ht"),
    ).where(
        Quote.owner_id.in_(owners),
        Quote.status == QuoteStatus.ACCEPTED,
        *period.moment_in(Quote.answered_at),
    )
    return tallied(
        session,
        rows,
        ["quotes_accepted", "won_amount_ht", "won_margin_ht", "won_margin_base_ht"],
    )


SENT = MetricGroup("sent_quotes", sent_quotes)
ACCEPTED = MetricGroup("accepted_quotes", accepted_quotes)
COUNT, SUM, RATIO = MetricKind.COUNT, MetricKind.SUM, MetricKind.RATIO


def _sum(code: str, label: str, group: MetricGroup, description: str) -> MetricDef:
    return MetricDef(code, label, EUROS, SUM, Decimal, True, "CP6", description,
                     group.member(code), places=AMOUNT)  # fmt: skip


register(MetricDef(
    "interviews_held", "Entretiens de vente menés", NUMBER, COUNT, int, True, "CP6",
    "Comptes rendus d'entretien dont le rendez-vous a eu lieu dans la période.",
    interviews_held,
))  # fmt: skip
register(MetricDef(
    "quotes_sent", "Devis envoyés", NUMBER, COUNT, int, True, "CP6",
    "Devis envoyés dans la période (une révision renvoyée remplace la précédente).",
    SENT.member("quotes_sent"),
))  # fmt: skip
register(_sum(
    "quoted_amount_ht", "Montant des devis envoyés", SENT,
    "Net commercial HT des devis envoyés dans la période.",
))  # fmt: skip
register(_sum(
    "quoted_gross_ht", "Montant brut des devis envoyés", SENT,
    "Montant brut HT (avant toute remise) des devis envoyés dans la période.",
))  # fmt: skip
register(_sum(
    "discounts_granted_ht", "Remises accordées", SENT,
    "Brut HT moins net commercial HT des devis envoyés dans la période : remises de ligne et "
    "réductions de pied (rabais, remise, ristourne), hors escompte.",
))  # fmt: skip
register(MetricDef(
    "quotes_accepted", "Devis acceptés", NUMBER, COUNT, int, True, "CP6",
    "Devis acceptés par le client dans la période.",
    ACCEPTED.member("quotes_accepted"),
))  # fmt: skip
register(_sum(
    "won_amount_ht", "Chiffre d'affaires signé", ACCEPTED,
    "Net commercial HT des devis acceptés dans la période.",
))  # fmt: skip
register(_sum(
    "won_margin_ht", "Marge des devis acceptés", ACCEPTED,
    "Marge (net commercial HT − coût HT) des devis acceptés dans la période dont le coût est "
    "connu.",
))  # fmt: skip
register(_sum(
    "won_margin_base_ht", "Montant des devis acceptés à coût connu", ACCEPTED,
    "Net commercial HT des devis acceptés dans la période dont le coût est connu (la base du "
    "taux de marque).",
))  # fmt: skip
register(MetricDef(
    "quote_acceptance_rate", "Taux de transformation des devis", "%", RATIO, Decimal, True,
    "CP6",
    "Devis acceptés ÷ devis envoyés × 100 dans la période (vide sans devis envoyé).",
    numerator="quotes_accepted", denominator="quotes_sent",
))  # fmt: skip
register(MetricDef(
    "average_discount", "Remise moyenne accordée", "%", RATIO, Decimal, False, "CP6",
    "Remises accordées ÷ montant brut des devis envoyés × 100 (remise effective moyenne, "
    "pondérée par les montants).",
    numerator="discounts_granted_ht", denominator="quoted_gross_ht",
))  # fmt: skip
register(MetricDef(
    "won_markup_rate", "Taux de marque des devis acceptés", "%", RATIO, Decimal, True, "CP6",
    "Marge ÷ net commercial HT × 100 des devis acceptés à coût connu.",
    numerator="won_margin_ht", denominator="won_margin_base_ht",
))  # fmt: skip
