"""The catalogue of diagnostic rules (CP4.2): each reads the analysis's figures and the
records behind them and returns findings that name their figures and link to those records.

A rule is data (``Rule``: code, label, what it reads, its thresholds, the corrective actions
it proposes) and one function ``check(context, thresholds)``; the catalogue is the list
``RULES``. Thresholds are the rule's data: tests and the README's table read them from here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session

from app.analyses.figures import Scope
from app.business_cases.document import BusinessCaseDocument
from app.config import get_settings
from app.metrics.registry import Period
from app.models import (
    Appointment,
    Channel,
    Complaint,
    Delivery,
    DeliveryEvent,
    Direction,
    InactiveAccount,
    Interaction,
    InterviewReport,
    Order,
    OrderStatus,
    Prospect,
    Quote,
    QuoteStatus,
    Task,
)
from app.plans import coherence
from app.prospects import rules as prospect_rules

MAX_LINKS = 20
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


@dataclass(frozen=True)
class Finding:
    key: str
    title: str
    explanation: str
    figures: dict[str, Any]
    links: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class ActionTemplate:
    """A corrective action a rule proposes: its kind, title and indicator; the expected value
    is read from the finding's figures (``expected``: a figure's name)."""

    kind: str
    title: str
    indicator: str | None
    expected: str | None = None
    hours: int = 0
    effect: str = ""


@dataclass
class Context:
    """What the rules read, loaded once per diagnosis."""

    session: Session
    scope: Scope
    figures: dict[str, Any]
    document: BusinessCaseDocument | None

    @property
    def values(self) -> dict[str, Any]:
        return self.figures["values"]  # type: ignore[no-any-return]

    def between(self, column: Any) -> tuple[Any, ...]:
        """SQL: a UTC moment in the analysis period (local days), as the registry reads it."""
        zone = ZoneInfo(get_settings().timezone)
        return Period(self.scope.start, self.scope.end, zone).moment_in(column)


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    description: str
    reads: str
    thresholds: Mapping[str, Any]
    check: Callable[[Context, Mapping[str, Any]], list[Finding]]
    actions: tuple[ActionTemplate, ...] = ()


def _d(value: Any) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal(0)


def _pct(part: Any, whole: Any) -> Decimal | None:
    whole = _d(whole)
    if whole == 0:
        return None
    share: Decimal = (_d(part) * 100 / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return share


def _fr(value: Any) -> str:
    """A figure as French text (decimal comma; a whole number without decimals)."""
    if isinstance(value, Decimal | str):
        try:
            number = Decimal(value)
        except ArithmeticError:
            return str(value)
        if number == number.to_integral_value():
            return str(number.quantize(Decimal(1)))
    return str(value).replace(".", ",")


def _unit(unit: str | None) -> str:
    return "" if unit in (None, "nombre") else f" {unit}"


# --------------------------------------------------------------------------- objective_behind


def objective_behind(ctx: Context, t: Mapping[str, Any]) -> list[Finding]:
    """Each quantitative objective behind what was due by the analysis's end."""
    out = []
    for o in ctx.figures["objectives"]:
        if o["status"] != "behind":
            continue
        where = f" ({o['slice_key']})" if o["slice_key"] else ""
        out.append(
            Finding(
                f"objective:{o['objective_id']}",
                f"Objectif en retard : {o['label']}{where}",
                f"Réalisé {_fr(o['actual'])}{_unit(o['unit'])} pour {_fr(o['due'])} attendus "
                f"à cette date (cible {_fr(o['target'])}, écart {_fr(o['gap_pct'])} %).",
                {
                    "objective": o["label"] + where,
                    "metric_code": o["metric_code"],
                    "target": o["target"],
                    "due": o["due"],
                    "actual": o["actual"],
                    "gap": o["gap"],
                    "gap_pct": o["gap_pct"],
                },
                [
                    {
                        "kind": "plan_objective",
                        "id": o["objective_id"],
                        "label": o["label"],
                        "href": f"/plans/{ctx.scope.plan.id}" if ctx.scope.plan else None,
                    }
                ],
            )
        )
    return out


