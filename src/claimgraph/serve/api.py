"""The JSON API (``/api``): everything the HTML views show, with an OpenAPI schema."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from pydantic import BaseModel, Field, model_validator

from claimgraph.errors import InputError
from claimgraph.report.view import StoryView, select_story
from claimgraph.serve.service import Service
from claimgraph.store.review import Review, verdict_of


class Problem(BaseModel):
    """Why a request could not be served (not an article, no such thing, a refused URL)."""

    detail: str


# 422 stays FastAPI's request-validation error; our own refusals are 400 and 404 with a message.
router = APIRouter(prefix="/api", tags=["api"], responses={400: {"model": Problem}, 404: {"model": Problem}})

Id = Annotated[str, Field(min_length=1, max_length=300)]
Who = Annotated[str, Field(min_length=1, max_length=200)]


class StoryOut(BaseModel):
    id: str
    title: str
    documents: list[str]


class DocumentSummary(BaseModel):
    id: str
    source: str
    title: str | None
    outlet: str | None
    published: dt.date | None
    claims: int


class DocumentOut(BaseModel):
    document: dict[str, Any]
    mentions: list[dict[str, Any]]
    claims: list[dict[str, Any]]


class RelationOut(BaseModel):
    kind: str
    claims: list[str]
    slot: str | None
    independent: bool
    explanation: str
    verdict: Literal["accepted", "rejected"] | None


class AddArticle(BaseModel):
    """Either ``text`` (pasted article) or ``url`` (fetched through the SSRF guard)."""

    text: Annotated[str | None, Field(max_length=2_000_000)] = None
    url: Annotated[str | None, Field(max_length=2000)] = None
    title: Annotated[str | None, Field(max_length=500)] = None
    outlet: Annotated[str | None, Field(max_length=200)] = None

    @model_validator(mode="after")
    def one_input(self) -> AddArticle:
        if (self.text is None) == (self.url is None):
            raise ValueError("give exactly one of text or url")
        return self


class RelationReview(BaseModel):
    claims: Annotated[list[Id], Field(min_length=2, max_length=2)]
    kind: Literal["agree", "conflict", "elaborates", "compatible"]
    slot: Literal["time", "quantity", "place", "actor", "polarity"] | None = None
    verdict: Literal["accepted", "rejected"]
    who: Who = "analyst"
    note: Annotated[str, Field(max_length=2000)] = ""


class MentionReview(BaseModel):
    """New values for a mention's fields: a date (``value``), a quantity (``low``/``high``), a
    geocode (``lat``/``lon``/``name``/``level``)."""

    mention: Id
    values: dict[Annotated[str, Field(max_length=32)], str | float | int | list[str] | None] = Field(
        min_length=1
    )
    who: Who = "analyst"
    note: Annotated[str, Field(max_length=2000)] = ""


class AuditEntry(BaseModel):
    id: int
    at: dt.datetime
    who: str
    target_kind: str
    target: str
    field: str
    doc: str | None
    before: Any = None
    after: Any = None
    note: str


def service(request: Request) -> Service:
    return request.app.state.service


@router.get("/stories", response_model=list[StoryOut])
def list_stories(request: Request) -> list[StoryOut]:
    analysis, _ = service(request).analysis()
    return [StoryOut(id=s.id, title=s.title, documents=s.documents) for s in analysis.stories]


@router.get("/stories/{story_id}/report")
def story_report(request: Request, story_id: str) -> dict[str, Any]:
    """The report of one story (``all``: every document) as in ``claimgraph report --format json``."""
    analysis, verdicts = service(request).analysis()
    try:
        story = select_story(analysis, None if story_id == "all" else story_id)
    except KeyError as exc:
        raise HTTPException(404, "no such story") from exc
    return StoryView(analysis, story, verdicts=verdicts).to_dict()


@router.get("/documents", response_model=list[DocumentSummary])
def list_documents(request: Request) -> list[dict[str, Any]]:
    return service(request).store.document_rows()


@router.get("/documents/{doc_id}", response_model=DocumentOut)
def get_document(request: Request, doc_id: str) -> DocumentOut:
    """A document with its mentions (corrections applied) and claims, in the contract's shapes."""
    da = service(request).document(doc_id)
    if da is None:
        raise HTTPException(404, "no such document")
    return DocumentOut(
        document=da.document.to_dict(),
        mentions=[m.to_dict() for m in da.mentions],
        claims=[c.to_dict() for c in da.claims],
    )


