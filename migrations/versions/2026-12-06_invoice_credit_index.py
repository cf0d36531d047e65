"""invoices: partial index of credit notes

Revision ID: 0020_invoice_credit_index
Revises: 0019_follow_up
Create Date: 2026-12-06 21:41:50.807129
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_invoice_credit_index"
down_revision: str | None = "0019_follow_up"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Only credit notes name an invoice: with every NULL in a full index, SQLite's planner read
# the whole table to find a page's credit notes (bench/bench_follow_up.py); a partial index
# holds the credit notes alone.
WHERE = sa.text("invoice_id IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index("ix_invoices_invoice_id")
        batch_op.create_index(
            "ix_invoices_invoice_id", ["invoice_id"], unique=False,
            sqlite_where=WHERE, postgresql_where=WHERE,
        )  # fmt: skip


def downgrade() -> None:
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index("ix_invoices_invoice_id")
        batch_op.create_index("ix_invoices_invoice_id", ["invoice_id"], unique=False)
