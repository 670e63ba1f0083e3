"""The 14 persuasion techniques of SemEval-2020 Task 11, with plain-words definitions.

Names are the labels of the Propaganda Techniques Corpus exactly as they appear in its
``train-task-flc-tc.labels`` file (Da San Martino et al., EMNLP 2019; SemEval-2020 Task 11),
so they can be written back into that format unchanged. The definitions are our own short
paraphrases, written for readers who have not seen the annotation guidelines; they describe
what the technique does, not whether a given use of it is false.
"""

from __future__ import annotations

__all__ = ["DEFINITIONS", "TECHNIQUES", "explain"]

#: The 14 labels, in a fixed order (the order of the classifier's outputs).
TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)

#: What each technique does, in plain words.
DEFINITIONS: dict[str, str] = {
    "Appeal_to_Authority": (
        "Says a claim is true because an expert, official or famous person says so, "
        "instead of showing why it is true."
    ),
    "Appeal_to_fear-prejudice": (
        "Builds support for an idea by making readers afraid of the alternative, "
        "or by playing on their prejudices against a group."
    ),
    "Bandwagon,Reductio_ad_hitlerum": (
        "Urges readers to agree because everyone else does, or to reject an idea because "
        "a hated person or group is said to hold it."
    ),
    "Black-and-White_Fallacy": (
        "Presents only two choices as if no other were possible, often one good and one bad."
    ),
    "Causal_Oversimplification": (
        "Blames a complex event on a single cause, ignoring the other causes that played a part."
    ),
    "Doubt": "Questions the credibility of a person or institution without giving evidence.",
    "Exaggeration,Minimisation": (
        "Makes something look much bigger, better or worse than it is, or plays it down "
        "as less important than it is."
    ),
    "Flag-Waving": (
        "Appeals to patriotism or to a group's identity (nation, religion, party) to justify "
        "an idea or an action."
    ),
    "Loaded_Language": (
        "Uses words and phrases with strong emotional charge, positive or negative, "
        "to sway the reader rather than inform."
    ),
    "Name_Calling,Labeling": (
        "Attaches a label to a person or group that the reader is meant to fear, hate, "
        "or admire, instead of describing what they did."
    ),
    "Repetition": (
        "Repeats the same message or phrase several times so that readers come to accept it."
    ),
    "Slogans": "A short, punchy phrase that works as a rallying cry rather than an argument.",
    "Thought-terminating_Cliches": (
        "A stock phrase that discourages further thought or discussion "
        '("it is what it is", "enough said").'
    ),
    "Whataboutism,Straw_Men,Red_Herring": (
        "Deflects criticism by pointing at the opponent's faults, distorts an opponent's view "
        "to attack it more easily, or brings in an irrelevant topic to divert attention."
    ),
}


def explain(technique: str) -> str:
    """Return the plain-words definition of ``technique`` (one of :data:`TECHNIQUES`).

    >>> explain("Slogans")
    'A short, punchy phrase that works as a rallying cry rather than an argument.'
    """
    return DEFINITIONS[technique]
