import pytest

from claimgraph.align import relate_stories, story_relations
from claimgraph.model import (
    Claim,
    Document,
    DocumentAnalysis,
    EntityMention,
    PlaceMention,
    QuantityMention,
    SourceRef,
    Story,
    TimeMention,
)
from conftest import load_cases


def _claim(spec: dict, index: int) -> tuple[Claim, list]:
    doc = spec["doc"]
    mentions = []
    position = 1000 * index
    for low, high, approximate, counted in spec.get("quantities", []):
        position += 1
        mentions.append(
            QuantityMention(
                doc=doc,
                text=f"{low}-{high}",
                start=position,
                end=position + 1,
                low=low,
                high=high,
                approximate=approximate,
                counted=counted,
            )
        )
    for value in spec.get("times", []):
        position += 1
        mentions.append(
            TimeMention(doc=doc, text=str(value), start=position, end=position + 1, value=str(value))
        )
    for name, lat, lon, level, country, geonames_id in spec.get("places", []):
        position += 1
        mentions.append(
            PlaceMention(
                doc=doc,
                text=name,
                start=position,
                end=position + 1,
                name=name,
                lat=lat,
                lon=lon,
                level=level,
                country_code=country,
                geonames_id=geonames_id,
            )
        )
    for canonical in spec.get("actors", []):
        position += 1
        mentions.append(
            EntityMention(
                doc=doc, text=canonical, start=position, end=position + 1, label="ORG", canonical=canonical
            )
        )
    claim = Claim(
        id=f"{doc}:c{index}",
        doc=doc,
        text=spec["text"],
        start=0,
        end=len(spec["text"]),
        sources=[SourceRef(name=s, start=0, end=1) for s in spec.get("sources", [])],
        mentions=[m.id for m in mentions],
        predicate=spec.get("predicate"),
        negated=spec.get("negated", False),
    )
    return claim, mentions


def _analyses(specs: list[dict]) -> list[DocumentAnalysis]:
    by_doc: dict[str, DocumentAnalysis] = {}
    for index, spec in enumerate(specs):
        claim, mentions = _claim(spec, index)
        analysis = by_doc.setdefault(
            spec["doc"], DocumentAnalysis(Document(id=spec["doc"], source="t", text=""))
        )
        analysis.claims.append(claim)
        analysis.mentions += mentions
    return list(by_doc.values())


@pytest.mark.parametrize("case", load_cases("align_relations"), ids=lambda c: c["name"])
def test_align_relations_pairs(case):
    relations = story_relations(_analyses([case["a"], case["b"]]), {})
    found = {(r.kind, r.slot, r.independent) for r in relations}
    for kind, slot, independent in case["expect"]:
        assert (kind, slot, independent) in found, relations
    for absent in case.get("absent", []):
        kind, _, slot = absent.partition(":")
        assert not [r for r in relations if r.kind == kind and (not slot or r.slot == slot)], relations
    assert all(r.explanation for r in relations)


@pytest.mark.parametrize(
    ("sources", "origins"),
    [(([], []), 2), ((["CNN", "Army intelligence"], ["Army intelligence"]), 1), ((["Police"], ["Mayor"]), 2)],
)
def test_align_relations_fact_drift_and_origins(sources, origins):
    import datetime as dt

    from claimgraph.align.drift import story_facts

    later = {
        "doc": "late",
        "text": "Over 11,000 troops were sent to the front in the autumn offensive.",
        "predicate": "send",
        "quantities": [[11000, None, False, "troop"]],
        "sources": sources[1],
    }
    earlier = {
        "doc": "early",
        "text": "11,000 troops were sent to the front in the autumn offensive.",
        "predicate": "send",
        "quantities": [[11000, 11000, False, "troop"]],
        "sources": sources[0],
    }
    analyses = _analyses([later, earlier])
    for analysis, day in zip(analyses, (dt.date(2025, 7, 3), dt.date(2025, 7, 1)), strict=True):
        analysis.document.published = day
    relations = story_relations(analyses, {})
    (fact,) = story_facts(analyses, relations, {})
    assert fact["first"]["doc"] == "early" and fact["origins"] == origins
    assert [d["published"] for d in fact["drift"]] == ["2025-07-01", "2025-07-03"]


@pytest.mark.parametrize("order", [0, 1])
def test_align_relations_elaborates_points_to_the_precise_claim(order):
    wide = {
        "doc": "d1",
        "text": "The regiment crossed the border in the fall of 2024.",
        "predicate": "cross",
        "times": ["2024-FA"],
    }
    narrow = {
        "doc": "d2",
        "text": "The regiment crossed the border in November 2024.",
        "predicate": "cross",
        "times": ["2024-11"],
    }
    specs = [wide, narrow] if order == 0 else [narrow, wide]
    (relation,) = [r for r in story_relations(_analyses(specs), {}) if r.kind == "elaborates"]
    assert relation.claims[1].startswith("d2")


def test_align_relations_names_unified_across_a_story():
    first = DocumentAnalysis(
        Document(id="d1", source="d1", text="Kim Jong-un met the envoy. The NIS said so."),
        mentions=[
            EntityMention(
                doc="d1", text="Kim Jong-un", start=0, end=11, label="PERSON", canonical="Kim Jong-un"
            ),
            EntityMention(doc="d1", text="NIS", start=31, end=34, label="ORG", canonical="NIS"),
        ],
    )
    second = DocumentAnalysis(
        Document(id="d2", source="d2", text="Kim met the envoy, the National Intelligence Service said."),
        mentions=[
            EntityMention(doc="d2", text="Kim", start=0, end=3, label="PERSON", canonical="Kim"),
            EntityMention(
                doc="d2",
                text="National Intelligence Service",
                start=23,
                end=52,
                label="ORG",
                canonical="National Intelligence Service",
            ),
        ],
    )
    other_story = DocumentAnalysis(
        Document(id="d3", source="d3", text="Kim won the match."),
        mentions=[EntityMention(doc="d3", text="Kim", start=0, end=3, label="PERSON", canonical="Kim")],
    )
    stories = [Story(id="s1", title="", documents=["d1", "d2"]), Story(id="s2", title="", documents=["d3"])]
    relate_stories(stories, [first, second, other_story])
    assert [m.canonical for m in second.mentions] == ["Kim Jong-un", "National Intelligence Service"]
    assert [m.canonical for m in first.mentions] == ["Kim Jong-un", "National Intelligence Service"]
    assert other_story.mentions[0].canonical == "Kim"  # another story's Kim is not unified with it
