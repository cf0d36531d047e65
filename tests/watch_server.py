"""A hostile web site for the watch fetcher: a real HTTP server on 127.0.0.1, background thread.

Paths (GET):

- ``/rss2.xml``, ``/atom.xml``, ``/rss1.rdf``: real feeds (3 entries each, GUIDs, dates, HTML);
- ``/latin1.xml``: RSS 2.0 encoded in ISO-8859-1 (declared in the XML prolog), French titles;
- ``/malformed-entries.xml``: broken XML that still holds entries; ``/malformed-empty.xml``:
  broken XML without any;
- ``/billion-laughs.xml``: entity-expansion bomb; ``/xxe.xml``: external entity on
  ``file:///etc/passwd``; ``/xxe-late.xml``: the same after a syntax error (expat stops early);
- ``/gzip-bomb``: ``Content-Encoding: gzip``, ~110 KB expanding to 110 MiB of zeros;
- ``/big``: a plain 6 MiB body; ``/page``: HTML whose content changes at every request;
- ``/loop/{n}``: redirects to ``/loop/{n+1}`` forever; ``/redirect-ok``: to ``/rss2.xml``;
  ``/redirect-metadata``: to ``http://169.254.169.254/latest/meta-data/``;
  ``/redirect-file``: to ``file:///etc/passwd``; ``/redirect-zero``: to ``http://0.0.0.0/``;
- ``/busy/{name}``: a small feed of its own after ``busy_s`` seconds, counting concurrent
  requests (``max_in_flight``);
- ``/slow``: answers after ``slow_s`` seconds (longer than the tests' timeouts);
- ``/etag``: ETag ``"v1"`` and a Last-Modified; 304 when the request carries either;
- ``/missing``: 404; ``/error``: 500.

Every request is recorded (path and headers) in ``requests``.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass
from functools import lru_cache
from http.server import BaseHTTPRequestHandler

from tests.local_server import LocalServer

ETAG = '"v1"'
LAST_MODIFIED = "Wed, 01 Oct 2025 08:00:00 GMT"
BOMB_EXPANDED_BYTES = 110 * 1024 * 1024

RSS2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Actualit\xc3\xa9s de la formation</title>
    <link>https://formation.example/</link>
    <description>Veille du secteur</description>
    <item>
      <title>R\xc3\xa9forme du CPF en 2025</title>
      <link>/articles/cpf-2025?utm_source=rss</link>
      <guid isPermaLink="false">rss2-1</guid>
      <pubDate>Mon, 06 Oct 2025 09:30:00 +0200</pubDate>
      <description>&lt;p&gt;Le &lt;b&gt;CPF&lt;/b&gt; change.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
    </item>
    <item>
      <title>Nouveau concurrent \xc3\xa0 Lyon</title>
      <link>https://formation.example/articles/lyon</link>
      <guid>rss2-2</guid>
      <pubDate>Tue, 07 Oct 2025 10:00:00 GMT</pubDate>
      <description><![CDATA[<p>Un organisme <a href="/x">ouvre</a> ses portes.</p>]]></description>
    </item>
    <item>
      <title>Sans date</title>
      <link>https://formation.example/articles/sans-date</link>
      <guid>rss2-3</guid>
      <description>Texte brut.</description>
    </item>
  </channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Blog concurrent</title>
  <link href="https://concurrent.example/"/>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2025-10-08T12:00:00Z</updated>
  <entry>
    <title type="html">Tarifs &lt;em&gt;2026&lt;/em&gt;</title>
    <link href="https://concurrent.example/tarifs-2026"/>
    <id>tag:concurrent.example,2025:1</id>
    <published>2025-10-08T12:00:00+02:00</published>
    <updated>2025-10-08T12:00:00+02:00</updated>
    <summary type="html">&lt;p&gt;Hausse de &lt;strong&gt;5 %&lt;/strong&gt;.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title>Nouvelle offre</title>
    <link rel="alternate" href="/offres/nouvelle"/>
    <id>tag:concurrent.example,2025:2</id>
    <updated>2025-10-09T08:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Offre <b>distancielle</b>.</p></div></content>
  </entry>
  <entry>
    <title>Troisi\xc3\xa8me billet</title>
    <link href="https://concurrent.example/3"/>
    <id>tag:concurrent.example,2025:3</id>
    <updated>2025-10-10T08:00:00Z</updated>
    <summary>Court.</summary>
  </entry>
</feed>
"""

