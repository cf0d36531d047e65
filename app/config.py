"""Settings read from the environment (prefix ``CAPVENTE_``; ``DATABASE_URL`` and ``PORT`` too)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.common.clock import today_in
from app.core.addresses import IPNetwork, parse_trusted_proxies
from app.core.security import secret_key_problem

DEFAULT_SQLITE_URL = "sqlite:///./var/capvente.db"
#: The ECB's main refinancing rate by half-year (``CAPVENTE_ECB_RATE_SEMESTERS``), in percent:
#: the rate in force on 1 January for H1, on 1 July for H2 (code de commerce, art. L441-10).
#: 2.15 % since 11 June 2025; update it when the Banque de France publishes the next one.
DEFAULT_ECB_RATE_SEMESTERS = "2026-H1=2.15,2026-H2=2.15"
_SEMESTER = re.compile(r"^([0-9]{4})-H([12])$")
MAX_ECB_RATE = Decimal(50)


def parse_ecb_semesters(text: str) -> dict[tuple[int, int], Decimal]:
    """``"2026-H1=2.15,2026-H2=2.15"`` as {(2026, 1): 2.15, (2026, 2): 2.15}. Raises
    ``ValueError`` naming the faulty item: a semester spelt otherwise than ``YYYY-H1`` or
    ``YYYY-H2`` (years 1900–2199), a rate that is not a number of 0 to 50 with two decimals
    at most, a semester given twice, or no semester at all."""
    found: dict[tuple[int, int], Decimal] = {}
    for raw in text.split(","):
        item = raw.strip()
        if not item:
            continue
        semester, sep, value = (part.strip() for part in item.partition("="))
        match = _SEMESTER.match(semester)
        if not sep or match is None or not 1900 <= int(match.group(1)) <= 2199:
            raise ValueError(
                f"CAPVENTE_ECB_RATE_SEMESTERS: « {item} » : attendu AAAA-H1=taux ou "
                f"AAAA-H2=taux, par exemple {DEFAULT_ECB_RATE_SEMESTERS}"
            )
        try:
            rate = Decimal(value)
        except InvalidOperation:
            rate = Decimal("NaN")
        if (
            not rate.is_finite()
            or not 0 <= rate <= MAX_ECB_RATE
            or rate != rate.quantize(Decimal("0.01"))
        ):
            raise ValueError(
                f"CAPVENTE_ECB_RATE_SEMESTERS: « {item} » : le taux est un pourcentage de 0 à "
                f"{MAX_ECB_RATE}, deux décimales au plus (ex. 2.15)"
            )
        key = (int(match.group(1)), int(match.group(2)))
        if key in found:
            raise ValueError(f"CAPVENTE_ECB_RATE_SEMESTERS: {semester} est donné deux fois")
        found[key] = rate
    if not found:
        raise ValueError(
            f"CAPVENTE_ECB_RATE_SEMESTERS: aucun semestre (ex. {DEFAULT_ECB_RATE_SEMESTERS})"
        )
    return found


def ecb_rate_in_force(semesters: dict[tuple[int, int], Decimal], day: date) -> Decimal:
    """The ECB rate that applies on ``day``: its half-year's; a half-year not configured
    takes the latest one configured before it, and a day before the first one configured
    the first one's rate."""
    key = (day.year, 1 if day.month <= 6 else 2)
    known = sorted(semesters)
    before = [k for k in known if k <= key]
    return semesters[before[-1] if before else known[0]]


