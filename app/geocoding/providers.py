"""Addresses → coordinates, behind one ``Geocoder`` interface (like tours/matrix.py).

- ``OfflineGeocoder``: the centre of the commune, from the list shipped with the app
  (communes.py). In memory, deterministic, always available: the default.
- ``AddokGeocoder``: the national address base's API (BAN, addok, self-hostable):
  ``GET {url}/search/?q=…&postcode=…&limit=1``.
- ``OrsGeocoder``: openrouteservice's geocoder (Pelias) through the ``openrouteservice``
  client: structured search when a postcode or a city is known, free text otherwise.
- ``FallbackGeocoder``: the online answer, else (nothing found, too unsure, or the service
  failing) the offline one — a position at the commune's centre beats none.

``geocoder_from_settings`` assembles the chain. Every online failure becomes
``GeocoderUnavailable`` with a French reason; no HTTP exception escapes.
"""

from __future__ import annotations

import logging
import math
import threading
from dataclasses import dataclass
from typing import Any, Protocol

import httpx
import openrouteservice
import requests
from openrouteservice import exceptions as ors_exceptions

from app.config import Settings
from app.geocoding.communes import commune_index
from app.models.enums import GeocodePrecision, GeocodeProvider

log = logging.getLogger("capvente.geocoding")

ORS_PUBLIC_URL = "https://api.openrouteservice.org"

# addok's result types → precision. "locality" is a named place (lieu-dit) inside a commune.
ADDOK_PRECISION = {
    "housenumber": GeocodePrecision.ADDRESS,
    "street": GeocodePrecision.STREET,
    "locality": GeocodePrecision.STREET,
    "municipality": GeocodePrecision.COMMUNE,
}
# Pelias layers → precision; coarser layers (county, region, country) are not an answer.
PELIAS_PRECISION = {
    "address": GeocodePrecision.ADDRESS,
    "venue": GeocodePrecision.ADDRESS,
    "street": GeocodePrecision.STREET,
    "neighbourhood": GeocodePrecision.STREET,
    "borough": GeocodePrecision.COMMUNE,
    "locality": GeocodePrecision.COMMUNE,
    "localadmin": GeocodePrecision.COMMUNE,
    "postalcode": GeocodePrecision.POSTCODE,
}


@dataclass(frozen=True, slots=True)
class AddressQuery:
    address: str | None = None
    postcode: str | None = None
    city: str | None = None

    @classmethod
    def of(cls, address: str | None, postcode: str | None, city: str | None) -> AddressQuery:
        clean = [(v or "").strip() or None for v in (address, postcode, city)]
        return cls(*clean)

    @property
    def empty(self) -> bool:
        return not (self.address or self.postcode or self.city)

    @property
    def locality(self) -> str:
        return " ".join(filter(None, [self.postcode, self.city]))

    @property
    def text(self) -> str:
        return ", ".join(filter(None, [self.address, self.locality]))


@dataclass(frozen=True, slots=True)
class GeocodeResult:
    latitude: float
    longitude: float
    precision: GeocodePrecision
    provider: GeocodeProvider
    label: str = ""


class GeocoderUnavailable(Exception):
    """The service cannot answer; ``reason`` is a French sentence fragment."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Geocoder(Protocol):
    name: GeocodeProvider
    # True when it answers from memory: it may run inside a write transaction.
    local: bool

    def geocode(self, query: AddressQuery) -> GeocodeResult | None:
        """The position of the address, None when not found (raises GeocoderUnavailable)."""
        ...


# ----------------------------------------------------------------------------------- offline


class OfflineGeocoder:
    """The centre of the commune (or of the postcode, or the department: see communes.py)."""

    name = GeocodeProvider.OFFLINE
    local = True

    def geocode(self, query: AddressQuery) -> GeocodeResult | None:
        if not (query.postcode or query.city):
            return None
        located = commune_index().locate(query.postcode, query.city)
        if located is None:
            return None
        return GeocodeResult(
            located.latitude, located.longitude, located.precision, self.name, located.label
        )


# ------------------------------------------------------------------------------------ online


def _position(feature: Any) -> tuple[float, float]:
    """(latitude, longitude) of a GeoJSON point feature, checked."""
    lon, lat = feature["geometry"]["coordinates"][:2]
    lat, lon = float(lat), float(lon)
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"position hors limites : {lat}, {lon}")
    return lat, lon


def _status_reason(service: str, status: int) -> str:
    if status == 429:
        return f"quota dépassé sur {service} (HTTP 429)"
    if status in (401, 403):
        return f"clé refusée ou quota journalier atteint sur {service} (HTTP {status})"
    return f"erreur de {service} (HTTP {status})"


class AddokGeocoder:
    """The national address base's search API (api-adresse, or a self-hosted addok)."""

    name = GeocodeProvider.ADDOK
    local = False
    service = "la Base Adresse Nationale"

    def __init__(self, base_url: str, timeout_s: float = 10.0, min_score: float = 0.5) -> None:
        if not base_url:
            raise ValueError("L'adresse du service addok est obligatoire.")
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.min_score = min_score

    def geocode(self, query: AddressQuery) -> GeocodeResult | None:
        text = query.text
        if not text:
            return None
        params = {"q": text[:200], "limit": "1"}
        if query.postcode:
            params["postcode"] = query.postcode
        try:
            response = httpx.get(f"{self.base_url}/search/", params=params, timeout=self.timeout_s)
        except httpx.TimeoutException as exc:
            raise GeocoderUnavailable(
                f"{self.service} ne répond pas en {self.timeout_s:g} s"
            ) from exc
        except httpx.HTTPError as exc:
            raise GeocoderUnavailable(
                f"{self.service} est injoignable ({type(exc).__name__})"
            ) from exc
        if response.status_code != 200:
            raise GeocoderUnavailable(_status_reason(self.service, response.status_code))
        try:
            features = response.json()["features"]
            if not features:
                return None
            feature = features[0]
            properties = feature.get("properties") or {}
            precision = ADDOK_PRECISION.get(str(properties.get("type")))
            score = float(properties.get("score") or 0)
            if precision is None or score < self.min_score:
                return None
            lat, lon = _position(feature)
            label = str(properties.get("label") or "")
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise GeocoderUnavailable(f"réponse inattendue de {self.service}") from exc
        return GeocodeResult(lat, lon, precision, self.name, label)


