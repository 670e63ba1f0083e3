"""The web app through FastAPI's TestClient: every API endpoint, the one error shape, size
limits, token auth, security headers, and hostile article text coming back escaped."""

from __future__ import annotations

import io
import json
import re
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from slant import analyze
from slant.annotate import annotate_corpus
from slant.cli import app as cli_app
from slant.demo import DEMO_COLUMNS, demo_corpus_file
from slant.document import Document
from slant.errors import FetchError, FetchTimeout, InputError, UpstreamError
from slant.load import ingest_paths
from slant.store import Corpus
from slant.web import create_app
from slant.web.app import snippet_html
from slant.web.security import check_exposure, is_loopback

#: An article written to break out of HTML: a script, an event handler, a javascript: link,
#: closing tags inside quotes, an SVG handler. Each would set ``window.__slantPwned``.
XSS_ARTICLE = (
    "Rebels shelled the market, officials said on Tuesday.\n\n"
    'The "moderate" fighters <script>window.__slantPwned = 1; alert("script")</script> '
    "denied it. Witnesses said 12 civilians were killed.\n\n"
    '<img src=x onerror="window.__slantPwned = 2; alert(2)"> The governor called them '
    '"terrorists" and <a href="javascript:window.__slantPwned = 3">a gang of criminals</a>.\n\n'
    'A spokesman wrote "</span></article></main><script>window.__slantPwned = 4</script>" '
    'in a statement, and the agency quoted \'"><svg onload="window.__slantPwned = 5">\'.'
)
RAW_PAYLOADS = (
    "<script>window.__slantPwned",
    "<img src=x onerror",
    '<a href="javascript:',
    "<svg onload",
    "</article></main><script>",
)
ARTICLE = (
    "Aid convoy reaches Veldrograd\n\n"
    "A convoy of 40 trucks reached Veldrograd on Monday, the Red Crescent said. "
    '"We are relieved," said Anna Petrova, a local doctor. At least 27 civilians were killed '
    "in shelling last week, according to the city's health directorate."
)
ERROR_KEYS = {"ok", "error", "status"}
#: What a script sends to the app: its loopback address, and the custom header that shows a
#: state-changing request is not a cross-site one (slant.web.csrf).
BASE_URL = "http://127.0.0.1"
CLIENT_HEADERS = {"X-Slant-Client": "tests"}
#: The analyzers the API tests run: the rule-based ones, so that these tests check the web
#: layer, quickly, whatever state the trained models are in (the browser tests run them all).
ANALYZERS = ("tone", "quotes", "scare_quotes", "actors", "claims")


def add_hostile_article(path: Path, *, analyzers: tuple[str, ...] | None = ANALYZERS) -> str:
    """Store and annotate the hostile article (source ``hostile``); return its id."""
    hostile = Document(
        text=XSS_ARTICLE,
        title="<b>Hostile</b> <script>x()</script>",
        source="hostile",
        date="2031-03-09",
    )
    with Corpus(path) as corpus:
        corpus.add_documents([hostile])
        report = annotate_corpus(corpus, analyzers=analyzers)
    assert not report.failed, report
    return hostile.id


def build_corpus(path: Path, *, analyzers: tuple[str, ...] | None = ANALYZERS) -> None:
    """The demo corpus (twelve articles by three outlets), annotated."""
    with Corpus(path) as corpus:
        ingest_paths(corpus, [demo_corpus_file()], columns=DEMO_COLUMNS)
        report = annotate_corpus(corpus, analyzers=analyzers)
    assert report.analyzed == 12 and not report.failed, report


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("web") / "web.db"
    build_corpus(path)
    return path, add_hostile_article(path)


@pytest.fixture(scope="module")
def client(corpus_file: tuple[Path, str]):
    with TestClient(
        create_app(corpus_file[0], workers=2, analyzers=ANALYZERS),
        base_url=BASE_URL,
        headers=CLIENT_HEADERS,
    ) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def hostile_id(corpus_file: tuple[Path, str]) -> str:
    return corpus_file[1]


