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
    NOTE_COMMENT = "note:comment"  # comment a trainee's synthesis note, mark it read
    WEBHOOK_MANAGE = "webhook:manage"  # the organisation's webhook subscriptions


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(
        {
            Permission.ORGANISATION_MANAGE,
            Permission.BUSINESS_CASE_MANAGE,
            Permission.WEBHOOK_MANAGE,
        }
    ),
    Role.TRAINER: frozenset(
        {
            Permission.COMPETENCE_ASSESS,
            Permission.BUSINESS_CASE_MANAGE,
            Permission.PLAN_VALIDATE,
            Permission.DISCOUNT_APPROVE,
            Permission.NOTE_COMMENT,
            Permission.WEBHOOK_MANAGE,
        }
    ),
    Role.TRAINEE: frozenset(),
    Role.TUTOR: frozenset({Permission.NOTE_COMMENT}),
}

ROLE_LABELS_FR = {
    Role.ADMIN: "administrateur",
    Role.TRAINER: "formateur",
    Role.TRAINEE: "stagiaire",
    Role.TUTOR: "tuteur en entreprise",
}

# The only operations a company tutor may call (method, route path as the routers declare it,
# under the API's /api/v1): their own account, and
# their trainees' notes, analyses and portfolio, read; the notes commented and marked read.
# ``app.auth.deps.get_principal`` refuses a tutor any other route (403), whatever its scoping
# (tests/test_route_walk.py walks them all).
TUTOR_ROUTES: frozenset[tuple[str, str]] = frozenset(
    {
        ("GET", "/me"),
        ("POST", "/me/password"),
        ("GET", "/users"),
        ("GET", "/users/{user_id}"),
        ("GET", "/competences"),
        ("GET", "/competences/{code}"),
        ("GET", "/trainees/{trainee_id}/evidence"),
        ("GET", "/trainees/{trainee_id}/portfolio"),
        ("GET", "/trainees/{trainee_id}/portfolio/export"),
        ("GET", "/trainees/{trainee_id}/assessments"),
        ("GET", "/analyses"),
        ("GET", "/analyses/{analysis_id}"),
        ("GET", "/analyses/{analysis_id}/figures"),
        ("GET", "/analyses/{analysis_id}/causes"),
        ("GET", "/analyses/{analysis_id}/actions"),
        ("GET", "/analysis-rules"),
        ("GET", "/notes"),
        ("GET", "/notes/queue"),
        ("GET", "/notes/{note_id}"),
        ("GET", "/notes/{note_id}/charts/{chart}"),
        ("GET", "/notes/{note_id}/versions"),
        ("GET", "/notes/{note_id}/preview"),
        ("GET", "/notes/{note_id}/versions/{number}/preview"),
        ("GET", "/notes/{note_id}/versions/{number}"),
        ("GET", "/notes/{note_id}/versions/{number}/export"),
        ("GET", "/notes/{note_id}/versions/{number}/comments"),
        ("POST", "/notes/{note_id}/versions/{number}/comments"),
        ("POST", "/notes/{note_id}/versions/{number}/read"),
    }
)


# The integrators' routes (issue 21: an exercise platform drives them with its API token),
# as their routers declare them (without the API's /api/v1): a path equal to one of these
# or under it. ``app.auth.deps.get_principal`` asks an API token for the ``exercises`` scope
# there, for reads and writes alike, and that scope is enough to write them (``write`` is
# neither needed nor enough there); elsewhere ``exercises`` adds nothing: writing needs
# ``write``, as always. A session (the web client) holds every scope.
INTEGRATOR_PATHS: tuple[str, ...] = (
    "/exercises",
    "/exercise-runs",
    "/webhook-subscriptions",
    "/webhook-deliveries",
)


def integrator_route(path: str | None) -> bool:
    """Whether a route (its declared path) is one of the integrators'."""
    return path is not None and any(
        path == prefix or path.startswith(prefix + "/") for prefix in INTEGRATOR_PATHS
    )


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
