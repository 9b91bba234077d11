"""What an analyst sees of a story, as plain data: the one view model behind the HTML report,
its JSON and Markdown forms, and the web app.

Everything here degrades to empty lists when a stage has not produced its part yet (no
relations, one document per story, places without coordinates).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from claimgraph.align.groups import UnionFind
from claimgraph.model import Analysis, Claim, DocumentAnalysis, Mention, Relation, Story

# Which kind of mention carries the value a relation's slot is about.
SLOT_KINDS = {"time": "time", "quantity": "quantity", "place": "place", "actor": "entity"}
AGREEING = ("agree", "compatible")
LABEL_LIMIT = 40
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # month 13, 14 = next year
MOD_THIRDS = {"START": 0, "EARLY": 0, "MID": 1, "END": 2, "LATE": 2}
TIMEX_DATE = re.compile(r"^(\d{4})(?:-(\d{2}|SP|SU|FA|WI|Q[1-4]|H[12]|W\d{2}))?(?:-(\d{2}))?$")


def anchor(prefix: str, doc: str, start: int, end: int) -> str:
    """Stable HTML id of a span: kind prefix, document id, offsets."""
    return f"{prefix}-{doc}-{start}-{end}"


def _month_end(year: int, month: int) -> dt.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def timex_interval(value: str | None, mod: str | None = None) -> tuple[dt.date, dt.date] | None:
    """The calendar interval a TIMEX3 date value covers (``2024-FA`` → Sep 1 … Nov 30).

    ``mod`` START/MID/END narrows it to the first, middle or last third. Values with unknown
    parts (``XXXX-05``), durations and references have no interval.
    """
    match = TIMEX_DATE.match(value or "")
    if not match:
        return None
    year, part, day = int(match[1]), match[2], match[3]
    try:
        if part is None:
            low, high = dt.date(year, 1, 1), dt.date(year, 12, 31)
        elif part.isdigit() and day:
            low = high = dt.date(year, int(part), int(day))
        elif part.isdigit():
            if not 1 <= int(part) <= 12:
                return None
            low, high = _month_start(year, int(part)), _month_end(year, int(part))
        elif part in SEASONS:
            first, last = SEASONS[part]
            low, high = _month_start(year, first), _month_end(year, last)
        elif part[0] == "Q":
            quarter = int(part[1])
            low, high = _month_start(year, 3 * quarter - 2), _month_end(year, 3 * quarter)
        elif part[0] == "H":
            half = int(part[1])
            low, high = _month_start(year, 6 * half - 5), _month_end(year, 6 * half)
        else:  # ISO week
            low = dt.date.fromisocalendar(year, int(part[1:]), 1)
            high = low + dt.timedelta(days=6)
    except ValueError:
        return None
    third = MOD_THIRDS.get((mod or "").upper())
    if third is not None and high > low:
        span = (high - low).days + 1
        low, high = (
            low + dt.timedelta(days=span * third // 3),
            low + dt.timedelta(days=span * (third + 1) // 3 - 1),
        )
    return low, high


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}" if value == int(value) else f"{value:,g}"


def mention_value(m: Mention) -> str:
    """A short human reading of a mention's normalised value."""
    if m.kind == "time":
        alternatives = getattr(m, "alternatives", None) or []
        value = " or ".join(alternatives) if alternatives else getattr(m, "value", None) or "?"
        mod = getattr(m, "mod", None)
        return f"{value} ({mod.lower()})" if mod else value
    if m.kind == "quantity":
        low, high = getattr(m, "low", None), getattr(m, "high", None)
        if low is not None and low == high:
            span = _number(low)
        elif low is None and high is None:
            span = "?"
        else:
            span = f"{_number(low) or '…'}–{_number(high) or '…'}"
        prefix = "≈" if getattr(m, "approximate", False) else ""
        unit = getattr(m, "unit", None) or getattr(m, "counted", None) or ""
        return f"{prefix}{span} {unit}".strip()
    if m.kind == "place":
        lat, lon = getattr(m, "lat", None), getattr(m, "lon", None)
        if lat is None or lon is None:
            return f"unresolved ({getattr(m, 'unresolved_reason', None) or 'no coordinates'})"
        return f"{lat:.2f}, {lon:.2f} ({getattr(m, 'level', None) or 'precision unknown'})"
    return getattr(m, "canonical", "") or m.text


