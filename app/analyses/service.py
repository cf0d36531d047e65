"""Analyses and their causes: create an analysis of a period, compute its figures, run the
diagnostic rules, and the trainee's decisions on the causes found (or added)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.analyses import figures as fig
from app.analyses import rules
from app.analyses.repository import AnalysisRepository, CauseRepository, analysis_summaries, names
from app.analyses.schemas import AnalysisCreate, CauseCreate, CauseDecision
from app.business_cases import service as cases
from app.business_cases.document import BusinessCaseDocument
from app.common.clock import utcnow
from app.config import get_settings, today_local
from app.core.db import start_writing
from app.core.errors import Conflict, FieldError, Forbidden
from app.core.patch import check_version
from app.core.principal import Principal
from app.metrics import registry
from app.models import (
    Analysis,
    AnalysisCause,
    CauseStatus,
    CorrectiveAction,
    CorrectiveStatus,
    Plan,
    PlanStatus,
    Role,
    SynthesisNote,
    User,
)
from app.plans import service as plans
from app.plans.repository import PlanRepository

MAX_DAYS = 366


def _french(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def create(session: Session, principal: Principal, data: AnalysisCreate) -> Analysis:
    """A trainee's analysis of a period: a plan of theirs (its dates by default) or dates."""
    if principal.role is not Role.TRAINEE:
        raise Forbidden("Seul un stagiaire analyse sa propre période.")
    plan = None
    if data.plan_id is not None:
        plan = PlanRepository(session, principal).get_referenced(data.plan_id, "plan_id")
    start = data.starts_on or (plan.starts_on if plan else None)
    end = data.ends_on or (plan.ends_on if plan else None)
    assert start is not None
    assert end is not None
    if end < start:
        raise FieldError("ends_on", "La période finit avant de commencer.")
    if (end - start).days + 1 > MAX_DAYS:
        raise FieldError("ends_on", f"Une analyse porte sur {MAX_DAYS} jours au plus.")
    if start > today_local():
        raise FieldError("starts_on", "La période n'a pas commencé : rien à analyser.")
    if plan is None:
        plan = _plan_covering(session, principal.user_id, end)
    analysis = Analysis(
        owner_id=principal.user_id,
        title=data.title or f"Analyse du {_french(start)} au {_french(end)}",
        starts_on=start,
        ends_on=end,
        plan_id=plan.id if plan else None,
    )
    session.add(analysis)
    session.flush()
    return analysis


def _plan_covering(session: Session, owner_id: int, day: date) -> Plan | None:
    """The trainee's plan covering ``day``: the latest validated, else the latest."""
    found = session.scalars(
        select(Plan)
        .where(Plan.owner_id == owner_id, Plan.starts_on <= day, Plan.ends_on >= day)
        .order_by(Plan.revision.desc(), Plan.id.desc())
    ).all()
    validated = [p for p in found if p.status is PlanStatus.VALIDATED]
    chosen = validated or list(found)
    return chosen[0] if chosen else None


def document_of(session: Session, analysis: Analysis) -> BusinessCaseDocument | None:
    """The business case the analysis reads: its plan's version, else the trainee's case."""
    plan = session.get(Plan, analysis.plan_id) if analysis.plan_id else None
    if plan is not None:
        return plans.document(session, plan)
    active = cases.active_case(session, analysis.owner_id)
    return active.document if active else None


def scope_of(session: Session, analysis: Analysis) -> fig.Scope:
    owner = session.get(User, analysis.owner_id)
    assert owner is not None
    cohort: list[int] = []
    if owner.cohort_id is not None:
        cohort = list(
            session.scalars(
                select(User.id).where(
                    User.cohort_id == owner.cohort_id,
                    User.role == Role.TRAINEE,
                    User.is_active.is_(True),
                )
            )
        )
    doc = document_of(session, analysis)
    return fig.Scope(
        owner_id=analysis.owner_id,
        start=analysis.starts_on,
        end=analysis.ends_on,
        plan=session.get(Plan, analysis.plan_id) if analysis.plan_id else None,
        cohort_ids=cohort,
        today=today_local(),
        close_pct=doc.policy.performance.close_to_target_pct if doc else 10,
        benchmark_seconds=get_settings().cohort_benchmark_seconds,
    )


