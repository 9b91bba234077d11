"""Incremental stories: quality when documents arrive one run at a time, and the cost per document.

Quality: the documents of NewsWCL50 and of some ECB+ topics arrive one at a time (in id order
and in reverse) into an empty SQLite store through ``align_into_store``; the stored stories are
scored by B-cubed against the gold events, beside one batch over the same documents.

Cost: a store is filled with N documents of the cost benchmark's collection (replicated,
perturbed ECB+ and NewsWCL50 texts) and aligned in one batch; then new documents arrive one at a
time. A new document is compared only with the stories of its full-text candidates, so the
seconds per document should not grow with N.

Run: ``python -m benchmarks.align.incremental [--topics=30-35] [--sizes=1000,3000] [--new=20] [--no-write]``
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.align.cost import collection
from benchmarks.stories.corpora import bcubed, ecbplus, newswcl50
from claimgraph.align import align
from claimgraph.align.incremental import align_into_store
from claimgraph.align.stories import build_stories
from claimgraph.model import DocumentAnalysis
from claimgraph.store import Store


def _labels(stories) -> dict[str, str]:
    return {d: s.id for s in stories for d in s.documents}


def arrive(analyses: list[DocumentAnalysis], store: Store) -> list[float]:
    """Add the documents one run at a time; the CPU seconds each took (the machine is shared, so
    wall-clock time says more about the other jobs than about this one)."""
    seconds = []
    for analysis in analyses:
        started = time.process_time()
        store.save_document(analysis)
        align_into_store(store, [analysis])
        seconds.append(time.process_time() - started)
    return seconds


def quality(name: str, analyses: list[DocumentAnalysis], gold: dict[str, str], folder: Path) -> list[str]:
    rows = []
    batch = bcubed(_labels(build_stories(analyses)), gold)
    rows.append(f"| {name} | one batch | {batch[0]:.3f} | {batch[1]:.3f} | **{batch[2]:.3f}** | – |")
    ordered = sorted(analyses, key=lambda a: a.document.id)
    for order, sequence in (("one at a time, id order", ordered), ("one at a time, reversed", ordered[::-1])):
        with Store(str(folder / f"{name}-{order}.db".replace(" ", "_"))) as store:
            seconds = arrive(sequence, store)
            scores = bcubed(_labels(store.load().stories), gold)
        rows.append(
            f"| {name} | {order} | {scores[0]:.3f} | {scores[1]:.3f} | **{scores[2]:.3f}** "
            f"| {sum(seconds) / len(seconds):.2f} |"
        )
        print(rows[-1], flush=True)
    return rows


def topics_alone(analyses: list[DocumentAnalysis], gold: dict[str, str]) -> str:
    """Each ECB+ topic grouped on its own (a few dozen documents, as a regrouping after one
    arrival sees): the mean B-cubed F1 over topics, beside each topic's part of one batch."""
    batch = _labels(build_stories(analyses))
    alone, together = [], []
    for topic in sorted({g.rstrip("+") for g in gold.values()}, key=int):
        members = [a for a in analyses if gold[a.document.id].rstrip("+") == topic]
        topic_gold = {a.document.id: gold[a.document.id] for a in members}
        alone.append(bcubed(_labels(build_stories(members)), topic_gold)[2])
        together.append(bcubed({d: batch[d] for d in topic_gold}, topic_gold)[2])
    return (
        f"| ECB+ ({len(alone)} topics) | each topic grouped alone, mean over topics | – | – "
        f"| **{sum(alone) / len(alone):.3f}** (in one batch: {sum(together) / len(together):.3f}) | – |"
    )


def cost(size: int, new: int, base: list[str], folder: Path) -> str:
    analyses = collection(size + new, base)
    stored, arriving = analyses[:size], analyses[size:]
    with Store(str(folder / f"store-{size}.db")) as store:
        for analysis in stored:
            store.save_document(analysis)
        store.save_alignment(*align(stored))
        seconds = sorted(arrive(arriving, store))
        result = store.load().stories
    new_ids = {a.document.id for a in arriving}
    joined = sum(1 for s in result if new_ids & set(s.documents) and set(s.documents) - new_ids)
    mean = sum(seconds) / len(seconds)
    return (
        f"| {size:,} | {new} | {joined} | {mean:.2f} | {seconds[len(seconds) // 2]:.2f} | {seconds[-1]:.2f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topics", default="30-35", help="the ECB+ topics of the quality part")
    parser.add_argument("--sizes", default="1000,3000", help="stored N of the cost part ('' skips it)")
    parser.add_argument("--new", type=int, default=20, help="new documents per stored N")
    parser.add_argument("--no-write", action="store_true")
    options = parser.parse_args()
    first, last = (int(t) for t in options.topics.split("-"))
    sizes = [int(n) for n in options.sizes.split(",") if n]
    new = options.new
    quality_rows, cost_rows = [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        quality_rows += quality("NewsWCL50 (50 docs)", *newswcl50(), folder)
        docs, gold = ecbplus(range(first, last + 1))
        quality_rows += quality(f"ECB+ {first}-{last} ({len(docs)} docs)", docs, gold, folder)
        quality_rows.append(topics_alone(*ecbplus()))
        base = [a.document.text for a in ecbplus()[0] + newswcl50()[0]]
        for size in sizes:
            cost_rows.append(cost(size, new, base, folder))
            print(cost_rows[-1], flush=True)
    table = "\n".join(
        [
            "Incremental stories through a SQLite store (`align_into_store`): documents arrive one",
            "run at a time; B-cubed of the stored stories against the gold events, beside one batch.",
            "",
            "| corpus | how | B3 P | B3 R | B3 F1 | CPU s/doc |",
            "|---|---|---|---|---|---|",
            *quality_rows,
            "",
            "Cost per new document with N documents already stored and aligned (the cost",
            "benchmark's replicated collection): saving it, full-text candidates, loading their",
            "stories, regrouping and relating what changed.",
            "",
            "| stored N | new documents | stories joined | CPU s/doc: mean | median | max |",
            "|---|---|---|---|---|---|",
            *cost_rows,
            "",
            f"Load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared machine).",
        ]
    )
    print(table)
    if not options.no_write:
        from benchmarks._results import write_section

        args = (a for a in sys.argv[1:] if a != "--no-write")
        write_section(
            "align-incremental", table, command=" ".join(["python -m benchmarks.align.incremental", *args])
        )


if __name__ == "__main__":
    main()
