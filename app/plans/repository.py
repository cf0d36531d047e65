"""Queries of the PAC, from the caller's scope."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import String, select, type_coerce, update
from sqlalchemy.orm import Session

from app.auth.repository import CohortRepository
from app.core.errors import NotFound
from app.core.pagination import PageParams, order_by, paginate
from app.core.repository import ScopedRepository
from app.models import (
    BusinessCase,
    BusinessCaseVersion,
    Campaign,
    Plan,
    PlanAction,
    PlanActionObjective,
    PlanObjective,
    PlanStatus,
    Role,
    Tour,
    User,
)

PLAN_SORTS = {
    "starts_on": Plan.starts_on,
    "updated_at": Plan.updated_at,
    "status": Plan.status,
    "title": Plan.title,
}


class PlanRepository(ScopedRepository[Plan]):
    model = Plan
    label = "Plan d'actions commerciales"

    def page(
        self,
        params: PageParams,
        *,
        owner_id: int | None,
        status: PlanStatus | None,
        sort: str | None,
    ) -> tuple[list[Plan], int]:
        stmt = self.readable_statement(owner_id)
        if status is not None:
            stmt = stmt.where(Plan.status == status)
        stmt = stmt.order_by(*order_by(sort, PLAN_SORTS, default=("-starts_on",)), Plan.id)
        return paginate(self.session, stmt, params)


M = TypeVar("M", PlanObjective, PlanAction)


class _PlanChild(ScopedRepository[M]):
    """A record of one plan (an objective, an action), named by the route's path."""

    def in_plan(self, plan_id: int, id_: int) -> M:
        stmt = self.writable_statement().where(self.model.id == id_, self.model.plan_id == plan_id)
        found = self.session.scalar(stmt)
        if found is None:
            raise NotFound(f"{self.label} {id_} introuvable dans ce plan.")
        return found


class ObjectiveRepository(_PlanChild[PlanObjective]):
    model = PlanObjective
    label = "Objectif"
    not_a_child = "{id} : objectif inconnu dans ce plan."


class ActionRepository(_PlanChild[PlanAction]):
    model = PlanAction
    label = "Action"
    not_a_child = "{id} : action inconnue dans ce plan."


class CampaignLinks(ScopedRepository[Campaign]):
    model = Campaign
    label = "Campagne"


class TourLinks(ScopedRepository[Tour]):
    model = Tour
    label = "Tournée"


def objectives_of(session: Session, plan_id: int) -> list[PlanObjective]:
    stmt = select(PlanObjective).where(PlanObjective.plan_id == plan_id)
    return list(session.scalars(stmt.order_by(PlanObjective.position, PlanObjective.id)))


class ObjectiveRow(NamedTuple):
    """An objective as progress reads it (a tuple: thousands for a cohort, read by position
    where a database row's attribute lookup by name costs seven times more)."""

    id: int
    plan_id: int
    parent_id: int | None
    metric_code: str | None
    label: str
    target: Any
    success_criterion: str
    dimension: str | None
    slice_key: str | None


def objective_rows(session: Session, plan_ids: Sequence[int]) -> dict[int, list[ObjectiveRow]]:
    """The objectives of several plans as plain rows (what progress reads: thousands for a
    cohort, no ORM objects), by plan, in the plans' order of objectives."""
    out: dict[int, list[ObjectiveRow]] = {plan_id: [] for plan_id in plan_ids}
    if not plan_ids:
        return out
    rows = session.connection().execute(
        select(
            PlanObjective.id, PlanObjective.plan_id, PlanObjective.parent_id,
            PlanObjective.metric_code, PlanObjective.label, PlanObjective.target,
            PlanObjective.success_criterion,
            # The dimension's text as stored (the answer's value): no enum per row.
            type_coerce(PlanObjective.dimension, String), PlanObjective.slice_key,
        )
        .where(PlanObjective.plan_id.in_(plan_ids))
        .order_by(PlanObjective.plan_id, PlanObjective.position, PlanObjective.id)
    ).all()  # fmt: skip
    make = ObjectiveRow._make
    for row in rows:
        out[row[1]].append(make(row))
    return out


def actions_of(session: Session, plan_id: int) -> list[PlanAction]:
    stmt = select(PlanAction).where(PlanAction.plan_id == plan_id)
    return list(session.scalars(stmt.order_by(PlanAction.starts_on, PlanAction.id)))


def contributions_of(session: Session, action_ids: Sequence[int]) -> list[PlanActionObjective]:
    if not action_ids:
        return []
    stmt = select(PlanActionObjective).where(PlanActionObjective.action_id.in_(action_ids))
    return list(session.scalars(stmt.order_by(PlanActionObjective.id)))


def campaigns_of(session: Session, action_ids: Sequence[int]) -> list[Campaign]:
    if not action_ids:
        return []
    stmt = select(Campaign).where(Campaign.plan_action_id.in_(action_ids))
    return list(session.scalars(stmt.order_by(Campaign.id)))


def tours_of(session: Session, action_ids: Sequence[int]) -> list[Tour]:
    if not action_ids:
        return []
    stmt = select(Tour).where(Tour.plan_action_id.in_(action_ids))
    return list(session.scalars(stmt.order_by(Tour.id)))


def unlink(session: Session, model: Any, action_id: int, keep: Sequence[int]) -> None:
    """Detach from an action the campaigns (or tours) no longer listed."""
    stmt = update(model).where(model.plan_action_id == action_id)
    if keep:
        stmt = stmt.where(model.id.not_in(keep))
    session.execute(stmt.values(plan_action_id=None).execution_options(synchronize_session=False))


def case_of_versions(
    session: Session, version_ids: Sequence[int]
) -> dict[int, tuple[int, str, int]]:
    """Each version's case id, name and number."""
    if not version_ids:
        return {}
    rows = session.execute(
        select(
            BusinessCaseVersion.id, BusinessCase.id, BusinessCase.name, BusinessCaseVersion.number
        )
        .join(BusinessCase, BusinessCase.id == BusinessCaseVersion.business_case_id)
        .where(BusinessCaseVersion.id.in_(version_ids))
    )
    return {vid: (cid, name, number) for vid, cid, name, number in rows}


def user_names(session: Session, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(User.id, User.full_name).where(User.id.in_(ids))).all())


def cohort_plans(
    session: Session, principal: Any, cohort_id: int, on: Any
) -> tuple[list[tuple[int, str]], dict[int, Plan]]:
    """The trainees of a cohort the caller may read (404 otherwise) and, for each, the plan
    covering ``on``: the latest validated one, else the latest of any status."""
    cohort = CohortRepository(session, principal).get_readable(cohort_id)
    trainees = [
        (uid, name)
        for uid, name in session.execute(
            select(User.id, User.full_name)
            .where(User.cohort_id == cohort.id, User.role == Role.TRAINEE, User.is_active.is_(True))
            .order_by(User.full_name, User.id)
        )
    ]
    ids = [uid for uid, _ in trainees]
    plans: dict[int, Plan] = {}
    if ids:
        stmt = (
            PlanRepository(session, principal)
            .readable_statement()
            .where(Plan.owner_id.in_(ids), Plan.starts_on <= on, Plan.ends_on >= on)
        )
        for plan in session.scalars(stmt):
            best = plans.get(plan.owner_id)
            if best is None or _rank(plan) > _rank(best):
                plans[plan.owner_id] = plan
    return trainees, plans


def _rank(plan: Plan) -> tuple[bool, int, int]:
    return (plan.status is PlanStatus.VALIDATED, plan.revision, plan.id)