def normalise_database_url(url: str) -> str:
    """Map the usual PostgreSQL spellings to SQLAlchemy's psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CAPVENTE_", extra="ignore")

    database_url: str = Field(
        default=DEFAULT_SQLITE_URL,
        validation_alias=AliasChoices("DATABASE_URL", "CAPVENTE_DATABASE_URL"),
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, validation_alias=AliasChoices("PORT", "CAPVENTE_PORT"))
    workers: int = 1
    # The address users and the demo's own watch sources reach the app at (default
    # http://<host>:<port>, a wildcard host read as 127.0.0.1).
    public_url: str | None = None
    # Signing key for session JWTs. When unset, one is generated once and kept in var_dir
    # (a local demo); a published placeholder or a key under 32 bytes is refused.
    secret_key: str | None = None
    var_dir: Path = Path("var")
    access_token_minutes: int = Field(default=480, ge=1)
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    # Login throttling: progressive delays, never a lock of an account for everyone. Failures
    # are counted over the window per account *and* address (a stranger's failures do not
    # slow the account's owner down) and per address (one address trying many accounts);
    # past the free failures, each further one doubles the wait before the next attempt,
    # up to login_max_delay_seconds.
    login_window_seconds: int = Field(default=900, ge=1)
    login_free_failures: int = Field(default=5, ge=1)
    login_max_failures_per_ip: int = Field(default=20, ge=1)
    login_max_delay_seconds: int = Field(default=900, ge=1)
    # Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR networks, comma-
    # separated). Empty: the peer's address is the client's, whatever the headers say.
    trusted_proxies: str = ""
    frontend_dist: Path = Path("frontend/dist")
    # Prospect file
    default_phone_region: str = "FR"
    abc_a_min_potential: Decimal = Field(default=Decimal("50000"), ge=0)
    abc_b_min_potential: Decimal = Field(default=Decimal("10000"), ge=0)
    import_max_bytes: int = Field(default=25 * 1024 * 1024, ge=1024)
    import_max_rows: int = Field(default=200_000, ge=1)
    # The prospect list counts its matches up to this many, then says "at least" (total_exact).
    list_count_cap: int = Field(default=10_000, ge=1)
    # RGPD
    retention_years: int = Field(default=3, ge=1)
    bloctel_max_age_days: int = Field(default=30, ge=1)
    dsr_response_days: int = Field(default=30, ge=1)
    # Tour planning: openrouteservice road matrices (public API with a key, or a self-hosted
    # instance at ors_base_url), else crow-flies distance × detour factor at these speeds.
    ors_api_key: str | None = None
    ors_base_url: str | None = None
    ors_timeout_seconds: float = Field(default=10.0, gt=0)
    tour_detour_factor: float = Field(default=1.3, ge=1.0, le=3.0)
    tour_speed_car_kmh: float = Field(default=50, gt=0)
    tour_speed_public_transport_kmh: float = Field(default=25, gt=0)
    tour_speed_bike_kmh: float = Field(default=18, gt=0)
    tour_max_stops: int = Field(default=200, ge=1, le=1000)
    # Geocoding (app/geocoding): "auto" uses addok (the national address base's API) when
    # addok_url is set, else openrouteservice's geocoder when ors_api_key or ors_base_url is,
    # else the offline commune list shipped with the app.
    geocoder: Literal["auto", "offline", "addok", "openrouteservice"] = "auto"
    addok_url: str | None = None
    geocode_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    # Addresses looked up at once by an online geocoder (the job, after an import).
    geocode_concurrency: int = Field(default=4, ge=1, le=32)
    # Below this score (0–1, addok's score or Pelias' confidence) an answer is not trusted.
    geocode_min_score: float = Field(default=0.5, ge=0, le=1)
    # Watch ("veille") fetcher: timeouts, size and redirect limits. allow_private lets the
    # fetcher reach loopback/private/link-local addresses (tests, a local demo); cloud
    # metadata, multicast, reserved and unspecified addresses stay refused regardless.
    watch_allow_private: bool = False
    watch_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    watch_max_bytes: int = Field(default=5 * 1024 * 1024, ge=1024)
    watch_max_redirects: int = Field(default=5, ge=0, le=20)
    # Sources fetched at once by `capvente jobs watch-refresh`.
    watch_concurrency: int = Field(default=4, ge=1, le=32)
    # Webhooks (app/webhooks/README.md): the delivery worker runs in the served app's process
    # (polling every webhooks_poll_seconds) unless webhooks_worker is false (then run
    # `capvente jobs webhooks`). allow_private lets receivers on loopback/private/link-local
    # addresses through (tests, a local receiver), as watch_allow_private does for the watch.
    webhooks_worker: bool = True
    webhooks_poll_seconds: float = Field(default=1.0, gt=0, le=60)
    webhooks_allow_private: bool = False
    webhooks_connect_timeout_seconds: float = Field(default=3.0, gt=0, le=60)
    webhooks_read_timeout_seconds: float = Field(default=10.0, gt=0, le=120)
    # Tries of one delivery before it is marked failed; the n-th retry waits about
    # webhooks_backoff_seconds × 2^(n-1) (± 20 %).
    webhooks_max_attempts: int = Field(default=8, ge=1, le=20)
    webhooks_backoff_seconds: float = Field(default=30.0, gt=0, le=3600)
    # Receivers posted to at once by one pass of the worker.
    webhooks_concurrency: int = Field(default=4, ge=1, le=32)
    # Map tiles of the web client ({z}/{x}/{y} template, e.g. a self-hosted tile server);
    # unset: maps show markers and routes on a plain background, with no network request.
    tile_url: str | None = None
    tile_attribution: str = "© contributeurs OpenStreetMap"
    # Local time of working hours and appointments shown in tours.
    timezone: str = "Europe/Paris"
    # The cohort's medians a gap analysis compares a trainee with (its funnel) are kept this
    # many seconds per cohort and period (0: computed on every read); the figures say when.
    cohort_benchmark_seconds: int = Field(default=300, ge=0, le=86_400)
    # The ECB's main refinancing rate by half-year, for the legal late-payment rate (ECB + 10
    # points) of unpaid business invoices: "2026-H1=2.15,2026-H2=2.15" (see
    # DEFAULT_ECB_RATE_SEMESTERS); a half-year not listed takes the latest one before it.
    ecb_rate_semesters: str = DEFAULT_ECB_RATE_SEMESTERS
    log_level: str = "info"
    sql_echo: bool = False

    @field_validator("database_url")
    @classmethod
    def _normalise_url(cls, value: str) -> str:
        return normalise_database_url(value)

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies(cls, value: str) -> str:
        parse_trusted_proxies(value)  # refuse a typo at start, not at the first login
        return value

    @field_validator("ecb_rate_semesters")
    @classmethod
    def _ecb_semesters(cls, value: str) -> str:
        parse_ecb_semesters(value)  # refuse a typo at start, not at the first relaunch
        return value

    def ecb_rate_on(self, day: date) -> Decimal:
        """The ECB rate (percent) in force for ``day`` (``ecb_rate_in_force``)."""
        return ecb_rate_in_force(parse_ecb_semesters(self.ecb_rate_semesters), day)

    def trusted_proxy_networks(self) -> tuple[IPNetwork, ...]:
        return parse_trusted_proxies(self.trusted_proxies)

    @field_validator("secret_key")
    @classmethod
    def _strong_secret(cls, value: str | None) -> str | None:
        if value is not None:
            problem = secret_key_problem(value)
            if problem:
                raise ValueError(problem)
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def jwt_secret(self) -> str:
        """The configured secret, else one persisted under ``var_dir`` (shared by local workers)."""
        if self.secret_key:
            return self.secret_key
        path = self.var_dir / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            candidate = secrets.token_urlsafe(48)
            try:
                with path.open("x", encoding="utf-8") as fh:  # first writer wins
                    fh.write(candidate)
                path.chmod(0o600)
            except FileExistsError:
                pass
        secret = path.read_text(encoding="utf-8").strip()
        problem = secret_key_problem(secret)
        if problem:
            raise RuntimeError(f"{path}: {problem}")
        return secret


@lru_cache
def get_settings() -> Settings:
    return Settings()


#: The simulated day the market of an exercise writes on (``simulated_day``), else None.
_SIMULATED_DAY: ContextVar[date | None] = ContextVar("simulated_day", default=None)


def today_local() -> date:
    """Today on the application's clock (``timezone``: Europe/Paris), for every domain; the
    run's simulated day while an exercise's market writes (``simulated_day``)."""
    return _SIMULATED_DAY.get() or today_in(get_settings().timezone)


@contextmanager
def simulated_day(day: date) -> Iterator[None]:
    """Within the block, every domain's "today" is ``day`` (an exercise's market writing an
    order, a complaint or a payment on the run's simulated day, app/exercises/play.py)."""
    token = _SIMULATED_DAY.set(day)
    try:
        yield
    finally:
        _SIMULATED_DAY.reset(token)
