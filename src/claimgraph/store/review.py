"""Analyst review: corrections to mentions, verdicts on relations, and their audit trail.

Corrections are keyed by ids that re-analysis reproduces (mention ids are derived from the
document's content hash, kind and offsets; a relation is keyed by its two claim ids), and the
review tables have no foreign keys to the analysis tables. So re-analysing a document (which
replaces its mentions) loses nothing: whoever reads or writes an analysis calls

* ``apply_corrections(store, document_analysis)`` before ``Store.save_document`` (the pipeline
  hook: the stored mentions then carry the corrected values), and/or
* ``apply_reviews(store, analysis)`` after ``Store.load`` (what the report and the server do):
  corrected mention values are written into the loaded mentions and the relation verdicts are
  returned.

Every change appends one row per field to ``review_audit`` (who, when, before, after).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
)
from sqlalchemy.exc import SQLAlchemyError

from claimgraph.errors import StoreError
from claimgraph.model import Analysis, DocumentAnalysis, Mention, Relation
from claimgraph.store import schema
from claimgraph.store.db import Store, _mention_from_attrs

# Own metadata: these tables are created by migration 0002, not part of the analysis schema.
metadata = MetaData()

corrections = Table(
    "review_corrections",
    metadata,
    Column("target_kind", String(16), primary_key=True),
    Column("target", String(300), primary_key=True),
    Column("field", String(32), primary_key=True),
    Column("doc", String(64)),
    Column("value", JSON),
    Column("who", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_review_corrections_doc", "doc"),
)

audit = Table(
    "review_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("who", Text, nullable=False),
    Column("target_kind", String(16), nullable=False),
    Column("target", String(300), nullable=False),
    Column("field", String(32), nullable=False),
    Column("doc", String(64)),
    Column("before", JSON),
    Column("after", JSON),
    Column("note", Text, nullable=False),
)

VERDICTS = ("accepted", "rejected")
RELATION_KINDS = ("agree", "conflict", "elaborates", "compatible")
SLOTS = (None, "time", "quantity", "place", "actor", "polarity")
LEVELS = ("country", "admin1", "admin2", "city", "district", "facility", "point")
# A TIMEX3-like value: digits, X placeholders, seasons/quarters/weeks, durations, *_REF.
TIMEX = re.compile(
    r"^(?:[0-9X]{4}(?:-(?:[0-9X]{2}|SP|SU|FA|WI|Q[1-4]|W[0-9]{2}|H[12]))?(?:-[0-9X]{2})?"
    r"(?:T[0-9X:]{2,8})?|P[0-9.]*[YMWDHS]|PRESENT_REF|PAST_REF|FUTURE_REF)$"
)
NAME_LIMIT = 200


def _number(value: Any, low: float, high: float) -> float | None:
    if value is None:
        return None
    number = float(value)
    if not math.isfinite(number) or not low <= number <= high:
        raise ValueError(f"{value!r} is outside [{low:g}, {high:g}]")
    return number


def _timex(value: Any) -> str:
    text = str(value).strip()
    if not TIMEX.match(text):
        raise ValueError(f"{text[:40]!r} is not a TIMEX3 value (e.g. 2024-10, 2024-10-05, 2024-FA)")
    return text


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    if len(text) > NAME_LIMIT:
        raise ValueError(f"longer than {NAME_LIMIT} characters")
    return text or None


def _level(value: Any) -> str | None:
    if value is None:
        return None
    if value not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    return str(value)


# What an analyst may correct on each kind of mention, and how each value is checked.
FIELDS: dict[str, dict[str, Any]] = {
    "time": {"value": _timex, "alternatives": lambda v: [_timex(x) for x in (v or [])], "mod": _text},
    "quantity": {
        "low": lambda v: _number(v, -1e15, 1e15),
        "high": lambda v: _number(v, -1e15, 1e15),
        "unit": _text,
        "counted": _text,
    },
    "place": {
        "lat": lambda v: _number(v, -90, 90),
        "lon": lambda v: _number(v, -180, 180),
        "name": _text,
        "level": _level,
        "geonames_id": lambda v: None if v is None else int(v),
        "unresolved_reason": _text,
    },
}


def relation_key(claims: tuple[str, str] | list[str], kind: str, slot: str | None) -> str:
    """A relation as reviewed: its kind and slot and the unordered claim pair (re-alignment may
    swap the order; a verdict on a conflict says nothing about an agreement on the same pair)."""
    a, b = sorted(claims)
    return f"{kind}|{slot or ''}|{a}|{b}"


class Review:
    """Record corrections and verdicts in a store; read them back with their history."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def correct_mention(
        self, mention_id: str, values: dict[str, Any], *, who: str, note: str = ""
    ) -> Mention:
        """Correct fields of a stored mention; returns the mention as corrected.

        Raises:
            KeyError: no such mention in the store.
            ValueError: a field this kind of mention does not have, or a value out of range.
        """
        with self.store.engine.connect() as conn:
            row = conn.execute(
                select(schema.mentions.c.attrs).where(schema.mentions.c.id == mention_id)
            ).first()
        if row is None:
            raise KeyError(mention_id)
        mention = _mention_from_attrs(row[0])
        allowed = FIELDS.get(mention.kind, {})
        unknown = sorted(set(values) - set(allowed))
        if unknown or not values:
            raise ValueError(
                f"a {mention.kind} mention has no correctable field {', '.join(unknown) or '(none given)'}; "
                f"allowed: {', '.join(allowed) or 'none'}"
            )
        checked = {name: allowed[name](value) for name, value in values.items()}
        _apply_fields(mention, self._mention_fields(mention.doc).get(mention.id, {}))
        changes = {name: (getattr(mention, name), value) for name, value in checked.items()}
        self._record("mention", mention.id, mention.doc, changes, who=who, note=note)
        _apply_fields(mention, checked)
        return mention

    def judge_relation(
        self,
        claims: tuple[str, str] | list[str],
        verdict: str,
        *,
        kind: str,
        slot: str | None,
        who: str,
        note: str = "",
    ) -> None:
        """Accept or reject the relation between two claims.

        Raises:
            ValueError: an unknown verdict.
            KeyError: a claim that is not in the store.
        """
        if verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}")
        if kind not in RELATION_KINDS or (slot or None) not in SLOTS:
            raise ValueError(f"unknown relation kind {kind!r} or slot {slot!r}")
        with self.store.engine.connect() as conn:
            docs = dict(
                conn.execute(
                    select(schema.claims.c.id, schema.claims.c.doc).where(
                        schema.claims.c.id.in_(list(claims))
                    )
                ).all()
            )
        missing = [c for c in claims if c not in docs]
        if missing:
            raise KeyError(missing[0])
        key = relation_key(claims, kind, slot)
        before = self.relation_verdicts().get(key)
        self._record("relation", key, docs[claims[0]], {"verdict": (before, verdict)}, who=who, note=note)

    def relation_verdicts(self) -> dict[str, str]:
        """Relation key (``relation_key``) → "accepted" | "rejected"."""
        with self.store.engine.connect() as conn:
            rows = conn.execute(
                select(corrections.c.target, corrections.c.value).where(
                    corrections.c.target_kind == "relation"
                )
            ).all()
        return {target: value for target, value in rows if value in VERDICTS}

    def history(self, *, target: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
        """The audit trail, newest first."""
        query = select(audit).order_by(audit.c.id.desc()).limit(limit)
        if target is not None:
            query = query.where(audit.c.target == target)
        with self.store.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]

    def _mention_fields(self, doc: str | None = None) -> dict[str, dict[str, Any]]:
        query = select(corrections.c.target, corrections.c.field, corrections.c.value).where(
            corrections.c.target_kind == "mention"
        )
        if doc is not None:
            query = query.where(corrections.c.doc == doc)
        fields: dict[str, dict[str, Any]] = {}
        with self.store.engine.connect() as conn:
            for target, name, value in conn.execute(query):
                fields.setdefault(target, {})[name] = value
        return fields

    def _record(
        self,
        kind: str,
        target: str,
        doc: str | None,
        changes: dict[str, tuple[Any, Any]],
        *,
        who: str,
        note: str,
    ) -> None:
        who = _text(who) or "analyst"
        now = dt.datetime.now(dt.UTC)
        try:
            with self.store.engine.begin() as conn:
                for name, (before, after) in changes.items():
                    conn.execute(
                        delete(corrections).where(
                            (corrections.c.target_kind == kind)
                            & (corrections.c.target == target)
                            & (corrections.c.field == name)
                        )
                    )
                    conn.execute(
                        insert(corrections),
                        [
                            {
                                "target_kind": kind,
                                "target": target,
                                "field": name,
                                "doc": doc,
                                "value": after,
                                "who": who,
                                "at": now,
                            }
                        ],
                    )
                    conn.execute(
                        insert(audit),
                        [
                            {
                                "at": now,
                                "who": who,
                                "target_kind": kind,
                                "target": target,
                                "field": name,
                                "doc": doc,
                                "before": before,
                                "after": after,
                                "note": (note or "")[:2000],
                            }
                        ],
                    )
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot record review of {target}: {exc}") from exc


