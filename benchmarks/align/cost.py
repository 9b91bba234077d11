"""Cost of stage 5 (stories + claim relations) as the collection grows: documents per second.

Collections of 1k and 10k (with ``--100k`` also 100k; ``--sizes=1000,30000`` any sizes)
documents are made from the ECB+ and NewsWCL50 texts: each replica renames the capitalised
words (so replicas form new stories, as new events do, instead of one ever-growing story) and
drops a tenth of the words (so they are not near-duplicate copies). Claims are the sentences,
with entity mentions for capitalised words and quantity mentions for numerals: this measures
alignment, not the annotators.

Run: ``python -m benchmarks.align.cost [--100k | --sizes=N,N,...] [--no-write]``
"""

from __future__ import annotations

import os
import random
import re
import sys
import time

from benchmarks.stories.corpora import ecbplus, newswcl50
from claimgraph.align import align
from claimgraph.model import Claim, Document, DocumentAnalysis, EntityMention, QuantityMention

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_WORD = re.compile(r"\S+")
_SUFFIXES = ["ar", "en", "ov", "ez", "an", "is", "ul", "ok", "im", "et"]


def _replica(text: str, k: int, rng: random.Random) -> str:
    if k == 0:
        return text
    tag = "".join(_SUFFIXES[int(d)] for d in str(k))
    out = []
    for word in text.split(" "):
        if rng.random() < 0.1:
            continue
        out.append(word + tag if word[:1].isupper() else word)
    return " ".join(out)


def _analysis(doc_id: str, text: str) -> DocumentAnalysis:
    analysis = DocumentAnalysis(Document(id=doc_id, source=doc_id, text=text))
    for n, match in enumerate(_SENTENCE.finditer(text)):
        mentions = []
        for word in _WORD.finditer(match.group()):
            start, end = match.start() + word.start(), match.start() + word.end()
            token = word.group().strip(",;:'\"()")
            if token[:1].isupper():
                mentions.append(
                    EntityMention(doc=doc_id, text=token, start=start, end=end, label="ORG", canonical=token)
                )
            elif token.replace(",", "").isdigit():
                value = float(token.replace(",", ""))
                mentions.append(
                    QuantityMention(doc=doc_id, text=token, start=start, end=end, low=value, high=value)
                )
        analysis.mentions += mentions
        analysis.claims.append(
            Claim(
                id=f"{doc_id}:c{n}",
                doc=doc_id,
                text=match.group().strip(),
                start=match.start(),
                end=match.end(),
                mentions=[m.id for m in mentions],
            )
        )
    return analysis


def collection(size: int, base: list[str]) -> list[DocumentAnalysis]:
    rng = random.Random(size)
    return [_analysis(f"d{i:06d}", _replica(base[i % len(base)], i // len(base), rng)) for i in range(size)]


def _sizes(args: list[str]) -> list[int]:
    for arg in args:
        if arg.startswith("--sizes="):
            return [int(n) for n in arg.removeprefix("--sizes=").split(",")]
    return [1000, 10000] + ([100000] if "--100k" in args else [])


def main() -> None:
    base = [a.document.text for a in ecbplus()[0] + newswcl50()[0]]
    sizes = _sizes(sys.argv[1:])
    rows = []
    for size in sizes:
        analyses = collection(size, base)
        claims = sum(len(a.claims) for a in analyses)
        started, cpu_started = time.perf_counter(), time.process_time()
        stories, relations = align(analyses)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        counts = f"| {size:,} | {claims:,} | {len(stories):,} | {len(relations):,}"
        rows.append(f"{counts} | {seconds:.1f} | {cpu:.1f} | {size / cpu:.0f} | {os.getloadavg()[0]:.1f} |")
        print(rows[-1], flush=True)
        _write(rows)  # after every size: a long run that is stopped keeps what it measured


def _write(rows: list[str]) -> None:
    table = "\n".join(
        [
            "Alignment cost (stories + claim relations) on replicated, perturbed ECB+ and NewsWCL50",
            "texts; sentences as claims, capitalised words as entities, numerals as quantities",
            "(annotators not run). The machine is shared with other jobs, so wall-clock seconds",
            "vary with its load; documents/s is per CPU second of this process.",
            "",
            "| documents | claims | stories | relations | wall s | CPU s | documents/CPU s | load avg |",
            "|---|---|---|---|---|---|---|---|",
            *rows,
        ]
    )
    print(table, flush=True)
    if "--no-write" not in sys.argv:
        from benchmarks._results import write_section

        args = (a for a in sys.argv[1:] if a != "--no-write")
        write_section("align", table, command=" ".join(["python -m benchmarks.align.cost", *args]))


if __name__ == "__main__":
    main()
