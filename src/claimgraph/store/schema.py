"""Tables of the store. Changes go through an Alembic migration in ``migrations/versions``."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("language", String(16), nullable=False),
    Column("published", Date),
    Column("published_from", String(16)),
    Column("text", Text, nullable=False),
    Column("removed", JSON, nullable=False),
    Column("annotations", JSON),  # attributions and hedges: {"attributions": [...], "hedges": [...]}
    Column("analyzed_at", DateTime(timezone=True), nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("doc", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", Text),  # the normalised value, for filtering: TIMEX3 value, canonical name, ...
    Column("lat", Float),
    Column("lon", Float),
    Column("attrs", JSON, nullable=False),  # the whole mention as in the contract
    Index("ix_mentions_doc", "doc"),
    Index("ix_mentions_kind_value", "kind", "value"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(128), primary_key=True),
    Column("doc", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("certainty", String(16), nullable=False),
    Column("attrs", JSON, nullable=False),
    Index("ix_claims_doc", "doc"),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("title", Text, nullable=False),
    Column("attrs", JSON, nullable=False),
)

story_documents = Table(
    "story_documents",
    metadata,
    Column("story", String(64), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("doc", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
)

relations = Table(
    "relations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),
    Column("claim_a", String(128), ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("claim_b", String(128), ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("slot", String(16)),
    Column("independent", Boolean, nullable=False),
    Column("explanation", Text, nullable=False),
    Index("ix_relations_claims", "claim_a", "claim_b"),
)
