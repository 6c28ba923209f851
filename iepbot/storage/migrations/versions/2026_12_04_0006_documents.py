"""Group plans: other pupils who share a plan's targets and support, each with their own view and home support.

Revision ID: 0006_documents
Revises: 0005_senco
Create Date: 2026-12-04 19:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_documents"
down_revision: str | None = "0005_senco"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "plan_group_pupils",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("parental_support", sa.Text(), nullable=True),
        sa.Column("pupil_voice", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plans.id"], name=op.f("fk_plan_group_pupils_plan_id_plans"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"], name=op.f("fk_plan_group_pupils_pupil_id_pupils"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("plan_id", "pupil_id", name=op.f("pk_plan_group_pupils")),
    )
    with op.batch_alter_table("plan_group_pupils") as batch:
        batch.create_index(batch.f("ix_plan_group_pupils_pupil_id"), ["pupil_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("plan_group_pupils") as batch:
        batch.drop_index(batch.f("ix_plan_group_pupils_pupil_id"))
    op.drop_table("plan_group_pupils")
