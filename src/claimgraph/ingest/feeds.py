"""RSS / Atom feeds and OPML feed lists, fetched politely.

Politeness: a conditional GET (``If-None-Match`` / ``If-Modified-Since``) so an unchanged feed
costs a 304, at most one request per ``per_host_delay`` seconds to any one host, and a server's
``Retry-After`` honoured. Safety: every body is capped at ``max_bytes`` while it streams in,
redirects are limited (a loop ends with a clear error), and what is not a feed (an HTML page
served as RSS, broken XML with no entries) is refused with the reason.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import httpx
import lxml.etree
import lxml.html

from claimgraph.errors import FetchError, InputError
from claimgraph.ingest.decode import read_capped
from claimgraph.model import RawInput, Skipped

FEED_SUFFIXES = (".rss", ".atom", ".opml")
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|blockquote|tr)\s*>|<br\s*/?>", re.IGNORECASE)
MAX_RETRY_AFTER = 3600.0  # a server asking for more than an hour is polled again next interval instead


@dataclass(frozen=True, slots=True)
class FeedOptions:
    max_bytes: int = 10_000_000
    timeout: float = 20.0
    max_redirects: int = 5
    per_host_delay: float = 1.0
    fetch_articles: bool = True  # follow each entry's link for the full text; else use the feed's text


@dataclass(slots=True)
class FeedEntry:
    url: str | None
    guid: str | None
    title: str | None
    published: dt.date | None
    html: str | None  # the entry's own content (or summary), HTML


@dataclass(slots=True)
class Feed:
    source: str
    title: str | None
    entries: list[FeedEntry] = field(default_factory=list)
    warning: str | None = None  # set when the XML was malformed but entries could still be read


@dataclass(slots=True)
class FetchResult:
    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None


class HostLimiter:
    """At most one request per ``delay`` seconds to each host, shared by all fetches of a run."""

    def __init__(
        self,
        delay: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.delay, self._clock, self._sleep = delay, clock, sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self.delay
        if start > now:
            self._sleep(start - now)

    def defer(self, url: str, seconds: float) -> None:
        """The host asked us to come back later (``Retry-After``)."""
        host = urlsplit(url).netloc.lower()
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), self._clock() + min(seconds, MAX_RETRY_AFTER))


class FeedClient:
    """HTTP for feeds and their articles, with the caps and limits above."""

    def __init__(
        self,
        options: FeedOptions | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        limiter: HostLimiter | None = None,
    ) -> None:
        self.options = options or FeedOptions()
        self.transport = transport
        self.limiter = limiter or HostLimiter(self.options.per_host_delay)
        from claimgraph.ingest.fetch import USER_AGENT  # deferred: fetch -> files -> corpora -> feeds

        self._client = httpx.Client(
            timeout=self.options.timeout,
            follow_redirects=True,
            max_redirects=self.options.max_redirects,
            transport=transport,
            headers={"User-Agent": USER_AGENT},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> FeedClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """A conditional GET of a feed; status 304 means unchanged since ``etag``/``last_modified``.

        Raises:
            FetchError: network error, timeout, redirect loop, error status or a body over the cap.
        """
        headers = {"Accept": FEED_ACCEPT}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self.limiter.wait(url)
        cap = self.options.max_bytes
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code in (429, 503):
                    self._defer(url, response.headers.get("retry-after"))
                if response.status_code == 304:
                    return FetchResult(
                        url=str(response.url), status=304, etag=etag, last_modified=last_modified
                    )
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > cap:
                    raise FetchError(
                        f"feed too large ({int(declared) / 1e6:.1f} MB > {cap / 1e6:.1f} MB limit)"
                    )
                chunks, total = [], 0
                for chunk in response.iter_bytes():
                    total += len(chunk)
                    if total > cap:
                        raise FetchError(f"feed larger than the {cap / 1e6:.1f} MB limit; stopped reading")
                    chunks.append(chunk)
                return FetchResult(
                    url=str(response.url),
                    status=response.status_code,
                    body=b"".join(chunks),
                    content_type=response.headers.get("content-type", ""),
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
        except httpx.TooManyRedirects as exc:
            raise FetchError(f"more than {self.options.max_redirects} redirects (a redirect loop?)") from exc
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out after {self.options.timeout:g} s") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"cannot fetch: {exc}") from exc

    def fetch_article(self, url: str) -> RawInput:
        """One article a feed links to, through the same per-host limit."""
        from claimgraph.ingest.fetch import fetch_url  # deferred: see __init__

        self.limiter.wait(url)
        return fetch_url(
            url, timeout=self.options.timeout, max_bytes=self.options.max_bytes, transport=self.transport
        )

    def _defer(self, url: str, retry_after: str | None) -> None:
        if not retry_after:
            return
        if retry_after.strip().isdigit():
            seconds = float(retry_after)
        else:
            try:
                seconds = (parsedate_to_datetime(retry_after) - dt.datetime.now(dt.UTC)).total_seconds()
            except (TypeError, ValueError):
                return
        self.limiter.defer(url, max(seconds, 0.0))


def parse_feed(data: bytes, *, source: str, content_type: str = "") -> Feed:
    """Entries of an RSS or Atom document.

    Raises:
        InputError: the bytes are an HTML page, or not a feed at all (the parser's reason given).
    """
    mime = content_type.split(";")[0].strip().lower()
    head = data[:4096].decode("utf-8", errors="replace").lstrip().lower()
    parsed = feedparser.parse(data, response_headers={"content-type": content_type} if content_type else None)
    if not parsed.entries:
        if mime in ("text/html", "application/xhtml+xml") or head.startswith(("<!doctype html", "<html")):
            raise InputError(
                f"not a feed: {source} is an HTML page" + (f" (served as {mime})" if mime else "")
            )
        if parsed.get("bozo"):
            raise InputError(f"not a feed: invalid XML ({_reason(parsed.get('bozo_exception'))})")
        if not parsed.get("version"):
            raise InputError("not a feed: no RSS or Atom root element")
    feed_info = parsed.get("feed", {})
    entries = [_entry(e, base=source) for e in parsed.entries]
    warning = None
    if parsed.get("bozo"):
        entries = [e for e in entries if e.url or e.html]  # fragments the lenient parser made of broken XML
        if not entries:
            raise InputError(f"not a feed: invalid XML ({_reason(parsed.get('bozo_exception'))})")
        warning = (
            f"malformed feed XML ({_reason(parsed.get('bozo_exception'))}); "
            f"read {len(entries)} entries with the lenient parser"
        )
    return Feed(source=source, title=feed_info.get("title") or None, warning=warning, entries=entries)


def _reason(exc: Any) -> str:
    return str(exc).splitlines()[0][:200] if exc else "unknown error"


def _entry(entry: Any, *, base: str) -> FeedEntry:
    link = entry.get("link")
    if link and base.startswith(("http://", "https://")):
        link = urljoin(base, link)
    if link and not link.startswith(("http://", "https://")):
        link = None  # an RSS guid taken for a permalink ("tag:…", "urn:…") is no page to fetch
    struct = entry.get("published_parsed") or entry.get("updated_parsed")
    published = None
    if struct:
        published = dt.datetime.fromtimestamp(calendar.timegm(struct), dt.UTC).date()
    html = None
    if entry.get("content"):
        html = max((c.get("value") or "" for c in entry["content"]), key=len) or None
    html = html or entry.get("summary") or None
    return FeedEntry(
        url=link or None,
        guid=entry.get("id") or None,
        title=entry.get("title") or None,
        published=published,
        html=html,
    )


def parse_opml(data: bytes, *, source: str) -> list[str]:
    """The feed URLs an OPML file lists (``xmlUrl`` of every outline, nested ones too), in order.

    Raises:
        InputError: the bytes are not OPML.
    """
    try:
        root = ET.fromstring(data)  # expat refuses external entities and caps entity expansion
    except ET.ParseError as exc:
        raise InputError(f"not an OPML feed list: invalid XML ({exc})") from exc
    if root.tag.lower() != "opml":
        raise InputError(f"not an OPML feed list: root element is <{root.tag}>")
    urls: list[str] = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if url and url not in urls:
            urls.append(urljoin(source, url) if source.startswith(("http://", "https://")) else url)
    return urls


def entry_inputs(
    feed: Feed, *, client: FeedClient | None, is_seen: Callable[[str], bool] = lambda _: False
) -> Iterator[RawInput | Skipped]:
    """Each entry of ``feed`` not yet seen, as a raw article.

    With a client (and ``fetch_articles``), an entry's link is fetched for the full text; when
    that fails, the feed's own text stands in if it has any. Seen links are not fetched again.
    """
    fetch = client is not None and client.options.fetch_articles
    for entry in feed.entries:
        key = entry.url or entry.guid
        if key and is_seen(key):
            continue
        meta = {"title": entry.title, "outlet": feed.title, "published": entry.published}
        if fetch and entry.url:
            try:
                raw = client.fetch_article(entry.url)
            except InputError as exc:
                if not entry.html:
                    yield Skipped(entry.url, str(exc))
                    continue
            else:
                yield RawInput(
                    source=entry.url,
                    content=raw.content,
                    media_type=raw.media_type,
                    url=raw.url,
                    **{k: getattr(raw, k) or v for k, v in meta.items()},
                )
                continue
        text = fragment_text(entry.html) if entry.html else ""
        if not text:
            yield Skipped(key or feed.source, "feed entry has no text and no link to fetch")
            continue
        yield RawInput(source=key or feed.source, content=text, media_type="text", url=entry.url, **meta)


def fragment_text(html: str) -> str:
    """The text of an HTML fragment as a feed carries it, one paragraph per block element.

    Not through the page extractor: a fragment has no page around it, and a short one would be
    discarded as boilerplate.
    """
    marked = _BLOCK_END.sub("\n\n", html)
    try:
        text = lxml.html.fragment_fromstring(marked, create_parent="div").text_content()
    except (lxml.etree.ParserError, ValueError):
        return ""
    paragraphs = (" ".join(p.split()) for p in text.split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def read_feed_file(path: Path, *, max_bytes: int) -> Iterator[RawInput | Skipped]:
    """A feed saved to disk (``.rss``/``.atom``): its entries' own text, no network."""
    source = str(path)
    try:
        feed = parse_feed(read_capped(path, max_bytes), source=source)
    except InputError as exc:
        yield Skipped(source, str(exc))
        return
    yield from entry_inputs(feed, client=None)


def read_opml_file(path: Path, *, options: FeedOptions) -> Iterator[RawInput | Skipped]:
    """Every article of every feed an OPML file on disk lists."""
    source = str(path)
    try:
        urls = parse_opml(path.read_bytes()[: options.max_bytes], source=source)
    except InputError as exc:
        yield Skipped(source, str(exc))
        return
    except OSError as exc:
        yield Skipped(source, f"cannot read file: {exc.strerror or exc}")
        return
    with FeedClient(options) as client:
        for url in urls:
            try:
                result = client.get(url)
                feed = parse_feed(result.body, source=result.url, content_type=result.content_type)
            except InputError as exc:
                yield Skipped(url, str(exc))
                continue
            yield from entry_inputs(feed, client=client)
