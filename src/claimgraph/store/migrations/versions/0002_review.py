"""Analyst review: current corrections and the audit trail of every change.

Neither table references documents, mentions or relations by foreign key: re-analysis deletes
and rewrites those rows, and the corrections must outlive that (they are re-applied by id).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_corrections",
        sa.Column("target_kind", sa.String(16), primary_key=True),
        sa.Column("target", sa.String(300), primary_key=True),
        sa.Column("field", sa.String(32), primary_key=True),
        sa.Column("doc", sa.String(64)),
        sa.Column("value", sa.JSON),
        sa.Column("who", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_review_corrections_doc", "review_corrections", ["doc"])
    op.create_table(
        "review_audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.Text, nullable=False),
        sa.Column("target_kind", sa.String(16), nullable=False),
        sa.Column("target", sa.String(300), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("doc", sa.String(64)),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_review_audit_target", "review_audit", ["target_kind", "target"])


def downgrade() -> None:
    op.drop_table("review_audit")
    op.drop_table("review_corrections")