def _apply_fields(mention: Mention, fields: dict[str, Any]) -> None:
    names = {f.name for f in dataclasses.fields(mention)}
    for name, value in fields.items():
        if name in names:
            setattr(mention, name, value)


def apply_corrections(store: Store, analysis: DocumentAnalysis) -> int:
    """Re-apply the analyst's corrections to a freshly analysed document; returns how many applied.

    The pipeline calls this between annotation and ``Store.save_document`` so that re-analysis
    keeps what an analyst fixed.
    """
    fields = Review(store)._mention_fields(analysis.document.id)
    applied = 0
    for mention in analysis.mentions:
        if mention.id in fields:
            _apply_fields(mention, fields[mention.id])
            applied += 1
    return applied


def apply_reviews(store: Store, analysis: Analysis) -> dict[str, str]:
    """Corrections into every loaded mention; returns the relation verdicts by ``relation_key``."""
    review = Review(store)
    fields = review._mention_fields()
    for document in analysis.documents:
        for mention in document.mentions:
            if mention.id in fields:
                _apply_fields(mention, fields[mention.id])
    return review.relation_verdicts()


def verdict_of(relation: Relation, verdicts: dict[str, str]) -> str | None:
    return verdicts.get(relation_key(relation.claims, relation.kind, relation.slot))
