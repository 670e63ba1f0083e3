import pytest

from slant import InputError
from slant.filters import parse_filter


@pytest.mark.parametrize(
    ("expression", "sources", "phrases", "date_from", "date_to"),
    [
        ("", (), (), None, None),
        ("source:sana,manar", ("sana", "manar"), (), None, None),
        ("source:SANA", ("sana",), (), None, None),
        ('text:"eastern Aleppo"', (), ("eastern Aleppo",), None, None),
        ("date:2016-01-01..2016-12-31", (), (), "2016-01-01", "2016-12-31"),
        ("date:2016-01-01..", (), (), "2016-01-01", None),
        ("date:2016", (), (), "2016", "2016"),
        ('source:rt siege "old city"', ("rt",), ("siege", "old city"), None, None),
    ],
)
def test_parse(expression, sources, phrases, date_from, date_to) -> None:
    flt = parse_filter(expression)
    assert (flt.sources, flt.phrases, flt.date_from, flt.date_to) == (
        sources,
        phrases,
        date_from,
        date_to,
    )


@pytest.mark.parametrize("bad", ["date:yesterday", "sorce:sana", 'text:"unclosed'])
def test_bad_filters_say_why(bad: str) -> None:
    with pytest.raises(InputError, match="filter"):
        parse_filter(bad)
