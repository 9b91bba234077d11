"""Remove in-body boilerplate line by line, by patterns from ``data/<lang>/boilerplate.yaml``
backed by structural checks, and report every removed span with its reason.

Precision comes first: a line goes only when a pattern matches it *and* its shape fits the rule
(a short label line, a one-sentence prompt, a parenthesised closing note, ...). A sentence of the
article that merely contains "read", "photo" or "copyright" stays.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from claimgraph import data
from claimgraph.model import Removed

_LINE = re.compile(r"[^\n]*\n?")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s+[\"“‘(\[]?[A-Z0-9]")
_SENTENCE_PUNCT = re.compile(r"[.!?;:][\"'”’)\]]*$")


@dataclass(frozen=True, slots=True)
class Rule:
    reason: str
    structure: str
    pattern: re.Pattern[str]
    anywhere: bool


@dataclass(frozen=True, slots=True)
class Rules:
    rules: tuple[Rule, ...]
    label_max_words: int
    prompt_max_words: int
    prompt_max_sentences: int
    label_list_lines: int
    label_list_max_words: int
    closing_tail_lines: int


@functools.cache
def load_rules(lang: str = "en") -> Rules:
    spec = data.load("boilerplate", lang)
    return Rules(
        rules=tuple(
            Rule(
                reason=r["reason"],
                structure=r["structure"],
                pattern=re.compile(r["pattern"], re.IGNORECASE),
                anywhere=bool(r.get("anywhere")),
            )
            for r in spec["rules"]
        ),
        label_max_words=int(spec["label_max_words"]),
        prompt_max_words=int(spec["prompt_max_words"]),
        prompt_max_sentences=int(spec["prompt_max_sentences"]),
        label_list_lines=int(spec["label_list_lines"]),
        label_list_max_words=int(spec["label_list_max_words"]),
        closing_tail_lines=int(spec["closing_tail_lines"]),
    )


def sentence_count(line: str) -> int:
    """Sentences in ``line``, roughly: breaks after ., ! or ? before a capital, plus one."""
    return len(_SENTENCE_BREAK.findall(line)) + 1


def is_headline_shaped(line: str, max_words: int) -> bool:
    """A short line without sentence punctuation at its end: a title, a link, a subhead."""
    return 0 < len(line.split()) <= max_words and not _SENTENCE_PUNCT.search(line)


def _shape_fits(rule: Rule, match: re.Match[str], line: str, index: int, count: int, rules: Rules) -> bool:
    words = len(line.split())
    if rule.structure == "any":
        return True
    if rule.structure == "label":
        return words <= rules.label_max_words
    if rule.structure == "prompt":
        return words <= rules.prompt_max_words and sentence_count(line) <= rules.prompt_max_sentences
    if rule.structure == "whole":
        return match.end() == len(line)
    if rule.structure == "closing":
        wrapped = line[:1] in "([" and line.rstrip(".")[-1:] in ")]"
        return wrapped or index >= count - min(rules.closing_tail_lines, max(1, count // 3))
    raise ValueError(f"unknown boilerplate structure {rule.structure!r}")


def match_line(line: str, index: int, count: int, lang: str = "en") -> tuple[Rule, re.Match[str]] | None:
    """The rule that makes ``line`` (the ``index``-th of ``count`` non-empty lines) boilerplate."""
    rules = load_rules(lang)
    for rule in rules.rules:
        matched = rule.pattern.search(line) if rule.anywhere else rule.pattern.match(line)
        if matched and _shape_fits(rule, matched, line, index, count, rules):
            return rule, matched
    return None


def classify_line(line: str, index: int, count: int, lang: str = "en") -> str | None:
    """The reason ``line`` is boilerplate, or ``None`` when it belongs to the article."""
    found = match_line(line, index, count, lang)
    return found[0].reason if found else None


def _is_bare_label(rule: Rule, match: re.Match[str], line: str) -> bool:
    """'Also Read:' or 'Related stories' alone on its line: the teasers follow below it."""
    return rule.structure == "label" and not line[match.end() :].strip(" |:>»–—-")


def remove_boilerplate(text: str, lang: str = "en") -> tuple[str, list[Removed]]:
    """The text without boilerplate lines, and what was removed (offsets into ``text``)."""
    rules = load_rules(lang)
    lines = [(m.start(), m.group()) for m in _LINE.finditer(text) if m.group()]
    nonempty = [i for i, (_, raw) in enumerate(lines) if raw.strip()]
    position = {line_index: rank for rank, line_index in enumerate(nonempty)}
    kept: list[str] = []
    removed: list[Removed] = []
    list_reason, list_left = None, 0  # teaser links still expected under a bare label
    for i, (start, raw) in enumerate(lines):
        stripped = raw.strip()
        if not stripped:
            kept.append(raw)
            continue
        reason = None
        found = match_line(stripped, position[i], len(nonempty), lang)
        if found:
            rule, matched = found
            reason = rule.reason
            list_reason, list_left = (
                (reason, rules.label_list_lines) if _is_bare_label(rule, matched, stripped) else (None, 0)
            )
        elif list_left and is_headline_shaped(stripped, rules.label_list_max_words):
            reason, list_left = list_reason, list_left - 1
        else:
            list_reason, list_left = None, 0
        if reason is None:
            kept.append(raw)
            continue
        lead = len(raw) - len(raw.lstrip())
        removed.append(
            Removed(text=stripped, reason=reason, start=start + lead, end=start + lead + len(stripped))
        )
    return "".join(kept), removed
