"""Claim alignment against ECB+ cross-document event coreference.

Each validated ECB+ sentence (ECBplus_coreference_sentences.csv) becomes a claim; two sentences of
different documents of one sub-topic state the same fact when they hold mentions of one
cross-document action chain. Alignment runs per gold sub-topic (stories are measured by
``benchmarks.stories.ecbplus``) with light mentions (capitalised words as entities, numerals as
quantities: the annotators are not run), and any relation between two sentences counts as
"same fact". Pairwise precision/recall/F1 at several same-fact thresholds, beside a lexical
baseline (TF-IDF cosine of the sentences above a cut).

Run: ``python -m benchmarks.align.ecb_events``
"""

from __future__ import annotations

import csv
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

from benchmarks.align.cost import _analysis
from benchmarks.stories.corpora import EVAL, detokenize
from claimgraph import data
from claimgraph.align import story_relations
from claimgraph.align.text import cosine, document_frequencies, tfidf, words
from claimgraph.model import Claim


def load(topics: range) -> dict[str, list]:
    """Sub-topic -> list of (doc id, {sentence: text}, {sentence: set of action chains})."""
    root = EVAL / "ecbplus"
    validated = defaultdict(set)
    with (root / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            validated[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    subtopics = defaultdict(list)
    for topic in topics:
        for path in sorted((root / "ECB+" / str(topic)).glob("*.xml")):
            tree = ET.parse(path).getroot()
            tokens = {t.get("t_id"): t for t in tree.iter("token")}
            sentences = defaultdict(list)
            for token in tokens.values():
                sentences[int(token.get("sentence"))].append(token.text or "")
            anchors = {
                m.get("m_id"): [a.get("t_id") for a in m.iter("token_anchor")] for m in tree.find("Markables")
            }
            chains = defaultdict(set)
            for link in tree.iter("CROSS_DOC_COREF"):
                note = link.get("note", "")
                if not note.startswith("ACT"):
                    continue
                for source in link.iter("source"):
                    for t_id in anchors.get(source.get("m_id"), []):
                        chains[int(tokens[t_id].get("sentence"))].add(note)
            keep = validated.get(path.stem, set())
            texts = {s: detokenize(sentences[s]) for s in sorted(keep) if s in sentences}
            subtopics[f"{topic}{'+' if path.stem.endswith('ecbplus') else ''}"].append(
                (path.stem, texts, chains)
            )
    return subtopics


def gold_pairs(docs) -> set[frozenset]:
    by_chain = defaultdict(set)
    for doc, texts, chains in docs:
        for s in texts:
            for chain in chains.get(s, ()):
                by_chain[chain].add((doc, s))
    pairs = set()
    for members in by_chain.values():
        for a in members:
            for b in members:
                if a[0] < b[0]:
                    pairs.add(frozenset((a, b)))
    return pairs


def _analyses(docs):
    analyses = []
    for doc, texts, _ in docs:
        text = "\n".join(texts.values())
        analysis = _analysis(doc, text)
        # one claim per validated sentence, keyed by its sentence number
        offset, claims = 0, []
        for s, sentence in texts.items():
            claims.append(
                Claim(
                    id=f"{doc}:{s}",
                    doc=doc,
                    text=sentence,
                    start=offset,
                    end=offset + len(sentence),
                    mentions=[m.id for m in analysis.mentions if offset <= m.start < offset + len(sentence)],
                )
            )
            offset += len(sentence) + 1
        analysis.claims = claims
        analyses.append(analysis)
    return analyses


def _key(claim_id: str) -> tuple[str, int]:
    doc, s = claim_id.rsplit(":", 1)
    return doc, int(s)


def score(predicted: set, gold: set) -> tuple[float, float, float]:
    hit = len(predicted & gold)
    p = hit / len(predicted) if predicted else 0.0
    r = hit / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    subtopics = load(range(1, 36))
    cfg = data.load("align")["claims"]
    gold = set().union(*(gold_pairs(d) for d in subtopics.values()))
    rows = []
    for same_fact in (0.3, 0.35, 0.42, 0.5):
        cfg["same_fact"] = same_fact
        predicted = set()
        for docs in subtopics.values():
            for relation in story_relations(_analyses(docs), {}):
                a, b = (_key(c) for c in relation.claims)
                if a[0] != b[0]:
                    predicted.add(frozenset((a, b)))
        p, r, f = score(predicted, gold)
        rows.append(f"| claimgraph, same_fact {same_fact} | {p:.3f} | {r:.3f} | {f:.3f} | {len(predicted)} |")
        print(rows[-1], flush=True)
    for cut in (0.2, 0.3, 0.4):
        predicted = set()
        for docs in subtopics.values():
            bags = {(doc, s): words(t) for doc, texts, _ in docs for s, t in texts.items()}
            df = document_frequencies(bags.values())
            vectors = {k: tfidf(b, df, len(bags)) for k, b in bags.items()}
            keys = sorted(vectors)
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    if a[0] != b[0] and cosine(vectors[a], vectors[b]) >= cut:
                        predicted.add(frozenset((a, b)))
        p, r, f = score(predicted, gold)
        rows.append(f"| TF-IDF cosine >= {cut}, all pairs | {p:.3f} | {r:.3f} | {f:.3f} | {len(predicted)} |")
        print(rows[-1], flush=True)
    table = "\n".join(
        [
            "Claim alignment vs ECB+ cross-document action coreference (topics 1-35,",
            f"{len(gold)} gold sentence pairs), validated sentences as claims, light mentions",
            "(annotators not run); a pair is predicted when any relation links the two sentences.",
            "",
            "| system | P | R | F1 | predicted pairs |",
            "|---|---|---|---|---|",
            *rows,
        ]
    )
    print(table)
    if "--no-write" not in sys.argv:
        from benchmarks._results import write_section

        write_section("align-ecb-events", table, command="python -m benchmarks.align.ecb_events")


if __name__ == "__main__":
    main()