# --------------------------------------------------------------------------- interview_stage


def interview_stage(ctx: Context, t: Mapping[str, Any]) -> list[Finding]:
    """Appointments on target (the objective on them reached or close, else at least the
    cohort's median) but few quotes per interview: the interview stage, with the objections
    most met and the arguments used in the reports."""
    v = ctx.values
    interviews, quotes = v["interviews_held"], v["quotes_sent"]
    if interviews < t["min_interviews"]:
        return []
    rate = _pct(quotes, interviews)
    if rate is None or rate >= t["max_quote_rate"]:
        return []
    goals = [o for o in ctx.figures["objectives"] if o["metric_code"] == "appointments_taken"]
    stage = next(s for s in ctx.figures["funnel"]["stages"] if s["stage"] == "appointment")
    if goals:
        on_target = all(o["status"] in ("reached", "close") for o in goals if not o["parent_id"])
    else:
        median = stage["cohort_median"]
        on_target = median is None or _d(v["appointments_taken"]) >= _d(median)
    if not on_target:
        return []
    reports = ctx.session.execute(
        select(InterviewReport.id, InterviewReport.content, Appointment.prospect_id)
        .join(Appointment, Appointment.id == InterviewReport.appointment_id)
        .where(
            InterviewReport.owner_id == ctx.scope.owner_id, *ctx.between(InterviewReport.held_at)
        )
        .order_by(InterviewReport.held_at.desc())
    ).all()  # fmt: skip
    objections: Counter[str] = Counter()
    unresolved: Counter[str] = Counter()
    arguments: Counter[str] = Counter()
    for _, content, _ in reports:
        for o in (content or {}).get("objections_met", []):
            objections[o.get("kind", "other")] += 1
            if not o.get("resolved"):
                unresolved[o.get("kind", "other")] += 1
        for a in (content or {}).get("arguments_used", []):
            arguments[a.get("advantage") or a.get("feature") or "?"] += 1
    top = objections.most_common(3)
    used = ", ".join(a for a, _ in arguments.most_common(3))
    text = ", ".join(f"{k} ({n}, dont {unresolved[k]} non levée(s))" for k, n in top)
    return [
        Finding(
            "interview_stage",
            "Rendez-vous au rendez-vous, mais peu de devis : l'étape de l'entretien",
            f"{interviews} entretiens pour {quotes} devis ({_fr(rate)} %, seuil "
            f"{t['max_quote_rate']} %) alors que les rendez-vous pris ({v['appointments_taken']}) "
            "sont au niveau attendu."
            + (f" Objections les plus rencontrées : {text}." if top else "")
            + (f" Arguments les plus utilisés : {used}." if arguments else ""),
            {
                "appointments_taken": v["appointments_taken"],
                "interviews_held": interviews,
                "quotes_sent": quotes,
                "quote_per_interview_pct": rate,
                "threshold_pct": t["max_quote_rate"],
                "objections": dict(objections.most_common(5)),
                "unresolved_objections": dict(unresolved.most_common(5)),
                "arguments_used": dict(arguments.most_common(5)),
                "target_quotes": (Decimal(interviews) * t["max_quote_rate"] / 100).quantize(
                    Decimal(1), ROUND_HALF_UP
                ),
            },
            [
                {
                    "kind": "interview_report",
                    "id": rid,
                    "label": f"Compte rendu {rid}",
                    "href": f"/prospects/{pid}",
                }
                for rid, _, pid in reports[:MAX_LINKS]
            ],
        )
    ]


# --------------------------------------------------------------------------- call_hours


