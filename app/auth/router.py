"""Authentication, the caller's own account and personal API tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response, status
from fastapi.responses import JSONResponse

from app.auth import service
from app.auth.deps import AppSettings, CurrentPrincipal
from app.auth.emails import MAX_EMAIL_LENGTH
from app.auth.policy import ROLE_PERMISSIONS
from app.auth.repository import ApiTokenRepository, CohortRepository, UserRepository
from app.auth.schemas import (
    AccessToken,
    ApiTokenCreate,
    ApiTokenCreated,
    ApiTokenOut,
    CohortRef,
    MeOut,
    PasswordChange,
    PersonRef,
    UserOut,
)
from app.core.addresses import client_address, throttle_key
from app.core.db import DbSession
from app.core.errors import problem_response
from app.core.pagination import Pagination, sort_query
from app.core.principal import Principal
from app.core.schemas import Id, Page
from app.models import ApiToken, Role

router = APIRouter(tags=["auth"])

# Longest password a login reads (accounts' own passwords are shorter: schemas.Password).
MAX_LOGIN_PASSWORD_LENGTH = 1024
# The OAuth2 form's other fields, read and ignored.
MAX_OAUTH_FIELD_LENGTH = 200


class LoginForm:
    """The OAuth2 password flow's form (``OAuth2PasswordRequestForm``'s fields), every field
    bounded: an overlong one is a 422 naming it, refused before anything is recorded."""

    def __init__(
        self,
        *,
        username: Annotated[
            str, Form(max_length=MAX_EMAIL_LENGTH, description="Adresse e-mail du compte.")
        ],
        password: Annotated[
            str,
            Form(max_length=MAX_LOGIN_PASSWORD_LENGTH, json_schema_extra={"format": "password"}),
        ],
        grant_type: Annotated[str | None, Form(pattern="^password$", max_length=8)] = None,
        scope: Annotated[str, Form(max_length=MAX_OAUTH_FIELD_LENGTH)] = "",
        client_id: Annotated[str | None, Form(max_length=MAX_OAUTH_FIELD_LENGTH)] = None,
        client_secret: Annotated[
            str | None,
            Form(max_length=MAX_OAUTH_FIELD_LENGTH, json_schema_extra={"format": "password"}),
        ] = None,
    ) -> None:
        self.username = username
        self.password = password
        self.grant_type = grant_type
        self.scopes = scope.split()
        self.client_id = client_id
        self.client_secret = client_secret


@router.post(
    "/auth/token",
    response_model=AccessToken,
    summary="Se connecter (OAuth2 password flow)",
    responses={
        401: {"description": "Identifiants incorrects (une seule réponse pour tout refus)"},
        429: {"description": "Trop de tentatives : attendre Retry-After secondes"},
    },
)
def login(
    request: Request,
    session: DbSession,
    settings: AppSettings,
    form: Annotated[LoginForm, Depends()],
) -> AccessToken | JSONResponse:
    address = client_address(
        request.client.host if request.client else None,
        request.headers.get("x-forwarded-for"),
        settings.trusted_proxy_networks(),
    )
    outcome = service.login(
        session,
        settings,
        email=form.username,
        password=form.password,
        ip=throttle_key(address),
    )
    if isinstance(outcome, service.LoginRefused):
        # Returned, not raised: the session still commits the journaled attempt.
        headers = {"Retry-After": str(outcome.retry_after)} if outcome.retry_after else {}
        if outcome.status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        slug, title = (
            ("too-many-requests", "Trop de tentatives")
            if outcome.status == 429
            else ("invalid-credentials", "Identifiants incorrects")
        )
        return problem_response(
            request,
            status=outcome.status,
            slug=slug,
            title=title,
            detail=outcome.detail,
            headers=headers,
        )
    return AccessToken(
        access_token=outcome.token,
        expires_at=outcome.expires_at,
        expires_in=settings.access_token_minutes * 60,
    )


def _me(session: DbSession, principal: Principal) -> MeOut:
    user = UserRepository(session, principal).get_readable(principal.user_id)
    cohorts = CohortRepository(session, principal)
    cohort = cohorts.get_readable(user.cohort_id) if user.cohort_id else None
    return MeOut(
        **UserOut.model_validate(user).model_dump(),
        cohort=CohortRef.model_validate(cohort) if cohort else None,
        led_cohorts=[CohortRef.model_validate(c) for c in cohorts.led_by(user.id)],
        tutees=[
            PersonRef.model_validate(t)
            for t in (service.tutees_of(session, user.id) if user.role is Role.TUTOR else [])
        ],
        permissions=sorted(p.value for p in ROLE_PERMISSIONS[user.role]),
        auth_method="api_token" if principal.api_token_id else "session",
        scopes=sorted(principal.scopes),
    )


@router.get("/me", response_model=MeOut, summary="Mon compte")
def read_me(session: DbSession, principal: CurrentPrincipal) -> MeOut:
    return _me(session, principal)


@router.post(
    "/me/password",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Changer mon mot de passe (ferme toutes mes sessions, révoque mes jetons d'API "
    "sauf refus)",
)
def change_my_password(
    data: PasswordChange, session: DbSession, principal: CurrentPrincipal
) -> Response:
    user = UserRepository(session, principal).get_readable(principal.user_id)
    service.change_password(session, user, data)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --------------------------------------------------------------------------- API tokens


@router.get("/api-tokens", response_model=Page[ApiTokenOut], summary="Mes jetons d'API")
def list_api_tokens(
    session: DbSession,
    principal: CurrentPrincipal,
    page: Pagination,
    sort: Annotated[str | None, sort_query(service.API_TOKEN_SORTS)] = None,
    include_revoked: bool = False,
) -> Page[ApiTokenOut]:
    return service.api_token_page(session, principal, include_revoked, sort, page)


@router.post(
    "/api-tokens",
    response_model=ApiTokenCreated,
    status_code=status.HTTP_201_CREATED,
    summary="Créer un jeton d'API (le secret n'est montré qu'une fois)",
    description="Depuis une session ouverte par mot de passe seulement : un jeton d'API ne "
    "crée pas d'autres jetons (403).",
)
def create_api_token(
    data: ApiTokenCreate, session: DbSession, principal: CurrentPrincipal
) -> ApiTokenCreated:
    token, secret = service.create_api_token(session, principal, data)
    return ApiTokenCreated(**ApiTokenOut.model_validate(token).model_dump(), token=secret)


@router.get("/api-tokens/{token_id}", response_model=ApiTokenOut, summary="Un jeton d'API")
def read_api_token(token_id: Id, session: DbSession, principal: CurrentPrincipal) -> ApiToken:
    return ApiTokenRepository(session, principal).get_readable(token_id)


@router.delete(
    "/api-tokens/{token_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Révoquer un jeton d'API",
)
def revoke_api_token(token_id: Id, session: DbSession, principal: CurrentPrincipal) -> Response:
    service.revoke_api_token(ApiTokenRepository(session, principal).get_writable(token_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)
