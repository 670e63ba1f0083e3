"""Second tier: the whole pipeline on the sample article of ../shared, against the schema."""

import json
from importlib import resources

import jsonschema
import pytest

import slant

from .conftest import SAMPLE_ARTICLE

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def sample() -> slant.Analysis:
    return slant.analyze(SAMPLE_ARTICLE.read_text(encoding="utf-8"))


def test_sample_follows_the_schema(sample) -> None:
    schema = json.loads(
        resources.files("slant").joinpath("schemas/analysis.schema.json").read_text("utf-8")
    )
    jsonschema.validate(json.loads(sample.to_json()), schema)


def test_every_offset_points_at_its_text(sample) -> None:
    text = sample.document.text
    for finding in [*sample.techniques, *sample.claims, *sample.scare_quotes]:
        assert text[finding.start : finding.end] == finding.text
    for quote in sample.quotes:
        assert text[quote.content_start : quote.content_end] == quote.content
    for actor in sample.actors:
        for d in actor.descriptors:
            assert text[d.start : d.end] == d.text


def test_every_analyzer_ran(sample) -> None:
    assert set(sample.analyzers) == set(slant.available_analyzers())
