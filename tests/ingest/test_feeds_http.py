"""Feeds over HTTP on 127.0.0.1: conditional GET, per-host limits, and broken or hostile servers."""

from __future__ import annotations

import itertools
import time

import pytest
from feedhttp import FeedServer, Route, article, rss

from claimgraph.errors import FetchError
from claimgraph.ingest.feeds import FeedClient, FeedOptions, HostLimiter
from claimgraph.ingest.incremental import Ingester, IngestRunOptions
from claimgraph.ingest.state import IngestState

BODIES = [
    "Emergency crews evacuated 2,400 residents from the valley on Sunday as the river rose above its banks.",
    "The central bank raised its main interest rate by half a point on Thursday, citing inflation.",
    "Negotiators from both governments met for a third round of talks in the capital, officials said.",
]


@pytest.fixture
def server():
    srv = FeedServer()
    yield srv
    srv.close()


def options(**feed_options) -> IngestRunOptions:
    feeds = FeedOptions(**({"per_host_delay": 0.0, "timeout": 5.0} | feed_options))
    return IngestRunOptions(feeds=feeds, analyze=False)


def publish(server: FeedServer, n: int = 3, *, etag: str | None = '"v1"') -> str:
    for i in range(n):
        server.routes[f"/a/{i}"] = Route(article(f"Story {i}", BODIES[i % 3]), content_type="text/html")
    items = [(server.url(f"/a/{i}"), f"Story {i}", "summary") for i in range(n)]
    server.routes["/feed"] = Route(rss(items), etag=etag)
    return server.url("/feed")


def test_feeds_conditional_get_skips_an_unchanged_feed(server, mem_store):
    url = publish(server)
    first = Ingester(mem_store, options()).run(feeds=[url])
    assert (first.queued, first.feeds_unchanged) == (3, 0)
    second = Ingester(mem_store, options()).run(feeds=[url])
    assert (second.read, second.feeds_unchanged) == (0, 1)
    feed_hits = [h for h in server.hits if h.path == "/feed"]
    assert feed_hits[1].headers.get("if-none-match") == '"v1"'
    assert server.paths().count("/a/0") == 1  # the article was fetched once


def test_feeds_new_entries_only_are_fetched_when_the_feed_changes(server, mem_store):
    url = publish(server, 2, etag=None)
    Ingester(mem_store, options()).run(feeds=[url])
    publish(server, 3, etag=None)
    report = Ingester(mem_store, options()).run(feeds=[url])
    assert report.queued == 1
    assert [server.paths().count(f"/a/{i}") for i in range(3)] == [1, 1, 1]


def test_feeds_entry_state_is_saved_only_after_its_entries_are_queued(server, mem_store, monkeypatch):
    url = publish(server)
    calls = itertools.count()
    real_add = IngestState.add

    def failing_add(self, items):
        if next(calls) == 0:
            raise RuntimeError("killed while queueing")
        return real_add(self, items)

    monkeypatch.setattr(IngestState, "add", failing_add)
    with pytest.raises(RuntimeError):
        Ingester(mem_store, options()).run(feeds=[url])
    report = Ingester(mem_store, options()).run(feeds=[url])
    assert (report.queued, report.feeds_unchanged) == (3, 0)  # nothing lost to a saved ETag


def test_feeds_article_that_fails_falls_back_to_the_feed_text(server, mem_store):
    long_text = BODIES[0] + " " + BODIES[1]
    server.routes["/feed"] = Route(
        rss([(server.url("/gone"), "Gone", f"<p>{long_text}</p>"), (server.url("/gone2"), "Gone too", "")])
    )
    report = Ingester(mem_store, options()).run(feeds=[server.url("/feed")])
    assert report.queued == 1
    assert [s.source for s in report.skipped] == [server.url("/gone2")]
    assert "404" in report.skipped[0].reason


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(article("Home", "Front page of a portal with links."), content_type="text/html"), "HTML page"),
        (Route(b"<!DOCTYPE html><html><body>not a feed</body></html>"), "not a feed"),
        (Route(b"<?xml version='1.0'?><rss><channel><title>cut off"), "invalid XML"),
        (Route(lambda: itertools.repeat(b"<item>" * 1000)), "limit"),
        (Route(b"", status=500), "HTTP 500"),
    ],
    ids=["html-page", "html-as-rss", "truncated-xml", "endless-body", "server-error"],
)
def test_feeds_broken_feed_is_skipped_and_the_next_feed_still_read(server, mem_store, route, reason):
    good = publish(server)
    server.routes["/bad"] = route
    report = Ingester(mem_store, options(max_bytes=200_000)).run(feeds=[server.url("/bad"), good])
    assert [s.source for s in report.skipped] == [server.url("/bad")]
    assert reason in report.skipped[0].reason
    assert report.queued == 3
    assert IngestState(mem_store).feed(server.url("/bad"))["last_error"] == report.skipped[0].reason


def test_feeds_redirect_loop_ends_with_a_clear_error(server):
    server.routes["/r1"] = Route(status=302, headers={"Location": "/r2"})
    server.routes["/r2"] = Route(status=302, headers={"Location": "/r1"})
    with (
        FeedClient(FeedOptions(per_host_delay=0.0, max_redirects=4)) as client,
        pytest.raises(FetchError, match="redirect loop"),
    ):
        client.get(server.url("/r1"))
    assert len(server.hits) == 5


def test_feeds_retry_after_defers_the_host(server):
    server.routes["/busy"] = Route(status=503, headers={"Retry-After": "120"})
    clock = itertools.count(1000.0, 0.0)
    slept: list[float] = []
    limiter = HostLimiter(0.0, clock=lambda: next(clock), sleep=slept.append)
    with FeedClient(FeedOptions(per_host_delay=0.0), limiter=limiter) as client:
        with pytest.raises(FetchError, match="503"):
            client.get(server.url("/busy"))
        limiter.wait(server.url("/anything"))
    assert slept == [120.0]


@pytest.mark.parametrize(
    ("urls", "expected_sleeps"),
    [
        (["http://a.example/1", "http://a.example/2", "http://a.example/3"], [2.0, 4.0]),
        (["http://a.example/1", "http://b.example/1", "http://a.example/2"], [2.0]),
        (["http://a.example/1", "http://A.EXAMPLE/2"], [2.0]),
    ],
)
def test_feeds_host_limiter_spaces_requests_per_host(urls, expected_sleeps):
    slept: list[float] = []
    limiter = HostLimiter(2.0, clock=lambda: 0.0, sleep=slept.append)
    for url in urls:
        limiter.wait(url)
    assert slept == expected_sleeps


def test_feeds_requests_to_one_host_are_spaced_in_real_time(server, mem_store):
    url = publish(server)
    start = time.monotonic()
    Ingester(mem_store, options(per_host_delay=0.2)).run(feeds=[url])
    times = [h.at for h in server.hits]
    assert len(times) == 4
    # A request arrives after it is sent, and the k-th is sent no earlier than k delays after the
    # start: a one-sided bound that a busy machine cannot break (gaps between arrivals can be).
    assert all(at - start >= 0.2 * k - 0.01 for k, at in enumerate(times))
