"""Webhooks for integrators: subscriptions, the outbox's deliveries, signed posts with retries
(README.md)."""
