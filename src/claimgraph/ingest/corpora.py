"""Corpus files: formats that hold many articles and are read record by record.

``read_file`` hands these over before its whole-file size check: a corpus may be far larger
than one article may be, so the cap applies to each record instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from claimgraph.ingest.csvfile import read_csv, read_jsonl_stream
from claimgraph.ingest.feeds import FeedOptions, read_feed_file, read_opml_file
from claimgraph.ingest.warc import is_warc, read_warc
from claimgraph.model import RawInput, Skipped

RECORD_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson")
FEED_FILE_SUFFIXES = (".rss", ".atom")
OPML_SUFFIXES = (".opml",)


def is_corpus_file(path: Path) -> bool:
    name = path.name.lower()
    return is_warc(path) or name.endswith(RECORD_SUFFIXES + FEED_FILE_SUFFIXES + OPML_SUFFIXES)


def read_corpus_file(path: Path, *, max_bytes: int) -> Iterator[RawInput | Skipped]:
    """Every article in one corpus file, lazily; ``max_bytes`` caps each record."""
    name = path.name.lower()
    if is_warc(path):
        yield from read_warc(path, max_bytes=max_bytes)
    elif name.endswith((".csv", ".tsv")):
        yield from read_csv(path, max_bytes=max_bytes)
    elif name.endswith((".jsonl", ".ndjson")):
        yield from read_jsonl_stream(path, max_bytes=max_bytes)
    elif name.endswith(FEED_FILE_SUFFIXES):
        yield from read_feed_file(path, max_bytes=max_bytes)
    else:
        yield from read_opml_file(path, options=FeedOptions(max_bytes=max_bytes))
