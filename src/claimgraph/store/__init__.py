"""Stage 6, store: SQLite (or PostgreSQL by URL) through SQLAlchemy, migrated by Alembic."""

from claimgraph.store.db import Store, database_url

__all__ = ["Store", "database_url"]