@dataclass(slots=True)
class Fact:
    """One claim as shown: where it is, who says it, how sure, and its values by kind."""

    id: str
    doc: str
    anchor: str
    outlet: str
    chain: list[str]
    certainty: str
    quote: str
    values: dict[str, list[str]]
    mentions: dict[str, list[Mention]] = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc": self.doc,
            "anchor": self.anchor,
            "outlet": self.outlet,
            "chain": self.chain,
            "certainty": self.certainty,
            "quote": self.quote,
            "values": self.values,
        }

    def slot_value(self, slot: str | None) -> str:
        kind = SLOT_KINDS.get(slot or "")
        if slot == "polarity":
            return "denied" if self.certainty == "denied" else "affirmed"
        values = self.values.get(kind, []) if kind else []
        return "; ".join(values) if values else "—"


def _doc_label(doc: DocumentAnalysis) -> str:
    """Who published it: the outlet, else a short form of the title or source."""
    d = doc.document
    label = d.outlet or d.title or d.source.rsplit("/", 1)[-1]
    return label if len(label) <= LABEL_LIMIT else label[: LABEL_LIMIT - 1] + "…"


class StoryView:
    """The view model of one story (or of all documents together)."""

    def __init__(self, analysis: Analysis, story: Story, *, verdicts: dict[str, str] | None = None) -> None:
        from claimgraph.store.review import relation_key, verdict_of  # store imports nothing from report

        self.story = story
        self.verdicts = verdicts or {}
        wanted = set(story.documents)
        self.docs = [d for d in analysis.documents if d.document.id in wanted]
        self.doc_by_id = {d.document.id: d for d in self.docs}
        mentions = {m.id: m for d in self.docs for m in d.mentions}
        values = {mid: mention_value(m) for mid, m in mentions.items()}
        self.facts: dict[str, Fact] = {}
        # per document, the claims' (start, end) sorted by start: mentions find their sentence by bisection
        self._claim_spans: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}
        for d in self.docs:
            outlet = _doc_label(d)
            for c in d.claims:
                self.facts[c.id] = self._fact(c, outlet, mentions, values)
            spans = sorted((c.start, c.end) for c in d.claims)
            self._claim_spans[d.document.id] = ([s for s, _ in spans], spans)
        related = [r for r in analysis.relations if r.claims[0] in self.facts and r.claims[1] in self.facts]
        self.rejected = [r for r in related if verdict_of(r, self.verdicts) == "rejected"]
        self.relations = [r for r in related if verdict_of(r, self.verdicts) != "rejected"]
        self.key, self.verdict_of = relation_key, verdict_of

    @staticmethod
    def _fact(c: Claim, outlet: str, mentions: dict[str, Mention], values: dict[str, str]) -> Fact:
        by_kind: dict[str, list[Mention]] = defaultdict(list)
        by_kind_values: dict[str, list[str]] = defaultdict(list)
        for mid in c.mentions:
            if mid in mentions:
                by_kind[mentions[mid].kind].append(mentions[mid])
                by_kind_values[mentions[mid].kind].append(values[mid])
        return Fact(
            id=c.id,
            doc=c.doc,
            anchor=anchor("c", c.doc, c.start, c.end),
            outlet=outlet,
            chain=[s.canonical or s.name for s in c.sources],
            certainty=c.certainty,
            quote=c.evidence or c.text,
            values=dict(by_kind_values),
            mentions=dict(by_kind),
        )

    # -- the documents -----------------------------------------------------------------------

    def documents(self) -> list[dict[str, Any]]:
        copies = self.story.copies
        return [
            {
                "id": d.document.id,
                "title": d.document.title or d.document.source,
                "outlet": d.document.outlet,
                "source": d.document.source,
                "url": d.document.url,
                "published": d.document.published.isoformat() if d.document.published else None,
                "published_from": d.document.published_from,
                "claims": len(d.claims),
                "mentions": len(d.mentions),
                "copy_of": copies.get(d.document.id),
            }
            for d in self.docs
        ]

    # -- relations ---------------------------------------------------------------------------

    def _relation_row(self, r: Relation) -> dict[str, Any]:
        a, b = (self.facts[cid] for cid in r.claims)
        return {
            "kind": r.kind,
            "slot": r.slot,
            "independent": r.independent,
            "explanation": r.explanation,
            "key": self.key(r.claims, r.kind, r.slot),
            "verdict": self.verdict_of(r, self.verdicts),
            "sides": [{**f.to_dict(), "value": f.slot_value(r.slot)} for f in (a, b)],
        }

    def disputed(self) -> list[dict[str, Any]]:
        rows = [self._relation_row(r) for r in self.relations if r.kind == "conflict"]
        return sorted(rows, key=lambda row: (row["slot"] or "~", row["sides"][0]["anchor"]))

    def elaborations(self) -> list[dict[str, Any]]:
        return [self._relation_row(r) for r in self.relations if r.kind == "elaborates"]

    def rejected_relations(self) -> list[dict[str, Any]]:
        return [self._relation_row(r) for r in self.rejected]

    def _origin_of(self, fact: Fact) -> str:
        """Innermost cited source if any, else the (original of a copied) document."""
        if fact.chain:
            return "src:" + fact.chain[-1].casefold()
        return "doc:" + self.story.copies.get(fact.doc, fact.doc)

    def agreed(self) -> list[dict[str, Any]]:
        """Groups of claims that agree, each with the number of independent origins behind it."""
        groups, origins = UnionFind(), UnionFind()
        for r in self.relations:
            if r.kind in AGREEING:
                groups.union(*r.claims)
            if not r.independent:
                origins.union(*r.claims)
        members: dict[str, list[str]] = defaultdict(list)
        for cid in list(groups.parent):
            members[groups.find(cid)].append(cid)
        group_relations: dict[str, list[Relation]] = defaultdict(list)
        for r in self.relations:
            if r.kind in AGREEING:
                group_relations[groups.find(r.claims[0])].append(r)
        for cids in members.values():
            for cid in cids:
                origins.union(cid, self._origin_of(self.facts[cid]))
        rows = []
        for root, cids in members.items():
            facts = sorted((self.facts[c] for c in cids), key=lambda f: f.anchor)
            slots = {r.slot for r in group_relations[root]} - {None}
            rows.append(
                {
                    "facts": [f.to_dict() for f in facts],
                    "slot": ", ".join(sorted(slots)) or None,
                    "outlets": sorted({f.outlet for f in facts}),
                    "independent_origins": len({origins.find(c) for c in cids}),
                    "relations": [self._relation_row(r) for r in group_relations[root]],
                }
            )
        return sorted(rows, key=lambda row: (-row["independent_origins"], -len(row["facts"])))

    def single_source(self) -> dict[str, list[dict[str, Any]]]:
        """Per document, the claims no claim of another document relates to."""
        linked = {
            cid
            for r in self.relations
            for cid in r.claims
            if self.facts[r.claims[0]].doc != self.facts[r.claims[1]].doc
        }
        by_doc: dict[str, list[dict[str, Any]]] = {}
        for d in self.docs:
            by_doc[d.document.id] = [self.facts[c.id].to_dict() for c in d.claims if c.id not in linked]
        return by_doc

    # -- when, where, who ----------------------------------------------------------------------

    def _enclosing_anchor(self, m: Mention) -> str:
        """The claim sentence around a mention (where a click should land), else the mention."""
        starts, spans = self._claim_spans[m.doc]
        i = bisect.bisect_right(starts, m.start) - 1
        for start, end in reversed(spans[max(0, i - 2) : i + 1]):  # claims rarely overlap; look back a little
            if start <= m.start and m.end <= end:
                return anchor("c", m.doc, start, end)
        return anchor("m", m.doc, m.start, m.end)

    def timeline(self) -> list[dict[str, Any]]:
        """Dated mentions with the interval(s) each covers, earliest first."""
        rows = []
        for d in self.docs:
            for m in d.mentions:
                if m.kind != "time" or getattr(m, "type", "DATE") not in ("DATE", "TIME"):
                    continue
                values = getattr(m, "alternatives", None) or [getattr(m, "value", None)]
                intervals = [iv for v in values if (iv := timex_interval(v, getattr(m, "mod", None)))]
                if not intervals:
                    continue
                rows.append(
                    {
                        "text": m.text,
                        "value": mention_value(m),
                        "doc": m.doc,
                        "outlet": _doc_label(d),
                        "anchor": self._enclosing_anchor(m),
                        "alternatives": len(intervals) > 1,
                        "intervals": [[lo.isoformat(), hi.isoformat()] for lo, hi in intervals],
                        "uncertain": any(lo != hi for lo, hi in intervals) or len(intervals) > 1,
                    }
                )
        return sorted(rows, key=lambda row: (row["intervals"][0][0], row["doc"]))

    def places(self) -> dict[str, list[dict[str, Any]]]:
        """Places grouped by name and coordinates; those without coordinates apart."""
        located: dict[tuple, dict[str, Any]] = {}
        unresolved: dict[str, dict[str, Any]] = {}
        for d in self.docs:
            for m in d.mentions:
                if m.kind != "place":
                    continue
                lat, lon = getattr(m, "lat", None), getattr(m, "lon", None)
                name = getattr(m, "name", "") or m.text
                if lat is None or lon is None:
                    row = unresolved.setdefault(
                        name,
                        {
                            "name": name,
                            "count": 0,
                            "anchors": [],
                            "mentions": [],
                            "reason": getattr(m, "unresolved_reason", None),
                        },
                    )
                else:
                    key = (name, round(lat, 2), round(lon, 2))
                    row = located.setdefault(
                        key,
                        {
                            "name": name,
                            "lat": lat,
                            "lon": lon,
                            "count": 0,
                            "level": getattr(m, "level", None),
                            "anchors": [],
                            "mentions": [],
                            "outlets": set(),
                        },
                    )
                    row["outlets"].add(_doc_label(d))
                row["count"] += 1
                row["anchors"].append(self._enclosing_anchor(m))
                row["mentions"].append(m.id)
        rows = sorted(located.values(), key=lambda r: (-r["count"], r["name"]))
        for row in rows:
            row["outlets"] = sorted(row["outlets"])
        return {"located": rows, "unresolved": sorted(unresolved.values(), key=lambda r: -r["count"])}

    def entities(self) -> list[dict[str, Any]]:
        groups: dict[tuple[str, str], dict[str, Any]] = {}
        for d in self.docs:
            for m in d.mentions:
                if m.kind != "entity":
                    continue
                name = getattr(m, "canonical", "") or m.text
                row = groups.setdefault(
                    (name, getattr(m, "label", "")),
                    {
                        "name": name,
                        "label": getattr(m, "label", ""),
                        "count": 0,
                        "docs": set(),
                        "anchor": self._enclosing_anchor(m),
                    },
                )
                row["count"] += 1
                row["docs"].add(m.doc)
        rows = sorted(groups.values(), key=lambda r: (-len(r["docs"]), -r["count"], r["name"]))
        for row in rows:
            row["docs"] = len(row["docs"])
        return rows

    # -- counts for the plots ----------------------------------------------------------------

    def certainty_counts(self) -> dict[str, Counter]:
        counts: dict[str, Counter] = defaultdict(Counter)
        for fact in self.facts.values():
            counts[fact.outlet][fact.certainty] += 1
        return dict(counts)

    def estimates(self) -> list[dict[str, Any]]:
        """For each disputed quantity: every estimate of it, by who gives it."""
        neighbours: dict[str, set[str]] = defaultdict(set)
        for r in self.relations:
            if r.slot == "quantity":
                neighbours[r.claims[0]].add(r.claims[1])
                neighbours[r.claims[1]].add(r.claims[0])
        seen: set[frozenset] = set()
        plots = []
        for r in self.relations:
            if r.kind != "conflict" or r.slot != "quantity":
                continue
            component, todo = set(), list(r.claims)
            while todo:
                cid = todo.pop()
                if cid not in component:
                    component.add(cid)
                    todo.extend(neighbours[cid])
            if frozenset(component) in seen:
                continue
            seen.add(frozenset(component))
            bars = []
            for cid in sorted(component):
                fact = self.facts[cid]
                for m in fact.mentions.get("quantity", []):
                    low, high = getattr(m, "low", None), getattr(m, "high", None)
                    if low is None and high is None:
                        continue
                    who = " ← ".join(fact.chain) if fact.chain else fact.outlet
                    bars.append(
                        {
                            "label": f"{who} ({fact.outlet})" if fact.chain else who,
                            "low": low,
                            "high": high,
                            "text": m.text,
                            "anchor": fact.anchor,
                        }
                    )
            if bars:
                plots.append({"about": r.explanation or "estimates", "bars": bars})
        return plots

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the report."""
        places = self.places()
        return {
            "story": {"id": self.story.id, "title": self.story.title},
            "documents": self.documents(),
            "disputed": self.disputed(),
            "agreed": self.agreed(),
            "elaborations": self.elaborations(),
            "rejected": self.rejected_relations(),
            "single_source": self.single_source(),
            "timeline": self.timeline(),
            "places": {
                "located": [{k: v for k, v in p.items() if k != "mentions"} for p in places["located"]],
                "unresolved": [{k: v for k, v in p.items() if k != "mentions"} for p in places["unresolved"]],
            },
            "entities": self.entities(),
            "relations_computed": bool(self.relations or self.rejected),
        }


def select_story(analysis: Analysis, story_id: str | None) -> Story:
    """The named story, or (``None``) one pseudo-story over every document.

    Raises:
        KeyError: no story with that id.
    """
    if story_id is None:
        return Story(
            id="all",
            title=f"All {len(analysis.documents)} documents",
            documents=[d.document.id for d in analysis.documents],
            copies={k: v for s in analysis.stories for k, v in s.copies.items()},
        )
    for story in analysis.stories:
        if story.id == story_id:
            return story
    raise KeyError(story_id)
