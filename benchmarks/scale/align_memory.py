"""Alignment alone over growing stored corpora: peak memory and CPU seconds per document.

    python -m benchmarks.scale.align_memory [--sizes 500,1000,2000,4000] [--base STORE]
        [--base-docs 500] [--batches 16,64] [--batched-docs 500] [--work DIR] [--no-write]

The corpora are stores of analysed news: ``--base`` is a store from an earlier run (e.g. the
scale-throughput run's), else ``--base-docs`` texts of ../shared/eval are analysed once into
``--work``. A corpus of N documents takes the first N stored documents and, past the base's
size, copies of them with every content word's letters rotated (offsets and structure stay,
the words and names are new, so a copy is neither a near-duplicate of nor a story-mate of its
original).

Each measurement is a fresh process on a fresh copy of the corpus (no stories yet), which
aligns it with scale/align.py's ``align_stream`` exactly as ``claimgraph analyze --cluster``
does after its per-document stages: one pass (``batch=None``) over all N documents, or
full-text-blocked batches over the first ``--batched-docs`` of them (batches cost far more CPU;
their candidates still come from all N). Grouping and relating are timed apart: batches also
regroup their candidates' stories, all of which are then related. Peak RSS is the growth of
VmHWM over the resident set just before aligning (the peak is reset there through
/proc/self/clear_refs), after grouping and at the end; CPU is this process's user + system time.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._results import write_section

_LETTERS = re.compile(r"[A-Za-z]+")
_TEXT_FIELDS = ("text", "canonical", "name", "counted", "evidence", "predicate", "cue", "title")


def _status_mb(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def _rotate(text: str, shift: int, stops: frozenset[str]) -> str:
    """Every letter of each word that is not a stop word moved ``shift`` places (same length)."""

    def turn(match: re.Match[str]) -> str:
        word = match.group()
        if word.lower() in stops:
            return word
        return "".join(
            chr((ord(c) - base + shift) % 26 + base) for c in word for base in (65 if c.isupper() else 97,)
        )

    return _LETTERS.sub(turn, text)


def _copy(obj, shift: int, doc_id: str, old_id: str, stops: frozenset[str]):
    """``obj`` (a model dataclass) of the copy: its words rotated, its ids moved to ``doc_id``."""
    changes = {}
    for field in dataclasses.fields(obj):
        value = getattr(obj, field.name)
        if field.name == "doc":
            changes["doc"] = doc_id
        elif field.name in ("id", "anchor") and isinstance(value, str) and value.startswith(old_id):
            changes[field.name] = doc_id + value[len(old_id) :]
        elif field.name == "mentions" and isinstance(value, list):
            changes["mentions"] = [doc_id + m[len(old_id) :] for m in value]
        elif field.name == "sources":
            changes["sources"] = [_copy(s, shift, doc_id, old_id, stops) for s in value]
        elif field.name in _TEXT_FIELDS and isinstance(value, str) and value:
            changes[field.name] = _rotate(value, shift, stops)
    return dataclasses.replace(obj, **changes)


def replicate(analysis, shift: int):
    """A distinct copy of a stored analysis (see the module docstring)."""
    from claimgraph.align.text import stop_words
    from claimgraph.model import DocumentAnalysis

    stops = stop_words()
    old = analysis.document
    new_id = f"{old.id}r{shift}"
    document = dataclasses.replace(
        _copy(old, shift, new_id, old.id, stops),
        id=new_id,
        source=f"{old.source}#r{shift}",
        url=None,
        removed=[dataclasses.replace(r, text=_rotate(r.text, shift, stops)) for r in old.removed],
    )
    return DocumentAnalysis(
        document=document,
        **{
            name: [_copy(x, shift, new_id, old.id, stops) for x in getattr(analysis, name)]
            for name in ("mentions", "claims", "attributions", "hedges")
        },
    )


def base_store(args: argparse.Namespace) -> Path:
    """The store the corpora are cut from: ``--base``, or ``--base-docs`` eval texts analysed once."""
    if args.base:
        return Path(args.base)
    path = Path(args.work) / f"base-{args.base_docs}.db"
    if not path.exists():
        from benchmarks.scale.corpus import texts
        from claimgraph.scale import analyze_scaled
        from claimgraph.store import Store

        with tempfile.TemporaryDirectory() as tmp:
            for i, text in enumerate(texts(args.base_docs)):
                Path(tmp, f"{i:05d}.txt").write_text(text, encoding="utf-8")
            with Store(str(path)) as store:
                analyze_scaled([tmp], store=store)
    return path


def build_corpus(base: Path, size: int, work: Path) -> Path:
    """A store of ``size`` analysed documents without stories (cached in ``work``)."""
    from claimgraph.store import Store

    path = work / f"corpus-{size}.db"
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):  # from a run stopped midway
        leftover.unlink(missing_ok=True)
    written = 0
    with Store(str(base)) as source, Store(str(partial)) as target:
        shift = 0
        while written < size:
            for analysis in source.iter_documents():
                target.save_document(replicate(analysis, shift) if shift else analysis)
                written += 1
                if written == size:
                    break
            shift += 1
    partial.rename(path)
    return path


def measure(corpus: Path, batch: int | None, docs: int) -> dict:
    """In this process: align the first ``docs`` documents of a fresh copy of ``corpus``."""
    from claimgraph.scale.align import group_run, group_stream, relate_stream
    from claimgraph.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "c.db"
        shutil.copy(corpus, copy)
        with Store(str(copy)) as store:
            ids = [row["id"] for row in store.document_rows()]
            ids = sorted(ids)[:docs]
            before = _status_mb("VmRSS")
            Path("/proc/self/clear_refs").write_text("5")  # the peak so far becomes the current RSS
            cpu = time.process_time()
            # align_stream's two passes, timed apart: batches also regroup (and so relate again)
            # the stories of their candidates, which a partial run's grouping CPU must not hide
            touched = group_run(store, ids) if batch is None else group_stream(store, ids, batch)
            group_cpu, group_peak = time.process_time() - cpu, _status_mb("VmHWM")
            relations = relate_stream(store, touched)
            cpu, peak = time.process_time() - cpu, _status_mb("VmHWM")
            stories = sorted(sorted(s.documents) for s in store.load(ids).stories)
    return {
        "docs": len(ids),
        "cpu": cpu,
        "group_cpu": group_cpu,
        "before": before,
        "group_peak": group_peak,
        "peak": peak,
        "relations": relations,
        "related_stories": len(touched),
        "stories": stories,
        "load": os.getloadavg()[0],
    }


def run_measure(corpus: Path, batch: int | None, docs: int) -> dict:
    """``measure`` in a fresh process, so each peak is that alignment's own."""
    command = [sys.executable, "-m", "benchmarks.scale.align_memory", "--measure", str(corpus)]
    command += ["--docs", str(docs)] + (["--batch", str(batch)] if batch else [])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"measurement failed: {' '.join(command)}\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _same(a: list[list[str]], b: list[list[str]]) -> str:
    shared = {tuple(s) for s in a} & {tuple(s) for s in b}
    return f"{len(shared)} of {len(a)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,1000,2000,4000")
    parser.add_argument("--base", help="a store of analysed documents to cut the corpora from")
    parser.add_argument("--base-docs", type=int, default=500)
    parser.add_argument("--batches", default="16,64", help="batch sizes to measure ('' for none)")
    parser.add_argument("--batched-docs", type=int, default=500)
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "claimgraph-align-memory"))
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--docs", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.batch, args.docs)))
        return
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    base = base_store(args)
    sizes = [int(s) for s in args.sizes.split(",")]
    batches = [int(b) for b in args.batches.split(",") if b]
    rows, load_start = [], os.getloadavg()[0]
    for size in sizes:
        corpus = build_corpus(base, size, work)
        one = run_measure(corpus, None, size)
        rows.append(("one pass", size, one, ""))
        print(
            f"{size} one pass: {one['peak'] - one['before']:.0f} MB, {one['cpu'] / size:.4f} s/doc",
            flush=True,
        )
        for batch in batches:
            docs = min(size, args.batched_docs)
            got = run_measure(corpus, batch, docs)
            same = _same(one["stories"], got["stories"]) if docs == size else ""
            rows.append((f"batches of {batch}", size, got, same))
            print(
                f"{size} batch {batch}: {got['peak'] - got['before']:.0f} MB, {got['cpu'] / docs:.4f} s/doc"
            )
    table = [
        "### Alignment memory as the stored corpus grows (scale/align.py, as `claimgraph analyze --cluster`)",
        "",
        "| stored docs | grouping | docs grouped | their stories | same stories as one pass "
        "| peak RSS growth (MB): grouping, all | RSS before (MB) | grouping CPU s/doc "
        "| stories related, relations | CPU s, all | load avg |",
        "|---:|---|---:|---:|---|---|---:|---:|---|---:|---:|",
    ]
    for how, size, got, same in rows:
        table.append(
            f"| {size:,} | {how} | {got['docs']:,} | {len(got['stories']):,} | {same or '–'} | "
            f"{got['group_peak'] - got['before']:.0f}, {got['peak'] - got['before']:.0f} | "
            f"{got['before']:.0f} | {got['group_cpu'] / got['docs']:.4f} | "
            f"{got['related_stories']:,}, {got['relations']:,} | {got['cpu']:.1f} | {got['load']:.1f} |"
        )
    table += [
        "",
        f"Base: {base.name}; load average {load_start:.1f} at start, {os.getloadavg()[0]:.1f} at end.",
    ]
    print("\n".join(table))
    if not args.no_write:
        write_section("scale-align-memory", "\n".join(table))


if __name__ == "__main__":
    main()
