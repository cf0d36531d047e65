"""Payloads of authentication, accounts, cohorts and API tokens."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import EmailStr, Field, StringConstraints, ValidationInfo, field_validator

from app.auth.emails import email_refusal, normalise_email
from app.core.schemas import AwareDateTime, Day, Id, InputSchema, Schema, VersionedUpdate
from app.models import ApiScope, Role

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Password = Annotated[str, StringConstraints(min_length=10, max_length=200)]


class AccessToken(Schema):
    access_token: str
    token_type: str = "bearer"
    expires_at: datetime
    expires_in: int = Field(description="Durée de validité en secondes.")


class CohortRef(Schema):
    id: int
    name: str


class UserOut(Schema):
    id: int
    email: str
    full_name: str
    role: Role
    is_active: bool
    organisation_id: int
    cohort_id: int | None
    last_login_at: datetime | None
    created_at: datetime
    version: int


class PersonRef(Schema):
    id: int
    full_name: str


class MeOut(UserOut):
    cohort: CohortRef | None
    led_cohorts: list[CohortRef]
    tutees: list[PersonRef] = Field(
        default_factory=list, description="Les alternants suivis (tuteur en entreprise)."
    )
    permissions: list[str]
    auth_method: str = Field(description="« session » (JWT) ou « api_token ».")
    scopes: list[ApiScope]


class UserCreate(InputSchema):
    email: EmailStr
    full_name: Name
    role: Role
    password: Password
    cohort_id: Id | None = Field(default=None, description="Cohorte suivie (stagiaires).")

    @field_validator("email", mode="before")
    @classmethod
    def _normalised(cls, v: object) -> object:
        # Fullwidth letters and other compatibility forms become their plain letters before
        # the address is checked: « ｌｅａ@… » is « lea@… », the same account.
        return normalise_email(v) if isinstance(v, str) else v

    @field_validator("email")
    @classmethod
    def _single_script(cls, v: str) -> str:
        v = normalise_email(v)
        refusal = email_refusal(v)
        if refusal:
            raise ValueError(refusal)
        return v


class UserUpdate(VersionedUpdate):
    full_name: Name | None = None
    role: Role | None = None
    cohort_id: Id | None = None
    is_active: bool | None = None
    password: Password | None = Field(default=None, description="Nouveau mot de passe.")


class TuteesIn(InputSchema):
    trainee_ids: list[Id] = Field(
        max_length=100,
        description="Les stagiaires de l'organisation que ce tuteur suit (remplace la liste).",
    )


class TuteesOut(Schema):
    tutor_id: int
    tutees: list[PersonRef]


class PasswordChange(InputSchema):
    current_password: str = Field(min_length=1, max_length=200)
    new_password: Password
    revoke_api_tokens: bool = Field(
        default=True,
        description="Révoquer aussi mes jetons d'API (les sessions, elles, sont toujours "
        "fermées). Par défaut : oui.",
    )


class CohortOut(Schema):
    id: int
    organisation_id: int
    name: str
    starts_on: date | None
    ends_on: date | None
    trainer_ids: list[int]
    trainee_count: int
    created_at: datetime
    version: int


class _CohortDates(InputSchema):
    starts_on: Day | None = None
    ends_on: Day | None = None

    @field_validator("ends_on")
    @classmethod
    def _ordered(cls, ends_on: date | None, info: ValidationInfo) -> date | None:
        starts_on = info.data.get("starts_on")
        if starts_on and ends_on and ends_on < starts_on:
            raise ValueError("la date de fin précède la date de début")
        return ends_on


class CohortCreate(_CohortDates):
    name: Name
    trainer_ids: list[Id] = Field(
        default_factory=list, max_length=100, description="Formateurs de la cohorte."
    )


class CohortUpdate(_CohortDates, VersionedUpdate):
    name: Name | None = None
    trainer_ids: list[Id] | None = Field(default=None, max_length=100)


class ApiTokenCreate(InputSchema):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    scopes: list[ApiScope] = Field(
        default_factory=lambda: [ApiScope.READ],
        min_length=1,
        max_length=len(ApiScope),
        description="read, write et/ou exercises (les routes des intégrateurs : exercices, "
        "webhooks ; app/auth/policy.py INTEGRATOR_PATHS).",
    )
    expires_at: AwareDateTime | None = Field(default=None, description="Date d'expiration (UTC).")


class ApiTokenOut(Schema):
    id: int
    name: str
    prefix: str
    scopes: list[ApiScope]
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiTokenCreated(ApiTokenOut):
    token: str = Field(description="Le secret, affiché une seule fois : conservez-le.")
