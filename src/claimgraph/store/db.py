"""The store: SQLite by default, any SQLAlchemy URL (PostgreSQL) by choice.

Every document is written in a transaction of its own together with its mentions and claims,
so a crash or a kill mid-run leaves each finished document whole and no half-written one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, delete, event, func, insert, select
from sqlalchemy.exc import SQLAlchemyError

from claimgraph.errors import StoreError
from claimgraph.model import (
    MENTION_KINDS,
    Analysis,
    Attribution,
    Claim,
    Document,
    DocumentAnalysis,
    Hedge,
    Mention,
    Relation,
    Removed,
    SourceRef,
    Story,
)
from claimgraph.store import schema

MIGRATIONS = Path(__file__).with_name("migrations")


def database_url(target: str) -> str:
    """A path becomes a SQLite URL; anything with ``://`` is taken as a SQLAlchemy URL.

    Plain ``postgresql://`` (and ``postgres://``) mean the installed psycopg 3 driver.
    """
    if "://" not in target:
        return f"sqlite:///{Path(target).expanduser()}"
    scheme, rest = target.split("://", 1)
    return f"postgresql+psycopg://{rest}" if scheme in ("postgresql", "postgres") else target


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _mention_value(mention: Mention) -> str | None:
    for attr in ("value", "canonical", "name", "counted"):
        value = getattr(mention, attr, None)
        if value:
            return str(value)
    return None


class Store:
    """Open (and migrate) a store; read and write analyses."""

    def __init__(self, target: str) -> None:
        self.url = database_url(target)
        try:
            # pre-ping: a server restarted mid-run leaves dead pooled connections; replace them quietly
            self.engine: Engine = create_engine(self.url, pool_pre_ping=True)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            self.migrate()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open store {target}: {exc.__class__.__name__}: {exc}") from exc

    def migrate(self) -> None:
        """Bring the schema to the newest migration."""
        config = AlembicConfig()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "heads")  # branches from parallel features merge here

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def save_document(self, analysis: DocumentAnalysis) -> None:
        """Replace everything stored for this document, atomically."""
        doc = analysis.document
        row = {
            "id": doc.id,
            "source": doc.source,
            "url": doc.url,
            "title": doc.title,
            "outlet": doc.outlet,
            "language": doc.language,
            "published": doc.published,
            "published_from": doc.published_from,
            "text": doc.text,
            "removed": [r.to_dict() for r in doc.removed],
            "annotations": {
                "attributions": [dataclasses.asdict(a) for a in analysis.attributions],
                "hedges": [dataclasses.asdict(h) for h in analysis.hedges],
            },
            "analyzed_at": dt.datetime.now(dt.UTC),
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(delete(schema.documents).where(schema.documents.c.id == doc.id))
                conn.execute(insert(schema.documents), [row])
                if analysis.mentions:
                    conn.execute(
                        insert(schema.mentions),
                        [
                            {
                                "id": m.id,
                                "doc": doc.id,
                                "kind": m.kind,
                                "text": m.text,
                                "start": m.start,
                                "end": m.end,
                                "value": _mention_value(m),
                                "lat": getattr(m, "lat", None),
                                "lon": getattr(m, "lon", None),
                                "attrs": m.to_dict(),
                            }
                            for m in analysis.mentions
                        ],
                    )
                if analysis.claims:
                    conn.execute(
                        insert(schema.claims),
                        [
                            {
                                "id": c.id,
                                "doc": doc.id,
                                "text": c.text,
                                "start": c.start,
                                "end": c.end,
                                "certainty": c.certainty,
                                "attrs": dataclasses.asdict(c),
                            }
                            for c in analysis.claims
                        ],
                    )
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store document {doc.id}: {exc}") from exc

    def save_alignment(self, stories: Iterable[Story], relations: Iterable[Relation]) -> None:
        """Replace the stories and relations that touch the documents of ``stories``.

        Alignment may run over the whole store or over one run's documents; in the second case the
        stories and relations of documents outside the run stay as they were (they used to be
        dropped, leaving earlier documents without a story).
        """
        stories, relations = list(stories), list(relations)
        doc_ids = sorted({d for s in stories for d in s.documents})
        claim_ids = sorted({cid for r in relations for cid in r.claims})
        try:
            with self.engine.begin() as conn:
                for chunk in _chunks(claim_ids):
                    found = select(schema.claims.c.doc).where(schema.claims.c.id.in_(chunk)).distinct()
                    doc_ids.extend(conn.execute(found).scalars())
                stale: set[str] = {s.id for s in stories}
                for chunk in _chunks(sorted(set(doc_ids))):
                    claims = select(schema.claims.c.id).where(schema.claims.c.doc.in_(chunk))
                    conn.execute(
                        delete(schema.relations).where(
                            schema.relations.c.claim_a.in_(claims) | schema.relations.c.claim_b.in_(claims)
                        )
                    )
                    links = schema.story_documents
                    stale.update(conn.execute(select(links.c.story).where(links.c.doc.in_(chunk))).scalars())
                for chunk in _chunks(sorted(stale)):
                    conn.execute(
                        delete(schema.story_documents).where(schema.story_documents.c.story.in_(chunk))
                    )
                    conn.execute(delete(schema.stories).where(schema.stories.c.id.in_(chunk)))
                # stories left without documents (theirs were replaced under new ids) go too
                conn.execute(
                    delete(schema.stories).where(
                        schema.stories.c.id.not_in(select(schema.story_documents.c.story))
                    )
                )
                if stories:
                    conn.execute(
                        insert(schema.stories),
                        [{"id": s.id, "title": s.title, "attrs": s.to_dict()} for s in stories],
                    )
                    links = [{"story": s.id, "doc": d} for s in stories for d in s.documents]
                    if links:
                        conn.execute(insert(schema.story_documents), links)
                if relations:
                    conn.execute(
                        insert(schema.relations),
                        [
                            {
                                "kind": r.kind,
                                "claim_a": r.claims[0],
                                "claim_b": r.claims[1],
                                "slot": r.slot,
                                "independent": r.independent,
                                "explanation": r.explanation,
                            }
                            for r in relations
                        ],
                    )
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store stories and relations: {exc}") from exc

    # -- reading -----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for table in (
                    schema.documents,
                    schema.mentions,
                    schema.claims,
                    schema.stories,
                    schema.relations,
                )
            }

    def document_rows(self) -> list[dict[str, Any]]:
        """One summary row per stored document, newest analysis first."""
        counts = (
            select(schema.claims.c.doc, func.count().label("claims")).group_by(schema.claims.c.doc).subquery()
        )
        query = (
            select(
                schema.documents.c.id,
                schema.documents.c.source,
                schema.documents.c.title,
                schema.documents.c.outlet,
                schema.documents.c.published,
                schema.documents.c.analyzed_at,
                func.coalesce(counts.c.claims, 0).label("claims"),
            )
            .outerjoin(counts, counts.c.doc == schema.documents.c.id)
            .order_by(schema.documents.c.analyzed_at.desc())
        )
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def iter_documents(
        self, ids: Iterable[str] | None = None, *, claims: bool = True
    ) -> Iterator[DocumentAnalysis]:
        """Stored documents rebuilt as model objects, one at a time.

        Args:
            ids: the documents wanted; None for all.
            claims: False leaves out claims, attributions and hedges (story grouping reads only
                texts and mentions, and a stream of many documents is lighter without them).
        """
        query = select(schema.documents).order_by(schema.documents.c.id)
        if ids is not None:
            query = query.where(schema.documents.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings().all():
                # mentions and claims by offset, ties by id: the same order on every backend
                mention_rows = conn.execute(
                    select(schema.mentions.c.attrs)
                    .where(schema.mentions.c.doc == row["id"])
                    .order_by(schema.mentions.c.start, schema.mentions.c.id)
                ).scalars()
                claim_rows = (
                    conn.execute(
                        select(schema.claims.c.attrs)
                        .where(schema.claims.c.doc == row["id"])
                        .order_by(schema.claims.c.start, schema.claims.c.id)
                    ).scalars()
                    if claims
                    else []
                )
                annotations = (row["annotations"] or {}) if claims else {}
                yield DocumentAnalysis(
                    document=_document_from_row(row),
                    mentions=[_mention_from_attrs(a) for a in mention_rows],
                    claims=[_claim_from_attrs(a) for a in claim_rows],
                    attributions=[_attribution_from_attrs(a) for a in annotations.get("attributions", [])],
                    hedges=[Hedge(**h) for h in annotations.get("hedges", [])],
                )

    def story_groups(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """Every stored story holding one of the documents ``ids``: story id -> its document ids."""
        groups: dict[str, list[str]] = {}
        links = schema.story_documents
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(ids))):
                stories = select(links.c.story).where(links.c.doc.in_(chunk))
                rows = conn.execute(select(links.c.story, links.c.doc).where(links.c.story.in_(stories)))
                for story, doc in rows:
                    groups.setdefault(story, []).append(doc)
        return {story: sorted(docs) for story, docs in sorted(groups.items())}

    def unaligned_ids(self) -> list[str]:
        """Ids of the stored documents in no story yet (analysed by a run that did not align them)."""
        links = schema.story_documents
        query = (
            select(schema.documents.c.id)
            .where(schema.documents.c.id.not_in(select(links.c.doc)))
            .order_by(schema.documents.c.id)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def stories(self, ids: Iterable[str]) -> list[Story]:
        """The stored stories of those ids that exist, in id order (a streaming reader's one-story load)."""
        found: list[Story] = []
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(ids))):
                query = select(schema.stories.c.attrs).where(schema.stories.c.id.in_(chunk))
                found += [Story(**_story_kwargs(a)) for a in conn.execute(query).scalars()]
        return sorted(found, key=lambda s: s.id)

    def load(self, ids: Iterable[str] | None = None) -> Analysis:
        """The stored analysis (all documents, or those named), with stories and relations."""
        documents = list(self.iter_documents(ids))
        wanted = {d.document.id for d in documents}
        with self.engine.connect() as conn:
            stories = [
                Story(**_story_kwargs(a)) for a in conn.execute(select(schema.stories.c.attrs)).scalars()
            ]
            relations = [
                Relation(
                    kind=r.kind,
                    claims=(r.claim_a, r.claim_b),
                    slot=r.slot,
                    independent=r.independent,
                    explanation=r.explanation,
                )
                for r in conn.execute(select(schema.relations))
            ]
        claim_docs = {c.id: c.doc for d in documents for c in d.claims}
        relations = [
            r
            for r in relations
            if claim_docs.get(r.claims[0]) in wanted and claim_docs.get(r.claims[1]) in wanted
        ]
        stories = [s for s in stories if set(s.documents) & wanted]
        return Analysis(documents=documents, relations=relations, stories=stories)


