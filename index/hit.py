"""The record retrieval returns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ingest.records import Statement

Method = Literal["dense", "bm25", "hybrid", "id", "counterpart", "area", "outline"]
"""``counterpart``: another framework's wording of the hit just before it; ``area``: listed
because the question asks what an area holds; ``outline``: an area's first statement, standing
for the area, because the question asks which areas a framework has."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One retrieved statement with its score and the method that found it.

    ``score`` is 1.0 for a statement found by its id (or listed for an area). Otherwise it is
    the re-ranker's P(relevant) (``index/ranker.py``) when the result says ``reranked``, else the
    fused score as a share of the highest the fusion can give. Either way it stays below 1 and
    hits are in score order.
    """

    statement: Statement
    score: float
    method: Method
