"""Facts of a story and how they drift: which claims state one fact, how many independent
origins stand behind it, where it first appeared and how its stated value changed as it spread
(11,000 -> "over 11,000"), in order of publication.

A fact is a group of claims joined by agree relations (elaborations would chain a general claim
to every detail of it; conflicts keep claims apart: they are two versions, not one fact).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from claimgraph.align.groups import UnionFind
from claimgraph.align.independence import independent, source_key
from claimgraph.model import Claim, DocumentAnalysis, Mention, QuantityMention, Relation, TimeMention

_JOINING = {"agree"}


def _value(claim: Claim, mentions: dict[str, Mention], kind: type[Mention]) -> str | None:
    """What the claim says about the amount (or the date), as written."""
    return next(
        (mentions[i].text for i in claim.mentions if isinstance(mentions.get(i), kind)),
        None,
    )


def _value_kind(claims: list[Claim], mentions: dict[str, Mention]) -> type[Mention]:
    """A fact drifts in its amount when its claims give one, else in its date."""
    has_amount = any(isinstance(mentions.get(i), QuantityMention) for c in claims for i in c.mentions)
    return QuantityMention if has_amount else TimeMention


def story_facts(
    analyses: list[DocumentAnalysis], relations: list[Relation], copies: dict[str, str]
) -> list[dict[str, Any]]:
    """The facts stated by claims of more than one document, earliest first.

    Args:
        analyses: the story's documents.
        relations: the relations among their claims.
        copies: copy document id -> original id.
    """
    claims = {c.id: c for a in analyses for c in a.claims}
    published = {a.document.id: a.document.published for a in analyses}
    mentions = {m.id: m for a in analyses for m in a.mentions}
    groups = UnionFind()
    for relation in relations:
        if relation.kind in _JOINING and all(c in claims for c in relation.claims):
            groups.union(*relation.claims)

    def when(claim_id: str) -> tuple[dt.date, str, int]:
        claim = claims[claim_id]
        return (published.get(claim.doc) or dt.date.max, claim.doc, claim.start)

    facts = []
    for members in groups.groups():
        ordered = sorted(members, key=when)
        if len({claims[c].doc for c in ordered}) < 2:
            continue
        first = claims[ordered[0]]
        drift, last = [], None
        kind = _value_kind([claims[c] for c in ordered], mentions)
        for claim_id in ordered:
            value = _value(claims[claim_id], mentions, kind)
            if value is not None and value != last:
                day = published.get(claims[claim_id].doc)
                drift.append(
                    {"claim": claim_id, "published": day.isoformat() if day else None, "value": value}
                )
                last = value
        facts.append(
            {
                "claims": ordered,
                "origins": _origins([claims[c] for c in ordered], copies),
                "first": {
                    "claim": first.id,
                    "doc": first.doc,
                    "published": published[first.doc].isoformat() if published.get(first.doc) else None,
                },
                "drift": drift if len(drift) > 1 else [],
            }
        )
    return sorted(facts, key=lambda f: when(f["claims"][0]))


def _origins(claims: list[Claim], copies: dict[str, str]) -> int:
    """How many independent origins stand behind these claims (``independence.independent``,
    compared once per distinct source chain, so large facts stay cheap)."""
    chains: dict[tuple, Claim] = {}
    for claim in claims:
        key = tuple(source_key(s) for s in claim.sources) or ("doc", copies.get(claim.doc, claim.doc))
        chains.setdefault(key, claim)
    representatives = list(chains.values())
    groups = UnionFind()
    for i, a in enumerate(representatives):
        groups.find(a.id)
        for b in representatives[i + 1 :]:
            if not independent(a, b, copies):
                groups.union(a.id, b.id)
    return len(groups.groups())
