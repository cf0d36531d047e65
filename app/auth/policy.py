"""Role permissions: pure data and decisions, no I/O."""

from __future__ import annotations

import math
from enum import StrEnum

from app.models.enums import Role


class Permission(StrEnum):
    ORGANISATION_MANAGE = "organisation:manage"  # cohorts and user accounts
    COMPETENCE_ASSESS = "competence:assess"  # assess a trainee's criteria
    BUSINESS_CASE_MANAGE = "business_case:manage"  # write, publish and assign business cases
    PLAN_VALIDATE = "plan:validate"  # validate or return a trainee's action plan (PAC)
    DISCOUNT_APPROVE = "discount:approve"  # approve a discount beyond a trainee's limits


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset({Permission.ORGANISATION_MANAGE, Permission.BUSINESS_CASE_MANAGE}),
    Role.TRAINER: frozenset(
        {
            Permission.COMPETENCE_ASSESS,
            Permission.BUSINESS_CASE_MANAGE,
            Permission.PLAN_VALIDATE,
            Permission.DISCOUNT_APPROVE,
        }
    ),
    Role.TRAINEE: frozenset(),
}

ROLE_LABELS_FR = {
    Role.ADMIN: "administrateur",
    Role.TRAINER: "formateur",
    Role.TRAINEE: "stagiaire",
}


def has_permission(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def login_delay(failures: int, free: int, max_delay: int) -> int:
    """Seconds that must separate the latest failure from the next attempt: none for the
    first ``free`` failures, then 1, 2, 4, 8… up to ``max_delay`` (progressive, never a lock).
    """
    if failures < free:
        return 0
    return min(max_delay, 1 << min(failures - free, 30))


def login_refusal_wait(
    failures: int, free: int, latest_failure_age: float, max_delay: int
) -> int | None:
    """Whole seconds still to wait before the next attempt, or None when it is allowed."""
    delay = login_delay(failures, free, max_delay)
    left = delay - latest_failure_age
    if left <= 0:
        return None
    return max(1, math.ceil(left))
