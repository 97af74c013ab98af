"""Fixtures shared by every test folder."""

from __future__ import annotations

import pytest

from index.encoder import SentenceTransformerEncoder, default_encoder


@pytest.fixture(scope="session")
def real_encoder() -> SentenceTransformerEncoder:
    """The bundled all-MiniLM-L6-v2, loaded once per test session (about a second)."""
    return default_encoder()
