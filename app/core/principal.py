"""Who is calling: the authenticated user as every scoping rule sees them."""

from __future__ import annotations

from dataclasses import dataclass

from app.models.enums import ApiScope, Role


@dataclass(frozen=True)
class Principal:
    user_id: int
    organisation_id: int
    role: Role
    cohort_id: int | None
    scopes: frozenset[ApiScope]
    api_token_id: int | None = None

    @property
    def is_trainee(self) -> bool:
        return self.role is Role.TRAINEE
