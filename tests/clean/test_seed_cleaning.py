"""The seeds' cleaning acceptance items (../shared/seeds/expected.yaml)."""

from __future__ import annotations

import datetime as dt

import pytest

from claimgraph.clean import clean
from claimgraph.ingest.files import read_file


def _cleaned(path):
    (raw,) = read_file(path, max_bytes=10_000_000)
    return clean(raw)


@pytest.fixture(scope="module")
def seeds(seed_paths, expected_seeds):
    return {p.name: (p, _cleaned(p), expected_seeds["documents"][p.name]) for p in seed_paths}


def test_seed_boilerplate_gone_and_every_article_line_kept(seeds):
    for path, document, expected in seeds.values():
        boilerplate = expected.get("boilerplate", [])
        for snippet in boilerplate:
            assert snippet not in document.text, f"{path.name}: boilerplate left: {snippet}"
            assert any(snippet in r.text for r in document.removed), f"{path.name}: not reported: {snippet}"
        article_lines = [
            line.strip()
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not any(line.strip().startswith(s) or s in line for s in boilerplate)
        ]
        for line in article_lines:
            assert line in document.text, f"{path.name}: article text lost: {line[:80]}"
        assert len(document.removed) == len(boilerplate), [r.text[:60] for r in document.removed]


@pytest.mark.parametrize(
    ("name", "published", "published_from", "outlet"),
    [("000_479272da0ed33a64.txt", dt.date(2025, 7, 2), "dateline", "ANI")],
)
def test_seed_published_from_dateline(seeds, name, published, published_from, outlet):
    _, document, _ = seeds[name]
    assert (document.published, document.published_from, document.outlet) == (
        published,
        published_from,
        outlet,
    )


def test_seed_image_caption_reason(seeds):
    _, document, _ = seeds["003_b88051d74b3f4a63.txt"]
    assert [r.reason for r in document.removed] == ["photo caption or credit"]
    assert "Image source" not in document.text
