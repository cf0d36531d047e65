"""Corrective actions (CP4.4): proposed from the confirmed causes' rules, written by the
trainee, checked for feasibility (agenda capacity, budget, the business case's policy), and
accepted into the next plan (a planned action) and the agenda (a task)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.agenda.tasks import add_task_for
from app.analyses import figures as fig
from app.analyses import rules
from app.analyses import service as analyses
from app.analyses.repository import AnalysisRepository, CauseRepository, CorrectiveRepository
from app.analyses.schemas import CorrectiveAccept, CorrectiveCreate, CorrectiveUpdate
from app.business_cases.document import BusinessCaseDocument
from app.common.clock import utcnow
from app.config import get_settings, today_local
from app.core.errors import Conflict, FieldError
from app.core.patch import check_version
from app.core.principal import Principal
from app.metrics import registry
from app.models import (
    Analysis,
    AnalysisCause,
    Appointment,
    AppointmentStatus,
    CauseStatus,
    CorrectiveAction,
    CorrectiveKind,
    CorrectiveStatus,
    Plan,
    PlanAction,
    PlanActionKind,
    PlanStatus,
    TaskLinkKind,
)
from app.plans.repository import PlanRepository
from app.sales.calculations import fmt

DEFAULT_DAYS = 30
MAX_AHEAD_DAYS = 365
PLAN_KIND = {
    CorrectiveKind.TARGETING: PlanActionKind.CAMPAIGN,
    CorrectiveKind.CALL_HOURS: PlanActionKind.PHONING,
    CorrectiveKind.TRAINING: PlanActionKind.TRAINING,
    CorrectiveKind.RELAUNCH_PLAN: PlanActionKind.LOYALTY_RELAUNCH,
    CorrectiveKind.TOUR_REORGANISATION: PlanActionKind.TOUR,
    CorrectiveKind.DISCOUNT_POLICY: PlanActionKind.TRAINING,
    CorrectiveKind.FOLLOW_UP: PlanActionKind.OTHER,
    CorrectiveKind.OTHER: PlanActionKind.OTHER,
}


def _fill(text: str, figures: dict[str, Any]) -> str:
    try:
        return text.format(**figures)
    except (KeyError, IndexError, ValueError):
        return text


def proposals(session: Session, principal: Principal, cause_id: int) -> list[dict[str, Any]]:
    """The actions a cause's rule proposes, filled from its figures (a cause the trainee added
    gets a blank "other" action to complete)."""
    cause = CauseRepository(session, principal).get_readable(cause_id)
    analysis = session.get(Analysis, cause.analysis_id)
    assert analysis is not None
    deadline = max(analysis.ends_on, today_local()) + timedelta(days=DEFAULT_DAYS)
    rule = rules.BY_CODE.get(cause.rule_code or "")
    templates = rule.actions if rule else (rules.ActionTemplate("other", cause.title, None),)
    figures = {**cause.figures, "label": cause.title}
    out = []
    for t in templates:
        indicator = _fill(t.indicator, figures) if t.indicator else None
        if indicator is not None and indicator not in {m.code for m in registry.all_metrics()}:
            indicator = None
        expected = figures.get(t.expected) if t.expected else None
        out.append(
            {
                "cause_id": cause.id,
                "kind": t.kind,
                "title": _fill(t.title, figures)[:200],
                "description": cause.explanation,
                "deadline": deadline,
                "indicator": indicator,
                "baseline": _baseline(cause, indicator),
                "expected_value": Decimal(str(expected)) if expected not in (None, "") else None,
                "expected_effect": t.effect,
                "hours": Decimal(t.hours),
                "budget": Decimal(0),
                "segment_code": figures.get("behind") if t.kind == "targeting" else None,
            }
        )
    return out


def _baseline(cause: AnalysisCause, indicator: str | None) -> Decimal | None:
    value = cause.figures.get(indicator) if indicator else None
    try:
        return Decimal(str(value)) if value is not None else None
    except ArithmeticError:
        return None


def _check_indicator(code: str | None) -> None:
    if code is not None and code not in {m.code for m in registry.all_metrics()}:
        raise FieldError("indicator", f"Indicateur inconnu du registre : {code}.")


def create(
    session: Session, principal: Principal, analysis_id: int, data: CorrectiveCreate
) -> CorrectiveAction:
    analysis = AnalysisRepository(session, principal).get_writable(analysis_id)
    cause = None
    if data.cause_id is not None:
        cause = CauseRepository(session, principal).get_child(
            data.cause_id, "cause_id", parent="analysis_id", parent_id=analysis.id, writable=True
        )
        if cause is not None and cause.status is not CauseStatus.CONFIRMED:
            raise FieldError("cause_id", "Confirmez d'abord la cause que l'action traite.")
    _check_indicator(data.indicator)
    baseline = None
    if data.indicator:
        values = fig.compute(session, analyses.scope_of(session, analysis))["values"]
        found = values.get(data.indicator)
        baseline = Decimal(found).quantize(Decimal("0.01")) if found is not None else None
    action = CorrectiveAction(
        owner_id=analysis.owner_id,
        analysis_id=analysis.id,
        cause_id=cause.id if cause else None,
        baseline=baseline,
        **data.model_dump(exclude={"cause_id"}),
    )
    session.add(action)
    session.flush()
    return action


def update(
    session: Session, principal: Principal, action_id: int, data: CorrectiveUpdate
) -> CorrectiveAction:
    action = CorrectiveRepository(session, principal).get_writable(action_id)
    check_version(action, data.version)
    if action.status is CorrectiveStatus.ACCEPTED:
        raise Conflict("Action acceptée : elle est dans le plan suivant, modifiez-la là.")
    fields = data.model_dump(exclude_unset=True, exclude={"version"})
    if "indicator" in fields:
        _check_indicator(fields["indicator"])
    for name, value in fields.items():
        if name in ("status", "title", "deadline", "hours", "budget") and value is None:
            raise FieldError(name, "Valeur requise (elle ne s'efface pas).")
        if name == "status":
            action.status = CorrectiveStatus(value)
        else:
            setattr(action, name, value)
    session.flush()
    return action


def delete(session: Session, principal: Principal, action_id: int) -> None:
    action = CorrectiveRepository(session, principal).get_writable(action_id)
    if action.status is CorrectiveStatus.ACCEPTED:
        raise Conflict("Action acceptée : retirez-la du plan suivant, elle reste ici en trace.")
    session.delete(action)
    session.flush()


# --------------------------------------------------------------------------- feasibility


def _n(value: Any) -> str:
    """A figure in a French message: a decimal comma, a tenth at most, no needless zeros."""
    number = Decimal(value).quantize(Decimal("0.1"))
    return fmt(number.quantize(Decimal(1)) if number == number.to_integral_value() else number)


def _check(check: str, ok: bool, message: str, **figures: Any) -> dict[str, Any]:
    plain = {k: (str(v) if isinstance(v, Decimal | date) else v) for k, v in figures.items()}
    return {"check": check, "ok": ok, "message": message, "figures": plain}


def feasibility(
    session: Session, action: CorrectiveAction, plan: Plan | None
) -> list[dict[str, Any]]:
    """Every check with its reason: agenda capacity, budget, the case's policy, the deadline."""
    analysis = session.get(Analysis, action.analysis_id)
    assert analysis is not None
    doc = analyses.document_of(session, analysis)
    today = today_local()
    return [
        _deadline(action, today),
        _capacity(session, action, today, doc),
        _budget(session, action, plan, doc),
        *_policy(action, doc),
    ]


