"""The demo's own watch sources: real feeds and a page served by the app, read by the
fetcher in-process without the private-address switch, and only those."""

from __future__ import annotations

from datetime import date, timedelta

from fastapi.testclient import TestClient

from app.config import Settings
from app.watch import demo
from app.watch.fetcher import FetchOptions, fetch, page_snapshot, parse_feed

TODAY = date(2026, 11, 27)


def test_every_demo_document_is_served_and_parses(client: TestClient) -> None:
    documents = demo.feeds()
    assert len(documents) == 1 + 4 * len(demo.world()["offers"])
    index = client.get("/demo/watch/")
    assert index.status_code == 200
    assert index.headers["content-type"].startswith("text/html")
    for document in documents:
        assert f"/demo/watch/{document.path}" in index.text
        response = client.get(f"/demo/watch/{document.path}")
        assert response.status_code == 200, document.path
        content_type = response.headers["content-type"]
        if document.path.endswith(".html"):
            assert content_type.startswith("text/html")
            snapshot = page_snapshot(response.content, content_type)
            assert snapshot.title == document.title
            continue
        parsed = parse_feed(response.content, content_type, str(response.url))
        assert parsed.ok, (document.path, parsed.error)
        assert parsed.warning is None, (document.path, parsed.warning)
        assert len(parsed.entries) >= 5, document.path
        assert all(e.guid and e.link and e.published for e in parsed.entries), document.path
        # Each entry's link is a page of the demo too.
        article = client.get(parsed.entries[0].link.replace("http://127.0.0.1:8000", ""))
        assert article.status_code == 200, parsed.entries[0].link
    expected = {
        "reglementation.rdf": "application/rdf+xml",
        "telecom/actualites.xml": "application/rss+xml",
        "telecom/marche.atom": "application/atom+xml",
    }
    for path, media_type in expected.items():
        assert client.get(f"/demo/watch/{path}").headers["content-type"].startswith(media_type)


def test_conditional_requests_and_unknown_documents(client: TestClient) -> None:
    first = client.get("/demo/watch/telecom/actualites.xml")
    etag = first.headers["etag"]
    assert first.headers["last-modified"]
    again = client.get("/demo/watch/telecom/actualites.xml", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    for path in ["nope.xml", "telecom/nope.xml", "inconnu/actualites.xml",
                 "articles/telecom-actualites/nope", "articles/x"]:  # fmt: skip
        assert client.get(f"/demo/watch/{path}").status_code == 404, path


def test_documents_are_stable_within_a_day_and_the_page_changes_weekly() -> None:
    base = "http://127.0.0.1:8000"
    feed = demo.render("caisse/avis.xml", base=base, today=TODAY)
    assert feed is not None
    assert feed == demo.render("caisse/avis.xml", base=base, today=TODAY)
    parsed = parse_feed(feed.body, feed.media_type, base)
    # Dates follow the day; GUIDs do not, so a reader stores each entry once.
    later = demo.render("caisse/avis.xml", base=base, today=TODAY + timedelta(days=1))
    assert later is not None
    assert [e.guid for e in parse_feed(later.body, later.media_type, base).entries] == [
        e.guid for e in parsed.entries
    ]
    assert all(e.published.date() <= TODAY for e in parsed.entries)
    assert all("/5 — " in e.title for e in parsed.entries)  # reviews announce their rating
    pages = [demo.render("caisse/tarifs.html", base=base, today=TODAY + timedelta(days=7 * n))
             for n in range(4)]  # fmt: skip
    hashes = {page_snapshot(p.body, p.media_type).content_hash for p in pages if p}
    assert len(hashes) == 4  # four weeks, four promotions


def test_the_fetcher_reads_the_demo_without_the_switch_and_nothing_else(
    settings: Settings,
) -> None:
    assert settings.watch_allow_private is False
    options = FetchOptions.from_settings(settings, local=demo.local_site(settings))
    base = demo.base_url(settings)
    result = fetch(f"{base}/demo/watch/telecom/marche.atom", options=options)
    assert result.status == "ok", result.error
    assert parse_feed(result.body or b"", result.content_type, base).entries
    # Asked again with its ETag: not modified.
    again = fetch(f"{base}/demo/watch/telecom/marche.atom", etag=result.etag, options=options)
    assert again.status == "not_modified"
    missing = fetch(f"{base}/demo/watch/telecom/absent.xml", options=options)
    assert (missing.status, missing.http_status) == ("error", 404)
    # The exception is the demo's documents, not the app nor the host.
    for url in [f"{base}/api/v1/me", f"{base}/healthz", "http://127.0.0.1:8001/demo/watch/",
                "http://localhost:8000/demo/watch/reglementation.rdf"]:  # fmt: skip
        refused = fetch(url, options=options)
        assert refused.status == "error", url
        assert refused.http_status is None, url  # refused before any request
    # Without the demo's local site, its URL is an address like any other: refused.
    plain = fetch(
        f"{base}/demo/watch/telecom/marche.atom", options=FetchOptions.from_settings(settings)
    )
    assert plain.status == "error"


def test_base_url_follows_the_settings() -> None:
    assert demo.base_url(Settings(host="0.0.0.0", port=9000)) == "http://127.0.0.1:9000"
    assert demo.base_url(Settings(host="::1", port=8000)) == "http://[::1]:8000"
    public = Settings(public_url="https://capvente.example/")
    assert demo.base_url(public) == "https://capvente.example"
