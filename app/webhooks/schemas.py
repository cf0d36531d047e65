"""Webhook payloads: subscriptions in and out (the secret only in the answers that make
one), deliveries with the journal of their attempts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import Field, StringConstraints, field_validator

from app.core.schemas import InputSchema, Schema, VersionedUpdate
from app.models import WebhookDeliveryStatus, WebhookEventKind
from app.models.webhooks import URL_MAX_LENGTH

Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=URL_MAX_LENGTH),
]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
Events = Annotated[
    list[WebhookEventKind],
    Field(
        min_length=1,
        max_length=len(WebhookEventKind),
        description="Les événements envoyés à cette adresse (chacun une fois).",
    ),
]


def _distinct(events: list[WebhookEventKind] | None) -> list[WebhookEventKind] | None:
    return None if events is None else list(dict.fromkeys(events))


class WebhookSubscriptionCreate(InputSchema):
    url: Url = Field(
        description="L'adresse du destinataire : https (http seulement quand les adresses "
        "privées sont permises, CAPVENTE_WEBHOOKS_ALLOW_PRIVATE). Vérifiée à l'enregistrement "
        "et à chaque envoi (jamais une adresse locale, privée ou de métadonnées).",
        examples=["https://plateforme.example/webhooks/capvente"],
    )
    description: Description = ""
    events: Events
    active: bool = True

    _events = field_validator("events")(_distinct)


class WebhookSubscriptionUpdate(VersionedUpdate):
    url: Url | None = None
    description: Description | None = None
    events: Events | None = None
    active: bool | None = Field(
        default=None,
        description="false : plus rien n'est envoyé, et les envois en attente sont annulés "
        "(à renvoyer à la main une fois réactivé).",
    )

    _events = field_validator("events")(_distinct)


class WebhookSubscriptionOut(Schema):
    id: int
    url: str
    description: str
    events: list[WebhookEventKind]
    active: bool
    created_by_id: int | None
    created_by_token_id: int | None = Field(
        description="Le jeton d'API avec lequel l'abonnement a été créé (une plateforme)."
    )
    created_at: datetime
    updated_at: datetime
    version: int


class WebhookSubscriptionCreated(WebhookSubscriptionOut):
    secret: str = Field(
        description="La clé de signature (whsec_ + base64 de 32 octets), affichée cette fois "
        "seulement : conservez-la."
    )


class WebhookAttemptOut(Schema):
    id: int
    attempted_at: datetime
    status_code: int | None = Field(description="Le code HTTP reçu ; null sans réponse.")
    response_ms: int = Field(description="Durée de l'essai, en millisecondes.")
    error: str | None


class WebhookDeliveryOut(Schema):
    id: int
    subscription_id: int
    message_id: str = Field(description="L'en-tête webhook-id (msg_…), le même à chaque essai.")
    event_kind: str = Field(description="Un des événements, ou « ping » (un essai à la main).")
    event_created_at: datetime
    payload: dict[str, Any]
    status: WebhookDeliveryStatus
    attempts: int = Field(description="Essais de la série en cours (un renvoi en recommence une).")
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    attempt_log: list[WebhookAttemptOut] = Field(description="Les essais, le plus récent d'abord.")