def figures(session: Session, analysis: Analysis) -> dict[str, Any]:
    """The analysis's figures now, with the effect of earlier corrective actions."""
    scope = scope_of(session, analysis)
    out = fig.compute(session, scope)
    out["effects"] = effects(session, analysis, out["values"])
    return out


def effects(session: Session, analysis: Analysis, values: dict[str, Any]) -> list[dict[str, Any]]:
    """The corrective actions accepted in the trainee's earlier analyses whose deadline falls
    in this period: the indicator before (baseline), now, the expected value, reached?"""
    rows = session.execute(
        select(CorrectiveAction, Analysis.title)
        .join(Analysis, Analysis.id == CorrectiveAction.analysis_id)
        .where(
            CorrectiveAction.owner_id == analysis.owner_id,
            CorrectiveAction.status == CorrectiveStatus.ACCEPTED,
            CorrectiveAction.analysis_id != analysis.id,
            CorrectiveAction.deadline >= analysis.starts_on,
            CorrectiveAction.deadline <= analysis.ends_on,
        )
        .order_by(CorrectiveAction.deadline, CorrectiveAction.id)
    ).all()
    out = []
    for action, title in rows:
        now = values.get(action.indicator) if action.indicator else None
        reached = None
        if now is not None and action.expected_value is not None and action.indicator:
            higher = registry.get(action.indicator).higher_is_better
            reached = now >= action.expected_value if higher else now <= action.expected_value
        out.append(
            {
                "action_id": action.id,
                "title": action.title,
                "from_analysis": title,
                "deadline": action.deadline,
                "indicator": action.indicator,
                "baseline": action.baseline,
                "now": now,
                "expected": action.expected_value,
                "reached": reached,
            }
        )
    return out


def analyses_out(session: Session, items: list[Analysis]) -> list[dict[str, Any]]:
    extra = analysis_summaries(session, [a.id for a in items])
    people = names(session, [a.owner_id for a in items])
    return [
        {
            "id": a.id,
            "owner_id": a.owner_id,
            "owner_name": people.get(a.owner_id, ("", ""))[0],
            "title": a.title,
            "starts_on": a.starts_on,
            "ends_on": a.ends_on,
            "plan_id": a.plan_id,
            "diagnosed_at": a.diagnosed_at,
            "created_at": a.created_at,
            **extra[a.id],
        }
        for a in items
    ]


# --------------------------------------------------------------------------- causes


def diagnose(session: Session, principal: Principal, analysis_id: int) -> tuple[int, list[int]]:
    """Run every rule (reads first, no write lock), then write the findings as proposed causes:
    a finding already there (same rule and key) gets its new figures and keeps the trainee's
    decision; a proposed cause no rule finds any more is removed (decided ones stay)."""
    analysis = AnalysisRepository(session, principal).get_writable(analysis_id)
    ctx = rules.Context(session, scope_of(session, analysis), {}, document_of(session, analysis))
    ctx.figures = fig.compute(session, ctx.scope)
    found = rules.run(ctx)
    start_writing(session)
    analysis = AnalysisRepository(session, principal).get_writable(analysis_id)
    existing: dict[tuple[str | None, str], AnalysisCause] = {
        (c.rule_code, c.key): c
        for c in session.scalars(
            select(AnalysisCause).where(
                AnalysisCause.analysis_id == analysis.id, AnalysisCause.rule_code.is_not(None)
            )
        )
    }
    seen: set[tuple[str | None, str]] = set()
    ids = []
    for rule, finding in found:
        key: tuple[str | None, str] = (rule.code, finding.key[:120])
        seen.add(key)
        cause = existing.get(key)
        if cause is None:
            cause = AnalysisCause(
                owner_id=analysis.owner_id, analysis_id=analysis.id, rule_code=rule.code,
                key=key[1],
            )  # fmt: skip
            session.add(cause)
        cause.title = finding.title[:300]
        cause.explanation = finding.explanation
        cause.figures = _plain(finding.figures)
        cause.links = _plain(finding.links)
        session.flush()
        ids.append(cause.id)
    for key, cause in existing.items():
        if key not in seen and cause.status is CauseStatus.PROPOSED:
            session.delete(cause)
    analysis.diagnosed_at = utcnow()
    session.flush()
    return len(rules.RULES), ids


