"""Quantities benchmark: claimgraph beside quantulum3 on Recognizers-Text and quantulum3's own tests.

    python -m benchmarks.quantities.run [--misses SET] [--no-write]

Accuracy (score.py says what counts as right) and speed: the time the quantities component (and
the other issue-4 components, entities and places) add to spaCy-sm alone on the same news texts
(TR-News articles in ../shared/eval/geoparsing).
"""

from __future__ import annotations

import argparse
import os
import time
import xml.etree.ElementTree as ET
from collections import defaultdict

from benchmarks._results import write_section
from benchmarks.quantities.data import EVAL, Case, ordinal_spans, quantulum_cases, recognizers_cases
from benchmarks.quantities.score import CaseScore, score_case
from benchmarks.quantities.systems import claimgraph_nlp, claimgraph_system, quantulum_system

NUMBER_AND_RANGE = ("Number", "NumberRange", "Percent")
TARGET = 0.90
ABOUT = """
Sets: Microsoft Recognizers-Text English specs (`Number`, `NumberRange`, `Percent` from the Number
specs; `Currency`, `Dimension`, `Age`, `Temperature` from NumberWithUnit) and quantulum3's own test
sentences (`quantities.json` + `quantities.ambiguity.json`). A case is one input text; it is right
when every gold quantity is found (spans overlap, value equal within 1e-4 as written, unit equal where
the set scores units; open/closed interval ends not scored) and nothing extra of the kind the set
lists is reported. Number/quantulum3: any extra quantity is an error; NumberRange: extra ranges or
bounds; Percent: extra percentages; NumberWithUnit sets: recall only, values as written. Gold numbers
that are years, dates, phone numbers, IP addresses or ordinals count as misses for claimgraph, which
leaves them out by design. Details: `benchmarks/quantities/score.py`.
"""


def accuracy(cases: list[Case], systems: dict) -> dict[str, dict[str, list[tuple[Case, CaseScore]]]]:
    results: dict[str, dict[str, list]] = {name: defaultdict(list) for name in systems}
    for case in cases:
        for name, run in systems.items():
            results[name][case.set].append((case, score_case(case, run(case.text))))
    return results


def _share(scored: list[tuple[Case, CaseScore]], *, supported_only: bool = False) -> tuple[int, int]:
    chosen = [s for c, s in scored if not (supported_only and c.unsupported)]
    return sum(s.right for s in chosen), len(chosen)


def _recall(scored: list[tuple[Case, CaseScore]]) -> str:
    golds = sum(s.golds for _, s in scored)
    matched = sum(s.matched for _, s in scored)
    return f"{matched}/{golds}" if golds else "–"


def _fmt(right: int, total: int) -> str:
    return f"{right}/{total} ({right / total:.1%})" if total else "–"


def ordinals_left_alone(run) -> tuple[int, int]:
    """Ordinal spans ("the 4th", "second") that no predicted quantity overlaps."""
    kept, total = 0, 0
    for text, spans in ordinal_spans():
        preds = run(text)
        for start, end in spans:
            total += 1
            kept += not any(p.start < end and start < p.end for p in preds)
    return kept, total


def news_texts(limit: int = 118) -> list[str]:
    root = ET.parse(EVAL / "geoparsing" / "TR-News.xml").getroot()
    return [(a.findtext("text") or "").strip() for a in root.iter("article")][:limit]


ISSUE_4_COMPONENTS = (
    ("entities", "claimgraph_entities_v1"),
    ("quantities", "claimgraph_quantities_v1"),
    ("places", "claimgraph_places_v1"),
)


def speed(texts: list[str], repeats: int = 3) -> dict[str, float | None]:
    """Seconds for spaCy-sm alone and for each issue-4 component on its output (best of ``repeats``).

    Components are timed by calling them on the docs spaCy made, so a component's share is not lost
    in the noise of the much larger spaCy time; loading (gazetteers) is not counted, it happens once.
    """
    base = claimgraph_nlp()
    base.remove_pipe("claimgraph_quantities_v1")
    components = {}
    for name, factory in ISSUE_4_COMPONENTS:
        try:
            components[name] = base.add_pipe(factory, name=name)
        except Exception as exc:  # another developer's component may be missing or broken right now
            print(f"speed: {name} not measured: {exc}")
            components[name] = None
    spacy_only = [pipe for pipe in base.pipe_names if pipe not in components]
    timings: dict[str, list[float]] = {"spacy": [], **{name: [] for name in components}}
    for _ in range(repeats):
        started = time.perf_counter()
        with base.select_pipes(enable=spacy_only):
            docs = list(base.pipe(texts, batch_size=16))
        timings["spacy"].append(time.perf_counter() - started)
        for name, component in components.items():
            if component is None:
                continue
            started = time.perf_counter()
            for doc in docs:
                component(doc)
            timings[name].append(time.perf_counter() - started)
    return {name: (min(values) if values else None) for name, values in timings.items()}


