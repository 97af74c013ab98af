"""The question encoder run by ONNX Runtime: `index.bert`'s vectors in about half the time.

A question's vector is most of a search's time: `index.bert` takes about 10 ms of a 15 ms
query on 2 cores, in some 150 separate torch calls. ONNX Runtime runs the same graph with
attention, layer norms and GELU fused, in about 5 ms, and answers without importing torch,
which also shortens a cold start.

The graph is `PlainBert.forward`, exported once per model with torch's exporter into the data
folder (``<data>/models/``), checked against torch on a few probe texts, and reused by every
later process. Nothing here is required: without ``onnxruntime``, or if the export or the check
fails, questions are encoded by `index.bert` as before, with a logged reason. Statement texts
for the index go through the same session (`SentenceTransformerEncoder.encode_documents`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.bert import PlainBert, bert_config, load_plain_bert, load_tokenizer

logger = logging.getLogger(__name__)

GRAPH_VERSION = 1
"""Version of the exported graph. Bump whenever `PlainBert.forward` changes."""

TOLERANCE = 1e-5
"""Largest difference, per vector value, allowed between ONNX Runtime's and torch's vectors."""

_PROBES = (
    "how do I help pupils remember things long term?",
    "succession planning",
    "NPQSL 4.9",
    # Longer than the model's window, so truncation and every position are checked.
    " ".join(["Leaders build a culture where staff learn from one another's teaching."] * 40),
)


class OnnxBert:
    """A `PlainBert` exported to ONNX: the same ``encode``, run by ONNX Runtime."""

    def __init__(self, path: Path, folder: Path, max_len: int, config: dict[str, Any]) -> None:
        """Open the exported graph at ``path`` for the model in ``folder``.

        Raises:
            Exception: whatever ONNX Runtime raises for a file it cannot load.
        """
        import onnxruntime

        self._ort = onnxruntime
        self.path = path
        self.tokenizer = load_tokenizer(folder, max_len, config)
        self._sessions: dict[int, Any] = {}
        self._session(0)  # load now: a damaged file fails here, not on the first question

    def _session(self, threads: int) -> Any:
        """One session per thread count (0 = ONNX Runtime's default, every core)."""
        if threads not in self._sessions:
            ort = self._ort
            options = ort.SessionOptions()
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            options.log_severity_level = 3  # errors only
            self._sessions[threads] = ort.InferenceSession(
                str(self.path), options, providers=["CPUExecutionProvider"]
            )
        return self._sessions[threads]

    def encode(self, texts: Sequence[str], threads: int = 0) -> np.ndarray:
        """L2-normalised mean-pooled vectors of ``texts`` (one batch, padded to the longest)."""
        enc = self.tokenizer.encode_batch(list(texts))
        feed = {
            "ids": np.array([e.ids for e in enc], dtype=np.int64),
            "types": np.array([e.type_ids for e in enc], dtype=np.int64),
            "mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
        }
        out = self._session(threads).run(None, feed)[0]
        return np.ascontiguousarray(out, dtype=np.float32)


def onnx_file(folder: Path, config: dict[str, Any], cache_dir: Path) -> Path:
    """Where the export of the model in ``folder`` lives: named by the weights it came from.

    The key is the weights file's path, size and modification time, the model's config and
    `GRAPH_VERSION`: a reinstalled or changed model gets a new export.
    """
    weights = folder / "model.safetensors"
    info = weights.stat()
    key = json.dumps(
        [GRAPH_VERSION, str(weights.resolve()), info.st_size, info.st_mtime_ns, config],
        sort_keys=True,
    )
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"query-encoder-{digest}.onnx"


def load_onnx_bert(
    folder: Path,
    max_len: int,
    cache_dir: Path,
    *,
    log: Callable[[str], None] | None = None,
) -> OnnxBert | None:
    """The model in ``folder`` run by ONNX Runtime, exporting it first if need be; else None.

    None (with the reason logged) when onnxruntime or onnx is not installed, the model is not
    one `index.bert` runs, or the export fails or differs from torch by more than `TOLERANCE`.
    A damaged export is replaced.
    """
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        logger.info("onnxruntime is not installed: questions are encoded with torch")
        return None
    config = bert_config(folder)
    if config is None:
        return None
    try:
        path = onnx_file(folder, config, cache_dir)
    except OSError as exc:
        logger.warning("cannot read the model's weights file (%s): using torch", exc)
        return None
    if path.is_file():
        try:
            return OnnxBert(path, folder, max_len, config)
        except Exception as exc:  # a damaged or foreign file: export again
            logger.warning(
                "the ONNX question encoder %s cannot be loaded (%s); exporting it again", path, exc
            )
    plain = load_plain_bert(folder, max_len)
    if plain is None:
        return None
    if log is not None:
        log("preparing the question encoder for ONNX Runtime (once per model, a few seconds)…")
    try:
        export(plain, path)
        model = OnnxBert(path, folder, max_len, config)
        worst = largest_difference(plain, model)
    except Exception as exc:  # the exporter and runtime fail in many ways; torch still works
        logger.warning("exporting the question encoder to ONNX failed (%s): using torch", exc)
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    if worst > TOLERANCE:
        logger.warning(
            "the ONNX question encoder differs from torch by %.2g (over %g): using torch",
            worst,
            TOLERANCE,
        )
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    for old in cache_dir.glob("query-encoder-*.onnx"):
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()
    return model


def largest_difference(plain: PlainBert, model: OnnxBert) -> float:
    """The largest absolute difference between the two encoders' vectors on the probe texts.

    Each probe is encoded alone, and all of them in one padded batch.
    """
    worst = 0.0
    batches = [[p] for p in _PROBES] + [list(_PROBES)]
    for texts in batches:
        a, b = plain.encode(texts), model.encode(texts)
        if a.shape != b.shape:
            return float("inf")
        worst = max(worst, float(np.max(np.abs(a - b))))
    return worst


def export(plain: PlainBert, path: Path) -> None:
    """Write ``plain``'s forward pass to ``path`` as ONNX, atomically (all or nothing)."""
    import torch

    class _Forward(torch.nn.Module):
        def forward(self, ids: Any, types: Any, mask: Any) -> Any:
            return plain.forward(ids, types, mask)

    example = plain.tokenizer.encode_batch(["an example question", "and a second one"])
    args = tuple(
        torch.tensor([getattr(e, name) for e in example], dtype=torch.long)
        for name in ("ids", "type_ids", "attention_mask")
    )
    dynamic: dict[str, dict[int, str]] = {
        name: {0: "batch", 1: "length"} for name in ("ids", "types", "mask")
    }
    dynamic["vectors"] = {0: "batch"}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".export-", suffix=".onnx")
    os.close(fd)
    try:
        with warnings.catch_warnings(), torch.inference_mode(False), torch.no_grad():
            warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation notices
            torch.onnx.export(
                _Forward(),
                args,
                tmp,
                input_names=["ids", "types", "mask"],
                output_names=["vectors"],
                dynamic_axes=dynamic,
                opset_version=17,
                dynamo=False,
            )
        os.chmod(tmp, 0o644)  # mkstemp makes it private; it is a model file like any other
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
