"""Sales follow-up (CP7): orders to delivery, invoices and payments, complaints, disputes and
escalation. Design: docs/design/017-sales-follow-up.md."""
