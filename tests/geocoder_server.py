"""A small fake geocoder speaking addok's and Pelias' (openrouteservice) APIs: a real HTTP
server on 127.0.0.1, in a background thread (the pattern of tests/ors_server.py).

It searches its own little gazetteer (``PLACES``) the way the real services answer:

- ``GET [/prefix]/search/?q=…&postcode=…&limit=1`` (addok, the national address base):
  a GeoJSON FeatureCollection whose features carry ``properties.type`` (housenumber, street,
  municipality) and ``properties.score``;
- ``GET [/prefix]/geocode/search?text=…`` and ``GET [/prefix]/geocode/search/structured?
  address=…&postalcode=…&locality=…`` (Pelias): features with ``layer`` (address, street,
  locality) and ``confidence``.

A query naming a place's number and street gets the house number, its street alone the
street, its postcode or city alone the commune; anything else nothing. ``behaviour``: "ok",
"500", "429", "invalid-json", "sleep"; ``delay_s`` slows every answer (to count how many
requests overlap: ``max_in_flight``). Every request is recorded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from app.common.text import fold
from tests.local_server import LocalServer


@dataclass(frozen=True)
class Place:
    number: str
    street: str
    postcode: str
    city: str
    latitude: float
    longitude: float

    def street_position(self) -> tuple[float, float]:
        return round(self.latitude + 0.0007, 6), round(self.longitude - 0.0009, 6)

    def city_position(self) -> tuple[float, float]:
        return round(self.latitude + 0.004, 6), round(self.longitude + 0.006, 6)


PLACES = [
    Place("12", "rue de la République", "69002", "Lyon", 45.76231, 4.83602),
    Place("3", "place Bellecour", "69002", "Lyon", 45.75781, 4.83201),
    Place("8", "cours Fauriel", "42100", "Saint-Étienne", 45.42715, 4.40582),
    Place("40", "avenue Alsace-Lorraine", "38000", "Grenoble", 45.18899, 5.71912),
]

ADDOK_PATH = re.compile(r"^(?:/[\w-]+)?/search/?$")
PELIAS_PATH = re.compile(r"^(?:/[\w-]+)?/geocode/search(?P<structured>/structured)?$")
ERRORS = {"500": 500, "429": 429}


@dataclass
class Recorded:
    path: str
    params: dict[str, str]
    headers: dict[str, str]


def _words(text: str) -> set[str]:
    return set(re.split(r"[\s,'-]+", fold(text))) - {""}


class FakeGeocoder(LocalServer):
    def __init__(self) -> None:
        super().__init__()
        self.behaviour = "ok"
        self.delay_s = 0.0
        self.sleep_s = 5.0
        self.requests: list[Recorded] = []
        self.in_flight = 0
        self.max_in_flight = 0

    # --- searching the gazetteer

    @staticmethod
    def find(
        address: str, postcode: str | None, city: str | None
    ) -> tuple[Place, str, float] | None:
        """(place, kind, score): kind is "housenumber", "street" or "municipality"."""
        words = _words(address)
        for place in PLACES:
            if postcode and postcode != place.postcode:
                continue
            if city and fold(city) != fold(place.city):
                continue
            street = _words(place.street)
            if street <= words and place.number in words:
                return place, "housenumber", 0.93
            if street <= words:
                return place, "street", 0.81
        for place in PLACES:
            if (postcode and postcode == place.postcode) or (
                city and fold(city) == fold(place.city)
            ):
                return place, "municipality", 0.62
        return None

    @staticmethod
    def position(place: Place, kind: str) -> tuple[float, float]:
        if kind == "housenumber":
            return place.latitude, place.longitude
        return place.street_position() if kind == "street" else place.city_position()

    # --- answers

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        params = {k: v[0] for k, v in parse_qs(parts.query).items()}
        with self._lock:
            self.requests.append(Recorded(parts.path, params, dict(handler.headers.items())))
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            if self.delay_s:
                self._release.wait(self.delay_s)
            if self.behaviour == "sleep":
                self._release.wait(self.sleep_s)
            if self.behaviour in ERRORS:
                self._send(handler, ERRORS[self.behaviour], b'{"error": "boom"}')
            elif self.behaviour == "invalid-json":
                self._send(handler, 200, b'{"features": [')
            elif ADDOK_PATH.match(parts.path):
                self._send_json(handler, self._addok(params))
            elif match := PELIAS_PATH.match(parts.path):
                self._send_json(handler, self._pelias(params, bool(match["structured"])))
            else:
                self._send(handler, 404, b'{"error": "not found"}')
        finally:
            with self._lock:
                self.in_flight -= 1

    def _addok(self, params: dict[str, str]) -> dict[str, Any]:
        postcode = params.get("postcode")
        found = self.find(params.get("q", ""), postcode, None)
        if found is None:  # addok also tries the words as a commune name
            for place in PLACES:
                if fold(place.city) in fold(params.get("q", "")):
                    found = (place, "municipality", 0.55)
                    break
        features = []
        if found is not None:
            place, kind, score = found
            lat, lon = self.position(place, kind)
            label = {"housenumber": f"{place.number} {place.street} {place.postcode} {place.city}",
                     "street": f"{place.street} {place.postcode} {place.city}",
                     "municipality": place.city}[kind]  # fmt: skip
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {"label": label, "score": score, "type": kind,
                               "postcode": place.postcode, "city": place.city},
            })  # fmt: skip
        return {"type": "FeatureCollection", "version": "draft", "features": features,
                "query": params.get("q", "")}  # fmt: skip

    def _pelias(self, params: dict[str, str], structured: bool) -> dict[str, Any]:
        if structured:
            found = self.find(params.get("address", ""), params.get("postalcode"),
                              params.get("locality"))  # fmt: skip
        else:
            found = self.find(params.get("text", ""), None, None)
        features = []
        if found is not None:
            place, kind, score = found
            lat, lon = self.position(place, kind)
            layer = {"housenumber": "address", "street": "street", "municipality": "locality"}[kind]
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {"layer": layer, "confidence": score, "label": place.city,
                               "match_type": "exact" if kind == "housenumber" else "fallback"},
            })  # fmt: skip
        return {"type": "FeatureCollection", "features": features,
                "geocoding": {"query": params}}  # fmt: skip

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, payload: bytes) -> None:
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
        except OSError:
            pass

    def _send_json(self, handler: BaseHTTPRequestHandler, data: Any) -> None:
        self._send(handler, 200, json.dumps(data).encode())
