"""HTML pages: stories, a story's report (with review buttons), a document with its
annotations and correction forms, adding articles, and the audit trail."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from claimgraph.errors import InputError
from claimgraph.report.html import app_environment, highlight, report_context
from claimgraph.report.view import mention_value
from claimgraph.serve.service import Service
from claimgraph.store.review import FIELDS, Review

router = APIRouter(include_in_schema=False)
TEMPLATES = Path(__file__).with_name("templates")


def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    template = app_environment(TEMPLATES).get_template(name)
    return HTMLResponse(template.render(app=True, **context), status_code=status)


def service(request: Request) -> Service:
    return request.app.state.service


def local_path(url: str, fallback: str = "/") -> str:
    """Only same-site paths are followed after a form (no open redirect to another host)."""
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else fallback


@router.get("/", response_class=HTMLResponse)
def index(request: Request, error: str | None = None) -> HTMLResponse:
    svc = service(request)
    analysis, _ = svc.analysis()
    return page(
        "index.html.j2",
        stories=analysis.stories,
        documents=svc.store.document_rows(),
        error=error,
        max_upload=svc.options.max_upload,
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str) -> HTMLResponse:
    analysis, verdicts = service(request).analysis()
    try:
        context = report_context(analysis, None if story_id == "all" else story_id, verdicts=verdicts)
    except KeyError as exc:
        raise HTTPException(404, "no such story") from exc
    return page("story.html.j2", back_url=f"/stories/{quote(story_id, safe='')}", **context)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str, error: str | None = None) -> HTMLResponse:
    svc = service(request)
    da = svc.document(doc_id)
    if da is None:
        raise HTTPException(404, "no such document")
    mentions = [
        {"m": m, "value": mention_value(m), "fields": list(FIELDS.get(m.kind, {}))} for m in da.mentions
    ]
    history = [h for h in Review(svc.store).history() if h["doc"] == doc_id][:100]
    return page(
        "document.html.j2",
        doc=da.document,
        text=highlight(da),
        claims=da.claims,
        mentions=mentions,
        history=history,
        error=error,
    )


def _redirect(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303)


@router.post("/add")
async def add(
    request: Request,
    text: Annotated[str, Form(max_length=2_000_000)] = "",
    url: Annotated[str, Form(max_length=2000)] = "",
    outlet: Annotated[str, Form(max_length=200)] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> RedirectResponse:
    """Paste, upload or URL: analyse and land on the document."""
    svc = service(request)
    try:
        if file is not None and file.filename:
            data = await file.read(svc.options.max_upload + 1)
            raw = svc.raw_from_upload(file.filename, data, outlet=outlet or None)
        elif url.strip():
            raw = svc.raw_from_url(url, outlet=outlet or None)
        elif text.strip():
            raw = svc.raw_from_text(text, outlet=outlet or None)
        else:
            raise InputError("paste a text, choose a file or give a URL")
        da = svc.add(raw)
    except InputError as exc:
        return _redirect(f"/?error={quote(str(exc)[:300])}")
    return _redirect(f"/documents/{quote(da.document.id)}")


@router.post("/documents/{doc_id}/reanalyse")
def reanalyse(request: Request, doc_id: str) -> RedirectResponse:
    if service(request).reanalyse(doc_id) is None:
        raise HTTPException(404, "no such document")
    return _redirect(f"/documents/{quote(doc_id)}")


@router.post("/review/relation")
def review_relation(
    request: Request,
    claim_a: Annotated[str, Form(max_length=300)],
    claim_b: Annotated[str, Form(max_length=300)],
    verdict: Annotated[str, Form(max_length=16)],
    kind: Annotated[str, Form(max_length=16)],
    slot: Annotated[str, Form(max_length=16)] = "",
    who: Annotated[str, Form(max_length=200)] = "analyst",
    back: Annotated[str, Form(max_length=500)] = "/",
) -> RedirectResponse:
    try:
        Review(service(request).store).judge_relation(
            (claim_a, claim_b), verdict, kind=kind, slot=slot or None, who=who
        )
    except (KeyError, ValueError) as exc:
        raise HTTPException(422, f"cannot record the verdict: {exc}") from exc
    return _redirect(local_path(back))


@router.post("/review/mention")
async def review_mention(request: Request) -> RedirectResponse:
    """One form per mention: its correctable fields, blank ones left as they are."""
    form = await request.form()
    mention_id = str(form.get("mention", ""))[:300]
    doc_id = mention_id.split(":", 1)[0]
    kind = str(form.get("kind", ""))
    values: dict[str, Any] = {}
    for name in FIELDS.get(kind, {}):
        raw = str(form.get(name, "")).strip()[:200]
        if raw:
            values[name] = [v.strip() for v in raw.split(",") if v.strip()] if name == "alternatives" else raw
    try:
        Review(service(request).store).correct_mention(
            mention_id, values, who=str(form.get("who", "analyst")), note=str(form.get("note", ""))[:2000]
        )
    except KeyError as exc:
        raise HTTPException(404, "no such mention") from exc
    except (ValueError, TypeError) as exc:
        return _redirect(f"/documents/{quote(doc_id)}?error={quote(str(exc)[:300])}")
    return _redirect(f"/documents/{quote(doc_id)}#corrections")


@router.get("/audit", response_class=HTMLResponse)
def audit(request: Request) -> HTMLResponse:
    return page("audit.html.j2", history=Review(service(request).store).history())
