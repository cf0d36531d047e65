"""The rules of the PAC: a plan under the trainee's active business case, its objectives and
their decomposition, its actions, and the workflow (draft → submitted → validated, or
returned with a comment; a validated plan is frozen and revised as a new plan)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.business_cases import service as cases
from app.business_cases.document import BusinessCaseDocument
from app.common.clock import utcnow
from app.core.errors import AppError, Conflict, FieldError, Forbidden
from app.core.patch import check_version
from app.core.principal import Principal
from app.metrics import registry
from app.models import (
    BusinessCaseVersion,
    Campaign,
    Plan,
    PlanAction,
    PlanActionObjective,
    PlanObjective,
    PlanStatus,
    Role,
    SplitDimension,
    Tour,
)
from app.plans import repository as repo
from app.plans.periods import clip, period_end, slice_bounds
from app.plans.schemas import ActionFields, ObjectiveCreate, ObjectiveUpdate, PlanCreate, PlanUpdate

MAX_OBJECTIVES = 300
MAX_ACTIONS = 300
MAX_DEPTH = 3
EDITABLE = (PlanStatus.DRAFT, PlanStatus.RETURNED)
STATUS_FR = {
    PlanStatus.DRAFT: "brouillon",
    PlanStatus.SUBMITTED: "soumis",
    PlanStatus.VALIDATED: "validé",
    PlanStatus.RETURNED: "renvoyé",
}


class UnbalancedPlan(AppError):
    """Submitting a plan whose sub-objectives do not add up to their parent (422, each
    mismatch in ``errors`` naming the parent objective)."""

    status, slug, title = 422, "plan-unbalanced", "Décomposition incohérente"


# ----------------------------------------------------------------- reading


def document(session: Session, plan: Plan) -> BusinessCaseDocument:
    """The business case version the plan was made under (never copied: read)."""
    version = session.get(BusinessCaseVersion, plan.business_case_version_id)
    assert version is not None  # RESTRICT foreign key
    return cases.document_of(version)


def plan_rows(session: Session, plans: list[Plan]) -> list[dict[str, Any]]:
    case_of = repo.case_of_versions(session, sorted({p.business_case_version_id for p in plans}))
    names = repo.user_names(session, sorted({p.owner_id for p in plans}))
    rows = []
    for plan in plans:
        case = case_of.get(plan.business_case_version_id)
        rows.append(
            {
                **{c: getattr(plan, c) for c in _PLAN_COLUMNS},
                "owner_name": names.get(plan.owner_id),
                "business_case_id": case[0] if case else None,
                "business_case_name": case[1] if case else None,
                "business_case_version": case[2] if case else None,
            }
        )
    return rows


_PLAN_COLUMNS = (
    "id", "owner_id", "title", "business_case_version_id", "period_kind", "starts_on", "ends_on",
    "status", "revision", "revision_of_id", "notes", "submitted_at", "decided_at",
    "decided_by_id", "decision_comment", "version", "created_at", "updated_at",
)  # fmt: skip


def plan_detail(session: Session, plan: Plan) -> dict[str, Any]:
    objectives = repo.objectives_of(session, plan.id)
    actions = repo.actions_of(session, plan.id)
    return {
        **plan_rows(session, [plan])[0],
        "objectives": objectives,
        "actions": actions_view(session, actions),
    }


def actions_view(session: Session, actions: list[PlanAction]) -> list[dict[str, Any]]:
    ids = [a.id for a in actions]
    contributions: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for c in repo.contributions_of(session, ids):
        contributions[c.action_id].append({"objective_id": c.objective_id, "expected": c.expected})
    campaigns: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for campaign in repo.campaigns_of(session, ids):
        assert campaign.plan_action_id is not None
        campaigns[campaign.plan_action_id].append(campaign_link(campaign))
    tours: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for tour in repo.tours_of(session, ids):
        assert tour.plan_action_id is not None
        tours[tour.plan_action_id].append(tour_link(tour))
    return [
        {
            **{c: getattr(a, c) for c in _ACTION_COLUMNS},
            "contributions": contributions[a.id],
            "campaigns": campaigns[a.id],
            "tours": tours[a.id],
        }
        for a in actions
    ]


_ACTION_COLUMNS = (
    "id", "plan_id", "title", "kind", "starts_on", "ends_on", "segment_code", "product_family",
    "hours", "budget", "km", "discount_pct", "notes",
)  # fmt: skip


def campaign_link(campaign: Campaign) -> dict[str, Any]:
    return {"kind": "campaign", "id": campaign.id, "label": campaign.name,
            "href": f"/prospects/campagnes/{campaign.id}"}  # fmt: skip


def tour_link(tour: Tour) -> dict[str, Any]:
    return {"kind": "tour", "id": tour.id, "label": tour.name, "href": f"/tournees/{tour.id}"}


# ----------------------------------------------------------------- plans


def create_plan(session: Session, principal: Principal, data: PlanCreate) -> Plan:
    if principal.role is not Role.TRAINEE:
        raise Forbidden("Un plan d'actions commerciales est rédigé par le stagiaire lui-même.")
    if data.starts_on.day != 1:
        raise FieldError("starts_on", "Une période commence le premier jour d'un mois.")
    active = cases.active_case(session, principal.user_id)
    if active is None:
        raise Conflict(
            "Aucun cas d'entreprise publié ne vous est attribué : le plan se construit sous "
            "celui de votre entreprise. Demandez à votre formateur de vous l'attribuer."
        )
    plan = Plan(
        owner_id=principal.user_id,
        title=data.title,
        business_case_version_id=active.version.id,
        period_kind=data.period_kind,
        starts_on=data.starts_on,
        ends_on=period_end(data.starts_on, data.period_kind),
        status=PlanStatus.DRAFT,
        notes=data.notes,
    )
    session.add(plan)
    session.flush()
    return plan


def update_plan(session: Session, plan: Plan, data: PlanUpdate) -> Plan:
    check_version(plan, data.version)
    editable(plan)
    for field in ("title", "notes"):
        value = getattr(data, field)
        if value is not None and value != getattr(plan, field):
            setattr(plan, field, value)
    session.flush()
    return plan


def delete_plan(session: Session, plan: Plan) -> None:
    if plan.status not in EDITABLE:
        raise Conflict(
            f"Plan {STATUS_FR[plan.status]} : il ne peut plus être supprimé (il fait partie "
            "du suivi de votre formateur)."
        )
    session.delete(plan)
    session.flush()


def editable(plan: Plan) -> None:
    if plan.status is PlanStatus.SUBMITTED:
        raise Conflict(
            "Plan soumis à votre formateur : il ne peut pas être modifié avant sa décision."
        )
    if plan.status is PlanStatus.VALIDATED:
        raise Conflict("Plan validé : il est figé. Créez-en une révision pour le faire évoluer.")


# ----------------------------------------------------------------- objectives


def add_objective(
    session: Session, principal: Principal, plan: Plan, data: ObjectiveCreate
) -> PlanObjective:
    editable(plan)
    count = session.scalar(
        select(func.count()).select_from(PlanObjective).where(PlanObjective.plan_id == plan.id)
    )
    if (count or 0) >= MAX_OBJECTIVES:
        raise Conflict(f"Un plan compte au plus {MAX_OBJECTIVES} objectifs et sous-objectifs.")
    metric_code = data.metric_code
    parent: PlanObjective | None = None
    if data.parent_id is not None:
        parent = repo.ObjectiveRepository(session, principal).get_child(
            data.parent_id, "parent_id", parent="plan_id", parent_id=plan.id, writable=True
        )
        assert parent is not None
        assert data.dimension is not None
        assert data.slice_key is not None
        if parent.metric_code is None:
            raise FieldError("parent_id", "Un objectif qualitatif ne se décompose pas en chiffres.")
        if metric_code is not None and metric_code != parent.metric_code:
            raise FieldError(
                "metric_code",
                "Un sous-objectif mesure le même indicateur que son parent "
                f"({parent.metric_code}).",
            )
        metric_code = parent.metric_code
        if _depth(session, parent) >= MAX_DEPTH:
            raise FieldError("parent_id", f"Au plus {MAX_DEPTH} niveaux de décomposition.")
        _check_slice(session, plan, parent, data.dimension, data.slice_key)
    if metric_code is not None:
        _known_metric(metric_code)
        if data.target is None:
            raise FieldError("target", "Un objectif quantitatif a une cible.")
    else:
        if data.target is not None:
            raise FieldError(
                "target",
                "Un objectif qualitatif n'a pas de cible chiffrée : choisissez un "
                "indicateur (metric_code) ou décrivez le critère de réussite.",
            )
        if not data.success_criterion:
            raise FieldError(
                "success_criterion",
                "Dites comment la réussite d'un objectif qualitatif sera jugée.",
            )
    objective = PlanObjective(
        owner_id=plan.owner_id,
        plan_id=plan.id,
        parent_id=parent.id if parent else None,
        metric_code=metric_code,
        label=data.label,
        target=data.target,
        success_criterion=data.success_criterion,
        weight=data.weight,
        dimension=data.dimension,
        slice_key=data.slice_key,
        position=count or 0,
    )
    session.add(objective)
    session.flush()
    return objective


def update_objective(
    session: Session, plan: Plan, objective: PlanObjective, data: ObjectiveUpdate
) -> PlanObjective:
    editable(plan)
    if objective.metric_code is None:
        if data.target is not None:
            raise FieldError("target", "Un objectif qualitatif n'a pas de cible chiffrée.")
        if not data.success_criterion:
            raise FieldError(
                "success_criterion",
                "Dites comment la réussite d'un objectif qualitatif sera jugée.",
            )
    elif data.target is None:
        raise FieldError("target", "Un objectif quantitatif a une cible.")
    for field in ("label", "target", "success_criterion", "weight"):
        value = getattr(data, field)
        if value != getattr(objective, field):
            setattr(objective, field, value)
    session.flush()
    return objective


def delete_objective(session: Session, plan: Plan, objective: PlanObjective) -> None:
    """Its sub-objectives and the contributions expected to it go with it."""
    editable(plan)
    session.delete(objective)
    session.flush()


def _known_metric(code: str) -> registry.MetricDef:
    try:
        return registry.get(code)
    except LookupError:
        known = ", ".join(m.code for m in registry.all_metrics())
        raise FieldError(
            "metric_code", f"Indicateur inconnu : {code}. Indicateurs : {known}."
        ) from None


def _depth(session: Session, objective: PlanObjective) -> int:
    depth, current = 1, objective
    while current.parent_id is not None and depth <= MAX_DEPTH:
        parent = session.get(PlanObjective, current.parent_id)
        if parent is None:
            break
        current, depth = parent, depth + 1
    return depth


def _check_slice(
    session: Session, plan: Plan, parent: PlanObjective, dimension: SplitDimension, key: str
) -> None:
    doc = document(session, plan)
    if dimension in (SplitDimension.MONTH, SplitDimension.WEEK):
        bounds = slice_bounds(key, dimension.value)
        if bounds is None:
            example = "2027-01" if dimension is SplitDimension.MONTH else "2027-W03"
            raise FieldError("slice_key", f"Tranche illisible : {key} (exemple : {example}).")
        lo, hi = parent_bounds(session, plan, parent)
        if clip(bounds, lo, hi) is None:
            raise FieldError(
                "slice_key",
                f"La tranche {key} est hors de la période de l'objectif "
                f"({lo:%d/%m/%Y} – {hi:%d/%m/%Y}).",
            )
    elif dimension is SplitDimension.SEGMENT:
        codes = [s.code for s in doc.market.segments]
        if key not in codes:
            raise FieldError(
                "slice_key", f"Segment inconnu du cas d'entreprise : {key} ({', '.join(codes)})."
            )
    else:
        families = sorted(doc.families())
        if key not in families:
            raise FieldError(
                "slice_key",
                f"Famille de produits inconnue du catalogue : {key} ({', '.join(families)}).",
            )


def parent_bounds(session: Session, plan: Plan, objective: PlanObjective) -> tuple[Any, Any]:
    """The days an objective covers: its month or week (clipped to the plan), or the plan's."""
    lo, hi = plan.starts_on, plan.ends_on
    current: PlanObjective | None = objective
    while current is not None:
        if current.dimension in (SplitDimension.MONTH, SplitDimension.WEEK) and current.slice_key:
            bounds = slice_bounds(current.slice_key, current.dimension.value)
            if bounds is not None:
                clipped = clip(bounds, lo, hi)
                if clipped is not None:
                    lo, hi = clipped
        current = session.get(PlanObjective, current.parent_id) if current.parent_id else None
    return lo, hi


