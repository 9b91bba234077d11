"""Initial schema: documents, mentions, claims, stories, relations.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("published", sa.Date),
        sa.Column("published_from", sa.String(16)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("removed", sa.JSON, nullable=False),
        sa.Column("analyzed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("doc", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("value", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("attrs", sa.JSON, nullable=False),
    )
    op.create_index("ix_mentions_doc", "mentions", ["doc"])
    op.create_index("ix_mentions_kind_value", "mentions", ["kind", "value"])
    op.create_table(
        "claims",
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("doc", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("certainty", sa.String(16), nullable=False),
        sa.Column("attrs", sa.JSON, nullable=False),
    )
    op.create_index("ix_claims_doc", "claims", ["doc"])
    op.create_table(
        "stories",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("attrs", sa.JSON, nullable=False),
    )
    op.create_table(
        "story_documents",
        sa.Column("story", sa.String(64), sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("doc", sa.String(64), sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_table(
        "relations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("claim_a", sa.String(128), sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
        sa.Column("claim_b", sa.String(128), sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
        sa.Column("slot", sa.String(16)),
        sa.Column("independent", sa.Boolean, nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
    )
    op.create_index("ix_relations_claims", "relations", ["claim_a", "claim_b"])


def downgrade() -> None:
    for table in ("relations", "story_documents", "stories", "claims", "mentions", "documents"):
        op.drop_table(table)
