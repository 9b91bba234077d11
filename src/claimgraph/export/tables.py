"""The store as flat tables (documents, mentions, claims, relations, stories) for other tools.

Rows stream document by document, so an export of a large store runs in flat memory. Column
types are Arrow types; the mention columns are derived from the mention classes of the model,
so a field added there appears here without a change.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Collection, Iterable, Iterator
from typing import Any

import pyarrow as pa
from sqlalchemy import select

from claimgraph.model import MENTION_KINDS, DocumentAnalysis
from claimgraph.store import Store, schema

TABLES = ("documents", "mentions", "claims", "relations", "stories")

DOCUMENT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("outlet", pa.string()),
        ("language", pa.string()),
        ("published", pa.date32()),
        ("published_from", pa.string()),
        ("text", pa.string()),
    ]
)
CLAIM_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("doc", pa.string()),
        ("text", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("evidence", pa.string()),
        ("sources", pa.list_(pa.string())),
        ("source_spans", pa.list_(pa.list_(pa.int64()))),
        ("source_types", pa.list_(pa.string())),
        ("certainty", pa.string()),
        ("mentions", pa.list_(pa.string())),
        ("predicate", pa.string()),
        ("negated", pa.bool_()),
        ("extra", pa.string()),
    ]
)
RELATION_SCHEMA = pa.schema(
    [
        ("kind", pa.string()),
        ("claim_a", pa.string()),
        ("claim_b", pa.string()),
        ("slot", pa.string()),
        ("independent", pa.bool_()),
        ("explanation", pa.string()),
    ]
)
STORY_SCHEMA = pa.schema([("id", pa.string()), ("title", pa.string()), ("documents", pa.list_(pa.string()))])

_SCALARS = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}


def _arrow_type(hint: Any) -> pa.DataType:
    """The Arrow type of a dataclass field's annotation; anything unusual is kept as JSON text."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _arrow_type(args[0])
    if origin is typing.Literal:
        return pa.string()
    if origin is list and len(args) == 1 and args[0] in _SCALARS:
        return pa.list_(_SCALARS[args[0]])
    return _SCALARS.get(hint, pa.string())


def mention_schema() -> pa.Schema:
    """``kind`` plus the union of every mention class's fields (first declaration's type wins)."""
    columns: dict[str, pa.DataType] = {"kind": pa.string()}
    for cls in MENTION_KINDS.values():
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            columns.setdefault(f.name, _arrow_type(hints[f.name]))
    return pa.schema(list(columns.items()))


SCHEMAS = {
    "documents": DOCUMENT_SCHEMA,
    "claims": CLAIM_SCHEMA,
    "relations": RELATION_SCHEMA,
    "stories": STORY_SCHEMA,
}


def table_schema(name: str) -> pa.Schema:
    return mention_schema() if name == "mentions" else SCHEMAS[name]


def conform(row: dict[str, Any], schema_: pa.Schema) -> dict[str, Any]:
    """Keep the schema's columns; a claim's unknown keys go into ``extra`` (as JSON) so none is lost."""
    out = {name: row.get(name) for name in schema_.names}
    if "extra" in schema_.names:
        extra = {k: v for k, v in row.items() if k not in schema_.names}
        out["extra"] = json.dumps(extra, ensure_ascii=False, default=str) if extra else None
    for field in schema_:
        value = out[field.name]
        if value is not None and pa.types.is_string(field.type) and not isinstance(value, str):
            out[field.name] = json.dumps(value, ensure_ascii=False, default=str)
    return out


def analysis_rows(analysis: DocumentAnalysis) -> dict[str, list[dict[str, Any]]]:
    """The rows one analysed document contributes to the per-document tables."""
    document = analysis.document.to_dict()
    document["published"] = analysis.document.published
    return {
        "documents": [conform(document, DOCUMENT_SCHEMA)],
        "mentions": [conform(m.to_dict(), mention_schema()) for m in analysis.mentions],
        "claims": [conform(c.to_dict(), CLAIM_SCHEMA) for c in analysis.claims],
    }


def iter_table_rows(
    store: Store, tables: Iterable[str] = TABLES, *, ids: Collection[str] | None = None
) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """``(table, rows)`` batches for the chosen tables: one batch per document, then the rest.

    Args:
        store: the store to read.
        tables: which of ``TABLES`` to produce.
        ids: only these documents, with the relations and stories that touch them (default all).
    """
    wanted = set(tables)
    if wanted & {"documents", "mentions", "claims"}:
        for analysis in store.iter_documents(ids):
            for name, rows in analysis_rows(analysis).items():
                if name in wanted and rows:
                    yield name, rows
    ids = set(ids) if ids is not None else None
    with store.engine.connect() as conn:
        if "relations" in wanted:
            claim_doc = (
                {c: d for c, d in conn.execute(select(schema.claims.c.id, schema.claims.c.doc))}
                if ids
                else {}
            )
            rows = [
                dict(r._mapping)
                for r in conn.execute(
                    select(
                        schema.relations.c.kind,
                        schema.relations.c.claim_a,
                        schema.relations.c.claim_b,
                        schema.relations.c.slot,
                        schema.relations.c.independent,
                        schema.relations.c.explanation,
                    ).order_by(schema.relations.c.id)
                )
            ]
            if ids is not None:
                rows = [
                    r
                    for r in rows
                    if claim_doc.get(r["claim_a"]) in ids and claim_doc.get(r["claim_b"]) in ids
                ]
            if rows:
                yield "relations", rows
        if "stories" in wanted:
            rows = [
                conform(attrs, STORY_SCHEMA)
                for attrs in conn.execute(
                    select(schema.stories.c.attrs).order_by(schema.stories.c.id)
                ).scalars()
                if ids is None or set(attrs.get("documents", ())) & ids
            ]
            if rows:
                yield "stories", rows
