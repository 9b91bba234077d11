"""Ingest of a large JSON Lines corpus: time and peak memory, then a second run that skips everything.

    python -m benchmarks.scale.ingest_jsonl [--docs 100000] [--no-write]

Each run is a fresh ``claimgraph ingest --no-analyze`` process (read, hash, clean, dedupe and
queue; analysis is measured by ``benchmarks.scale.throughput``), so its peak RSS is its own.
Runs on growing prefixes of the corpus show whether memory stays flat as the corpus grows.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

from benchmarks._results import write_section
from benchmarks.scale.corpus import texts


def write_corpus(path: Path, n: int) -> None:
    """``n`` distinct records cycling through the eval texts (a number makes each text unique)."""
    base = list(texts())
    with path.open("w", encoding="utf-8") as handle:
        for i, text in enumerate(islice(cycle(base), n)):
            handle.write(
                json.dumps({"text": f"Report {i}: {text}", "url": f"https://bench.example/{i}"}) + "\n"
            )


def timed_run(args: list[str]) -> dict:
    """Wall time, peak RSS (MB, from wait4: this process alone) and the JSON report of one CLI process."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "claimgraph", *args, "--json", "-q"], stdout=out, stderr=err
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"ingest failed: {err.read()[-2000:]}")
        return {"wall": wall, "rss_mb": usage.ru_maxrss / 1024, "report": json.loads(out.read())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--no-write", action="store_true")
    options = parser.parse_args()
    sizes = sorted({max(1, options.docs // 4), max(1, options.docs // 2), options.docs})
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, options.docs)
        for n in sizes:
            part = Path(tmp) / f"part{n}.jsonl"
            with corpus.open(encoding="utf-8") as src, part.open("w", encoding="utf-8") as dst:
                dst.writelines(islice(src, n))
            db = Path(tmp) / f"s{n}.db"
            first = timed_run(["ingest", str(part), "--db", str(db), "--no-analyze"])
            rows.append(("first run", n, first))
            if n == options.docs:
                second = timed_run(["ingest", str(part), "--db", str(db), "--no-analyze"])
                rows.append(("second run (all seen)", n, second))
            print(rows[-1], file=sys.stderr)
    lines = [
        "| run | documents | queued | skipped as seen | wall (s) | docs/s | peak RSS (MB) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, n, r in rows:
        rep = r["report"]
        lines.append(
            f"| {label} | {n:,} | {rep['queued']:,} | {rep['seen']:,} | {r['wall']:.1f} | "
            f"{n / r['wall']:,.0f} | {r['rss_mb']:.0f} |"
        )
    text = (
        "### Ingest of JSON Lines (`claimgraph ingest --no-analyze`: read, hash, clean, dedupe, queue)\n\n"
        + "\n".join(lines)
        + "\n\nTexts: the ~2,600 news texts of ../shared/eval cycled, each made unique "
        "by a number. Peak RSS is the ingest process's own (wait4)."
    )
    print(text)
    if not options.no_write:
        write_section(
            "scale-ingest", text, command=f"python -m benchmarks.scale.ingest_jsonl --docs {options.docs}"
        )


if __name__ == "__main__":
    main()
