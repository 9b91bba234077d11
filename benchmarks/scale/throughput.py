"""Analysis throughput: one process vs a Dask LocalCluster of 2 workers, and peak memory as the corpus grows.

    python -m benchmarks.scale.throughput [--docs 2000] [--no-write]

Every configuration runs in a fresh process, so its peak RSS (wait4) is its own:

- ``single``: ``pipeline.analyze`` with a SQLite store (what ``claimgraph analyze`` does);
- ``dask``: ``claimgraph.scale`` on a LocalCluster of 2 single-threaded worker processes
  (driver RSS; each worker holds its own pipeline);
- ``stream``: the scaled path in one process (``--format parquet`` without ``--cluster``) on
  a quarter, half and all of the corpus: per-document stages only, then alignment.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._results import write_section
from benchmarks.scale.corpus import texts


def child(mode: str, corpus: str, db: str) -> dict:
    """Run one configuration in this process and return its timings."""
    from claimgraph.store import Store

    with open(corpus, encoding="utf-8") as handle:
        n = sum(1 for _ in handle)
    start = time.perf_counter()
    with Store(db) as store:
        if mode == "single":
            from claimgraph.annotate.nlp import default_nlp
            from claimgraph.pipeline import analyze

            nlp = default_nlp()
            ready = time.perf_counter()
            analyze([corpus], nlp=nlp, store=store)
            return {"docs": n, "setup": ready - start, "run": time.perf_counter() - ready}
        from claimgraph.scale import align_stored, analyze_scaled

        if mode == "dask":
            from distributed import Client, LocalCluster

            with (
                LocalCluster(
                    n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
                ) as cluster,
                Client(cluster) as client,
            ):
                ready = time.perf_counter()
                run = analyze_scaled([corpus], store=store, client=client, partition_size=16)
                align_stored(store, run)
                return {
                    "docs": n,
                    "setup": ready - start,
                    "run": time.perf_counter() - ready,
                    "workers": len(run.workers),
                }
        from claimgraph.annotate.nlp import default_nlp

        default_nlp()
        ready = time.perf_counter()
        run = analyze_scaled([corpus], store=store, client=None, partition_size=16)
        streamed = time.perf_counter()
        import resource

        stream_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        align_stored(store, run)
        return {
            "docs": n,
            "setup": ready - start,
            "run": time.perf_counter() - ready,
            "stream_run": streamed - ready,
            "stream_rss_mb": stream_rss,
        }


def measure(mode: str, corpus: Path, tmp: Path) -> dict:
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "benchmarks.scale.throughput",
                "--child",
                mode,
                "--corpus",
                str(corpus),
                "--db",
                str(tmp / f"{mode}-{corpus.stem}.db"),
            ],
            stdout=out,
            stderr=err,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"{mode} failed: {err.read()[-3000:]}")
        return json.loads(out.read().strip().splitlines()[-1]) | {
            "wall": wall,
            "rss_mb": usage.ru_maxrss / 1024,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--child", choices=["single", "dask", "stream"])
    parser.add_argument("--corpus")
    parser.add_argument("--db")
    options = parser.parse_args()
    if options.child:
        print(json.dumps(child(options.child, options.corpus, options.db)))
        return
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        all_texts = list(texts(options.docs))
        corpora = {}
        for n in sorted({len(all_texts) // 4, len(all_texts) // 2, len(all_texts)}):
            corpora[n] = tmp / f"c{n}.jsonl"
            corpora[n].write_text(
                "".join(json.dumps({"text": t}) + "\n" for t in all_texts[:n]), encoding="utf-8"
            )
        full = corpora[len(all_texts)]
        results = {"single": measure("single", full, tmp), "dask": measure("dask", full, tmp)}
        print(results, file=sys.stderr)
        streams = {n: measure("stream", path, tmp) for n, path in corpora.items()}
        print(streams, file=sys.stderr)
    n = len(all_texts)
    lines = [
        "| configuration | documents | setup (s) | analysis + alignment (s) | docs/s | peak RSS (MB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, r in (
        ("single process (`pipeline.analyze`)", results["single"]),
        ("Dask LocalCluster, 2 worker processes (driver RSS)", results["dask"]),
    ):
        lines.append(
            f"| {label} | {n} | {r['setup']:.1f} | {r['run']:.1f} | {n / r['run']:.2f} | {r['rss_mb']:.0f} |"
        )
    mem = [
        "| documents | per-document stages (s) | peak RSS after them (MB) | with alignment (s) | peak RSS (MB) |",
        "|---:|---:|---:|---:|---:|",
    ]
    for count, r in streams.items():
        mem.append(
            f"| {count} | {r['stream_run']:.1f} | {r['stream_rss_mb']:.0f} | {r['run']:.1f} | {r['rss_mb']:.0f} |"
        )
    text = (
        f"### Analysis throughput ({n} news texts from ../shared/eval)\n\n"
        + "\n".join(lines)
        + "\n\n### Peak memory as the corpus grows (scaled path in one process)\n\n"
        + "\n".join(mem)
    )
    print(text)
    if not options.no_write:
        write_section("scale-throughput", text, command=f"python -m benchmarks.scale.throughput --docs {n}")


if __name__ == "__main__":
    main()
