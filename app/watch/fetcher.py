"""Safe fetching of watch sources: HTTP with guards, feed parsing, page snapshots, dedup keys.

Pure functions, no database: the caller stores what they return. :func:`fetch` never raises
for a network or server problem; it returns a :class:`FetchResult` whose ``error`` is a French
message meant for the trainee.

Guards of :func:`fetch`:

- only ``http`` and ``https``; connect/read/write timeouts plus an overall deadline;
- redirects followed by hand (at most ``max_redirects``), every hop checked like the first;
- SSRF (`app.core.netguard`, shared with the webhooks): the host is resolved with
  :func:`socket.getaddrinfo` and refused when ANY address is
  loopback, private, link-local, multicast, reserved, unspecified or otherwise not global
  (IPv4-mapped, 6to4 and Teredo IPv6 addresses are checked on their embedded IPv4).
  ``allow_private`` lets loopback/private/link-local through (tests, the demo's own server);
  the cloud metadata addresses (169.254.169.254, fd00:ec2::254), multicast, reserved and
  unspecified addresses are refused ALWAYS, even with ``allow_private``;
- DNS rebinding: the request is sent to the checked IP itself (URL host replaced by the IP,
  ``Host`` header and TLS SNI/certificate check kept on the original name), so no second
  resolution happens between check and connect; the peer address of the connection is
  verified again after connecting. Environment proxies are ignored (``trust_env=False``).
  Residual risks: ``getaddrinfo`` has no timeout of its own; a ``https`` site whose certificate
  is valid for its name is trusted like any browser would.
- size: the body is counted on its DECOMPRESSED bytes while streaming; gzip/deflate are
  inflated here in bounded steps (``zlib`` ``max_length``), so a gzip bomb stops at the limit
  instead of being inflated in memory;
- conditional requests: ``If-None-Match`` / ``If-Modified-Since``; 304 gives "not_modified".

The app's own demo documents (``options.local``: its origin and path prefix, e.g.
``http://127.0.0.1:8000/demo/watch/``) are answered in-process by the transport that renders
them: nothing goes over the network, so the SSRF guard has nothing to allow and the demo
works offline, server running or not. Every other guard (size, redirects, 304) still applies.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree
import feedparser
import httpx
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from app.core.addresses import IPAddress
from app.core.netguard import AddressRefused, peer_address, resolve_checked

if TYPE_CHECKING:
    from app.config import Settings

DEFAULT_USER_AGENT = "CapVente-veille/1.0 (+https://capvente.example; formation)"
SUMMARY_MAX_CHARS = 2000
TITLE_MAX_CHARS = 500
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_INFLATE_STEP = 64 * 1024

FetchStatus = Literal["ok", "not_modified", "error"]


@dataclass(frozen=True)
class LocalSite:
    """Documents the app serves itself: URLs of ``origin`` under ``prefix`` go to
    ``transport`` (in-process) instead of the network."""

    origin: str  # "http://127.0.0.1:8000"
    prefix: str  # "/demo/watch/"
    transport: httpx.BaseTransport

    def serves(self, url: httpx.URL) -> bool:
        origin = httpx.URL(self.origin)
        return (
            url.scheme == origin.scheme
            and url.host == origin.host
            and (url.port or _default_port(url.scheme))
            == (origin.port or _default_port(origin.scheme))
            and url.path.startswith(self.prefix)
        )


@dataclass
class FetchOptions:
    timeout_s: float = 10.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = DEFAULT_USER_AGENT
    # Overall deadline of one fetch (all hops, whole body): a server dripping one byte per
    # read timeout would otherwise hold a worker forever. None: 3 × timeout_s.
    total_timeout_s: float | None = None
    local: LocalSite | None = None

    @classmethod
    def from_settings(cls, settings: Settings, local: LocalSite | None = None) -> FetchOptions:
        """Options of the ``CAPVENTE_WATCH_*`` settings."""
        return cls(
            timeout_s=settings.watch_timeout_seconds,
            max_bytes=settings.watch_max_bytes,
            max_redirects=settings.watch_max_redirects,
            allow_private=settings.watch_allow_private,
            local=local,
        )


@dataclass
class FetchResult:
    status: FetchStatus
    http_status: int | None = None
    final_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    body: bytes | None = None
    error: str | None = None


class FetchRefused(Exception):
    """A guard refused the URL or the response; the message is French, for the user."""


# The SSRF guard lives in app.core.netguard (shared with the webhooks): the host is
# resolved once, every address checked, the request sent to the checked IP.
WATCH_PURPOSE = "la veille"


# ------------------------------------------------------------------------------ fetching


def _seconds(value: float) -> str:
    return f"{value:g} s".replace(".", ",")


def _mebibytes(value: int) -> str:
    return f"{value / (1024 * 1024):g} Mio".replace(".", ",")


def _http_error(status: int) -> str:
    if status == 404:
        return "Page introuvable (HTTP 404) : vérifiez l'adresse de la source."
    if status == 410:
        return "La ressource a été supprimée par le site (HTTP 410)."
    if status in (401, 403):
        return f"Accès refusé par le site (HTTP {status})."
    if status == 429:
        return "Le site limite le nombre de requêtes (HTTP 429) : nouvel essai plus tard."
    if status >= 500:
        return f"Erreur du serveur distant (HTTP {status}) : nouvel essai plus tard."
    return f"Réponse inattendue du site (HTTP {status})."


def _inflate(chunks: Iterator[bytes], encoding: str) -> Iterator[bytes]:
    """Decode gzip/deflate in steps of at most ``_INFLATE_STEP`` output bytes."""
    gzip = encoding in ("gzip", "x-gzip")
    wbits = 16 + zlib.MAX_WBITS if gzip else zlib.MAX_WBITS
    decoder = zlib.decompressobj(wbits)
    first = True
    for chunk in chunks:
        if first and not gzip and chunk:
            # "deflate" is sometimes sent raw, without the zlib header (as httpx tolerates).
            first = False
            try:
                probe = zlib.decompressobj(wbits)
                probe.decompress(chunk[:2])
            except zlib.error:
                decoder = zlib.decompressobj(-zlib.MAX_WBITS)
        pending = chunk
        while pending:
            out = decoder.decompress(pending, _INFLATE_STEP)
            pending = decoder.unconsumed_tail
            if decoder.eof and decoder.unused_data:
                # Concatenated gzip members.
                pending = decoder.unused_data + pending
                decoder = zlib.decompressobj(wbits)
            if out:
                yield out
    tail = decoder.flush()
    if tail:
        yield tail


def _body_chunks(response: httpx.Response) -> Iterator[bytes]:
    encodings = [
        e.strip().lower()
        for e in response.headers.get("content-encoding", "").split(",")
        if e.strip() and e.strip().lower() != "identity"
    ]
    if not encodings:
        return response.iter_raw()
    if len(encodings) == 1 and encodings[0] in ("gzip", "x-gzip", "deflate"):
        return _inflate(response.iter_raw(), encodings[0])
    # Other encodings (never asked for): httpx's decoders; it inflates one network read at a
    # time, so the limit below still stops the download early.
    return response.iter_bytes()


def _read_limited(response: httpx.Response, options: FetchOptions, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if (
        declared.isdigit()
        and "content-encoding" not in response.headers
        and int(declared) > options.max_bytes
    ):
        raise FetchRefused(_too_big(options))
    buffer = bytearray()
    for chunk in _body_chunks(response):
        buffer += chunk
        if len(buffer) > options.max_bytes:
            raise FetchRefused(_too_big(options))
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("overall deadline")
    return bytes(buffer)


def _too_big(options: FetchOptions) -> str:
    return (
        f"Contenu trop volumineux (plus de {_mebibytes(options.max_bytes)} une fois "
        "décompressé) : téléchargement interrompu."
    )


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    options: FetchOptions | None = None,
) -> FetchResult:
    """GET ``url`` with every guard of this module; never raises for network/server problems."""
    options = options or FetchOptions()
    try:
        return _fetch(url, etag=etag, last_modified=last_modified, options=options)
    except FetchRefused as exc:
        return FetchResult(status="error", final_url=url, error=str(exc))
    except Exception as exc:  # the contract: nothing reaches the caller
        return FetchResult(
            status="error",
            final_url=url,
            error=f"Erreur inattendue pendant la récupération ({type(exc).__name__}).",
        )


def _fetch(
    url: str, *, etag: str | None, last_modified: str | None, options: FetchOptions
) -> FetchResult:
    total = options.total_timeout_s
    if total is None:
        total = 3 * options.timeout_s
    deadline = time.monotonic() + total
    headers = {
        "User-Agent": options.user_agent,
        "Accept": (
            "application/rss+xml, application/atom+xml, application/rdf+xml, "
            "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5"
        ),
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    timeout = httpx.Timeout(options.timeout_s)
    current = url
    hops = 0
    with (
        httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client,
        httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
            transport=options.local.transport if options.local else None,
        ) as local_client,
    ):
        while True:
            result = _one_hop(client, local_client, current, headers, options, deadline)
            if isinstance(result, FetchResult):
                return result
            hops += 1
            if hops > options.max_redirects:
                return FetchResult(
                    status="error",
                    final_url=current,
                    error=f"Trop de redirections (plus de {options.max_redirects}) : "
                    "le site tourne en boucle.",
                )
            current = result


def _one_hop(
    client: httpx.Client,
    local_client: httpx.Client,
    url: str,
    headers: dict[str, str],
    options: FetchOptions,
    deadline: float,
) -> FetchResult | str:
    """The result of GET ``url``, or the next URL when it redirects."""

    def error(message: str, status: int | None = None) -> FetchResult:
        return FetchResult(status="error", http_status=status, final_url=url, error=message)

    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return error("Adresse invalide.")
    scheme = target.scheme.lower()
    if scheme not in ("http", "https"):
        return error(
            f"Protocole « {scheme or '?'} » refusé : seules les adresses http et https "
            "sont acceptées."
        )
    host = target.raw_host.decode("ascii")
    if not host:
        return error("Adresse invalide : nom de domaine manquant.")
    port = target.port or _default_port(scheme)
    addresses: list[IPAddress] = []
    extensions: dict[str, Any] = {}
    if options.local is not None and options.local.serves(target):
        # The app's own document, rendered in-process: no network, nothing to resolve.
        via, request_url, request_headers = local_client, target.copy_with(fragment=None), headers
    else:
        try:
            addresses = resolve_checked(
                host, port, allow_private=options.allow_private, purpose=WATCH_PURPOSE
            )
        except AddressRefused as exc:
            return error(str(exc))
        pinned = addresses[0]
        # Connect to the checked IP; Host and TLS name stay those of the URL.
        via, request_url = client, target.copy_with(host=str(pinned), fragment=None)
        request_headers = {**headers, "Host": target.netloc.decode("ascii")}
        if scheme == "https":
            extensions["sni_hostname"] = host
    try:
        with via.stream(
            "GET", request_url, headers=request_headers, extensions=extensions
        ) as response:
            peer = peer_address(response)
            if addresses and peer is not None and peer not in addresses:
                return error(f"Connexion refusée : adresse {peer} non vérifiée.")
            status = response.status_code
            if status in REDIRECT_STATUSES:
                location = response.headers.get("location")
                if not location:
                    return error(f"Redirection sans destination (HTTP {status}).", status)
                try:
                    return str(target.copy_with(fragment=None).join(location))
                except (httpx.InvalidURL, ValueError):
                    return error("Redirection vers une adresse invalide.", status)
            common = {
                "http_status": status,
                "final_url": str(target.copy_with(fragment=None)),
                "etag": response.headers.get("etag"),
                "last_modified": response.headers.get("last-modified"),
                "content_type": response.headers.get("content-type"),
            }
            if status == 304:
                return FetchResult(status="not_modified", **common)
            if status >= 400 or status < 200:
                return FetchResult(status="error", error=_http_error(status), **common)
            try:
                body = _read_limited(response, options, deadline)
            except FetchRefused as exc:
                return FetchResult(status="error", error=str(exc), **common)
            return FetchResult(status="ok", body=body, **common)
    except httpx.TimeoutException:
        return error(f"Délai dépassé ({_seconds(options.timeout_s)}) : le site n'a pas répondu.")
    except zlib.error:
        return error("Contenu compressé invalide : le site a envoyé des données corrompues.")
    except httpx.DecodingError:
        return error("Contenu compressé invalide : le site a envoyé des données corrompues.")
    except httpx.ConnectError as exc:
        text = str(exc).upper()
        if "SSL" in text or "CERTIFICATE" in text:
            return error("Connexion sécurisée impossible : certificat TLS invalide.")
        return error(f"Connexion impossible : {host} ne répond pas ou refuse la connexion.")
    except (httpx.RemoteProtocolError, httpx.LocalProtocolError):
        return error("Réponse invalide du site (protocole HTTP non respecté).")
    except httpx.HTTPError as exc:
        return error(f"Erreur réseau ({type(exc).__name__}).")


# ------------------------------------------------------------------------------ HTML to text


class _TextExtractor(HTMLParser):
    """Visible text, ``<title>`` and ``<meta name="description">`` of an HTML fragment."""

    HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title", "svg"})
    BLOCKS = frozenset(
        {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td",
         "th", "section", "article", "header", "footer", "blockquote", "pre", "hr"}
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.description: str | None = None
        self._hidden_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        if tag == "meta":
            values = {k.lower(): (v or "") for k, v in attrs}
            if values.get("name", "").lower() == "description" and self.description is None:
                self.description = values.get("content", "")
        if tag in self.HIDDEN:
            self._hidden_depth += 1
        elif tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag in self.HIDDEN and self._hidden_depth:
            self._hidden_depth -= 1
        elif tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._hidden_depth:
            self.parts.append(data)


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _bounded(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def html_to_text(fragment: str, *, limit: int = SUMMARY_MAX_CHARS) -> str:
    """The text of an HTML fragment, whitespace collapsed, at most ``limit`` characters."""
    parser = _TextExtractor()
    try:
        parser.feed(fragment)
        parser.close()
    except Exception:  # html.parser is lenient; never let odd markup break a refresh
        return _bounded(_collapse(re.sub(r"<[^>]*>", " ", fragment)), limit)
    return _bounded(_collapse("".join(parser.parts)), limit)


# ------------------------------------------------------------------------------ feeds


@dataclass
class FeedEntry:
    guid: str | None
    title: str
    link: str | None
    published: datetime | None
    summary: str


@dataclass
class ParsedFeed:
    """Entries of a feed; ``error`` (French) set when the document could not be used."""

    title: str | None = None
    link: str | None = None
    version: str | None = None
    entries: list[FeedEntry] = field(default_factory=list)
    error: str | None = None
    # Set when feedparser reported a malformed document but entries could still be read.
    warning: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


_ENTITY_DECLARATION = re.compile(r"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY", re.IGNORECASE | re.DOTALL)


def _entity_refusal(body: bytes) -> str | None:
    """A French error when the document declares entities or external references."""
    try:
        defusedxml.ElementTree.fromstring(
            body, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except (EntitiesForbidden, DTDForbidden):
        return "Flux refusé : le document déclare des entités XML (risque d'attaque par expansion)."
    except ExternalReferenceForbidden:
        return "Flux refusé : le document référence une ressource externe (entité XML externe)."
    except (ParseError, ValueError, LookupError, SyntaxError):
        # Expat stopped early (malformed document, encoding it does not know): a declaration
        # after that point was never seen; look for one in the text before feedparser does.
        for encoding in ("utf-8", "utf-16", "latin-1"):
            try:
                text = body.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _ENTITY_DECLARATION.search(text):
                return (
                    "Flux refusé : le document déclare des entités XML "
                    "(risque d'attaque par expansion)."
                )
    return None


def _aware(value: Any) -> datetime | None:
    if value is None:
        return None
    try:
        year, month, day, hour, minute, second = (int(part) for part in tuple(value)[:6])
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def _absolute_http(link: Any, base_url: str) -> str | None:
    if not isinstance(link, str) or not link.strip():
        return None
    absolute = urljoin(base_url, link.strip())
    if urlsplit(absolute).scheme.lower() not in ("http", "https"):
        return None
    return absolute


def _entry_link(entry: Any, base_url: str) -> str | None:
    link = _absolute_http(entry.get("link"), base_url)
    if link is not None:
        return link
    for candidate in entry.get("links") or []:
        if candidate.get("rel", "alternate") == "alternate":
            link = _absolute_http(candidate.get("href"), base_url)
            if link is not None:
                return link
    return None


def parse_feed(body: bytes, content_type: str | None, base_url: str) -> ParsedFeed:
    """Entries of an RSS 0.9x/1.0/2.0 or Atom document; never raises."""
    refusal = _entity_refusal(body)
    if refusal is not None:
        return ParsedFeed(error=refusal)
    # No base URL for feedparser: it would also "resolve" GUIDs such as "item-1" into URLs.
    # Links are made absolute here; summaries are reduced to text, so their links do not matter.
    headers = {"content-type": content_type} if content_type else {}
    try:
        # A stream, never bytes or str: feedparser opens a str as a URL or a file name.
        parsed: Any = feedparser.parse(io.BytesIO(body), response_headers=headers)
    except Exception as exc:
        return ParsedFeed(error=f"Flux illisible ({type(exc).__name__}).")
    bozo_reason = str(parsed.get("bozo_exception", "")) if parsed.get("bozo") else None
    version = parsed.get("version") or None
    if not parsed.entries:
        if bozo_reason is not None:
            return ParsedFeed(
                version=version, error=f"Flux illisible : document mal formé ({bozo_reason})."
            )
        if not version:
            return ParsedFeed(error="Ce document n'est pas un flux RSS ou Atom reconnu.")
    feed = parsed.get("feed", {})
    result = ParsedFeed(
        title=html_to_text(feed.get("title") or "", limit=TITLE_MAX_CHARS) or None,
        link=_absolute_http(feed.get("link"), base_url),
        version=version,
        warning=f"Flux mal formé, lu malgré tout ({bozo_reason})." if bozo_reason else None,
    )
    for entry in parsed.entries:
        summary_html = entry.get("summary") or ""
        if not summary_html and entry.get("content"):
            summary_html = entry["content"][0].get("value") or ""
        guid = entry.get("id") or None
        result.entries.append(
            FeedEntry(
                guid=guid.strip() if isinstance(guid, str) and guid.strip() else None,
                title=html_to_text(entry.get("title") or "", limit=TITLE_MAX_CHARS),
                link=_entry_link(entry, base_url),
                published=_aware(entry.get("published_parsed") or entry.get("updated_parsed")),
                summary=html_to_text(summary_html),
            )
        )
    return result


# ------------------------------------------------------------------------------ pages


@dataclass
class PageSnapshot:
    title: str | None
    description: str | None
    content_hash: str


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def _charset(body: bytes, content_type: str | None) -> str:
    candidates: list[str] = []
    if content_type:
        match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
        if match:
            candidates.append(match.group(1))
    meta = _META_CHARSET.search(body[:4096])
    if meta:
        candidates.append(meta.group(1).decode("ascii", "replace"))
    for candidate in candidates:
        try:
            return codecs.lookup(candidate).name
        except LookupError:
            continue
    return "utf-8"


def page_snapshot(body: bytes, content_type: str | None) -> PageSnapshot:
    """Title, description and a hash of the visible text (whitespace collapsed) of a page."""
    text = body.decode(_charset(body, content_type), errors="replace")
    parser = _TextExtractor()
    try:
        parser.feed(text)
        parser.close()
    except Exception:
        pass  # keep what was read
    visible = _collapse("".join(parser.parts))
    title = _bounded(_collapse("".join(parser.title_parts)), TITLE_MAX_CHARS) or None
    description = (
        _bounded(_collapse(parser.description), SUMMARY_MAX_CHARS) or None
        if parser.description is not None
        else None
    )
    digest = hashlib.sha256(visible.encode("utf-8")).hexdigest()
    return PageSnapshot(title=title, description=description, content_hash=digest)


# ------------------------------------------------------------------------------ dedup


def normalise_link(link: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, sorted query without utm_*."""
    parts = urlsplit(link.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host
    if port is not None and port != {"http": 80, "https": 443}.get(scheme):
        netloc = f"{host}:{port}"
    if parts.username:
        userinfo = parts.username + (f":{parts.password}" if parts.password else "")
        netloc = f"{userinfo}@{netloc}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_")
    )
    path = parts.path or ("/" if netloc else "")
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def dedup_key(guid: str | None, link: str | None, content: str | bytes | None) -> str:
    """The feed GUID, else the normalised link, else ``sha256:`` of the content."""
    if guid and guid.strip():
        return guid.strip()
    if link and link.strip():
        return normalise_link(link)
    data = content.encode("utf-8") if isinstance(content, str) else (content or b"")
    return "sha256:" + hashlib.sha256(data).hexdigest()
