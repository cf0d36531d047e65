"""Use cases of authentication and account management."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.auth import repository as repo
from app.auth.emails import email_refusal, normalise_email
from app.auth.policy import login_refusal_wait
from app.auth.schemas import (
    ApiTokenCreate,
    ApiTokenOut,
    CohortCreate,
    CohortUpdate,
    PasswordChange,
    UserCreate,
    UserUpdate,
)
from app.common.clock import utcnow
from app.config import Settings
from app.core.errors import Conflict, FieldError, Forbidden
from app.core.pagination import PageParams, order_by, page_of, paginate
from app.core.patch import check_version
from app.core.principal import Principal
from app.core.schemas import Page
from app.core.security import (
    create_access_token,
    hash_password,
    new_api_token,
    password_needs_rehash,
    verify_password,
)
from app.models import (
    ApiToken,
    Cohort,
    LoginAttempt,
    Organisation,
    Role,
    User,
    cohort_trainers,
    tutor_trainees,
)

# --------------------------------------------------------------------------- login


@dataclass(frozen=True)
class LoginGranted:
    token: str
    expires_at: datetime
    user: User


@dataclass(frozen=True)
class LoginRefused:
    status: int  # 401 wrong credentials, 429 throttled
    detail: str
    retry_after: int | None = None


# One answer for every refused password check (unknown account, wrong password, deactivated
# account): the message must not confirm that a password was right.
INVALID_CREDENTIALS = "Adresse e-mail ou mot de passe incorrect."


def login(
    session: Session, settings: Settings, *, email: str, password: str, ip: str
) -> LoginGranted | LoginRefused:
    """Check credentials, slowed down progressively with counters in the database.

    ``ip`` is the throttling key of the client's address (``addresses.throttle_key``). Two
    counters, each over the window: the failures of this account from this address (reset
    by a success from it), and the failures of this address on any account. Past its free
    failures, each counter asks for a doubling wait after its latest failure. Nobody else's
    failures slow an account's owner down: there is no lock of an account for everyone.
    Every attempt is journaled, so the limits hold across API workers; an attempt refused
    for its wait is neither checked nor counted.
    """
    email = normalise_email(email)
    now = utcnow()
    window_start = now - timedelta(seconds=settings.login_window_seconds)

    since = max(window_start, repo.last_success(session, email=email, ip=ip) or window_start)
    counters = (
        (
            repo.login_failures(session, since=since, ip=ip, email=email),
            settings.login_free_failures,
        ),
        (
            repo.login_failures(session, since=window_start, ip=ip),
            settings.login_max_failures_per_ip,
        ),
    )
    for (count, latest), free in counters:
        age = (now - latest).total_seconds() if latest else 0.0
        wait = login_refusal_wait(count, free, age, settings.login_max_delay_seconds)
        if wait is not None:
            return LoginRefused(
                429,
                f"Trop de tentatives de connexion échouées : réessayez dans {wait} s.",
                retry_after=wait,
            )

    user = None if email_refusal(email) else repo.UserRepository.by_email_unscoped(session, email)
    ok = verify_password(user.password_hash if user else None, password)
    granted = ok and user is not None and user.is_active
    session.add(LoginAttempt(email=email, ip=ip, succeeded=granted, created_at=now))
    if not granted or user is None:
        return LoginRefused(401, INVALID_CREDENTIALS)
    # A plain UPDATE: bookkeeping must not bump the account's version (an admin editing the
    # account at the same time would otherwise get a spurious 409).
    values: dict[str, object] = {"last_login_at": now}
    if password_needs_rehash(user.password_hash):
        values["password_hash"] = hash_password(password)
    session.execute(
        update(User).where(User.id == user.id).values(**values),
        execution_options={"synchronize_session": False},
    )
    token, expires = create_access_token(
        user_id=user.id,
        secret=settings.jwt_secret(),
        minutes=settings.access_token_minutes,
        now=now,
        credential_version=user.credential_version,
    )
    return LoginGranted(token=token, expires_at=expires, user=user)


def prune_login_attempts(session: Session, settings: Settings) -> int:
    """Delete attempts older than the throttling window (they no longer count)."""
    cutoff = utcnow() - timedelta(seconds=settings.login_window_seconds)
    result = session.execute(delete(LoginAttempt).where(LoginAttempt.created_at < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _credentials_changed(user: User) -> None:
    """End every session of the account issued so far (they carry the old version)."""
    user.credential_version = (user.credential_version or 0) + 1
    user.credentials_changed_at = utcnow()


def revoke_all_api_tokens(session: Session, user_id: int) -> int:
    """Revoke the account's live API tokens; returns how many."""
    result = session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow()),
        execution_options={"synchronize_session": False},
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def change_password(session: Session, user: User, data: PasswordChange) -> int:
    """Change one's own password: every session ends (the caller logs in again) and, unless
    declined, every API token is revoked. Returns the number of tokens revoked."""
    if not verify_password(user.password_hash, data.current_password):
        raise FieldError("current_password", "Mot de passe actuel incorrect.")
    if data.new_password == data.current_password:
        raise FieldError("new_password", "Le nouveau mot de passe doit différer de l'actuel.")
    user.password_hash = hash_password(data.new_password)
    _credentials_changed(user)
    return revoke_all_api_tokens(session, user.id) if data.revoke_api_tokens else 0


