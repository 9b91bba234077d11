"""Feeds and feed lists parsed from bytes: entries, dates, lenient recovery, refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest.feeds import entry_inputs, parse_feed, parse_opml
from claimgraph.model import RawInput, Skipped
from conftest import load_cases

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:x</id>
<updated>2025-06-18T00:00:00Z</updated>
<entry><title>Port reopens</title><id>urn:1</id><link href="https://news.example/port"/>
<updated>2025-06-18T09:30:00Z</updated>
<content type="html">&lt;p&gt;The port reopened on Wednesday.&lt;/p&gt;</content></entry>
</feed>"""

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><link>/a/1</link><pubDate>Tue, 17 Jun 2025 08:00:00 GMT</pubDate>
<description>first</description></item>
<item><title>Two</title><guid>tag:two</guid><description>second</description></item>
</channel></rss>"""

# an unescaped ampersand makes the XML invalid; the lenient parser still reads the entry
MALFORMED_WITH_ENTRY = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Q & A</title>
<item><title>Talks & trade</title><link>https://news.example/t</link><description>text</description></item>
</channel></rss>"""


@pytest.mark.parametrize(
    ("data", "source", "expected"),
    [
        (ATOM, "atom.xml", [("https://news.example/port", "Port reopens", dt.date(2025, 6, 18))]),
        (
            RSS,
            "https://wire.example/feed",
            [("https://wire.example/a/1", "One", dt.date(2025, 6, 17)), (None, "Two", None)],
        ),
    ],
)
def test_feeds_parse_entries(data, source, expected):
    feed = parse_feed(data, source=source)
    assert [(e.url, e.title, e.published) for e in feed.entries] == expected
    assert feed.warning is None


def test_feeds_parse_malformed_xml_is_read_leniently_with_a_warning():
    feed = parse_feed(MALFORMED_WITH_ENTRY, source="f")
    assert [e.url for e in feed.entries] == ["https://news.example/t"]
    assert "malformed feed XML" in feed.warning


@pytest.mark.parametrize("case", load_cases("feeds_bad"), ids=lambda c: c["id"])
def test_feeds_parse_refuses_what_is_not_a_feed(case):
    with pytest.raises(InputError, match=case["reason"]):
        parse_feed(case["body"].encode(), source="http://127.0.0.1/feed", content_type=case["content_type"])


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b'<opml version="2.0"><body><outline text="news"><outline xmlUrl="https://a.example/rss"/>'
            b'<outline xmlUrl="https://b.example/atom"/></outline><outline xmlUrl="https://a.example/rss"/></body></opml>',
            ["https://a.example/rss", "https://b.example/atom"],
        ),
        (b'<opml version="1.0"><body><outline text="no feeds here"/></body></opml>', []),
    ],
)
def test_feeds_opml_lists_feed_urls(data, expected):
    assert parse_opml(data, source="list.opml") == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<opml><body><outline", "invalid XML"),
        (b"<rss version='2.0'/>", "root element"),
    ],
)
def test_feeds_opml_refuses_other_documents(data, reason):
    with pytest.raises(InputError, match=reason):
        parse_opml(data, source="x.opml")


def test_feeds_entries_without_client_use_the_feed_text_and_skip_empty_ones():
    feed = parse_feed(RSS.replace(b"<description>second</description>", b""), source="https://wire.example/")
    items = list(entry_inputs(feed, client=None))
    assert isinstance(items[0], RawInput) and items[0].content == "first" and items[0].outlet == "Wire"
    assert isinstance(items[1], Skipped) and "no text" in items[1].reason


def test_feeds_entries_already_seen_are_not_yielded():
    feed = parse_feed(RSS, source="https://wire.example/")
    items = list(entry_inputs(feed, client=None, is_seen=lambda key: key == "https://wire.example/a/1"))
    assert [i.source for i in items] == ["tag:two"]
