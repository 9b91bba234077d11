"""Keep each document's attributions and hedges, so views over the store can highlight them.

Also merges the review (0002) and search (0003) branches.

Revision ID: 0004
Revises: 0002, 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = ("0002", "0003")
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, not batch mode: rebuilding the table would drop the search triggers.
    op.add_column("documents", sa.Column("annotations", sa.JSON, nullable=True))


def downgrade() -> None:
    op.drop_column("documents", "annotations")