def _deadline(action: CorrectiveAction, today: date) -> dict[str, Any]:
    if action.deadline < today:
        return _check("deadline", False, "L'échéance est passée : choisissez une date à venir.",
                      deadline=action.deadline)  # fmt: skip
    if action.deadline > today + timedelta(days=MAX_AHEAD_DAYS):
        return _check("deadline", False, "Échéance à plus d'un an : une action corrective se "
                      "mène dans l'année.", deadline=action.deadline)  # fmt: skip
    return _check("deadline", True, f"Échéance le {action.deadline:%d/%m/%Y}.",
                  deadline=action.deadline)  # fmt: skip


def _capacity(
    session: Session, action: CorrectiveAction, today: date, doc: BusinessCaseDocument | None
) -> dict[str, Any]:
    """Hours free in the agenda from today to the deadline: working days × the case's weekly
    hours ÷ 5, less the appointments planned and the plan actions' hours (pro rata of their
    days in the window)."""
    end = max(today, action.deadline)
    weekly = doc.policy.performance.weekly_hours if doc else 35
    capacity = Decimal(fig.working_days(today, end) * weekly) / 5
    zone = ZoneInfo(get_settings().timezone)
    since = datetime.combine(today, time(0), tzinfo=zone)
    until = datetime.combine(end + timedelta(days=1), time(0), tzinfo=zone)
    minutes = session.scalar(
        select(func.coalesce(func.sum(Appointment.duration_minutes), 0)).where(
            Appointment.owner_id == action.owner_id,
            Appointment.status == AppointmentStatus.PLANNED,
            Appointment.starts_at >= since,
            Appointment.starts_at < until,
        )
    )
    planned = Decimal(minutes or 0) / 60
    for starts, ends, hours in session.execute(
        select(PlanAction.starts_on, PlanAction.ends_on, PlanAction.hours)
        .join(Plan, Plan.id == PlanAction.plan_id)
        .where(
            PlanAction.owner_id == action.owner_id,
            Plan.status != PlanStatus.RETURNED,
            PlanAction.ends_on >= today,
            PlanAction.starts_on <= end,
            PlanAction.id != (action.plan_action_id or 0),
        )
    ):
        days = (ends - starts).days + 1
        inside = (min(ends, end) - max(starts, today)).days + 1
        planned += Decimal(hours or 0) * inside / days
    free = (capacity - planned).quantize(Decimal("0.1"))
    ok = Decimal(action.hours) <= free
    message = (
        f"{_n(action.hours)} h à placer ; {_n(free)} h libres d'ici l'échéance "
        f"({_n(capacity)} h de travail commercial, {_n(planned)} h déjà prévues)."
    )
    if not ok:
        message = "Agenda trop chargé : " + message
    return _check("capacity", ok, message, hours=action.hours, free=free, capacity=capacity,
                  planned=planned.quantize(Decimal("0.1")))  # fmt: skip