def call_hours(ctx: Context, t: Mapping[str, Any]) -> list[Finding]:
    """Many calls, few reached: the reach rate by hour and by weekday of the calls, the best
    and the worst slots."""
    rows = ctx.session.execute(
        select(
            Interaction.id, Interaction.prospect_id, Interaction.occurred_at, Interaction.outcome
        )
        .where(
            Interaction.owner_id == ctx.scope.owner_id,
            Interaction.direction == Direction.OUTBOUND,
            Interaction.channel == Channel.PHONE,
            *ctx.between(Interaction.occurred_at),
        )
    ).all()  # fmt: skip
    if len(rows) < t["min_calls"]:
        return []
    frame = pd.DataFrame(rows, columns=["id", "prospect_id", "at", "outcome"])
    local = pd.to_datetime(frame["at"], utc=True).dt.tz_convert(ZoneInfo(get_settings().timezone))
    frame["hour"] = local.dt.hour
    frame["weekday"] = local.dt.day_of_week
    frame["reached"] = ~frame["outcome"].astype(str).isin(
        [str(o) for o in prospect_rules.UNREACHED_OUTCOMES]
    )
    rate = frame["reached"].mean() * 100
    if rate >= t["max_reach_rate"]:
        return []
    by_hour = frame.groupby("hour")["reached"].agg(["count", "mean"])
    by_day = frame.groupby("weekday")["reached"].agg(["count", "mean"])
    hours = by_hour[by_hour["count"] >= t["min_calls_per_slot"]]
    if hours.empty:
        hours = by_hour
    best, worst = int(hours["mean"].idxmax()), int(hours["mean"].idxmin())
    worst_calls = frame[frame["hour"] == worst].head(MAX_LINKS)

    def pct(x: float) -> Decimal:
        return Decimal(str(x * 100)).quantize(Decimal("0.1"), ROUND_HALF_UP)

    return [
        Finding(
            "call_hours",
            "Beaucoup d'appels, peu de personnes jointes : les heures d'appel",
            f"{len(frame)} appels, {_fr(pct(rate / 100))} % aboutis "
            f"(seuil {t['max_reach_rate']} %). "
            f"Meilleur créneau : {best} h ({_fr(pct(hours.loc[best, 'mean']))} % joints) ; le "
            f"moins bon : {worst} h ({_fr(pct(hours.loc[worst, 'mean']))} %).",
            {
                "calls": len(frame),
                "reach_rate": pct(rate / 100),
                "threshold_pct": t["max_reach_rate"],
                "best_hour": best,
                "best_hour_rate": pct(hours.loc[best, "mean"]),
                "worst_hour": worst,
                "worst_hour_rate": pct(hours.loc[worst, "mean"]),
                "by_hour": {
                    str(h): {"calls": int(r["count"]), "reach_rate": pct(r["mean"])}
                    for h, r in by_hour.iterrows()
                },
                "by_weekday": {
                    WEEKDAYS_FR[int(d)]: {"calls": int(r["count"]), "reach_rate": pct(r["mean"])}
                    for d, r in by_day.iterrows()
                },
            },
            [
                {
                    "kind": "interaction",
                    "id": int(r.id),
                    "label": f"Appel du {r.at:%d/%m %H:%M}",
                    "href": f"/prospects/{int(r.prospect_id)}",
                }
                for r in worst_calls.itertuples()
            ],
        )
    ]


# --------------------------------------------------------------------------- targeting


def targeting(ctx: Context, t: Mapping[str, Any]) -> list[Finding]:
    """Campaigns of the plan whose members fall outside the plan's segments (the plan's
    targeting check, read here against a threshold)."""
    if ctx.scope.plan is None:
        return []
    found = coherence.targeting(ctx.session, ctx.scope.plan)
    out = []
    for f in found:
        members = f["figures"].get("members") or 0
        if f["code"] != "targeting_outside" or not members:
            continue
        outside = members - f["figures"]["inside"]
        share = _pct(outside, members)
        if share is None or share < t["max_outside_pct"]:
            continue
        out.append(
            Finding(
                f"campaign:{f['figures']['campaign_id']}",
                "Des membres de campagne hors des segments du plan : le ciblage",
                f"{outside} membre(s) sur {members} ({_fr(share)} %) hors des segments "
                f"{', '.join(f['figures']['segments'])} (seuil {t['max_outside_pct']} %).",
                {
                    "campaign_id": f["figures"]["campaign_id"],
                    "members": members,
                    "outside": outside,
                    "outside_pct": share,
                    "segments": f["figures"]["segments"],
                    "threshold_pct": t["max_outside_pct"],
                },
                f["links"],
            )
        )
    return out


