"""Dialogue state remembers the last Telegram update handled in each chat, so a redelivery is ignored.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 15:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("dialogue_states") as batch:
        batch.add_column(sa.Column("last_update_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dialogue_states") as batch:
        batch.drop_column("last_update_id")
