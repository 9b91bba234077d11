"""Stage 5, align: stories, claim relations across outlets, and source independence."""

from __future__ import annotations

from claimgraph.align.stories import build_stories
from claimgraph.model import DocumentAnalysis, Relation, Story


def align(analyses: list[DocumentAnalysis]) -> tuple[list[Story], list[Relation]]:
    """Stories over the documents, and the relations between their claims."""
    return build_stories(analyses), []


__all__ = ["align"]