def _budget(
    session: Session, action: CorrectiveAction, plan: Plan | None, doc: BusinessCaseDocument | None
) -> dict[str, Any]:
    limit = doc.policy.performance.action_budget if doc else None
    if limit is None:
        return _check("budget", True, "Le cas d'entreprise ne fixe pas de budget d'actions.",
                      budget=action.budget)  # fmt: skip
    spent = Decimal(0)
    if plan is not None:
        spent = Decimal(
            session.scalar(
                select(func.coalesce(func.sum(PlanAction.budget), 0)).where(
                    PlanAction.plan_id == plan.id
                )
            )
            or 0
        )
    total = spent + Decimal(action.budget)
    ok = total <= limit
    where = "du plan suivant" if plan else "d'un plan"
    message = (
        f"Budget {where} : {_n(spent)} € engagés + {_n(action.budget)} € = {_n(total)} € pour "
        f"un plafond de {_n(limit)} €."
    )
    return _check("budget", ok, ("Budget dépassé. " if not ok else "") + message,
                  spent=spent, budget=action.budget, limit=limit)  # fmt: skip


def _policy(action: CorrectiveAction, doc: BusinessCaseDocument | None) -> list[dict[str, Any]]:
    if doc is None:
        return [_check("policy", True, "Aucun cas d'entreprise à vérifier.")]
    out = []
    segments = [s.code for s in doc.market.segments]
    families = [f.code for f in doc.catalogue.families]
    if action.segment_code and action.segment_code not in segments:
        message = f"Segment inconnu du cas : {action.segment_code} ({', '.join(segments)})."
        out.append(_check("policy", False, message, segment=action.segment_code))
    if action.product_family and action.product_family not in families:
        out.append(_check("policy", False, f"Famille inconnue du catalogue : "
                          f"{action.product_family}.", family=action.product_family))  # fmt: skip
    if action.discount_pct is not None and not out:
        limit = doc.max_discount_for(action.segment_code, action.product_family)
        if action.discount_pct > limit:
            message = (
                f"Remise de {_n(action.discount_pct)} % au-delà du plafond de la politique "
                f"({_n(limit)} %)."
            )
            out.append(_check("policy", False, message, discount=action.discount_pct, limit=limit))
    return out or [_check("policy", True, "Conforme à la politique commerciale du cas.")]


