"""Webhooks for integrators against a real receiver on 127.0.0.1: signed deliveries checked
by the receiver with the documented algorithm, failures on purpose and retries with backoff,
timeouts, failure after the last try, redelivery by hand, the SSRF guard at saving and at
delivery, events published only when their change commits, who may manage subscriptions."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from app.auth.schemas import ApiTokenCreate
from app.auth.service import create_api_token
from app.cli import cli
from app.common.clock import utcnow
from app.config import Settings, get_settings
from app.core.db import make_engine, make_session_factory
from app.core.events import publish
from app.core.principal import Principal
from app.main import create_app
from app.models import (
    ApiScope,
    EvidenceRecord,
    NoteStatus,
    Organisation,
    Role,
    SynthesisNote,
    User,
    WebhookAttempt,
    WebhookDelivery,
    WebhookDeliveryStatus,
    WebhookEvent,
    WebhookEventKind,
    WebhookSubscription,
)
from app.webhooks.delivery import backoff, deliver_due
from app.webhooks.signing import new_secret
from tests.conftest import TEST_SECRET, migrate
from tests.factories import (
    bearer,
    business_case_records,
    make_cohort,
    make_org,
    make_user,
)
from tests.local_server import LocalServer
from tests.support import with_test_routes

API = "/api/v1"
README = Path(__file__).resolve().parent.parent / "app" / "webhooks" / "README.md"


# ------------------------------------------------------------------ the receiver


def signature_ok(secret: str, message_id: str, timestamp: str, body: bytes, header: str) -> bool:
    """The receiver's check, written from the documented algorithm (app/webhooks/README.md),
    not from the sender's code."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{message_id}.{timestamp}.".encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(expected, given) for given in header.split())


class Receiver(LocalServer):
    """An integrator's endpoint: checks every signature (401 when wrong), answers the
    statuses of ``plan`` first and 200 afterwards, sleeps ``delay`` seconds before answering."""

    methods = ("POST",)

    def __init__(self) -> None:
        super().__init__()
        self.secret = ""
        self.plan: list[int] = []
        self.delay = 0.0
        self.received: list[dict[str, Any]] = []

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        body = handler.rfile.read(int(handler.headers.get("Content-Length", "0")))
        if self.delay:
            self._release.wait(self.delay)
        headers = {name.lower(): value for name, value in handler.headers.items()}
        with self._lock:
            verified = signature_ok(
                self.secret, headers.get("webhook-id", ""), headers.get("webhook-timestamp", ""),
                body, headers.get("webhook-signature", ""),
            )  # fmt: skip
            status = self.plan.pop(0) if self.plan else 200
            if not verified:
                status = 401
            self.received.append(
                {"path": handler.path, "headers": headers, "body": json.loads(body), "raw": body,
                 "verified": verified, "status": status}
            )  # fmt: skip
        handler.send_response(status)
        handler.send_header("Content-Length", "0")
        handler.end_headers()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver().start()
    yield server
    server.stop()


# ------------------------------------------------------------------ helpers


@pytest.fixture
def fast(settings: Settings) -> Settings:
    """The app's settings with the receiver on 127.0.0.1 allowed and short timeouts."""
    settings.webhooks_allow_private = True
    settings.webhooks_connect_timeout_seconds = 0.5
    settings.webhooks_read_timeout_seconds = 0.3
    return settings


@pytest.fixture
def people(db: Session) -> dict[str, Any]:
    org = make_org(db)
    trainer = make_user(db, org, Role.TRAINER)
    cohort = make_cohort(db, org, trainers=[trainer])
    return {
        "org": org,
        "trainer": trainer,
        "admin": make_user(db, org, Role.ADMIN),
        "trainee": make_user(db, org, cohort=cohort),
        "cohort": cohort,
    }


def subscribe(
    client: TestClient,
    headers: dict[str, str],
    url: str,
    events: tuple[str, ...] = ("evidence.recorded",),
) -> dict[str, Any]:
    response = client.post(
        f"{API}/webhook-subscriptions",
        json={"url": url, "events": list(events), "description": "Plateforme"},
        headers=headers,
    )
    assert response.status_code == 201, response.text
    return response.json()


