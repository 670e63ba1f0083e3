"""The ``techniques`` analyzer: spans that use one of the 14 SemEval-2020 persuasion techniques.

Method: the fine-tuned MiniLM model of :mod:`slant.techniques.runtime` (trained on the
Propaganda Techniques Corpus, Da San Martino et al., EMNLP 2019 and SemEval 2020 Task 11;
model card in ``slant/models/techniques/MODEL.md``) tags the wordpieces that lie inside a
propaganda span, the runs are mapped back to whole words of the text, and a span classifier
names the technique; a rule adds slogans that open with a rallying formula ("Victory to …",
:mod:`slant.techniques.detect`). ``score`` is calibrated: the estimated probability that
a gold propaganda span overlaps the words (:mod:`slant.techniques.calibration`; a fixed 0.8
for the rule); text and HTML show findings from the model's operating point up;
``explanation`` defines the technique in plain words (:mod:`slant.techniques.labels`).
``voice`` says whether the words are the author's or inside a quote of the ``quotes``
analyzer, and whose (:mod:`slant.techniques.voice`).

What it does not do: judge whether a claim is true (a technique can carry a true statement),
see techniques that span paragraphs far apart, or name more than one technique per span. The
model was trained on English news from 2017-2018 and finds spans with an F1 below 0.4 on
unseen articles of that corpus (MODEL.md): treat findings as pointers for a reader, not
verdicts.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..analysis import Quote, Technique
from ..pipeline import Context, analyzer
from ..techniques import TechniqueModel, explain, get_model
from ..techniques.detect import detect
from ..techniques.runtime import ArticleStates
from ..techniques.voice import voice_of

__all__ = ["find_techniques", "techniques"]


def find_techniques(
    text: str,
    *,
    quotes: Sequence[Quote] = (),
    model: TechniqueModel | None = None,
    states: ArticleStates | None = None,
) -> list[Technique]:
    """Return the technique spans of ``text`` in document order; spans inside one of
    ``quotes`` (the quotes of the same text) are in the ``quoted`` voice. ``states``: the
    model's pass over ``text`` when it was already made (``ctx.article_states``).

    >>> find_techniques("They are jihadi thugs.")  # doctest: +SKIP
    [Technique(technique='Name_Calling,Labeling', start=9, end=21, text='jihadi thugs', ...)]
    """
    model = model or get_model()
    found = []
    for d in detect(model, states if states is not None else model.encode_article(text)):
        voice = voice_of(d.start, d.end, quotes)
        found.append(
            Technique(
                technique=d.technique,
                start=d.start,
                end=d.end,
                text=text[d.start : d.end],
                score=d.score,
                explanation=explain(d.technique),
                voice=voice.voice,
                quote=voice.quote,
                speaker=voice.speaker,
            )
        )
    return found


@analyzer("techniques", version="techniques.v6", sets=("techniques",), requires=("quotes",))
def techniques(ctx: Context) -> dict[str, list[Technique]]:
    """Propaganda technique spans (SemEval-2020 Task 11 labels) found by the MiniLM model,
    each in the author's voice or a quoted speaker's."""
    found = find_techniques(ctx.text, quotes=ctx.output("quotes"), states=ctx.article_states)
    return {"techniques": found}
