"""The FastAPI application: HTML views, the JSON API, static files, and the security headers.

Binds to 127.0.0.1 unless told otherwise (see ``claimgraph serve``). Article text is hostile:
pages are rendered with autoescaping and served under a Content-Security-Policy that runs only
the app's own script file; state-changing requests from another origin are refused (CSRF).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

from claimgraph.report.html import TEMPLATES as REPORT_TEMPLATES
from claimgraph.serve import api, views
from claimgraph.serve.service import ServeOptions, Service

STATIC = Path(__file__).with_name("static")
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
BODY_OVERHEAD = 64_000  # multipart boundaries, form fields and JSON escapes around an article


def _cross_origin(request: Request) -> bool:
    """Whether a state-changing request comes from another site (CSRF).

    Browsers say so in ``Sec-Fetch-Site``, which pages cannot forge; without it (older browsers)
    the ``Origin`` header must name this host. Clients that send neither (curl, scripts) are
    not browsers riding on a user's session and pass.
    """
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return False
    return origin == "null" or urlsplit(origin).netloc != request.headers.get("host", "")


def create_app(db: str, options: ServeOptions | None = None) -> FastAPI:
    """The app over one store (a SQLite path or a SQLAlchemy URL)."""
    svc = Service(db, options)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        svc.close()

    app = FastAPI(
        title="claimgraph",
        version="0.1.0",
        lifespan=lifespan,
        description="Browse analysed news stories, their disputed and agreed facts, and review them.",
        docs_url=None,
        redoc_url=None,  # their pages load scripts from a CDN; the schema is at /openapi.json
    )
    app.state.service = svc

    @app.middleware("http")
    async def guard(request: Request, call_next) -> Response:
        if request.method in UNSAFE_METHODS and _cross_origin(request):
            return PlainTextResponse("cross-origin request refused", status_code=403)
        # refuse oversized bodies before they are parsed and spooled (the handlers cap the article too)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > 2 * svc.options.max_upload + BODY_OVERHEAD:
            return PlainTextResponse("request body too large", status_code=413)
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.get("/static/report.css", include_in_schema=False)
    def report_css() -> FileResponse:
        return FileResponse(REPORT_TEMPLATES / "report.css", media_type="text/css")

    @app.get("/static/report.js", include_in_schema=False)
    def report_js() -> FileResponse:
        return FileResponse(REPORT_TEMPLATES / "report.js", media_type="text/javascript")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(views.router)
    return app
