"""Scoring of time expressions the TempEval-3 way (Task A: extents, type, value).

A system TIMEX3 matches a gold one when their spans overlap (relaxed) or are identical (strict),
one to one. Value F1 counts a relaxed match only when the normalised value is equal; type
accuracy is the share of relaxed matches with the right type.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Span:
    start: int
    end: int
    type: str
    value: str | None


@dataclass(slots=True)
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, gold: list[Span], system: list[Span]) -> list[tuple[Span | None, Span | None]]:
        """Count one document; returns the (gold, system) pairs and misses, for error listings."""
        self.gold += len(gold)
        self.system += len(system)
        used: set[int] = set()
        pairs: list[tuple[Span | None, Span | None]] = []
        for g in gold:
            best = None
            for i, s in enumerate(system):
                if i in used or s.end <= g.start or s.start >= g.end:
                    continue
                if best is None or (s.start, s.end) == (g.start, g.end):
                    best = i
            if best is None:
                pairs.append((g, None))
                continue
            used.add(best)
            s = system[best]
            self.relaxed += 1
            self.strict += (s.start, s.end) == (g.start, g.end)
            self.type_ok += s.type == g.type
            self.value_ok += s.value == g.value
            pairs.append((g, s))
        pairs.extend((None, s) for i, s in enumerate(system) if i not in used)
        return pairs

    @staticmethod
    def f1(hits: int, gold: int, system: int) -> float:
        if not hits:
            return 0.0
        precision, recall = hits / system, hits / gold
        return 2 * precision * recall / (precision + recall)

    def row(self) -> dict[str, float]:
        return {
            "strict F1": self.f1(self.strict, self.gold, self.system),
            "relaxed F1": self.f1(self.relaxed, self.gold, self.system),
            "relaxed P": self.relaxed / self.system if self.system else 0.0,
            "relaxed R": self.relaxed / self.gold if self.gold else 0.0,
            "type acc": self.type_ok / self.relaxed if self.relaxed else 0.0,
            "value F1": self.f1(self.value_ok, self.gold, self.system),
        }
