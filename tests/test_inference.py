"""The ONNX session options and thread budget: results never depend on the thread count."""

from __future__ import annotations

import numpy as np
import pytest

from slant.annotate import worker_threads
from slant.encoder import SentenceEncoder
from slant.inference import THREADS_ENV, available_cpus, set_threads, threads
from slant.techniques import TechniqueModel

SENTENCES = [
    "Rebels shelled the eastern districts overnight, killing at least 12 civilians.",
    "The minister said the talks had failed.",
    "Markets rallied on Friday after the central bank cut its main interest rate by a "
    "quarter of a point, the first cut in three years.",
    "Why?",
]


def test_threads_follow_set_threads_then_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(THREADS_ENV, raising=False)
    try:
        set_threads(None)
        assert threads() == available_cpus()
        set_threads(0)
        assert threads() == 1
        set_threads(3)
        assert threads() == 3
        monkeypatch.setenv(THREADS_ENV, "5")
        assert threads() == 5
        monkeypatch.setenv(THREADS_ENV, "many")
        assert threads() == 3
    finally:
        set_threads(None)


def test_workers_share_the_cpus() -> None:
    assert worker_threads(1) == available_cpus()
    assert worker_threads(available_cpus()) == 1
    assert worker_threads(4 * available_cpus()) == 1


def test_sessions_sleep_instead_of_spinning() -> None:
    options = SentenceEncoder(threads=1)._session.get_session_options()
    assert options.intra_op_num_threads == 1
    assert options.inter_op_num_threads == 1
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"


def test_sentence_vectors_do_not_depend_on_the_thread_count() -> None:
    one = SentenceEncoder(threads=1).encode(SENTENCES)
    two = SentenceEncoder(threads=2).encode(SENTENCES)
    assert np.array_equal(one, two)


def test_technique_states_do_not_depend_on_the_thread_count() -> None:
    text = " ".join(SENTENCES * 40)  # several overlapping windows
    one = TechniqueModel(threads=1).encode_article(text)
    two = TechniqueModel(threads=2).encode_article(text)
    assert len(one.windows) > 1
    assert np.array_equal(one.tag_probs, two.tag_probs)
    assert np.array_equal(one.hidden, two.hidden)
