"""Demo world, part 6: the business case of each employer (CP2, and the company of AT2).

The six fictional employers of ``seed/data/offers.json`` become six complete business cases,
one JSON document each in ``seed/data/business_cases/<offer key>.json`` (the import format:
``app.business_cases.document.BusinessCaseDocument``). Each is created by the demo trainer
in the demo organisation, published as version 1 and assigned to each trainee who sells for
that employer (trainee n has offer (n - 1) mod 6): individual assignments, since the cohort
mixes six employers. A case's competitors are the watch's (``seed/data/watch/world.json``),
its segments are written so that the trainees' demo prospect files hold members and
non-members of them, and its territory is the disc that holds both of its trainees'
territories.

Everything goes through the business case service (``create_case``, ``publish``,
``assign``), as the trainer's requests would, then is dated by the demo's calendar, never
the install time: drafts written two weeks before the first exchange of the seeded history
(``WINDOW_START``), published and assigned four days before it, so that every record of
that history was made under version 1. A trainer's writes journal no evidence (evidence is
the trainees'), so the seeded evidence does not change.

Idempotent: a case is found by its name in the organisation and never touched again; a
trainee who already has a case (their own or their cohort's) gets no other.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.business_cases import repository as case_repo
from app.business_cases import service as cases
from app.business_cases.document import BusinessCaseDocument
from app.business_cases.schemas import AssignmentCreate
from app.core.principal import Principal
from app.models import (
    ApiScope,
    BusinessCase,
    BusinessCaseStatus,
    BusinessCaseVersion,
    Organisation,
    Role,
    User,
)
from seed.prospects.data import DATA_DIR, WINDOW_START, offers
from seed.prospects.dates import paris
from seed.prospects.writer import trainee_number

CASES_DIR = DATA_DIR / "business_cases"
# The demo's calendar: drafts on a Monday two weeks before the first exchange of the seeded
# history, publication and assignments on the Thursday before it.
WRITTEN_ON = WINDOW_START - timedelta(days=14)
PUBLISHED_ON = WINDOW_START - timedelta(days=4)


@dataclass
class BusinessCaseSeedReport:
    cases: int = 0
    existing: int = 0
    products: int = 0
    assignments: int = 0

    def __str__(self) -> str:
        return (
            f"{self.cases} cas d'entreprise publiés ({self.products} produits et services, "
            f"{self.existing} déjà présent(s)), {self.assignments} attribution(s) aux stagiaires"
        )


@cache
def _raw(key: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CASES_DIR / f"{key}.json").read_text(encoding="utf-8"))
    return data


def case_document(key: str) -> BusinessCaseDocument:
    """The business case of the employer of offer ``key``, validated."""
    return BusinessCaseDocument.model_validate(_raw(key))


def written_at(index: int) -> datetime:
    """When the trainer wrote the draft of the case of offer ``index``."""
    return paris(WRITTEN_ON, 9, 0) + timedelta(minutes=40 * index)


def published_at(index: int) -> datetime:
    return paris(PUBLISHED_ON, 14, 0) + timedelta(minutes=5 * index)


def assigned_at(number: int) -> datetime:
    """When trainee ``number`` was given their case (after the six were published)."""
    return paris(PUBLISHED_ON, 15, 0) + timedelta(minutes=number)


def _principal(trainer: User) -> Principal:
    return Principal(
        user_id=trainer.id,
        organisation_id=trainer.organisation_id,
        role=Role.TRAINER,
        cohort_id=None,
        scopes=frozenset(ApiScope),
    )


def _find(session: Session, organisation: Organisation, name: str) -> BusinessCase | None:
    return session.scalars(
        select(BusinessCase)
        .where(BusinessCase.organisation_id == organisation.id, BusinessCase.name == name)
        .order_by(BusinessCase.id)
        .limit(1)
    ).first()


def _create(
    session: Session, principal: Principal, doc: BusinessCaseDocument, index: int
) -> BusinessCase:
    """Create the case and publish version 1, as the trainer's two requests would, dated by
    the demo's calendar."""
    case = cases.create_case(session, principal, doc)
    # Set before publishing: the publication's one UPDATE carries them.
    case.created_at = written_at(index)
    case.updated_at = published_at(index)
    version: BusinessCaseVersion = cases.publish(session, principal, case, case.version)
    version.published_at = published_at(index)
    session.flush()
    return case


def seed_business_cases(
    session: Session,
    organisation: Organisation,
    trainer: User,
    trainees: Sequence[User],
) -> BusinessCaseSeedReport:
    """Create and publish the employers' cases that are missing, then give each trainee with
    no case the case of their employer."""
    report = BusinessCaseSeedReport()
    principal = _principal(trainer)
    by_offer: dict[str, BusinessCase] = {}
    for index, offer in enumerate(offers()):
        doc = case_document(offer["key"])
        case = _find(session, organisation, cases.case_name(doc))
        if case is None:
            case = _create(session, principal, doc, index)
            report.cases += 1
            report.products += len(doc.catalogue.products)
        else:
            report.existing += 1
        by_offer[offer["key"]] = case
    all_offers = offers()
    for position, trainee in enumerate(trainees):
        if trainee.organisation_id != organisation.id or trainee.role is not Role.TRAINEE:
            continue
        if case_repo.active_assignment(session, trainee.id) is not None:
            continue
        number = trainee_number(trainee, position)
        case = by_offer[all_offers[(number - 1) % len(all_offers)]["key"]]
        if case.status is not BusinessCaseStatus.PUBLISHED:
            continue  # a trainer's draft or archive under that name: left as it is
        assignment, created = cases.assign(
            session, principal, case, AssignmentCreate(trainee_id=trainee.id)
        )
        if created:
            assignment.assigned_at = assigned_at(number)
            report.assignments += 1
    session.flush()
    return report
