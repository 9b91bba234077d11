"""Full-text search over stored documents and claims: SQLite FTS5 or PostgreSQL tsvector.

Both take the same query language, a small subset of web-search syntax: words (all must
match), ``"quoted phrases"``, ``OR`` between terms and ``-word`` to exclude. Migration 0003
builds the indexes; a dialect without them falls back to ``LIKE`` on every word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from claimgraph.errors import StoreError
from claimgraph.store.db import Store

Target = Literal["documents", "claims"]

_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_WORDS = 16


@dataclass(frozen=True, slots=True)
class Term:
    """One query term: a word or phrase, or the ``OR`` operator (``words`` empty)."""

    words: tuple[str, ...]
    negated: bool = False
    is_or: bool = False


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: Target
    id: str
    doc: str
    title: str | None
    snippet: str
    rank: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "doc": self.doc,
            "title": self.title,
            "snippet": self.snippet,
            "rank": self.rank,
        }


def parse_query(query: str) -> list[Term]:
    """Split a query into terms; punctuation inside words is dropped, as both indexes do."""
    terms: list[Term] = []
    for match in _TOKEN.finditer(query):
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare == "OR":
            if terms and not terms[-1].is_or:
                terms.append(Term((), is_or=True))
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        words = tuple(w.lower() for w in _WORD.findall(phrase if phrase is not None else bare))
        if words:
            terms.append(Term(words, negated=bool(negated)))
    while terms and terms[-1].is_or:
        terms.pop()
    return terms


def fts5_query(terms: list[Term]) -> str:
    """The FTS5 MATCH expression: each term quoted, so user text is never FTS5 syntax."""
    parts: list[str] = []
    for term in terms:
        if term.is_or:
            parts.append("OR")
            continue
        quoted = '"' + " ".join(term.words) + '"'
        parts.append(f"NOT {quoted}" if term.negated else quoted)
    if parts and parts[0].startswith("NOT "):  # FTS5 NOT is binary; a leading exclusion needs a left side
        raise StoreError("a search cannot start with an excluded word")
    return " ".join(parts)


def postgres_query(terms: list[Term]) -> str:
    """The same terms as a ``websearch_to_tsquery`` string."""
    parts = []
    for term in terms:
        if term.is_or:
            parts.append("or")
            continue
        phrase = " ".join(term.words)
        phrase = f'"{phrase}"' if len(term.words) > 1 else phrase
        parts.append(f"-{phrase}" if term.negated else phrase)
    return " ".join(parts)


def search(store: Store, query: str, *, target: Target = "documents", limit: int = 20) -> list[SearchHit]:
    """The best ``limit`` matches for ``query``, best first.

    Raises:
        StoreError: the query has no searchable word, or the database refuses it.
    """
    terms = parse_query(query)
    if not any(t.words and not t.negated for t in terms):
        raise StoreError(f"nothing to search for in {query!r}: give at least one word")
    dialect = store.engine.dialect.name
    try:
        with store.engine.connect() as conn:
            if dialect == "sqlite":
                rows = conn.execute(text(_SQLITE_SQL[target]), {"q": fts5_query(terms), "limit": limit})
            elif dialect == "postgresql":
                rows = conn.execute(text(_PG_SQL[target]), {"q": postgres_query(terms), "limit": limit})
            else:
                sql, params = _like_sql(target, terms, limit)
                rows = conn.execute(text(sql), params)
            return [
                SearchHit(
                    kind=target, id=r.id, doc=r.doc, title=r.title, snippet=r.snippet, rank=float(r.rank)
                )
                for r in rows
            ]
    except SQLAlchemyError as exc:
        raise StoreError(f"search failed: {exc.__class__.__name__}: {exc}") from exc


# bm25() is smaller for better matches; negate it so every backend ranks "higher is better".
_SQLITE_SQL = {
    "documents": f"""
        SELECT d.id AS id, d.id AS doc, d.title AS title,
               snippet(documents_fts, 1, '[', ']', '…', {SNIPPET_WORDS}) AS snippet,
               -bm25(documents_fts, 2.0, 1.0) AS rank
        FROM documents_fts JOIN documents AS d ON d.rowid = documents_fts.rowid
        WHERE documents_fts MATCH :q ORDER BY rank DESC, d.id LIMIT :limit""",
    "claims": f"""
        SELECT c.id AS id, c.doc AS doc, d.title AS title,
               snippet(claims_fts, 0, '[', ']', '…', {SNIPPET_WORDS}) AS snippet,
               -bm25(claims_fts) AS rank
        FROM claims_fts JOIN claims AS c ON c.rowid = claims_fts.rowid JOIN documents AS d ON d.id = c.doc
        WHERE claims_fts MATCH :q ORDER BY rank DESC, c.id LIMIT :limit""",
}

_PG_HEADLINE = f"'StartSel=[, StopSel=], MaxWords={SNIPPET_WORDS}, MinWords=5'"
_PG_SQL = {
    "documents": f"""
        SELECT d.id AS id, d.id AS doc, d.title AS title,
               ts_headline('english', d.text, q, {_PG_HEADLINE}) AS snippet,
               ts_rank(d.search, q) AS rank
        FROM documents AS d, websearch_to_tsquery('english', :q) AS q
        WHERE d.search @@ q ORDER BY rank DESC, d.id LIMIT :limit""",
    "claims": f"""
        SELECT c.id AS id, c.doc AS doc, d.title AS title,
               ts_headline('english', c.text, q, {_PG_HEADLINE}) AS snippet,
               ts_rank(c.search, q) AS rank
        FROM claims AS c JOIN documents AS d ON d.id = c.doc, websearch_to_tsquery('english', :q) AS q
        WHERE c.search @@ q ORDER BY rank DESC, c.id LIMIT :limit""",
}


def _like_sql(target: Target, terms: list[Term], limit: int) -> tuple[str, dict[str, Any]]:
    """Every positive term must appear and no negated one (``OR`` is read as AND here)."""
    column = "d.text" if target == "documents" else "c.text"
    clauses, params = [], {"limit": limit}
    for i, term in enumerate(t for t in terms if t.words):
        params[f"w{i}"] = "%" + " ".join(term.words) + "%"
        clauses.append(f"lower({column}) {'NOT ' if term.negated else ''}LIKE :w{i}")
    where = " AND ".join(clauses)
    if target == "documents":
        sql = (
            f"SELECT d.id AS id, d.id AS doc, d.title AS title, substr(d.text, 1, 200) AS snippet, "
            f"0 AS rank FROM documents AS d WHERE {where} ORDER BY d.id LIMIT :limit"
        )
    else:
        sql = (
            f"SELECT c.id AS id, c.doc AS doc, d.title AS title, c.text AS snippet, 0 AS rank "
            f"FROM claims AS c JOIN documents AS d ON d.id = c.doc WHERE {where} ORDER BY c.id LIMIT :limit"
        )
    return sql, params


__all__ = ["SearchHit", "parse_query", "search"]
