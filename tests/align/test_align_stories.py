import datetime as dt
import time

import pytest

from claimgraph.align.copies import find_copies
from claimgraph.align.stories import average_linkage, build_stories
from claimgraph.model import Document, DocumentAnalysis
from conftest import load_cases

WIRE = (
    "Floodwaters rose across the river valley overnight as heavy rain continued, forcing hundreds "
    "of families from their homes, regional officials said on Sunday. Emergency crews used boats "
    "to reach villages cut off by the water, and schools were turned into shelters. Forecasters "
    "expect more rain through Tuesday."
)


def _analysis(doc_id: str, text: str, published: dt.date | None = None) -> DocumentAnalysis:
    return DocumentAnalysis(Document(id=doc_id, source=doc_id, text=text, published=published))


@pytest.mark.parametrize("case", load_cases("align_stories"), ids=lambda c: c["name"])
def test_align_stories_partition(case):
    analyses = [_analysis(i, t) for i, t in case["documents"].items()]
    partition = sorted(sorted(s.documents) for s in build_stories(analyses))
    assert partition == sorted(sorted(s) for s in case["stories"])


@pytest.mark.parametrize("case", load_cases("align_stories"), ids=lambda c: c["name"])
def test_align_stories_order_independent(case):
    analyses = [_analysis(i, t) for i, t in case["documents"].items()]
    forward = [s.to_dict() for s in build_stories(analyses)]
    assert forward == [s.to_dict() for s in build_stories(list(reversed(analyses)))]


def _two_groups(inside: float, between: float, straggler: float) -> dict[tuple[int, int], float]:
    """Items 0-3 and 4-7 linked ``inside`` within and ``between`` across; item 8 links to 0-3."""
    edges = {}
    for i in range(8):
        for j in range(i + 1, 8):
            edges[(i, j)] = inside if (i < 4) == (j < 4) else between
    for i in range(4):
        edges[(i, 8)] = straggler
    return edges


@pytest.mark.parametrize(
    ("inside", "between", "ratio", "expected"),
    [
        # the frame they share lifts the link above the threshold, but each group is far closer
        (0.6, 0.35, 0.7, [[0, 1, 2, 3, 8], [4, 5, 6, 7]]),
        (0.6, 0.35, 0.0, [[0, 1, 2, 3, 4, 5, 6, 7], [8]]),
        # halves of one loosely knit story still merge
        (0.4, 0.35, 0.7, [[0, 1, 2, 3, 4, 5, 6, 7], [8]]),
        (0.6, 0.2, 0.7, [[0, 1, 2, 3, 8], [4, 5, 6, 7]]),
    ],
)
def test_align_stories_cohesion_keeps_settled_stories_apart(inside, between, ratio, expected):
    edges = _two_groups(inside, between, straggler=0.3)
    assert average_linkage(9, edges, 0.26, cohesion_ratio=ratio, cohesion_min_size=4) == expected


@pytest.mark.parametrize("n_copies", [2, 500])
def test_align_stories_wire_copies_bounded(n_copies):
    analyses = [_analysis(f"w{i:03d}", WIRE + (" (AP)" if i % 2 else "")) for i in range(n_copies)]
    analyses.append(
        _analysis(
            "other", "The central bank kept its main interest rate unchanged at four percent on Thursday."
        )
    )
    started = time.perf_counter()
    stories = build_stories(analyses)
    assert time.perf_counter() - started < 20
    wire = next(s for s in stories if "w000" in s.documents)
    assert len(wire.documents) == n_copies and len(wire.copies) == n_copies - 1
    assert set(wire.copies.values()) == {"w000"}  # no dates: the lowest id is the original


