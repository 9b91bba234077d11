"""The analyst's report: sections, intervals, links to sentences, hostile text, scale."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import struct
from html.parser import HTMLParser

import pytest

from claimgraph.model import Analysis, Story
from claimgraph.report.basemap import read_rings, rings_to_path, world_path
from claimgraph.report.html import csp_hash, render_html, render_report_json, render_report_markdown
from claimgraph.report.load import analysis_from_json
from claimgraph.report.view import StoryView, select_story, timex_interval
from conftest import load_cases


@pytest.fixture(scope="module")
def story_data() -> dict:
    return load_cases("report_story")


@pytest.fixture
def story(story_data) -> Analysis:
    return analysis_from_json(copy.deepcopy(story_data))


class Page(HTMLParser):
    """Every element with its attributes, and the text of each <script>."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if tag == "script":
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.elements if a.get("id")}


@pytest.mark.parametrize(
    ("value", "mod", "expected"),
    [
        ("2024-11", None, ("2024-11-01", "2024-11-30")),
        ("2024-FA", None, ("2024-09-01", "2024-11-30")),
        ("2024-WI", None, ("2024-12-01", "2025-02-28")),
        ("2025-05-18", None, ("2025-05-18", "2025-05-18")),
        ("2025-04", "END", ("2025-04-21", "2025-04-30")),
        ("2025-Q2", None, ("2025-04-01", "2025-06-30")),
        ("2025", None, ("2025-01-01", "2025-12-31")),
        ("2025-W01", None, ("2024-12-30", "2025-01-05")),
        ("XXXX-05", None, None),
        ("P3M", None, None),
        ("PRESENT_REF", None, None),
        ("2025-13", None, None),
        (None, None, None),
    ],
)
def test_timex_interval(value, mod, expected):
    got = timex_interval(value, mod)
    assert (got and (got[0].isoformat(), got[1].isoformat())) == expected


def test_report_disputed_first_with_both_sides(story):
    html = render_html(story, "s1")
    assert html.index('id="disputed"') < html.index('id="agreed"') < html.index('id="single"')
    table = html[
        html.index('<table class="disputed">') : html.index(
            "</table>", html.index('<table class="disputed">')
        )
    ]
    assert table.count('<tr class="conflict') == 2
    for text in ("≈1,200 worker", "≈3,000 worker", "2025-02", "2025-01", "per Portville union", "reported"):
        assert text in table


def test_report_agreed_counts_independent_origins(story):
    agreed = StoryView(story, select_story(story, "s1")).agreed()
    # two outlets citing different sources -> two origins; the wire copy relays the same report -> one
    assert [(row["independent_origins"], sorted(f["doc"] for f in row["facts"])) for row in agreed] == [
        (2, ["d1", "d2"]),
        (1, ["d1", "d3"]),
    ]


def test_report_timeline_draws_intervals_and_alternatives(story):
    rows = StoryView(story, select_story(story, "s1")).timeline()
    by_text = {r["text"]: r for r in rows}
    assert by_text["the spring of 2025"]["intervals"] == [["2025-03-01", "2025-05-31"]]
    assert by_text["July or August"]["alternatives"] is True
    assert by_text["July or August"]["intervals"] == [
        ["2025-07-01", "2025-07-31"],
        ["2025-08-01", "2025-08-31"],
    ]


def test_every_fact_link_lands_on_its_sentence(story):
    html = render_html(story, "s1")
    page = Page(html)
    ids = page.ids()
    links = [
        a["href"][1:] for tag, a in page.elements if tag == "a" and (a.get("href") or "").startswith("#")
    ]
    assert links and all(link in ids for link in links), sorted(set(links) - ids)
    for claim in (c for d in story.documents if d.document.id != "d4" for c in d.claims):
        element = f"c-{claim.doc}-{claim.start}-{claim.end}"
        assert element in ids
        sentence = html[html.index(f'id="{element}"') :]
        assert "Portville" in sentence or "spring" in sentence or "ministry" in sentence or "Read" in sentence


HOSTILE_MARKERS = (
    "alert(1)",
    "alert(2)",
    "alert(3)",
    "alert(4)",
    "alert(5)",
    "alert(6)",
    "alert(7)",
    "alert(8)",
)


