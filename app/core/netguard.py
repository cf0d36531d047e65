"""The SSRF guard shared by every outgoing request to an address a user typed (the watch's
sources, the webhooks' receivers): which IP addresses may be reached, the checked resolution
of a host name, and the peer address a connection really reached.

- :func:`resolve_checked` resolves the host with :func:`socket.getaddrinfo` and refuses it
  when ANY address is loopback, private, link-local, multicast, reserved, unspecified or
  otherwise not global (IPv4-mapped, 6to4 and Teredo IPv6 addresses are checked on their
  embedded IPv4). ``allow_private`` lets loopback/private/link-local through (tests, a local
  demo or receiver); the cloud metadata addresses (169.254.169.254, fd00:ec2::254),
  multicast, reserved and unspecified addresses are refused ALWAYS, even then.
- The caller connects to the checked IP itself (no second resolution between check and
  connect: DNS rebinding) and may verify with :func:`peer_address` that the connection
  reached it.

Messages are French, for the user; ``purpose`` names what the address was for ("la veille",
"les webhooks").
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

from app.core.addresses import IPAddress

# Cloud metadata endpoints: refused even when private addresses are allowed.
METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)


class AddressRefused(Exception):
    """The host cannot be resolved, or one of its addresses may not be reached; the message
    is French, for the user."""


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.sixtofour is not None:
            return address.sixtofour
        if address.teredo is not None:
            return address.teredo[1]
    return None


def address_refusal(address: IPAddress, *, allow_private: bool) -> str | None:
    """Why ``address`` may not be reached (French), or None when it may."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        return address_refusal(embedded, allow_private=allow_private)
    if address in METADATA_ADDRESSES:
        return f"adresse {address} refusée (service de métadonnées du cloud)"
    if address.is_unspecified or address.is_multicast or address.is_reserved:
        return f"adresse {address} refusée (adresse spéciale)"
    if allow_private:
        return None
    if address.is_loopback:
        return f"adresse {address} refusée (machine locale)"
    if address.is_link_local:
        return f"adresse {address} refusée (adresse de lien local)"
    if address.is_private:
        return f"adresse {address} refusée (réseau privé)"
    if not address.is_global:
        return f"adresse {address} refusée (adresse non publique)"
    return None


def resolve_checked(host: str, port: int, *, allow_private: bool, purpose: str) -> list[IPAddress]:
    """The addresses of ``host``, all of them allowed, else :class:`AddressRefused`."""
    try:
        literal: IPAddress | None = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [literal]
    else:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise AddressRefused(f"Nom de domaine introuvable : {host}.") from exc
        addresses = []
        for info in infos:
            # IPv6 scoped addresses come as "fe80::1%eth0": the scope is not part of the check.
            candidate = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
            if candidate not in addresses:
                addresses.append(candidate)
        if not addresses:
            raise AddressRefused(f"Nom de domaine introuvable : {host}.")
    for address in addresses:
        reason = address_refusal(address, allow_private=allow_private)
        if reason is not None:
            raise AddressRefused(f"Adresse interdite pour {purpose} : {host} → {reason}.")
    return addresses


def peer_address(response: Any) -> IPAddress | None:
    """The IP address an httpx response's connection reached (None when unknown: an
    in-process transport)."""
    stream = response.extensions.get("network_stream")
    if stream is None:
        return None
    try:
        peer: Any = stream.get_extra_info("server_addr")
    except Exception:
        return None
    if not peer:
        return None
    try:
        return ipaddress.ip_address(str(peer[0]).split("%", 1)[0])
    except ValueError:
        return None
