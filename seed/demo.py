"""Demo world: the training centre, its cohort and accounts, then each trainee's prospect
file (seed/prospects/).

Deterministic (fixed random seed) and idempotent: running it again changes nothing. Later
issues extend it: tours (seed/tours.py), the watch (seed/watch.py), the employers' business
cases (seed/business_cases.py)...
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth import service as auth_service
from app.auth.repository import UserRepository
from app.core.security import hash_password
from app.models import Cohort, Organisation, Role, User, cohort_trainers
from seed.analyses import AnalysisSeedReport, seed_analyses
from seed.business_cases import BusinessCaseSeedReport, seed_business_cases
from seed.evidence import seed_evidence
from seed.exercises import ExerciseSeedReport, seed_exercises
from seed.follow_up import FollowUpSeedReport, seed_follow_up
from seed.loyalty import LoyaltySeedReport, seed_loyalty
from seed.prospects import ProspectSeedReport, seed_prospects
from seed.social import SocialSeedReport, seed_social
from seed.tours import TourSeedReport, seed_tours
from seed.watch import WatchSeedReport, seed_watch

RANDOM_SEED = 2026
DEMO_PASSWORD = "capvente-demo"
ORG_NAME = "Centre de formation CapVente Démo"
ORG_SLUG = "demo"
COHORT_NAME = "Conseiller commercial — session 2026"
ADMIN_EMAIL = "admin@demo.capvente.fr"
TRAINER_EMAIL = "formateur@demo.capvente.fr"
TUTOR_EMAIL = "tuteur@demo.capvente.fr"
TRAINEE_COUNT = 12

FIRST_NAMES = [
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Emma", "Jade", "Louise", "Alice",
    "Lucas", "Hugo", "Nathan", "Théo", "Enzo", "Louis", "Mathis", "Yanis", "Karim", "Mehdi",
    "Awa", "Fatou", "Nicolas", "Julien", "Sophie", "Amandine", "Thomas", "Maxime",
]  # fmt: skip
LAST_NAMES = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "Andre", "Mercier", "Diallo", "Benali", "Nguyen",
]  # fmt: skip


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: Role


def trainee_email(n: int) -> str:
    return f"stagiaire{n:02d}@demo.capvente.fr"


def demo_accounts() -> list[DemoAccount]:
    """The demo accounts, the same on every run (fixed seed)."""
    rng = random.Random(RANDOM_SEED)
    firsts = rng.sample(FIRST_NAMES, TRAINEE_COUNT)
    lasts = rng.sample(LAST_NAMES, TRAINEE_COUNT)
    accounts = [
        DemoAccount(ADMIN_EMAIL, "Administration du centre", Role.ADMIN),
        DemoAccount(TRAINER_EMAIL, "Claire Formatrice", Role.TRAINER),
        # The employer's tutor of two work-study trainees (seed/analyses.py links them).
        DemoAccount(TUTOR_EMAIL, "Marc Lemaire", Role.TUTOR),
    ]
    accounts += [
        DemoAccount(trainee_email(i + 1), f"{firsts[i]} {lasts[i]}", Role.TRAINEE)
        for i in range(TRAINEE_COUNT)
    ]
    return accounts


@dataclass
class SeedReport:
    created: int = 0
    existing: int = 0
    # Rows written for the trainees' prospect files (per table).
    prospects: ProspectSeedReport = field(default_factory=ProspectSeedReport)
    # Bases and saved tours (CP2).
    tours: TourSeedReport = field(default_factory=TourSeedReport)
    # Competitors, watch sources (served by the app itself) and a note (CP1).
    watch: WatchSeedReport = field(default_factory=WatchSeedReport)
    # Evidence records of that history (what the API would have journaled).
    evidence: int = 0
    # The employers' business cases, published and assigned to their trainees.
    business_cases: BusinessCaseSeedReport = field(default_factory=BusinessCaseSeedReport)
    # Orders, an overdue invoice and a complaint of each trainee (CP7).
    follow_up: FollowUpSeedReport = field(default_factory=FollowUpSeedReport)
    # Two years of purchases of 24 customers, a relaunch plan, a survey, an event (CP8).
    loyalty: LoyaltySeedReport = field(default_factory=LoyaltySeedReport)
    # A month of social selling (profile, posts, audience, actions) and presentations (CP5).
    social: SocialSeedReport = field(default_factory=SocialSeedReport)
    # A company tutor's trainees, their plans, an analysis with its submitted note (CP4).
    analyses: AnalysisSeedReport = field(default_factory=AnalysisSeedReport)
    # The trainer's ready-made exercises on the simulated market (issue 21).
    exercises: ExerciseSeedReport = field(default_factory=ExerciseSeedReport)


def _cohort(session: Session, org: Organisation) -> Cohort:
    cohort = session.scalar(
        select(Cohort).where(Cohort.organisation_id == org.id, Cohort.name == COHORT_NAME)
    )
    if cohort is None:
        cohort = Cohort(
            organisation_id=org.id,
            name=COHORT_NAME,
            starts_on=date(2026, 9, 7),
            ends_on=date(2027, 3, 26),
        )
        session.add(cohort)
        session.flush()
    return cohort


def _lead(session: Session, user_id: int, cohort_id: int) -> None:
    link = select(cohort_trainers).where(
        cohort_trainers.c.user_id == user_id, cohort_trainers.c.cohort_id == cohort_id
    )
    if session.execute(link).first() is None:
        session.execute(cohort_trainers.insert().values(cohort_id=cohort_id, user_id=user_id))


def seed_demo(session: Session) -> SeedReport:
    """Create what is missing of the demo world; never modify what exists."""
    report = SeedReport()
    org = auth_service.ensure_organisation(session, name=ORG_NAME, slug=ORG_SLUG)
    cohort = _cohort(session, org)
    trainees: list[User] = []
    trainer: User | None = None
    tutor: User | None = None
    demo_hash: list[str] = []  # argon2 is slow on purpose: hash the shared password once
    for account in demo_accounts():
        if not demo_hash and UserRepository.by_email_unscoped(session, account.email) is None:
            demo_hash.append(hash_password(DEMO_PASSWORD))
        user, created = auth_service.bootstrap_user(
            session,
            organisation=org,
            email=account.email,
            full_name=account.full_name,
            role=account.role,
            password_hash=demo_hash[0] if demo_hash else None,
            password=DEMO_PASSWORD,
            cohort=cohort if account.role is Role.TRAINEE else None,
        )
        report.created += created
        report.existing += not created
        if account.role is Role.TRAINER:
            _lead(session, user.id, cohort.id)
            if user.organisation_id == org.id:
                trainer = user
        if account.role is Role.TUTOR and user.organisation_id == org.id:
            tutor = user
        if account.role is Role.TRAINEE and user.organisation_id == org.id:
            trainees.append(user)
    session.flush()
    report.prospects = seed_prospects(session, org, trainees)
    report.tours = seed_tours(session, org, trainees)
    report.watch = seed_watch(session, org, trainees)
    report.evidence = seed_evidence(session, org, trainees)
    if trainer is not None:
        report.business_cases = seed_business_cases(session, org, trainer, trainees)
    report.follow_up = seed_follow_up(session, org, trainees)
    report.loyalty = seed_loyalty(session, org, trainees)
    report.social = seed_social(session, org, trainees)
    if trainer is not None and tutor is not None:
        report.analyses = seed_analyses(session, org, trainees, trainer, tutor)
    if trainer is not None:
        report.exercises = seed_exercises(session, org, trainer, trainees)
    return report