def assert_error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == ERROR_KEYS and body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    return body["error"]


# --- the API -------------------------------------------------------------------------------


def test_health(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["ok"] is True and body["documents"] == 13 and body["annotated"] == 13
    assert set(body["analyzers"]) == set(ANALYZERS)


def test_analyze_text_is_the_library_analysis(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"text": ARTICLE, "title": "Convoy"})
    assert response.status_code == 200
    data = response.json()
    expected = analyze(Document(text=ARTICLE, title="Convoy"), analyzers=ANALYZERS).to_dict()
    assert data == json.loads(json.dumps(expected))
    assert data["schema"] == "slant.analysis/1" and data["document"]["length"] == len(ARTICLE)
    for claim in data["claims"]:
        assert ARTICLE[claim["start"] : claim["end"]] == claim["text"]


def test_analyze_selected_analyzers(client: TestClient) -> None:
    data = client.post("/api/analyze", json={"text": ARTICLE, "analyzers": ["tone"]}).json()
    assert data["analyzers"] == {"tone": "tone.v1"} and data["tone"]["compound"] is not None


@pytest.mark.parametrize(
    ("error", "status"),
    [(FetchTimeout, 504), (UpstreamError, 502), (FetchError, 400)],
)
def test_analyze_url_fetch_failures(client, monkeypatch, error, status) -> None:
    def failing_fetch(url: str, **options: object) -> Document:
        raise error(f"{url}: cannot fetch")

    monkeypatch.setattr("slant.web.work.fetch_document", failing_fetch)
    response = client.post("/api/analyze", json={"url": "https://news.example/story"})
    assert "news.example" in assert_error(response, status)


def test_analyze_url_uses_the_fetcher(client, monkeypatch) -> None:
    monkeypatch.setattr(
        "slant.web.work.fetch_document",
        lambda url, **options: Document(text=ARTICLE, url=url, title="Fetched"),
    )
    data = client.post("/api/analyze", json={"url": "https://news.example/story"}).json()
    assert data["document"]["url"] == "https://news.example/story"


def test_analyze_url_private_address_refused(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"url": "http://127.0.0.1:9/admin"})
    assert "non-public address" in assert_error(response, 400)


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({}, lambda docs: len(docs) == 13),
        ({"source": "herald"}, lambda docs: {d["source"] for d in docs} == {"herald"}),
        (
            {"source": "HERALD,freevoice"},
            lambda docs: {d["source"] for d in docs} == {"herald", "freevoice"},
        ),
        (
            {"from": "2031-03-10", "to": "2031-03-31"},
            lambda docs: docs and all("2031-03-10" <= d["date"] <= "2031-03-31" for d in docs),
        ),
        ({"q": "convoy"}, lambda docs: docs and all("[" in d["snippet"] for d in docs)),
        (
            {"q": "Veldrograd", "source": "meridian"},
            lambda docs: docs and {d["source"] for d in docs} == {"meridian"},
        ),
        ({"q": "zzzunfindable"}, lambda docs: docs == []),
    ],
)
def test_documents_filters(client: TestClient, params, check) -> None:
    body = client.get("/api/documents", params=params).json()
    assert check(body["documents"]), body
    assert body["total"] >= len(body["documents"])


def test_documents_paging(client: TestClient) -> None:
    first = client.get("/api/documents", params={"limit": 5}).json()
    second = client.get("/api/documents", params={"limit": 5, "offset": 5}).json()
    assert first["total"] == 13 and len(first["documents"]) == 5
    assert not {d["id"] for d in first["documents"]} & {d["id"] for d in second["documents"]}


