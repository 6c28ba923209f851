"""School names are unique: two `iepbot invite` runs for a new school at once could otherwise create it twice.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 16:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    shared = (
        op.get_bind()
        .execute(sa.text("SELECT name FROM schools GROUP BY name HAVING COUNT(*) > 1 ORDER BY name"))
        .scalars()
        .all()
    )
    if shared:
        raise RuntimeError(
            "These school names are each used by more than one school: "
            + "; ".join(shared)
            + ". Rename all but one of each (UPDATE schools SET name = '...' WHERE id = ...), then upgrade again."
        )
    with op.batch_alter_table("schools") as batch:
        batch.create_unique_constraint(batch.f("uq_schools_name"), ["name"])


def downgrade() -> None:
    with op.batch_alter_table("schools") as batch:
        batch.drop_constraint(batch.f("uq_schools_name"), type_="unique")
