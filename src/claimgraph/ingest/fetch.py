"""Fetch articles over http(s) with a timeout, a size cap and a content-type check."""

from __future__ import annotations

import time

import httpx

from claimgraph.errors import FetchError
from claimgraph.ingest.decode import decode_bytes
from claimgraph.ingest.files import looks_like_html
from claimgraph.model import RawInput

ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
USER_AGENT = "claimgraph/0.1 (+news claim analysis)"


def fetch_url(
    url: str,
    *,
    timeout: float = 20.0,
    max_bytes: int = 20_000_000,
    transport: httpx.BaseTransport | None = None,
) -> RawInput:
    """Download one article. ``transport`` lets tests and the server swap the network out.

    ``timeout`` bounds each network wait and the whole download, so a server that trickles
    bytes cannot hold the run.

    Raises:
        FetchError: timeout, HTTP error status, a non-text content type, or a body over ``max_bytes``.
        InputError: the body is empty or not text.
    """
    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=5,
                transport=transport,
                headers={"User-Agent": USER_AGENT},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}")
            ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype and not ctype.startswith(ACCEPTED_TYPES):
                raise FetchError(f"content type {ctype!r} is not an article (html or text)")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"response too large ({int(declared) / 1e6:.1f} MB > limit)")
            chunks, total = [], 0
            for chunk in response.iter_bytes():
                total += len(chunk)
                if time.monotonic() > deadline:
                    raise FetchError(f"timed out after {timeout:g} s (download too slow)")
                if total > max_bytes:
                    raise FetchError(f"response larger than the {max_bytes / 1e6:.1f} MB limit")
                chunks.append(chunk)
            text = decode_bytes(b"".join(chunks), declared=response.charset_encoding)
            final_url = str(response.url)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {timeout:g} s") from exc
    except httpx.TooManyRedirects as exc:
        raise FetchError("too many redirects") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch: {exc}") from exc
    if ctype.startswith(("text/plain", "text/markdown")):
        media = "text"
    else:
        media = "html" if ctype or looks_like_html(text) else "text"
    return RawInput(source=url, content=text, media_type=media, url=final_url)
