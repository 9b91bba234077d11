"""Near-duplicate and syndicated copies: MinHash over word shingles, LSH for candidates.

A copy is marked against its original: the earliest published document of its group (ties and
missing dates fall back to the document id, so the result does not depend on input order).
"""

from __future__ import annotations

import datetime as dt
import re

from datasketch import LeanMinHash, MinHash, MinHashLSH

from claimgraph import data
from claimgraph.model import Document

_TOKEN = re.compile(r"\w+")


def _shingles(text: str, size: int) -> set[bytes]:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < size:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)}


def signature(text: str) -> LeanMinHash | None:
    """The MinHash of a text's word shingles; None for a text too short to tell a copy from a
    coincidence. Small (the hash values only), so a long stream of documents can keep one each."""
    cfg = data.load("align")["copies"]
    shingles = _shingles(text, cfg["shingle_words"])
    if len(text.split()) < cfg["min_words"] or not shingles:
        return None
    minhash = MinHash(num_perm=cfg["num_perm"], seed=1)
    minhash.update_batch(list(shingles))
    return LeanMinHash(minhash)


def find_copies(documents: list[Document]) -> dict[str, str]:
    """Map each copy's id to its original's id; documents without copies are absent.

    Args:
        documents: the documents to compare, in any order.
    """
    return group_copies([(d.id, d.published, signature(d.text)) for d in documents])


def group_copies(records: list[tuple[str, dt.date | None, LeanMinHash | None]]) -> dict[str, str]:
    """``find_copies`` over (document id, publication date, ``signature``) records.

    A copy is marked against the earliest published member of its group (then the smallest id).
    """
    cfg = data.load("align")["copies"]
    lsh = MinHashLSH(threshold=cfg["jaccard"], num_perm=cfg["num_perm"])
    hashes: dict[str, LeanMinHash] = {}
    parent: dict[str, str] = {}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    for doc_id, _, minhash in sorted(records, key=lambda r: r[0]):
        if minhash is None:
            continue
        parent[doc_id] = doc_id
        seen_roots: set[str] = set()
        for other in lsh.query(minhash):
            other_root = root(other)
            # one verified member per group is enough: 500 copies of one wire story stay linear
            if other_root in seen_roots or root(doc_id) == other_root:
                continue
            seen_roots.add(other_root)
            if minhash.jaccard(hashes[other]) >= cfg["jaccard"]:
                parent[root(doc_id)] = other_root
        hashes[doc_id] = minhash
        lsh.insert(doc_id, minhash)
    published = {doc_id: date for doc_id, date, _ in records}
    groups: dict[str, list[str]] = {}
    for doc_id in parent:
        groups.setdefault(root(doc_id), []).append(doc_id)
    copies: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda i: (published[i] or dt.date.max, i))
        copies.update({m: original for m in sorted(members) if m != original})
    return copies
