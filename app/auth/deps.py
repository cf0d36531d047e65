"""Authentication and typed permission dependencies."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth.policy import (
    ROLE_LABELS_FR,
    TUTOR_ROUTES,
    Permission,
    has_permission,
    integrator_route,
)
from app.auth.repository import UserRepository
from app.common.clock import utcnow
from app.config import Settings, get_settings
from app.core.db import WRITE_METHODS, DbSession
from app.core.errors import FieldError, Forbidden, Unauthorized
from app.core.principal import Principal
from app.core.schemas import MAX_ID
from app.core.security import api_token_matches, decode_access_token, split_api_token
from app.models import ApiScope, ApiToken, Role, User

# Recording last use on every call would turn reads into writes; once a minute is enough.
LAST_USED_RESOLUTION = timedelta(minutes=1)

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


def get_app_settings(request: Request) -> Settings:
    settings: Settings = getattr(request.app.state, "settings", None) or get_settings()
    return settings


AppSettings = Annotated[Settings, Depends(get_app_settings)]


def _principal_for(user: User, scopes: frozenset[ApiScope], token_id: int | None) -> Principal:
    return Principal(
        user_id=user.id,
        organisation_id=user.organisation_id,
        role=user.role,
        cohort_id=user.cohort_id,
        scopes=scopes,
        api_token_id=token_id,
    )


def _from_api_token(session: DbSession, value: str, prefix: str) -> Principal:
    now = utcnow()
    token = session.scalar(select(ApiToken).where(ApiToken.prefix == prefix))
    if token is None or not api_token_matches(value, token.secret_hash):
        raise Unauthorized("Jeton d'API inconnu.")
    if token.revoked_at is not None:
        raise Unauthorized("Ce jeton d'API a été révoqué.")
    if token.expires_at is not None and token.expires_at <= now:
        raise Unauthorized("Ce jeton d'API a expiré.")
    user = session.get(User, token.user_id)
    if user is None or not user.is_active:
        raise Unauthorized("Le compte de ce jeton est désactivé.")
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        token.last_used_at = now
    return _principal_for(user, frozenset(ApiScope(s) for s in token.scopes), token.id)


def _from_session_jwt(session: DbSession, value: str, settings: Settings) -> Principal:
    claims = decode_access_token(value, settings.jwt_secret())
    if claims is None:
        raise Unauthorized("Session invalide ou expirée : reconnectez-vous.", reason="expired")
    user = session.get(User, claims.user_id)
    if user is None or not user.is_active:
        raise Unauthorized("Compte inconnu ou désactivé.")
    # Issued before the last password change, reset or deactivation (any time, even the
    # same second): the credential version moved on.
    if claims.credential_version != user.credential_version:
        raise Unauthorized("Session expirée : reconnectez-vous.", reason="expired")
    return _principal_for(user, frozenset(ApiScope), None)


def get_principal(
    request: Request,
    session: DbSession,
    settings: AppSettings,
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> Principal:
    """The authenticated caller (bearer JWT or personal API token), else 401."""
    if not token:
        raise Unauthorized("Authentification requise : envoyez un jeton « Bearer ».")
    prefix = split_api_token(token)
    principal = (
        _from_api_token(session, token, prefix)
        if prefix
        else _from_session_jwt(session, token, settings)
    )
    path = getattr(request.scope.get("route"), "path", None)
    _check_scopes(request.method, path, principal.scopes)
    if principal.role is Role.TUTOR:
        if (request.method, path) not in TUTOR_ROUTES:
            raise Forbidden(
                "Un tuteur en entreprise lit les notes, analyses et portfolios de ses "
                "alternants et commente les notes : rien d'autre.",
                problem_slug="tutor-not-allowed",
            )
    request.state.principal = principal
    return principal


def _check_scopes(method: str, path: str | None, scopes: frozenset[ApiScope]) -> None:
    """403 unless the token's scopes allow the call (``app.auth.policy.INTEGRATOR_PATHS``):
    the integrators' routes ask for ``exercises`` and need nothing more to be written;
    every other write asks for ``write``, every other read ``read`` (or ``write``)."""
    if integrator_route(path):
        if ApiScope.EXERCISES not in scopes:
            raise Forbidden(
                "Ce jeton d'API n'a pas la portée « exercises » : les routes des intégrateurs "
                "(exercices, webhooks) la demandent."
            )
        return
    if method in WRITE_METHODS and ApiScope.WRITE not in scopes:
        raise Forbidden("Ce jeton d'API est en lecture seule (portée « write » absente).")
    if not scopes & {ApiScope.READ, ApiScope.WRITE}:
        raise Forbidden(
            "Ce jeton d'API ne sert qu'aux routes des intégrateurs (portée « exercises ») : "
            "lire le reste demande la portée « read »."
        )


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


def require(permission: Permission) -> object:
    """A dependency refusing callers whose role lacks ``permission`` (403)."""

    def dependency(principal: CurrentPrincipal) -> Principal:
        if not has_permission(principal.role, permission):
            raise Forbidden(
                f"Action réservée : votre rôle ({ROLE_LABELS_FR[principal.role]}) "
                f"n'a pas la permission « {permission.value} »."
            )
        return principal

    return Depends(dependency)


OrganisationManager = Annotated[Principal, require(Permission.ORGANISATION_MANAGE)]
Assessor = Annotated[Principal, require(Permission.COMPETENCE_ASSESS)]
CaseManager = Annotated[Principal, require(Permission.BUSINESS_CASE_MANAGE)]
PlanValidator = Annotated[Principal, require(Permission.PLAN_VALIDATE)]
DiscountApprover = Annotated[Principal, require(Permission.DISCOUNT_APPROVE)]
WebhookManager = Annotated[Principal, require(Permission.WEBHOOK_MANAGE)]


def owner_filter(
    session: DbSession,
    principal: CurrentPrincipal,
    owner_id: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_ID,
            description="Les fiches d'une seule personne (un formateur lisant le fichier d'un "
            "stagiaire qu'il suit). Sans effet sur ce que l'appelant peut lire.",
        ),
    ] = None,
) -> int | None:
    """One person's records among those the caller reads: 422 when the caller cannot see
    that person at all (so a typo is not mistaken for an empty file)."""
    if owner_id is not None:
        check_readable_person(session, principal, owner_id, "owner_id")
    return owner_id


def check_readable_person(
    session: Session, principal: Principal, person_id: int, field: str
) -> None:
    """422 on the query parameter ``field`` unless the caller may read ``person_id``'s
    records (themselves, a trainee of a cohort they lead, anyone of their organisation for
    an admin): the rule of ``owner_id`` on the lists, for any parameter naming a person."""
    if person_id == principal.user_id:
        return
    repository = UserRepository(session, principal)
    if session.scalar(repository.readable_statement().where(User.id == person_id)) is None:
        raise FieldError(
            field,
            f"Personne {person_id} introuvable parmi celles dont vous pouvez lire les fiches.",
            location="query",
        )


OwnerFilter = Annotated[int | None, Depends(owner_filter)]
