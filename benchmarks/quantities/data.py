"""Read the quantity test sets in ../shared/eval into one case format.

Recognizers-Text English specs (Number, NumberRange, Percent, NumberWithUnit, Ordinal) and
quantulum3's own test sentences. Gold offsets become end-exclusive; gold values become
``[low, high]`` intervals (``None`` = open) and gold unit names become claimgraph unit codes
(``units.unit_code``), so both systems are judged the same way.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.quantities.units import unit_code

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"
SPECS = EVAL / "recognizers-text" / "Specs"
QUANTULUM_TESTS = EVAL / "quantulum3" / "quantulum3" / "_lang" / "en_US" / "tests"

_INTERVAL = re.compile(r"^(?P<open>[\[(])(?P<low>[^,]*),(?P<high>[^\])]*)(?P<close>[\])])$")

# The sets scored, and how extra predictions count (see score.py):
#   "all":    every predicted quantity that overlaps no gold one is an error (the set lists every number)
#   "bounded": only extra predicted ranges/bounds are errors (the set lists ranges, not plain numbers)
#   "percent": only extra predicted percentages are errors
#   "none":   recall only (the set lists one kind of unit; other quantities in the text are not listed)
RECOGNIZERS = {
    "Number": ("Number/English/NumberModel.json", "all", False),
    "NumberRange": ("Number/English/NumberRangeModel.json", "bounded", False),
    "Percent": ("Number/English/PercentModel.json", "percent", True),
    "Currency": ("NumberWithUnit/English/CurrencyModel.json", "none", True),
    "Dimension": ("NumberWithUnit/English/DimensionModel.json", "none", True),
    "Age": ("NumberWithUnit/English/AgeModel.json", "none", True),
    "Temperature": ("NumberWithUnit/English/TemperatureModel.json", "none", True),
}
AGE_UNITS = {"year": "age", "month": "age (months)", "week": "age (weeks)", "day": "age (days)"}
ORDINALS = ("Number/English/OrdinalModel.json", "Number/English/OrdinalModelSuppressExtendedTypes.json")


@dataclass(slots=True)
class Gold:
    start: int
    end: int
    low: float | None
    high: float | None
    unit: str | None  # claimgraph unit code; None = a plain number
    midpoint: bool = False  # quantulum3 writes a range as its midpoint: compare midpoints


@dataclass(slots=True)
class Case:
    set: str
    text: str
    golds: list[Gold] = field(default_factory=list)
    extras: str = "all"
    units: bool = False  # whether the unit must match too
    unsupported: bool = False  # Recognizers-Text marks it NotSupported in some of its own ports
    # Units that mean the same in this set, applied to gold and predictions alike: in the Age set a
    # "year" is a year of age, whichever way a system names it.
    same_units: dict[str, str] = field(default_factory=dict)
    values_only: bool = False  # the set writes plain values, never intervals (NumberWithUnit)


def _number(text: str) -> float | None:
    text = text.strip()
    if not text or text == "null":
        return None
    try:
        return float(text.rstrip("%"))
    except ValueError:
        return None


def _interval(value: str) -> tuple[float | None, float | None] | None:
    match = _INTERVAL.match(value.replace(" ", ""))
    if match is None:
        number = _number(value)
        return None if number is None else (number, number)
    return _number(match["low"]), _number(match["high"])


def _read_json(path: Path) -> list:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def recognizers_cases() -> list[Case]:
    cases = []
    for name, (rel, extras, units) in RECOGNIZERS.items():
        for item in _read_json(SPECS / rel):
            case = Case(name, item["Input"], extras=extras, units=units)
            case.unsupported = bool(item.get("NotSupported"))
            case.same_units = AGE_UNITS if name == "Age" else {}
            case.values_only = rel.startswith("NumberWithUnit")
            for result in item.get("Results", []):
                resolution = result.get("Resolution") or {}
                bounds = _interval(str(resolution.get("value", "")))
                if bounds is None:
                    continue  # "percent" or "dollar" alone: a unit word without a number is not a quantity
                unit = unit_code(resolution.get("unit"), currency=name == "Currency")
                unit = "%" if name == "Percent" else case.same_units.get(unit, unit)
                start = int(result["Start"])
                case.golds.append(Gold(start, int(result["End"]) + 1, bounds[0], bounds[1], unit))
            cases.append(case)
    return cases


def ordinal_spans() -> list[tuple[str, list[tuple[int, int]]]]:
    """Texts with the spans of ordinals ("the 4th", "second"), which must not become amounts."""
    texts = []
    for rel in ORDINALS:
        for item in _read_json(SPECS / rel):
            spans = [(int(r["Start"]), int(r["End"]) + 1) for r in item.get("Results", [])]
            if spans:
                texts.append((item["Input"], spans))
    return texts


def quantulum_cases() -> list[Case]:
    cases = []
    for rel in ("quantities.json", "quantities.ambiguity.json"):
        for item in _read_json(QUANTULUM_TESTS / rel):
            case = Case("quantulum3", item["req"], extras="all", units=True)
            cursor = 0
            for result in item["res"]:
                surface = result["surface"]
                start = item["req"].find(surface, cursor)
                if start < 0:
                    start = item["req"].find(surface)
                cursor = max(start, 0) + len(surface)
                value = float(result["value"])
                unit = unit_code(result["unit"])
                case.golds.append(Gold(start, start + len(surface), value, value, unit, midpoint=True))
            cases.append(case)
    return cases