@pytest.mark.parametrize(
    ("dates", "original"),
    [
        ((dt.date(2024, 5, 2), dt.date(2024, 5, 1)), "b"),
        ((None, dt.date(2024, 5, 1)), "b"),
        ((None, None), "a"),
    ],
)
def test_align_copies_original_is_earliest(dates, original):
    documents = [
        Document(id="a", source="a", text=WIRE, published=dates[0]),
        Document(id="b", source="b", text=WIRE + " More follows.", published=dates[1]),
    ]
    copies = find_copies(documents)
    assert set(copies.values()) == {original} and len(copies) == 1


@pytest.mark.parametrize("text", ["", "Short.", "x " * 5])
def test_align_copies_short_texts_are_no_copies(text):
    assert (
        find_copies([Document(id="a", source="a", text=text), Document(id="b", source="b", text=text)]) == {}
    )


def _with_claims(analysis: DocumentAnalysis) -> DocumentAnalysis:
    from claimgraph.model import Claim

    text = analysis.document.text
    start = 0
    for sentence in text.split(". "):
        analysis.claims.append(
            Claim(
                id=f"{analysis.document.id}:c{start}",
                doc=analysis.document.id,
                text=sentence,
                start=start,
                end=start + len(sentence),
                predicate="rise",
            )
        )
        start += len(sentence) + 2
    return analysis


@pytest.mark.parametrize("n_copies", [1, 500])
def test_align_stories_align_bad_input_bounded(n_copies):
    from claimgraph.align import align

    analyses = [_with_claims(_analysis(f"w{i:03d}", WIRE)) for i in range(n_copies)]
    analyses.append(_with_claims(_analysis("x", "")))  # an empty, undated document
    started = time.perf_counter()
    stories, relations = align(analyses)
    assert time.perf_counter() - started < 30
    assert sorted(d for s in stories for d in s.documents) == sorted(a.document.id for a in analyses)
    assert relations == []  # copies are not aligned with their original; one original has no partner


def test_align_stories_compact_similarity_equals_dict_tfidf():
    """The array vectors and name ids score a pair exactly as text.py's dict TF-IDF and sets do."""
    import math
    from collections import Counter

    from claimgraph import data
    from claimgraph.align import stories
    from claimgraph.align.text import background_share, cosine, jaccard, name_words, words

    cfg = data.load("align")["stories"]
    texts = {
        "a": WIRE,
        "b": WIRE.replace("Sunday", "Monday") + " Officials in Riverton said the levee held.",
        "c": "Heavy rain closed schools in Riverton on Monday as the river rose, officials said.",
    }
    analyses = [_analysis(i, t) for i, t in texts.items()]
    vocabulary, name_ids = {}, {}
    sketches = [stories._sketch(a, vocabulary, name_ids, cfg) for a in analyses]
    feats = stories.features(sketches, vocabulary)
    bags = {i: Counter(words(t) + name_words(t) * int(cfg["name_boost"])) for i, t in texts.items()}
    df = Counter(t for bag in bags.values() for t in bag)
    size = len(bags) + cfg["background_docs"]  # IDF smoothed by pseudo-documents of everyday English

    def weight(term: str, count: int) -> float:
        everyday = cfg["background_docs"] * background_share(term, cfg["background_doc_words"])
        idf = math.log((1 + size) / (1 + df[term] + everyday)) + 1
        return (1 + math.log(count)) * idf ** cfg["idf_power"]

    vectors = {}
    for i, bag in bags.items():
        raw = {t: weight(t, c) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in raw.values()))
        vectors[i] = {t: v / norm for t, v in raw.items()}
    names = {i: set(name_words(t)) for i, t in texts.items()}
    for x, y in (("a", "b"), ("a", "c"), ("b", "c")):
        fx, fy = (feats[list(texts).index(k)] for k in (x, y))
        assert stories._cosine(fx, fy) == pytest.approx(cosine(vectors[x], vectors[y]), abs=1e-12)
        assert stories._jaccard(fx.names, fy.names) == jaccard(names[x], names[y])
    assert stories._cosine(feats[0], feats[1]) > stories._cosine(feats[0], feats[2]) > 0
