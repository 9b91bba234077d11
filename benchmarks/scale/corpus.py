"""News texts for the scale benchmarks, read from the development corpora in ../shared/eval.

PolNEAR articles, geoparsing news (LGL, TR-News), TempEval-3 TimeBank/AQUAINT and ECB+
documents: about 2,650 real news texts, yielded one at a time in a fixed order.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"


def _polnear() -> Iterator[str]:
    for path in sorted((EVAL / "polnear" / "data").glob("*/text/*.txt")):
        yield path.read_text(encoding="utf-8", errors="replace")


def _geoparsing() -> Iterator[str]:
    for name in ("lgl.xml", "TR-News.xml"):
        for article in ET.parse(EVAL / "geoparsing" / name).getroot().iter("article"):
            title, text = article.findtext("title") or "", article.findtext("text") or ""
            yield f"{title}\n\n{text}" if title and not text.startswith(title) else text


def _tempeval() -> Iterator[str]:
    for path in sorted((EVAL / "tempeval3").rglob("*.tml")):
        node = ET.parse(path).getroot().find("TEXT")
        if node is not None:
            yield "".join(node.itertext()).strip()


def _ecbplus() -> Iterator[str]:
    for path in sorted((EVAL / "ecbplus").rglob("*.xml")):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        sentences: dict[str, list[str]] = {}
        for token in root.iter("token"):
            sentences.setdefault(token.get("sentence", "0"), []).append(token.text or "")
        yield "\n".join(" ".join(words) for words in sentences.values())


def texts(limit: int | None = None) -> Iterator[str]:
    """Up to ``limit`` news texts of at least 200 characters."""
    found = (t for source in (_polnear, _geoparsing, _tempeval, _ecbplus) for t in source() if len(t) >= 200)
    return islice(found, limit)
