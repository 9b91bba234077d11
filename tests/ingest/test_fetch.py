"""Fetching URLs against a local HTTP server: status, timeout, size cap, content type, redirects."""

from __future__ import annotations

import datetime as dt

import pytest

from claimgraph.clean import clean
from claimgraph.errors import FetchError, InputError
from claimgraph.ingest import IngestOptions, read_inputs
from claimgraph.ingest.fetch import fetch_url
from claimgraph.model import Skipped


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    """Loopback requests must not go through a proxy configured in the environment."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def test_fetch_html_article(http_server):
    raw = fetch_url(f"{http_server}/article", timeout=5)
    assert raw.media_type == "html" and raw.url == f"{http_server}/article"
    document = clean(raw)
    assert (document.published, document.published_from) == (dt.date(2025, 9, 14), "metadata")
    assert "nine were treated for minor injuries" in document.text


@pytest.mark.parametrize(
    ("path", "media_type", "snippet"),
    [
        ("/plain", "text", "harbour master"),
        ("/latin", "text", "Café reopened in Málaga"),
        ("/moved", "html", "Ferry runs aground"),
        ("/untyped", "html", "Ferry runs aground"),
    ],
)
def test_fetch_readable(http_server, path, media_type, snippet):
    raw = fetch_url(f"{http_server}{path}", timeout=5)
    assert raw.media_type == media_type and snippet in raw.content


@pytest.mark.parametrize(
    ("path", "options", "reason"),
    [
        ("/missing", {}, r"^HTTP 404 Not Found$"),
        ("/error", {}, r"^HTTP 500 Internal Server Error$"),
        ("/slow", {"timeout": 0.3}, r"^timed out after 0.3 s"),
        ("/image", {}, r"^content type 'image/png' is not an article"),
        ("/big", {"max_bytes": 50_000}, r"^response too large"),
        ("/loop", {}, r"^too many redirects$"),
    ],
)
def test_fetch_failures_have_one_line_reasons(http_server, path, options, reason):
    with pytest.raises(FetchError, match=reason) as info:
        fetch_url(f"{http_server}{path}", **{"timeout": 5, **options})
    assert "\n" not in str(info.value)


def test_fetch_binary_body_under_a_text_type(http_server):
    with pytest.raises(InputError, match="PNG image"):
        fetch_url(f"{http_server}/png-as-html", timeout=5)


def test_fetch_connection_refused_is_a_reason():
    with pytest.raises(FetchError, match=r"^cannot fetch"):
        fetch_url("http://127.0.0.1:9/none", timeout=2)


def test_read_inputs_turns_fetch_errors_into_skips(http_server):
    items = list(read_inputs([f"{http_server}/missing", f"{http_server}/plain"], IngestOptions(timeout=5)))
    assert isinstance(items[0], Skipped) and items[0].reason == "HTTP 404 Not Found"
    assert items[1].content.startswith("The port reopened")
