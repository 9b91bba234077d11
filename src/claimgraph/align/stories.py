"""Group documents into stories."""

from __future__ import annotations

from claimgraph.model import DocumentAnalysis, Story


def build_stories(analyses: list[DocumentAnalysis]) -> list[Story]:
    """One story per document until story clustering lands (issue: across outlets)."""
    return [
        Story(id=f"s-{a.document.id}", title=a.document.title or a.document.text[:80], documents=[a.document.id])
        for a in analyses
    ]
