"""The command line: exit codes, formats, --out, stdin, --help, and bad inputs from the issue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from claimgraph.cli.main import app
from claimgraph.report import validate
from claimgraph.store import Store, schema

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
ARTICLE = (
    "ATHENS, Aug. 14 (CPA) - A ferry carrying 120 people ran aground off Crete on Thursday, the coast guard "
    "said. Officials said 12 passengers were injured. The ferry was built in 1998 and refitted in May 2025."
)


@pytest.fixture
def run(nlp):  # nlp: the pipeline is built once per session, not per command
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return invoke


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


# What each example says about its publication: a dateline, page metadata, a feed field, or nothing.
EXAMPLE_DATES = {
    "01_northpost_wire.txt": ("2026-03-11", "dateline", "CPA"),
    "02_eurodaily.html": ("2026-03-12", "metadata", "EuroDaily"),
    "03_adriatic_times.txt": None,  # no date of its own; only inference from the other reports may give one
    "italy-chemical-plant-fire": ("2026-03-11", "metadata", "Globe Metro"),
    "ravenna-fire-records": ("2026-03-13", "metadata", "Northern Courier"),
}


def _article(tmp_path, name="good.txt", text=ARTICLE):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_help_on_every_command(run):
    result = run("--help")
    assert result.exit_code == 0
    names = [c.name for c in app.registered_commands]
    assert {"analyze", "show"} <= set(names)
    for name in names:
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert "Usage" in result.output and len(result.output) > 100, name


@pytest.mark.parametrize(
    "args",
    [
        (),  # no command: help, exit 2 (Click's "missing command")
        ("analyze",),  # no path
        ("analyze", "x.txt", "--format", "xml"),
        ("analyze", "x.txt", "--published", "July 2"),
        ("analyze", "x.txt", "--no-such-option"),
        ("show", "--db", "/nonexistent/dir/none.db"),
    ],
    ids=["no-command", "no-path", "bad-format", "bad-date", "bad-option", "show-missing-store"],
)
def test_cli_usage_errors_exit_2(run, args):
    assert run(*args).exit_code == 2


def test_cli_json_validates_and_exit_0(run, tmp_path):
    out = tmp_path / "out" / "analysis.json"
    result = run("analyze", _article(tmp_path), "--no-store", "--format", "json", "--out", out)
    assert result.exit_code == 0, result.output
    payload = json.loads(out.read_text(encoding="utf-8"))
    validate(payload)
    (document,) = payload["documents"]
    assert (document["published"], document["published_from"], document["outlet"]) == (
        "2025-08-14",
        "dateline",
        "CPA",
    )
    assert payload["skipped"] == []
    assert result.stdout == ""  # with --out nothing but the summary (on stderr)
    assert "analysed 1 documents" in result.stderr


def test_cli_markdown_to_stdout(run, tmp_path):
    result = run("analyze", _article(tmp_path), "--no-store", "--format", "md")
    assert result.exit_code == 0
    assert result.stdout.startswith("# claimgraph analysis")
    assert "published: 2025-08-14 (from dateline)" in result.stdout


def test_cli_stdin(run):
    result = run("analyze", "-", "--no-store", "--quiet", input=ARTICLE.encode())
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert [d["source"] for d in payload["documents"]] == ["-"]
    assert result.stderr == ""


def test_cli_published_option(run, tmp_path):
    result = run("analyze", _article(tmp_path), "--no-store", "--published", "2025-08-15", "--outlet", "Wire")
    document = json.loads(result.stdout)["documents"][0]
    assert (document["published"], document["published_from"], document["outlet"]) == (
        "2025-08-15",
        "option",
        "Wire",
    )


def test_cli_seeds_validate(run, seed_paths, tmp_path):
    result = run("analyze", *seed_paths, "--format", "json", "--db", tmp_path / "seeds.db")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    validate(payload)
    by_name = {Path(d["source"]).name: d for d in payload["documents"]}
    seed = by_name["000_479272da0ed33a64.txt"]
    assert (seed["published"], seed["published_from"]) == ("2025-07-02", "dateline")
    assert "Also Read" not in seed["text"] and "verified and authored" not in seed["text"]
    assert "Image source" not in by_name["003_b88051d74b3f4a63.txt"]["text"]


def _bad_inputs(tmp_path: Path, base_url: str) -> dict[str, str]:
    """Each bad input of the issue -> a fragment of its expected one-line reason."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (tmp_path / "invalid-utf8.txt").write_bytes(bytes(range(0x80, 0x100)) * 40)
    (tmp_path / "malformed.html").write_text("<html><body><div><p <<</td></span>&&&;</html", encoding="utf-8")
    with (tmp_path / "huge.html").open("w", encoding="utf-8") as handle:
        handle.write("<html><body>")
        chunk = "<p>" + "The council met again on Monday to discuss the budget. " * 20 + "</p>\n"
        while handle.tell() < 50_000_000:
            handle.write(chunk * 200)
        handle.write("</body></html>")
    (tmp_path / "endless.txt").write_text("The council met again on Monday. " * 40_000, encoding="utf-8")
    return {
        str(tmp_path / "empty.txt"): "empty input",
        str(tmp_path / "endless.txt"): "too much text for one article",
        str(tmp_path / "picture.txt"): "PNG image",
        str(tmp_path / "invalid-utf8.txt"): "not valid UTF-8",
        str(tmp_path / "malformed.html"): "too little text",
        str(tmp_path / "huge.html"): "file too large",
        str(tmp_path / "missing.txt"): "no such file or folder",
        f"{base_url}/slow": "timed out after 0.5 s",
        f"{base_url}/missing": "HTTP 404",
    }