# --------------------------------------------------------------------------- segment_imbalance


def segment_imbalance(ctx: Context, t: Mapping[str, Any]) -> list[Finding]:
    """A segment behind while another is ahead: the turnover of each segment (orders of the
    period) against its sub-objective, pro rata of the days gone."""
    goals = [
        o
        for o in ctx.figures["objectives"]
        if o["dimension"] == "segment"
        and o["metric_code"] in ("ordered_amount_ht", "orders_placed")
        and o["target"]
    ]
    if len(goals) < 2:
        return []
    rows = ctx.session.execute(
        select(Order.segment_code, Order.net_commercial_ht)
        .where(
            Order.owner_id == ctx.scope.owner_id,
            Order.status != OrderStatus.CANCELLED,
            Order.ordered_on >= ctx.scope.start,
            Order.ordered_on <= ctx.scope.end,
        )
    ).all()  # fmt: skip
    amount: dict[str, Decimal] = {}
    count: Counter[str] = Counter()
    for segment, net in rows:
        amount[segment or ""] = amount.get(segment or "", Decimal(0)) + _d(net)
        count[segment or ""] += 1
    on = min(ctx.scope.end, ctx.scope.today)
    plan = ctx.scope.plan
    assert plan is not None
    days = (plan.ends_on - plan.starts_on).days + 1
    gone = max(0, min(days, (on - plan.starts_on).days + 1))
    measured = []
    for o in goals:
        actual = (
            amount.get(o["slice_key"], Decimal(0))
            if o["metric_code"] == "ordered_amount_ht"
            else Decimal(count[o["slice_key"]])
        )
        due = _d(o["target"]) * gone / days
        share = _pct(actual, due)
        measured.append((o, actual.quantize(Decimal("0.01")), share))
    behind = [m for m in measured if m[2] is not None and m[2] < 100 - t["behind_pct"]]
    ahead = [m for m in measured if m[2] is not None and m[2] >= 100 + t["ahead_pct"]]
    if not behind or not ahead:
        return []
    worst = min(behind, key=lambda m: m[2] or 0)
    best = max(ahead, key=lambda m: m[2] or 0)
    return [
        Finding(
            f"segments:{worst[0]['slice_key']}:{best[0]['slice_key']}",
            f"Le segment {worst[0]['slice_key']} en retard quand {best[0]['slice_key']} est en "
            "avance",
            f"{worst[0]['slice_key']} : {_fr(worst[2])} % de l'attendu à cette date ; "
            f"{best[0]['slice_key']} : {_fr(best[2])} %.",
            {
                "segments": {
                    o["slice_key"]: {"actual": actual, "target": o["target"], "share_pct": share}
                    for o, actual, share in measured
                },
                "behind": worst[0]["slice_key"],
                "ahead": best[0]["slice_key"],
            },
            [
                {
                    "kind": "plan_objective",
                    "id": o["objective_id"],
                    "label": o["label"],
                    "href": f"/plans/{plan.id}",
                }
                for o in (worst[0], best[0])
            ],
        )
    ]


# --------------------------------------------------------------------------- discount_margin


