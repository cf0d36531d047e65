"""Who is at the other end of a login: the client's address behind trusted proxies only, and
the key its attempts are counted under (an IPv6 client owns a whole /64, so it is one key).

Pure functions, no I/O: the router passes the peer address and the headers.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# The prefix an IPv6 subscriber usually gets: an attacker cycling through its own /64 (2^64
# addresses) must not get a fresh counter per address.
IPV6_KEY_PREFIX = 64


def parse_trusted_proxies(value: str) -> tuple[IPNetwork, ...]:
    """``CAPVENTE_TRUSTED_PROXIES``: addresses or networks separated by commas or spaces.

    Raises ValueError naming the entry that is neither."""
    networks: list[IPNetwork] = []
    for entry in value.replace(",", " ").split():
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"« {entry} » n'est ni une adresse IP ni un réseau (CIDR)") from None
    return tuple(networks)


def _address(value: str) -> IPAddress | None:
    try:
        address = ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: IPAddress | None, proxies: Iterable[IPNetwork]) -> bool:
    return address is not None and any(address in network for network in proxies)


def client_address(
    peer: str | None, forwarded_for: str | None, proxies: tuple[IPNetwork, ...]
) -> str:
    """The client's address: the peer's, unless the peer is a configured proxy; then the
    right-most ``X-Forwarded-For`` entry that is not itself a trusted proxy (entries to its
    left were written by the client and prove nothing)."""
    peer = peer or "unknown"
    if not forwarded_for or not _trusted(_address(peer), proxies):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            return peer  # a garbled header: count the attempt against the proxy itself
        if not _trusted(address, proxies):
            return str(address)
    return str(_address(hops[0])) if hops else peer


def throttle_key(address: str) -> str:
    """The key failures are counted under: the IPv4 address, or the IPv6 address's /64."""
    parsed = _address(address)
    if parsed is None:
        return address[:64]
    if isinstance(parsed, ipaddress.IPv6Address):
        network = ipaddress.IPv6Network((parsed, IPV6_KEY_PREFIX), strict=False)
        return str(network)
    return str(parsed)
