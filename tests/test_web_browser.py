"""The web app end to end in real headless Chromium (Debian ``chromium`` driven by Playwright):
paste an article and see highlights, search the corpus, ingest with progress, run a
comparison, and hostile article text that renders as text with no script running.

Set ``SLANT_SCREENSHOTS=docs`` to save the screenshots of the three pages there (the
README's ``docs/web-*.png``). A missing Chromium is a failure, not a skip: ``make test``
installs it (``scripts/ensure-chromium``).
"""

from __future__ import annotations

import http.server
import json
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import pytest
import uvicorn

from slant.demo import demo_corpus_file
from slant.store import Corpus
from slant.web import create_app
from tests.test_web_api import XSS_ARTICLE, add_hostile_article, build_corpus

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = os.environ.get("SLANT_SCREENSHOTS")
#: Scroll the compare page to the report's distinctive-terms chart (the frame is same-origin).
SCROLL_TO_TERMS = """() => {
  const frame = document.getElementById("compare-frame");
  const heading = [...frame.contentDocument.querySelectorAll("h2")]
    .find((h) => h.textContent.includes("Distinctive terms"));
  const top = frame.getBoundingClientRect().top + heading.getBoundingClientRect().top;
  window.scrollTo(0, window.scrollY + top - 250);
}"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "web.db"
    build_corpus(path, analyzers=None)  # end to end: every analyzer, as `slant serve` runs
    return path


@pytest.fixture(scope="module")
def base_url(corpus_path: Path) -> Iterator[str]:
    path = corpus_path
    port = _free_port()
    config = uvicorn.Config(
        create_app(path, workers=2), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(600):
        if server.started or not thread.is_alive():
            break
        threading.Event().wait(0.1)
    assert server.started, "the web server did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("needs Debian chromium: apt-get install -y chromium chromium-driver")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.dialogs = []
    opened.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    yield opened
    context.close()


def _screenshot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / name))


def _demo_article() -> str:
    first = demo_corpus_file().read_text(encoding="utf-8").splitlines()[0]
    return json.loads(first)["text"]


def test_paste_an_article_and_see_highlights(page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("textarea[name=text]", _demo_article())
    page.fill("input[name=title]", "Veldrograd starves")
    page.click("#paste-form button[type=submit]")
    page.wait_for_selector(".slant-text .hl")
    assert page.locator(".slant-text .hl.k-claim").count() > 0
    assert page.locator(".slant-text .hl.k-actor").count() > 0
    _screenshot(page, "web-analyze.png")
    claim = page.locator(".slant-text .hl.k-claim").first
    claim.click()
    note = page.locator("#slant-note")
    assert note.is_visible() and claim.inner_text() in note.inner_text()
    page.locator(".legend-item.k-claim + .web-only").click()
    assert page.locator(".show-claim").is_checked()
    assert not page.locator(".show-actor").is_checked()
    plain_actor = page.locator(".slant-text .hl.k-actor:not(.k-claim):not(.k-quote)").first
    background = plain_actor.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgba(0, 0, 0, 0)"
    href = page.get_attribute("a[download$='.json']", "href")
    media, _, payload = href.partition(",")
    assert media == "data:application/json;charset=utf-8"
    assert json.loads(unquote(payload))["schema"] == "slant.analysis/1"


LOADED_ARTICLE = (
    "The jihadi thugs spread their disgusting propaganda lies again. Our brave soldiers will "
    'never surrender to these cowards.\n\nThe minister said: "These vile traitors and '
    'bloodthirsty terrorists will be crushed like the vermin they are."\n'
)


def test_technique_score_slider_and_quoted_marks(page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("textarea[name=text]", LOADED_ARTICLE)
    page.click("#paste-form button[type=submit]")
    page.wait_for_selector(".slant-text .hl.k-technique")
    slider = page.locator(".web-min-score input[type=range]")
    legend = page.locator(".slant-legend")
    assert float(slider.input_value()) == float(legend.get_attribute("data-min-score"))
    pieces = page.locator(".slant-text .hl[data-score]")
    assert pieces.count() > 0
    slider.fill("0")
    assert page.locator(".slant-text .hl.t-low").count() == 0
    slider.fill("1")
    assert page.locator(".slant-text .hl.t-low").count() == pieces.count()
    hidden = page.locator(".slant-text .hl.k-technique.t-low:not(.k-quote)").first
    assert hidden.evaluate("el => getComputedStyle(el).borderBottomStyle") == "none"
    slider.fill("0")
    quoted = page.locator(".slant-text .hl.k-technique.v-quoted")
    assert quoted.count() > 0 and "quoting" in (quoted.first.get_attribute("title") or "")
    assert quoted.first.evaluate("el => getComputedStyle(el).borderBottomStyle") == "dashed"


def test_search_the_corpus_and_open_a_document(page, base_url: str) -> None:
    page.goto(base_url + "/corpus")
    page.fill("input[name=q]", "siege")
    page.click(".web-search button[type=submit]")
    page.wait_for_selector(".web-documents .web-snippet mark")
    assert "siege" in page.locator(".web-snippet mark").first.inner_text().lower()
    _screenshot(page, "web-corpus.png")
    page.locator(".web-documents a").first.click()
    page.wait_for_selector(".slant-text .hl")


def test_run_a_comparison(page, base_url: str) -> None:
    page.goto(base_url + "/compare")
    page.fill("input[name=a]", "source:herald")
    page.fill("input[name=label_a]", "Republic Herald (state)")
    page.fill("input[name=b]", "source:freevoice")
    page.fill("input[name=label_b]", "Free Voice (opposition)")
    page.click("#compare-form button[type=submit]")
    page.wait_for_selector("#compare-frame")
    frame = page.frame_locator("#compare-frame")
    frame.locator("h2", has_text="Distinctive terms").wait_for()
    assert frame.locator("svg.chart").count() > 0
    page.evaluate(SCROLL_TO_TERMS)
    _screenshot(page, "web-compare.png")


def test_ingest_shows_progress_until_done(page, base_url: str) -> None:
    rows = [
        {
            "title": f"Convoy {n}",
            "source": "wire",
            "text": f"Convoy {n} reached the city. "
            f"{n + 2} civilians were killed in shelling, officials said.",
        }
        for n in range(5)
    ]
    page.goto(base_url + "/corpus")
    page.set_input_files(
        "#ingest-form input[type=file]",
        files=[
            {
                "name": "convoys.jsonl",
                "mimeType": "application/json",
                "buffer": "\n".join(json.dumps(r) for r in rows).encode(),
            }
        ],
    )
    page.click("#ingest-form button[type=submit]")
    page.wait_for_selector("#ingest-job[data-finished]", timeout=60_000)
    assert page.get_attribute("#ingest-job", "data-finished") == "done"
    assert page.inner_text('[data-field="added"]') == "5"
    annotated = page.inner_text('[data-field="annotated"]')
    assert int(annotated) >= 5 and annotated == page.inner_text('[data-field="to_annotate"]')
    assert page.get_attribute('[data-field="progress"]', "value") == "1"


def _assert_no_script_ran(page) -> None:
    assert page.evaluate("() => window.__slantPwned") is None
    assert page.dialogs == []
    for frame in page.frames:
        assert frame.locator("a[href^='javascript']").count() == 0
        assert frame.locator("main img, main svg[onload], main [onerror]").count() == 0


def test_hostile_article_renders_as_text(page, base_url: str, corpus_path: Path) -> None:
    add_hostile_article(corpus_path, analyzers=None)
    page.goto(base_url + "/")
    page.fill("textarea[name=text]", XSS_ARTICLE)
    page.click("#paste-form button[type=submit]")
    page.wait_for_selector(".slant-text")
    shown = page.inner_text(".slant-text")
    assert "<script>window.__slantPwned = 1" in shown
    assert '<img src=x onerror="window.__slantPwned = 2' in shown
    assert "</span></article></main><script>" in shown
    page.locator(".slant-text", has_text="a gang of criminals").click()
    _assert_no_script_ran(page)
    sides = "a=source:hostile&b=source:meridian&label_a=<script>window.__slantPwned=6</script>"
    for path in ("/corpus?q=spokesman", f"/compare?{sides}", f"/compare/report?{sides}"):
        page.goto(base_url + path)
        _assert_no_script_ran(page)
    assert "<script>window.__slantPwned=6</script>" in page.inner_text("h1")
    document_link = page.goto(base_url + "/corpus?q=spokesman")
    assert document_link is not None
    page.locator(".web-documents a").first.click()
    page.wait_for_selector(".slant-text")
    assert "<script>window.__slantPwned = 1" in page.inner_text(".slant-text")
    _assert_no_script_ran(page)


def test_the_detector_sees_a_script_that_runs(page) -> None:
    """The checks above can fail: unescaped, the same payload runs and is seen."""
    page.set_content('<main><img src=x onerror="window.__slantPwned = 2; alert(2)"></main>')
    page.wait_for_function("() => window.__slantPwned === 2")
    assert page.dialogs == ["2"]


#: A page on a second loopback origin (another port of 127.0.0.1: the same *site* for the
#: browser, so SameSite cookies go along) that tries to plant a document in the user's slant
#: server: a ``no-cors`` multipart post to the API, a custom-header post (needs a preflight),
#: and a plain form post to the paste form.
ATTACK_PAGE = """<!doctype html><html><body>
<form id="plant" method="post" action="TARGET/analyze" target="result">
<input name="text" value="Planted by another site."></form>
<iframe name="result"></iframe>
<script>
async function attack() {
  const rows = JSON.stringify({text: "Planted by another site: the ceasefire is a lie.",
                               title: "planted"}) + "\\n";
  const results = [];
  const form = () => {
    const data = new FormData();
    data.append("file", new Blob([rows], {type: "application/json"}), "planted.jsonl");
    return data;
  };
  try {
    await fetch("TARGET/api/ingest", {method: "POST", mode: "no-cors", body: form(),
                                      credentials: "include"});
    results.push("sent");
  } catch (error) { results.push("not sent"); }
  try {
    const answer = await fetch("TARGET/api/ingest", {method: "POST", body: form(),
      credentials: "include", headers: {"X-Slant-Client": "evil"}});
    results.push("read " + answer.status);
  } catch (error) { results.push("preflight refused"); }
  document.getElementById("plant").submit();
  window.__attack = results;
}
attack();
</script></body></html>"""


@pytest.fixture
def attacker_url(base_url: str) -> Iterator[str]:
    body = ATTACK_PAGE.replace("TARGET", base_url).encode()

    class AttackPage(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), AttackPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_a_second_loopback_origin_cannot_post(page, base_url, attacker_url, corpus_path) -> None:
    """Before: the no-cors post from another page planted a document (202 from /api/ingest)."""
    page.goto(base_url + "/")  # the user has the app open: its session cookie is set
    statuses: list[tuple[str, int]] = []
    page.on(
        "response",
        lambda r: (
            statuses.append((r.url, r.status))
            if r.request.method == "POST" and r.url.startswith(base_url)
            else None
        ),
    )
    page.goto(attacker_url)
    page.wait_for_function("() => window.__attack !== undefined")
    assert page.evaluate("() => window.__attack") == ["sent", "preflight refused"]
    result = page.frame(name="result")
    result.wait_for_load_state()
    assert "refused" in result.inner_text("body")
    posted = {url.removeprefix(base_url) for url, _ in statuses}
    assert {"/api/ingest", "/analyze"} <= posted, statuses
    assert {status for _, status in statuses} == {403}, statuses
    with Corpus(corpus_path) as corpus:
        assert not corpus.search("planted")
