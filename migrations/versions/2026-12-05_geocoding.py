"""Geocoding: where each prospect's position comes from and how close it is.

- prospects.geocode_precision (address, street, commune, postcode, department),
  prospects.geocode_provider (user, offline, addok, openrouteservice),
  prospects.geocoded_at (when the configured geocoder last looked the address up).
- Positions that exist already were given (typed, imported or seeded): they are marked
  ``user``, so that no geocoder ever overwrites them.

The columns are added without a CHECK constraint (SQLAlchemy checks the values on write):
SQLite then adds them in place, keeping the prospects table's triggers.

Revision ID: 0010_geocoding
Revises: 0011_auth_credentials
Create Date: 2026-12-05 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_geocoding"
down_revision: str | None = "0011_auth_credentials"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("geocoded_at", "geocode_provider", "geocode_precision")


def upgrade() -> None:
    op.add_column("prospects", sa.Column("geocode_precision", sa.String(length=18)))
    op.add_column("prospects", sa.Column("geocode_provider", sa.String(length=24)))
    op.add_column("prospects", sa.Column("geocoded_at", sa.DateTime(timezone=True)))
    op.execute("UPDATE prospects SET geocode_provider = 'user' WHERE latitude IS NOT NULL")


def downgrade() -> None:
    for column in COLUMNS:
        # ALTER TABLE … DROP COLUMN on both backends (SQLite ≥ 3.35): a batch operation
        # would rebuild the table without its triggers.
        op.execute(f"ALTER TABLE prospects DROP COLUMN {column}")
