"""How sensitive story grouping is to its settings: B-cubed F1 of ``stories.v1`` on the
labelled stories, moving one setting at a time around the defaults (the others fixed).

    python scripts/stories_sensitivity.py --fakes ../shared/data/fakes-dev.csv

Features are extracted once; each row regroups every split. The defaults were chosen on the
``dev`` columns; ``heldout`` shows how the choice carries over.
"""

from __future__ import annotations

import argparse
from dataclasses import fields, replace
from pathlib import Path

from slant.evaluation.stories import evaluate_stories
from slant.stories.cluster import Settings

GRID = {
    "threshold": [0.3, 0.35, 0.4, 0.45, 0.5, 0.6],
    "window_days": [1, 2, 3, 5, 7, 14],
    "weight_gap": [0.0, 0.05, 0.1, 0.2, 0.4],
    "weight_same_source": [0.0, 0.1, 0.2, 0.3, 0.5],
    "views (words, names, vector)": [
        (1.0, 0.0, 0.0),
        (0.0, 1.0, 0.0),
        (0.0, 0.0, 1.0),
        (0.5, 0.0, 0.5),
        (0.3, 0.3, 0.4),
        (0.5, 0.3, 0.2),
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fakes", type=Path, default=Path("../shared/data/fakes-dev.csv"))
    args = parser.parse_args()
    cache: dict = {}
    defaults = Settings()
    print("defaults:", ", ".join(f"{f.name}={getattr(defaults, f.name)}" for f in fields(defaults)))
    header = "setting value | fakes dev | fakes heldout | demo dev | demo heldout"
    print(header)
    print("-" * len(header))
    for name, values in GRID.items():
        for value in values:
            if isinstance(value, tuple):
                words, names, vector = value
                settings = replace(
                    defaults, weight_words=words, weight_names=names, weight_vector=vector
                )
            else:
                settings = replace(defaults, **{name: value})
            scores = evaluate_stories(fakes=args.fakes, settings=settings, features_cache=cache)
            f1 = {(s.corpus, s.split): s.score.f1 for s in scores if s.system == "stories.v1"}
            cells = [
                f1[("fakes-dev", "dev")],
                f1[("fakes-dev", "heldout")],
                f1[("demo", "dev")],
                f1[("demo", "heldout")],
            ]
            print(f"{name} {value} | " + " | ".join(f"{c:.3f}" for c in cells))


if __name__ == "__main__":
    main()