RSS1 = b"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:dc="http://purl.org/dc/elements/1.1/"
         xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://observatoire.example/rss">
    <title>Observatoire</title>
    <link>https://observatoire.example/</link>
    <description>Etudes</description>
    <items><rdf:Seq>
      <rdf:li rdf:resource="https://observatoire.example/etude-1"/>
      <rdf:li rdf:resource="https://observatoire.example/etude-2"/>
      <rdf:li rdf:resource="https://observatoire.example/etude-3"/>
    </rdf:Seq></items>
  </channel>
  <item rdf:about="https://observatoire.example/etude-1">
    <title>Etude 1</title>
    <link>https://observatoire.example/etude-1</link>
    <dc:date>2025-09-01T08:00:00Z</dc:date>
    <description>&lt;i&gt;March\xc3\xa9&lt;/i&gt; en hausse</description>
  </item>
  <item rdf:about="https://observatoire.example/etude-2">
    <title>Etude 2</title>
    <link>https://observatoire.example/etude-2</link>
    <dc:date>2025-09-02T08:00:00Z</dc:date>
    <description>Deux</description>
  </item>
  <item rdf:about="https://observatoire.example/etude-3">
    <title>Etude 3</title>
    <link>https://observatoire.example/etude-3</link>
    <dc:date>2025-09-03T08:00:00Z</dc:date>
    <description>Trois</description>
  </item>
</rdf:RDF>
"""

LATIN1 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel>
  <title>Revue de presse régionale</title>
  <link>https://presse.example/</link>
  <description>Actualités</description>
  <item><title>Événement à Besançon : l'école reçoit</title>
    <link>https://presse.example/besancon</link><guid>lat-1</guid>
    <pubDate>Thu, 02 Oct 2025 07:00:00 GMT</pubDate>
    <description>Été chaud, coûts élevés, façade rénovée.</description></item>
  <item><title>Où trouver des stagiaires ?</title>
    <link>https://presse.example/stagiaires</link><guid>lat-2</guid>
    <description>Réponse brève.</description></item>
</channel></rss>
""".encode("iso-8859-1")

MALFORMED_WITH_ENTRIES = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Cass\xc3\xa9</title>
  <item><title>Premier & unique</title><link>https://casse.example/1</link><guid>m-1</guid>
    <description>Texte <b>non ferm\xc3\xa9</description></item>
  <item><title>Second</title><link>https://casse.example/2</link><guid>m-2</guid></item>
</channel>
"""

MALFORMED_EMPTY = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Rien <<< & </titl
"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Bombe</title>
  <item><title>&lol9;</title><guid>bomb-1</guid><description>&lol9;</description></item>
</channel></rss>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<rss version="2.0"><channel><title>XXE</title>
  <item><title>&xxe;</title><guid>xxe-1</guid><description>&xxe;</description></item>
</channel></rss>
"""

# Unknown encoding for expat ("x-unknown" is refused before the DTD is read): the guard must
# still see the declaration.
XXE_LATE = b"""<?xml version="1.0" encoding="x-mac-unknown"?>
<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<rss version="2.0"><channel><title>XXE</title>
  <item><title>&xxe;</title><guid>xxe-2</guid><description>&xxe;</description></item>
</channel></rss>
"""


@lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    """~110 KB of gzip inflating to ``BOMB_EXPANDED_BYTES`` zeros, built by 1 MiB steps."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    parts = [compressor.compress(block) for _ in range(BOMB_EXPANDED_BYTES // len(block))]
    parts.append(compressor.flush())
    return b"".join(parts)


def page_html(version: int) -> bytes:
    return f"""<!doctype html><html><head><meta charset="utf-8">
