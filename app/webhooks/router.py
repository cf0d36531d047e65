"""Webhook routes: the organisation's subscriptions (its trainers and admins; API tokens of
scope ``exercises``), their deliveries and attempts, a test and a redelivery by hand."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from app.auth.deps import AppSettings, WebhookManager
from app.core.db import DbSession
from app.core.pagination import Pagination, page_of
from app.core.schemas import Id, Page
from app.models import WebhookDeliveryStatus
from app.webhooks import service
from app.webhooks.repository import DeliveryRepository, SubscriptionRepository
from app.webhooks.schemas import (
    WebhookDeliveryOut,
    WebhookSubscriptionCreate,
    WebhookSubscriptionCreated,
    WebhookSubscriptionOut,
    WebhookSubscriptionUpdate,
)

router = APIRouter(tags=["webhooks"])


@router.get(
    "/webhook-subscriptions",
    response_model=Page[WebhookSubscriptionOut],
    summary="Abonnements webhook de l'organisation",
)
def list_webhook_subscriptions(
    session: DbSession, principal: WebhookManager, page: Pagination
) -> Page[Any]:
    items, total = SubscriptionRepository(session, principal).page(page)
    return page_of(items, total, page)


@router.post(
    "/webhook-subscriptions",
    response_model=WebhookSubscriptionCreated,
    status_code=status.HTTP_201_CREATED,
    summary="S'abonner à des événements (la clé de signature est affichée cette fois seulement)",
)
def create_webhook_subscription(
    data: WebhookSubscriptionCreate,
    session: DbSession,
    principal: WebhookManager,
    settings: AppSettings,
) -> dict[str, Any]:
    subscription, secret = service.create_subscription(session, principal, data, settings)
    return service.subscription_created(subscription, secret)


@router.get(
    "/webhook-subscriptions/{subscription_id}",
    response_model=WebhookSubscriptionOut,
    summary="Un abonnement webhook",
)
def read_webhook_subscription(
    subscription_id: Id, session: DbSession, principal: WebhookManager
) -> Any:
    return SubscriptionRepository(session, principal).get_readable(subscription_id)


@router.patch(
    "/webhook-subscriptions/{subscription_id}",
    response_model=WebhookSubscriptionOut,
    summary="Modifier un abonnement (adresse, événements, activation ; verrou optimiste)",
)
def update_webhook_subscription(
    subscription_id: Id,
    data: WebhookSubscriptionUpdate,
    session: DbSession,
    principal: WebhookManager,
    settings: AppSettings,
) -> Any:
    subscription = SubscriptionRepository(session, principal).get_writable(subscription_id)
    return service.update_subscription(session, subscription, data, settings)


@router.delete(
    "/webhook-subscriptions/{subscription_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Supprimer un abonnement, ses envois et leurs essais",
)
def delete_webhook_subscription(
    subscription_id: Id, session: DbSession, principal: WebhookManager
) -> Response:
    subscription = SubscriptionRepository(session, principal).get_writable(subscription_id)
    service.delete_subscription(session, subscription)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/webhook-subscriptions/{subscription_id}/rotate-secret",
    response_model=WebhookSubscriptionCreated,
    summary="Changer la clé de signature (la nouvelle est affichée cette fois seulement)",
)
def rotate_webhook_secret(
    subscription_id: Id, session: DbSession, principal: WebhookManager
) -> dict[str, Any]:
    subscription = SubscriptionRepository(session, principal).get_writable(subscription_id)
    secret = service.rotate_secret(session, subscription)
    return service.subscription_created(subscription, secret)


@router.get(
    "/webhook-subscriptions/{subscription_id}/deliveries",
    response_model=Page[WebhookDeliveryOut],
    summary="Envois d'un abonnement, les plus récents d'abord, avec leurs essais",
)
def list_webhook_deliveries(
    subscription_id: Id,
    session: DbSession,
    principal: WebhookManager,
    page: Pagination,
    status_: Annotated[WebhookDeliveryStatus | None, Query(alias="status")] = None,
) -> Page[Any]:
    subscription = SubscriptionRepository(session, principal).get_readable(subscription_id)
    items, total = DeliveryRepository(session, principal).page_of_subscription(
        subscription.id, page, status_
    )
    return page_of(service.deliveries_out(session, items), total, page)


@router.post(
    "/webhook-subscriptions/{subscription_id}/test",
    response_model=WebhookDeliveryOut,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Envoyer un événement « ping » à cet abonnement seulement",
)
def send_webhook_test(subscription_id: Id, session: DbSession, principal: WebhookManager) -> Any:
    subscription = SubscriptionRepository(session, principal).get_writable(subscription_id)
    delivery = service.send_test(session, subscription)
    return service.deliveries_out(session, [delivery])[0]


@router.post(
    "/webhook-deliveries/{delivery_id}/redeliver",
    response_model=WebhookDeliveryOut,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Renvoyer un envoi à la main (dû aussitôt, nouvelle série d'essais)",
)
def redeliver_webhook(delivery_id: Id, session: DbSession, principal: WebhookManager) -> Any:
    delivery = DeliveryRepository(session, principal).get_writable(delivery_id)
    return service.deliveries_out(session, [service.redeliver(session, delivery)])[0]
