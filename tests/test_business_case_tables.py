"""The business case's tables hold what the design says (docs/design/015-business-case-pac.md):
a version is one document, an assignment names a cohort or a trainee (never both, never
neither), one case per cohort and one per trainee, a version's catalogue has unique
references, prices keep their cents. On both backends."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import (
    BusinessCase,
    BusinessCaseAssignment,
    BusinessCaseProduct,
    BusinessCaseStatus,
    BusinessCaseVersion,
    Role,
)
from tests.factories import make_cohort, make_org, make_user

DOCUMENT = {"identity": {"name": "Bureau Vert"}, "catalogue": {"products": []}}


def _case(db: Session) -> tuple[BusinessCase, BusinessCaseVersion]:
    org = make_org(db)
    case = BusinessCase(organisation_id=org.id, name="Bureau Vert", draft=DOCUMENT)
    db.add(case)
    db.flush()
    version = BusinessCaseVersion(business_case_id=case.id, number=1, document=DOCUMENT)
    db.add(version)
    db.flush()
    return case, version


def test_a_case_starts_as_a_draft_and_keeps_its_document(db: Session) -> None:
    case, version = _case(db)
    db.expire_all()
    assert db.get(BusinessCase, case.id).status is BusinessCaseStatus.DRAFT  # type: ignore[union-attr]
    assert db.get(BusinessCaseVersion, version.id).document == DOCUMENT  # type: ignore[union-attr]


def test_a_version_number_is_used_once_per_case(db: Session) -> None:
    case, _ = _case(db)
    db.add(BusinessCaseVersion(business_case_id=case.id, number=1, document=DOCUMENT))
    with pytest.raises(IntegrityError):
        db.flush()


@pytest.mark.parametrize("both", [True, False])
def test_an_assignment_names_a_cohort_or_a_trainee(db: Session, both: bool) -> None:
    case, _ = _case(db)
    org = make_org(db)
    cohort = make_cohort(db, org)
    trainee = make_user(db, org, Role.TRAINEE, cohort=cohort)
    db.add(
        BusinessCaseAssignment(
            business_case_id=case.id,
            cohort_id=cohort.id if both else None,
            trainee_id=trainee.id if both else None,
        )
    )
    with pytest.raises(IntegrityError):
        db.flush()


def test_one_case_per_trainee_and_per_cohort(db: Session) -> None:
    first, _ = _case(db)
    second, _ = _case(db)
    org = make_org(db)
    cohort = make_cohort(db, org)
    trainee = make_user(db, org, Role.TRAINEE, cohort=cohort)
    db.add(BusinessCaseAssignment(business_case_id=first.id, trainee_id=trainee.id))
    db.add(BusinessCaseAssignment(business_case_id=first.id, cohort_id=cohort.id))
    db.flush()
    with db.begin_nested():
        db.add(BusinessCaseAssignment(business_case_id=second.id, trainee_id=trainee.id))
        with pytest.raises(IntegrityError):
            db.flush()
    with db.begin_nested():
        db.add(BusinessCaseAssignment(business_case_id=second.id, cohort_id=cohort.id))
        with pytest.raises(IntegrityError):
            db.flush()


def test_a_catalogue_keeps_its_cents_and_unique_references(db: Session) -> None:
    _, version = _case(db)
    db.add(
        BusinessCaseProduct(
            version_id=version.id, reference="BV-001", name="Bureau assis-debout",
            family="Mobilier", price_ht=Decimal("649.90"), tva_rate=Decimal("20.00"),
            cost_ht=Decimal("412.35"),
        )
    )  # fmt: skip
    db.flush()
    db.expire_all()
    product = db.scalars(select(BusinessCaseProduct)).one()
    assert (product.price_ht, product.tva_rate, product.cost_ht) == (
        Decimal("649.90"), Decimal("20.00"), Decimal("412.35"),
    )  # fmt: skip
    db.add(
        BusinessCaseProduct(
            version_id=version.id, reference="BV-001", name="Copie", family="Mobilier",
            price_ht=Decimal("1.00"), tva_rate=Decimal("20.00"), cost_ht=Decimal("0.50"),
        )
    )  # fmt: skip
    with pytest.raises(IntegrityError):
        db.flush()
