"""The demo's own watch sources, so that the demo's watch works with no internet.

The content (fictional competitors, news, market figures, reviews, regulation and a pricing
page per demo employer) lives in ``seed/data/watch/world.json``; the documents are real RSS
2.0, Atom, RSS 1.0 and HTML rendered by the Jinja templates beside it. The app serves them
on ``GET /demo/watch/...`` (a browser or any feed reader can read them) and the watch
fetcher answers the same URLs in-process through :class:`DemoTransport`, with the same
renderer (see ``fetcher.LocalSite``): the seeded sources point to the app's own base URL and
``capvente jobs watch-refresh`` fills the demo, whether the server runs or not.

Dates are relative to the day the document is rendered (``days_ago`` in the data): a
document is the same all day long (its ETag and Last-Modified let readers ask "changed?"),
entries keep their GUIDs from day to day, and the pricing page shows one of four weekly
promotions, so a page watched over several weeks changes.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from email.utils import format_datetime
from functools import lru_cache
from importlib.resources import files
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from fastapi import Response

from app.config import Settings
from app.watch.fetcher import LocalSite

PREFIX = "/demo/watch/"
PARIS = ZoneInfo("Europe/Paris")
XML = "application/xml; charset=utf-8"
HTML = "text/html; charset=utf-8"
MEDIA_TYPES = {
    "rss2.xml.j2": "application/rss+xml; charset=utf-8",
    "atom.xml.j2": "application/atom+xml; charset=utf-8",
    "rss1.rdf.j2": "application/rdf+xml; charset=utf-8",
}


def _data_dir() -> Any:
    return files("seed") / "data" / "watch"


@lru_cache(maxsize=1)
def world() -> dict[str, Any]:
    """The demo's watch content (read once)."""
    text = (_data_dir() / "world.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import DictLoader, Environment, StrictUndefined

    templates = _data_dir() / "templates"
    sources = {
        item.name: item.read_text(encoding="utf-8")
        for item in templates.iterdir()
        if item.name.endswith(".j2")
    }
    env = Environment(
        loader=DictLoader(sources),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["rfc822"] = lambda d: format_datetime(d)
    env.filters["rfc3339"] = lambda d: d.isoformat(timespec="seconds")
    return env


@dataclass(frozen=True)
class Document:
    body: bytes
    media_type: str
    last_modified: datetime

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:32] + '"'

    def headers(self) -> dict[str, str]:
        return {
            "Content-Type": self.media_type,
            "ETag": self.etag,
            "Last-Modified": format_datetime(self.last_modified.astimezone(UTC), True),
            "Cache-Control": "no-cache",
        }


@dataclass(frozen=True)
class DemoFeed:
    """One document of the demo: where it is, what it is."""

    path: str  # relative to PREFIX
    title: str
    label: str  # "flux RSS 2.0", "page web"...


def feeds() -> list[DemoFeed]:
    """Every document served, in a stable order (the index page and the seed use it)."""
    data = world()
    regulation = data["regulation"]
    found = [DemoFeed("reglementation.rdf", regulation["title"], "flux RSS 1.0")]
    for key, offer in data["offers"].items():
        found += [
            DemoFeed(f"{key}/actualites.xml", offer["news"]["title"], "flux RSS 2.0"),
            DemoFeed(f"{key}/marche.atom", offer["market"]["title"], "flux Atom"),
            DemoFeed(f"{key}/avis.xml", offer["reviews"]["title"], "avis clients, flux RSS 2.0"),
            DemoFeed(f"{key}/tarifs.html", offer["pricing_page"]["title"], "page web"),
        ]
    return found


def _published(slug: str, days_ago: int, today: date) -> datetime:
    # A fixed hour per entry (the same every day), in the morning for today's entries.
    spread = zlib.crc32(slug.encode("utf-8"))
    hour = 6 + spread % 3 if days_ago == 0 else 8 + spread % 10
    return datetime.combine(today - timedelta(days=days_ago), time(hour, spread % 60), PARIS)


def _stars(rating: int) -> str:
    return "★" * rating + "☆" * (5 - rating)


def _entries(
    base: str, feed_key: str, raw: list[dict[str, Any]], today: date, *, reviews: bool = False
) -> list[dict[str, Any]]:
    entries = []
    for entry in raw:
        title, summary = entry["title"], entry["summary"]
        if reviews:
            title = f"{_stars(entry['rating'])} {entry['rating']}/5 — {title}"
            summary = f"Avis de {entry['author']} : {summary}"
        entries.append(
            {
                "guid": f"capvente-demo:{feed_key}:{entry['slug']}",
                "link": f"{base}{PREFIX}articles/{feed_key}/{entry['slug']}",
                "title": title,
                "summary": summary,
                "published": _published(f"{feed_key}/{entry['slug']}", entry["days_ago"], today),
            }
        )
    entries.sort(key=lambda e: e["published"], reverse=True)
    return entries


def _feed(
    template: str, base: str, path: str, feed: dict[str, Any], entries: list[dict[str, Any]]
) -> Document:
    updated = max(e["published"] for e in entries)
    body = (
        _environment()
        .get_template(template)
        .render(
            feed={"publisher": "", "description": "", **feed},
            entries=entries,
            home=f"{base}{PREFIX}",
            self_url=f"{base}{PREFIX}{path}",
            updated=updated,
        )
    )
    return Document(body.encode("utf-8"), MEDIA_TYPES[template], updated)


def _page(template: str, today: date, **context: Any) -> Document:
    body = _environment().get_template(template).render(**context)
    midnight = datetime.combine(today, time(0), PARIS)
    return Document(body.encode("utf-8"), HTML, midnight)


def _article(base: str, path: str, today: date) -> Document | None:
    parts = path.split("/")
    if len(parts) != 3:
        return None
    _, feed_key, slug = parts
    data = world()
    if feed_key == "reglementation":
        raw, reviews = data["regulation"]["entries"], False
    else:
        offer_key, _, kind = feed_key.rpartition("-")
        offer = data["offers"].get(offer_key)
        names = {"actualites": "news", "marche": "market", "avis": "reviews"}
        if offer is None or kind not in names:
            return None
        raw, reviews = offer[names[kind]]["entries"], kind == "avis"
    entries = _entries(base, feed_key, raw, today, reviews=reviews)
    entry = next((e for e in entries if e["link"].endswith(f"/{feed_key}/{slug}")), None)
    if entry is None:
        return None
    body = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{0}</title>'
        '<meta name="description" content="{1}"></head><body><article><h1>{0}</h1>'
        "<p>{1}</p><p><small>Contenu fictif de la démo CapVente.</small></p></article>"
        "</body></html>"
    )
    from markupsafe import escape

    html = body.format(escape(entry["title"]), escape(entry["summary"]))
    return Document(html.encode("utf-8"), HTML, entry["published"])


