"""The ONNX Runtime question encoder: exported once, reused, checked, and never required."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import index.onnx_bert as onnx_bert
from eval.common import read_jsonl
from index.encoder import SentenceTransformerEncoder
from index.search import SearchIndex

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _exports(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.onnx"))


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A models folder holding the bundled model's export."""
    folder = tmp_path_factory.mktemp("models")
    said: list[str] = []
    encoder = SentenceTransformerEncoder(cache_dir=folder, log=said.append)
    assert encoder.runtime == "onnxruntime"
    assert len(said) == 1 and "ONNX" in said[0]  # the one-off export is announced
    return folder


def test_the_export_is_made_once_and_reused(
    exported: Path, torch_encoder: SentenceTransformerEncoder
) -> None:
    [path] = _exports(exported)
    assert path.stat().st_size > 50_000_000  # the weights are in it
    assert path.stat().st_mode & 0o044  # readable by others, like the model it came from
    before = path.stat().st_mtime_ns
    said: list[str] = []
    again = SentenceTransformerEncoder(cache_dir=exported, log=said.append)
    assert again.runtime == "onnxruntime" and said == []
    assert _exports(exported) == [path] and path.stat().st_mtime_ns == before
    texts = [r["question"] for r in read_jsonl(ROOT / "eval/data/retrieval_questions.jsonl")]
    assert np.abs(again.encode_queries(texts) - torch_encoder.encode_queries(texts)).max() < 1e-5


def test_a_process_with_the_export_never_imports_torch(exported: Path) -> None:
    # Loading torch and its weights was half a cold start; ONNX Runtime needs neither.
    code = (
        "import sys; from pathlib import Path; "
        "from index.encoder import SentenceTransformerEncoder as E; "
        f"e = E(cache_dir=Path({str(exported)!r})); "
        "v = e.encode_queries(['how do pupils learn?']); "
        "print(e.runtime, v.shape, 'torch' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "onnxruntime (1, 384) False"


def test_a_damaged_export_is_made_again(
    exported: Path, tmp_path: Path, torch_encoder: SentenceTransformerEncoder
) -> None:
    folder = tmp_path / "models"
    shutil.copytree(exported, folder)
    [path] = _exports(folder)
    path.write_bytes(path.read_bytes()[:1000])  # cut off, as by a full disk
    encoder = SentenceTransformerEncoder(cache_dir=folder)
    assert encoder.runtime == "onnxruntime"
    assert _exports(folder) == [path] and path.stat().st_size > 50_000_000
    texts = ["how do pupils remember things?", "succession planning"]
    assert np.abs(encoder.encode_queries(texts) - torch_encoder.encode_queries(texts)).max() < 1e-5


def test_without_onnxruntime_questions_are_encoded_by_torch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import fails as if not installed
    encoder = SentenceTransformerEncoder(cache_dir=tmp_path)
    assert encoder.runtime == "torch"
    assert encoder.encode_queries(["how do pupils learn?"]).shape == (1, 384)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_no_file_and_torch_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch

    def half_written(_module: object, _args: object, f: str, **_kw: object) -> None:
        Path(f).write_bytes(b"\x08\x07partial")
        raise RuntimeError("exporter crashed")

    monkeypatch.setattr(torch.onnx, "export", half_written)
    encoder = SentenceTransformerEncoder(cache_dir=tmp_path)
    assert encoder.runtime == "torch"
    assert list(tmp_path.iterdir()) == []  # neither the export nor its temp file


def test_an_export_that_disagrees_with_torch_is_not_used(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(onnx_bert, "TOLERANCE", -1.0)  # no difference is small enough
    encoder = SentenceTransformerEncoder(cache_dir=tmp_path)
    assert encoder.runtime == "torch"
    assert _exports(tmp_path) == []


def test_search_gives_the_same_results_with_either_encoder(
    search_index: SearchIndex, torch_encoder: SentenceTransformerEncoder
) -> None:
    assert search_index.encoder.runtime == "onnxruntime"  # the fixture runs as the product
    by_torch = SearchIndex(search_index.stored, torch_encoder)
    rows = read_jsonl(ROOT / "eval/data/retrieval_questions.jsonl")
    for row in rows[::4]:
        a = search_index.search(row["question"], k=10)
        b = by_torch.search(row["question"], k=10)
        assert [h.statement.id for h in a.hits] == [h.statement.id for h in b.hits], row["qid"]
        assert a.in_scope == b.in_scope
