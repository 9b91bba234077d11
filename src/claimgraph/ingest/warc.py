"""Web archives (WARC, plain or gzipped, as Common Crawl ships them) as article corpora.

Every ``response`` record with an HTML or plain-text payload and a 2xx status becomes one raw
input, and so does every text ``resource`` record. Records stream one at a time. A truncated
record (the file ends inside it) is reported with its offset and nothing of it is kept; the
complete records before it are.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from claimgraph.errors import InputError
from claimgraph.ingest.decode import decode_bytes
from claimgraph.model import RawInput, Skipped

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_READ_ERRORS = (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error)


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: Path, *, max_bytes: int) -> Iterator[RawInput | Skipped]:
    """The article records of one WARC file, lazily."""
    source = str(path)
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            records = ArchiveIterator(handle, arc2warc=True)
            for record in records:
                # the offset only once the record is read: asking earlier empties its content stream
                item = _record_input(
                    record, where=lambda: f"{source}@{records.get_record_offset()}", max_bytes=max_bytes
                )
                if item is not None:
                    yield item
            if records.offset < size:  # a gzip member cut short ends the iteration silently
                yield Skipped(
                    f"{source}@{records.offset}",
                    f"truncated WARC record: the file ends {size - records.offset} bytes into it",
                )
    except _READ_ERRORS as exc:
        yield Skipped(source, f"cannot read WARC: {exc.__class__.__name__}: {exc}")


def _record_input(record: Any, *, where: Callable[[], str], max_bytes: int) -> RawInput | Skipped | None:
    """One record as a raw input; ``None`` for records that are not articles (requests, metadata…)."""
    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    mime = ctype.split(";")[0].strip().lower()
    if not mime.startswith(_HTML_TYPES + _TEXT_TYPES):
        return None
    if record.length and record.length > max_bytes:
        return Skipped(
            uri or where(),
            f"record too large ({record.length / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB limit)",
        )
    stream = record.content_stream()
    data = stream.read(max_bytes + 1)
    if getattr(record.raw_stream, "limit", 0) > 0:
        return Skipped(uri or where(), "truncated WARC record: the file ends inside it")
    charset = ctype.partition("charset=")[2].strip(" \"'") or None
    try:
        text = decode_bytes(data, declared=charset)
    except InputError as exc:
        return Skipped(uri or where(), str(exc))
    media = "html" if mime.startswith(_HTML_TYPES) else "text"
    return RawInput(source=uri or where(), content=text, media_type=media, url=uri)
