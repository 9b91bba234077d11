"""The web app through its HTTP interface: pages, API, review, hostile text, SSRF, size caps."""

from __future__ import annotations

import copy
import re
import shutil
import warnings
from pathlib import Path

import httpx
import pytest

from claimgraph.errors import FetchError
from claimgraph.report.load import analysis_from_json
from claimgraph.serve import ServeOptions, create_app
from claimgraph.serve.safety import GuardedBackend, GuardedTransport, check_url, refused_reason
from conftest import load_cases

with warnings.catch_warnings():
    # starlette's TestClient warns (UserWarning) that it prefers another httpx on import
    warnings.simplefilter("ignore", UserWarning)
    from fastapi.testclient import TestClient

PUBLIC = "93.184.215.14"


def seeded_store(path: str) -> None:
    from claimgraph.store import Store

    analysis = analysis_from_json(copy.deepcopy(load_cases("report_story")))
    with Store(path) as store:
        for da in analysis.documents:
            store.save_document(da)
        store.save_alignment(analysis.stories, analysis.relations)


@pytest.fixture(scope="module")
def template_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "app.db"
    seeded_store(str(path))
    return path


def _client(db: str, nlp):
    page = httpx.MockTransport(
        lambda request: httpx.Response(
            200,
            text="<html><body><article><p>"
            + "Officials said 40 boats left the harbour on Monday. " * 5
            + "</p></article></body></html>",
            headers={"content-type": "text/html"},
        )
    )
    options = ServeOptions(
        nlp=nlp, max_upload=5_000, resolver=lambda host, port: [PUBLIC], transport_factory=lambda: page
    )
    return TestClient(create_app(db, options), base_url="http://127.0.0.1:8000")


@pytest.fixture(scope="module")
def reader(template_db, nlp):
    """One app for the tests that only read."""
    with _client(str(template_db), nlp) as c:
        yield c


@pytest.fixture
def client(tmp_path, nlp, template_db):
    db = str(tmp_path / "app.db")
    shutil.copy(template_db, db)  # each test that writes gets its own copy of the seeded store
    with _client(db, nlp) as c:
        yield c


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/stories/s1",
        "/stories/all",
        "/documents/d1",
        "/audit",
        "/openapi.json",
        "/static/report.css",
        "/static/report.js",
        "/static/app.css",
    ],
)
def test_pages_load(reader, path):
    response = reader.get(path)
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("path", ["/stories/s1", "/documents/d1", "/"])
def test_hostile_text_is_escaped_in_pages(reader, path):
    html = reader.get(path).text
    assert len(re.findall(r"<script\b", html)) == 1  # the app's own /static/report.js
    assert not re.search(r"<[a-z]+[^>]*\son[a-z]+\s*=", html, re.I)
    assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", html, re.I)
    assert "<img" not in html


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/stories/nope", 404),
        ("/documents/nope", 404),
        ("/api/documents/nope", 404),
        ("/api/stories/nope/report", 404),
    ],
)
def test_missing_things_are_404(reader, path, status):
    assert reader.get(path).status_code == status


def test_api_mirrors_the_views(reader):
    assert {s["id"] for s in reader.get("/api/stories").json()} == {"s1", "s2"}
    report = reader.get("/api/stories/s1/report").json()
    assert [r["slot"] for r in report["disputed"]] == ["quantity", "time"]
    doc = reader.get("/api/documents/d1").json()
    assert doc["document"]["id"] == "d1" and {m["kind"] for m in doc["mentions"]} >= {"time", "place"}
    assert len(reader.get("/api/relations").json()) == 4


def test_review_through_the_app_is_audited(client):
    response = client.post(
        "/api/review/mention",
        json={"mention": "d1:p63-78", "values": {"lat": 45.0, "lon": 13.5}, "who": "ana"},
    )
    assert response.status_code == 200 and response.json()["lat"] == 45.0
    assert (
        client.post("/api/review/mention", json={"mention": "d1:p63-78", "values": {"lat": 300}}).status_code
        == 400
    )
    conflict = client.get("/api/stories/s1/report").json()["disputed"][0]
    claims = [s["id"] for s in conflict["sides"]]
    response = client.post(
        "/api/review/relation",
        json={
            "claims": claims,
            "kind": "conflict",
            "slot": conflict["slot"],
            "verdict": "rejected",
            "who": "ana",
        },
    )
    assert response.status_code == 204
    assert len(client.get("/api/stories/s1/report").json()["disputed"]) == 1
    trail = client.get("/api/review/audit").json()
    assert [(h["field"], h["after"]) for h in trail] == [
        ("verdict", "rejected"),
        ("lon", 13.5),
        ("lat", 45.0),
    ]
    assert "45.000, 13.500" in client.get("/stories/s1").text


