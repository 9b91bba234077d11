"""``claimgraph serve``: the web app over a store."""

from __future__ import annotations

from typing import Annotated

import typer


def serve_cli(
    db: Annotated[
        str, typer.Option("--db", help="Store: a SQLite file path or a SQLAlchemy URL.")
    ] = "claimgraph.db",
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help="Address to bind; other than 127.0.0.1 exposes the "
            "app (and its article fetching) to the network.",
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    max_upload: Annotated[
        int, typer.Option("--max-upload", help="Largest accepted article, bytes.")
    ] = 2_000_000,
) -> None:
    """Browse stories, documents and relations; add articles; review and correct the analysis."""
    import uvicorn

    from claimgraph.serve import ServeOptions, create_app

    app = create_app(db, ServeOptions(max_upload=max_upload))
    uvicorn.run(app, host=host, port=port, log_level="info", limit_concurrency=32, timeout_keep_alive=5)