def test_document_with_stored_analysis(client: TestClient, hostile_id: str) -> None:
    body = client.get(f"/api/documents/{hostile_id}").json()
    assert body["text"] == XSS_ARTICLE and body["analysis_stored"] is True
    assert body["analysis"]["document"]["id"] == hostile_id


def test_document_not_annotated_is_analyzed_now(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    with Corpus(path) as corpus:
        corpus.add_documents([Document(text=ARTICLE)])
    with TestClient(
        create_app(path, workers=1, analyzers=["tone"]), base_url=BASE_URL, headers=CLIENT_HEADERS
    ) as fresh:
        doc_id = fresh.get("/api/documents").json()["documents"][0]["id"]
        body = fresh.get(f"/api/documents/{doc_id}").json()
    assert body["analysis_stored"] is False and body["analysis"]["tone"] is not None


def test_compare(client: TestClient) -> None:
    body = client.post(
        "/api/compare", json={"a": "source:herald", "b": "source:freevoice", "label_a": "State"}
    ).json()
    assert body["schema"] == "slant.compare/1" and body["a"]["label"] == "State"
    assert body["a"]["documents"] == 4 and body["b"]["documents"] == 4
    assert "distinctive_terms" in body


def test_ingest_upload_with_progress(client: TestClient) -> None:
    rows = [
        {
            "title": "Night raid",
            "source": "wire",
            "date": "2031-04-01",
            "text": "Soldiers raided the camp at night, the agency said. 3 people were detained.",
        },
        {"title": "No text", "source": "wire"},
    ]
    data = "\n".join(json.dumps(row) for row in rows).encode()
    response = client.post("/api/ingest", files={"file": ("new.jsonl", io.BytesIO(data))})
    assert response.status_code == 202
    job = response.json()
    for _ in range(200):
        job = client.get(f"/api/ingest/{job['id']}").json()
        if job["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert job["state"] == "done" and job["added"] == 1 and job["failed"] == 1
    assert job["to_annotate"] >= 1 and job["annotated"] == job["to_annotate"]
    assert job["failures"][0].startswith("new.jsonl")
    found = client.get("/api/documents", params={"q": "raided", "source": "wire"}).json()
    assert [d["title"] for d in found["documents"]] == ["Night raid"]


# --- one error shape over every endpoint ---------------------------------------------------

ERROR_CASES = [
    ("post", "/api/analyze", {"json": {}}, 422),
    ("post", "/api/analyze", {"json": {"text": "x", "url": "https://a.example"}}, 422),
    ("post", "/api/analyze", {"json": {"text": "   "}}, 400),
    ("post", "/api/analyze", {"json": {"text": "Talks failed.", "analyzers": ["nope"]}}, 400),
    ("post", "/api/analyze", {"json": {"url": "ftp://example.org/x"}}, 400),
    (
        "post",
        "/api/analyze",
        {"content": b"{not json", "headers": {"content-type": "application/json"}},
        422,
    ),
    ("get", "/api/analyze", {}, 405),
    ("get", "/api/documents", {"params": {"from": "last week"}}, 400),
    ("get", "/api/documents", {"params": {"source": "x", "to": "2031-13-99x"}}, 400),
    ("get", "/api/documents", {"params": {"limit": 0}}, 422),
    # issue 13: these were 500s
    ("get", "/api/documents", {"params": {"offset": "9223372036854775808"}}, 422),
    ("get", "/api/documents", {"params": {"q": "siege", "offset": str(2**63)}}, 422),
    ("post", "/api/analyze", {"json": {"url": "http://example.com:99999/"}}, 400),
    ("post", "/api/analyze", {"json": {"url": "http://[::1/"}}, 400),
    (
        "post",
        "/api/analyze",
        {
            "content": b'{"text": "Talks \\ud800 failed."}',
            "headers": {"content-type": "application/json"},
        },
        422,
    ),
    (
        "post",
        "/api/compare",
        {
            "content": b'{"a": "source:\\udfff", "b": "source:herald"}',
            "headers": {"content-type": "application/json"},
        },
        422,
    ),
    ("get", "/api/documents/0000000000000000", {}, 404),
    ("post", "/api/compare", {"json": {}}, 422),
    ("post", "/api/compare", {"json": {"a": "source:herald", "b": "source:herald"}}, 400),
    ("post", "/api/compare", {"json": {"a": "colour:red", "b": "source:herald"}}, 400),
    ("post", "/api/ingest", {"files": {"file": ("notes.pdf", io.BytesIO(b"%PDF"))}}, 400),
    ("post", "/api/ingest", {"files": {"file": ("empty.csv", io.BytesIO(b""))}}, 400),
    ("post", "/api/ingest", {}, 422),
    ("get", "/api/ingest/nosuchjob", {}, 404),
    ("delete", "/api/health", {}, 405),
    ("get", "/api/nowhere", {}, 404),
]


@pytest.mark.parametrize(("method", "path", "options", "status"), ERROR_CASES)
def test_error_shape(client: TestClient, method, path, options, status) -> None:
    assert_error(client.request(method.upper(), path, **options), status)


def test_every_api_endpoint_has_an_error_case(client: TestClient) -> None:
    paths = {p for p in client.get("/openapi.json").json()["paths"]}
    covered = {re.sub(r"/(0{16}|nosuchjob)$", "/{x}", path) for _, path, _, _ in ERROR_CASES}
    for path in paths:
        assert re.sub(r"\{[a-z_]+\}", "{x}", path) in covered, path


def test_huge_page_number_is_a_clear_error(client: TestClient) -> None:
    response = client.get("/corpus", params={"page": "99999999999999999999"})
    assert response.status_code == 422 and "text/html" in response.headers["content-type"]
    assert "page" in response.text


def test_page_errors_are_html_pages(client: TestClient) -> None:
    response = client.get("/documents/0000000000000000")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "no document with id" in response.text


# --- size limits ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_client(corpus_file: tuple[Path, str]):
    app = create_app(
        corpus_file[0], max_upload_bytes=2000, max_text_chars=500, workers=1, analyzers=["tone"]
    )
    with TestClient(app, base_url=BASE_URL, headers=CLIENT_HEADERS) as test_client:
        yield test_client


def test_413_declared_body(small_client: TestClient) -> None:
    response = small_client.post("/api/analyze", json={"text": "word " * 1000})
    assert "limit of 2,000 bytes" in assert_error(response, 413)


def test_413_streamed_body_without_length(small_client: TestClient) -> None:
    def chunks():
        for _ in range(10):
            yield b"x" * 500

    response = small_client.post(
        "/api/analyze", content=chunks(), headers={"content-type": "application/json"}
    )
    assert_error(response, 413)


def test_413_text_longer_than_limit(small_client: TestClient) -> None:
    response = small_client.post("/api/analyze", json={"text": "a" * 600})
    assert "600 characters" in assert_error(response, 413)


def test_analyze_page_errors_keep_the_form(client, small_client) -> None:
    blank = client.post("/analyze", data={"text": "   ", "title": "Kept title"})
    assert blank.status_code == 400 and "document text is empty" in blank.text
    assert 'value="Kept title"' in blank.text
    too_long = small_client.post("/analyze", data={"text": XSS_ARTICLE})
    assert too_long.status_code == 413 and "more than this server" in too_long.text
    assert "&lt;script&gt;window.__slantPwned" in too_long.text
    for payload in RAW_PAYLOADS:
        assert payload not in too_long.text
    refused = client.post("/analyze/url", data={"url": "http://10.0.0.1/x"})
    assert refused.status_code == 400 and 'value="http://10.0.0.1/x"' in refused.text


def test_413_upload_on_a_page_is_an_html_page(small_client: TestClient) -> None:
    files = {"file": ("big.txt", io.BytesIO(b"word " * 1000))}
    response = small_client.post("/analyze/upload", files=files)
    assert response.status_code == 413 and "Too large" in response.text


# --- token auth ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def token_client(corpus_file: tuple[Path, str]):
    app = create_app(corpus_file[0], token="s3cret-token", workers=1, analyzers=["tone"])
    with TestClient(app, base_url=BASE_URL, headers=CLIENT_HEADERS) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"authorization": "Bearer wrong"},
        {"authorization": "Basic s3cret-token"},
        {"cookie": "slant_token=wrong"},
    ],
)
def test_token_refused(token_client: TestClient, headers) -> None:
    token_client.cookies.clear()
    response = token_client.get("/api/health", headers=headers)
    assert_error(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"


def test_token_accepted(token_client: TestClient) -> None:
    token_client.cookies.clear()
    ok = token_client.get("/api/health", headers={"authorization": "Bearer s3cret-token"})
    assert ok.status_code == 200
    assert token_client.get("/static/web/slant.js").status_code == 200
    page = token_client.get("/corpus")
    assert page.status_code == 401 and "/login" in page.text
    assert token_client.get("/login-elsewhere").status_code == 401
    assert token_client.get("/static/../api/health").status_code != 200


def test_login_sets_a_strict_cookie(token_client: TestClient) -> None:
    token_client.cookies.clear()
    assert token_client.post("/login", data={"token": "nope"}).status_code == 401
    response = token_client.post("/login", data={"token": "s3cret-token"}, follow_redirects=False)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert token_client.get("/corpus").status_code == 200
    token_client.cookies.clear()


@pytest.mark.parametrize(
    ("host", "token", "insecure", "allowed"),
    [
        ("127.0.0.1", None, False, True),
        ("localhost", None, False, True),
        ("::1", None, False, True),
        ("127.0.0.2", None, False, True),
        ("0.0.0.0", None, False, False),
        ("192.168.1.5", None, False, False),
        ("example.org", None, False, False),
        ("0.0.0.0", "t", False, True),
        ("0.0.0.0", None, True, True),
    ],
)
def test_check_exposure(host, token, insecure, allowed) -> None:
    if allowed:
        check_exposure(host, token=token, insecure_no_auth=insecure)
    else:
        with pytest.raises(InputError, match="--token"):
            check_exposure(host, token=token, insecure_no_auth=insecure)
    assert is_loopback(host) == (allowed and not token and not insecure)


def test_serve_refuses_open_host_without_token(runner) -> None:
    result = runner.invoke(cli_app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 1 and "--insecure-no-auth" in result.output


# --- headers, pages and escaping -----------------------------------------------------------

PAGES = ["/", "/corpus", "/corpus?q=siege", "/compare", "/api", "/login"]


@pytest.mark.parametrize("path", [*PAGES, "/api/health", "/nowhere"])
def test_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in headers["content-security-policy"].split(";")
    )
    assert policy["script-src"] == "'self'" and policy["default-src"] == "'none'"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_inline_script_and_no_remote_assets(client: TestClient, path) -> None:
    page = client.get(path).text
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", page)
    assert not re.search(r"(src|href)=\"(https?:)?//", page)


def test_no_cdn_docs(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    api_page = client.get("/api").text
    for path in client.get("/openapi.json").json()["paths"]:
        assert f"<code>{path}</code>" in api_page


def _assert_escaped(html: str) -> None:
    for payload in RAW_PAYLOADS:
        assert payload not in html, payload
    assert "&lt;script&gt;window.__slantPwned" in html


def test_analyze_page_escapes_hostile_text(client: TestClient) -> None:
    response = client.post("/analyze", data={"text": XSS_ARTICLE, "title": "<i>t</i>"})
    assert response.status_code == 200 and 'class="hl' in response.text
    _assert_escaped(response.text)
    assert "<i>t</i>" not in response.text


def test_analyze_upload_escapes_hostile_html_file(client: TestClient) -> None:
    page = f"<html><body><article><p>{XSS_ARTICLE}</p></article></body></html>".encode()
    response = client.post("/analyze/upload", files={"file": ("x.txt", io.BytesIO(page))})
    assert response.status_code == 200
    for payload in RAW_PAYLOADS:
        assert payload not in response.text


def test_analyze_upload_html_page_extracts_the_article(client: TestClient) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in ARTICLE.split("\n\n")[1:])
    page = (
        "<html><head><title>Aid convoy reaches Veldrograd</title></head><body>"
        "<nav>Home | World</nav><article><h1>Aid convoy reaches Veldrograd</h1>"
        f"{paragraphs * 3}</article><script>window.__slantPwned = 9</script></body></html>"
    )
    files = {"file": ("story.html", io.BytesIO(page.encode()))}
    response = client.post("/analyze/upload", files=files)
    assert response.status_code == 200 and "Aid convoy reaches Veldrograd" in response.text
    assert "Home | World" not in response.text and "__slantPwned = 9" not in response.text


@pytest.mark.parametrize(
    ("name", "message"),
    [("notes.pdf", "give a .txt or .html file"), ("empty.txt", "file is empty")],
)
def test_analyze_upload_refused(client: TestClient, name: str, message: str) -> None:
    data = b"" if name.startswith("empty") else b"%PDF-1.4"
    response = client.post("/analyze/upload", files={"file": (name, io.BytesIO(data))})
    assert response.status_code == 400 and message in response.text


def test_corpus_pages(client: TestClient) -> None:
    first = client.get("/corpus", params={"source": "herald", "date_from": "2031-03-01"})
    assert first.status_code == 200 and "match <code>source:herald date:2031-03-01..</code>" in (
        first.text
    )


def test_corpus_page_paging(tmp_path: Path) -> None:
    path = tmp_path / "many.db"
    with Corpus(path) as corpus:
        corpus.add_documents(
            Document(
                text=f"Report number {n} on the talks.", title=f"Report {n}", date="2031-01-01"
            )
            for n in range(30)
        )
    with TestClient(
        create_app(path, workers=1, analyzers=["tone"]), base_url=BASE_URL, headers=CLIENT_HEADERS
    ) as paged:
        first = paged.get("/corpus").text
        second = paged.get("/corpus", params={"page": 2}).text
    assert "Page 1 of 2" in first and 'href="/corpus?q=&amp;source=' in first
    assert first.count('href="/documents/') == 25 and second.count('href="/documents/') == 5


def test_document_search_and_compare_pages_escape(client: TestClient, hostile_id: str) -> None:
    _assert_escaped(client.get(f"/documents/{hostile_id}").text)
    listing = client.get("/corpus", params={"q": "spokesman"}).text
    assert "<mark>" in listing and "<b>Hostile</b>" not in listing
    for payload in RAW_PAYLOADS:
        assert payload not in listing
    report = client.get("/compare/report", params={"a": "source:hostile", "b": "source:meridian"})
    assert report.status_code == 200
    for payload in RAW_PAYLOADS:
        assert payload not in report.text
    assert "frame-ancestors 'self'" in report.headers["content-security-policy"]


def test_hostile_labels_and_file_names_are_escaped(client: TestClient) -> None:
    label = "<script>window.__slantPwned = 6</script>"
    params = {"a": "source:herald", "b": "source:meridian", "label_a": label}
    for path in ("/compare", "/compare/report"):
        html = client.get(path, params=params).text
        assert label not in html and "&lt;script&gt;window.__slantPwned = 6" in html
    name = '<img src=x onerror="window.__slantPwned = 7">.jsonl'
    data = json.dumps({"text": "A short note on the talks, officials said."}).encode()
    started = client.post("/corpus/ingest", files={"file": (name, io.BytesIO(data))})
    assert started.status_code == 200 and "<img src=x" not in started.text
    assert "&lt;img src=x onerror=" in started.text


def test_api_returns_hostile_text_as_json(client: TestClient) -> None:
    response = client.post("/api/analyze", json={"text": XSS_ARTICLE, "analyzers": ["tone"]})
    assert response.headers["content-type"] == "application/json"
    assert response.json()["document"]["length"] == len(XSS_ARTICLE)


@pytest.mark.parametrize(
    ("snippet", "html"),
    [
        ("the [siege] began", "the <mark>siege</mark> began"),
        ("<b>[x]</b>", "&lt;b&gt;<mark>x</mark>&lt;/b&gt;"),
        ("[<script>]", "<mark>&lt;script&gt;</mark>"),
        ("a ] b [", "a ] b ["),
    ],
)
def test_snippet_html(snippet: str, html: str) -> None:
    assert str(snippet_html(snippet)) == html


def test_compare_page_shows_the_report_in_a_frame(client: TestClient) -> None:
    page = client.get("/compare", params={"a": "source:herald", "b": "source:freevoice"})
    assert page.status_code == 200 and 'id="compare-frame"' in page.text
    assert 'sandbox="allow-same-origin"' in page.text
    bad = client.get("/compare", params={"a": "source:herald", "b": "source:herald"})
    assert bad.status_code == 400 and "both sides select the same documents" in bad.text
    download = client.get("/compare.json", params={"a": "source:herald", "b": "source:freevoice"})
    assert download.json()["schema"] == "slant.compare/1"
    assert "attachment" in download.headers["content-disposition"]


# --- the worker pool: off the event loop, with a timeout -----------------------------------


def test_analysis_past_the_timeout_is_504(corpus_file, monkeypatch) -> None:
    release = threading.Event()

    def stuck(document: Document, analyzers: list[str] | None = None) -> None:
        release.wait(10)

    app = create_app(corpus_file[0], workers=1, request_timeout=0.5, analyzers=["tone"])
    with TestClient(app, base_url=BASE_URL, headers=CLIENT_HEADERS) as slow:
        monkeypatch.setattr("slant.web.api.analyze_document", stuck)
        response = slow.post("/api/analyze", json={"text": ARTICLE})
        release.set()
    assert "request timeout of 0.5 s" in assert_error(response, 504)


def test_server_answers_while_an_analysis_runs(corpus_file, monkeypatch) -> None:
    started, release = threading.Event(), threading.Event()

    def blocking(document: Document, analyzers: list[str] | None = None):
        started.set()
        release.wait(10)
        return analyze(document, analyzers=["tone"])

    with TestClient(
        create_app(corpus_file[0], workers=1, analyzers=["tone"]),
        base_url=BASE_URL,
        headers=CLIENT_HEADERS,
    ) as busy:
        monkeypatch.setattr("slant.web.api.analyze_document", blocking)
        with ThreadPoolExecutor(max_workers=1) as background:
            pending = background.submit(busy.post, "/api/analyze", json={"text": ARTICLE})
            assert started.wait(10)
            health = busy.get("/api/health")
            listing = busy.get("/api/documents", params={"limit": 1})
            assert not pending.done()
            release.set()
            assert pending.result(timeout=30).status_code == 200
    assert health.status_code == 200 and listing.status_code == 200


def test_slant_serve_runs_uvicorn_with_the_token(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [sys.executable, "-c", "from slant.cli import main; main()", "serve",
               "--corpus", str(tmp_path / "served.db"), "--port", str(port),
               "--token", "t0ken", "--analyzers", "tone"]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                refused = httpx.get(base + "/api/health", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read().decode()
                time.sleep(0.1)
        served = httpx.get(base + "/api/health", headers={"authorization": "Bearer t0ken"})
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert refused.status_code == 401 and served.json()["analyzers"] == {"tone": "tone.v1"}
    assert f"http://127.0.0.1:{port}/" in output
