"""What ``claimgraph ingest`` and ``watch`` have seen, queued and finished (tables of migration 0003).

An input is known by three keys: the hash of its raw content, the hash of its URL and the hash
of its cleaned text. Cleaned documents wait in ``ingest_items`` as ``pending`` until they are
analysed and stored, then become ``done``. Every write is idempotent, so a batch interrupted by
a dropped database connection is simply written again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from claimgraph.errors import StoreError
from claimgraph.model import Document, Removed
from claimgraph.store import Store, schema

metadata = MetaData()

ingest_items = Table(
    "ingest_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("raw_hash", String(64), nullable=False, unique=True),
    Column("url_hash", String(64)),
    Column("content_hash", String(64)),
    Column("doc_id", String(64)),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("status", String(16), nullable=False),  # pending | done | skipped | duplicate
    Column("reason", Text),
    Column("document", JSON),  # the cleaned Document while pending
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("done_at", DateTime(timezone=True)),
)

feed_state = Table(
    "feed_state",
    metadata,
    Column("url_hash", String(64), primary_key=True),
    Column("url", Text, nullable=False),
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_polled", DateTime(timezone=True)),
    Column("last_status", Integer),
    Column("last_error", Text),
    Column("entries_seen", Integer, nullable=False),
)

T = TypeVar("T")
RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0)  # ~30 s: long enough for a database restart


def digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", errors="replace")).hexdigest()


def is_disconnect(exc: BaseException) -> bool:
    """True when ``exc`` (or what it wraps) is a lost or refused database connection."""
    while exc is not None:
        if isinstance(exc, DBAPIError) and (exc.connection_invalidated or _refused(exc)):
            return True
        exc = exc.__cause__
    return False


def _refused(exc: DBAPIError) -> bool:
    text = str(exc.orig).lower()
    return any(
        s in text
        for s in (
            "connection refused",
            "terminating connection",
            "server closed the connection",
            "the database system is",
            "connection is closed",
            "consuming input failed",
            "not currently accepting connections",
        )
    )


def with_retry(
    action: Callable[[], T],
    *,
    what: str,
    on_retry: Callable[[str], None] = lambda _: None,
    delays: Sequence[float] = RETRY_DELAYS,
) -> T:
    """Run ``action``; when the database connection drops, say so and try again after a pause.

    Raises:
        StoreError: the action failed for another reason, or the database stayed away.
    """
    for attempt, delay in enumerate((*delays, None), start=1):
        try:
            return action()
        except (StoreError, SQLAlchemyError) as exc:
            if delay is None or not is_disconnect(exc):
                if isinstance(exc, StoreError):
                    raise
                raise StoreError(f"cannot {what}: {exc.__class__.__name__}: {exc}") from exc
            on_retry(
                f"database connection lost while trying to {what}; retrying in {delay:g} s "
                f"(attempt {attempt} of {len(delays)})"
            )
            time.sleep(delay)
    raise AssertionError("unreachable")


@dataclass(slots=True)
class NewItem:
    raw_hash: str
    source: str
    url: str | None
    status: str
    document: Document | None = None
    reason: str | None = None


class IngestState:
    """The ingest tables of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    def _insert(self, table: Table) -> Any:
        """An INSERT that leaves an existing row alone: rewriting a batch after a dropped commit is safe."""
        dialect = self.engine.dialect.name
        if dialect == "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing()
        if dialect == "sqlite":
            return sqlite.insert(table).on_conflict_do_nothing()
        return insert(table)

    def seen(self, raw_hashes: Iterable[str], urls: Iterable[str]) -> tuple[set[str], set[str]]:
        """Which raw hashes and which URLs are already known (in one round trip each)."""
        raw_hashes, url_hashes = list(set(raw_hashes)), {digest(u): u for u in set(urls)}
        with self.engine.connect() as conn:
            raws = (
                set(
                    conn.execute(
                        select(ingest_items.c.raw_hash).where(ingest_items.c.raw_hash.in_(raw_hashes))
                    ).scalars()
                )
                if raw_hashes
                else set()
            )
            known = (
                set(
                    conn.execute(
                        select(ingest_items.c.url_hash).where(ingest_items.c.url_hash.in_(list(url_hashes)))
                    ).scalars()
                )
                if url_hashes
                else set()
            )
        return raws, {url_hashes[h] for h in known}

    def url_seen(self, url: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(
                    select(ingest_items.c.id).where(ingest_items.c.url_hash == digest(url)).limit(1)
                ).first()
                is not None
            )

    def known_content(self, documents: Sequence[Document]) -> set[str]:
        """Ids of the documents whose cleaned text (or id) is already queued or stored."""
        hashes = {digest(d.text): d.id for d in documents}
        ids = [d.id for d in documents]
        with self.engine.connect() as conn:
            queued = conn.execute(
                select(ingest_items.c.content_hash).where(ingest_items.c.content_hash.in_(list(hashes)))
            ).scalars()
            stored = conn.execute(
                select(schema.documents.c.id).where(schema.documents.c.id.in_(ids))
            ).scalars()
            return {hashes[h] for h in queued} | set(stored)

    def add(self, items: Sequence[NewItem]) -> None:
        """Record a batch of inputs in one transaction."""
        if not items:
            return
        now = dt.datetime.now(dt.UTC)
        rows = [
            {
                "raw_hash": i.raw_hash,
                "source": i.source,
                "url": i.url,
                "url_hash": digest(i.url) if i.url else None,
                "status": i.status,
                "reason": i.reason,
                "content_hash": digest(i.document.text) if i.document else None,
                "doc_id": i.document.id if i.document else None,
                "document": i.document.to_dict() if i.document and i.status == "pending" else None,
                "added_at": now,
            }
            for i in items
        ]
        with self.engine.begin() as conn:
            conn.execute(self._insert(ingest_items), rows)

    def pending(self, limit: int, after: int = 0) -> list[tuple[int, Document]]:
        """The oldest ``limit`` queued documents (of those queued after item ``after``)."""
        query = (
            select(ingest_items.c.id, ingest_items.c.document)
            .where((ingest_items.c.status == "pending") & (ingest_items.c.id > after))
            .order_by(ingest_items.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [(row.id, document_from_dict(row.document)) for row in conn.execute(query)]

    def stored(self, doc_ids: Iterable[str]) -> set[str]:
        with self.engine.connect() as conn:
            return set(
                conn.execute(
                    select(schema.documents.c.id).where(schema.documents.c.id.in_(list(doc_ids)))
                ).scalars()
            )

    def mark_done(self, item_ids: Sequence[int]) -> None:
        if not item_ids:
            return
        with self.engine.begin() as conn:
            conn.execute(
                update(ingest_items)
                .where(ingest_items.c.id.in_(list(item_ids)))
                .values(status="done", document=None, done_at=dt.datetime.now(dt.UTC))
            )

    def counts(self) -> dict[str, int]:
        from sqlalchemy import func

        with self.engine.connect() as conn:
            rows = conn.execute(select(ingest_items.c.status, func.count()).group_by(ingest_items.c.status))
            return {status: n for status, n in rows}

    # -- feeds ---------------------------------------------------------------------------------

    def feed(self, url: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = (
                conn.execute(select(feed_state).where(feed_state.c.url_hash == digest(url)))
                .mappings()
                .first()
            )
            return dict(row) if row else None

    def save_feed(self, url: str, **values: Any) -> None:
        """Create or update a feed's poll record."""
        key = digest(url)
        with self.engine.begin() as conn:
            exists = conn.execute(select(feed_state.c.url_hash).where(feed_state.c.url_hash == key)).first()
            if exists:
                conn.execute(update(feed_state).where(feed_state.c.url_hash == key).values(**values))
            else:
                conn.execute(
                    insert(feed_state).values(url_hash=key, url=url, **({"entries_seen": 0} | values))
                )


def document_from_dict(data: dict[str, Any]) -> Document:
    published = data.get("published")
    return Document(
        id=data["id"],
        source=data["source"],
        text=data["text"],
        title=data.get("title"),
        outlet=data.get("outlet"),
        url=data.get("url"),
        language=data.get("language", "en"),
        published=dt.date.fromisoformat(published) if published else None,
        published_from=data.get("published_from"),
        removed=[Removed(**r) for r in data.get("removed", [])],
    )
