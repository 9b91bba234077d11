"""CSV / TSV corpora and streamed JSON Lines: one raw input per record, bad records
skipped with their line."""

from __future__ import annotations

import csv
import datetime as dt
import json

import pytest

from claimgraph.ingest import IngestOptions, read_inputs
from claimgraph.model import RawInput, Skipped

BODY = "The regional council approved a new budget on Wednesday after a long debate, a spokesman said."


def write_csv(path, rows, delimiter=","):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerows(rows)


@pytest.mark.parametrize(("suffix", "delimiter"), [(".csv", ","), (".tsv", "\t")])
def test_csv_records_fields_by_header_in_any_case(tmp_path, suffix, delimiter):
    path = tmp_path / f"c{suffix}"
    write_csv(
        path,
        [
            ["ID", "Text", "URL", "Title", "Outlet", "Published"],
            ["a1", BODY, "https://x.example/1", "Budget passes", "Gazette", "2025-06-17T10:00:00Z"],
            ["", BODY + " Again.", "", "", "", ""],
        ],
        delimiter,
    )
    first, second = read_inputs([str(path)])
    assert (first.given_id, first.url, first.title, first.outlet, first.published) == (
        "a1",
        "https://x.example/1",
        "Budget passes",
        "Gazette",
        dt.date(2025, 6, 17),
    )
    assert first.source == "https://x.example/1"
    assert (second.given_id, second.url, second.source) == (None, None, f"{path}:3")


def test_csv_records_html_column_and_multiline_fields(tmp_path):
    path = tmp_path / "h.csv"
    write_csv(path, [["html"], [f"<html><body><p>{BODY}</p>\n<p>Second line.</p></body></html>"]])
    (item,) = read_inputs([str(path)])
    assert item.media_type == "html" and "Second line" in item.content


@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        ([["title"], ["no body column"]], "no 'text' or 'html' column"),
        ([["text", "published"], [BODY, "last week"]], "not an ISO date"),
        ([["text"], [""]], "no 'text' or 'html'"),
    ],
)
def test_csv_records_bad_rows_are_skipped_with_a_reason(tmp_path, rows, reason):
    path = tmp_path / "bad.csv"
    write_csv(path, rows)
    items = list(read_inputs([str(path)]))
    assert len(items) == 1 and isinstance(items[0], Skipped) and reason in items[0].reason


def test_csv_records_field_over_the_cap_is_skipped_not_fatal(tmp_path):
    path = tmp_path / "big.csv"
    write_csv(path, [["text"], ["x " * 5000], [BODY]])
    items = list(read_inputs([str(path)], IngestOptions(max_bytes=4000)))
    assert isinstance(items[0], Skipped) and "too large" in items[0].reason
    assert isinstance(items[1], RawInput)


def test_csv_records_jsonl_streams_past_the_whole_file_cap(tmp_path):
    """A corpus file far larger than one article may be: the cap applies per record."""
    path = tmp_path / "big.jsonl"
    lines = [json.dumps({"text": f"{BODY} Item {i}.", "id": f"n{i}"}) for i in range(200)]
    lines[7] = "{not json"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > 4000
    items = list(read_inputs([str(path)], IngestOptions(max_bytes=4000)))
    assert len(items) == 200
    assert [i.source for i in items if isinstance(i, Skipped)] == [f"{path}:8"]
