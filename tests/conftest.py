"""Fixtures shared by every test folder."""

from __future__ import annotations

import pytest

from index.encoder import SentenceTransformerEncoder, default_encoder


@pytest.fixture(scope="session")
def real_encoder() -> SentenceTransformerEncoder:
    """The bundled all-MiniLM-L6-v2, loaded once per test session (about a second)."""
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