def _chunks(values: list[str], size: int = 500) -> Iterator[list[str]]:
    """Slices small enough for any database's limit on bound parameters."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _document_from_row(row: Any) -> Document:
    return Document(
        id=row["id"],
        source=row["source"],
        text=row["text"],
        title=row["title"],
        outlet=row["outlet"],
        url=row["url"],
        language=row["language"],
        published=row["published"],
        published_from=row["published_from"],
        removed=[Removed(**r) for r in row["removed"]],
    )


def _mention_from_attrs(attrs: dict[str, Any]) -> Mention:
    attrs = dict(attrs)
    cls = MENTION_KINDS[attrs.pop("kind")]
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in attrs.items() if k in names})


def _attribution_from_attrs(attrs: dict[str, Any]) -> Attribution:
    attrs = dict(attrs)
    attrs["sources"] = [SourceRef(**s) for s in attrs.get("sources", [])]
    return Attribution(**attrs)


def _claim_from_attrs(attrs: dict[str, Any]) -> Claim:
    attrs = dict(attrs)
    attrs["sources"] = [SourceRef(**s) for s in attrs.get("sources", [])]
    names = {f.name for f in dataclasses.fields(Claim)}
    return Claim(**{k: v for k, v in attrs.items() if k in names})


def _story_kwargs(attrs: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(Story)}
    return {k: v for k, v in attrs.items() if k in names}
