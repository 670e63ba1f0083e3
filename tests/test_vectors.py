"""Sentence and name vectors from the technique encoder's one pass (slant.vectors)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import slant
from slant.analyzers.frames import MODEL_PATH as FRAMES_PATH
from slant.analyzers.frames import FrameModel
from slant.analyzers.roles import MODEL_PATH as ROLES_PATH
from slant.analyzers.roles import RoleModel
from slant.document import Document
from slant.errors import ModelError
from slant.pipeline import Context
from slant.techniques import get_model
from slant.techniques.runtime import TechniqueModel
from slant.vectors import encoder_id, sentence_vectors, text_vectors, token_states

TEXT = (
    "Government forces shelled the eastern districts overnight. Rebels said 12 people died.\n\n"
    "The ministry called the fighters terrorists. Aid groups asked for a pause in the fighting."
)


def test_a_sentence_vector_is_the_unit_mean_of_its_wordpiece_states() -> None:
    states = get_model().encode_article(TEXT)
    spans = [(0, 58), (59, 86)]
    vectors = sentence_vectors(states, spans)
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    starts = states.encoded.offsets[:, 0]
    inside = (starts >= 59) & (starts < 86)
    expected = token_states(states)[inside].mean(axis=0)
    assert np.allclose(vectors[1], expected / np.linalg.norm(expected), atol=1e-6)


def test_token_states_average_the_windows_that_overlap() -> None:
    model = get_model()
    long_text = " ".join([TEXT] * 12)  # several overlapping windows
    states = model.encode_article(long_text)
    assert len(states.windows) > 1
    tokens = token_states(states)
    (a_start, a_end), (b_start, _) = states.windows[0], states.windows[1]
    shared = b_start  # first wordpiece seen by both windows
    assert a_start <= shared < a_end
    both = (states.hidden[0, shared - a_start + 1] + states.hidden[1, 1]) / 2
    assert np.allclose(tokens[shared], both, atol=1e-6)


def test_a_span_without_wordpieces_gets_a_zero_vector() -> None:
    states = get_model().encode_article("Rebels fled.   ")
    vectors = sentence_vectors(states, [(0, 12), (12, 15)])
    assert np.count_nonzero(vectors[1]) == 0 and np.count_nonzero(vectors[0]) > 0
    assert sentence_vectors(states, []).shape == (0, 384)


def test_a_name_vector_does_not_depend_on_the_other_names() -> None:
    together = text_vectors(["Bashar al-Assad", "the regime", ""])
    alone = text_vectors(["the regime"])
    assert np.array_equal(together[1], alone[0])
    assert together.shape == (3, 384)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_one_encoder_pass_serves_techniques_frames_and_roles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    original = TechniqueModel.encode_article

    def counted(self: TechniqueModel, text: str, **kwargs: int) -> object:
        calls.append(text)
        return original(self, text, **kwargs)

    monkeypatch.setattr(TechniqueModel, "encode_article", counted)
    analysis = slant.analyze(TEXT, analyzers=["techniques", "frames", "roles"])
    assert calls == [TEXT]
    assert set(analysis.frames) and analysis.roles is not None


def test_context_vectors_are_the_pooled_article_states() -> None:
    ctx = Context(Document(text=TEXT))
    expected = sentence_vectors(get_model().encode_article(TEXT), ctx.sentences)
    assert np.array_equal(ctx.sentence_vectors, expected)
    assert not ctx.sentence_vectors.flags.writeable


def test_the_shipped_heads_were_trained_on_the_shipped_encoder() -> None:
    for path in (FRAMES_PATH, ROLES_PATH):
        with np.load(path) as data:
            assert str(data["encoder"]) == encoder_id()
    assert encoder_id().startswith("techniques.")


@pytest.mark.parametrize(("path", "loader"), [(FRAMES_PATH, FrameModel), (ROLES_PATH, RoleModel)])
def test_a_head_trained_on_another_encoder_is_refused(
    tmp_path: Path, path: Path, loader: type[FrameModel] | type[RoleModel]
) -> None:
    with np.load(path) as data:
        arrays = {key: data[key] for key in data.files}
    arrays["encoder"] = np.array("techniques.v1:000000000000")
    copy = tmp_path / path.name
    np.savez_compressed(copy, **arrays)
    with pytest.raises(ModelError, match="trained on the vectors of encoder 'techniques.v1"):
        loader.load(copy)
    del arrays["encoder"]  # a file of slant 0.1, fitted on the base MiniLM's vectors
    np.savez_compressed(copy, **arrays)
    with pytest.raises(ModelError, match=r"encoder 'all-MiniLM-L6-v2 \(base\)'.*retrain it"):
        loader.load(copy)
