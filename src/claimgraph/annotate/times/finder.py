"""Find time expressions: every pattern over the text, then the longest non-overlapping matches."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from claimgraph.annotate.times.lexicon import TRIGGER_WORD, Lexicon, trigger_key

# Bounds for absurd input (a megabyte of digits, a date repeated 100,000 times): what lies beyond
# is not searched, so the time per document stays bounded.
MAX_CHARS = 500_000  # a news report is far shorter; the rest of a longer text is not searched
MAX_MATCHES = 10_000
_DENSE = 5_000  # with more trigger words than this, searching everywhere is cheaper than windows
_BEFORE, _AFTER = 45, 35  # characters a pattern may reach before and after its trigger word


@dataclass(slots=True)
class Match:
    rule: str
    start: int
    end: int
    priority: int  # index of the pattern: earlier patterns win ties
    groups: dict[str, str | None]
    group_spans: dict[str, tuple[int, int]]


def find_matches(text: str, lexicon: Lexicon) -> Iterator[Match]:
    """Every match of every pattern, with the extent its ``x`` group marks (or the whole match)."""
    text = text[:MAX_CHARS]
    positions = trigger_positions(text, lexicon)
    count = 0
    windows: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for priority, pattern in enumerate(lexicon.patterns):
        if pattern.triggers not in windows:
            spots = sorted(p for name in pattern.triggers for p in positions.get(name, ()))
            dense = len(spots) > _DENSE
            windows[pattern.triggers] = [(0, len(text))] if dense else list(_windows(text, spots))
        for start, end in windows[pattern.triggers]:
            for m in pattern.regex.finditer(text, start, end):
                if m.end() == m.start():
                    continue
                has_x = "x" in pattern.regex.groupindex and m.group("x")
                begin, finish = m.span("x") if has_x else m.span()
                groups = m.groupdict()
                spans = {name: m.span(name) for name, value in groups.items() if value is not None}
                yield Match(pattern.rule, begin, finish, priority, groups, spans)
                count += 1
                if count >= MAX_MATCHES:
                    return


def select(matches: list[Match]) -> list[Match]:
    """Longest first (then pattern order), dropping any match that overlaps a kept one."""
    taken: set[int] = set()
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.priority, m.start)):
        chars = range(match.start, match.end)
        if any(i in taken for i in chars):
            continue
        taken.update(chars)
        kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def trigger_positions(text: str, lexicon: Lexicon) -> dict[str, list[tuple[int, int]]]:
    """Where each trigger class (and each trigger word) occurs: one pass over the words.

    Running forty patterns over the whole text would cost as much as the parser; each pattern
    only runs near the words it needs (a month name, a unit, a digit).
    """
    positions: dict[str, list[tuple[int, int]]] = {}
    classes = lexicon.trigger_classes
    for m in TRIGGER_WORD.finditer(text):
        word = trigger_key(m.group())
        span = m.span()
        # A plural counts as its word ("Mondays"); plural units are listed already.
        found = classes.get(word) or (classes.get(word[:-1], ()) if word.endswith("s") else ())
        for name in ("digit",) if word[0].isdigit() else (*found, word):
            spots = positions.setdefault(name, [])
            if len(spots) <= _DENSE:  # beyond that the class counts as everywhere
                spots.append(span)
    return positions


def _windows(text: str, spots: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Disjoint stretches around the trigger spans, widened to whole words."""
    current: tuple[int, int] | None = None
    for spot_start, spot_end in spots:
        left, right = max(0, spot_start - _BEFORE), min(len(text), spot_end + _AFTER)
        space = text.rfind(" ", max(0, left - 20), left)  # look only a little way for a space
        left = space + 1 if space != -1 else left
        space = text.find(" ", right, right + 20)
        right = space if space != -1 else right
        if current and left <= current[1]:
            current = (current[0], max(right, current[1]))
            continue
        if current:
            yield current
        current = (left, right)
    if current:
        yield current
