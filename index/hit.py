"""The record retrieval returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ingest.records import Statement

Method = Literal["dense", "bm25", "hybrid", "id", "counterpart", "area"]
"""``counterpart``: another framework's wording of the hit just before it; ``area``: listed
because the question asks what an area holds."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One retrieved statement with its score and the method that found it."""

    statement: Statement
    score: float
    method: Method
