from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.encoder import SentenceTransformerEncoder
from ingest.records import Statement
from tests.index.encoders import CountingEncoder

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample_statements.jsonl"
CORPUS_HASH = "sample-corpus-v1"


@pytest.fixture(scope="session")
def sample_statements() -> tuple[Statement, ...]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return tuple(Statement.from_json(json.loads(line)) for line in lines)


@pytest.fixture(scope="session")
def _shared_encoder(real_encoder: SentenceTransformerEncoder) -> CountingEncoder:
    """The bundled MiniLM with its sample-statement vectors kept for the whole session."""
    return CountingEncoder(real_encoder)


@pytest.fixture
def encoder(_shared_encoder: CountingEncoder) -> CountingEncoder:
    """The bundled MiniLM (vectors shared across tests), with a fresh call counter."""
    _shared_encoder.document_calls = 0
    _shared_encoder.documents_asked = []
    return _shared_encoder