def discount_margin(ctx: Context, t: Mapping[str, Any]) -> list[Finding]:
    """Discounts near the case's limit with a markup rate below the case's target."""
    if ctx.document is None:
        return []
    v = ctx.values
    target = ctx.document.policy.performance.target_markup_rate
    limit = ctx.document.policy.max_discount
    discount, markup = v["average_discount"], v["won_markup_rate"]
    if target is None or discount is None or markup is None:
        return []
    if _d(discount) < limit - t["points_from_limit"] or _d(markup) >= target:
        return []
    quotes = ctx.session.execute(
        select(Quote.id, Quote.number, Quote.prospect_id, Quote.gross_ht, Quote.net_commercial_ht)
        .where(
            Quote.owner_id == ctx.scope.owner_id,
            Quote.status != QuoteStatus.SUPERSEDED,
            *ctx.between(Quote.sent_at),
        )
    ).all()  # fmt: skip
    floor = limit - t["points_from_limit"]
    near = [q for q in quotes if q[3] and (_pct(_d(q[3]) - _d(q[4]), q[3]) or 0) >= floor]
    return [
        Finding(
            "discount_margin",
            "Des remises au plafond et une marge sous l'objectif",
            f"Remise moyenne {_fr(discount)} % pour un plafond de {_fr(limit)} % ; taux de marque "
            f"{_fr(markup)} % pour {_fr(target)} % visés. {len(near)} devis à moins de "
            f"{t['points_from_limit']} points du plafond.",
            {
                "average_discount": discount,
                "max_discount": limit,
                "won_markup_rate": markup,
                "target_markup_rate": target,
                "quotes_near_limit": len(near),
            },
            [
                {
                    "kind": "quote",
                    "id": q[0],
                    "label": f"Devis {q[1]}",
                    "href": f"/ventes/devis/{q[0]}",
                }
                for q in near[:MAX_LINKS]
            ],
        )
    ]


# --------------------------------------------------------------------------- service_before_loss


def service_before_loss(ctx: Context, t: Mapping[str, Any]) -> list[Finding]:
    """Customers gone inactive in the period who had complaints or delivery incidents in the
    days before: the service, not the price, may have lost them."""
    window = t["days_before"]
    detections = ctx.session.execute(
        select(InactiveAccount.prospect_id, InactiveAccount.detected_on, Prospect.name)
        .join(Prospect, Prospect.id == InactiveAccount.prospect_id)
        .where(
            InactiveAccount.owner_id == ctx.scope.owner_id,
            InactiveAccount.detected_on >= ctx.scope.start,
            InactiveAccount.detected_on <= ctx.scope.end,
        )
    ).all()  # fmt: skip
    if not detections:
        return []
    ids = [d[0] for d in detections]
    complaints = ctx.session.execute(
        select(Complaint.id, Complaint.prospect_id, Complaint.received_on).where(
            Complaint.owner_id == ctx.scope.owner_id, Complaint.prospect_id.in_(ids)
        )
    ).all()
    incidents = ctx.session.execute(
        select(DeliveryEvent.id, Delivery.prospect_id, DeliveryEvent.occurred_on, Delivery.id)
        .join(Delivery, Delivery.id == DeliveryEvent.delivery_id)
        .where(
            DeliveryEvent.owner_id == ctx.scope.owner_id,
            DeliveryEvent.incident.is_not(None),
            Delivery.prospect_id.in_(ids),
        )
    ).all()  # fmt: skip
    hit: dict[int, dict[str, Any]] = {}
    links: list[dict[str, Any]] = []
    for prospect_id, detected_on, name in detections:
        since = detected_on - timedelta(days=window)
        c = [x for x in complaints if x[1] == prospect_id and since <= x[2] <= detected_on]
        i = [x for x in incidents if x[1] == prospect_id and since <= x[2] <= detected_on]
        if c or i:
            hit[prospect_id] = {"name": name, "complaints": len(c), "incidents": len(i)}
            links.append({"kind": "prospect", "id": prospect_id, "label": name,
                          "href": f"/comptes/{prospect_id}"})  # fmt: skip
            links += [{"kind": "complaint", "id": x[0], "label": f"Réclamation {x[0]}",
                       "href": f"/reclamations/{x[0]}"} for x in c]  # fmt: skip
            links += [{"kind": "delivery", "id": x[3], "label": f"Livraison {x[3]}",
                       "href": f"/livraisons/{x[3]}"} for x in i]  # fmt: skip
    if len(hit) < t["min_customers"]:
        return []
    return [
        Finding(
            "service_before_loss",
            "Des réclamations ou incidents de livraison avant la perte de clients",
            f"{len(hit)} client(s) sur {len(detections)} devenus inactifs avaient une "
            f"réclamation ou un incident de livraison dans les {window} jours précédents.",
            {
                "inactive": len(detections),
                "with_incidents": len(hit),
                "days_before": window,
                "customers": {str(k): v for k, v in hit.items()},
            },
            links[:MAX_LINKS],
        )
    ]