def token_headers(db: Session, user: User, *scopes: ApiScope) -> dict[str, str]:
    principal = Principal(user_id=user.id, organisation_id=user.organisation_id, role=user.role,
                          cohort_id=user.cohort_id, scopes=frozenset(ApiScope))  # fmt: skip
    _, secret = create_api_token(
        db, principal, ApiTokenCreate(name="plateforme", scopes=list(scopes))
    )
    db.flush()
    return {"Authorization": f"Bearer {secret}"}


def deliveries(db: Session) -> list[WebhookDelivery]:
    db.expire_all()
    return list(db.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id)))


def attempts(db: Session, delivery_id: int) -> list[WebhookAttempt]:
    return list(
        db.scalars(
            select(WebhookAttempt)
            .where(WebhookAttempt.delivery_id == delivery_id)
            .order_by(WebhookAttempt.id)
        )
    )


def queue_ping(db: Session, org: Organisation, kind: WebhookEventKind) -> None:
    publish(db, org.id, kind, {"trainee_id": 1, "at": utcnow()})
    db.commit()


# ------------------------------------------------------------------ subscriptions


def test_the_secret_is_shown_once_and_deliveries_are_signed(
    app: FastAPI, db: Session, fast: Settings, session_factory: sessionmaker[Session],
    receiver: Receiver, people: dict[str, Any],
) -> None:  # fmt: skip
    trainer, trainee = people["trainer"], people["trainee"]
    with TestClient(with_test_routes(app)) as client:
        created = subscribe(client, bearer(trainer), f"{receiver.url}/hooks?source=capvente")
        secret = created["secret"]
        assert secret.startswith("whsec_")
        assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
        assert created["created_by_id"] == trainer.id
        one = client.get(f"{API}/webhook-subscriptions/{created['id']}", headers=bearer(trainer))
        assert one.status_code == 200
        assert "secret" not in one.json()
        listed = client.get(f"{API}/webhook-subscriptions", headers=bearer(trainer)).json()
        assert listed["total"] == 1
        assert "secret" not in listed["items"][0]
        receiver.secret = secret

        # A trainee's write that shows something: evidence, and its event, in one commit.
        assert client.post(f"{API}/_test/cards", headers=bearer(trainee)).status_code == 201

    record = db.scalar(select(EvidenceRecord).where(EvidenceRecord.trainee_id == trainee.id))
    assert record is not None
    report = deliver_due(session_factory, fast)
    assert (report.claimed, report.succeeded) == (1, 1)

    [got] = receiver.received
    assert got["verified"], got
    assert got["path"] == "/hooks?source=capvente"
    headers = got["headers"]
    assert headers["content-type"] == "application/json"
    assert headers["user-agent"].startswith("CapVente-Webhooks")
    assert headers["webhook-id"].startswith("msg_")
    assert len(headers["webhook-id"]) == 30
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 60
    body = got["body"]
    assert body["type"] == "evidence.recorded"
    assert body["data"]["evidence_id"] == record.id
    assert body["data"]["trainee_id"] == trainee.id
    assert body["data"]["criteria"] == ["CP3.7", "CT3.4"]
    assert body["data"]["competences"] == ["CP3", "CT3"]
    assert body["data"]["recorded_at"].endswith("Z")

    [delivery] = deliveries(db)
    assert delivery.status is WebhookDeliveryStatus.SUCCEEDED
    assert (delivery.attempts, delivery.last_status_code, delivery.next_attempt_at) == (
        1,
        200,
        None,
    )
    [attempt] = attempts(db, delivery.id)
    assert attempt.status_code == 200
    assert attempt.error is None
    assert 0 <= attempt.response_ms < 5000
    event = db.get(WebhookEvent, delivery.event_id)
    assert event is not None
    assert event.public_id == headers["webhook-id"]

    # The README's verification snippet accepts the real delivery, and nothing tampered with.
    verify = readme_snippet()["verify_webhook"]
    assert verify(secret, headers, got["raw"])
    assert not verify(secret, headers, got["raw"].replace(b"CP3.7", b"CP3.8"))
    assert not verify(new_secret(), headers, got["raw"])
    assert not verify(secret, {**headers, "webhook-timestamp": str(int(time.time()) - 3600)},
                      got["raw"])  # fmt: skip


