"""Readers for the story benchmarks: ECB+ documents and NewsWCL50 articles as Documents.

Text is rebuilt from the corpora's tokens (the only form they ship).
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from claimgraph.model import Document, DocumentAnalysis

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}'”’]|n't|'s)")
_NO_SPACE_AFTER = re.compile(r"([(\[{“‘$]) ")


def detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))


def ecbplus(topics: range = range(1, 36)) -> tuple[list[DocumentAnalysis], dict[str, str]]:
    """ECB+ documents of ``topics`` and their gold sub-topic (topic + ecb/ecbplus half)."""
    root = EVAL / "ecbplus" / "ECB+"
    analyses, gold = [], {}
    for topic in topics:
        folder = root / str(topic)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.xml")):
            sentences: dict[int, list[str]] = defaultdict(list)
            for token in ET.parse(path).getroot().iter("token"):
                sentences[int(token.get("sentence", 0))].append(token.text or "")
            text = "\n".join(detokenize(sentences[s]) for s in sorted(sentences))
            doc_id = path.stem
            analyses.append(DocumentAnalysis(Document(id=doc_id, source=str(path), text=text)))
            gold[doc_id] = f"{topic}{'+' if path.stem.endswith('ecbplus') else ''}"
    return analyses, gold


def newswcl50() -> tuple[list[DocumentAnalysis], dict[str, str]]:
    """NewsWCL50's 50 articles (headline first) and their gold event (10 events, 5 outlets each)."""
    path = EVAL / "newswcl50" / "NewsWCL50-prep" / "output_data" / "conll.csv"
    tokens: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            tokens[row["doc_id"]][int(row["sent_id"])].append(row["token"])
    analyses, gold = [], {}
    for doc_id in sorted(tokens):
        sentences = tokens[doc_id]
        text = "\n".join(detokenize(sentences[s]) for s in sorted(sentences))
        analyses.append(DocumentAnalysis(Document(id=doc_id, source=str(path), text=text)))
        gold[doc_id] = doc_id.split("_")[0]
    return analyses, gold


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster label) against gold."""
    pred_members: dict[str, set[str]] = defaultdict(set)
    gold_members: dict[str, set[str]] = defaultdict(set)
    for item, label in predicted.items():
        pred_members[label].add(item)
    for item, label in gold.items():
        gold_members[label].add(item)
    precision = recall = 0.0
    for item in gold:
        p, g = pred_members[predicted[item]], gold_members[gold[item]]
        both = len(p & g)
        precision += both / len(p)
        recall += both / len(g)
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)