# ------------------------------------------------------------------- inactive_not_relaunched


def inactive_not_relaunched(ctx: Context, t: Mapping[str, Any]) -> list[Finding]:
    """Accounts detected inactive (in the period or before it, up to its end) with no
    outbound contact since the detection and their relaunch task not done."""
    contacted = exists().where(
        Interaction.prospect_id == InactiveAccount.prospect_id,
        Interaction.direction == Direction.OUTBOUND,
        Interaction.occurred_at >= InactiveAccount.created_at,
    )
    task_done = exists().where(Task.id == InactiveAccount.task_id, Task.done_at.is_not(None))
    reordered = exists().where(
        and_(
            Order.prospect_id == InactiveAccount.prospect_id,
            Order.status != OrderStatus.CANCELLED,
            Order.ordered_on > InactiveAccount.detected_on,
        )
    )
    due_by = ctx.scope.end - timedelta(days=t["grace_days"])
    rows = ctx.session.execute(
        select(InactiveAccount.id, InactiveAccount.prospect_id, Prospect.name,
               InactiveAccount.detected_on)
        .join(Prospect, Prospect.id == InactiveAccount.prospect_id)
        .where(
            InactiveAccount.owner_id == ctx.scope.owner_id,
            InactiveAccount.detected_on <= due_by,
            ~contacted, ~task_done, ~reordered,
        )
        .order_by(InactiveAccount.detected_on)
    ).all()  # fmt: skip
    detected = ctx.values["inactive_detected"]
    if len(rows) < t["min_accounts"]:
        return []
    return [
        Finding(
            "inactive_not_relaunched",
            "Des comptes inactifs jamais relancés",
            f"{len(rows)} compte(s) détecté(s) inactif(s) depuis plus de {t['grace_days']} jours "
            "sans aucun contact depuis ni tâche de relance faite "
            f"({detected} détecté(s) dans la période).",
            {
                "unrelaunched": len(rows),
                "detected_in_period": detected,
                "grace_days": t["grace_days"],
                "oldest": rows[0][3] if rows else None,
            },
            [
                {"kind": "prospect", "id": r[1], "label": r[2], "href": f"/comptes/{r[1]}"}
                for r in rows[:MAX_LINKS]
            ],
        )
    ]


