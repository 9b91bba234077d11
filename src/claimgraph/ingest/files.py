"""Read articles from paths: files, folders, globs, ``-`` for stdin, JSON Lines."""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterator
from pathlib import Path

from claimgraph.errors import InputError
from claimgraph.ingest.corpora import is_corpus_file, read_corpus_file
from claimgraph.ingest.decode import decode_bytes, read_capped
from claimgraph.model import RawInput, Skipped

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".rst"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in head)


def expand_paths(specs: list[str]) -> Iterator[Path | str | Skipped]:
    """Expand folders (recursively, readable suffixes only, sorted) and globs; keep URLs and ``-``."""
    for spec in specs:
        if spec == "-" or spec.startswith(("http://", "https://")):
            yield spec
            continue
        path = Path(spec)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and (p.suffix.lower() in READABLE_SUFFIXES or is_corpus_file(p))
            )
            if not found:
                yield Skipped(spec, "folder holds no .txt, .md, .html or .jsonl files")
            yield from found
        elif path.exists():
            yield path
        elif glob.has_magic(spec):
            matches = sorted(Path(m) for m in glob.glob(spec, recursive=True) if Path(m).is_file())
            if not matches:
                yield Skipped(spec, "no file matches this pattern")
            yield from matches
        else:
            yield Skipped(spec, "no such file or folder")


def read_file(path: Path, *, max_bytes: int) -> Iterator[RawInput | Skipped]:
    """One file; a corpus file (JSON Lines, CSV, WARC, feed) yields one input per record."""
    if is_corpus_file(path):  # JSONL, CSV, WARC, feeds: streamed per record, the cap is per record
        yield from read_corpus_file(path, max_bytes=max_bytes)
        return
    source = str(path)
    try:
        text = decode_bytes(read_capped(path, max_bytes))
    except InputError as exc:
        yield Skipped(source, str(exc))
        return
    is_html = path.suffix.lower() in HTML_SUFFIXES or (
        path.suffix.lower() not in TEXT_SUFFIXES and looks_like_html(text)
    )
    yield RawInput(source=source, content=text, media_type="html" if is_html else "text")


def read_stdin(*, max_bytes: int) -> Iterator[RawInput | Skipped]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Skipped("-", f"standard input larger than the {max_bytes / 1e6:.1f} MB limit")
        return
    try:
        text = decode_bytes(data)
    except InputError as exc:
        yield Skipped("-", str(exc))
        return
    yield RawInput(source="-", content=text, media_type="html" if looks_like_html(text) else "text")
