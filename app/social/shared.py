"""What the social services share: writes reserved to the trainee."""

from __future__ import annotations

from app.core.errors import Forbidden
from app.core.principal import Principal


def trainee_only(principal: Principal, what: str) -> None:
    """403 unless the caller is a trainee: the social records are the trainee's own work
    (a trainer reads them, never writes them)."""
    if not principal.is_trainee:
        raise Forbidden(f"{what} : c'est le travail du stagiaire, le formateur le lit seulement.")
