"""Main text and metadata of an HTML page, with trafilatura (dates through htmldate)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from copy import deepcopy
from dataclasses import dataclass

import trafilatura
from lxml.etree import LxmlError
from trafilatura.settings import DEFAULT_CONFIG, Extractor, set_date_params

from claimgraph.errors import InputError

# A page whose main text alone has more elements than this is not a news article (a data dump,
# a comment thread); trafilatura discards it rather than spending minutes on it.
MAX_TREE_SIZE = 100_000
# Extraction time grows faster than linearly with page size (minutes at 12 MB), so pages larger
# than this once scripts and styles are gone are refused: no news article needs that much markup.
MAX_MARKUP_CHARS = 5_000_000
# Scripts, styles and inline graphics carry no article text; JSON-LD is kept for the metadata.
_NOT_CONTENT = re.compile(
    r"<(script|style|noscript|svg)\b(?![^>]*application/ld\+json)[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    text: str
    title: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None


@functools.cache
def _config(max_bytes: int):  # -> configparser.ConfigParser
    config = deepcopy(DEFAULT_CONFIG)
    config["DEFAULT"]["MAX_FILE_SIZE"] = str(max_bytes)
    config["DEFAULT"]["MAX_TREE_SIZE"] = str(MAX_TREE_SIZE)
    return config


def _extractor(url: str | None, max_bytes: int) -> Extractor:
    # Precision over recall: a teaser or a caption in the text costs more than a lost paragraph.
    # No extensive date search: "metadata" must mean the page's own markup (meta tags, <time>,
    # structured data, the URL), not a date guessed from the body text.
    return Extractor(
        config=_config(max_bytes),
        output_format="python",
        precision=True,
        comments=False,
        tables=False,
        with_metadata=True,
        url=url,
        date_params=set_date_params(extensive=False),
    )


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_html(html: str, *, url: str | None = None, max_bytes: int = 20_000_000) -> ExtractedPage:
    """The article of an HTML page: main text, title, site name, canonical URL, publication date.

    Raises:
        InputError: the page cannot be parsed or holds no article text.
    """
    html = _NOT_CONTENT.sub("", html)
    if len(html) > MAX_MARKUP_CHARS:
        raise InputError(
            f"HTML page too large to extract an article from ({len(html) / 1e6:.1f} M characters of markup "
            f"> {MAX_MARKUP_CHARS / 1e6:.0f} M)"
        )
    try:
        result = trafilatura.bare_extraction(html, options=_extractor(url, max_bytes))
    # trafilatura and lxml fail on hostile markup in many ways; each is a reason, not a crash
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, RecursionError, LxmlError) as exc:
        raise InputError(f"HTML could not be parsed: {exc.__class__.__name__}") from exc
    if result is None or not (result.text or "").strip():
        raise InputError("no article text found in the HTML page")
    return ExtractedPage(
        text=result.text,
        title=result.title or None,
        outlet=result.sitename or None,
        url=result.url or url,
        published=_iso_date(result.date),
    )
