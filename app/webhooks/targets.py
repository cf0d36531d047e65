"""A receiver's URL: what may be saved and posted to (no database, no network but DNS).

The same rules at saving and at each delivery: https (http only when private addresses are
allowed, ``CAPVENTE_WEBHOOKS_ALLOW_PRIVATE``: tests, a receiver on the same machine), no
credentials in the URL, and every address of the host allowed by the shared SSRF guard
(``app.core.netguard``). At delivery the post goes to the address that was checked."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from app.core.addresses import IPAddress
from app.core.netguard import AddressRefused, resolve_checked

PURPOSE = "les webhooks"


@dataclass(frozen=True)
class Target:
    url: httpx.URL  # without its fragment
    scheme: str
    host: str
    port: int


def parse_target(url: str, *, allow_private: bool) -> Target:
    """The receiver's URL checked for its form, else :class:`AddressRefused` (French)."""
    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        raise AddressRefused("Adresse invalide.") from None
    scheme = target.scheme.lower()
    if scheme != "https" and not (scheme == "http" and allow_private):
        raise AddressRefused(
            "Adresse refusée : seules les adresses https sont acceptées pour les webhooks."
        )
    if target.userinfo:
        raise AddressRefused(
            "Adresse refusée : pas d'identifiants dans l'adresse (utilisateur:mot de passe@)."
        )
    host = target.raw_host.decode("ascii")
    if not host:
        raise AddressRefused("Adresse invalide : nom de domaine manquant.")
    port = target.port or (443 if scheme == "https" else 80)
    return Target(target.copy_with(fragment=None), scheme, host, port)


def checked_addresses(target: Target, *, allow_private: bool) -> list[IPAddress]:
    """The addresses of the receiver's host, all allowed, else :class:`AddressRefused`."""
    return resolve_checked(target.host, target.port, allow_private=allow_private, purpose=PURPOSE)
