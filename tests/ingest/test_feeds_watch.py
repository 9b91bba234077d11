"""``claimgraph watch`` and ``claimgraph ingest --feed``, bounded, against a local server."""

from __future__ import annotations

import json

import pytest
from feedhttp import FeedServer, Route, article, rss
from typer.testing import CliRunner

from claimgraph.cli.main import app

BODY = (
    "Engineers restored power to 40,000 homes on Saturday after a storm brought down lines, the utility said."
)


@pytest.fixture
def server():
    srv = FeedServer()
    srv.routes["/a/1"] = Route(article("Power restored", BODY), content_type="text/html")
    srv.routes["/feed"] = Route(rss([(srv.url("/a/1"), "Power restored", "summary")]), etag='"e1"')
    srv.routes["/list.opml"] = Route(
        f'<opml version="2.0"><body><outline xmlUrl="{srv.url("/feed")}"/></body></opml>'.encode(),
        content_type="text/x-opml",
    )
    yield srv
    srv.close()


def test_feeds_watch_polls_a_bounded_number_of_times(server, tmp_path):
    db = str(tmp_path / "w.db")
    result = CliRunner().invoke(
        app,
        [
            "watch",
            server.url("/feed"),
            "--db",
            db,
            "--max-polls",
            "2",
            "--interval",
            "0",
            "--per-host-delay",
            "0",
            "--no-analyze",
            "--json",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    polls = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [(p["poll"], p["queued"], p["feeds_unchanged"]) for p in polls] == [(1, 1, 0), (2, 0, 1)]


def test_feeds_ingest_opml_url_then_nothing_new(server, tmp_path):
    db = str(tmp_path / "o.db")
    args = [
        "ingest",
        "--opml",
        server.url("/list.opml"),
        "--db",
        db,
        "--per-host-delay",
        "0",
        "--no-analyze",
        "--json",
        "-q",
    ]
    first = CliRunner().invoke(app, args)
    second = CliRunner().invoke(app, args)
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert json.loads(first.stdout)["queued"] == 1
    assert json.loads(second.stdout)["feeds_unchanged"] == 1


@pytest.mark.parametrize(
    "args",
    [
        ["watch"],
        ["ingest"],
        ["watch", "http://127.0.0.1:9/f", "--max-polls", "1", "--db", "/nonexistent/dir/x.db"],
    ],
)
def test_feeds_cli_usage_errors_exit_2(args):
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "error" in result.output