<title>Catalogue  du concurrent</title>
<meta name="description" content="Nos formations   commerciales">
<style>body {{ color: red }}</style><script>var v = {version};</script></head>
<body><h1>Catalogue</h1><p>Formation vente : {1000 + version} €</p></body></html>""".encode()


STATIC: dict[str, tuple[bytes, str]] = {
    "/rss2.xml": (RSS2, "application/rss+xml; charset=utf-8"),
    "/atom.xml": (ATOM, "application/atom+xml"),
    "/rss1.rdf": (RSS1, "application/rdf+xml"),
    "/latin1.xml": (LATIN1, "application/rss+xml"),
    "/malformed-entries.xml": (MALFORMED_WITH_ENTRIES, "application/rss+xml"),
    "/malformed-empty.xml": (MALFORMED_EMPTY, "application/rss+xml"),
    "/billion-laughs.xml": (BILLION_LAUGHS, "application/rss+xml"),
    "/xxe.xml": (XXE, "application/rss+xml"),
    "/xxe-late.xml": (XXE_LATE, "application/rss+xml"),
}
REDIRECTS = {
    "/redirect-ok": "/rss2.xml",
    "/redirect-metadata": "http://169.254.169.254/latest/meta-data/",
    "/redirect-file": "file:///etc/passwd",
    "/redirect-zero": "http://0.0.0.0/",
}


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]


class HostileSite(LocalServer):
    protocol_version = "HTTP/1.1"

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[Recorded] = []
        self.slow_s = 3.0
        self.page_version = 0
        self.busy_s = 0.3
        self.in_flight = 0
        self.max_in_flight = 0

    def paths(self) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests]

    def last(self, path: str) -> Recorded:
        with self._lock:
            return next(r for r in reversed(self.requests) if r.path == path)

    # --- answers

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        with self._lock:
            self.requests.append(Recorded(path, dict(handler.headers.items())))
        if path in STATIC:
            body, content_type = STATIC[path]
            self._send(handler, 200, body, content_type)
        elif path in REDIRECTS:
            self._send(handler, 302, b"", "text/plain", {"Location": REDIRECTS[path]})
        elif path.startswith("/loop/"):
            n = int(path.rsplit("/", 1)[1] or 0)
            self._send(handler, 301, b"", "text/plain", {"Location": f"/loop/{n + 1}"})
        elif path == "/page":
            with self._lock:
                self.page_version += 1
                version = self.page_version
            self._send(handler, 200, page_html(version), "text/html; charset=utf-8")
        elif path == "/etag":
            conditional = (
                handler.headers.get("If-None-Match") == ETAG
                or handler.headers.get("If-Modified-Since") == LAST_MODIFIED
            )
            extra = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
            if conditional:
                self._send(handler, 304, b"", None, extra)
            else:
                self._send(handler, 200, RSS2, "application/rss+xml", extra)
        elif path == "/gzip-bomb":
            self._send(
                handler, 200, gzip_bomb(), "application/rss+xml", {"Content-Encoding": "gzip"}
            )
        elif path == "/big":
            self._send(handler, 200, b"x" * (6 * 1024 * 1024), "text/html")
        elif path == "/slow":
            self._release.wait(self.slow_s)
            self._send(handler, 200, RSS2, "application/rss+xml")
        elif path.startswith("/busy/"):
            self._busy(handler, path.rsplit("/", 1)[1])
        elif path == "/error":
            self._send(handler, 500, b"<h1>Internal Server Error</h1>", "text/html")
        else:
            self._send(handler, 404, b"<h1>Not Found</h1>", "text/html")

    def _busy(self, handler: BaseHTTPRequestHandler, name: str) -> None:
        """A feed of its own (GUIDs named after the path) that takes ``busy_s`` to answer,
        counting the requests in flight at once."""
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            time.sleep(self.busy_s)
            items = "".join(
                f"<item><title>Article {n} du flux {name}</title>"
                f"<guid>busy-{name}-{n}</guid></item>"
                for n in range(2)
            )
            body = (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>Flux '
                f"{name}</title>{items}</channel></rss>"
            ).encode()
            self._send(handler, 200, body, "application/rss+xml")
        finally:
            with self._lock:
                self.in_flight -= 1

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler,
        status: int,
        payload: bytes,
        content_type: str | None,
        extra: dict[str, str] | None = None,
    ) -> None:
        try:
            handler.send_response(status)
            if content_type:
                handler.send_header("Content-Type", content_type)
            for name, value in (extra or {}).items():
                handler.send_header(name, value)
            if status != 304:
                handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            if status != 304:
                handler.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass
