"""Custom attributes that claimgraph's components read and write on a spaCy ``Doc``.

``doc._.doc_id`` and ``doc._.dct`` (the document creation time) are set before the pipeline runs;
components append typed mentions to ``doc._.mentions`` and statements to ``doc._.attributions`` /
``doc._.hedges``. Mentions are replaced per kind, so running a component twice is harmless.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from claimgraph.model import Attribution, Hedge, Mention

_ATTRS = ("doc_id", "dct", "mentions", "attributions", "hedges")


def register_extensions() -> None:
    """Declare the ``Doc`` extensions once per process (idempotent)."""
    for name in _ATTRS:
        if not Doc.has_extension(name):
            # default=None, not []: a mutable default would be shared by every Doc.
            Doc.set_extension(name, default=None)


def mentions_of(doc: Doc, kind: str) -> list[Mention]:
    """The mentions of one kind already on ``doc`` (``[]`` when none)."""
    return [m for m in (doc._.mentions or []) if m.kind == kind]


def set_mentions(doc: Doc, kind: str, mentions: Iterable[Mention]) -> None:
    """Replace the mentions of ``kind`` on ``doc``, keeping the others, sorted by offset."""
    kept = [m for m in (doc._.mentions or []) if m.kind != kind]
    doc._.mentions = sorted([*kept, *mentions], key=lambda m: (m.start, m.end, m.kind))


def add_attributions(doc: Doc, items: Iterable[Attribution]) -> None:
    doc._.attributions = [*(doc._.attributions or []), *items]


def add_hedges(doc: Doc, items: Iterable[Hedge]) -> None:
    doc._.hedges = [*(doc._.hedges or []), *items]


def doc_id(doc: Doc) -> str:
    """The document id set by the pipeline, or a placeholder for a bare ``nlp(text)`` call."""
    return doc._.doc_id or "doc"


register_extensions()
