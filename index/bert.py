"""A BERT encoder's forward pass in plain torch, for encoding questions quickly.

The bundled all-MiniLM-L6-v2 is a six-layer BERT whose sentence vector is the mean of its
token vectors, normalised. Loading it through sentence-transformers or transformers costs
seconds of imports (scikit-learn, SciPy, the transformers model zoo) before the first question
can be answered, and a few milliseconds of library machinery per question. This module reads
the same files (``config.json``, ``model.safetensors``, ``tokenizer.json``) with torch,
safetensors and tokenizers only, and computes the same vectors: `index.encoder` checks them
against sentence-transformers' own (to 1e-5) in the tests. Any model it does not recognise
(another architecture, other settings) is left to sentence-transformers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

_SUPPORTED = {
    "model_type": "bert",
    "hidden_act": "gelu",
    "position_embedding_type": "absolute",
}


class PlainBert:
    """Tokenizer, weights and forward pass of a BERT model, mean-pooled and normalised."""

    def __init__(self, folder: Path, max_len: int, config: dict[str, Any]) -> None:
        """Load from ``folder``; use `load_plain_bert`, which checks the model first."""
        import torch
        from safetensors.torch import load_file

        self._torch = torch
        self.max_len = max_len
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.layers = int(config["num_hidden_layers"])
        self.hidden = int(config["hidden_size"])
        weights = load_file(str(folder / "model.safetensors"))
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in weights else ""
        self.w = {k[len(prefix) :]: v for k, v in weights.items() if k.startswith(prefix)}
        self.tokenizer = load_tokenizer(folder, max_len, config)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised mean-pooled vectors of ``texts`` (one batch, padded to the longest)."""
        torch = self._torch
        enc = self.tokenizer.encode_batch(list(texts))
        ids = torch.tensor([e.ids for e in enc], dtype=torch.long)
        types = torch.tensor([e.type_ids for e in enc], dtype=torch.long)
        mask = torch.tensor([e.attention_mask for e in enc], dtype=torch.long)
        with torch.inference_mode():
            out = self.forward(ids, types, mask)
        return np.ascontiguousarray(out.numpy(), dtype=np.float32)

    def forward(self, ids: Any, types: Any, mask: Any) -> Any:
        """The vectors of a tokenized batch; `index.onnx_bert` exports this function.

        Token ids, token types and the 0/1 attention mask are long tensors of shape
        ``(batch, length)``.
        """
        f = self._torch.nn.functional
        w = self.w
        batch, length = ids.shape
        x = (
            f.embedding(ids, w["embeddings.word_embeddings.weight"])
            + w["embeddings.position_embeddings.weight"][:length]
            + f.embedding(types, w["embeddings.token_type_embeddings.weight"])
        )
        x = self._norm(x, "embeddings.LayerNorm")
        keep = mask.bool()[:, None, None, :]  # attend to real tokens only
        for i in range(self.layers):
            p = f"encoder.layer.{i}."

            def heads(name: str, x: Any = x, p: str = p) -> Any:
                y = f.linear(x, w[p + name + ".weight"], w[p + name + ".bias"])
                return y.view(batch, length, self.heads, -1).transpose(1, 2)

            att = f.scaled_dot_product_attention(
                heads("attention.self.query"),
                heads("attention.self.key"),
                heads("attention.self.value"),
                attn_mask=keep,
            )
            att = att.transpose(1, 2).reshape(batch, length, self.hidden)
            att = self._linear(att, p + "attention.output.dense")
            x = self._norm(att + x, p + "attention.output.LayerNorm")
            mid = f.gelu(self._linear(x, p + "intermediate.dense"))
            x = self._norm(self._linear(mid, p + "output.dense") + x, p + "output.LayerNorm")
        m = mask.unsqueeze(-1).to(x.dtype)
        pooled = (x * m).sum(1) / m.sum(1).clamp(min=1e-9)
        return f.normalize(pooled, p=2.0, dim=1)

    def _linear(self, x: Any, name: str) -> Any:
        return self._torch.nn.functional.linear(x, self.w[name + ".weight"], self.w[name + ".bias"])

    def _norm(self, x: Any, name: str) -> Any:
        return self._torch.nn.functional.layer_norm(
            x, (self.hidden,), self.w[name + ".weight"], self.w[name + ".bias"], self.eps
        )


def load_tokenizer(folder: Path, max_len: int, config: dict[str, Any]) -> Any:
    """The model's ``tokenizer.json``, truncating at ``max_len`` and padding to the longest."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=max_len)
    pad_id = int(config.get("pad_token_id", 0))
    pad = tokenizer.id_to_token(pad_id) or "[PAD]"
    tokenizer.enable_padding(pad_id=pad_id, pad_token=pad)
    return tokenizer


def bert_config(folder: Path) -> dict[str, Any] | None:
    """The model's ``config.json`` if `PlainBert` can run it, else None.

    It must be a BERT with GELU and absolute positions, stored as ``model.safetensors`` with a
    ``tokenizer.json``.
    """
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    # model_type must say so; the other two default to what BERT's config means by absent.
    if (
        not isinstance(config, dict)
        or config.get("model_type") != "bert"
        or any(config.get(k, v) != v for k, v in _SUPPORTED.items())
    ):
        return None
    if not (folder / "model.safetensors").is_file() or not (folder / "tokenizer.json").is_file():
        return None
    return config


def load_plain_bert(folder: Path, max_len: int) -> PlainBert | None:
    """The model in ``folder`` as a `PlainBert`, or None if it is not one this module runs.

    It must pass `bert_config` and hold every weight the forward pass reads.
    """
    config = bert_config(folder)
    if config is None:
        return None
    try:
        model = PlainBert(folder, max_len, config)
    except Exception:  # any file or library trouble: sentence-transformers loads it, or says why
        return None
    needed = ["embeddings.word_embeddings.weight", "embeddings.LayerNorm.weight"] + [
        f"encoder.layer.{i}.output.LayerNorm.bias" for i in range(model.layers)
    ]
    if any(n not in model.w for n in needed):
        return None
    return model
