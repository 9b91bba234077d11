"""``claimgraph search``: full-text search over stored documents or claims."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from claimgraph.errors import ClaimgraphError
from claimgraph.store import Store
from claimgraph.store.search import search

err = Console(stderr=True)


def search_cli(
    query: Annotated[str, typer.Argument(help='Words (all must match), "a phrase", OR, -excluded.')],
    db: Annotated[
        str, typer.Option("--db", help="Store: a SQLite file path or a URL (postgresql://…).")
    ] = "claimgraph.db",
    claims: Annotated[bool, typer.Option("--claims", help="Search claims instead of documents.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many hits.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Hits as JSON on stdout.")] = False,
) -> None:
    """Find stored documents (or claims) by their words, best match first. Exit code 1: no hit."""
    if "://" not in db and not Path(db).exists():
        err.print(f"[red]error:[/] no store at {db}", highlight=False)
        raise typer.Exit(2)
    target: Literal["documents", "claims"] = "claims" if claims else "documents"
    try:
        with Store(db) as store:
            hits = search(store, query, target=target, limit=limit)
    except ClaimgraphError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    if as_json:
        sys.stdout.write(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2) + "\n")
    else:
        table = Table(title=f"{len(hits)} {target} matching {query!r}")
        for column in ("id", "title", "snippet"):
            table.add_column(column)
        for hit in hits:
            table.add_row(
                hit.id, escape((hit.title or "")[:40]), escape(hit.snippet)
            )  # [hits] are not markup
        Console().print(table)
    if not hits:
        raise typer.Exit(1)
