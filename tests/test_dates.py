import pytest

from slant.dates import normalise_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4/9/14", "2014-04-09"),
        ("10/27/16", "2016-10-27"),
        ("2016-11-16", "2016-11-16"),
        ("2016-11-16T10:00:00Z", "2016-11-16"),
        ("9 November 2016", "2016-11-09"),
        ("November 9, 2016", "2016-11-09"),
        ("Wed, 09 Nov 2016 10:00:00 GMT", "2016-11-09"),
        ("13/45/16", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_date(value, expected) -> None:
    assert normalise_date(value) == expected
