"""The blind search test's queries (``eval/data/search_test_questions.jsonl``): the file."""

from __future__ import annotations

from collections import Counter

from eval.common import DATA, read_jsonl
from ingest.records import Statement

KINDS = {
    "paraphrase": 15,
    "scenario": 15,
    "essay": 10,
    "keyword": 10,
    "framework_specific": 8,
    "provider": 6,
    "out_of_scope": 6,
}


KINDS2 = {
    "paraphrase": 16,
    "scenario": 16,
    "essay": 10,
    "keyword": 10,
    "framework_specific": 10,
    "provider": 10,
    "out_of_scope": 8,
}


def _check_gold(rows: list[dict], known: set[str]) -> None:  # type: ignore[type-arg]
    """Every id exists; out of scope has no relevant id, in scope at least one; and what was
    added after the results is kept apart from the gold written first."""
    for r in rows:
        ids = [*r["relevant"], *r["relevant_added_after_results"]]
        assert set(ids) <= known, (r["qid"], set(ids) - known)
        assert bool(r["relevant"]) == (r["kind"] != "out_of_scope"), r["qid"]
        assert not set(r["relevant"]) & set(r["relevant_added_after_results"]), r["qid"]


def test_the_blind_search_queries_name_only_statements_that_exist(
    corpus_result,  # type: ignore[no-untyped-def]
) -> None:
    rows = read_jsonl(DATA / "search_test_questions.jsonl")
    known = {s.id for s in corpus_result.statements if isinstance(s, Statement)}
    assert [r["qid"] for r in rows] == [f"z{i:03d}" for i in range(1, 71)]
    assert Counter(r["kind"] for r in rows) == KINDS
    _check_gold(rows, known)


def test_the_second_blind_search_queries_name_only_statements_that_exist(
    corpus_result,  # type: ignore[no-untyped-def]
) -> None:
    rows = read_jsonl(DATA / "search_test2_questions.jsonl")
    known = {s.id for s in corpus_result.statements if isinstance(s, Statement)}
    assert [r["qid"] for r in rows] == [f"y{i:03d}" for i in range(1, 81)]
    assert Counter(r["kind"] for r in rows) == KINDS2
    _check_gold(rows, known)


KINDS3 = {"keyword": 44, "jargon": 21, "framework_specific": 5, "out_of_scope": 10}


def test_the_blind_keyword_searches_name_only_statements_that_exist(
    corpus_result,  # type: ignore[no-untyped-def]
) -> None:
    rows = read_jsonl(DATA / "search_keywords_questions.jsonl")
    known = {s.id for s in corpus_result.statements if isinstance(s, Statement)}
    assert [r["qid"] for r in rows] == [f"w{i:03d}" for i in range(1, 81)]
    assert Counter(r["kind"] for r in rows) == KINDS3
    assert all(1 <= len(r["question"].split()) <= 4 for r in rows)
    _check_gold(rows, known)


def test_the_blind_shorthand_searches_name_only_statements_that_exist(
    corpus_result,  # type: ignore[no-untyped-def]
) -> None:
    rows = read_jsonl(DATA / "search_shorthand_questions.jsonl")
    known = {s.id for s in corpus_result.statements if isinstance(s, Statement)}
    assert [r["qid"] for r in rows] == [f"h{i:03d}" for i in range(1, 61)]
    assert Counter(r["kind"] for r in rows) == {"shorthand": 52, "out_of_scope": 8}
    assert all(1 <= len(r["question"].split()) <= 6 for r in rows)
    _check_gold(rows, known)


def test_the_second_blind_shorthand_searches_name_only_statements_that_exist(
    corpus_result,  # type: ignore[no-untyped-def]
) -> None:
    rows = read_jsonl(DATA / "search_shorthand2_questions.jsonl")
    known = {s.id for s in corpus_result.statements if isinstance(s, Statement)}
    assert [r["qid"] for r in rows] == [f"k{i:03d}" for i in range(1, 71)]
    assert Counter(r["kind"] for r in rows) == {"shorthand": 60, "out_of_scope": 10}
    assert all(1 <= len(r["question"].split()) <= 5 for r in rows)
    _check_gold(rows, known)


def test_the_reworded_citation_cases_cite_statements_that_exist(
    corpus_result,  # type: ignore[no-untyped-def]
) -> None:
    rows = read_jsonl(DATA / "reworded_cases.jsonl")
    known = {s.id for s in corpus_result.statements if isinstance(s, Statement)}
    assert Counter(r["set"] for r in rows) == {"first": 110, "second": 120}
    for r in rows:
        assert r["cited"] in known, r["case_id"]
        assert r["citation"] in r["text"], r["case_id"]
        assert r["verdict"] == ("supported" if r["kind"].startswith("faithful") else "unsupported")