# ----------------------------------------------------------------- decomposition


def mismatches(objectives: list[PlanObjective]) -> list[dict[str, Any]]:
    """Sub-objectives along one dimension that do not add up to their parent's target
    (additive metrics only: ratios are not summed)."""
    by_id = {o.id: o for o in objectives}
    groups: dict[tuple[int, SplitDimension], list[PlanObjective]] = defaultdict(list)
    for o in objectives:
        if o.parent_id is not None and o.dimension is not None:
            groups[(o.parent_id, o.dimension)].append(o)
    found = []
    for (parent_id, dimension), children in sorted(groups.items(), key=lambda kv: kv[0][0]):
        parent = by_id.get(parent_id)
        if parent is None or parent.target is None or parent.metric_code is None:
            continue
        if not additive(parent.metric_code):
            continue
        total = sum((c.target or Decimal(0) for c in children), Decimal(0))
        if total != parent.target:
            found.append(
                {
                    "objective_id": parent.id,
                    "label": parent.label,
                    "dimension": dimension.value,
                    "sum": total,
                    "target": parent.target,
                    "slices": len(children),
                }
            )
    return found


def additive(code: str) -> bool:
    """Whether a metric's slices add up to the whole (counts and sums; not ratios)."""
    try:
        return registry.get(code).kind != "ratio"
    except LookupError:
        return False


