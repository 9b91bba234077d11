"""Analysis throughput: one process vs a Dask LocalCluster of 2 workers on the same corpus, and
peak memory as the corpus grows.

    python -m benchmarks.scale.throughput [--docs 2000] [--configs dask,single] [--no-write]

The first two run the scaled path (``claimgraph.scale``: two streaming passes over the
input, each document stored as it is done, then alignment streamed over the store), each in a
fresh process with a SQLite store:

- ``single``: in that one process (``claimgraph analyze --format parquet`` without ``--cluster``);
- ``dask``: on a LocalCluster of 2 single-threaded worker processes (which load the pipeline
  inside the timed run; the driver only reads, stores and aligns);
- ``analyze``: for reference, ``pipeline.analyze`` with the store (what ``claimgraph analyze
  --db`` does): every analysis held in memory until the run is aligned.

The machine is shared, so wall time depends on what else runs: CPU time is recorded too, for
the driver and for the worker processes (psutil, sampled before the cluster closes; and the
whole process tree from ``wait4`` once it has exited). At 25/50/75/100 % of the documents each
run records its peak RSS so far (VmHWM of the driver, and of each worker): flat peaks mean
memory does not grow with the corpus. The load average is noted at start and end of each run.
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

CONFIGS = ("dask", "single", "analyze")
LABELS = {
    "analyze": "one process (`pipeline.analyze`, all in memory)",
    "single": "one process (scaled path, no cluster)",
    "dask": "Dask LocalCluster, 2 worker processes",
}


def _peak_rss_mb(pid: int | str = "self") -> float:
    """The process's peak resident set (VmHWM) in MB; 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _snapshot(done: int, ready: float, cpu_ready: float) -> dict:
    """Where a run stands: documents done, wall and CPU seconds since ready, peak RSS, load."""
    import psutil

    workers = psutil.Process().children(recursive=True)
    worker_cpu, worker_rss = 0.0, []
    for proc in workers:
        try:
            times = proc.cpu_times()
            worker_cpu += times.user + times.system
            worker_rss.append(_peak_rss_mb(proc.pid))
        except psutil.Error:
            continue
    return {
        "docs": done,
        "wall": time.perf_counter() - ready,
        "cpu_driver": time.process_time() - cpu_ready,
        "cpu_workers": worker_cpu,
        "rss_driver": _peak_rss_mb(),
        "rss_workers": sorted((r for r in worker_rss if r > 0), reverse=True),
        "load": os.getloadavg()[0],
    }


def child(mode: str, corpus: str, db: str) -> dict:
    """Run one configuration in this process and return its timings and checkpoints."""
    from claimgraph.scale import align_stored, analyze_scaled
    from claimgraph.store import Store

    with open(corpus, encoding="utf-8") as handle:
        n = sum(1 for _ in handle)
    marks = [n * q // 4 for q in (1, 2, 3, 4)]
    result: dict = {"docs": n, "load_start": os.getloadavg()[0], "checkpoints": []}
    start = time.perf_counter()
    with Store(db) as store, _client(mode) as client:
        if client is None:
            from claimgraph.annotate.nlp import default_nlp

            default_nlp()
        ready, cpu_ready = time.perf_counter(), time.process_time()
        result["setup"] = ready - start
        done = 0

        def on_event(event: str, _source: str) -> None:
            nonlocal done
            if event == "done":
                done += 1
                if done in marks:
                    result["checkpoints"].append(_snapshot(done, ready, cpu_ready))

        if mode == "analyze":
            from claimgraph.pipeline import analyze

            def align_done(event: str, source: str) -> None:
                on_event(event, source)
                if event == "done":  # analyze aligns right after its last document
                    result["analysed"] = _snapshot(done, ready, cpu_ready)

            analysis = analyze([corpus], store=store, on_event=align_done)
            result["stored"] = len({a.document.id for a in analysis.documents})
        else:
            run = analyze_scaled([corpus], store=store, client=client, partition_size=16, on_event=on_event)
            result["analysed"] = _snapshot(done, ready, cpu_ready)
            result["stored"] = run.documents
            align_stored(store, run)
        result["aligned"] = _snapshot(done, ready, cpu_ready)
        result["stories"] = store.counts()["stories"]
    result["load_end"] = os.getloadavg()[0]
    return result


def _client(mode: str):
    import contextlib

    if mode != "dask":
        return contextlib.nullcontext(None)
    from claimgraph.scale import open_client

    return open_client("local:2")


def measure(mode: str, corpus: Path, tmp: Path) -> dict:
    """Run ``mode`` in a fresh process; its result plus wall time and the process tree's CPU time."""
    command = [sys.executable, "-m", "benchmarks.scale.throughput", "--child", mode]
    command += ["--corpus", str(corpus), "--db", str(tmp / f"{mode}.db")]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"{mode} failed: {err.read()[-3000:]}")
        return json.loads(out.read().strip().splitlines()[-1]) | {
            "wall": wall,
            "cpu_tree": usage.ru_utime + usage.ru_stime,  # the child and every process it waited for
        }


