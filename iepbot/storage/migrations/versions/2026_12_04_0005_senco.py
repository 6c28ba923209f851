"""A SENCo can remove a member of staff: the row stays (their plans and the audit keep who wrote what), marked
removed, and the Telegram account is unique only among members still in post, so it can be invited again.

Revision ID: 0005_senco
Revises: 0007_reviews
Create Date: 2026-12-04 19:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_senco"
down_revision: str | None = "0007_reviews"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CURRENT = sa.text("removed_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.add_column(sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))
        batch.drop_constraint(batch.f("uq_staff_telegram_user_id"), type_="unique")
    op.create_index(
        "uq_staff_current_telegram_user_id",
        "staff",
        ["telegram_user_id"],
        unique=True,
        sqlite_where=CURRENT,
        postgresql_where=CURRENT,
    )


def downgrade() -> None:
    removed = op.get_bind().execute(sa.text("SELECT COUNT(*) FROM staff WHERE removed_at IS NOT NULL")).scalar_one()
    if removed:
        raise RuntimeError(
            f"{removed} removed member(s) of staff are still in the staff table; the older schema cannot hold them "
            "(their Telegram ids need not be unique). Back up, delete them by hand, then downgrade again."
        )
    op.drop_index("uq_staff_current_telegram_user_id", table_name="staff")
    with op.batch_alter_table("staff") as batch:
        batch.create_unique_constraint(batch.f("uq_staff_telegram_user_id"), ["telegram_user_id"])
        batch.drop_column("removed_at")
