"""Full-text search over documents and claims; incremental ingest state.

SQLite gets FTS5 external-content tables kept in step by triggers; PostgreSQL gets a stored,
generated ``tsvector`` column with a GIN index on each table. Other dialects get neither and
``store.search`` falls back to ``LIKE``.

``ingest_items`` remembers every input ``claimgraph ingest`` has seen (by raw content hash, URL
hash and cleaned-content hash) and queues cleaned documents until they are analysed, so a
killed run resumes without losing or re-analysing a document. ``feed_state`` keeps each feed's
ETag / Last-Modified and poll history for polite polling.

Revision ID: 0003
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = None
depends_on = None

# (fts table, content table, indexed columns)
_SQLITE_FTS = (("documents_fts", "documents", ("title", "text")), ("claims_fts", "claims", ("text",)))

_PG_VECTORS = {
    "documents": "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', text), 'B')",
    "claims": "to_tsvector('english', text)",
}


def upgrade() -> None:
    op.create_table(
        "ingest_items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("raw_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("url_hash", sa.String(64)),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("doc_id", sa.String(64)),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("document", sa.JSON),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_ingest_items_url_hash", "ingest_items", ["url_hash"])
    op.create_index("ix_ingest_items_content_hash", "ingest_items", ["content_hash"])
    op.create_index("ix_ingest_items_status", "ingest_items", ["status", "id"])
    op.create_table(
        "feed_state",
        sa.Column("url_hash", sa.String(64), primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_polled", sa.DateTime(timezone=True)),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("entries_seen", sa.Integer, nullable=False, server_default="0"),
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for fts, table, columns in _SQLITE_FTS:
            _sqlite_fts(fts, table, columns)
    elif dialect == "postgresql":
        for table, vector in _PG_VECTORS.items():
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN search tsvector GENERATED ALWAYS AS ({vector}) STORED"
            )
            op.execute(f"CREATE INDEX ix_{table}_search ON {table} USING GIN (search)")


def _sqlite_fts(fts: str, table: str, columns: tuple[str, ...]) -> None:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    # porter: "strikes" finds "strike"; external content: the text is stored once, in ``table``
    op.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='rowid', "
        "tokenize='porter unicode61')"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_au AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new}); END"
    )
    op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")  # rows stored before this migration


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for fts, _table, _columns in _SQLITE_FTS:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    elif dialect == "postgresql":
        for table in _PG_VECTORS:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_search")
            op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search")
    op.drop_table("feed_state")
    op.drop_table("ingest_items")