def test_review_form_posts_redirect_back(client):
    response = client.post(
        "/review/mention",
        data={"mention": "d1:t79-90", "kind": "time", "value": "2025-03"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/documents/d1#corrections"
    bad = client.post(
        "/review/mention",
        data={"mention": "d1:t79-90", "kind": "time", "value": "soon"},
        follow_redirects=False,
    )
    assert "error=" in bad.headers["location"]
    assert "2025-03" in client.get("/documents/d1").text


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"origin": "http://evil.example"}, 403),
        ({"sec-fetch-site": "cross-site"}, 403),
        ({"sec-fetch-site": "same-site", "origin": "http://127.0.0.1:9999"}, 403),  # another local app
        ({"origin": "null"}, 403),
        ({"sec-fetch-site": "same-origin", "origin": "null"}, 303),  # a form under a strict referrer policy
        ({"origin": "http://127.0.0.1:8000"}, 303),
        ({}, 303),
    ],
)
def test_cross_site_posts_are_refused(client, headers, status):
    response = client.post(
        "/review/mention",
        data={"mention": "d1:t79-90", "kind": "time", "value": "2025-03"},
        headers=headers,
        follow_redirects=False,
    )
    assert response.status_code == status
    assert len(client.get("/api/review/audit").json()) == (0 if status == 403 else 1)


def test_add_article_by_paste_upload_and_url(client):
    text = (
        "Officials said 30 ships left the port of the city on Monday, according to the harbour master. " * 3
    )
    added = client.post("/api/documents", json={"text": text, "outlet": "Paste Post"})
    assert added.status_code == 201 and added.json()["outlet"] == "Paste Post"
    doc_id = added.json()["id"]
    assert client.get(f"/documents/{doc_id}").status_code == 200
    upload = client.post(
        "/api/documents/upload", files={"file": ("a.txt", text.replace("30", "31").encode())}
    )
    assert upload.status_code == 201
    fetched = client.post("/add", data={"url": "https://news.example/a"}, follow_redirects=False)
    assert fetched.status_code == 303 and fetched.headers["location"].startswith("/documents/")
    assert client.post(f"/api/documents/{doc_id}/reanalyse").json()["id"] == doc_id


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"files": {"file": ("huge.txt", b"word " * 40_000)}}, 413),
        ({"files": {"file": ("big.txt", b"word " * 2000)}}, 400),
        ({"files": {"file": ("empty.txt", b"")}}, 400),
    ],
)
def test_uploads_are_capped(client, kwargs, status):
    assert client.post("/api/documents/upload", **kwargs).status_code == status


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"text": "x" * 6000}, 400),
        ({"text": "too short"}, 400),
        ({"url": "http://127.0.0.1:22/"}, 400),
        ({"text": "a", "url": "https://a.example"}, 422),
        ({}, 422),
    ],
)
def test_bad_article_bodies_are_refused(client, body, status):
    assert client.post("/api/documents", json=body).status_code == status


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "only http and https"),
        ("gopher://example.com/", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("http://user:pw@example.com/", "credentials"),
        ("http:///nohost", "no host"),
        ("http://example.com:99999/", "not a valid URL"),
    ],
)
def test_urls_refused_before_resolving(url, message):
    with pytest.raises(FetchError, match=message):
        check_url(url)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("::ffff:127.0.0.1", "loopback"),
        ("0.0.0.0", "private"),
        ("224.0.0.1", "multicast"),
        ("100.64.0.1", "not globally routable"),
        (PUBLIC, None),
        ("2606:2800:220:1::1", None),
    ],
)
def test_address_classification(address, reason):
    assert refused_reason(address) == reason


@pytest.mark.parametrize("answers", [["127.0.0.1"], [PUBLIC, "10.0.0.1"], ["169.254.169.254"], []])
def test_guarded_fetch_refuses_internal_hosts(tmp_path, answers):
    from claimgraph.serve import Service

    service = Service(str(tmp_path / "s.db"), ServeOptions(resolver=lambda host, port: answers))
    with pytest.raises(FetchError):
        service.raw_from_url("http://intranet.example/")
    # and at connect time, for every hop (a redirect to an internal host comes back through here)
    with pytest.raises(FetchError):
        GuardedBackend(lambda host, port: answers).connect_tcp("intranet.example", 80)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/",
        "http://[::1]/",
        "http://169.254.169.254/latest/",
        "http://0x7f000001/",
        "http://2130706433/",
    ],
)
def test_ip_literals_are_checked_whatever_the_resolver_says(url):
    transport = GuardedTransport(lambda host, port: [PUBLIC] if "." in host else ["127.0.0.1"])
    with httpx.Client(transport=transport) as client, pytest.raises((FetchError, httpx.HTTPError)):
        client.get(url)


def test_guarded_transport_refuses_a_name_for_loopback():
    answers = {"public.example": [PUBLIC], "localhost": ["127.0.0.1"]}
    transport = GuardedTransport(lambda host, port: answers[host])
    with httpx.Client(transport=transport) as client, pytest.raises(FetchError, match="loopback"):
        client.get("http://localhost:8000/admin")
