"""Role permissions: pure data and decisions, no I/O."""

from __future__ import annotations

from enum import StrEnum

from app.models.enums import Role


class Permission(StrEnum):
    ORGANISATION_MANAGE = "organisation:manage"  # cohorts and user accounts
    COMPETENCE_ASSESS = "competence:assess"  # assess a trainee's criteria


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset({Permission.ORGANISATION_MANAGE}),
    Role.TRAINER: frozenset({Permission.COMPETENCE_ASSESS}),
    Role.TRAINEE: frozenset(),
}

ROLE_LABELS_FR = {
    Role.ADMIN: "administrateur",
    Role.TRAINER: "formateur",
    Role.TRAINEE: "stagiaire",
}


def has_permission(role: Role, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS[role]


def login_refusal_wait(
    failures_in_window: int, limit: int, oldest_failure_age: float, window: int
) -> int | None:
    """Seconds to wait before the next attempt, or None when an attempt is allowed."""
    if failures_in_window < limit:
        return None
    return max(1, int(window - oldest_failure_age) + 1)