@router.get("/relations", response_model=list[RelationOut])
def list_relations(request: Request) -> list[RelationOut]:
    analysis, verdicts = service(request).analysis()
    return [RelationOut(**r.to_dict(), verdict=verdict_of(r, verdicts)) for r in analysis.relations]


def _added(svc: Service, raw_factory) -> DocumentSummary:
    try:
        da = svc.add(raw_factory())
    except InputError as exc:
        raise HTTPException(400, str(exc)) from exc
    d = da.document
    return DocumentSummary(
        id=d.id, source=d.source, title=d.title, outlet=d.outlet, published=d.published, claims=len(da.claims)
    )


@router.post("/documents", response_model=DocumentSummary, status_code=201)
def add_document(request: Request, body: AddArticle) -> DocumentSummary:
    """Analyse a pasted article or one fetched from a public http(s) URL, and store it."""
    svc = service(request)
    if body.url is not None:
        return _added(svc, lambda: svc.raw_from_url(body.url, outlet=body.outlet))
    return _added(svc, lambda: svc.raw_from_text(body.text, title=body.title, outlet=body.outlet))


@router.post("/documents/upload", response_model=DocumentSummary, status_code=201)
async def upload_document(
    request: Request,
    file: Annotated[UploadFile, File()],
    outlet: Annotated[str | None, Form(max_length=200)] = None,
) -> DocumentSummary:
    """Analyse an uploaded article file (text or HTML; size-capped)."""
    svc = service(request)
    data = await file.read(svc.options.max_upload + 1)
    return _added(svc, lambda: svc.raw_from_upload(file.filename or "upload", data, outlet=outlet))


@router.post("/documents/{doc_id}/reanalyse", response_model=DocumentSummary)
def reanalyse_document(request: Request, doc_id: str) -> DocumentSummary:
    """Run the pipeline again on a stored document; the analyst's corrections are kept."""
    da = service(request).reanalyse(doc_id)
    if da is None:
        raise HTTPException(404, "no such document")
    d = da.document
    return DocumentSummary(
        id=d.id, source=d.source, title=d.title, outlet=d.outlet, published=d.published, claims=len(da.claims)
    )


@router.post("/review/relation", status_code=204)
def review_relation(request: Request, body: RelationReview) -> None:
    """Accept or reject the relation between two claims."""
    try:
        Review(service(request).store).judge_relation(
            body.claims, body.verdict, kind=body.kind, slot=body.slot, who=body.who, note=body.note
        )
    except KeyError as exc:
        raise HTTPException(404, "no such claim") from exc


@router.post("/review/mention", response_model=dict[str, Any])
def review_mention(request: Request, body: MentionReview) -> dict[str, Any]:
    """Correct a date, a quantity or a geocode; returns the corrected mention."""
    try:
        mention = Review(service(request).store).correct_mention(
            body.mention, body.values, who=body.who, note=body.note
        )
    except KeyError as exc:
        raise HTTPException(404, "no such mention") from exc
    except (ValueError, TypeError) as exc:
        raise HTTPException(400, str(exc)) from exc
    return mention.to_dict()


@router.get("/review/audit", response_model=list[AuditEntry])
def audit_trail(request: Request, target: str | None = None) -> list[dict[str, Any]]:
    """Every review change, newest first: who, when, before, after."""
    return Review(service(request).store).history(target=target)
