"""PolNeAR development data: the gold attributions claimgraph misses and its false positives, for
error analysis (the scores themselves come from ``benchmarks.attribution.polnear``).

Each miss is printed with its gold cue, source and content, and the predicted statements whose
content overlaps it (a wrong or missing source) or else its sentence; each false positive with the
gold attributions its content overlaps. A summary counts misses and false positives by cue.

Run: ``python -m benchmarks.attribution.polnear_misses [--split dev|train] [--limit N] [--out DIR]``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from benchmarks.attribution.polnear import (
    Gold,
    Predicted,
    _finds,
    _overlap,
    documents,
    parsing_pipeline,
    system_predictions,
)


def _gold_line(text: str, gold: Gold) -> str:
    cue = " ".join(text[a:b] for a, b in gold.cues)
    source = " | ".join(text[a:b] for a, b in gold.sources)
    content = " ... ".join(text[a:b] for a, b in gold.content)
    return f"cue[{cue}] source[{source}] content[{content[:300]!r}]"


def _misses(name: str, text: str, doc, gold: list[Gold], predicted: list[Predicted], out) -> Counter:
    counts: Counter = Counter()
    for g in gold:
        if any(_finds(p, g) for p in predicted):
            continue
        counts[" ".join(text[a:b] for a, b in g.cues).lower() or "(no cue)"] += 1
        print(f"== {name} {_gold_line(text, g)}", file=out)
        near = [a for a in doc._.attributions if any(_overlap((a.start, a.end), c) for c in g.content)]
        for a in near:
            said, sources = text[a.start : a.end][:150], [s.name for s in a.sources]
            print(f"   predicted cue={a.cue!r} sources={sources} content={said!r}", file=out)
        if not near:
            span = doc.char_span(g.content[0][0], g.content[0][0] + 1, alignment_mode="expand")
            if span is not None:
                print(f"   sentence {span.sent.text[:300]!r}", file=out)
    return counts


def _false_positives(name: str, text: str, doc, gold: list[Gold], predicted: list[Predicted], out) -> Counter:
    counts: Counter = Counter()
    for a, p in zip(doc._.attributions, predicted, strict=True):
        if any(_finds(p, g) for g in gold):
            continue
        counts[a.cue.lower()] += 1
        sources = [s.name for s in a.sources]
        print(f"== {name} cue={a.cue!r} sources={sources} content={text[a.start : a.end][:300]!r}", file=out)
        for g in gold:
            if any(_overlap(p.content, c) for c in g.content):
                print(f"   gold {_gold_line(text, g)[:300]}", file=out)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--out", type=Path, default=Path("."), help="folder for the two dump files")
    args = parser.parse_args(argv)

    docs = documents(args.split, args.limit)
    if not docs:
        print(f"no PolNeAR articles for split {args.split}", file=sys.stderr)
        return 1
    nlp = parsing_pipeline()
    nlp.add_pipe("claimgraph_attribution_v1")
    args.out.mkdir(parents=True, exist_ok=True)
    missed: Counter = Counter()
    wrong: Counter = Counter()
    misses_path = args.out / f"polnear_{args.split}_misses.txt"
    fps_path = args.out / f"polnear_{args.split}_false_positives.txt"
    with misses_path.open("w", encoding="utf-8") as m_out, fps_path.open("w", encoding="utf-8") as f_out:
        parsed = nlp.pipe([text for _, text, _ in docs], batch_size=16)
        for (name, text, gold), doc in zip(docs, parsed, strict=True):
            predicted = system_predictions(doc)
            missed += _misses(name, text, doc, gold, predicted, m_out)
            wrong += _false_positives(name, text, doc, gold, predicted, f_out)
    print(f"misses: {sum(missed.values())} ({misses_path}); most frequent cues: {missed.most_common(25)}")
    print(f"false positives: {sum(wrong.values())} ({fps_path}); most frequent cues: {wrong.most_common(25)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
