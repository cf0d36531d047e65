"""Auth credentials: a credential version per account, carried by each session ("cv"), so
that a password change or a deactivation ends every session issued before it, even one
issued in the same second (the former check compared whole-second ``iat`` values).

Revision ID: 0011_auth_credentials
Revises: 0009_evidence_dedupe
Create Date: 2026-12-05 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_auth_credentials"
down_revision: str | None = "0009_evidence_dedupe"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("credential_version", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("credential_version")
