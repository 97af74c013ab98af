from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.records import Statement
from tests.index.fakes import KeywordEncoder

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample_statements.jsonl"
CORPUS_HASH = "sample-corpus-v1"


@pytest.fixture(scope="session")
def sample_statements() -> tuple[Statement, ...]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    return tuple(Statement.from_json(json.loads(line)) for line in lines)


@pytest.fixture
def encoder() -> KeywordEncoder:
    return KeywordEncoder()