def test_cli_bad_inputs_are_skipped_with_reasons(run, tmp_path, http_server):
    bad = _bad_inputs(tmp_path, http_server)
    good = [_article(tmp_path), EXAMPLES / "02_eurodaily.html", f"{http_server}/article"]
    db = tmp_path / "store.db"
    result = run(
        "analyze", good[0], *bad, *good[1:], "--db", db, "--timeout", "0.5", "--out", tmp_path / "a.json"
    )
    assert result.exit_code == 1, result.output
    payload = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    validate(payload)
    assert [d["source"] for d in payload["documents"]] == [str(g) for g in good]
    reasons = {s["source"]: s["reason"] for s in payload["skipped"]}
    assert set(reasons) == set(bad)
    stderr_lines = result.stderr.splitlines()
    for source, fragment in bad.items():
        assert fragment in reasons[source], (source, reasons[source])
        assert f"skipped {source}: {reasons[source]}" in stderr_lines
        assert sum(source in line for line in stderr_lines) == 1, "one line per skipped input"
    with Store(str(db)) as store:
        assert store.counts()["documents"] == 3
        with store.engine.connect() as conn:
            ids = select(schema.documents.c.id)
            orphans = conn.execute(
                select(func.count()).select_from(schema.mentions).where(schema.mentions.c.doc.not_in(ids))
            ).scalar_one()
        assert orphans == 0


def test_cli_examples_end_to_end(run, tmp_path):
    db = tmp_path / "demo.db"
    result = run("analyze", EXAMPLES, "--db", db, "--out", tmp_path / "analysis.json")
    assert result.exit_code == 0, result.output
    payload = json.loads((tmp_path / "analysis.json").read_text(encoding="utf-8"))
    validate(payload)
    assert len(payload["documents"]) == 5
    assert all(d["removed"] for d in payload["documents"]), "every example carries boilerplate"
    dates = {
        Path(d["source"]).name: (d["published"], d["published_from"], d["outlet"])
        for d in payload["documents"]
    }
    assert dates.keys() == EXAMPLE_DATES.keys()
    for name, expected in EXAMPLE_DATES.items():
        if expected is None:
            assert dates[name][1] in (None, "inferred"), dates[name]
        else:
            assert dates[name] == expected, name
    again = run("analyze", EXAMPLES, "--db", db, "--quiet", "--out", tmp_path / "again.json")
    assert again.exit_code == 0
    shown = run("show", "--db", db)
    assert shown.exit_code == 0
    assert "5 documents" in shown.stdout
    as_json = json.loads(run("show", "--db", db, "--format", "json").stdout)
    validate(as_json)
    assert sorted(d["id"] for d in as_json["documents"]) == sorted(d["id"] for d in payload["documents"])
    assert run("show", "--db", db, "--format", "md").stdout.startswith("# claimgraph analysis")
