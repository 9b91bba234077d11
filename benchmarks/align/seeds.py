"""The seed acceptance case: every relation of ../shared/seeds/expected.yaml found, the shared
CNN/intelligence agreement marked not independent, and no other conflict.

A relation is found when a reported relation of its kind (and slot, when given) links two claims
whose texts contain the ``match`` phrases of the two documents ("any": either document).

Run: ``python -m benchmarks.align.seeds``
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def _doc_key(document_id: str, source: str) -> str:
    return Path(source).name[:3]


def _matches(claim: dict, phrase: str) -> bool:
    return phrase.lower() in (claim["text"] + " " + claim.get("evidence", "")).lower()


def _fits(expected: dict, relation: dict, claims: dict, doc_keys: dict) -> bool:
    if relation["kind"] != expected["kind"] or (
        expected.get("slot") and relation["slot"] != expected["slot"]
    ):
        return False
    a, b = (claims[c] for c in relation["claims"])
    named = [(k, p) for k, p in expected["match"].items() if k != "any"]
    anywhere = expected["match"].get("any")
    for first, second in ((a, b), (b, a)):
        sides = [first, second][: len(named)]
        if not all(
            doc_keys[c["doc"]] == k and _matches(c, p) for c, (k, p) in zip(sides, named, strict=True)
        ):
            continue
        if anywhere is None or _matches(second, anywhere):
            return True
    return False


def check(result: dict, expected: dict) -> dict:
    """Found / missed expected relations, independence of each found agreement, extra conflicts."""
    claims = {c["id"]: c for c in result["claims"]}
    doc_keys = {d["id"]: _doc_key(d["id"], d["source"]) for d in result["documents"]}
    report = {"found": [], "missed": [], "independence_wrong": [], "extra_conflicts": []}
    explained = set()
    for item in expected["relations"]:
        hits = [r for r in result["relations"] if _fits(item, r, claims, doc_keys)]
        (report["found"] if hits else report["missed"]).append(item["about"])
        if hits and "independent" in item and not any(r["independent"] == item["independent"] for r in hits):
            report["independence_wrong"].append(item["about"])
        if item["kind"] == "conflict":
            explained |= {id(r) for r in hits}
    for relation in result["relations"]:
        if relation["kind"] == "conflict" and id(relation) not in explained:
            a, b = (claims[c]["text"] for c in relation["claims"])
            report["extra_conflicts"].append(f"{relation['slot']}: {a[:60]} | {b[:60]}")
    return report


def main() -> None:
    from claimgraph.pipeline import analyze

    expected = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))
    result = analyze([str(p) for p in sorted(SEEDS.glob("*.txt"))]).to_dict()
    report = check(result, expected)
    lines = [
        f"Seed acceptance: {len(report['found'])}/{len(expected['relations'])} expected relations found; "
        f"{len(result['relations'])} relations reported in {len(result['stories'])} stories.",
        "",
        "| check | result |",
        "|---|---|",
        *[f"| found | {about} |" for about in report["found"]],
        *[f"| **missed** | {about} |" for about in report["missed"]],
        *[f"| **independence wrong** | {about} |" for about in report["independence_wrong"]],
        *[f"| **extra conflict** | {text} |" for text in report["extra_conflicts"]],
    ]
    table = "\n".join(lines)
    print(table)
    if "--no-write" not in sys.argv:
        from benchmarks._results import write_section

        write_section("align-seeds", table, command="python -m benchmarks.align.seeds")


if __name__ == "__main__":
    main()
