import pytest

from claimgraph.align.compare import compare_places, compare_quantities, compare_times
from claimgraph.model import PlaceMention, QuantityMention, TimeMention
from conftest import load_cases

CASES = load_cases("align_values")


def _quantity(low, high, approximate, unit):
    return QuantityMention(
        doc="d", text="q", start=0, end=1, low=low, high=high, approximate=approximate, unit=unit
    )


def _time(value, mod, alternatives):
    return TimeMention(
        doc="d", text="t", start=0, end=1, value=str(value), mod=mod, alternatives=alternatives
    )


def _place(name, lat, lon, level, country, geonames_id):
    return PlaceMention(
        doc="d",
        text=name,
        start=0,
        end=1,
        name=name,
        lat=lat,
        lon=lon,
        level=level,
        country_code=country,
        geonames_id=geonames_id,
    )


def _outcome(verdict):
    return verdict.outcome if verdict else None


@pytest.mark.parametrize("case", CASES["quantities"], ids=str)
def test_align_values_quantities(case):
    a, b = _quantity(*case["a"]), _quantity(*case["b"])
    assert _outcome(compare_quantities(a, b)) == case["outcome"]
    assert _outcome(compare_quantities(b, a)) == case["outcome"]


@pytest.mark.parametrize("case", CASES["times"], ids=str)
def test_align_values_times(case):
    a, b = _time(*case["a"]), _time(*case["b"])
    assert _outcome(compare_times(a, b)) == case["outcome"]
    assert _outcome(compare_times(b, a)) == case["outcome"]


@pytest.mark.parametrize("case", CASES["places"], ids=str)
def test_align_values_places(case):
    a, b = _place(*case["a"]), _place(*case["b"])
    verdict = compare_places(a, b)
    assert _outcome(verdict) == case["outcome"]
    assert _outcome(compare_places(b, a)) == case["outcome"]
    if verdict:
        assert verdict.reason
