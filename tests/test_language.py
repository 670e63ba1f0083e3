"""Text that is not English (issue 13): detected offline, recorded on the analysis, and the
English-only analyzers skipped with a stated reason instead of returning wrong findings.

Before: an Arabic report of 27 people shot dead gave killed = 0 and 20 "scare quotes"."""

from __future__ import annotations

import json

import pytest

import slant
from slant.annotate import annotate_corpus
from slant.cli import app
from slant.language import detect_language
from slant.store import Corpus

ARABIC = (
    "قال مسؤولون في المستشفى إن 27 شخصا قتلوا بالرصاص في المدينة يوم الاثنين. "
    'وقال شهود إن قوات الأمن أطلقت النار على المتظاهرين "السلميين" قرب الساحة الرئيسية.'
)
RUSSIAN = "Официальные лица сообщили, что в понедельник в городе были застрелены 27 человек."
CHINESE = "官员说，星期一有27人在该市被枪杀，目击者说安全部队向抗议者开枪。"
ENGLISH = "Officials said 27 civilians were shot dead in the city on Monday, witnesses said."


@pytest.mark.parametrize(
    ("text", "code", "supported"),
    [
        (ENGLISH, "en", True),
        (ARABIC, "ar", False),
        (RUSSIAN, "ru", False),
        (CHINESE, "zh", False),
        ("Los funcionarios dijeron que 27 personas murieron en la ciudad el lunes.", "es", False),
        ("Talks failed.", "und", True),  # too short to tell: analyzed
        ("12 34 56 78", "und", True),
    ],
)
def test_detect_language(text, code, supported) -> None:
    guess = detect_language(text)
    assert (guess.code, guess.supported) == (code, supported)
    assert 0 <= guess.confidence <= 1 and "langid" in guess.detector


def test_arabic_is_not_analyzed_with_english_models() -> None:
    analysis = slant.analyze(ARABIC)
    data = analysis.to_dict()
    assert data["document"]["language"] == "ar"
    language = data["language"]
    assert language["code"] == "ar" and language["supported"] is False
    assert set(language["skipped"]) == set(slant.available_analyzers()) - {"language"}
    assert "Arabic" in language["reason"] and "skipped" in language["reason"]
    assert data["claims"] == [] and data["scare_quotes"] == [] and data["casualties"] is None
    assert data["techniques"] == [] and data["tone"] is None


def test_english_runs_as_before() -> None:
    analysis = slant.analyze(ENGLISH, analyzers=["claims", "tone"])
    assert analysis.language["code"] == "en" and analysis.language["skipped"] == []
    assert analysis.casualties["killed"]["civilians"] == 27


def test_cli_warns_and_json_records_the_language(tmp_path, runner) -> None:
    path = tmp_path / "ar.txt"
    path.write_text(ARABIC, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    warning = [line for line in result.output.splitlines() if line.startswith("Warning:")]
    assert len(warning) == 1 and "ar.txt" in warning[0] and "Arabic" in warning[0]
    data = json.loads(result.output[result.output.index("{") :])
    assert data["document"]["language"] == "ar" and data["claims"] == []


def test_annotate_stores_the_language_and_skips_once(tmp_path) -> None:
    path = tmp_path / "c.db"
    with Corpus(path) as corpus:
        corpus.add_documents([slant.Document(text=ARABIC), slant.Document(text=ENGLISH)])
        report = annotate_corpus(corpus, analyzers=["language", "tone", "claims"])
        assert report.analyzed == 2 and not report.failed
        assert annotate_corpus(corpus, analyzers=["language", "tone", "claims"]).pending == 0
        analyses = [corpus.get_analysis(d.id) for d in corpus.iter_documents()]
    languages = {a.language["code"]: a for a in analyses}
    assert set(languages) == {"ar", "en"}
    assert languages["ar"].casualties is None and languages["ar"].language["skipped"]
    assert languages["en"].casualties["killed"]["civilians"] == 27


def test_the_reason_is_stored_even_when_language_is_not_selected(tmp_path) -> None:
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add_documents([slant.Document(text=ARABIC), slant.Document(text=ENGLISH)])
        annotate_corpus(corpus, analyzers=["tone"])
        stored = {d.text: corpus.get_analysis(d.id) for d in corpus.iter_documents()}
    assert stored[ARABIC].language["skipped"] == ["tone"] and stored[ARABIC].tone is None
    assert stored[ENGLISH].language is None and stored[ENGLISH].tone is not None
