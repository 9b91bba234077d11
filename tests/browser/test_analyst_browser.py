"""The analyst's view in a real headless Chromium (Debian's ``chromium``, driven by Playwright):
the seeds analysed, the report and the app opened, facts clicked, a geocode corrected and kept
after re-analysis, and hostile article text shown without anything executing.

Screenshots go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import copy
import re
import socket
import threading
import time
from pathlib import Path

import pytest

from claimgraph.report.html import render_html
from claimgraph.report.load import analysis_from_json
from conftest import ROOT, load_cases

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(120_000)  # adding or re-analysing an article runs the whole pipeline
    page.dialogs = []  # anything that opens a dialog (alert, confirm) executed: record it
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, seed_paths, nlp):
    from claimgraph.pipeline import analyze
    from claimgraph.store import Store

    db = tmp_path_factory.mktemp("browser") / "seeds.db"
    with Store(str(db)) as store:
        analyze([str(p) for p in seed_paths], nlp=nlp, store=store)
    return db


class Server(threading.Thread):
    """``claimgraph serve``'s app under uvicorn on a free local port, for one module."""

    def __init__(self, app) -> None:
        import uvicorn

        super().__init__(daemon=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )

    def run(self) -> None:
        self.server.run()

    def __enter__(self) -> str:
        self.start()
        deadline = time.monotonic() + 20
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.join(10)


@pytest.fixture(scope="module")
def app_url(seeds_db, nlp):
    from claimgraph.serve import ServeOptions, create_app

    with Server(create_app(str(seeds_db), ServeOptions(nlp=nlp))) as url:
        yield url


def _disputed_rows(page) -> list[str]:
    return page.locator("table.disputed tr.conflict").all_inner_texts()


def test_report_shows_the_time_conflict_and_lands_on_the_sentence(page, seeds_db):
    from claimgraph.store import Store

    with Store(str(seeds_db)) as store:
        html = render_html(store.load(), None)
    report = ARTIFACTS / "seeds-report.html"
    report.write_text(html, encoding="utf-8")
    page.goto(report.as_uri())
    page.screenshot(path=str(ARTIFACTS / "report-top.png"))
    rows = _disputed_rows(page)
    conflict = [r for r in rows if "November" in r and "October" in r]
    assert conflict, f"no November/October conflict among {len(rows)} disputed rows"
    link = page.locator("table.disputed tr.conflict", has_text="November").locator("a.quote").first
    target = link.get_attribute("href")[1:]
    link.click()
    sentence = page.locator(f'[id="{target}"]')
    sentence.wait_for(state="visible")
    assert "landed" in sentence.get_attribute("class")
    assert sentence.is_visible() and sentence.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    assert "November" in sentence.inner_text() or "October" in sentence.inner_text()
    page.screenshot(path=str(ARTIFACTS / "report-landed.png"))
    assert page.dialogs == []


@pytest.mark.parametrize("csp", [True, False], ids=["as-shipped", "without-csp"])
def test_hostile_text_does_not_execute_in_the_report(page, tmp_path, csp):
    html = render_html(analysis_from_json(copy.deepcopy(load_cases("report_story"))), "s1")
    if not csp:  # escaping alone must hold: take the second line of defence away
        html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    path = tmp_path / "hostile.html"
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
    page.locator("a.quote").first.click()
    assert page.dialogs == []
    assert page.evaluate("document.scripts.length") == 2
    assert page.evaluate("document.querySelectorAll('img, iframe, [onerror], [onclick]').length") == 0
    assert page.evaluate("[...document.links].filter(a => a.protocol === 'javascript:').length") == 0
    assert 'alert("x")' in page.locator("#doc-d1 .text").inner_text()
    page.screenshot(path=str(ARTIFACTS / f"hostile-report-{'csp' if csp else 'nocsp'}.png"))


def test_app_browse_correct_a_geocode_and_keep_it_after_reanalysis(page, app_url):
    page.goto(app_url)
    page.locator("#stories a").first.click()
    page.wait_for_load_state()
    page.goto(f"{app_url}/stories/all")
    assert page.get_by_role("heading", name="Disputed facts").is_visible()
    page.screenshot(path=str(ARTIFACTS / "app-story.png"))
    page.goto(app_url)
    page.locator("#documents a").first.click()
    rows = page.locator("tr.mention.kind-place")
    assert rows.count() > 0, "no place mentions to correct"
    row = rows.first
    row_id = row.get_attribute("id")
    row.locator("input[name=lat]").fill("10.5")
    row.locator("input[name=lon]").fill("20.25")
    row.locator("input[name=level]").fill("city")
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "10.50, 20.25 (city)" in page.locator(f'[id="{row_id}"] td.value').inner_text()
    page.get_by_role("button", name="Re-analyse").click()
    page.wait_for_load_state()
    assert "10.50, 20.25 (city)" in page.locator(f'[id="{row_id}"] td.value').inner_text()
    history = page.locator("table.audit").inner_text()
    assert "lat" in history and "10.5" in history and "analyst" in history
    page.screenshot(path=str(ARTIFACTS / "app-corrected.png"), full_page=True)
    assert page.dialogs == []


def test_hostile_article_pasted_into_the_app_does_not_execute(page, app_url):
    payload = (
        'Officials said "><img src=x onerror=alert(1)> 30 ships left the port on Monday. '
        '<script>alert(2)</script> <a href="javascript:alert(3)">more</a> according to the harbour master. '
    )
    page.goto(app_url)
    page.locator("textarea[name=text]").fill(payload * 2)
    page.locator("form#add button[type=submit]").click()
    page.wait_for_url(re.compile(r"/documents/"))
    assert "<script>alert(2)</script>" in page.locator("div.text").inner_text()
    assert page.evaluate("document.querySelectorAll('img, [onerror]').length") == 0
    assert page.evaluate("[...document.links].filter(a => a.protocol === 'javascript:').length") == 0
    page.screenshot(path=str(ARTIFACTS / "app-hostile.png"))
    assert page.dialogs == []
