"""Cross-site request forgery and DNS rebinding (issue 13, item 4), through the TestClient.

Before: a form post from any page in the user's browser (``no-cors``) planted a document via
``POST /api/ingest`` on a server in its default loopback mode. Now every state-changing
request needs this app's proof (session token, custom header or Authorization), a foreign
``Origin`` is refused, and a ``Host`` that is not a loopback name is refused outright. The
browser case (a second loopback origin) is in ``test_web_browser.py``.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from slant.web import create_app
from slant.web.csrf import host_allowed
from tests.test_web_api import ANALYZERS, BASE_URL, ERROR_KEYS

PLANTED = b'{"text": "Planted by another site: the ceasefire is a lie.", "title": "planted"}\n'


@pytest.fixture
def app_and_path(tmp_path: Path):
    path = tmp_path / "csrf.db"
    return create_app(path, workers=1, analyzers=ANALYZERS), path


def _documents(client: TestClient) -> int:
    return client.get("/api/health").json()["documents"]


def _refused(response, fragment: str) -> None:
    assert response.status_code == 403, response.text
    if response.headers["content-type"].startswith("application/json"):
        body = response.json()
        assert set(body) == ERROR_KEYS and body["status"] == 403
        assert fragment in body["error"]
    else:
        assert fragment in response.text


@pytest.mark.parametrize(
    "headers",
    [
        {},  # the no-cors form post of the report: no custom header, no token
        {"Origin": "http://127.0.0.1:9999", "X-Slant-Client": "x"},  # another loopback origin
        {"Origin": "null", "X-Slant-Client": "x"},  # a sandboxed frame or a file:// page
        {"Sec-Fetch-Site": "same-site", "X-Slant-Client": "x"},  # Chromium says: not ours
        {"X-Slant-CSRF": "0" * 40},  # a token made up
    ],
)
def test_cross_site_ingest_is_refused_and_stores_nothing(app_and_path, headers) -> None:
    app, _ = app_and_path
    with TestClient(app, base_url=BASE_URL) as client:
        files = {"file": ("planted.jsonl", io.BytesIO(PLANTED))}
        _refused(client.post("/api/ingest", files=files, headers=headers), "refused")
        _refused(client.post("/analyze", data={"text": "x"}, headers=headers), "refused")
        _refused(client.post("/api/analyze", json={"text": "x"}, headers=headers), "refused")
        assert _documents(client) == 0


def test_scripts_pass_with_the_custom_header(app_and_path) -> None:
    app, _ = app_and_path
    with TestClient(app, base_url=BASE_URL, headers={"X-Slant-Client": "curl"}) as client:
        response = client.post("/api/analyze", json={"text": "Talks failed, officials said."})
        assert response.status_code == 200, response.text
        own = {"Origin": BASE_URL}  # a same-origin fetch from the app's own page
        assert (
            client.post(
                "/api/analyze", json={"text": "Talks.", "analyzers": ["tone"]}, headers=own
            ).status_code
            == 200
        )


def _form_token(html: str, action: str) -> str:
    match = re.search(rf'action="{re.escape(action)}\?csrf=([0-9a-f]+)"', html)
    assert match, f"no CSRF token in the action of the {action} form"
    return match.group(1)


def test_page_forms_carry_a_per_session_token(app_and_path) -> None:
    app, _ = app_and_path
    with TestClient(app, base_url=BASE_URL) as browser:
        page = browser.get("/")
        assert "slant_session" in page.headers["set-cookie"]
        assert "HttpOnly" in page.headers["set-cookie"]
        assert "SameSite=Strict" in page.headers["set-cookie"]
        token = _form_token(page.text, "/analyze")
        assert _form_token(page.text, "/analyze/url") == token
        assert _form_token(browser.get("/corpus").text, "/corpus/ingest") == token
        ok = browser.post(f"/analyze?csrf={token}", data={"text": "Talks failed, aides said."})
        assert ok.status_code == 200 and "slant-text" in ok.text
        other = TestClient(app, base_url=BASE_URL)  # another session (the app runs already)
        other.get("/")
        _refused(other.post(f"/analyze?csrf={token}", data={"text": "x"}), "refused")
        # An attacker on another port may plant its own session cookie; the token of the
        # victim's session does not match it, and it cannot compute one for its own.
        browser.cookies.clear()
        browser.cookies.set("slant_session", "attacker-chosen")
        _refused(browser.post(f"/analyze?csrf={token}", data={"text": "x"}), "refused")


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "10.0.0.5", "[::2]:80"])
def test_dns_rebinding_host_is_refused_even_for_reads(app_and_path, host) -> None:
    app, _ = app_and_path
    with TestClient(app, base_url=BASE_URL) as client:
        _refused(client.get("/api/health", headers={"Host": host}), "host name")
        _refused(client.get("/", headers={"Host": host}), "host name")


@pytest.mark.parametrize(
    ("host", "allowed", "expected"),
    [
        ("127.0.0.1:8000", None, True),
        ("localhost", None, True),
        ("[::1]:8000", None, True),
        ("127.9.9.9", None, True),
        ("evil.example", None, False),
        ("", None, False),
        ("news.example:8080", frozenset({"news.example"}), True),
        ("evil.example", frozenset({"news.example"}), False),
        ("anything", frozenset({"*"}), True),
    ],
)
def test_host_allowed(host, allowed, expected) -> None:
    assert host_allowed(host, allowed) is expected


def test_token_mode_accepts_the_bearer_token_and_checks_origin(tmp_path: Path) -> None:
    app = create_app(tmp_path / "t.db", token="s3cret", workers=1, analyzers=["tone"])
    with TestClient(app, base_url=BASE_URL) as client:
        bearer = {"Authorization": "Bearer s3cret"}
        assert (
            client.post("/api/analyze", json={"text": "Talks."}, headers=bearer).status_code == 200
        )
        _refused(
            client.post(
                "/api/analyze",
                json={"text": "Talks."},
                headers={**bearer, "Origin": "http://127.0.0.1:1"},
            ),
            "another site",
        )
