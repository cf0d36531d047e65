"""The delivery worker of a served app: a thread started by the app's lifespan (when
``CAPVENTE_WEBHOOKS_WORKER`` is true, the default) that runs ``deliver_due`` every
``webhooks_poll_seconds``, at once again while it finds a full batch. An error is logged and
the next pass tries again; stopping waits for the pass under way (a few seconds at most:
the posts' timeouts)."""

from __future__ import annotations

import logging
import threading
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.webhooks.delivery import DEFAULT_LIMIT, deliver_due

log = logging.getLogger("capvente.webhooks")


class DeliveryWorker:
    def __init__(self, session_factory: sessionmaker[Session], settings: Settings) -> None:
        self.session_factory = session_factory
        self.settings = settings
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="webhooks", daemon=True)

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self, timeout: float | None = None) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def run_once(self) -> int:
        """One pass; how many deliveries it claimed."""
        return deliver_due(self.session_factory, self.settings, limit=DEFAULT_LIMIT).claimed

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                busy = self.run_once() >= DEFAULT_LIMIT
            except Exception:  # the database restarting, a lock: the next pass tries again
                log.exception("webhook delivery pass failed")
                busy = False
            if not busy:
                self._stop.wait(self.settings.webhooks_poll_seconds)
