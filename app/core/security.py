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

from app.core.clock import utcnow

_hasher = PasswordHasher()
# A hash to verify against when the account does not exist, so that timing does not tell.
_DUMMY_HASH = _hasher.hash("capvente-timing-equaliser")

JWT_ALGORITHM = "HS256"
JWT_AUDIENCE = "capvente"
API_TOKEN_PREFIX = "cvt_"


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


def create_access_token(
    *, user_id: int, secret: str, minutes: int, now: datetime | None = None
) -> tuple[str, datetime]:
    issued = now or utcnow()
    expires = issued + timedelta(minutes=minutes)
    payload = {
        "sub": str(user_id),
        "aud": JWT_AUDIENCE,
        "iat": int(issued.timestamp()),
        "exp": int(expires.timestamp()),
        "jti": secrets.token_urlsafe(8),
    }
    return jwt.encode(payload, secret, algorithm=JWT_ALGORITHM), expires


def decode_access_token(token: str, secret: str) -> dict[str, Any] | None:
    """The token's claims, or None when it is invalid or expired."""
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
    return claims


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
