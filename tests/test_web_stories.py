"""The story page of the web app: one story's reports, side by side, escaped."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from slant.annotate import annotate_corpus
from slant.document import Document
from slant.store import Corpus
from slant.stories import group_stories
from slant.web.app import create_app

from .test_web_api import ANALYZERS, BASE_URL, CLIENT_HEADERS, build_corpus


@pytest.fixture(scope="module")
def story_app(tmp_path_factory: pytest.TempPathFactory):
    path: Path = tmp_path_factory.mktemp("web-stories") / "web.db"
    build_corpus(path)
    with Corpus(path) as corpus:
        convoy = next(d for d in corpus.iter_documents() if d.external_id == "demo-10")
        corpus.add_documents(
            [
                Document(
                    text=convoy.text + " A copy for the hostile outlet.",
                    title="<script>alert(9)</script> Convoy",
                    source="hostile",
                    date="2031-03-15",
                )
            ]
        )
        annotate_corpus(corpus, analyzers=ANALYZERS)
        group_stories(corpus)
        story = corpus.story_of(convoy.id)
    with TestClient(
        create_app(path, workers=1, analyzers=ANALYZERS), base_url=BASE_URL, headers=CLIENT_HEADERS
    ) as client:
        yield client, story, convoy


def test_story_page_shows_each_side_in_its_column(story_app) -> None:
    client, story, convoy = story_app
    page = client.get(f"/stories/{story}", params={"a": "source:herald", "b": "source:freevoice"})
    assert page.status_code == 200, page.text
    html = page.text
    left = html[html.index('id="side-a"') : html.index('id="side-b"')]
    right = html[html.index('id="side-b"') :]
    assert "Relief reaches Veldrograd" in left and "Regime stages aid" not in left
    assert "Regime stages aid" in right
    assert "eleven trucks" in html.lower()
    default = client.get(f"/stories/{story}").text
    assert "&lt;script&gt;alert(9)&lt;/script&gt;" in default and "<script>alert(9)" not in default
    document = client.get(f"/documents/{convoy.id}").text
    assert f'href="/stories/{story}"' in document


def test_story_page_errors(story_app) -> None:
    client, story, _ = story_app
    assert client.get("/stories/s-000000000000").status_code == 404
    assert client.get(f"/stories/{story}", params={"a": "date:soon"}).status_code == 400


def test_compare_report_has_the_story_sections(story_app) -> None:
    client, _, _ = story_app
    report = client.get("/compare/report", params={"a": "source:herald", "b": "source:freevoice"})
    assert report.status_code == 200, report.text
    assert "says … where" in report.text and "The same stories, side by side" in report.text
    assert "Relief reaches Veldrograd" in report.text


def test_the_demo_shows_a_story_of_both_outlets_and_an_aligned_pair(story_app) -> None:
    from slant.compare import compare
    from slant.demo import DEMO_SIDES

    client, _, _ = story_app
    with client.app.state.slant.corpus() as corpus:
        comparison = compare(corpus, **DEMO_SIDES, by_story=True)
    assert comparison.stories
    for story in comparison.stories:
        assert {d.source for d in story.documents_a} == {"herald"}
        assert {d.source for d in story.documents_b} == {"freevoice"}
    assert ("militants", "fighters") in [(p.a, p.b) for p in comparison.aligned_terms]
