"""WARC files (plain and gzipped): article records in, everything else out, truncation reported."""

from __future__ import annotations

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.ingest import read_inputs
from claimgraph.model import RawInput, Skipped

PAGE = "<html><head><title>Report {i}</title></head><body><article><p>{body}</p></article></body></html>"
BODY = (
    "Local officials said the bridge would reopen in {i} weeks after repairs to its supports were finished."
)


def warc_bytes(*, gzip: bool, extra: bool = True) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    records = [
        ("response", "text/html; charset=utf-8", "200 OK", PAGE.format(i=i, body=BODY.format(i=i)))
        for i in range(3)
    ]
    if extra:
        records[1:1] = [
            ("response", "image/png", "200 OK", "\x89PNG...."),
            ("response", "text/html", "404 Not Found", "<html>missing</html>"),
            ("request", None, None, ""),
        ]
    for number, (kind, ctype, status, payload) in enumerate(records):
        uri = f"https://news.example/{number}"
        if kind == "request":
            record = writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        else:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(payload.encode("utf-8")), http_headers=headers
            )
        writer.write_record(record)
    return buf.getvalue()


@pytest.mark.parametrize(("gzip", "suffix"), [(True, ".warc.gz"), (False, ".warc")])
def test_warc_records_keeps_only_html_responses(tmp_path, gzip, suffix):
    path = tmp_path / f"crawl{suffix}"
    path.write_bytes(warc_bytes(gzip=gzip))
    items = list(read_inputs([str(path)]))
    assert all(isinstance(i, RawInput) for i in items)
    assert [i.url for i in items] == [
        "https://news.example/0",
        "https://news.example/4",
        "https://news.example/5",
    ]
    assert items[0].media_type == "html" and "bridge would reopen" in items[0].content


@pytest.mark.parametrize(
    ("gzip", "cut"), [(True, 0.8), (True, 0.97), (False, 0.8), (False, 0.97), (False, 0.5)]
)
def test_warc_records_truncated_file_keeps_complete_records(tmp_path, gzip, cut):
    data = warc_bytes(gzip=gzip, extra=False)
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    path.write_bytes(data[: int(len(data) * cut)])
    items = list(read_inputs([str(path)]))
    complete = [i for i in items if isinstance(i, RawInput)]
    problems = [i for i in items if isinstance(i, Skipped)]
    assert len(problems) == 1 and "truncated WARC record" in problems[0].reason
    assert all(BODY.format(i=n) in r.content for n, r in enumerate(complete))  # what is kept is whole
    assert len(complete) + 1 <= 3


@pytest.mark.parametrize("data", [b"", b"this is not a web archive at all\n" * 10, b"\x1f\x8b\x08garbage"])
def test_warc_records_garbage_is_skipped_with_a_reason(tmp_path, data):
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(data)
    items = list(read_inputs([str(path)]))
    assert all(isinstance(i, Skipped) for i in items)
    assert len(items) <= 1
    assert all("WARC" in i.reason for i in items)


def test_warc_records_folder_scan_finds_archives(tmp_path):
    (tmp_path / "a.warc.gz").write_bytes(warc_bytes(gzip=True, extra=False))
    assert len([i for i in read_inputs([str(tmp_path)]) if isinstance(i, RawInput)]) == 3
