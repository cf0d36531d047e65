"""The scoping rules themselves, model by model and role by role."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import scoping
from app.core.principal import Principal
from app.models import (
    ApiScope,
    ApiToken,
    Assessment,
    AssessmentLevel,
    Cohort,
    EvidenceRecord,
    Role,
    User,
)
from tests.factories import make_cohort, make_org, make_user


def principal(user: User) -> Principal:
    return Principal(
        user_id=user.id,
        organisation_id=user.organisation_id,
        role=user.role,
        cohort_id=user.cohort_id,
        scopes=frozenset(ApiScope),
    )


def visible(db: Session, model: type, user: User, *, write: bool = False) -> set[int]:
    rule = scoping.writable if write else scoping.readable
    return set(db.scalars(select(model.id).where(rule(model, principal(user)))))


def test_every_rule_by_role(db: Session) -> None:
    org = make_org(db)
    admin = make_user(db, org, Role.ADMIN)
    trainer = make_user(db, org, Role.TRAINER)
    led = make_cohort(db, org, trainers=[trainer])
    other = make_cohort(db, org)
    a = make_user(db, org, cohort=led)
    b = make_user(db, org, cohort=led)
    c = make_user(db, org, cohort=other)
    foreign_org = make_org(db)
    foreign = make_user(db, foreign_org, Role.ADMIN)

    records = {}
    for owner in (a, b, c):
        record = EvidenceRecord(
            organisation_id=org.id, trainee_id=owner.id, action="x", method="POST",
            route="/", framework_version="v",
        )  # fmt: skip
        token = ApiToken(
            user_id=owner.id,
            name="t",
            prefix=f"p{owner.id:011d}",
            secret_hash="h" * 64,
            scopes=["read"],
        )
        assessment = Assessment(
            organisation_id=org.id, trainee_id=owner.id, criterion_code="CP1.1",
            level=AssessmentLevel.ACQUIRED, assessor_id=trainer.id, framework_version="v",
        )  # fmt: skip
        db.add_all([record, token, assessment])
        db.flush()
        records[owner.id] = (record.id, token.id, assessment.id)

    ev = {uid: ids[0] for uid, ids in records.items()}
    tok = {uid: ids[1] for uid, ids in records.items()}
    ass = {uid: ids[2] for uid, ids in records.items()}

    # Users
    assert visible(db, User, admin) == {admin.id, trainer.id, a.id, b.id, c.id}
    assert visible(db, User, trainer) == {trainer.id, a.id, b.id}
    assert visible(db, User, a) == {a.id}
    assert visible(db, User, foreign) == {foreign.id}
    assert visible(db, User, admin, write=True) == {admin.id, trainer.id, a.id, b.id, c.id}
    assert visible(db, User, trainer, write=True) == set()
    # Cohorts
    assert visible(db, Cohort, admin) == {led.id, other.id}
    assert visible(db, Cohort, trainer) == {led.id}
    assert visible(db, Cohort, c) == {other.id}
    assert visible(db, Cohort, foreign) == set()
    assert visible(db, Cohort, trainer, write=True) == set()
    # Trainee records: evidence and assessments (append-only: nobody writes them)
    for model, ids in ((EvidenceRecord, ev), (Assessment, ass)):
        assert visible(db, model, admin) == set(ids.values())
        assert visible(db, model, trainer) == {ids[a.id], ids[b.id]}
        assert visible(db, model, a) == {ids[a.id]}
        assert visible(db, model, foreign) == set()
        assert visible(db, model, a, write=True) == set()
    # Private records: API tokens
    assert visible(db, ApiToken, a) == {tok[a.id]}
    assert visible(db, ApiToken, trainer) == set()
    assert visible(db, ApiToken, admin) == set()
    assert visible(db, ApiToken, a, write=True) == {tok[a.id]}