DIMENSION_FR = {"month": "par mois", "week": "par semaine", "segment": "par segment",
                "family": "par famille"}  # fmt: skip


def mismatch_message(m: dict[str, Any]) -> str:
    return (
        f"« {m['label']} » {DIMENSION_FR[m['dimension']]} : les {m['slices']} sous-objectifs "
        f"totalisent {m['sum']} pour une cible de {m['target']}."
    )


# ----------------------------------------------------------------- actions


def save_action(
    session: Session,
    principal: Principal,
    plan: Plan,
    data: ActionFields,
    action: PlanAction | None = None,
) -> PlanAction:
    """Create an action or replace one whole, with its contributions and links; every rule
    is checked before anything is written."""
    editable(plan)
    if action is None:
        count = session.scalar(
            select(func.count()).select_from(PlanAction).where(PlanAction.plan_id == plan.id)
        )
        if (count or 0) >= MAX_ACTIONS:
            raise Conflict(f"Un plan compte au plus {MAX_ACTIONS} actions.")
    doc = document(session, plan)
    if data.starts_on < plan.starts_on or data.ends_on > plan.ends_on:
        field = "starts_on" if data.starts_on < plan.starts_on else "ends_on"
        raise FieldError(
            field,
            f"L'action sort de la période du plan ({plan.starts_on:%d/%m/%Y} – "
            f"{plan.ends_on:%d/%m/%Y}).",
        )
    if data.segment_code is not None and doc.segment(data.segment_code) is None:
        codes = ", ".join(s.code for s in doc.market.segments)
        raise FieldError("segment_code", f"Segment inconnu du cas d'entreprise ({codes}).")
    if data.product_family is not None and data.product_family not in doc.families():
        families = ", ".join(sorted(doc.families()))
        raise FieldError("product_family", f"Famille inconnue du catalogue ({families}).")
    if data.discount_pct is not None:
        limit = doc.max_discount_for(data.segment_code, data.product_family)
        if data.discount_pct > limit:
            raise FieldError(
                "discount_pct",
                f"Remise de {data.discount_pct} % au-delà de la politique commerciale : "
                f"{limit} % au plus pour ce segment et cette famille.",
            )
    objectives = repo.ObjectiveRepository(session, principal)
    for i, c in enumerate(data.contributions):
        objectives.get_child(
            c.objective_id, f"contributions.{i}.objective_id", parent="plan_id",
            parent_id=plan.id, writable=True,
        )  # fmt: skip
    campaigns = [
        repo.CampaignLinks(session, principal).get_referenced(cid, f"campaign_ids.{i}")
        for i, cid in enumerate(data.campaign_ids)
    ]
    tours = [
        repo.TourLinks(session, principal).get_referenced(tid, f"tour_ids.{i}")
        for i, tid in enumerate(data.tour_ids)
    ]
    values = data.model_dump(exclude={"contributions", "campaign_ids", "tour_ids"})
    if action is None:
        action = PlanAction(owner_id=plan.owner_id, plan_id=plan.id, **values)
        session.add(action)
        session.flush()
    else:
        for field, value in values.items():
            if getattr(action, field) != value:
                setattr(action, field, value)
    _replace_contributions(session, action, data)
    repo.unlink(session, Campaign, action.id, [c.id for c in campaigns])
    repo.unlink(session, Tour, action.id, [t.id for t in tours])
    for record in campaigns:
        if record.plan_action_id != action.id:
            record.plan_action_id = action.id
    for tour in tours:
        if tour.plan_action_id != action.id:
            tour.plan_action_id = action.id
    session.flush()
    return action


