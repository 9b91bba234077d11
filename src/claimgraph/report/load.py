"""Rebuild an ``Analysis`` from the JSON contract (``claimgraph analyze --format json``), so a
saved analysis can be reported on without a store."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from typing import Any

from claimgraph.model import (
    MENTION_KINDS,
    Analysis,
    Claim,
    Document,
    DocumentAnalysis,
    Relation,
    Removed,
    SourceRef,
    Story,
)


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {k: v for k, v in data.items() if k in names}


def _claim(data: dict[str, Any]) -> Claim:
    spans = data.get("source_spans") or []
    types = data.get("source_types") or []
    sources = [
        SourceRef(
            name=name,
            start=spans[i][0] if i < len(spans) else 0,
            end=spans[i][1] if i < len(spans) else 0,
            type=types[i] if i < len(types) else None,
        )
        for i, name in enumerate(data.get("sources") or [])
    ]
    return Claim(**{**_known(Claim, data), "sources": sources})


def analysis_from_json(data: dict[str, Any]) -> Analysis:
    """The contract's object as model objects (unknown keys are ignored).

    Raises:
        KeyError, TypeError, ValueError: the object does not follow the contract.
    """
    mentions: dict[str, list] = defaultdict(list)
    for m in data.get("mentions", []):
        mentions[m["doc"]].append(MENTION_KINDS[m["kind"]](**_known(MENTION_KINDS[m["kind"]], m)))
    claims: dict[str, list[Claim]] = defaultdict(list)
    for c in data.get("claims", []):
        claims[c["doc"]].append(_claim(c))
    documents = []
    for d in data.get("documents", []):
        published = dt.date.fromisoformat(d["published"]) if d.get("published") else None
        removed = [
            Removed(text=r["text"], reason=r["reason"], start=r.get("start", 0), end=r.get("end", 0))
            for r in d.get("removed", [])
        ]
        document = Document(**{**_known(Document, d), "published": published, "removed": removed})
        documents.append(
            DocumentAnalysis(document=document, mentions=mentions[document.id], claims=claims[document.id])
        )
    relations = [
        Relation(**{**_known(Relation, r), "claims": tuple(r["claims"])}) for r in data.get("relations", [])
    ]
    stories = [Story(**_known(Story, s)) for s in data.get("stories", [])]
    return Analysis(documents=documents, relations=relations, stories=stories)
