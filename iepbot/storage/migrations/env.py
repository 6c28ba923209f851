"""Alembic environment: run only from `iepbot.storage.migrate`, which hands over an open connection."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from iepbot.storage.models import Base

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("Run migrations with `iepbot db upgrade`, not the alembic command.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table instead
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
