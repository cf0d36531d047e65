"""Co-purchase recommendations (CP8.2): the association rules of a business case's purchase
histories (every customer's products on that case, aggregated; mlxtend's FP-growth in
``analytics.mine_rules``), computed as a job with progress (``recommendation_runs``) in
sessions of its own after the request's answer; a customer's recommendations are the rules
of the latest finished run that fit what they bought."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from app.business_cases import service as cases
from app.common.clock import utcnow
from app.core.db import start_writing
from app.core.errors import Conflict
from app.loyalty import analytics
from app.loyalty.data import baskets_frame
from app.models import JobStatus, RecommendationRun

#: A run left "running" this long has lost its worker (a restart): a new one may start.
STALE_SECONDS = 600


def start(
    session: Session, owner_id: int, min_support: Decimal, min_confidence: Decimal
) -> RecommendationRun:
    active = cases.require_active_case(session, owner_id)
    running = session.scalar(
        select(RecommendationRun).where(
            RecommendationRun.owner_id == owner_id,
            RecommendationRun.status.in_([JobStatus.QUEUED, JobStatus.RUNNING]),
        )
    )
    if running is not None and (utcnow() - running.created_at).total_seconds() < STALE_SECONDS:
        raise Conflict(f"Un calcul est déjà en cours (n° {running.id}).", run_id=running.id)
    run = RecommendationRun(
        owner_id=owner_id,
        business_case_id=active.case.id,
        status=JobStatus.QUEUED,
        min_support=min_support,
        min_confidence=min_confidence,
        step="En attente",
    )
    session.add(run)
    session.flush()
    return run


def run_job(factory: sessionmaker[Session], run_id: int) -> None:
    """The job: reads the baskets, mines the rules, keeps them; progress committed as it goes
    (each commit a short write of its own)."""

    def progress(percent: int, step: str) -> None:
        with factory() as s, s.begin():
            start_writing(s)  # SQLite: wait for the lock (BEGIN IMMEDIATE) rather than fail
            run = s.get(RecommendationRun, run_id)
            if run is not None:
                run.status, run.progress, run.step = JobStatus.RUNNING, percent, step[:200]

    try:
        with factory() as s:
            run = s.get(RecommendationRun, run_id)
            if run is None:
                return
            case_id, support, confidence = (
                run.business_case_id,
                float(run.min_support),
                float(run.min_confidence),
            )
            baskets = baskets_frame(s, case_id)
        progress(5, "Historiques d'achat lus")
        mined = analytics.mine_rules(
            baskets,
            min_support=support,
            min_confidence=confidence,
            # The baskets read were 5 %: the mining's own 0–100 % fills 5–99 %.
            progress=lambda percent, step: progress(5 + percent * 94 // 100, step),
        )
        with factory() as s, s.begin():
            start_writing(s)
            run = s.get(RecommendationRun, run_id)
            if run is None:
                return
            run.status, run.progress, run.step = JobStatus.DONE, 100, "Terminé"
            run.customers, run.products = mined.customers, mined.products
            run.rules = [rule_stored(r) for r in mined.rules]
            run.finished_at = utcnow()
    except Exception as exc:  # the run says it failed; the server goes on
        with factory() as s, s.begin():
            start_writing(s)
            run = s.get(RecommendationRun, run_id)
            if run is not None:
                run.status, run.error = JobStatus.FAILED, str(exc)[:500]
                run.finished_at = utcnow()
        raise


def rule_stored(rule: analytics.Rule) -> dict[str, Any]:
    return {
        "antecedents": list(rule.antecedents),
        "consequent": rule.consequent,
        "support": str(rule.support),
        "confidence": str(rule.confidence),
        "lift": str(rule.lift),
        "customers": rule.customers,
    }


def rule_of(stored: dict[str, Any]) -> analytics.Rule:
    return analytics.Rule(
        antecedents=tuple(stored["antecedents"]),
        consequent=stored["consequent"],
        support=Decimal(stored["support"]),
        confidence=Decimal(stored["confidence"]),
        lift=Decimal(stored["lift"]),
        customers=int(stored["customers"]),
    )


def latest(session: Session, owner_id: int) -> RecommendationRun | None:
    """The owner's latest finished run on their active case."""
    active = cases.active_case(session, owner_id)
    if active is None:
        return None
    return session.scalar(
        select(RecommendationRun)
        .where(
            RecommendationRun.owner_id == owner_id,
            RecommendationRun.business_case_id == active.case.id,
            RecommendationRun.status == JobStatus.DONE,
        )
        .order_by(RecommendationRun.id.desc())
        .limit(1)
    )


def rules_of(run: RecommendationRun | None) -> list[analytics.Rule]:
    return [rule_of(r) for r in run.rules] if run is not None else []


def run_out(run: RecommendationRun) -> dict[str, Any]:
    return {
        **{
            c: getattr(run, c)
            for c in (
                "id",
                "business_case_id",
                "status",
                "progress",
                "step",
                "min_support",
                "min_confidence",
                "customers",
                "products",
                "error",
                "created_at",
                "finished_at",
            )
        },
        "rules": len(run.rules),
    }


def rules_out(rules: list[analytics.Rule], names: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "antecedents": list(r.antecedents),
            "consequent": r.consequent,
            "support": r.support,
            "confidence": r.confidence,
            "lift": r.lift,
            "customers": r.customers,
            "explanation": analytics.explain(r, names),
        }
        for r in rules
    ]
