"""Record corpora: CSV / TSV tables and JSON Lines, streamed one record at a time.

Both carry the same fields: ``text`` or ``html`` (the body), and optionally ``id``, ``url``,
``title``, ``outlet`` and ``published`` (an ISO date). Column names are matched without regard
to case. A bad record is skipped with its line number; the rest of the file goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from claimgraph.model import RawInput, Skipped

RECORD_FIELDS = ("id", "text", "html", "url", "title", "outlet", "published")


def record_input(record: Mapping[str, Any], *, where: str, max_bytes: int) -> RawInput | Skipped:
    """One record (a JSON object or a CSV row) as a raw input; ``where`` is ``path:line``."""
    body, media = record.get("text"), "text"
    if not body and record.get("html"):
        body, media = record["html"], "html"
    if not isinstance(body, str) or not body.strip():
        return Skipped(where, "record has no 'text' or 'html'")
    if len(body) > max_bytes:
        return Skipped(where, f"record too large ({len(body) / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB limit)")
    published = None
    if record.get("published"):
        try:
            published = dt.date.fromisoformat(str(record["published"])[:10])
        except ValueError:
            return Skipped(where, f"'published' is not an ISO date: {record['published']!r}")
    given_id = record.get("id")
    return RawInput(
        source=_text(record.get("url")) or where,
        content=body,
        media_type=media,
        url=_text(record.get("url")),
        title=_text(record.get("title")),
        outlet=_text(record.get("outlet")),
        published=published,
        given_id=str(given_id) if given_id not in (None, "") else None,
    )


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def read_jsonl_stream(path: Path, *, max_bytes: int) -> Iterator[RawInput | Skipped]:
    """A JSON Lines file, line by line: memory stays flat however large the file is."""
    source = str(path)
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{source}:{number}"
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield Skipped(where, f"invalid JSON: {exc.msg}")
                    continue
                if not isinstance(record, dict):
                    yield Skipped(where, "a JSON Lines record must be an object")
                    continue
                yield record_input(record, where=where, max_bytes=max_bytes)
    except OSError as exc:
        yield Skipped(source, f"cannot read file: {exc.strerror or exc}")


def read_csv(path: Path, *, max_bytes: int) -> Iterator[RawInput | Skipped]:
    """A CSV (or, for ``.tsv``, tab-separated) file with a header row naming the fields."""
    source = str(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    # a news body easily exceeds csv's default 128 kB field limit; the record cap still applies
    csv.field_size_limit(min(sys.maxsize, max(max_bytes, 131072) + 1))
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            reader = csv.DictReader(handle, delimiter=delimiter)
            header = {(name or "").strip().lower() for name in reader.fieldnames or ()}
            if not header & {"text", "html"}:
                yield Skipped(source, "CSV header names no 'text' or 'html' column")
                return
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    yield Skipped(f"{source}:{reader.line_num}", f"malformed CSV: {exc}")
                    return
                record = {(k or "").strip().lower(): v for k, v in row.items() if isinstance(k, str)}
                yield record_input(record, where=f"{source}:{reader.line_num}", max_bytes=max_bytes)
    except OSError as exc:
        yield Skipped(source, f"cannot read file: {exc.strerror or exc}")
