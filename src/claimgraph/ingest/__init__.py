"""Stage 1, ingest: read articles from files, folders, globs, stdin, JSON Lines and URLs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from claimgraph.errors import InputError
from claimgraph.ingest.fetch import fetch_url
from claimgraph.ingest.files import expand_paths, read_file, read_stdin
from claimgraph.model import RawInput, Skipped


@dataclass(frozen=True, slots=True)
class IngestOptions:
    max_bytes: int = 20_000_000
    timeout: float = 20.0


def read_inputs(specs: list[str], options: IngestOptions | None = None) -> Iterator[RawInput | Skipped]:
    """Every article the specs name, lazily, in order; unreadable ones as ``Skipped``."""
    options = options or IngestOptions()
    for item in expand_paths(specs):
        if isinstance(item, Skipped):
            yield item
        elif isinstance(item, Path):
            yield from read_file(item, max_bytes=options.max_bytes)
        elif item == "-":
            yield from read_stdin(max_bytes=options.max_bytes)
        else:
            try:
                yield fetch_url(item, timeout=options.timeout, max_bytes=options.max_bytes)
            except InputError as exc:
                yield Skipped(item, str(exc))


__all__ = ["IngestOptions", "fetch_url", "read_inputs"]
