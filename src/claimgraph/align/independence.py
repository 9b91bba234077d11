"""Source independence: does an agreement rest on two origins or on one?

A claim's origin is the chain of sources it is attributed to (innermost last), or, for a claim
the outlet makes itself, the document, with copies resolved to their original. Two claims are
independent when their chains share no source and their documents are not copies of one
another: two outlets relaying the same CNN report of one intelligence assessment are one origin.
"""

from __future__ import annotations

import functools
import re

from claimgraph import data
from claimgraph.model import Claim, SourceRef

_TOKEN = re.compile(r"[\w'-]+")


@functools.cache
def _generic() -> frozenset[str]:
    return frozenset(w.lower() for w in data.load("align")["source_generic_words"])


def source_key(source: SourceRef) -> frozenset[str]:
    """The distinctive words of a source's name ("Ukrainian intelligence authorities" ->
    {ukrainian, intelligence})."""
    name = (source.canonical or source.name).lower()
    tokens = {t.removesuffix("'s") for t in _TOKEN.findall(name)}
    return frozenset(t for t in tokens if t not in _generic())


def same_source(a: SourceRef, b: SourceRef) -> bool:
    """One name's distinctive words contained in the other's."""
    ka, kb = source_key(a), source_key(b)
    return bool(ka) and bool(kb) and (ka <= kb or kb <= ka)


def origin(claim: Claim, copies: dict[str, str]) -> str:
    """A readable origin: the innermost source, else the (original) document."""
    if claim.sources:
        innermost = claim.sources[-1]
        return innermost.canonical or innermost.name
    return f"document {copies.get(claim.doc, claim.doc)}"


def independent(a: Claim, b: Claim, copies: dict[str, str]) -> bool:
    """False when both claims go back to one origin.

    Args:
        a: one claim.
        b: the other claim.
        copies: copy document id -> original document id.
    """
    if copies.get(a.doc, a.doc) == copies.get(b.doc, b.doc) and not (a.sources or b.sources):
        return False  # the same outlet's own words (or a copy of them)
    return not any(same_source(sa, sb) for sa in a.sources for sb in b.sources)
