"""Long questions (30-90 words) for the "does the corpus cover this?" signal.

eval/data/long_scope_questions.jsonl: 120 covered and 80 uncovered school scenes, written blind
(twenty-eighth round) to recalibrate the scope model, whose calibration questions are all
shorter. Refitting with them made scope worse (eval/reports/ablations.md); they are kept as a
held-out check of the stored model on long questions.
"""

from __future__ import annotations

import pytest

from eval.common import DATA, read_jsonl
from index.search import SearchIndex

pytestmark = pytest.mark.slow

LONG = DATA / "long_scope_questions.jsonl"


def test_the_file_is_well_formed() -> None:
    rows = read_jsonl(LONG)
    assert sum(r["in_scope"] for r in rows) == 120 and len(rows) == 200
    assert all(30 <= len(r["text"].split()) <= 90 for r in rows)
    assert len({r["text"] for r in rows}) == 200


def test_long_questions_are_judged_as_their_writer_labelled_them(
    search_index: SearchIndex,
) -> None:
    rows = read_jsonl(LONG)
    judged = [(r["in_scope"], search_index.search(r["text"], k=5).in_scope) for r in rows]
    covered_kept = sum(got for label, got in judged if label)
    uncovered_flagged = sum(not got for label, got in judged if not label)
    # At the round's end: 119 of 120 covered kept, 68 of 80 uncovered flagged (a statutory
    # time limit flagged 2 of them; reading a course question ask by ask kept one covered).
    assert covered_kept >= 119
    assert uncovered_flagged >= 68
