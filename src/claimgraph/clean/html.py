"""Main text and metadata of an HTML page, with trafilatura."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import trafilatura

from claimgraph.errors import InputError


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None


def extract_html(html: str, *, url: str | None = None) -> ExtractedPage:
    """Raises InputError when the page has no extractable article text."""
    try:
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            favor_precision=True, max_tree_size=500_000,
        )
    except (ValueError, TypeError, RecursionError) as exc:
        raise InputError(f"HTML could not be parsed: {exc}") from exc
    if result is None or not (result.text or "").strip():
        raise InputError("no article text found in the HTML page")
    published = None
    if result.date:
        try:
            published = dt.date.fromisoformat(result.date[:10])
        except ValueError:
            published = None
    return ExtractedPage(
        text=result.text,
        title=result.title or None,
        outlet=result.sitename or None,
        url=result.url or url,
        published=published,
    )
