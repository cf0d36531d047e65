"""Coherence checks of a plan, each finding explainable: its figures and the records behind
it (the issue's four checks, plus the decomposition's sums).

- targeting (CP2.2): members of the campaigns the plan's actions carry out, tested against
  the plan's segments (the action's segment, else every segment the plan names, else the
  case's);
- activities (CP2.5): expected contributions against each objective's target (coverage),
  hours against the objectives' weights, actions without objective, objectives without action;
- policy (CP2.1): discounts against the case's limits and the salesperson's authority,
  loyalty relaunches against the loyalty rules;
- geography (CP2.6): visits of the plan's tours (linked, or planned in its period) outside the
  sales territory;
- decomposition: sub-objectives that do not add up (a warning on a draft; submitting refuses).
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.business_cases.document import BusinessCaseDocument
from app.business_cases.segments import matches
from app.common.geo import haversine_km
from app.core.principal import Principal
from app.models import (
    CampaignMember,
    Plan,
    PlanAction,
    PlanActionKind,
    PlanObjective,
    Prospect,
    Tour,
)
from app.plans import repository as repo
from app.plans import service

MAX_LINKS = 20
HOURS_TOLERANCE = Decimal(20)  # points of share between hours and weights


def findings(session: Session, principal: Principal, plan: Plan) -> list[dict[str, Any]]:
    doc = service.document(session, plan)
    objectives = repo.objectives_of(session, plan.id)
    actions = repo.actions_of(session, plan.id)
    out: list[dict[str, Any]] = []
    out += _decomposition(objectives)
    out += _activities(session, objectives, actions)
    out += _policy(doc, actions)
    out += _targeting(session, doc, objectives, actions)
    out += _geography(session, doc, plan, actions)
    return out


def targeting(session: Session, plan: Plan) -> list[dict[str, Any]]:
    """The targeting check alone (the gap analysis's rule reads it)."""
    doc = service.document(session, plan)
    return _targeting(
        session, doc, repo.objectives_of(session, plan.id), repo.actions_of(session, plan.id)
    )


def criteria_shown(found: list[dict[str, Any]]) -> list[str]:
    """The criteria a submitted plan bears out: a check that ran and found nothing amiss."""
    by_check: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in found:
        by_check[f["check"]].append(f)
    shown = []
    for check, criterion in (("policy", "CP2.1"), ("targeting", "CP2.2"),
                             ("activities", "CP2.5"), ("geography", "CP2.6")):  # fmt: skip
        items = by_check.get(check, [])
        ran = any(f["code"].endswith("_ok") for f in items)
        if ran and all(f["severity"] == "info" for f in items):
            shown.append(criterion)
    if "CP2.6" in shown:
        shown.append("CT3.3")  # the same geography, as the cross-cutting criterion words it
    return shown


def _finding(
    code: str, check: str, criterion: str, severity: str, message: str, **figures: Any
) -> dict[str, Any]:
    links = figures.pop("links", [])
    return {"code": code, "check": check, "criterion": criterion, "severity": severity,
            "message": message, "figures": _plain(figures), "links": links}  # fmt: skip


def _plain(figures: dict[str, Any]) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in figures.items()}


def _pct(part: Decimal, whole: Decimal) -> Decimal:
    return (part / whole * 100).quantize(Decimal("0.1"), ROUND_HALF_UP) if whole else Decimal(0)


# ----------------------------------------------------------------- decomposition


def _decomposition(objectives: list[PlanObjective]) -> list[dict[str, Any]]:
    return [
        _finding(
            "decomposition_mismatch",
            "decomposition",
            "CP2.5",
            "warning",
            service.mismatch_message(m) + " La soumission sera refusée tant que "
            "les sommes ne tombent pas juste.",
            **m,
        )
        for m in service.mismatches(objectives)
    ]


# ----------------------------------------------------------------- activities (CP2.5)