# --------------------------------------------------------------------------- API tokens


def create_api_token(
    session: Session, principal: Principal, data: ApiTokenCreate
) -> tuple[ApiToken, str]:
    """A new personal token. Only a password session mints one: a token minting tokens
    would let a leaked token outlive its revocation or expiry through its children."""
    if principal.api_token_id is not None:
        raise Forbidden(
            "Un jeton d'API ne peut pas créer d'autres jetons : connectez-vous avec votre "
            "mot de passe pour en créer un."
        )
    if data.expires_at is not None and data.expires_at <= utcnow():
        raise FieldError("expires_at", "La date d'expiration doit être dans le futur.")
    new = new_api_token()
    token = ApiToken(
        user_id=principal.user_id,
        name=data.name,
        prefix=new.prefix,
        secret_hash=new.secret_hash,
        scopes=sorted({s.value for s in data.scopes}),
        expires_at=data.expires_at,
    )
    session.add(token)
    session.flush()
    return token, new.secret


def revoke_api_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()


# --------------------------------------------------------------------------- users


def _valid_cohort_for(
    session: Session, principal: Principal, cohort_id: int | None, role: Role
) -> int | None:
    if cohort_id is None:
        return None
    if role is not Role.TRAINEE:
        raise FieldError(
            "cohort_id", "Seul un stagiaire suit une cohorte (les formateurs en animent)."
        )
    cohort = session.get(Cohort, cohort_id)
    if cohort is None or cohort.organisation_id != principal.organisation_id:
        raise FieldError("cohort_id", f"Cohorte {cohort_id} inconnue dans votre organisation.")
    return cohort_id


def create_user(session: Session, principal: Principal, data: UserCreate) -> User:
    # data.email is normalised and single-script (UserCreate): look-alikes collide here.
    if repo.UserRepository.by_email_unscoped(session, data.email) is not None:
        raise FieldError("email", "Un compte existe déjà avec cette adresse e-mail.")
    user = User(
        organisation_id=principal.organisation_id,
        email=data.email,
        full_name=data.full_name,
        role=data.role,
        password_hash=hash_password(data.password),
        cohort_id=_valid_cohort_for(session, principal, data.cohort_id, data.role),
    )
    session.add(user)
    session.flush()
    return user


