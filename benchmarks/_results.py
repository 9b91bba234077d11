"""Write one benchmark's table into benchmarks/RESULTS.md without touching the others.

Each benchmark owns the section between ``<!-- BEGIN name -->`` and ``<!-- END name -->``.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import platform
import re
import sys
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")
HEADER = (
    "# Benchmark results\n\nEach section is written by the benchmark named in it; re-run it to refresh.\n"
)


def machine() -> str:
    """One line describing where the numbers were measured."""
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    )


def write_section(name: str, markdown: str, *, command: str | None = None) -> None:
    """Replace (or append) the section ``name`` with ``markdown`` plus machine and command lines."""
    if command is None:
        # run as ``python -m benchmarks.x.y``: the module's dotted name, not its file's stem
        spec = getattr(sys.modules["__main__"], "__spec__", None)
        module = spec.name if spec is not None else Path(sys.argv[0]).stem
        command = "python -m " + " ".join([module, *sys.argv[1:]])
    body = f"{markdown.rstrip()}\n\nMachine: {machine()}  \nCommand: `{command}`\n"
    block = f"<!-- BEGIN {name} -->\n{body}<!-- END {name} -->"
    pattern = re.compile(rf"<!-- BEGIN {re.escape(name)} -->.*?<!-- END {re.escape(name)} -->", re.DOTALL)
    # Benchmarks run concurrently: read-modify-write under an exclusive lock, or one loses the other.
    with RESULTS.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else HEADER
        text = pattern.sub(lambda _: block, text) if pattern.search(text) else f"{text.rstrip()}\n\n{block}\n"
        tmp = RESULTS.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(RESULTS)
