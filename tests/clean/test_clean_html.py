"""HTML pages go through trafilatura: main text and metadata; the date comes from htmldate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claimgraph.clean import clean
from claimgraph.clean.html import extract_html
from claimgraph.errors import InputError
from claimgraph.model import RawInput

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

PAGE = """<!DOCTYPE html><html><head><title>{title} | The Gazette</title>
<meta property="og:site_name" content="The Gazette">{meta}</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>{body}</article>
<footer><p>Privacy policy</p><p>Cookie settings</p></footer></body></html>"""
BODY = "".join(
    f"<p>{s}</p>"
    for s in (
        "A ferry carrying 212 passengers ran aground off the coast early on Sunday, the coast guard said.",
        "All passengers were taken off the vessel by lifeboats, and nine were treated for minor injuries.",
        "The operator said the ship had lost power in heavy seas about two miles from the harbour entrance.",
        "Investigators will examine the engine logs, a spokesman for the maritime authority said on Sunday.",
    )
)


@pytest.mark.parametrize(
    ("meta", "published", "published_from"),
    [
        (
            '<meta property="article:published_time" content="2025-11-02T08:00:00Z">',
            dt.date(2025, 11, 2),
            "metadata",
        ),
        ('<meta name="date" content="2024-03-15">', dt.date(2024, 3, 15), "metadata"),
        ("", None, None),
    ],
)
def test_html_metadata_date(meta, published, published_from):
    html = PAGE.format(title="Ferry runs aground with 212 on board", meta=meta, body=BODY)
    document = clean(RawInput(source="page.html", content=html, media_type="html"))
    assert (document.published, document.published_from) == (published, published_from)
    assert document.title == "Ferry runs aground with 212 on board"
    assert document.outlet == "The Gazette"
    assert "Cookie settings" not in document.text and "Sport" not in document.text
    assert "nine were treated for minor injuries" in document.text


def test_html_example_page():
    html = (EXAMPLES / "02_eurodaily.html").read_text(encoding="utf-8")
    document = clean(RawInput(source="02_eurodaily.html", content=html, media_type="html"))
    assert (document.published, document.published_from, document.outlet) == (
        dt.date(2026, 3, 12),
        "metadata",
        "EuroDaily",
    )
    for chrome in (
        "Most read",
        "All rights reserved",
        "Privacy policy",
        "EU ministers meet",
        "READ MORE",
        "Share this",
    ):
        assert chrome not in document.text
    assert {r.reason for r in document.removed} == {"promotional teaser", "share or subscribe prompt"}
    assert "Nearly 1,000 residents were told to leave their homes" in document.text


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><head><title>x</title></head><body></body></html>",
        "<<<>>> </div></p><p <b",
    ],
    ids=["only-navigation", "empty-body", "garbage-markup"],
)
def test_html_without_article_is_an_input_error(html):
    with pytest.raises(InputError):
        clean(RawInput(source="bad.html", content=html, media_type="html"))


def test_html_malformed_but_readable():
    html = "<html><body><div><p>" + BODY.replace("</p>", "") + "<td><span></div></html>"
    page = extract_html(html)
    assert "ran aground off the coast" in page.text


@pytest.mark.parametrize("text", ["", "   \n\n ", "Too short."], ids=["empty", "blank", "short"])
def test_too_little_text_is_an_input_error(text):
    with pytest.raises(InputError, match="too little text"):
        clean(RawInput(source="t.txt", content=text, media_type="text"))


def test_html_bloated_with_scripts_is_extracted_fast():
    html = (EXAMPLES / "02_eurodaily.html").read_text(encoding="utf-8")
    html = html.replace("<head>", "<head><script>" + "var tracking = 1;\n" * 400_000 + "</script>")
    page = extract_html(html)
    assert page.published == dt.date(2026, 3, 12) and "Nearly 1,000 residents" in page.text


def test_html_too_much_markup_is_refused_quickly():
    html = "<html><body>" + "<div><p>A paragraph of text on a page.</p></div>" * 120_000 + "</body></html>"
    with pytest.raises(InputError, match="HTML page too large"):
        extract_html(html)


def test_too_much_text_is_an_input_error():
    text = "The council met again on Monday to discuss the budget, officials said. " * 15_000
    with pytest.raises(InputError, match="too much text for one article"):
        clean(RawInput(source="t.txt", content=text, media_type="text"))