def speed_line(texts: list[str], timing: dict[str, float | None]) -> str:
    spacy_time = timing["spacy"] or float("nan")
    parts = [
        f"{name} {value:.2f} s ({value / spacy_time:+.1%})" if value is not None else f"{name} not measured"
        for name, value in timing.items()
        if name != "spacy"
    ]
    measured = [v for k, v in timing.items() if k != "spacy" and v is not None]
    together = sum(measured) / spacy_time
    chars = sum(len(t) for t in texts)
    load = os.getloadavg()[0]
    return (
        f"Speed on {len(texts)} TR-News articles ({chars:,} characters), best of 3, load average {load:.1f} "
        f"(the machine is shared: absolute times vary, shares less so): spaCy-sm alone "
        f"{spacy_time:.2f} s; time each component adds: {', '.join(parts)}. "
        f"**Quantities: {timing['quantities'] / spacy_time:+.1%}**; the issue-4 components measured "
        f"together: {together:+.1%} (limit +25%)."
    )


def table(results, ordinals) -> str:
    names = list(results)
    lines = [
        "| set | cases | "
        + " | ".join(f"{n}: cases right" for n in names)
        + " | "
        + " | ".join(f"{n}: golds found" for n in names)
        + " | claimgraph, cases all RT ports support |",
        "|---" * (3 + 2 * len(names)) + "|",
    ]
    sets = [*results[names[0]].keys()]
    for name in sets:
        row = [name, str(len(results[names[0]][name]))]
        row += [_fmt(*_share(results[n][name])) for n in names]
        row += [_recall(results[n][name]) for n in names]
        row.append(
            _fmt(*_share(results["claimgraph"][name], supported_only=True)) if name != "quantulum3" else "–"
        )
        lines.append("| " + " | ".join(row) + " |")
    combined = {n: [x for s in NUMBER_AND_RANGE for x in results[n][s]] for n in names}
    row = ["**Number + NumberRange + Percent**", str(len(combined[names[0]]))]
    row += [f"**{_fmt(*_share(combined[n]))}**" for n in names]
    row += [_recall(combined[n]) for n in names]
    row.append(_fmt(*_share(combined["claimgraph"], supported_only=True)))
    lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    lines.append(
        "Ordinals left alone (Recognizers-Text Ordinal specs; an ordinal must not become an amount): "
        + ", ".join(f"{n} {_fmt(*ordinals[n])}" for n in names)
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", help="print claimgraph's wrong cases of this set")
    parser.add_argument("--no-write", action="store_true", help="do not write benchmarks/RESULTS.md")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args(argv)

    systems = {"claimgraph": claimgraph_system(), "quantulum3": quantulum_system()}
    cases = recognizers_cases() + quantulum_cases()
    results = accuracy(cases, systems)
    ordinals = {name: ordinals_left_alone(run) for name, run in systems.items()}
    text = table(results, ordinals)
    print(text)
    if args.misses:
        for case, s in results["claimgraph"][args.misses]:
            if not s.right:
                preds = systems["claimgraph"](case.text)
                got = [(case.text[p.start : p.end], p.low, p.high, p.unit) for p in preds]
                want = [(case.text[g.start : g.end], g.low, g.high, g.unit) for g in case.golds]
                print(f"MISS {case.text[:90]!r}\n   want {want}\n   got  {got}")

    combined = [x for s in NUMBER_AND_RANGE for x in results["claimgraph"][s]]
    right, total = _share(combined)
    verdict = "met" if right / total >= TARGET else "not met"
    summary = [
        "## Quantities: claimgraph beside quantulum3 (development data)",
        "",
        " ".join(ABOUT.split()),
        "",
        text,
        "",
        f"Target ≥ {TARGET:.0%} of number and range cases right: claimgraph {right / total:.1%} ({verdict}).",
    ]
    if not args.no_speed:
        texts = news_texts()
        summary += ["", speed_line(texts, speed(texts))]
        print(summary[-1])
    if not args.no_write:
        write_section("quantities", "\n".join(summary), command="python -m benchmarks.quantities.run")


if __name__ == "__main__":
    main()
