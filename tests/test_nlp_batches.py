"""slant.nlp.parse_many: parsing in batches bounded by characters, results independent of them."""

from __future__ import annotations

import pytest

import slant.nlp as nlp_module
from slant.nlp import get_nlp, parse_many

TEXTS = [
    "Government forces shelled the eastern districts. Rebels said 12 people died.",
    "The ministry called the fighters terrorists.",
    'Aid groups asked for a pause. "We need access now," said Dr. Amal Haddad, a doctor.',
    "Talks failed.",
]


def test_batches_hold_at_most_the_character_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes: list[list[int]] = []
    nlp = get_nlp()
    original = type(nlp).pipe

    def recording(self: object, texts: list[str], **kwargs: object) -> object:
        sizes.append([len(t) for t in texts])
        return original(self, texts, **kwargs)

    monkeypatch.setattr(nlp_module, "BATCH_CHARS", 80)
    monkeypatch.setattr(type(nlp), "pipe", recording)
    docs = parse_many(TEXTS)
    assert [d.text for d in docs] == TEXTS
    assert sum(sizes, []) == [len(t) for t in TEXTS]  # every text once, in order
    assert len(sizes) > 1 and all(sum(b) <= 80 or len(b) == 1 for b in sizes)


def test_a_doc_does_not_depend_on_its_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    together = parse_many(TEXTS)
    monkeypatch.setattr(nlp_module, "BATCH_CHARS", 1)  # every text alone
    alone = parse_many(TEXTS)
    for a, b in zip(together, alone, strict=True):
        assert a.to_bytes() == b.to_bytes()
    assert parse_many([]) == []