def _cpu(snap: dict) -> float:
    return snap["cpu_driver"] + snap["cpu_workers"]


def _rss(snap: dict) -> str:
    workers = " + ".join(f"{r:.0f}" for r in snap["rss_workers"])
    return f"{snap['rss_driver']:.0f}" + (f" (workers {workers})" if workers else "")


def table(results: dict[str, dict]) -> str:
    """The throughput and the memory tables of the configurations measured so far."""
    lines = [
        "| configuration | documents | setup (s) | per-document stages (s) | alignment (s, CPU s) "
        "| total wall (s) "
        "| docs/s (wall) | CPU s (driver + workers) | CPU s/doc | CPU s (process tree, wait4) "
        "| load avg start → end |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    mem = [
        "| configuration | documents done | wall (s) | CPU s so far | peak RSS MB so far: driver (workers) |",
        "|---|---:|---:|---:|---|",
    ]
    for mode, r in results.items():
        analysed, aligned = r["analysed"], r["aligned"]
        lines.append(
            f"| {LABELS[mode]} | {r['stored']} | {r['setup']:.1f} | {analysed['wall']:.1f} "
            f"| {aligned['wall'] - analysed['wall']:.1f}, {_cpu(aligned) - _cpu(analysed):.1f} "
            f"| {aligned['wall']:.1f} "
            f"| {r['stored'] / aligned['wall']:.2f} | {_cpu(aligned):.0f} "
            f"| {_cpu(aligned) / r['stored']:.2f} | {r['cpu_tree']:.0f} "
            f"| {r['load_start']:.1f} → {r['load_end']:.1f} |"
        )
        # the last checkpoint is the analysed snapshot when no input was a duplicate
        snaps = [c for c in r["checkpoints"] if c["docs"] < r["stored"]] + [analysed | {"docs": r["stored"]}]
        for snap in snaps:
            mem.append(
                f"| {LABELS[mode]} | {snap['docs']} | {snap['wall']:.0f} | {_cpu(snap):.0f} | {_rss(snap)} |"
            )
        mem.append(
            f"| {LABELS[mode]}, after alignment | {r['stored']} | {aligned['wall']:.0f} "
            f"| {_cpu(aligned):.0f} | {_rss(aligned)} |"
        )
    return "\n".join(lines) + "\n\n" + "\n".join(mem)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--configs", default=",".join(CONFIGS), help="which to run, in order")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--child", choices=CONFIGS)
    parser.add_argument("--corpus")
    parser.add_argument("--db")
    options = parser.parse_args()
    if options.child:
        print(json.dumps(child(options.child, options.corpus, options.db)))
        return
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as handle:
            n = sum(handle.write(json.dumps({"text": t}) + "\n") > 0 for t in texts(options.docs))
        for mode in options.configs.split(","):
            results[mode] = measure(mode, corpus, tmp)
            print(json.dumps({mode: results[mode]}), file=sys.stderr, flush=True)
            text = f"### Analysis throughput and memory ({n} news texts from ../shared/eval)\n\n" + table(
                results
            )
            print(text, flush=True)
            if not options.no_write:  # after each configuration: a run stopped later keeps what it measured
                command = f"python -m benchmarks.scale.throughput --docs {n} --configs {options.configs}"
                write_section("scale-throughput", text, command=command)


if __name__ == "__main__":
    main()