def update_user(session: Session, principal: Principal, user: User, data: UserUpdate) -> User:
    check_version(user, data.version)
    fields = data.model_fields_set
    role = data.role if data.role is not None else user.role
    if user.id == principal.user_id and (
        (data.role is not None and data.role is not Role.ADMIN) or data.is_active is False
    ):
        raise Conflict("Un administrateur ne peut ni se retirer ce rôle ni désactiver son compte.")
    if data.full_name is not None:
        user.full_name = data.full_name
    if "cohort_id" in fields:
        user.cohort_id = _valid_cohort_for(session, principal, data.cohort_id, role)
    elif role is not Role.TRAINEE:
        user.cohort_id = None
    if data.role is not None and data.role is not user.role:
        if user.role is Role.TRAINER and data.role is not Role.TRAINER:
            session.execute(delete(cohort_trainers).where(cohort_trainers.c.user_id == user.id))
        if user.role is Role.TUTOR:
            session.execute(delete(tutor_trainees).where(tutor_trainees.c.tutor_id == user.id))
        user.role = data.role
    if data.is_active is not None and data.is_active != user.is_active:
        user.is_active = data.is_active
        _credentials_changed(user)
    if data.password is not None:
        # A reset by the admin, typically after a compromise: sessions and tokens end.
        user.password_hash = hash_password(data.password)
        _credentials_changed(user)
        revoke_all_api_tokens(session, user.id)
    session.flush()
    return user


# --------------------------------------------------------------------------- cohorts


def _trainers(session: Session, principal: Principal, ids: list[int]) -> list[User]:
    unique = list(dict.fromkeys(ids))
    users = list(
        session.scalars(
            select(User).where(
                User.id.in_(unique),
                User.organisation_id == principal.organisation_id,
                User.role == Role.TRAINER,
            )
        )
    )
    missing = sorted(set(unique) - {u.id for u in users})
    if missing:
        raise FieldError(
            "trainer_ids", f"Ces comptes ne sont pas des formateurs de l'organisation : {missing}."
        )
    return users


def _unique_name(session: Session, principal: Principal, name: str, exclude: int | None) -> None:
    stmt = select(Cohort.id).where(
        Cohort.organisation_id == principal.organisation_id, Cohort.name == name
    )
    if exclude is not None:
        stmt = stmt.where(Cohort.id != exclude)
    if session.scalar(stmt) is not None:
        raise FieldError("name", f"Une cohorte « {name} » existe déjà.")


def create_cohort(session: Session, principal: Principal, data: CohortCreate) -> Cohort:
    _unique_name(session, principal, data.name, None)
    cohort = Cohort(
        organisation_id=principal.organisation_id,
        name=data.name,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        trainers=_trainers(session, principal, data.trainer_ids),
    )
    session.add(cohort)
    session.flush()
    return cohort


def update_cohort(
    session: Session, principal: Principal, cohort: Cohort, data: CohortUpdate
) -> Cohort:
    check_version(cohort, data.version)
    fields = data.model_fields_set
    if data.name is not None:
        _unique_name(session, principal, data.name, cohort.id)
        cohort.name = data.name
    if "starts_on" in fields:
        cohort.starts_on = data.starts_on
    if "ends_on" in fields:
        cohort.ends_on = data.ends_on
    if cohort.starts_on and cohort.ends_on and cohort.ends_on < cohort.starts_on:
        raise FieldError("ends_on", "La date de fin précède la date de début.")
    if data.trainer_ids is not None:
        cohort.trainers = _trainers(session, principal, data.trainer_ids)
    # A change of trainers alone must still bump the version (it changes who sees what).
    cohort.updated_at = utcnow()
    session.flush()
    return cohort


def delete_cohort(session: Session, cohort: Cohort) -> None:
    trainees = session.scalar(select(User.id).where(User.cohort_id == cohort.id).limit(1))
    if trainees is not None:
        raise Conflict(
            "Cette cohorte a encore des stagiaires : affectez-les ailleurs avant de la supprimer."
        )
    session.delete(cohort)
    try:
        session.flush()
    except IntegrityError as exc:  # pragma: no cover - guarded by the check above
        raise Conflict("Cohorte encore référencée.") from exc


# --------------------------------------------------------------------------- bootstrap