def _plain(value: Any) -> Any:
    """JSON-able: decimals and dates as text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)


def causes_of(session: Session, analysis: Analysis) -> list[AnalysisCause]:
    return list(
        session.scalars(
            select(AnalysisCause)
            .where(AnalysisCause.analysis_id == analysis.id)
            .order_by(AnalysisCause.id)
        )
    )


def cause_out(cause: AnalysisCause) -> dict[str, Any]:
    rule = rules.BY_CODE.get(cause.rule_code or "")
    return {
        "id": cause.id, "analysis_id": cause.analysis_id, "rule_code": cause.rule_code,
        "rule_label": rule.label if rule else None, "key": cause.key, "title": cause.title,
        "explanation": cause.explanation, "criterion": cause.criterion, "figures": cause.figures,
        "links": cause.links, "status": cause.status, "comment": cause.comment,
        "decided_at": cause.decided_at, "version": cause.version,
    }  # fmt: skip


def add_cause(
    session: Session, principal: Principal, analysis_id: int, data: CauseCreate
) -> AnalysisCause:
    analysis = AnalysisRepository(session, principal).get_writable(analysis_id)
    cause = AnalysisCause(
        owner_id=analysis.owner_id, analysis_id=analysis.id, rule_code=None,
        key=f"own:{utcnow().timestamp()}", title=data.title, explanation=data.explanation,
        figures=dict(data.figures), links=[], status=CauseStatus.CONFIRMED, decided_at=utcnow(),
    )  # fmt: skip
    session.add(cause)
    session.flush()
    return cause


def decide(
    session: Session, principal: Principal, cause_id: int, data: CauseDecision
) -> tuple[AnalysisCause, bool]:
    """Confirm or reject a cause; (the cause, whether it was confirmed now for the first
    time: what the trainee shows, once)."""
    cause = CauseRepository(session, principal).get_writable(cause_id)
    check_version(cause, data.version)
    if cause.rule_code is None and data.decision == "rejected":
        raise Conflict("Une cause que vous avez ajoutée se supprime, elle ne se rejette pas.")
    # A cause confirmed again after a rejection shows nothing new: the route's evidence
    # counts once per cause (``once_per``).
    first = data.decision == "confirmed" and cause.status is not CauseStatus.CONFIRMED
    cause.status = CauseStatus(data.decision)
    cause.comment = data.comment
    cause.decided_at = utcnow()
    session.flush()
    return cause, first


def delete_cause(session: Session, principal: Principal, cause_id: int) -> None:
    cause = CauseRepository(session, principal).get_writable(cause_id)
    if cause.rule_code is not None:
        raise Conflict("Une cause trouvée par une règle se rejette, elle ne se supprime pas.")
    session.delete(cause)
    session.flush()


def rules_out() -> list[dict[str, Any]]:
    return [
        {
            "code": r.code, "label": r.label, "description": r.description, "reads": r.reads,
            "thresholds": dict(r.thresholds),
            "actions": [{"kind": a.kind, "title": a.title, "indicator": a.indicator}
                        for a in r.actions],
        }
        for r in rules.RULES
    ]  # fmt: skip


def delete(session: Session, principal: Principal, analysis_id: int) -> None:
    """Delete an analysis with its causes, actions and draft note; never one whose note was
    submitted (its versions are what the trainer read and assessed)."""
    analysis = AnalysisRepository(session, principal).get_writable(analysis_id)
    submitted = session.scalar(
        select(SynthesisNote.id).where(
            SynthesisNote.analysis_id == analysis.id, SynthesisNote.versions_count > 0
        )
    )
    if submitted is not None:
        raise Conflict("La note de cette analyse a été soumise : l'analyse est conservée.")
    session.delete(analysis)
    session.flush()
