"""Reading paths: files, folders, globs, missing paths and JSON Lines."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from claimgraph.ingest import IngestOptions, read_inputs
from claimgraph.model import RawInput, Skipped

ARTICLE = "The council approved the new budget on Monday after a six-hour debate, officials said."


def _inputs(specs, **options):
    return list(read_inputs([str(s) for s in specs], IngestOptions(**options)))


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text("# Budget\n\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>", encoding="utf-8")
    (tmp_path / "sub" / "notes.csv.bak").write_text("ignored", encoding="utf-8")
    (tmp_path / "sub" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    return tmp_path


def test_folder_is_read_recursively_in_order(tree):
    items = _inputs([tree])
    assert [type(i) for i in items] == [RawInput] * 3
    assert [i.source.removeprefix(str(tree)) for i in items] == ["/a.txt", "/b.md", "/sub/c.html"]
    assert [i.media_type for i in items] == ["text", "text", "html"]


@pytest.mark.parametrize(
    ("pattern", "names"),
    [("*.txt", ["a.txt"]), ("**/*.html", ["c.html"]), ("*.[tm][xd]*", ["a.txt", "b.md"])],
)
def test_glob(tree, pattern, names):
    items = _inputs([tree / pattern])
    assert [i.source.rsplit("/", 1)[-1] for i in items] == names


@pytest.mark.parametrize(
    ("spec", "reason"),
    [("missing.txt", "no such file or folder"), ("nothing-*.txt", "no file matches this pattern")],
)
def test_missing_paths_are_skipped_with_a_reason(tree, spec, reason):
    (item,) = _inputs([tree / spec])
    assert isinstance(item, Skipped) and item.reason == reason


def test_empty_folder_is_skipped(tmp_path):
    (item,) = _inputs([tmp_path])
    assert isinstance(item, Skipped) and "no .txt" in item.reason


def test_file_over_the_size_cap_is_skipped(tree):
    (item,) = _inputs([tree / "a.txt"], max_bytes=20)
    assert isinstance(item, Skipped) and "too large" in item.reason


def test_html_is_sniffed_in_a_file_without_html_suffix(tmp_path):
    path = tmp_path / "page"
    path.write_text(f"<!DOCTYPE html><html><body><p>{ARTICLE}</p></body></html>", encoding="utf-8")
    (item,) = _inputs([path])
    assert item.media_type == "html"


JSONL_LINES = [
    json.dumps(
        {"id": "a1", "text": ARTICLE, "title": "Budget", "outlet": "Gazette", "published": "2025-05-01"}
    ),
    "",
    "{not json",
    json.dumps(["a", "list"]),
    json.dumps({"title": "no body"}),
    json.dumps({"text": ARTICLE, "published": "yesterday"}),
    json.dumps({"html": f"<p>{ARTICLE}</p>", "url": "https://example.org/budget"}),
]


def test_jsonl_good_and_bad_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(JSONL_LINES) + "\n", encoding="utf-8")
    items = _inputs([path])
    kinds = [(type(i).__name__, i.source.rsplit("/", 1)[-1]) for i in items]
    assert kinds == [
        ("RawInput", "feed.jsonl:1"),
        ("Skipped", "feed.jsonl:3"),
        ("Skipped", "feed.jsonl:4"),
        ("Skipped", "feed.jsonl:5"),
        ("Skipped", "feed.jsonl:6"),
        ("RawInput", "budget"),
    ]
    first, last = items[0], items[-1]
    assert (first.given_id, first.title, first.outlet, first.published) == (
        "a1",
        "Budget",
        "Gazette",
        dt.date(2025, 5, 1),
    )
    assert (last.media_type, last.url) == ("html", "https://example.org/budget")
    reasons = [i.reason for i in items if isinstance(i, Skipped)]
    assert reasons[0].startswith("invalid JSON")
    assert reasons[1] == "a JSON Lines record must be an object"
    assert reasons[2] == "record has no 'text' or 'html'"
    assert "not an ISO date" in reasons[3]