def ensure_organisation(session: Session, *, name: str, slug: str) -> Organisation:
    org = session.scalar(select(Organisation).where(Organisation.slug == slug))
    if org is None:
        org = Organisation(name=name, slug=slug)
        session.add(org)
        session.flush()
    return org


def bootstrap_user(
    session: Session,
    *,
    organisation: Organisation,
    email: str,
    full_name: str,
    role: Role,
    password: str | None = None,
    password_hash: str | None = None,
    cohort: Cohort | None = None,
) -> tuple[User, bool]:
    """Create an account unless the e-mail exists (CLI and seed). Returns (user, created).

    Give ``password``, or ``password_hash`` to reuse one hash for many accounts (the seed)."""
    email = normalise_email(email)
    refusal = email_refusal(email)
    if refusal:
        raise ValueError(f"{email}: {refusal}")
    existing = repo.UserRepository.by_email_unscoped(session, email)
    if existing is not None:
        return existing, False
    if password_hash is None:
        if password is None:
            raise ValueError("password or password_hash is required")
        password_hash = hash_password(password)
    user = User(
        organisation_id=organisation.id,
        email=email,
        full_name=full_name,
        role=role,
        password_hash=password_hash,
        cohort_id=cohort.id if cohort else None,
    )
    session.add(user)
    session.flush()
    return user, True


# ------------------------------------------------------------------------ API tokens listed

API_TOKEN_SORTS = {
    "created_at": ApiToken.created_at,
    "name": ApiToken.name,
    "last_used_at": ApiToken.last_used_at,
}


def api_token_page(
    session: Session,
    principal: Principal,
    include_revoked: bool,
    sort: str | None,
    page: PageParams,
) -> Page[ApiTokenOut]:
    """One page of the caller's API tokens (the revoked ones when asked)."""
    stmt = repo.ApiTokenRepository(session, principal).readable_statement()
    if not include_revoked:
        stmt = stmt.where(ApiToken.revoked_at.is_(None))
    stmt = stmt.order_by(*order_by(sort, API_TOKEN_SORTS, ["-created_at"]), ApiToken.id)
    items, total = paginate(session, stmt, page)
    return page_of([ApiTokenOut.model_validate(t) for t in items], total, page)


# --------------------------------------------------------------------------- company tutors


def tutees_of(session: Session, tutor_id: int) -> list[User]:
    """The trainees a company tutor follows, by name."""
    return list(
        session.scalars(
            select(User)
            .join(tutor_trainees, tutor_trainees.c.trainee_id == User.id)
            .where(tutor_trainees.c.tutor_id == tutor_id)
            .order_by(User.full_name, User.id)
        )
    )


def set_tutees(session: Session, tutor: User, trainee_ids: Sequence[int]) -> list[User]:
    """Replace the trainees a tutor follows: trainees of the tutor's organisation only (422
    on ``trainee_ids.i`` naming the first that is not)."""
    if tutor.role is not Role.TUTOR:
        raise Conflict(
            f"Le compte {tutor.id} n'est pas un tuteur en entreprise : "
            "seul un tuteur suit des alternants."
        )
    wanted = list(dict.fromkeys(trainee_ids))
    found = {u.id: u for u in session.scalars(select(User).where(User.id.in_(wanted)))}
    for i, trainee_id in enumerate(wanted):
        user = found.get(trainee_id)
        if user is None or user.organisation_id != tutor.organisation_id:
            raise FieldError(
                f"trainee_ids.{i}", f"Stagiaire {trainee_id} inconnu dans votre organisation."
            )
        if user.role is not Role.TRAINEE:
            raise FieldError(f"trainee_ids.{i}", f"Le compte {trainee_id} n'est pas un stagiaire.")
    session.execute(delete(tutor_trainees).where(tutor_trainees.c.tutor_id == tutor.id))
    if wanted:
        session.execute(
            insert(tutor_trainees), [{"tutor_id": tutor.id, "trainee_id": t} for t in wanted]
        )
    session.flush()
    return tutees_of(session, tutor.id)
