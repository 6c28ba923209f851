"""The review cycle: schools' meeting settings, the bank step a target came from, and reminders sent.

`schools.reviews_per_year` and `parent_meetings_per_year` are the guidance's minimums (2 and 3), set per school
with `iepbot school set`. `targets.bank_id` names the bank step a target was taken from, so a review can offer
the step before or after it on the same ladder. `reminders_sent` records each reminder once, so a restart
neither loses nor repeats one.

Revision ID: 0007_reviews
Revises: 0003
Create Date: 2026-12-04 19:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_reviews"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("schools") as batch:
        batch.add_column(sa.Column("reviews_per_year", sa.Integer(), server_default="2", nullable=False))
        batch.add_column(sa.Column("parent_meetings_per_year", sa.Integer(), server_default="3", nullable=False))
        batch.create_check_constraint(op.f("ck_schools_reviews_per_year_range"), "reviews_per_year BETWEEN 2 AND 12")
        batch.create_check_constraint(
            op.f("ck_schools_parent_meetings_per_year_range"), "parent_meetings_per_year BETWEEN 3 AND 12"
        )
    with op.batch_alter_table("targets") as batch:
        batch.add_column(sa.Column("bank_id", sa.String(length=80), nullable=True))
    op.create_table(
        "reminders_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders_sent")),
        sa.UniqueConstraint("kind", "record_id", "due_on", name=op.f("uq_reminders_sent_kind")),
    )


def downgrade() -> None:
    op.drop_table("reminders_sent")
    with op.batch_alter_table("targets") as batch:
        batch.drop_column("bank_id")
    with op.batch_alter_table("schools") as batch:
        batch.drop_constraint(op.f("ck_schools_parent_meetings_per_year_range"), type_="check")
        batch.drop_constraint(op.f("ck_schools_reviews_per_year_range"), type_="check")
        batch.drop_column("parent_meetings_per_year")
        batch.drop_column("reviews_per_year")
