"""Every ``slant eval``: slant's analyzers and models measured against labelled data.

Shared parts: :mod:`.scoring` (precision, recall, F1: the one place they are computed),
:mod:`.folds` (cross-validation splits), :mod:`.logistic` (the numpy fit of the frame and role
models), :mod:`.framing` (the narrative framing data). One module per measurement:
:mod:`.techniques` with :mod:`.semeval` (the SemEval-2020 Task 11 measures), :mod:`.quotes`,
:mod:`.descriptors`, :mod:`.casualties`, :mod:`.frames`, :mod:`.roles`. None of them needs the
``[train]`` extra, except the technique cross-validation that trains models
(:mod:`slant.train.runs`).
"""
