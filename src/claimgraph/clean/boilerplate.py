"""Remove in-body boilerplate line by line, by patterns from ``data/<lang>/boilerplate.yaml``
backed by structural checks, and report every removed span with its reason."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from claimgraph import data
from claimgraph.model import Removed

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_LINE = re.compile(r"[^\n]*\n?")


@dataclass(frozen=True, slots=True)
class Rule:
    reason: str
    structure: str
    pattern: re.Pattern[str]
    anywhere: bool


@functools.cache
def load_rules(lang: str = "en") -> tuple[tuple[Rule, ...], int, int]:
    spec = data.load("boilerplate", lang)
    rules = tuple(
        Rule(
            reason=r["reason"],
            structure=r["structure"],
            pattern=re.compile(r["pattern"], re.IGNORECASE),
            anywhere=bool(r.get("anywhere")),
        )
        for r in spec["rules"]
    )
    return rules, int(spec["teaser_max_words"]), int(spec["closing_tail_lines"])


def _is_teaser_shaped(line: str, max_words: int) -> bool:
    """Short, and either not a sentence of prose or cut by a pipe/arrow like a link list."""
    words = line.split()
    if len(words) > max_words:
        return False
    return "|" in line or not _SENTENCE_END.search(line) or len(words) <= 12


def _is_closing_shaped(line: str, index: int, count: int, tail: int) -> bool:
    wrapped = line[:1] in "([" and line[-1:] in ")]"
    return wrapped or index >= count - tail


def classify_line(line: str, index: int, count: int, lang: str = "en") -> str | None:
    """The reason ``line`` is boilerplate, or ``None`` when it belongs to the article."""
    rules, max_words, tail = load_rules(lang)
    for rule in rules:
        matched = rule.pattern.search(line) if rule.anywhere else rule.pattern.match(line)
        if not matched:
            continue
        if rule.structure == "any":
            return rule.reason
        if rule.structure == "teaser" and _is_teaser_shaped(line, max_words):
            return rule.reason
        if rule.structure == "closing" and _is_closing_shaped(line, index, count, tail):
            return rule.reason
    return None


def remove_boilerplate(text: str, lang: str = "en") -> tuple[str, list[Removed]]:
    """The text without boilerplate lines, and what was removed (offsets into ``text``)."""
    lines = [(m.start(), m.group()) for m in _LINE.finditer(text) if m.group()]
    nonempty = [i for i, (_, raw) in enumerate(lines) if raw.strip()]
    position = {line_index: rank for rank, line_index in enumerate(nonempty)}
    kept: list[str] = []
    removed: list[Removed] = []
    for i, (start, raw) in enumerate(lines):
        stripped = raw.strip()
        reason = classify_line(stripped, position[i], len(nonempty), lang) if stripped else None
        if reason is None:
            kept.append(raw)
            continue
        lead = len(raw) - len(raw.lstrip())
        removed.append(Removed(text=stripped, reason=reason, start=start + lead, end=start + lead + len(stripped)))
    return "".join(kept), removed