def readme_snippet() -> dict[str, Any]:
    """The names the Python block of app/webhooks/README.md's "Checking a signature" defines."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### Checking a signature (Python)", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, Any] = {}
    exec(compile(code, str(README), "exec"), namespace)
    return namespace


def test_rotating_the_secret_shows_the_new_one_once_and_signs_with_it(
    client: TestClient, db: Session, fast: Settings, session_factory: sessionmaker[Session],
    receiver: Receiver, people: dict[str, Any],
) -> None:  # fmt: skip
    admin = people["admin"]
    created = subscribe(client, bearer(admin), receiver.url, ("assessment.made",))
    rotated = client.post(
        f"{API}/webhook-subscriptions/{created['id']}/rotate-secret", headers=bearer(admin)
    )
    assert rotated.status_code == 200, rotated.text
    assert rotated.json()["secret"].startswith("whsec_")
    assert rotated.json()["secret"] != created["secret"]
    receiver.secret = rotated.json()["secret"]
    queue_ping(db, people["org"], WebhookEventKind.ASSESSMENT_MADE)
    deliver_due(session_factory, fast)
    assert [r["verified"] for r in receiver.received] == [True]


def test_retries_back_off_then_succeed_with_every_attempt_logged(
    db: Session, fast: Settings, session_factory: sessionmaker[Session], receiver: Receiver,
    people: dict[str, Any], client: TestClient,
) -> None:  # fmt: skip
    created = subscribe(client, bearer(people["trainer"]), receiver.url, ("assessment.made",))
    receiver.secret = created["secret"]
    receiver.plan = [500, 503]
    queue_ping(db, people["org"], WebhookEventKind.ASSESSMENT_MADE)
    t0 = utcnow()

    first = deliver_due(session_factory, fast, now=t0)
    assert (first.claimed, first.retrying) == (1, 1)
    [delivery] = deliveries(db)
    assert delivery.status is WebhookDeliveryStatus.PENDING
    assert (delivery.attempts, delivery.last_status_code) == (1, 500)
    assert delivery.last_error == "Réponse HTTP 500 du destinataire."
    assert delivery.next_attempt_at is not None
    wait = (delivery.next_attempt_at - t0).total_seconds()
    assert 24 <= wait <= 36  # 30 s ± 20 %
    assert wait == backoff(fast, delivery.id, 1).total_seconds()

    assert deliver_due(session_factory, fast, now=t0 + timedelta(seconds=20)).claimed == 0

    t1 = delivery.next_attempt_at
    deliver_due(session_factory, fast, now=t1)
    [delivery] = deliveries(db)
    assert (delivery.attempts, delivery.last_status_code) == (2, 503)
    assert delivery.next_attempt_at is not None
    assert 48 <= (delivery.next_attempt_at - t1).total_seconds() <= 72  # 60 s ± 20 %

    done = deliver_due(session_factory, fast, now=delivery.next_attempt_at)
    assert done.succeeded == 1
    [delivery] = deliveries(db)
    assert delivery.status is WebhookDeliveryStatus.SUCCEEDED
    assert delivery.next_attempt_at is None
    log = attempts(db, delivery.id)
    assert [a.status_code for a in log] == [500, 503, 200]
    assert all(a.response_ms >= 0 for a in log)
    assert [r["status"] for r in receiver.received] == [500, 503, 200]
    assert all(r["verified"] for r in receiver.received)
    assert len({r["headers"]["webhook-id"] for r in receiver.received}) == 1  # one message


def test_a_slow_receiver_times_out_and_is_tried_again(
    db: Session, fast: Settings, session_factory: sessionmaker[Session], receiver: Receiver,
    people: dict[str, Any], client: TestClient,
) -> None:  # fmt: skip
    created = subscribe(client, bearer(people["trainer"]), receiver.url, ("note.submitted",))
    receiver.secret = created["secret"]
    receiver.delay = 2.0  # past the 0.3 s read timeout
    queue_ping(db, people["org"], WebhookEventKind.NOTE_SUBMITTED)
    started = time.monotonic()
    report = deliver_due(session_factory, fast)
    assert time.monotonic() - started < 1.5
    assert report.retrying == 1
    [delivery] = deliveries(db)
    [attempt] = attempts(db, delivery.id)
    assert attempt.status_code is None
    assert attempt.error is not None
    assert attempt.error.startswith("Délai dépassé (0,3 s)")
    assert 250 <= attempt.response_ms < 1500
    assert delivery.status is WebhookDeliveryStatus.PENDING
    assert delivery.attempts == 1


def test_a_delivery_fails_after_its_last_try_and_is_redelivered_by_hand(
    client: TestClient, db: Session, fast: Settings, session_factory: sessionmaker[Session],
    receiver: Receiver, people: dict[str, Any],
) -> None:  # fmt: skip
    fast.webhooks_max_attempts = 3
    trainer = people["trainer"]
    created = subscribe(client, bearer(trainer), receiver.url, ("exercise.closed",))
    receiver.secret = created["secret"]
    receiver.plan = [500] * 3
    queue_ping(db, people["org"], WebhookEventKind.EXERCISE_CLOSED)
    now = utcnow()
    for _ in range(3):
        deliver_due(session_factory, fast, now=now)
        now += timedelta(hours=1)
    [delivery] = deliveries(db)
    assert delivery.status is WebhookDeliveryStatus.FAILED
    assert (delivery.attempts, delivery.next_attempt_at) == (3, None)
    assert deliver_due(session_factory, fast, now=now + timedelta(days=1)).claimed == 0

    listed = client.get(
        f"{API}/webhook-subscriptions/{created['id']}/deliveries", headers=bearer(trainer)
    ).json()
    assert listed["total"] == 1
    item = listed["items"][0]
    assert (item["status"], item["attempts"], item["event_kind"]) == (
        "failed",
        3,
        "exercise.closed",
    )
    assert [a["status_code"] for a in item["attempt_log"]] == [500, 500, 500]
    assert item["message_id"].startswith("msg_")

    again = client.post(
        f"{API}/webhook-deliveries/{delivery.id}/redeliver", headers=bearer(trainer)
    )
    assert again.status_code == 202, again.text
    assert (again.json()["status"], again.json()["attempts"]) == ("pending", 0)
    assert deliver_due(session_factory, fast).succeeded == 1
    [delivery] = deliveries(db)
    assert delivery.status is WebhookDeliveryStatus.SUCCEEDED
    assert [a.status_code for a in attempts(db, delivery.id)] == [500, 500, 500, 200]
    only_failed = client.get(
        f"{API}/webhook-subscriptions/{created['id']}/deliveries?status=failed&limit=1",
        headers=bearer(trainer),
    ).json()
    assert only_failed["total"] == 0


def test_a_test_ping_goes_to_that_subscription_only(
    client: TestClient, db: Session, fast: Settings, session_factory: sessionmaker[Session],
    receiver: Receiver, people: dict[str, Any],
) -> None:  # fmt: skip
    trainer = people["trainer"]
    target = subscribe(client, bearer(trainer), f"{receiver.url}/a", tuple(WebhookEventKind))
    subscribe(client, bearer(trainer), f"{receiver.url}/b", tuple(WebhookEventKind))
    receiver.secret = target["secret"]
    response = client.post(
        f"{API}/webhook-subscriptions/{target['id']}/test", headers=bearer(trainer)
    )
    assert response.status_code == 202, response.text
    assert response.json()["event_kind"] == "ping"
    assert response.json()["status"] == "pending"
    deliver_due(session_factory, fast)
    [got] = receiver.received
    assert got["path"] == "/a"
    assert got["verified"]
    assert got["body"]["type"] == "ping"
    assert got["body"]["data"]["subscription_id"] == target["id"]


def test_switching_a_subscription_off_cancels_what_is_pending(
    client: TestClient, db: Session, fast: Settings, session_factory: sessionmaker[Session],
    receiver: Receiver, people: dict[str, Any],
) -> None:  # fmt: skip
    trainer = people["trainer"]
    created = subscribe(client, bearer(trainer), receiver.url, ("assessment.made",))
    queue_ping(db, people["org"], WebhookEventKind.ASSESSMENT_MADE)
    url = f"{API}/webhook-subscriptions/{created['id']}"
    stale = client.patch(url, json={"version": 9, "active": False}, headers=bearer(trainer))
    assert stale.status_code == 409
    off = client.patch(url, json={"version": 1, "active": False, "events": ["note.submitted",
                       "note.submitted"]}, headers=bearer(trainer))  # fmt: skip
    assert off.status_code == 200, off.text
    assert off.json()["events"] == ["note.submitted"]
    assert off.json()["version"] == 2
    [delivery] = deliveries(db)
    assert delivery.status is WebhookDeliveryStatus.FAILED
    assert delivery.last_error == "Abonnement désactivé : envoi annulé."
    assert deliver_due(session_factory, fast).claimed == 0
    assert receiver.received == []
    # Nothing is queued for a subscription that is off; redelivery waits for it to be on.
    queue_ping(db, people["org"], WebhookEventKind.NOTE_SUBMITTED)
    assert len(deliveries(db)) == 1
    refused = client.post(
        f"{API}/webhook-deliveries/{delivery.id}/redeliver", headers=bearer(trainer)
    )
    assert refused.status_code == 409
    assert refused.json()["type"] == "urn:capvente:problem:webhook-inactive"
    deleted = client.delete(url, headers=bearer(trainer))
    assert deleted.status_code == 204
    assert deliveries(db) == []
    assert client.get(url, headers=bearer(trainer)).status_code == 404


# ------------------------------------------------------------------ the SSRF guard


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("https://127.0.0.1:8443/hook", "Adresse interdite pour les webhooks : 127.0.0.1 → "
                                       "adresse 127.0.0.1 refusée (machine locale)"),
        ("https://10.1.2.3/hook", "réseau privé"),
        ("https://[::ffff:192.168.1.1]/hook", "réseau privé"),
        ("https://169.254.169.254/latest/meta-data", "métadonnées du cloud"),
        ("http://example.org/hook", "seules les adresses https"),
        ("https://user:pass@example.org/hook", "pas d'identifiants"),
        ("ftp://example.org/hook", "seules les adresses https"),
        ("pas une adresse", "seules les adresses https"),
        ("https://nowhere.invalid/hook", "Nom de domaine introuvable"),
    ],
)  # fmt: skip
def test_an_address_the_guard_refuses_is_422_at_saving(
    client: TestClient, people: dict[str, Any], db: Session, url: str, fragment: str
) -> None:
    response = client.post(
        f"{API}/webhook-subscriptions",
        json={"url": url, "events": ["evidence.recorded"]},
        headers=bearer(people["admin"]),
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert error["field"] == "url"
    assert fragment in error["message"]
    assert db.scalar(select(func.count()).select_from(WebhookSubscription)) == 0


def test_metadata_addresses_stay_refused_when_private_ones_are_allowed(
    client: TestClient, fast: Settings, people: dict[str, Any]
) -> None:
    response = client.post(
        f"{API}/webhook-subscriptions",
        json={"url": "http://169.254.169.254/", "events": ["evidence.recorded"]},
        headers=bearer(people["admin"]),
    )
    assert response.status_code == 422
    assert "métadonnées du cloud" in response.json()["errors"][0]["message"]


def test_the_guard_refuses_at_delivery_too(
    client: TestClient, db: Session, fast: Settings, session_factory: sessionmaker[Session],
    receiver: Receiver, people: dict[str, Any],
) -> None:  # fmt: skip
    created = subscribe(client, bearer(people["trainer"]), receiver.url, ("assessment.made",))
    receiver.secret = created["secret"]
    queue_ping(db, people["org"], WebhookEventKind.ASSESSMENT_MADE)
    fast.webhooks_allow_private = False  # the address was fine then, not any more
    report = deliver_due(session_factory, fast)
    assert report.retrying == 1
    assert receiver.received == []
    [delivery] = deliveries(db)
    [attempt] = attempts(db, delivery.id)
    assert attempt.status_code is None
    assert attempt.error is not None
    assert "Adresse refusée : seules les adresses https" in attempt.error
    # An https address resolving to a private one is refused on its address.
    db.execute(
        WebhookSubscription.__table__.update().values(url=f"https://127.0.0.1:{receiver.port}/")
    )
    db.commit()
    deliver_due(session_factory, fast, now=utcnow() + timedelta(minutes=5))
    last = attempts(db, delivery.id)[-1]
    assert last.error is not None
    assert "adresse 127.0.0.1 refusée (machine locale)" in last.error
    assert receiver.received == []


# ------------------------------------------------------------------ publishing


def test_events_are_queued_only_when_their_change_commits(
    db: Session, people: dict[str, Any]
) -> None:
    org = people["org"]
    other = make_org(db)

    def add(organisation: Organisation, events: list[str], active: bool = True) -> int:
        subscription = WebhookSubscription(
            organisation_id=organisation.id, url="https://example.org/h", events=events,
            secret=new_secret(), active=active,
        )  # fmt: skip
        db.add(subscription)
        db.flush()
        return subscription.id

    listening = add(org, ["assessment.made", "note.submitted"])
    add(org, ["note.submitted"])  # another kind
    add(org, ["assessment.made"], active=False)
    add(other, ["assessment.made"])  # another organisation
    db.commit()

    publish(db, org.id, WebhookEventKind.ASSESSMENT_MADE, {"assessment_id": 1})
    db.rollback()
    assert db.scalar(select(func.count()).select_from(WebhookEvent)) == 0
    assert deliveries(db) == []

    publish(db, org.id, WebhookEventKind.ASSESSMENT_MADE, {"assessment_id": 2})
    db.commit()
    [event] = db.scalars(select(WebhookEvent)).all()
    assert (event.kind, event.payload, event.organisation_id) == (
        "assessment.made",
        {"assessment_id": 2},
        org.id,
    )
    assert [(d.subscription_id, d.status) for d in deliveries(db)] == [
        (listening, WebhookDeliveryStatus.PENDING)
    ]

    publish(db, org.id, WebhookEventKind.EXERCISE_STARTED, {"exercise_id": 3})  # nobody listens
    db.commit()
    assert db.scalar(select(func.count()).select_from(WebhookEvent)) == 1


def test_a_failed_request_queues_no_event(
    app: FastAPI, db: Session, people: dict[str, Any], fast: Settings
) -> None:
    with TestClient(with_test_routes(app)) as client:
        subscribe(client, bearer(people["trainer"]), "http://127.0.0.1:9/h")
        failed = client.patch(
            f"{API}/_test/me/name", json={"full_name": "X", "fail": True},
            headers=bearer(people["trainee"]),
        )  # fmt: skip
        assert failed.status_code == 409
        assert db.scalar(select(func.count()).select_from(WebhookEvent)) == 0
        done = client.patch(
            f"{API}/_test/me/name", json={"full_name": "X"}, headers=bearer(people["trainee"])
        )
        assert done.status_code == 200
    assert db.scalar(select(func.count()).select_from(WebhookEvent)) == 1


def test_assessments_and_submitted_notes_are_published(
    client: TestClient, db: Session, fast: Settings, people: dict[str, Any]
) -> None:
    trainer, trainee = people["trainer"], people["trainee"]
    subscribe(
        client, bearer(trainer), "http://127.0.0.1:9/h", ("assessment.made", "note.submitted")
    )
    assessed = client.post(
        f"{API}/trainees/{trainee.id}/assessments",
        json={"criterion_code": "CP3.7", "level": "acquired", "comment": "Bien."},
        headers=bearer(trainer),
    )
    assert assessed.status_code == 201, assessed.text

    note = db.get(SynthesisNote, business_case_records(db, trainee)["note_id"])
    assert note is not None
    note.body = " ".join(["Le taux de joignabilité progresse nettement."] * 6)
    note.status = NoteStatus.DRAFT
    db.commit()
    submitted = client.post(
        f"{API}/notes/{note.id}/submit", json={"version": note.version}, headers=bearer(trainee)
    )
    assert submitted.status_code == 201, submitted.text

    events = {e.kind: e.payload for e in db.scalars(select(WebhookEvent))}
    assert set(events) == {"assessment.made", "note.submitted"}
    made = events["assessment.made"]
    assert (made["assessment_id"], made["trainee_id"]) == (assessed.json()["id"], trainee.id)
    assert (made["criterion_code"], made["level"], made["assessor_id"]) == ("CP3.7", "acquired",
                                                                           trainer.id)  # fmt: skip
    assert "comment" not in made  # free text stays in CapVente
    sent = events["note.submitted"]
    assert (sent["note_id"], sent["trainee_id"]) == (note.id, trainee.id)
    assert sent["version_id"] == submitted.json()["id"]
    assert sent["submitted_at"].endswith("Z")


# ------------------------------------------------------------------ who


def test_trainees_and_other_organisations_cannot_reach_subscriptions(
    client: TestClient, db: Session, fast: Settings, people: dict[str, Any]
) -> None:
    created = subscribe(client, bearer(people["admin"]), "http://127.0.0.1:9/h")
    trainee = people["trainee"]
    listing = client.get(f"{API}/webhook-subscriptions", headers=bearer(trainee))
    assert listing.status_code == 403
    assert (
        client.post(
            f"{API}/webhook-subscriptions",
            json={"url": "http://127.0.0.1:9/h", "events": ["evidence.recorded"]},
            headers=bearer(trainee),
        ).status_code
        == 403
    )
    stranger = make_user(db, make_org(db), Role.TRAINER)
    seen = client.get(f"{API}/webhook-subscriptions", headers=bearer(stranger)).json()
    assert seen["total"] == 0
    one = client.get(f"{API}/webhook-subscriptions/{created['id']}", headers=bearer(stranger))
    assert one.status_code == 404
    # The organisation's other staff manage it (admins and trainers alike).
    trainer_view = client.get(
        f"{API}/webhook-subscriptions/{created['id']}", headers=bearer(people["trainer"])
    )
    assert trainer_view.status_code == 200


def test_an_exercises_token_manages_webhooks_and_nothing_else(
    client: TestClient, db: Session, fast: Settings, people: dict[str, Any]
) -> None:
    trainer = people["trainer"]
    platform = token_headers(db, trainer, ApiScope.EXERCISES)
    created = client.post(
        f"{API}/webhook-subscriptions",
        json={"url": "http://127.0.0.1:9/h", "events": ["run.submitted", "exercise.started"]},
        headers=platform,
    )
    assert created.status_code == 201, created.text
    token_id = created.json()["created_by_token_id"]
    assert token_id is not None
    assert created.json()["created_by_id"] == trainer.id
    assert client.get(f"{API}/webhook-subscriptions", headers=platform).json()["total"] == 1
    # Elsewhere the scope writes nothing (writing needs "write")...
    elsewhere = client.post(f"{API}/prospects", json={}, headers=platform)
    assert elsewhere.status_code == 403
    assert "« write »" in elsewhere.json()["detail"]
    # ... and a read/write token without "exercises" does not reach the integrators' routes.
    crm = token_headers(db, trainer, ApiScope.READ, ApiScope.WRITE)
    refused = client.get(f"{API}/webhook-subscriptions", headers=crm)
    assert refused.status_code == 403
    assert "exercises" in refused.json()["detail"]
    # A trainee's "exercises" token is still a trainee's.
    own = token_headers(db, people["trainee"], ApiScope.EXERCISES)
    assert client.get(f"{API}/webhook-subscriptions", headers=own).status_code == 403


@pytest.mark.parametrize(
    "body",
    [
        {"url": "http://127.0.0.1:9/h", "events": []},
        {"url": "http://127.0.0.1:9/h", "events": ["order.created"]},
        {"url": "http://127.0.0.1:9/h", "events": ["ping"]},
        {"url": "http://127.0.0.1:9/h", "events": ["run.submitted"] * 7},
        {"url": "http://127.0.0.1:9/" + "x" * 2000, "events": ["run.submitted"]},
        {"url": "http://127.0.0.1:9/h", "events": ["run.submitted"], "description": "x" * 501},
        {"url": "http://127.0.0.1:9/h", "events": ["run.submitted"], "secret": "mine"},
    ],
)
def test_inputs_are_bounded(
    client: TestClient, fast: Settings, people: dict[str, Any], body: dict[str, Any]
) -> None:
    response = client.post(
        f"{API}/webhook-subscriptions", json=body, headers=bearer(people["trainer"])
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_an_organisation_has_twenty_subscriptions_at_most(
    client: TestClient, db: Session, fast: Settings, people: dict[str, Any]
) -> None:
    for _ in range(20):
        db.add(WebhookSubscription(organisation_id=people["org"].id, url="https://example.org/h",
                                   events=["run.submitted"], secret=new_secret()))  # fmt: skip
    db.commit()
    response = client.post(
        f"{API}/webhook-subscriptions",
        json={"url": "http://127.0.0.1:9/h", "events": ["run.submitted"]},
        headers=bearer(people["trainer"]),
    )
    assert response.status_code == 409


# ------------------------------------------------------------------ outside requests


def _world(url: str) -> tuple[int, str]:
    """An organisation with a subscription on a database of the test's own; (org id, secret)."""
    engine = make_engine(url)
    with make_session_factory(engine).begin() as session:
        org = Organisation(name="Centre", slug="centre-webhooks")
        session.add(org)
        session.flush()
        secret = new_secret()
        session.add(WebhookSubscription(organisation_id=org.id, url="", events=["run.submitted"],
                                        secret=secret))  # fmt: skip
        org_id = org.id
    engine.dispose()
    return org_id, secret


