"""The watch fetcher against a hostile local site: every case ends with entries or a French error."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from app.config import Settings
from app.watch.fetcher import (
    DEFAULT_USER_AGENT,
    FetchOptions,
    FetchResult,
    dedup_key,
    fetch,
    normalise_link,
    page_snapshot,
    parse_feed,
)
from tests.watch_server import ETAG, LAST_MODIFIED, HostileSite

# The site listens on 127.0.0.1: the tests allow private addresses unless they test the guard.
LOCAL = FetchOptions(timeout_s=0.5, allow_private=True)
STRICT = FetchOptions(timeout_s=0.5)


@pytest.fixture(scope="module")
def site() -> Iterator[HostileSite]:
    server = HostileSite().start()
    yield server
    server.stop()


def get(site: HostileSite, path: str, options: FetchOptions = LOCAL, **kwargs: Any) -> FetchResult:
    return fetch(site.url + path, options=options, **kwargs)


def assert_error(result: FetchResult, *fragments: str) -> None:
    assert result.status == "error", result
    assert result.body is None
    assert result.error
    for fragment in fragments:
        assert fragment in result.error, result.error


# ------------------------------------------------------------------------------ feeds


def test_rss2_entries_are_complete_and_clean(site: HostileSite) -> None:
    result = get(site, "/rss2.xml")
    assert result.status == "ok"
    assert result.http_status == 200
    assert result.content_type == "application/rss+xml; charset=utf-8"
    feed = parse_feed(result.body or b"", result.content_type, result.final_url or "")
    assert feed.ok
    assert feed.warning is None
    assert feed.title == "Actualités de la formation"
    assert [e.guid for e in feed.entries] == ["rss2-1", "rss2-2", "rss2-3"]
    first, second, third = feed.entries
    assert first.title == "Réforme du CPF en 2025"
    assert (
        first.link == f"{site.url}/articles/cpf-2025?utm_source=rss"
    )  # the document URL is the base
    assert first.published == datetime(2025, 10, 6, 7, 30, tzinfo=UTC)
    assert first.summary == "Le CPF change."  # tags gone, script dropped by the sanitiser
    assert second.summary == "Un organisme ouvre ses portes."
    assert third.published is None


def test_atom_entries(site: HostileSite) -> None:
    result = get(site, "/atom.xml")
    feed = parse_feed(result.body or b"", result.content_type, result.final_url or "")
    assert feed.ok
    assert feed.version == "atom10"
    first, second, third = feed.entries
    assert first.guid == "tag:concurrent.example,2025:1"
    assert first.title == "Tarifs 2026"
    assert first.published == datetime(2025, 10, 8, 10, 0, tzinfo=UTC)
    assert first.summary == "Hausse de 5 %."
    # Relative link resolved against the feed's address; content used when no summary.
    assert second.link == f"{site.url}/offres/nouvelle"
    assert second.summary == "Offre distancielle."
    assert second.published == datetime(2025, 10, 9, 8, 0, tzinfo=UTC)  # from <updated>
    assert third.title == "Troisième billet"


def test_rss1_rdf_entries(site: HostileSite) -> None:
    result = get(site, "/rss1.rdf")
    feed = parse_feed(result.body or b"", result.content_type, result.final_url or "")
    assert feed.ok
    assert feed.version == "rss10"
    assert [e.link for e in feed.entries] == [
        f"https://observatoire.example/etude-{n}" for n in (1, 2, 3)
    ]
    assert feed.entries[0].guid == "https://observatoire.example/etude-1"
    assert feed.entries[0].published == datetime(2025, 9, 1, 8, 0, tzinfo=UTC)
    assert feed.entries[0].summary == "Marché en hausse"


def test_latin1_feed_decodes_accents(site: HostileSite) -> None:
    result = get(site, "/latin1.xml")
    feed = parse_feed(result.body or b"", result.content_type, result.final_url or "")
    assert feed.ok
    assert feed.title == "Revue de presse régionale"
    assert [e.title for e in feed.entries] == [
        "Événement à Besançon : l'école reçoit",
        "Où trouver des stagiaires ?",
    ]
    assert feed.entries[0].summary == "Été chaud, coûts élevés, façade rénovée."


def test_malformed_feed_with_entries_keeps_them(site: HostileSite) -> None:
    result = get(site, "/malformed-entries.xml")
    feed = parse_feed(result.body or b"", result.content_type, result.final_url or "")
    assert feed.ok
    assert feed.warning
    assert feed.warning.startswith("Flux mal formé")
    assert [e.guid for e in feed.entries] == ["m-1", "m-2"]


def test_malformed_feed_without_entries_is_an_error(site: HostileSite) -> None:
    result = get(site, "/malformed-empty.xml")
    feed = parse_feed(result.body or b"", result.content_type, result.final_url or "")
    assert not feed.ok
    assert feed.entries == []
    assert feed.error
    assert feed.error.startswith("Flux illisible")


def test_html_page_is_not_a_feed() -> None:
    feed = parse_feed(
        b"<html><body><p>Bonjour</p></body></html>", "text/html", "https://a.example/"
    )
    assert not feed.ok
    assert feed.entries == []


@pytest.mark.parametrize("path", ["/billion-laughs.xml", "/xxe.xml", "/xxe-late.xml"])
def test_entity_documents_are_refused_cleanly(site: HostileSite, path: str) -> None:
    result = get(site, path)
    assert result.status == "ok"  # fetching is fine; parsing refuses
    started = time.monotonic()
    feed = parse_feed(result.body or b"", result.content_type, result.final_url or "")
    assert time.monotonic() - started < 1
    assert not feed.ok
    assert feed.entries == []
    assert feed.error
    assert feed.error.startswith("Flux refusé")
    assert "root:" not in repr(feed)


def test_parse_feed_never_reads_a_file_named_by_the_body() -> None:
    # feedparser.parse(bytes/str) would open a file of that name: the body goes in as a stream.
    feed = parse_feed(b"/etc/passwd", None, "https://a.example/")
    assert not feed.ok
    assert "root:" not in repr(feed)


# ------------------------------------------------------------------------------ hostile HTTP


def test_gzip_bomb_stops_at_the_limit(site: HostileSite) -> None:
    started = time.monotonic()
    result = get(site, "/gzip-bomb", FetchOptions(timeout_s=2, allow_private=True))
    assert time.monotonic() - started < 3
    assert_error(result, "trop volumineux", "5 Mio")
    assert result.http_status == 200


def test_plain_body_over_the_limit(site: HostileSite) -> None:
    assert_error(get(site, "/big"), "trop volumineux")
    small = FetchOptions(timeout_s=0.5, allow_private=True, max_bytes=1024)
    assert_error(get(site, "/rss2.xml", small), "trop volumineux")


def test_endless_redirects_stop_at_the_limit(site: HostileSite) -> None:
    before = len(site.paths())
    result = get(site, "/loop/0")
    assert_error(result, "Trop de redirections (plus de 5)")
    loops = [p for p in site.paths()[before:] if p.startswith("/loop/")]
    assert loops == [f"/loop/{n}" for n in range(6)]  # the first request + 5 redirects


def test_redirect_to_an_allowed_path_is_followed(site: HostileSite) -> None:
    result = get(site, "/redirect-ok")
    assert result.status == "ok"
    assert result.final_url == f"{site.url}/rss2.xml"
    assert parse_feed(result.body or b"", result.content_type, result.final_url).entries


@pytest.mark.parametrize(
    ("path", "fragment"),
    [
        ("/redirect-metadata", "169.254.169.254"),  # even with allow_private
        ("/redirect-file", "Protocole « file » refusé"),
        ("/redirect-zero", "0.0.0.0"),
    ],
)
def test_every_redirect_hop_is_checked(site: HostileSite, path: str, fragment: str) -> None:
    result = get(site, path)
    assert_error(result, fragment)


def test_slow_response_times_out(site: HostileSite) -> None:
    started = time.monotonic()
    result = get(site, "/slow", FetchOptions(timeout_s=0.3, allow_private=True))
    assert time.monotonic() - started < 2
    assert_error(result, "Délai dépassé (0,3 s) : le site n'a pas répondu.")


@pytest.mark.parametrize(
    ("path", "status", "fragment"),
    [
        ("/missing", 404, "Page introuvable (HTTP 404)"),
        ("/error", 500, "Erreur du serveur distant"),
    ],
)
def test_http_errors(site: HostileSite, path: str, status: int, fragment: str) -> None:
    result = get(site, path)
    assert_error(result, fragment)
    assert result.http_status == status


def test_connection_refused_is_an_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed once the block ends: nothing listens
    assert_error(fetch(f"http://127.0.0.1:{port}/", options=LOCAL), "Connexion impossible")


# ------------------------------------------------------------------------------ conditional, UA


def test_conditional_request_gives_not_modified(site: HostileSite) -> None:
    first = get(site, "/etag")
    assert first.status == "ok"
    assert first.etag == ETAG
    assert first.last_modified == LAST_MODIFIED
    second = get(site, "/etag", etag=first.etag)
    assert second.status == "not_modified"
    assert second.http_status == 304
    assert second.body is None
    assert second.error is None
    assert site.last("/etag").headers["If-None-Match"] == ETAG
    third = get(site, "/etag", last_modified=first.last_modified)
    assert third.status == "not_modified"
    assert site.last("/etag").headers["If-Modified-Since"] == LAST_MODIFIED


def test_user_agent_is_sent(site: HostileSite) -> None:
    get(site, "/rss2.xml")
    headers = site.last("/rss2.xml").headers
    assert headers["User-Agent"] == DEFAULT_USER_AGENT
    assert DEFAULT_USER_AGENT == "CapVente-veille/1.0 (+https://capvente.example; formation)"
    assert headers["Host"] == f"127.0.0.1:{site.port}"


# ------------------------------------------------------------------------------ SSRF guard


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.1.2.3:8080/feed",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://100.64.0.1/",
    ],
)
def test_private_addresses_are_refused(url: str) -> None:
    assert_error(fetch(url, options=STRICT), "Adresse interdite pour la veille")


def test_localhost_by_name_is_refused(site: HostileSite) -> None:
    before = len(site.paths())
    result = fetch(f"http://localhost:{site.port}/rss2.xml", options=STRICT)
    assert_error(result, "Adresse interdite", "localhost", "machine locale")
    assert len(site.paths()) == before  # refused before connecting


@pytest.mark.parametrize("url", ["http://169.254.169.254/", "http://[fd00:ec2::254]/"])
def test_metadata_is_refused_even_when_private_is_allowed(url: str) -> None:
    assert_error(fetch(url, options=LOCAL), "métadonnées")


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("file:///etc/passwd", "file"),
        ("ftp://ftp.example/feed.xml", "ftp"),
        ("gopher://x/", "gopher"),
    ],
)
def test_other_schemes_are_refused(url: str, scheme: str) -> None:
    assert_error(fetch(url, options=LOCAL), f"Protocole « {scheme} » refusé")


def test_one_private_address_among_public_ones_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    assert_error(fetch("http://mixed.example/", options=STRICT), "10.1.2.3", "réseau privé")


def test_unknown_host_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_getaddrinfo(*args: Any, **kwargs: Any) -> list[Any]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    assert_error(fetch("https://nowhere.example/", options=STRICT), "Nom de domaine introuvable")


def test_request_goes_to_the_checked_address_without_resolving_again(
    site: HostileSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the name is resolved once, checked, and the checked IP is connected to."""
    calls: list[str] = []

    real_getaddrinfo = socket.getaddrinfo

    def rebinding_getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        if host == "127.0.0.1":  # the connection itself: a numeric address, no DNS
            return real_getaddrinfo(host, port, *args, **kwargs)
        calls.append(host)
        if len(calls) > 1:  # a second resolution would land on the metadata service
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("169.254.169.254", port))]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)
    result = fetch(f"http://feeds.example:{site.port}/rss2.xml", options=LOCAL)
    assert result.status == "ok", result.error
    assert calls == ["feeds.example"]
    assert result.final_url == f"http://feeds.example:{site.port}/rss2.xml"
    assert site.last("/rss2.xml").headers["Host"] == f"feeds.example:{site.port}"


