"""An exercise platform driving CapVente with only the API and its token (issue 21).

What it does, step by step (each function is one step, usable on its own):

1. ``create_exercise``: a phoning exercise from the ready-made template, on a business case;
2. ``assign``: to a cohort (one run per trainee), then ``publish``;
3. ``subscribe``: a webhook subscription for the exercise's events (the secret is shown
   once: keep it to check the signatures);
4. ``runs``: follow the runs (status, simulated day, progress);
5. ``results``: fetch the results (JSON, or CSV for a spreadsheet);
6. ``verify``: check a received webhook's signature (Standard Webhooks: HMAC-SHA256 over
   ``id.timestamp.body``, base64), refusing a stale timestamp.

Usage (a trainer's API token of scope ``exercises``, created in « Mon compte › Jetons
d'API » or with ``POST /api/v1/api-tokens``):

    python examples/exercise_platform.py --url http://127.0.0.1:8000 \\
        --token cv_... --case 1 --cohort 1 [--webhook https://platform.example/hooks]

Only the standard library and httpx (a CapVente dependency) are needed.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import sys
import time
from collections.abc import Mapping
from typing import Any

import httpx

API = "/api/v1"
EVENTS = ["exercise.started", "run.submitted", "evidence.recorded", "note.submitted",
          "assessment.made", "exercise.closed"]  # fmt: skip
#: A delivery older than this is refused (replay protection, as Standard Webhooks advises).
TOLERANCE_SECONDS = 5 * 60


def _ok(response: httpx.Response) -> Any:
    if response.status_code >= 400:
        # problem+json: the title, the detail and, for a 422, each field and its reason.
        raise SystemExit(f"{response.status_code} {response.text}")
    return response.json() if response.content else None


def create_exercise(client: httpx.Client, case_id: int, **fields: Any) -> dict[str, Any]:
    body = {"title": "Phoning de rentrée", "template": "phoning-2026",
            "business_case_id": case_id, **fields}  # fmt: skip
    result: dict[str, Any] = _ok(client.post(f"{API}/exercises", json=body))
    return result


def assign(client: httpx.Client, exercise_id: int, cohort_id: int) -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = _ok(
        client.post(f"{API}/exercises/{exercise_id}/assignments", json={"cohort_id": cohort_id})
    )
    return runs


def publish(client: httpx.Client, exercise: Mapping[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = _ok(
        client.post(
            f"{API}/exercises/{exercise['id']}/publish", json={"version": exercise["version"]}
        )
    )
    return result


def subscribe(client: httpx.Client, url: str, events: list[str] | None = None) -> dict[str, Any]:
    """The subscription, with its ``secret`` (returned this once)."""
    result: dict[str, Any] = _ok(
        client.post(
            f"{API}/webhook-subscriptions",
            json={"url": url, "events": events or EVENTS, "description": "Plateforme d'exercices"},
        )
    )
    return result


def runs(client: httpx.Client, exercise_id: int) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    offset = 0
    while True:
        page = _ok(
            client.get(
                f"{API}/exercises/{exercise_id}/runs", params={"limit": 100, "offset": offset}
            )
        )
        items += page["items"]
        offset += len(page["items"])
        if not page["items"] or offset >= page["total"]:
            return items


def results(client: httpx.Client, exercise_id: int, csv: bool = False) -> Any:
    response = client.get(
        f"{API}/exercises/{exercise_id}/results", params={"format": "csv" if csv else "json"}
    )
    if csv:
        if response.status_code >= 400:
            raise SystemExit(f"{response.status_code} {response.text}")
        return response.text
    return _ok(response)


def verify(
    secret: str, headers: Mapping[str, str], body: bytes, now: float | None = None
) -> dict[str, Any]:
    """The event of a webhook delivery whose signature is right, else ``ValueError``.

    ``headers``: the request's headers (any case); ``body``: its raw bytes, as received."""
    lower = {name.lower(): value for name, value in headers.items()}
    message_id = lower.get("webhook-id", "")
    timestamp = lower.get("webhook-timestamp", "")
    if not message_id or not timestamp.isdigit():
        raise ValueError("missing webhook-id or webhook-timestamp")
    if abs((now if now is not None else time.time()) - int(timestamp)) > TOLERANCE_SECONDS:
        raise ValueError("stale timestamp")
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{message_id}.{timestamp}.".encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    if not any(
        hmac.compare_digest(expected, given) for given in lower.get("webhook-signature", "").split()
    ):
        raise ValueError("bad signature")
    event: dict[str, Any] = json.loads(body)
    return event


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--token", required=True, help="API token of scope « exercises »")
    parser.add_argument("--case", type=int, required=True, help="business case id (published)")
    parser.add_argument("--cohort", type=int, required=True, help="cohort id")
    parser.add_argument("--webhook", help="URL that receives the events (https)")
    args = parser.parse_args(argv)
    headers = {"Authorization": f"Bearer {args.token}"}
    with httpx.Client(base_url=args.url, headers=headers, timeout=30) as client:
        exercise = create_exercise(client, args.case)
        print(f"exercice {exercise['id']} créé ({exercise['title']})")
        print(f"{len(assign(client, exercise['id'], args.cohort))} parcours attribués")
        exercise = publish(client, exercise)
        if args.webhook:
            subscription = subscribe(client, args.webhook)
            print(f"abonnement {subscription['id']} ; secret (à garder) : {subscription['secret']}")
        for run in runs(client, exercise["id"]):
            print(f"  parcours {run['id']} : {run['trainee_name']} — {run['status']}")
        print(json.dumps(results(client, exercise["id"]), ensure_ascii=False, indent=2)[:2000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
