"""Storage: SQLAlchemy 2 typed models, repositories that return domain records, Alembic migrations."""