RULES: tuple[Rule, ...] = (
    Rule(
        "objective_behind", "Objectif en retard",
        "Chaque objectif chiffré du plan en dessous de ce qui était attendu à la fin de la "
        "période (cible au prorata des jours écoulés), au-delà de la marge « proche ».",
        "les objectifs du plan et le registre", {},
        objective_behind,
        (ActionTemplate("other", "Plan de rattrapage : {objective}", "{metric_code}", "target",
                        effect="Revenir à la cible de l'objectif."),),
    ),
    Rule(
        "interview_stage", "Étape de l'entretien",
        "Rendez-vous au niveau (objectif atteint ou proche, sinon au moins la médiane de la "
        "promotion) mais moins de devis par entretien que le seuil.",
        "le registre, les comptes rendus d'entretien (objections, arguments)",
        {"min_interviews": 5, "max_quote_rate": 40},
        interview_stage,
        (ActionTemplate("training", "Se former au traitement des objections les plus "
                        "rencontrées", "quotes_sent", "target_quotes", hours=6,
                        effect="Plus de devis par entretien."),),
    ),
    Rule(
        "call_hours", "Heures d'appel",
        "Au moins 20 appels et un taux de joignabilité sous le seuil : taux par heure et par "
        "jour, meilleur et moins bon créneau.",
        "les appels sortants de la période", {"min_calls": 20, "max_reach_rate": 30,
                                              "min_calls_per_slot": 5},
        call_hours,
        (ActionTemplate("call_hours", "Appeler sur le créneau de {best_hour} h", "reach_rate",
                        "best_hour_rate", hours=2,
                        effect="Joindre plus d'interlocuteurs par appel."),),
    ),
    Rule(
        "targeting", "Ciblage des campagnes",
        "Une campagne du plan dont une part des membres au-delà du seuil est hors des segments "
        "du plan.",
        "les campagnes liées au plan, leurs membres, les segments du cas", {"max_outside_pct": 20},
        targeting,
        (ActionTemplate("targeting", "Recentrer la campagne sur les segments du plan",
                        "campaign_members_contacted", None, hours=3,
                        effect="Des membres de campagne dans la cible."),),
    ),
    Rule(
        "segment_imbalance", "Segments déséquilibrés",
        "Un segment sous l'attendu (au-delà du seuil) quand un autre le dépasse, d'après le "
        "chiffre d'affaires commandé par segment et les sous-objectifs par segment.",
        "les sous-objectifs par segment, les commandes de la période",
        {"behind_pct": 20, "ahead_pct": 0},
        segment_imbalance,
        (ActionTemplate("targeting", "Réorienter l'effort vers le segment {behind}",
                        "ordered_amount_ht", None, hours=4,
                        effect="Rééquilibrer le chiffre d'affaires entre segments."),),
    ),
    Rule(
        "discount_margin", "Remises et marge",
        "Remise moyenne à moins de 2 points du plafond du cas et taux de marque sous celui visé "
        "par le cas (policy.performance.target_markup_rate).",
        "le registre, les devis de la période, la politique du cas", {"points_from_limit": 2},
        discount_margin,
        (ActionTemplate("discount_policy", "Défendre le prix avant de remiser",
                        "won_markup_rate", "target_markup_rate", hours=4,
                        effect="Un taux de marque au niveau visé."),),
    ),
    Rule(
        "service_before_loss", "Service avant la perte",
        "Des clients devenus inactifs dans la période avaient une réclamation ou un incident de "
        "livraison dans les 90 jours avant.",
        "les comptes inactifs, réclamations, incidents de livraison",
        {"days_before": 90, "min_customers": 1},
        service_before_loss,
        (ActionTemplate("follow_up", "Rappeler chaque client après une réclamation ou un "
                        "incident", "reactivation_rate", None, hours=3,
                        effect="Moins de clients perdus après un incident."),),
    ),
    Rule(
        "inactive_not_relaunched", "Inactifs non relancés",
        "Des comptes détectés inactifs depuis plus de 7 jours sans contact sortant depuis, ni "
        "tâche de relance faite, ni commande.",
        "les comptes inactifs, les interactions, les tâches",
        {"grace_days": 7, "min_accounts": 1},
        inactive_not_relaunched,
        (ActionTemplate("relaunch_plan", "Inscrire les inactifs à un plan de relance",
                        "reactivation_rate", None, hours=4,
                        effect="Des comptes inactifs relancés et réactivés."),),
    ),
)  # fmt: skip

BY_CODE = {rule.code: rule for rule in RULES}


def run(ctx: Context) -> list[tuple[Rule, Finding]]:
    """Every rule of the catalogue on ``ctx``: (rule, finding) pairs in the catalogue's
    order."""
    return [(rule, f) for rule in RULES for f in rule.check(ctx, rule.thresholds)]