def _point_at(url: str, receiver: Receiver, org_id: int) -> None:
    engine = make_engine(url)
    with make_session_factory(engine).begin() as session:
        session.execute(WebhookSubscription.__table__.update().values(url=receiver.url))
        publish(session, org_id, WebhookEventKind.RUN_SUBMITTED, {"run_id": 7, "trainee_id": 3})
    engine.dispose()


def test_the_served_app_delivers_in_the_background_and_the_job_too(
    new_database: Callable[[], str], receiver: Receiver, tmp_path: Path
) -> None:
    url = new_database()
    migrate(url)
    org_id, receiver.secret = _world(url)

    # The worker thread of a served app (an engine of its own), polling every 50 ms.
    settings = Settings(database_url=url, secret_key=TEST_SECRET, var_dir=tmp_path / "var",
                        frontend_dist=tmp_path / "none", webhooks_worker=True,
                        webhooks_poll_seconds=0.05, webhooks_allow_private=True)  # fmt: skip
    with TestClient(create_app(settings)):
        _point_at(url, receiver, org_id)
        deadline = time.monotonic() + 10
        while not receiver.received and time.monotonic() < deadline:
            time.sleep(0.05)
    assert [r["body"]["type"] for r in receiver.received] == ["run.submitted"]
    assert receiver.received[0]["verified"]

    # The job: one pass with --once.
    _point_at(url, receiver, org_id)
    get_settings.cache_clear()
    result = CliRunner().invoke(
        cli, ["jobs", "webhooks", "--once"],
        env={"DATABASE_URL": url, "CAPVENTE_WEBHOOKS_ALLOW_PRIVATE": "true"},
    )  # fmt: skip
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    summary = "Webhooks : 1 envoi(s), 1 reçu(s), 0 à réessayer, 0 abandonné(s)."
    assert summary in result.output.splitlines(), result.output
    assert len(receiver.received) == 2
