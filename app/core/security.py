"""Password hashing (argon2), session JWTs and personal API token secrets."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.common.clock import utcnow

_hasher = PasswordHasher()
# A hash to verify against when the account does not exist, so that timing does not tell.
_DUMMY_HASH = _hasher.hash("capvente-timing-equaliser")

JWT_ALGORITHM = "HS256"
# HS256 keys shorter than the hash's output weaken it (RFC 7518 §3.2).
MIN_SECRET_BYTES = 32
# Values published in this repository's history, its documentation or common examples:
# anyone could sign a token with them, so the server refuses to start with one.
KNOWN_PLACEHOLDER_SECRETS = frozenset(
    {
        "change-me-to-a-long-random-secret",
        "change-me",
        "changeme",
        "secret",
        "your-secret-key",
        "supersecret",
    }
)
JWT_AUDIENCE = "capvente"
API_TOKEN_PREFIX = "cvt_"


def secret_key_problem(value: str) -> str | None:
    """Why ``value`` cannot sign sessions (a published placeholder, too short), else None."""
    if value.strip().lower() in KNOWN_PLACEHOLDER_SECRETS or "change-me" in value.lower():
        return (
            "CAPVENTE_SECRET_KEY is a published placeholder: anyone could sign an admin "
            "session with it. Generate one: python -c 'import secrets; "
            "print(secrets.token_urlsafe(48))'"
        )
    if len(value.encode()) < MIN_SECRET_BYTES:
        return (
            f"CAPVENTE_SECRET_KEY is too short ({len(value.encode())} bytes, at least "
            f"{MIN_SECRET_BYTES}): generate one with python -c 'import secrets; "
            "print(secrets.token_urlsafe(48))'"
        )
    return None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Check ``password``; always spends the time of one argon2 verification."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def password_needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


# Account ids fit a 32-bit integer column on every backend; a larger subject is no account.
_MAX_SUBJECT = 2**31 - 1


def create_access_token(
    *,
    user_id: int,
    secret: str,
    minutes: int,
    now: datetime | None = None,
    credential_version: int = 0,
) -> tuple[str, datetime]:
    issued = now or utcnow()
    expires = issued + timedelta(minutes=minutes)
    payload = {
        "sub": str(user_id),
        "cv": credential_version,
        "aud": JWT_AUDIENCE,
        "iat": int(issued.timestamp()),
        "exp": int(expires.timestamp()),
        "jti": secrets.token_urlsafe(8),
    }
    return jwt.encode(payload, secret, algorithm=JWT_ALGORITHM), expires


@dataclass(frozen=True)
class SessionClaims:
    user_id: int
    credential_version: int


def decode_access_token(token: str, secret: str) -> SessionClaims | None:
    """The session's account and credential version, or None when the token is invalid,
    expired or malformed (a subject that is not an account id, a missing version)."""
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            secret,
            algorithms=[JWT_ALGORITHM],
            audience=JWT_AUDIENCE,
            options={"require": ["sub", "exp", "iat"]},
        )
    except jwt.PyJWTError:
        return None
    subject, version = claims.get("sub"), claims.get("cv", 0)
    if not (isinstance(subject, str) and subject.isascii() and subject.isdigit()):
        return None
    if not 1 <= int(subject) <= _MAX_SUBJECT:
        return None
    if not isinstance(version, int) or isinstance(version, bool):
        return None
    return SessionClaims(user_id=int(subject), credential_version=version)


@dataclass(frozen=True)
class NewApiToken:
    prefix: str
    secret: str  # the full value the client keeps: cvt_<prefix>_<random>
    secret_hash: str


def _digest(value: str) -> str:
    # The secret has 256 bits of entropy: a fast digest is enough (no dictionary to attack).
    return hashlib.sha256(value.encode()).hexdigest()


def new_api_token() -> NewApiToken:
    prefix = secrets.token_hex(6)
    value = f"{API_TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    return NewApiToken(prefix=prefix, secret=value, secret_hash=_digest(value))


def split_api_token(value: str) -> str | None:
    """The lookup prefix of an API token value, or None if it is not one of ours."""
    if not value.startswith(API_TOKEN_PREFIX):
        return None
    rest = value[len(API_TOKEN_PREFIX) :]
    prefix, sep, _ = rest.partition("_")
    return prefix if sep and len(prefix) == 12 else None


def api_token_matches(value: str, secret_hash: str) -> bool:
    return hmac.compare_digest(_digest(value), secret_hash)