@pytest.mark.parametrize("story_id", ["s1", None])
def test_hostile_text_is_inert(story, story_id):
    html = render_html(story, story_id)
    page = Page(html)
    scripts = [a for tag, a in page.elements if tag == "script"]
    assert len(scripts) == 2  # the embedded data and the report's own script, nothing else
    assert scripts[0].get("type") == "application/json"
    for tag, attrs in page.elements:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action", "xlink:href"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (tag, attrs)
        assert tag not in ("img", "iframe", "object", "embed", "base", "form")
    assert "</script" not in page.scripts[0]
    assert json.loads(page.scripts[0])["story"]["id"] == (story_id or "all")
    csp = next(a["content"] for tag, a in page.elements if a.get("http-equiv") == "Content-Security-Policy")
    assert csp_hash(page.scripts[1]) in csp and "default-src 'none'" in csp
    text = re.sub(r"<[^>]+>", "", html)
    assert all(marker in text for marker in HOSTILE_MARKERS if story_id or marker != "alert(8)")


def test_report_formats_agree(story):
    data = json.loads(render_report_json(story, "s1"))
    assert [r["slot"] for r in data["disputed"]] == ["quantity", "time"]
    assert data["places"]["located"][0]["level"] in ("facility", "city")
    markdown = render_report_markdown(story, "s1")
    assert "## Disputed facts" in markdown and "≈3,000 worker" in markdown
    assert "<script" not in markdown and "&lt;script&gt;alert(5)" in markdown


@pytest.mark.parametrize(
    "analysis",
    [
        Analysis(),
        Analysis(stories=[Story(id="empty", title="no documents")]),
    ],
    ids=["nothing", "story-without-documents"],
)
def test_report_of_nothing_renders(analysis):
    story_id = analysis.stories[0].id if analysis.stories else None
    html = render_html(analysis, story_id)
    assert "No cross-document relations have been computed" in html
    assert "No dated mentions." in html and "No geocoded places." in html


def test_report_without_relations_or_mentions(story):
    story.relations.clear()
    for d in story.documents:
        d.mentions.clear()
    html = render_html(story, "s1")
    assert "No cross-document relations have been computed" in html
    assert "every claim is listed here" in html


def test_unknown_story_is_a_clear_error(story):
    with pytest.raises(KeyError):
        render_html(story, "no-such-story")


def test_report_stays_usable_at_500_documents(story_data):
    data = copy.deepcopy(story_data)
    base = [d for d in data["documents"] if d["id"] in ("d1", "d2")]
    ids = []
    for i in range(250):
        for d in base:
            clone_id = f"{d['id']}x{i}"
            ids.append(clone_id)
            data["documents"].append({**d, "id": clone_id})
            data["mentions"] += [
                {**m, "doc": clone_id, "id": m["id"].replace(d["id"], clone_id, 1)}
                for m in story_data["mentions"]
                if m["doc"] == d["id"]
            ]
            data["claims"] += [
                {
                    **c,
                    "doc": clone_id,
                    "id": c["id"].replace(d["id"], clone_id, 1),
                    "mentions": [m.replace(d["id"], clone_id, 1) for m in c["mentions"]],
                }
                for c in story_data["claims"]
                if c["doc"] == d["id"]
            ]
    data["stories"].append({"id": "big", "title": "big", "documents": ids})
    start = dt.datetime.now()
    html = render_html(analysis_from_json(data), "big")
    assert (dt.datetime.now() - start).total_seconds() < 20
    page = Page(html)
    docs = [a for tag, a in page.elements if tag == "details" and (a.get("id") or "").startswith("doc-")]
    assert len(docs) == 500 and not any("open" in a for a in docs)  # texts folded
    assert html.count("<svg") <= 6  # plots stay bounded (timeline capped)


def test_base_map_ships_and_stays_on_the_canvas():
    path = world_path()
    numbers = [float(n) for n in re.findall(r"-?\d+\.?\d*", path)]
    assert len(path) > 10_000 and path.startswith("M")
    assert min(numbers) >= 0 and max(numbers[0::2]) <= 360 and max(numbers[1::2]) <= 180


def test_shapefile_reader_and_simplifier():
    square = [(10.0, 10.0), (10.0, 20.0), (15.0, 20.01), (20.0, 20.0), (20.0, 10.0), (10.0, 10.0)]
    body = struct.pack("<i4d2i", 5, 10, 10, 20, 20, 1, len(square)) + struct.pack("<i", 0)
    body += b"".join(struct.pack("<2d", *p) for p in square)
    header = struct.pack(">i20xi", 9994, (100 + 8 + len(body)) // 2) + b"\0" * 72
    data = header + struct.pack(">2i", 1, len(body) // 2) + body
    rings = read_rings(data)
    assert rings == [square]
    assert rings_to_path(rings, tolerance=0.1) == "M190.0 80.0L190.0 70.0L200.0 70.0L200.0 80.0L190.0 80.0Z"
    with pytest.raises(ValueError):
        read_rings(b"not a shapefile" * 10)