def render(path: str, *, base: str, today: date) -> Document | None:
    """The document at ``PREFIX + path`` on ``today``, or None when there is none."""
    data = world()
    if path in ("", "index.html"):
        documents = [
            {"url": f"{base}{PREFIX}{f.path}", "title": f.title, "label": f.label} for f in feeds()
        ]
        return _page("index.html.j2", today, documents=documents)
    if path == "reglementation.rdf":
        regulation = data["regulation"]
        entries = _entries(base, "reglementation", regulation["entries"], today)
        return _feed("rss1.rdf.j2", base, path, regulation, entries)
    if path.startswith("articles/"):
        return _article(base, path, today)
    offer_key, _, name = path.partition("/")
    offer = data["offers"].get(offer_key)
    if offer is None:
        return None
    if name == "actualites.xml":
        entries = _entries(base, f"{offer_key}-actualites", offer["news"]["entries"], today)
        return _feed("rss2.xml.j2", base, path, offer["news"], entries)
    if name == "marche.atom":
        entries = _entries(base, f"{offer_key}-marche", offer["market"]["entries"], today)
        return _feed("atom.xml.j2", base, path, offer["market"], entries)
    if name == "avis.xml":
        reviews = offer["reviews"]
        entries = _entries(base, f"{offer_key}-avis", reviews["entries"], today, reviews=True)
        feed = {"description": f"Avis publiés sur {reviews['site']}", **reviews}
        return _feed("rss2.xml.j2", base, path, feed, entries)
    if name == "tarifs.html":
        page = offer["pricing_page"]
        competitor = offer["competitors"][2]
        iso = today.isocalendar()
        promotion = page["rotating"][(iso.year * 53 + iso.week) % len(page["rotating"])]
        return _page("page.html.j2", today, page=page, competitor=competitor, promotion=promotion)
    return None


def respond(path: str, *, base: str, if_none_match: str | None, today: date) -> Response:
    """The HTTP answer for ``path`` (200, 304 when the reader's copy is current, 404)."""
    document = render(path, base=base, today=today)
    if document is None:
        return Response(
            "Document de démonstration inconnu.", 404, media_type="text/plain; charset=utf-8"
        )
    if if_none_match and document.etag in [t.strip() for t in if_none_match.split(",")]:
        return Response(status_code=304, headers={"ETag": document.etag})
    return Response(document.body, 200, headers=document.headers())


def base_url(settings: Settings) -> str:
    """The origin the demo's sources are seeded with (``CAPVENTE_PUBLIC_URL``, else
    ``http://<host>:<port>`` with a wildcard host read as 127.0.0.1)."""
    if settings.public_url:
        return settings.public_url.rstrip("/")
    host = settings.host if settings.host not in ("0.0.0.0", "::", "") else "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{settings.port}"


def _today() -> date:
    return datetime.now(PARIS).date()


class DemoTransport(httpx.BaseTransport):
    """httpx transport answering the demo's URLs in-process with :func:`respond`."""

    def __init__(self, base: str) -> None:
        self.base = base

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        relative = path[len(PREFIX) :] if path.startswith(PREFIX) else None
        if relative is None:
            return httpx.Response(404, request=request)
        answer = respond(
            relative,
            base=self.base,
            if_none_match=request.headers.get("if-none-match"),
            today=_today(),
        )
        return httpx.Response(
            answer.status_code,
            headers=dict(answer.headers),
            stream=httpx.ByteStream(bytes(answer.body)),
            request=request,
        )


def local_site(settings: Settings) -> LocalSite:
    """What the fetcher needs to answer the demo's URLs itself."""
    base = base_url(settings)
    return LocalSite(origin=base, prefix=PREFIX, transport=DemoTransport(base))


def serve(path: str, settings: Settings, *, if_none_match: str | None) -> Response:
    """The answer to ``GET /demo/watch/{path}`` today, for the app's own base URL."""
    return respond(path, base=base_url(settings), if_none_match=if_none_match, today=_today())
