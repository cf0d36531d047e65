"""ASGI middleware: a request id on every request and response; a request body limit;
security headers (content security policy and friends) on every response."""

from __future__ import annotations

import base64
import hashlib
import re
import uuid

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.errors import REQUEST_ID_HEADER, problem_response

_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Reuse the caller's ``X-Request-ID`` when sane, else mint one; echo it in the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = Headers(scope=scope).get(REQUEST_ID_HEADER)
        request_id = incoming if incoming and _VALID_ID.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if REQUEST_ID_HEADER not in headers:
                    headers.append(REQUEST_ID_HEADER, request_id)
            await send(message)

        await self.app(scope, receive, send_with_id)


class BodySizeLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with a 413 problem, whatever the framing.

    A declared Content-Length over the limit is refused before the app runs; a streamed body
    is counted as it arrives and the read fails with a 413 that the error handlers render.
    """

    def __init__(
        self, app: ASGIApp, max_bytes: int, overrides: dict[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        # Larger limits for upload routes, by path prefix (e.g. the prospect import).
        self.overrides = sorted((overrides or {}).items(), key=lambda kv: -len(kv[0]))

    def limit_for(self, path: str) -> int:
        return next(
            (size for prefix, size in self.overrides if path.startswith(prefix)), self.max_bytes
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        max_bytes = self.limit_for(scope["path"])
        declared = Headers(scope=scope).get("content-length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            response = problem_response(
                Request(scope),
                status=413,
                slug="payload-too-large",
                title="Requête trop volumineuse",
                detail=_too_large(max_bytes),
            )
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes:
                    raise HTTPException(status_code=413, detail=_too_large(max_bytes))
            return message

        await self.app(scope, counting_receive, send)


def _too_large(max_bytes: int) -> str:
    return f"Le corps de la requête dépasse la taille maximale autorisée ({max_bytes} octets)."


# ----------------------------------------------------------------------- security headers

# Answers of the API itself (JSON, problem documents, files, the HTML exports): nothing in
# them may run, load or be framed; inline styles stay for the HTML exports' <style>.
API_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'none'; sandbox"
)
API_PREFIXES = ("/api/", "/healthz", "/openapi.json", "/demo/")

_INLINE_SCRIPT = re.compile(
    rb"<script(?![^>]*\ssrc\s*=)[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL
)


def tile_source(tile_url: str | None) -> str | None:
    """The CSP source of a map tile template (``{s}`` subdomains become a wildcard)."""
    if not tile_url or "://" not in tile_url:
        return None
    scheme, rest = tile_url.split("://", 1)
    host = rest.split("/", 1)[0].replace("{s}", "*")
    return f"{scheme}://{host}" if host and "{" not in host else None


def page_policy(script_hashes: list[str], tile: str | None) -> str:
    """The policy of the pages (web client, /docs, /redoc, the landing page).

    Scripts only from our origin (the built client has no inline script; the inline start-up
    script of Swagger UI is allowed by its hash, computed from the page itself). Inline styles
    are allowed: Leaflet and Recharts position their elements with style attributes, ReDoc
    injects <style> elements. Images may be data:/blob: (Leaflet's icons, Swagger's) and the
    configured tile server. Workers from blob: (ReDoc's search)."""
    scripts = " ".join(["'self'", *(f"'sha256-{h}'" for h in script_hashes)])
    images = " ".join(["'self'", "data:", "blob:", *([tile] if tile else [])])
    return (
        f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
        f"img-src {images}; font-src 'self' data:; connect-src 'self'; "
        "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    )


def inline_script_hashes(html: bytes) -> list[str]:
    return [
        base64.b64encode(hashlib.sha256(body).digest()).decode()
        for body in _INLINE_SCRIPT.findall(html)
    ]


class SecurityHeadersMiddleware:
    """Content security policy, nosniff, no framing and a same-origin referrer on every
    response. HTML pages are read whole (they are small) to allow their inline scripts by
    hash: nothing else inline runs, whatever an attacker manages to inject."""

    def __init__(self, app: ASGIApp, tile_url: str | None = None) -> None:
        self.app = app
        self.tile = tile_source(tile_url)

    def _headers(self, headers: MutableHeaders, policy: str) -> None:
        headers["Content-Security-Policy"] = policy
        headers["X-Content-Type-Options"] = "nosniff"
        headers["X-Frame-Options"] = "DENY"
        headers["Referrer-Policy"] = "same-origin"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if str(scope["path"]).startswith(API_PREFIXES):

            async def send_api(message: Message) -> None:
                if message["type"] == "http.response.start":
                    self._headers(MutableHeaders(scope=message), API_POLICY)
                await send(message)

            await self.app(scope, receive, send_api)
            return

        start: Message | None = None
        chunks: list[bytes] = []

        async def send_page(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    start = message  # held until the whole page is read
                    return
                self._headers(headers, page_policy([], self.tile))
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                html = b"".join(chunks)
                headers = MutableHeaders(scope=start)
                self._headers(headers, page_policy(inline_script_hashes(html), self.tile))
                await send(start)
                await send({"type": "http.response.body", "body": html, "more_body": False})
                return
            await send(message)

        await self.app(scope, receive, send_page)
