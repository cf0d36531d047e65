"""The sales follow-up's metrics (CP7, app/metrics/README.md), each slice read by one query:

- deliveries: ``deliveries_delivered`` (delivered in the period) and ``deliveries_on_time``
  (delivered by the date first promised: no "late" incident and delivered on or before the
  promised date) → ``on_time_delivery_rate``;
- complaints resolved in the period: ``complaints_resolved``, ``complaint_resolution_days``
  (days from receipt to resolution, summed) → ``complaint_resolution_time`` (mean days), and
  ``complaint_csat_answers`` / ``complaint_csat_points`` → ``complaint_satisfaction`` (mean
  CSAT, 1 to 5);
- invoices falling due in the period and still unpaid today: ``unpaid_invoices``,
  ``unpaid_amount_ttc`` (their balance) and ``unpaid_days`` (days past due, summed) →
  ``unpaid_age`` (mean days past due);
- cases closed in the period: ``procedure_required_steps`` (the required steps of their
  procedures) and ``procedure_steps_done`` (those done) → ``procedure_compliance`` (%).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import case, exists, literal, select
from sqlalchemy.orm import Session

from app.follow_up import policy as follow_up_policy
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
    CaseStatus,
    Complaint,
    ComplaintStatus,
    Delivery,
    DeliveryEvent,
    DeliveryStatus,
    FollowUpCase,
    IncidentKind,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    StepState,
)

Owners = Sequence[int]
NUMBER, DAYS, EUROS = "nombre", "jours", "€ TTC"
COUNT, SUM, RATIO = MetricKind.COUNT, MetricKind.SUM, MetricKind.RATIO
CP7 = "CP7"


def deliveries(session: Session, owners: Owners, period: Period) -> Mapping[str, Mapping[Key, Any]]:
    late = exists().where(
        DeliveryEvent.delivery_id == Delivery.id, DeliveryEvent.incident == IncidentKind.LATE
    )
    on_time = (Delivery.delivered_on <= Delivery.promised_on) & ~late
    rows = select(
        Delivery.owner_id.label("owner_id"),
        period.slice_of_day(Delivery.delivered_on).label("slice"),
        literal(1).label("deliveries_delivered"),
        case((on_time, 1), else_=0).label("deliveries_on_time"),
    ).where(
        Delivery.owner_id.in_(owners),
        Delivery.status == DeliveryStatus.DELIVERED,
        *period.day_in(Delivery.delivered_on),
    )
    return tallied(session, rows, ["deliveries_delivered", "deliveries_on_time"])


def _add(out: dict[str, dict[Key, Any]], code: str, key: Key, value: Any) -> None:
    out[code][key] = out[code].get(key, 0) + value


def resolved_complaints(
    session: Session, owners: Owners, period: Period
) -> Mapping[str, Mapping[Key, Any]]:
    codes = ["complaints_resolved", "complaint_resolution_days", "complaint_csat_answers",
             "complaint_csat_points"]  # fmt: skip
    out: dict[str, dict[Key, Any]] = {c: {} for c in codes}
    rows = session.execute(
        select(
            Complaint.owner_id, period.slice_of_day(Complaint.resolved_on),
            Complaint.received_on, Complaint.resolved_on, Complaint.csat,
        ).where(
            Complaint.owner_id.in_(owners), Complaint.status == ComplaintStatus.RESOLVED,
            *period.day_in(Complaint.resolved_on),
        )
    )  # fmt: skip
    for owner, part, received, resolved, csat in rows:
        key = (owner, part)
        assert resolved is not None  # the query keeps the resolved ones
        _add(out, "complaints_resolved", key, 1)
        _add(out, "complaint_resolution_days", key, (resolved - received).days)
        if csat is not None:
            _add(out, "complaint_csat_answers", key, 1)
            _add(out, "complaint_csat_points", key, csat)
    return out


def unpaid(session: Session, owners: Owners, period: Period) -> Mapping[str, Mapping[Key, Any]]:
    today = follow_up_policy.today()
    codes = ["unpaid_invoices", "unpaid_amount_ttc", "unpaid_days"]
    out: dict[str, dict[Key, Any]] = {c: {} for c in codes}
    rows = session.execute(
        select(
            Invoice.owner_id, period.slice_of_day(Invoice.due_on), Invoice.due_on,
            Invoice.total_ttc - Invoice.paid - Invoice.credited,
        ).where(
            Invoice.owner_id.in_(owners), Invoice.status == InvoiceStatus.OPEN,
            Invoice.kind == InvoiceKind.INVOICE, Invoice.due_on < today,
            *period.day_in(Invoice.due_on),
        )
    )  # fmt: skip
    for owner, part, due_on, balance in rows:
        key = (owner, part)
        _add(out, "unpaid_invoices", key, 1)
        _add(out, "unpaid_amount_ttc", key, Decimal(str(balance)))
        _add(out, "unpaid_days", key, (today - due_on).days)
    return out


def procedures(session: Session, owners: Owners, period: Period) -> Mapping[str, Mapping[Key, Any]]:
    codes = ["procedure_required_steps", "procedure_steps_done"]
    out: dict[str, dict[Key, Any]] = {c: {} for c in codes}
    rows = session.execute(
        select(
            FollowUpCase.owner_id, period.slice_of_moment(FollowUpCase.closed_at),
            FollowUpCase.business_case_version_id, FollowUpCase.case_type, FollowUpCase.steps,
        ).where(
            FollowUpCase.owner_id.in_(owners), FollowUpCase.status == CaseStatus.CLOSED,
            *period.moment_in(FollowUpCase.closed_at),
        )
    )  # fmt: skip
    required: dict[tuple[int, str], list[str]] = {}
    for owner, part, version_id, case_type, states in rows:
        codes_of = required.get((version_id, case_type))
        if codes_of is None:
            steps = follow_up_policy.policy_of(session, version_id).procedures.get(case_type, [])
            codes_of = required[version_id, case_type] = [s.code for s in steps if s.required]
        key = (owner, part)
        done = sum(1 for c in codes_of if (states or {}).get(c, {}).get("state") == StepState.DONE)
        _add(out, "procedure_required_steps", key, len(codes_of))
        _add(out, "procedure_steps_done", key, done)
    return out


DELIVERIES = MetricGroup("follow_up_deliveries", deliveries)
RESOLVED = MetricGroup("follow_up_resolved_complaints", resolved_complaints)
UNPAID = MetricGroup("follow_up_unpaid", unpaid)
PROCEDURES = MetricGroup("follow_up_procedures", procedures)


def _count(code: str, label: str, group: MetricGroup, description: str, unit: str = NUMBER,
           better: bool = True) -> MetricDef:  # fmt: skip
    return register(
        MetricDef(code, label, unit, COUNT, int, better, CP7, description, group.member(code))
    )


# fmt: off
_count("deliveries_delivered", "Livraisons livrées", DELIVERIES,
       "Livraisons arrivées chez le client dans la période.")
_count("deliveries_on_time", "Livraisons à l'heure", DELIVERIES,
       "Livraisons arrivées dans la période au plus tard à la date promise, sans incident de "
       "retard.")
_count("complaints_resolved", "Réclamations résolues", RESOLVED,
       "Réclamations dont le client a accepté la solution dans la période.")
_count("complaint_resolution_days", "Jours de résolution des réclamations", RESOLVED,
       "Jours de la réception à la résolution, additionnés, des réclamations résolues dans la "
       "période.", DAYS, False)
_count("complaint_csat_answers", "Réponses de satisfaction", RESOLVED,
       "Réclamations résolues dans la période dont le client a noté sa satisfaction.")
_count("complaint_csat_points", "Points de satisfaction", RESOLVED,
       "Notes de satisfaction (1 à 5), additionnées, des réclamations résolues dans la "
       "période.")
_count("unpaid_invoices", "Factures impayées", UNPAID,
       "Factures échues dans la période et impayées aujourd'hui.", NUMBER, False)
register(MetricDef(
    "unpaid_amount_ttc", "Montant impayé", EUROS, SUM, Decimal, False, CP7,
    "Solde TTC, à ce jour, des factures échues dans la période et impayées.",
    UNPAID.member("unpaid_amount_ttc"), places=Decimal("0.01"),
))
_count("unpaid_days", "Jours de retard de paiement", UNPAID,
       "Jours de retard à ce jour, additionnés, des factures échues dans la période et "
       "impayées.", DAYS, False)
_count("procedure_required_steps", "Étapes obligatoires des dossiers clos", PROCEDURES,
       "Étapes obligatoires des procédures des dossiers clos dans la période.")
_count("procedure_steps_done", "Étapes obligatoires faites", PROCEDURES,
       "Étapes obligatoires faites des dossiers clos dans la période.")
register(MetricDef(
    "on_time_delivery_rate", "Taux de livraison à l'heure", "%", RATIO, Decimal, True, CP7,
    "Livraisons à l'heure ÷ livraisons livrées × 100 dans la période.",
    numerator="deliveries_on_time", denominator="deliveries_delivered",
))
register(MetricDef(
    "complaint_resolution_time", "Délai moyen de résolution des réclamations", DAYS, RATIO,
    Decimal, False, CP7,
    "Jours de résolution ÷ réclamations résolues dans la période (moyenne, en jours).",
    numerator="complaint_resolution_days", denominator="complaints_resolved",
    scale=Decimal(1),
))
register(MetricDef(
    "complaint_satisfaction", "Satisfaction après réclamation", "sur 5", RATIO, Decimal, True,
    CP7,
    "Moyenne des notes de satisfaction (1 à 5) des réclamations résolues dans la période.",
    numerator="complaint_csat_points", denominator="complaint_csat_answers",
    scale=Decimal(1),
))
register(MetricDef(
    "unpaid_age", "Âge moyen des impayés", DAYS, RATIO, Decimal, False, CP7,
    "Jours de retard ÷ factures impayées (échues dans la période) : retard moyen à ce jour.",
    numerator="unpaid_days", denominator="unpaid_invoices", scale=Decimal(1),
))
register(MetricDef(
    "procedure_compliance", "Respect des procédures", "%", RATIO, Decimal, True, CP7,
    "Étapes obligatoires faites ÷ étapes obligatoires des dossiers clos dans la période × 100.",
    numerator="procedure_steps_done", denominator="procedure_required_steps",
))
# fmt: on
