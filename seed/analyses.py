"""The demo's gap analysis (issue 19): a company tutor (« Marc Lemaire », the employer's tutor
of two work-study trainees, stagiaire02 and stagiaire04), and for those two trainees the plans
an analysis reads: a validated PAC of the previous month whose targets are set from what the
trainee actually did (some objectives reached, some close, some behind: a gap to analyse), and
a draft PAC of the current month (the next plan that receives corrective actions). For
stagiaire04, the analysis of the previous month is made and diagnosed, and its synthesis note
is submitted (version 1), so the trainer's and the tutor's queues have a note to read.

Deterministic (targets computed from the seeded activity) and idempotent: a trainee who has a
plan is left alone; the tutor's links are added once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from app.analyses import notes
from app.analyses import service as analyses
from app.analyses.schemas import AnalysisCreate
from app.business_cases import service as business_cases
from app.common.clock import utcnow
from app.core.principal import Principal
from app.metrics import registry
from app.models import (
    ApiScope,
    Organisation,
    Plan,
    PlanAction,
    PlanActionKind,
    PlanObjective,
    PlanPeriodKind,
    PlanStatus,
    Role,
    User,
    tutor_trainees,
)

TUTEES = ("stagiaire02@demo.capvente.fr", "stagiaire04@demo.capvente.fr")
WITH_NOTE = "stagiaire04@demo.capvente.fr"
# Objective: (metric, label, target as a share of what was done, at least).
OBJECTIVES = (
    ("contacts", "Contacts émis", Decimal("1.35"), Decimal(20)),
    ("appointments_taken", "Rendez-vous pris", Decimal("0.90"), Decimal(1)),
    ("quotes_sent", "Devis envoyés", Decimal("1.60"), Decimal(2)),
    ("orders_placed", "Commandes", Decimal("1.05"), Decimal(1)),
    ("ordered_amount_ht", "Chiffre d'affaires commandé", Decimal("1.20"), Decimal(1000)),
)
MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")  # fmt: skip


@dataclass
class AnalysisSeedReport:
    tutees: int = 0
    plans: int = 0
    analyses: int = 0
    notes: int = 0

    def __str__(self) -> str:
        return (
            f"{self.tutees} alternant(s) lié(s) au tuteur, {self.plans} plan(s) d'actions, "
            f"{self.analyses} analyse(s) et {self.notes} note(s) de synthèse soumise(s)"
        )


def _month(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def seed_analyses(
    session: Session, org: Organisation, trainees: list[User], trainer: User, tutor: User
) -> AnalysisSeedReport:
    report = AnalysisSeedReport()
    by_email = {t.email: t for t in trainees}
    for email in TUTEES:
        trainee = by_email.get(email)
        if trainee is None:
            continue
        linked = session.scalar(
            select(
                exists().where(
                    tutor_trainees.c.tutor_id == tutor.id,
                    tutor_trainees.c.trainee_id == trainee.id,
                )
            )
        )
        if not linked:
            session.execute(
                tutor_trainees.insert().values(tutor_id=tutor.id, trainee_id=trainee.id)
            )
            report.tutees += 1
        if session.scalar(select(exists().where(Plan.owner_id == trainee.id))):
            continue
        active = business_cases.active_case(session, trainee.id)
        if active is None:
            continue
        today = utcnow().date()
        previous = _month(_month(today)[0] - timedelta(days=1))
        current = _month(today)
        plan = _plan(session, trainee, active.version.id, previous, PlanStatus.VALIDATED, trainer)
        _plan(session, trainee, active.version.id, current, PlanStatus.DRAFT, None)
        report.plans += 2
        if email == WITH_NOTE:
            principal = Principal(trainee.id, org.id, Role.TRAINEE, trainee.cohort_id,
                                  frozenset(ApiScope))  # fmt: skip
            analysis = analyses.create(session, principal, AnalysisCreate(plan_id=plan.id))
            analyses.diagnose(session, principal, analysis.id)
            note = notes.open_note(session, principal, analysis.id)
            note.body = note.body.replace(
                "## Demandes au manager\n\n- ",
                "## Demandes au manager\n\n- Un point d'accompagnement sur le traitement des "
                "objections, et l'accès au fichier des salons professionnels du trimestre.",
            )
            session.flush()
            notes.submit(session, principal, note.id, note.version)
            report.analyses += 1
            report.notes += 1
    session.flush()
    return report


def _plan(
    session: Session,
    trainee: User,
    version_id: int,
    month: tuple[date, date],
    status: PlanStatus,
    trainer: User | None,
) -> Plan:
    start, end = month
    name = f"{MONTHS_FR[start.month - 1]} {start.year}"
    plan = Plan(
        owner_id=trainee.id, title=f"PAC de {name}", business_case_version_id=version_id,
        period_kind=PlanPeriodKind.MONTH, starts_on=start, ends_on=end, status=status,
        submitted_at=utcnow() if trainer else None, decided_at=utcnow() if trainer else None,
        decided_by_id=trainer.id if trainer else None,
        decision_comment="Plan cohérent, objectifs ambitieux sur les devis." if trainer else "",
    )  # fmt: skip
    session.add(plan)
    session.flush()
    done = registry.compute(session, [c for c, *_ in OBJECTIVES], [trainee.id], start, end)
    for position, (code, label, factor, floor) in enumerate(OBJECTIVES):
        actual = Decimal(done[code][trainee.id] or 0)
        target = max(floor, (actual * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        objective = PlanObjective(
            owner_id=trainee.id, plan_id=plan.id, metric_code=code, label=label,
            target=target, weight=1, position=position,
        )  # fmt: skip
        session.add(objective)
    session.add(
        PlanAction(
            owner_id=trainee.id,
            plan_id=plan.id,
            kind=PlanActionKind.PHONING,
            title=f"Phoning de {name}",
            starts_on=start,
            ends_on=end,
            hours=Decimal(20),
            notes="Deux demi-journées par semaine.",
        )
    )
    session.flush()
    return plan