def _activities(
    session: Session, objectives: list[PlanObjective], actions: list[PlanAction]
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    roots = [o for o in objectives if o.parent_id is None]
    if not roots:
        return [_finding("no_objective", "activities", "CP2.5", "warning",
                         "Le plan n'a pas encore d'objectif.")]  # fmt: skip
    contributions = repo.contributions_of(session, [a.id for a in actions])
    parent_of = {o.id: o.parent_id for o in objectives}

    def root_of(objective_id: int) -> int:
        while parent_of.get(objective_id) is not None:
            objective_id = parent_of[objective_id]  # type: ignore[assignment]
        return objective_id

    expected: dict[int, Decimal] = defaultdict(Decimal)
    served_by: dict[int, set[int]] = defaultdict(set)
    serves: dict[int, set[int]] = defaultdict(set)
    for c in contributions:
        root = root_of(c.objective_id)
        served_by[root].add(c.action_id)
        serves[c.action_id].add(root)
        if c.objective_id == root and c.expected is not None:
            expected[root] += c.expected
    action_by_id = {a.id: a for a in actions}
    for a in actions:
        if not serves[a.id]:
            out.append(_finding(
                "action_without_objective", "activities", "CP2.5", "warning",
                f"L'action « {a.title} » ne sert aucun objectif du plan.",
                action_id=a.id,
                links=[{"kind": "plan_action", "id": a.id, "label": a.title,
                        "href": f"#action-{a.id}"}],
            ))  # fmt: skip
    for o in roots:
        if not served_by[o.id]:
            out.append(_finding(
                "objective_without_action", "activities", "CP2.5", "warning",
                f"Aucune action ne sert l'objectif « {o.label} ».", objective_id=o.id,
            ))  # fmt: skip
            continue
        if o.metric_code is None or o.target is None or not service.additive(o.metric_code):
            continue
        coverage = _pct(expected[o.id], o.target)
        ok = expected[o.id] >= o.target
        out.append(_finding(
            "coverage_ok" if ok else "coverage_short", "activities", "CP2.5",
            "info" if ok else "warning",
            f"« {o.label} » : les actions prévues apportent {expected[o.id]} pour une cible de "
            f"{o.target} ({coverage} %)." + ("" if ok else " Prévoyez d'autres actions ou "
            "revoyez leurs contributions."),
            objective_id=o.id, expected=expected[o.id], target=o.target, coverage_pct=coverage,
            links=[{"kind": "plan_action", "id": i, "label": action_by_id[i].title,
                    "href": f"#action-{i}"} for i in sorted(served_by[o.id])][:MAX_LINKS],
        ))  # fmt: skip
    out += _hours_against_weights(roots, actions, serves)
    if actions and not any(f["severity"] != "info" for f in out):
        message = "Chaque action sert un objectif et chaque objectif a ses actions."
        out.append(_finding("activities_ok", "activities", "CP2.5", "info", message))
    return out


def _hours_against_weights(
    roots: list[PlanObjective], actions: list[PlanAction], serves: dict[int, set[int]]
) -> list[dict[str, Any]]:
    """An action's hours are shared equally among the objectives it serves; each objective's
    share of the hours is compared with its share of the weights."""
    hours: dict[int, Decimal] = defaultdict(Decimal)
    for a in actions:
        targets = serves[a.id]
        for root in targets:
            hours[root] += a.hours / len(targets)
    total_hours = sum(hours.values(), Decimal(0))
    total_weight = Decimal(sum(o.weight for o in roots))
    if not total_hours or len(roots) < 2:
        return []
    out = []
    for o in roots:
        hours_share = _pct(hours[o.id], total_hours)
        weight_share = _pct(Decimal(o.weight), total_weight)
        if abs(hours_share - weight_share) > HOURS_TOLERANCE:
            out.append(_finding(
                "hours_vs_weight", "activities", "CP2.5", "warning",
                f"« {o.label} » pèse {weight_share} % des objectifs mais reçoit {hours_share} % "
                "du temps planifié.",
                objective_id=o.id, hours=hours[o.id].quantize(Decimal("0.1")),
                hours_share_pct=hours_share, weight_share_pct=weight_share,
            ))  # fmt: skip
    return out


# ----------------------------------------------------------------- policy (CP2.1)


def _policy(doc: BusinessCaseDocument, actions: list[PlanAction]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    authority = doc.policy.authority.max_discount
    checked = 0
    for a in actions:
        link = [{"kind": "plan_action", "id": a.id, "label": a.title, "href": f"#action-{a.id}"}]
        if a.discount_pct is not None:
            checked += 1
            try:
                limit = doc.max_discount_for(a.segment_code, a.product_family)
            except LookupError:
                limit = doc.policy.max_discount
            if a.discount_pct > limit:
                out.append(_finding(
                    "discount_above_policy", "policy", "CP2.1", "error",
                    f"« {a.title} » : remise de {a.discount_pct} % au-delà de la politique "
                    f"({limit} % au plus).", discount_pct=a.discount_pct, limit_pct=limit,
                    links=link,
                ))  # fmt: skip
            elif a.discount_pct > authority:
                out.append(_finding(
                    "discount_needs_approval", "policy", "CP2.1", "warning",
                    f"« {a.title} » : remise de {a.discount_pct} % au-delà de votre délégation "
                    f"({authority} %) : l'accord prévu par la procédure est nécessaire.",
                    discount_pct=a.discount_pct, authority_pct=authority, links=link,
                ))  # fmt: skip
        if a.kind is PlanActionKind.LOYALTY_RELAUNCH:
            checked += 1
            segment = a.segment_code
            rules = [r for r in doc.policy.loyalty_rules if "all" in r.who or segment in r.who]
            if not rules:
                out.append(_finding(
                    "loyalty_without_rule", "policy", "CP2.1", "warning",
                    f"« {a.title} » : aucune règle de fidélisation du cas ne couvre ce segment "
                    "(que peut-on offrir, et à qui ?).", links=link,
                ))  # fmt: skip
    if checked and not out:
        out.append(_finding("policy_ok", "policy", "CP2.1", "info",
                            "Les remises et offres prévues respectent la politique commerciale.",
                            actions_checked=checked))  # fmt: skip
    return out


# ----------------------------------------------------------------- targeting (CP2.2)


def _plan_segments(
    doc: BusinessCaseDocument, objectives: list[PlanObjective], actions: list[PlanAction]
) -> list[str]:
    named = {a.segment_code for a in actions if a.segment_code}
    named |= {o.slice_key for o in objectives if o.dimension == "segment" and o.slice_key}
    codes = [s.code for s in doc.market.segments]
    return [c for c in codes if c in named] or codes


def _targeting(
    session: Session,
    doc: BusinessCaseDocument,
    objectives: list[PlanObjective],
    actions: list[PlanAction],
) -> list[dict[str, Any]]:
    campaigns = repo.campaigns_of(session, [a.id for a in actions])
    if not campaigns:
        return [_finding("targeting_unchecked", "targeting", "CP2.2", "info",
                         "Aucune campagne n'est liée à une action du plan : liez-les pour "
                         "vérifier le ciblage.")]  # fmt: skip
    plan_segments = _plan_segments(doc, objectives, actions)
    action_by_id = {a.id: a for a in actions}
    out = []
    for campaign in campaigns:
        action = action_by_id.get(campaign.plan_action_id or 0)
        segments = [action.segment_code] if action and action.segment_code else plan_segments
        members = session.scalars(
            select(Prospect)
            .where(
                Prospect.id.in_(
                    select(CampaignMember.prospect_id).where(
                        CampaignMember.campaign_id == campaign.id
                    )
                )
            )
            .order_by(Prospect.id)
        ).all()
        outside = [p for p in members if not any(matches(doc, s, p) for s in segments)]
        inside = len(members) - len(outside)
        share = _pct(Decimal(inside), Decimal(len(members)))
        ok = bool(members) and not outside
        out.append(_finding(
            "targeting_ok" if ok else "targeting_outside", "targeting", "CP2.2",
            "info" if ok else "warning",
            f"Campagne « {campaign.name} » : {inside} membre(s) sur {len(members)} dans les "
            f"segments du plan ({share} %)."
            + ("" if members else " La campagne n'a pas encore de membres."),
            campaign_id=campaign.id, members=len(members), inside=inside, share_pct=share,
            segments=segments, outside_ids=[p.id for p in outside][:100],
            links=[service.campaign_link(campaign)] + [
                {"kind": "prospect", "id": p.id, "label": p.name, "href": f"/prospects/{p.id}"}
                for p in outside[:MAX_LINKS]
            ],
        ))  # fmt: skip
    return out


# ----------------------------------------------------------------- geography (CP2.6)


def _geography(
    session: Session, doc: BusinessCaseDocument, plan: Plan, actions: list[PlanAction]
) -> list[dict[str, Any]]:
    linked = repo.tours_of(session, [a.id for a in actions])
    in_period = session.scalars(
        select(Tour).where(
            Tour.owner_id == plan.owner_id,
            Tour.first_day >= plan.starts_on,
            Tour.first_day <= plan.ends_on,
        )
    ).all()
    tours = {t.id: t for t in [*linked, *in_period]}
    if not tours:
        return []
    territory = doc.identity.territory
    centre = (territory.centre.latitude, territory.centre.longitude)
    visits = 0
    outside: list[dict[str, Any]] = []
    for tour in sorted(tours.values(), key=lambda t: t.id):
        for day in (tour.plan or {}).get("days", []):
            for stop in day.get("stops", []):
                if stop.get("kind") != "visit" or stop.get("latitude") is None:
                    continue
                visits += 1
                km = haversine_km(stop["latitude"], stop["longitude"], *centre)
                if km > territory.radius_km:
                    outside.append({"tour": tour, "label": stop.get("label", ""),
                                    "km": round(km, 1),
                                    "prospect_id": stop.get("prospect_id")})  # fmt: skip
    if not visits:
        return []
    outside = _not_in_listed_postcodes(session, outside, set(territory.postcodes))
    if not outside:
        message = (f"Les {visits} visites planifiées sont dans le territoire "
                   f"({territory.radius_km} km autour du centre).")  # fmt: skip
        return [_finding("geography_ok", "geography", "CP2.6", "info", message, visits=visits)]
    links = []
    for o in outside[:MAX_LINKS]:
        if o["prospect_id"]:
            links.append({"kind": "prospect", "id": o["prospect_id"],
                          "label": f"{o['label']} ({o['km']} km)",
                          "href": f"/prospects/{o['prospect_id']}"})  # fmt: skip
    links += [service.tour_link(t) for t in {o["tour"].id: o["tour"] for o in outside}.values()]
    return [_finding(
        "visits_outside_territory", "geography", "CP2.6", "warning",
        f"{len(outside)} visite(s) sur {visits} hors du territoire de vente "
        f"({territory.radius_km} km autour du centre).",
        visits=visits, outside=len(outside), radius_km=territory.radius_km, links=links[:MAX_LINKS],
    )]  # fmt: skip


def _not_in_listed_postcodes(
    session: Session, outside: list[dict[str, Any]], postcodes: set[str]
) -> list[dict[str, Any]]:
    """A visit beyond the radius is still in the territory when its prospect's postcode is
    one the territory lists."""
    ids = {o["prospect_id"] for o in outside if o["prospect_id"]}
    if not ids or not postcodes:
        return outside
    listed = {
        pid
        for pid, postcode in session.execute(
            select(Prospect.id, Prospect.postcode).where(Prospect.id.in_(ids))
        )
        if postcode in postcodes
    }
    return [o for o in outside if o["prospect_id"] not in listed]