class OrsGeocoder:
    """openrouteservice's geocoder (Pelias), public API with a key or a self-hosted one.

    A new client per call, as in tours/matrix.py: the client is not thread-safe.
    """

    name = GeocodeProvider.OPENROUTESERVICE
    local = False
    service = "le géocodeur openrouteservice"

    def __init__(
        self,
        api_key: str | None = None,
        base_url: str | None = None,
        timeout_s: float = 10.0,
        min_score: float = 0.5,
    ) -> None:
        if not base_url and not api_key:
            raise ValueError(
                "Une clé openrouteservice est nécessaire pour le service public "
                "(ou l'adresse d'une instance auto-hébergée)."
            )
        self.api_key = api_key or None
        self.base_url = (base_url or ORS_PUBLIC_URL).rstrip("/")
        self.timeout_s = timeout_s
        self.min_score = min_score

    def geocode(self, query: AddressQuery) -> GeocodeResult | None:
        if query.empty:
            return None
        client = openrouteservice.Client(
            key=self.api_key,
            base_url=self.base_url,
            timeout=self.timeout_s,
            retry_timeout=self.timeout_s,
            retry_over_query_limit=False,
        )
        try:
            if query.postcode or query.city:
                body = client.pelias_structured(
                    address=query.address,
                    postalcode=query.postcode,
                    locality=query.city,
                    country="FR",
                )
            else:
                body = client.pelias_search(query.text, country="FR", size=1)
            return self._result(body)
        except ors_exceptions.ApiError as exc:
            status = int(exc.status) if isinstance(exc.status, int) else 0
            raise GeocoderUnavailable(_status_reason(self.service, status)) from exc
        except ors_exceptions.HTTPError as exc:
            raise GeocoderUnavailable(_status_reason(self.service, exc.status_code)) from exc
        except ors_exceptions.Timeout as exc:
            raise GeocoderUnavailable(
                f"{self.service} ne répond pas en {self.timeout_s:g} s"
            ) from exc
        except requests.exceptions.RequestException as exc:
            raise GeocoderUnavailable(
                f"{self.service} est injoignable ({type(exc).__name__})"
            ) from exc
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise GeocoderUnavailable(f"réponse inattendue de {self.service}") from exc
        finally:
            session = getattr(client, "_session", None)
            if isinstance(session, requests.Session):
                session.close()

    def _result(self, body: Any) -> GeocodeResult | None:
        features = body["features"]
        if not features:
            return None
        feature = features[0]
        properties = feature.get("properties") or {}
        precision = PELIAS_PRECISION.get(str(properties.get("layer")))
        confidence = float(properties.get("confidence") or 0)
        if precision is None or confidence < self.min_score:
            return None
        # Pelias falls back to a coarser layer when it does not find the street: trust the
        # layer it answered with, not the one asked for.
        lat, lon = _position(feature)
        return GeocodeResult(lat, lon, precision, self.name, str(properties.get("label") or ""))


# ---------------------------------------------------------------------------------- fallback


class FallbackGeocoder:
    """The primary geocoder's answer, else the fallback's; the primary's failures counted."""

    def __init__(self, primary: Geocoder, fallback: Geocoder) -> None:
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name
        self.local = primary.local
        self.failures = 0
        self.last_failure: str | None = None
        self._lock = threading.Lock()

    def geocode(self, query: AddressQuery) -> GeocodeResult | None:
        try:
            result = self.primary.geocode(query)
        except GeocoderUnavailable as exc:
            log.warning("geocoder %s unavailable, falling back: %s", self.primary.name, exc.reason)
            with self._lock:
                self.failures += 1
                self.last_failure = exc.reason
            result = None
        return result if result is not None else self.fallback.geocode(query)


_OFFLINE = OfflineGeocoder()


def offline_geocoder() -> OfflineGeocoder:
    return _OFFLINE


def configured_provider(settings: Settings) -> GeocodeProvider:
    """The geocoder the settings choose (``auto``: addok, else openrouteservice, else offline)."""
    choice = settings.geocoder
    if choice == "auto":
        if settings.addok_url:
            return GeocodeProvider.ADDOK
        if settings.ors_api_key or settings.ors_base_url:
            return GeocodeProvider.OPENROUTESERVICE
        return GeocodeProvider.OFFLINE
    return GeocodeProvider(choice)


def geocoder_from_settings(settings: Settings) -> Geocoder:
    """The configured geocoder, falling back to the offline one (which stands alone)."""
    provider = configured_provider(settings)
    if provider is GeocodeProvider.ADDOK:
        if not settings.addok_url:
            raise ValueError("CAPVENTE_GEOCODER=addok demande CAPVENTE_ADDOK_URL.")
        primary: Geocoder = AddokGeocoder(
            settings.addok_url, settings.geocode_timeout_seconds, settings.geocode_min_score
        )
    elif provider is GeocodeProvider.OPENROUTESERVICE:
        primary = OrsGeocoder(
            settings.ors_api_key,
            settings.ors_base_url,
            settings.geocode_timeout_seconds,
            settings.geocode_min_score,
        )
    else:
        return _OFFLINE
    return FallbackGeocoder(primary, _OFFLINE)
