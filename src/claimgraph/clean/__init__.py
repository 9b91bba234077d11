"""Stage 2, clean: HTML to text, boilerplate out, title and publication date in."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from claimgraph.clean.boilerplate import remove_boilerplate
from claimgraph.clean.html import extract_html
from claimgraph.clean.markdown import is_markdown_source, markdown_to_text
from claimgraph.clean.normalize import normalize_text
from claimgraph.clean.published import date_from_dateline, parse_dateline
from claimgraph.errors import InputError
from claimgraph.model import Document, RawInput, content_id

_HEADLINE_END = re.compile(r"[.!?:;,\"”]$")


@dataclass(frozen=True, slots=True)
class CleanOptions:
    published: dt.date | None = None  # --published: overrides what the text says
    outlet: str | None = None
    lang: str = "en"
    min_chars: int = 40
    # spaCy's own limit (nlp.max_length): longer texts make the parser fail; no article is that long
    max_chars: int = 1_000_000


def headline_of(text: str) -> str | None:
    """The first line when it reads as a headline: short, capitalised, not a sentence."""
    first, _, rest = text.partition("\n")
    words = first.split()
    if not rest.strip() or not 3 <= len(words) <= 25 or _HEADLINE_END.search(first):
        return None
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return first if capitalised / len(words) >= 0.6 else None


def clean(raw: RawInput, options: CleanOptions | None = None) -> Document:
    """Turn one raw input into a Document with cleaned text.

    Raises:
        InputError: nothing of an article remains (empty page, only boilerplate, too short).
    """
    options = options or CleanOptions()
    title, outlet, url, published, published_from = raw.title, raw.outlet, raw.url, raw.published, None
    body = raw.content
    if published:
        published_from = "metadata"
    if raw.media_type == "html":
        page = extract_html(body, url=raw.url)
        body = page.text
        title, outlet, url = title or page.title, outlet or page.outlet, url or page.url
        if published is None and page.published:
            published, published_from = page.published, "metadata"
    elif is_markdown_source(raw.source):
        body = markdown_to_text(body)
    text, removed = remove_boilerplate(normalize_text(body), options.lang)
    text = normalize_text(text)
    if len(text) < options.min_chars:
        raise InputError(f"too little text to analyse ({len(text)} characters after cleaning)")
    if len(text) > options.max_chars:
        raise InputError(f"too much text for one article ({len(text):,} characters > {options.max_chars:,})")
    dateline = parse_dateline(text, options.lang)
    if dateline and published is None:
        published = date_from_dateline(dateline, text, options.lang)
        published_from = "dateline" if published else None
    if dateline and not outlet:
        outlet = dateline.agency
    if options.published:
        published, published_from = options.published, "option"
    return Document(
        id=raw.given_id or content_id(text),
        source=raw.source,
        text=text,
        title=title or headline_of(text),
        outlet=options.outlet or outlet,
        url=url,
        language=options.lang,
        published=published,
        published_from=published_from,
        removed=removed,
    )


__all__ = ["CleanOptions", "clean"]
