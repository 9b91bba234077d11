"""Near-duplicate and syndicated copies: MinHash over word shingles, LSH for candidates.

A copy is marked against its original: the earliest published document of its group (ties and
missing dates fall back to the document id, so the result does not depend on input order).
"""

from __future__ import annotations

import datetime as dt
import re

from datasketch import MinHash, MinHashLSH

from claimgraph import data
from claimgraph.model import Document

_TOKEN = re.compile(r"\w+")


def _shingles(text: str, size: int) -> set[bytes]:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < size:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + size]).encode() for i in range(len(tokens) - size + 1)}


def _original_key(document: Document) -> tuple[dt.date, str]:
    return (document.published or dt.date.max, document.id)


def find_copies(documents: list[Document]) -> dict[str, str]:
    """Map each copy's id to its original's id; documents without copies are absent.

    Args:
        documents: the documents to compare, in any order.
    """
    cfg = data.load("align")["copies"]
    lsh = MinHashLSH(threshold=cfg["jaccard"], num_perm=cfg["num_perm"])
    hashes: dict[str, MinHash] = {}
    parent: dict[str, str] = {}

    def root(doc_id: str) -> str:
        while parent[doc_id] != doc_id:
            parent[doc_id] = parent[parent[doc_id]]
            doc_id = parent[doc_id]
        return doc_id

    for document in sorted(documents, key=lambda d: d.id):
        shingles = _shingles(document.text, cfg["shingle_words"])
        if len(document.text.split()) < cfg["min_words"] or not shingles:
            continue  # too short to tell a copy from a coincidence
        minhash = MinHash(num_perm=cfg["num_perm"], seed=1)
        minhash.update_batch(list(shingles))
        parent[document.id] = document.id
        seen_roots: set[str] = set()
        for other in lsh.query(minhash):
            other_root = root(other)
            # one verified member per group is enough: 500 copies of one wire story stay linear
            if other_root in seen_roots or root(document.id) == other_root:
                continue
            seen_roots.add(other_root)
            if minhash.jaccard(hashes[other]) >= cfg["jaccard"]:
                parent[root(document.id)] = other_root
        hashes[document.id] = minhash
        lsh.insert(document.id, minhash)
    by_id = {d.id: d for d in documents}
    groups: dict[str, list[str]] = {}
    for doc_id in parent:
        groups.setdefault(root(doc_id), []).append(doc_id)
    copies: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda i: _original_key(by_id[i]))
        copies.update({m: original for m in sorted(members) if m != original})
    return copies
