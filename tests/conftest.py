"""Fixtures shared by every test folder."""

from __future__ import annotations

import pytest

from index.encoder import SentenceTransformerEncoder, default_encoder


@pytest.fixture(scope="session")
def real_encoder(tmp_path_factory: pytest.TempPathFactory) -> SentenceTransformerEncoder:
    """The bundled all-MiniLM-L6-v2 as the product runs it, questions encoded by ONNX Runtime:
    loaded once per test session, its ONNX export made in a temp folder (a few seconds)."""
    return default_encoder("", tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def torch_encoder() -> SentenceTransformerEncoder:
    """The same model with questions encoded by torch (`index.bert`), as without a cache."""
    return default_encoder()


from pathlib import Path  # noqa: E402

from ingest.pipeline import ingest_corpus  # noqa: E402
from ingest.records import IngestResult  # noqa: E402

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT / "corpus"


@pytest.fixture(scope="session")
def corpus_result() -> IngestResult:
    """The real bundled corpus, ingested once per test session (well under a second)."""
    return ingest_corpus(CORPUS)


@pytest.fixture(scope="session")
def search_index(
    tmp_path_factory: pytest.TempPathFactory, corpus_result: IngestResult, real_encoder
):  # type: ignore[no-untyped-def]
    """The real index over the bundled corpus, built once per session in a temp folder."""
    from index.expansions import load_expansions
    from index.search import SearchIndex
    from index.store import ensure_index

    stored = ensure_index(
        corpus_result.statements,
        real_encoder,
        tmp_path_factory.mktemp("index") / "index",
        corpus_result.corpus_hash,
        log=lambda _m: None,
        expansions=load_expansions(),
    )
    return SearchIndex(stored, real_encoder)