# ------------------------------------------------------------------------------ pages, dedup


def test_page_snapshot_changes_with_the_page(site: HostileSite) -> None:
    first = get(site, "/page")
    second = get(site, "/page")
    a = page_snapshot(first.body or b"", first.content_type)
    b = page_snapshot(second.body or b"", second.content_type)
    assert a.title == "Catalogue du concurrent"
    assert a.description == "Nos formations commerciales"
    assert len(a.content_hash) == 64
    assert a.content_hash != b.content_hash
    assert page_snapshot(first.body or b"", first.content_type) == a


def test_page_hash_ignores_whitespace_and_scripts() -> None:
    a = page_snapshot(b"<p>Prix :  100 \xe2\x82\xac</p><script>x=1</script>", "text/html")
    b = page_snapshot(b"<p>Prix :\n100 \xe2\x82\xac</p><script>x=2</script>", "text/html")
    assert a.content_hash == b.content_hash
    assert a.title is None
    assert a.description is None
    latin1 = page_snapshot("<title>Café</title>".encode("latin-1"), "text/html; charset=ISO-8859-1")
    assert latin1.title == "Café"


def test_dedup_key() -> None:
    assert dedup_key(" guid-1 ", "https://a.example/x", "c") == "guid-1"
    assert dedup_key(None, "HTTPS://A.Example:443/x?b=2&utm_source=rss&a=1#top", "c") == (
        "https://a.example/x?a=1&b=2"
    )
    assert dedup_key("", "http://a.example", None) == "http://a.example/"
    content_key = dedup_key(None, None, "Texte")
    assert content_key.startswith("sha256:")
    assert content_key == dedup_key(None, "  ", b"Texte")
    assert content_key != dedup_key(None, None, "Autre texte")
    assert normalise_link("http://a.example:8080/p?utm_medium=x") == "http://a.example:8080/p"


def test_options_from_settings() -> None:
    settings = Settings(watch_allow_private=True, watch_timeout_seconds=2.5, watch_max_redirects=2)
    options = FetchOptions.from_settings(settings)
    assert options.allow_private is True
    assert options.timeout_s == 2.5
    assert options.max_redirects == 2
    assert options.max_bytes == 5 * 1024 * 1024


@pytest.mark.parametrize("kind", ["zlib", "raw", "gzip-members"])
def test_inflate_in_bounded_steps(kind: str) -> None:
    import gzip
    import zlib

    from app.watch.fetcher import _inflate

    data = b"bonjour " * 100_000
    if kind == "zlib":
        blob, encoding = zlib.compress(data), "deflate"
    elif kind == "raw":
        compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        blob, encoding = compressor.compress(data) + compressor.flush(), "deflate"
    else:  # concatenated gzip members
        blob, encoding = gzip.compress(data[:1000]) + gzip.compress(data[1000:]), "gzip"
    pieces = list(_inflate(iter([blob[i : i + 1000] for i in range(0, len(blob), 1000)]), encoding))
    assert b"".join(pieces) == data
    assert max(len(piece) for piece in pieces) <= 64 * 1024
