"""Evidence de-duplication and twin criteria.

- ``evidence_records.dedupe_key`` and a unique index on (trainee_id, dedupe_key): one record
  per trainee, action, thing shown and codes (app.competences.evidence). Records written
  before stay as they were (the journal is append-only): their key is null, and nulls never
  collide.
- Twin criteria: a cross-cutting criterion that restates a professional one word for word
  credits it, and the other way round. Links of earlier records get the twin they lack (and
  its competence); adding links is allowed, rewriting them is not.

Revision ID: 0009_evidence_dedupe
Revises: 0008_watch_search
Create Date: 2026-12-05 09:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_evidence_dedupe"
down_revision: str | None = "0008_watch_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The pairs as app.competences.catalogue.Catalogue.twins derives them from the REAC
# TP-00115/09 texts today (a migration must not change with the app).
TWINS = {
    "CT1.4": "CP5.1", "CT1.6": "CP5.2", "CT1.10": "CP6.6", "CT2.1": "CP3.1", "CT2.4": "CP6.4",
    "CT3.1": "CP1.3", "CT3.2": "CP2.5", "CT3.4": "CP3.7", "CT4.1": "CP5.3", "CT4.2": "CP5.4",
    "CT4.3": "CP5.5", "CT4.4": "CP5.6", "CT4.6": "CP2.7",
}  # fmt: skip

ADD_MISSING = sa.text(
    "INSERT INTO evidence_links (evidence_id, code) "
    "SELECT DISTINCT l.evidence_id, :wanted FROM evidence_links l WHERE l.code = :having "
    "AND NOT EXISTS (SELECT 1 FROM evidence_links o "
    "WHERE o.evidence_id = l.evidence_id AND o.code = :wanted)"
)


def upgrade() -> None:
    op.add_column("evidence_records", sa.Column("dedupe_key", sa.String(length=255)))
    op.create_index(
        "ix_evidence_records_trainee_id_dedupe_key",
        "evidence_records",
        ["trainee_id", "dedupe_key"],
        unique=True,
    )
    bind = op.get_bind()
    for a, b in TWINS.items():
        for having, wanted in ((a, b), (b, a)):
            bind.execute(ADD_MISSING, {"having": having, "wanted": wanted})
            competence = wanted.split(".")[0]
            bind.execute(ADD_MISSING, {"having": wanted, "wanted": competence})


def downgrade() -> None:
    # The twin links stay: the journal is append-only, and they are true of the records.
    op.drop_index("ix_evidence_records_trainee_id_dedupe_key", table_name="evidence_records")
    # Plain ALTER TABLE (SQLite 3.35+): a batch rebuild would drop the append-only triggers.
    op.execute("ALTER TABLE evidence_records DROP COLUMN dedupe_key")
