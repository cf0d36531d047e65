"""A real HTTP server on 127.0.0.1 for the tests' outside services (openrouteservice, the
geocoders, hostile web sites): a free port chosen by the system and kept, a thread serving
each request, quiet logs. A subclass names the methods it answers and writes ``_handle``;
``stop`` wakes any answer still sleeping on ``_release``."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (a limit, a timeout) leaves a broken pipe: expected


class LocalServer:
    #: The HTTP methods answered (each by ``_handle``).
    methods: tuple[str, ...] = ("GET",)
    #: ``HTTP/1.1`` keeps connections open, as real sites do.
    protocol_version = "HTTP/1.0"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._release = threading.Event()
        server = self

        def answer(handler: BaseHTTPRequestHandler) -> None:
            server._handle(handler)

        def quiet(handler: BaseHTTPRequestHandler, format: str, *args: Any) -> None:
            pass

        attributes: dict[str, Any] = {"protocol_version": self.protocol_version}
        attributes["log_message"] = quiet
        for method in self.methods:
            attributes[f"do_{method}"] = answer
        handler = type("Handler", (BaseHTTPRequestHandler,), attributes)
        self._server = _Server(("127.0.0.1", 0), handler)
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()  # wake up sleeping answers
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        raise NotImplementedError
