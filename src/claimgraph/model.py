"""The one data model every stage shares.

Each extracted item carries the id of its document and character offsets (end-exclusive) into
that document's *cleaned* text. Stages exchange only these objects; ``to_dict`` gives the
shape that ``../shared/contract.md`` fixes for ``claimgraph analyze --format json``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar, Literal

PublishedFrom = Literal["metadata", "dateline", "option", "inferred"]
Certainty = Literal["asserted", "reported", "expected", "possible", "rumored", "denied", "predicted"]
RelationKind = Literal["agree", "conflict", "elaborates", "compatible"]
Slot = Literal["time", "quantity", "place", "actor", "polarity"]


def content_id(text: str) -> str:
    """Stable document id: the first 16 hex digits of the SHA-256 of the cleaned text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def mention_id(doc_id: str, kind: str, start: int, end: int) -> str:
    """Mention ids are derived, so re-analysis of the same text gives the same ids."""
    return f"{doc_id}:{kind[0]}{start}-{end}"


@dataclass(slots=True)
class RawInput:
    """One article as read from its source, before cleaning."""

    source: str
    content: str
    media_type: Literal["text", "html"]
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    given_id: str | None = None


@dataclass(slots=True)
class Skipped:
    """An input that could not be analysed, and why (one line, for stderr and the JSON)."""

    source: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reason": self.reason}


@dataclass(slots=True)
class Removed:
    """A span of boilerplate taken out of the body; offsets are into the pre-cleaning text."""

    text: str
    reason: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Document:
    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str = "en"
    published: dt.date | None = None
    published_from: PublishedFrom | None = None
    removed: list[Removed] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "language": self.language,
            "published": self.published.isoformat() if self.published else None,
            "published_from": self.published_from,
            "text": self.text,
            "removed": [r.to_dict() for r in self.removed],
        }


@dataclass(kw_only=True, slots=True)
class Mention:
    """A span of a document that an annotator recognised; subclasses add the normalised value."""

    kind: ClassVar[str] = "mention"
    doc: str
    text: str
    start: int
    end: int
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = mention_id(self.doc, self.kind, self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind
        return data


@dataclass(kw_only=True, slots=True)
class TimeMention(Mention):
    kind: ClassVar[str] = "time"
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    value: str | None = None
    mod: str | None = None
    alternatives: list[str] = field(default_factory=list)
    anchor: str | None = None  # id of the time mention a relative expression was resolved against


@dataclass(kw_only=True, slots=True)
class QuantityMention(Mention):
    kind: ClassVar[str] = "quantity"
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    unit: str | None = None  # the standard unit low/high are expressed in ("km" for "59 miles")
    counted: str | None = None
    # The bounds and unit as written, before conversion ("59", "mi").
    original_low: float | None = None
    original_high: float | None = None
    original_unit: str | None = None


@dataclass(kw_only=True, slots=True)
class EntityMention(Mention):
    kind: ClassVar[str] = "entity"
    label: str = ""
    canonical: str = ""


@dataclass(kw_only=True, slots=True)
class PlaceMention(Mention):
    kind: ClassVar[str] = "place"
    name: str = ""
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    level: str | None = None
    country_code: str | None = None
    unresolved_reason: str | None = None


MENTION_KINDS: dict[str, type[Mention]] = {
    cls.kind: cls for cls in (TimeMention, QuantityMention, EntityMention, PlaceMention)
}


@dataclass(slots=True)
class SourceRef:
    """One link of an attribution chain: who is cited, where the text names them."""

    name: str
    start: int
    end: int
    type: str | None = None  # government, intelligence, military, expert, media, official, anonymous
    canonical: str | None = None


@dataclass(slots=True)
class Attribution:
    """A reported statement: its content span, cue and source chain (outermost first)."""

    doc: str
    start: int
    end: int
    cue: str
    cue_start: int
    cue_end: int
    sources: list[SourceRef] = field(default_factory=list)


@dataclass(slots=True)
class Hedge:
    """A certainty cue and the span (clause) it governs."""

    doc: str
    cue: str
    start: int
    end: int
    scope_start: int
    scope_end: int
    certainty: Certainty


@dataclass(slots=True)
class Claim:
    id: str
    doc: str
    text: str
    start: int
    end: int
    sources: list[SourceRef] = field(default_factory=list)
    certainty: Certainty = "asserted"
    mentions: list[str] = field(default_factory=list)
    evidence: str = ""  # the exact span text; ``text`` may be decontextualised
    predicate: str | None = None  # lemma of the main event verb or noun
    negated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc": self.doc,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "evidence": self.evidence,
            "sources": [s.canonical or s.name for s in self.sources],
            "source_spans": [[s.start, s.end] for s in self.sources],
            "source_types": [s.type for s in self.sources],
            "certainty": self.certainty,
            "mentions": list(self.mentions),
            "predicate": self.predicate,
            "negated": self.negated,
        }


@dataclass(slots=True)
class Relation:
    kind: RelationKind
    claims: tuple[str, str]
    slot: Slot | None = None
    independent: bool = True
    explanation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "claims": list(self.claims),
            "slot": self.slot,
            "independent": self.independent,
            "explanation": self.explanation,
        }


@dataclass(slots=True)
class Story:
    id: str
    title: str
    documents: list[str] = field(default_factory=list)
    copies: dict[str, str] = field(default_factory=dict)  # copy doc id -> original doc id
    # One entry per fact several claims state (JSON-ready, so stores round-trip it): "claims" (ids,
    # first appearance first), "origins" (independent origins behind it), "first" {claim, doc,
    # published}, "drift" [{claim, published, value}] each time the stated value changed.
    facts: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "documents": list(self.documents),
            "copies": dict(self.copies),
            "facts": list(self.facts),
        }


@dataclass(slots=True)
class DocumentAnalysis:
    """Everything the per-document stages produce for one document."""

    document: Document
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    hedges: list[Hedge] = field(default_factory=list)


@dataclass(slots=True)
class Analysis:
    """The result of ``claimgraph analyze``: the contract's top-level object."""

    documents: list[DocumentAnalysis] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": [d.document.to_dict() for d in self.documents],
            "mentions": [m.to_dict() for d in self.documents for m in d.mentions],
            "claims": [c.to_dict() for d in self.documents for c in d.claims],
            "relations": [r.to_dict() for r in self.relations],
            "stories": [s.to_dict() for s in self.stories],
            "skipped": [s.to_dict() for s in self.skipped],
        }