# --------------------------------------------------------------------------- acceptance


def next_plan(session: Session, principal: Principal, plan_id: int, analysis: Analysis) -> Plan:
    plan = PlanRepository(session, principal).get_referenced(plan_id, "plan_id")
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.RETURNED):
        raise FieldError("plan_id", "Le plan suivant doit être un brouillon ou un plan renvoyé.")
    if plan.ends_on <= analysis.ends_on:
        raise FieldError("plan_id", "Le plan suivant doit finir après la période analysée.")
    return plan


def accept(
    session: Session, principal: Principal, action_id: int, data: CorrectiveAccept
) -> tuple[CorrectiveAction, list[dict[str, Any]]]:
    """The action becomes a planned action of the next plan and a task due on its deadline;
    409 ``action-not-feasible`` with every failing check otherwise, nothing written."""
    action = CorrectiveRepository(session, principal).get_writable(action_id)
    check_version(action, data.version)
    if action.status is not CorrectiveStatus.PROPOSED:
        raise Conflict("Action déjà acceptée ou abandonnée.")
    analysis = session.get(Analysis, action.analysis_id)
    assert analysis is not None
    plan = next_plan(session, principal, data.plan_id, analysis)
    checks = feasibility(session, action, plan)
    failing = [c for c in checks if not c["ok"]]
    if failing:
        raise Conflict(
            "Action non réalisable : " + " ".join(c["message"] for c in failing),
            problem_slug="action-not-feasible",
            problem_title="Action corrective non réalisable",
            checks=failing,
        )
    start = max(today_local(), plan.starts_on)
    end = min(action.deadline, plan.ends_on)
    if end < start:
        raise FieldError("plan_id", "L'échéance de l'action tombe hors de la période du plan.")
    planned = PlanAction(
        owner_id=action.owner_id, plan_id=plan.id, kind=PLAN_KIND[action.kind],
        title=action.title, starts_on=start, ends_on=end, segment_code=action.segment_code,
        hours=action.hours, budget=action.budget, discount_pct=action.discount_pct,
        product_family=action.product_family,
        notes=f"Action corrective de « {analysis.title} ». {action.expected_effect}".strip(),
    )  # fmt: skip
    session.add(planned)
    session.flush()
    task = add_task_for(
        session, action.owner_id, action.title, end,
        notes=f"Indicateur : {action.indicator or '—'} ; attendu : "
        f"{action.expected_value if action.expected_value is not None else '—'}. "
        f"{action.expected_effect}",
        link=(TaskLinkKind.PLAN_ACTION, planned.id),
    )  # fmt: skip
    action.status = CorrectiveStatus.ACCEPTED
    action.accepted_at = utcnow()
    action.plan_action_id = planned.id
    action.task_id = task.id
    session.flush()
    return action, checks


def actions_of(session: Session, analysis: Analysis) -> list[CorrectiveAction]:
    return list(
        session.scalars(
            select(CorrectiveAction)
            .where(CorrectiveAction.analysis_id == analysis.id)
            .order_by(CorrectiveAction.id)
        )
    )


def plan_for_check(
    session: Session, principal: Principal, action: CorrectiveAction, plan_id: int | None
) -> Plan | None:
    """The plan a feasibility check reads the budget of: the one named (a plan of the action's
    trainee), else the trainee's next plan (draft or returned, ending after the analysis)."""
    analysis = session.get(Analysis, action.analysis_id)
    assert analysis is not None
    if plan_id is not None:
        plan = session.scalar(
            PlanRepository(session, principal).readable_statement().where(Plan.id == plan_id)
        )
        if plan is None or plan.owner_id != action.owner_id:
            raise FieldError("plan_id", f"Plan {plan_id} inconnu parmi ceux du stagiaire.",
                             location="query")  # fmt: skip
        return plan
    return session.scalar(
        select(Plan)
        .where(
            Plan.owner_id == action.owner_id,
            Plan.status.in_([PlanStatus.DRAFT, PlanStatus.RETURNED]),
            Plan.ends_on > analysis.ends_on,
        )
        .order_by(Plan.starts_on, Plan.id)
        .limit(1)
    )
