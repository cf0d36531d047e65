"""Indexes of the metric registry: the records a cohort's metrics read, by owner and date
(issue 15, app/metrics/README.md; bench/bench_metrics.py measured them).

- interactions (owner_id, occurred_at, direction, outcome): contacts, reached, relaunches
  (an index-only range per owner and period);
- interactions (owner_id, campaign_id, prospect_id, occurred_at, direction): each campaign
  member's first contact;
- prospect_status_changes (prospect_id, changed_at, to_status): a prospect's status at the
  moment of an interaction (relaunches);
- prospect_status_changes (owner_id, to_status, changed_at): the first time a prospect
  reached a status (qualified, new customers);
- appointments (owner_id, created_at): appointments taken;
- watch_items (owner_id, created_at): items classified.

Revision ID: 0015_metric_indexes
Revises: 0014_plans
Create Date: 2026-12-06 03:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0015_metric_indexes"
down_revision: str | None = "0014_plans"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_interactions_owner_id_occurred_at": (
        "interactions",
        ["owner_id", "occurred_at", "direction", "outcome"],
    ),
    "ix_interactions_owner_id_campaign_id": (
        "interactions",
        ["owner_id", "campaign_id", "prospect_id", "occurred_at", "direction"],
    ),
    "ix_prospect_status_changes_prospect_id_changed_at": (
        "prospect_status_changes",
        ["prospect_id", "changed_at", "to_status"],
    ),
    "ix_prospect_status_changes_owner_id_to_status": (
        "prospect_status_changes",
        ["owner_id", "to_status", "changed_at"],
    ),
    "ix_appointments_owner_id_created_at": ("appointments", ["owner_id", "created_at"]),
    "ix_watch_items_owner_id_created_at": ("watch_items", ["owner_id", "created_at"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, (table, _columns) in reversed(INDEXES.items()):
        op.drop_index(name, table_name=table)