def _replace_contributions(session: Session, action: PlanAction, data: ActionFields) -> None:
    current = {c.objective_id: c for c in repo.contributions_of(session, [action.id])}
    wanted = {c.objective_id: c.expected for c in data.contributions}
    for objective_id, row in current.items():
        if objective_id not in wanted:
            session.delete(row)
        elif row.expected != wanted[objective_id]:
            row.expected = wanted[objective_id]
    for objective_id, expected in wanted.items():
        if objective_id not in current:
            session.add(
                PlanActionObjective(
                    owner_id=action.owner_id,
                    action_id=action.id,
                    objective_id=objective_id,
                    expected=expected,
                )
            )


def delete_action(session: Session, plan: Plan, action: PlanAction) -> None:
    """Its campaigns and tours stay; they no longer carry out an action."""
    editable(plan)
    repo.unlink(session, Campaign, action.id, [])
    repo.unlink(session, Tour, action.id, [])
    session.delete(action)
    session.flush()


# ----------------------------------------------------------------- workflow


def submit(session: Session, plan: Plan, version: int) -> list[dict[str, Any]]:
    """Send the plan to the trainer. Refused (422) while a decomposition does not add up: a
    manager never receives a half-made plan. Returns the mismatches (none)."""
    check_version(plan, version)
    if plan.status not in EDITABLE:
        raise Conflict(
            f"Plan {STATUS_FR[plan.status]} : seul un brouillon ou un plan renvoyé se soumet."
        )
    objectives = repo.objectives_of(session, plan.id)
    if not objectives:
        raise FieldError("objectives", "Un plan soumis a au moins un objectif.")
    found = mismatches(objectives)
    if found:
        raise UnbalancedPlan(
            "Les sous-objectifs ne totalisent pas la cible de leur objectif : "
            + " ; ".join(mismatch_message(m) for m in found),
            errors=[
                {
                    "location": "body",
                    "field": f"objectives.{m['objective_id']}",
                    "message": mismatch_message(m),
                    "type": "plan_unbalanced",
                }
                for m in found
            ],
            mismatches=[{**m, "sum": str(m["sum"]), "target": str(m["target"])} for m in found],
        )
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_at = utcnow()
    session.flush()
    return found


def decide(
    session: Session, principal: Principal, plan: Plan, version: int, *, validate: bool,
    comment: str,
) -> Plan:  # fmt: skip
    """The trainer's decision on a submitted plan: validated (frozen) or returned with a
    comment saying what to rework."""
    check_version(plan, version)
    if plan.owner_id == principal.user_id:
        raise Forbidden("On ne valide pas son propre plan.")
    if plan.status is not PlanStatus.SUBMITTED:
        raise Conflict(
            f"Plan {STATUS_FR[plan.status]} : seul un plan soumis se valide ou se renvoie."
        )
    if not validate and not comment:
        raise FieldError("comment", "Dites au stagiaire ce qu'il doit reprendre.")
    plan.status = PlanStatus.VALIDATED if validate else PlanStatus.RETURNED
    plan.decided_at = utcnow()
    plan.decided_by_id = principal.user_id
    plan.decision_comment = comment
    session.flush()
    return plan


def revise(session: Session, principal: Principal, plan: Plan, version: int) -> Plan:
    """A validated plan changes only through a revision: a new draft with its objectives and
    actions, under the trainee's business case as it is now."""
    check_version(plan, version)
    if plan.status is not PlanStatus.VALIDATED:
        raise Conflict("Seul un plan validé se révise ; modifiez directement un brouillon.")
    active = cases.active_case(session, plan.owner_id)
    revision = Plan(
        owner_id=plan.owner_id,
        title=plan.title,
        business_case_version_id=active.version.id if active else plan.business_case_version_id,
        period_kind=plan.period_kind,
        starts_on=plan.starts_on,
        ends_on=plan.ends_on,
        status=PlanStatus.DRAFT,
        revision=_last_revision(session, plan) + 1,
        revision_of_id=plan.id,
        notes=plan.notes,
    )
    session.add(revision)
    session.flush()
    copies: dict[int, PlanObjective] = {}
    for o in repo.objectives_of(session, plan.id):  # parents come first (position, id)
        copy = PlanObjective(
            owner_id=o.owner_id, plan_id=revision.id,
            parent_id=copies[o.parent_id].id if o.parent_id in copies else None,
            metric_code=o.metric_code, label=o.label, target=o.target,
            success_criterion=o.success_criterion, weight=o.weight, dimension=o.dimension,
            slice_key=o.slice_key, position=o.position,
        )  # fmt: skip
        session.add(copy)
        session.flush()
        copies[o.id] = copy
    actions = repo.actions_of(session, plan.id)
    contributions = repo.contributions_of(session, [a.id for a in actions])
    for a in actions:
        copy_action = PlanAction(
            owner_id=a.owner_id, plan_id=revision.id,
            **{c: getattr(a, c) for c in _ACTION_COLUMNS if c not in ("id", "plan_id")},
        )  # fmt: skip
        session.add(copy_action)
        session.flush()
        for c in contributions:
            if c.action_id == a.id and c.objective_id in copies:
                session.add(
                    PlanActionObjective(
                        owner_id=c.owner_id, action_id=copy_action.id,
                        objective_id=copies[c.objective_id].id, expected=c.expected,
                    )
                )  # fmt: skip
    session.flush()
    return revision


def _last_revision(session: Session, plan: Plan) -> int:
    root = plan
    while root.revision_of_id is not None:
        parent = session.get(Plan, root.revision_of_id)
        if parent is None:
            break
        root = parent
    numbers = [plan.revision]
    frontier = [root.id]
    while frontier:
        rows = session.execute(
            select(Plan.id, Plan.revision).where(Plan.revision_of_id.in_(frontier))
        ).all()
        numbers += [r for _, r in rows]
        frontier = [i for i, _ in rows]
    return max(numbers)
