"""Retrieval and scope metrics on hand-made inputs, and the chunk -> statement mapping."""

from __future__ import annotations

import math

import pytest

from eval.metrics import retrieval_metrics, scope_metrics
from eval.retrieval import match_key, statement_prefix, statements_in_chunks

# --------------------------------------------------------------------------- retrieval_metrics


def test_recall_at_k_counts_share_of_relevant_ids() -> None:
    m = retrieval_metrics({"q": {"a", "b"}}, {"q": ["a", "x", "b"]}, ks=(1, 2, 3))
    assert m["recall@1"] == 0.5
    assert m["recall@2"] == 0.5
    assert m["recall@3"] == 1.0
    assert m["queries"] == 1.0


def test_mrr_first_hit_at_rank_three() -> None:
    m = retrieval_metrics({"q": {"a"}}, {"q": ["x", "y", "a", "b"]})
    assert m["mrr@10"] == pytest.approx(1 / 3)


def test_mrr_averages_over_queries_and_ignores_hits_after_rank_ten() -> None:
    gold = {"q1": {"a"}, "q2": {"b"}, "q3": {"c"}}
    ranked = {
        "q1": ["a"],  # 1
        "q2": ["x", "b"],  # 1/2
        "q3": [f"x{i}" for i in range(10)] + ["c"],  # rank 11: 0
    }
    m = retrieval_metrics(gold, ranked)
    assert m["mrr@10"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert m["recall@10"] == pytest.approx(2 / 3)


def test_ndcg_exact_value() -> None:
    # Relevant at ranks 1 and 3: DCG = 1 + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3).
    m = retrieval_metrics({"q": {"a", "b"}}, {"q": ["a", "x", "b"]})
    assert m["ndcg@10"] == pytest.approx(1.5 / (1 + 1 / math.log2(3)))
    assert m["ndcg@10"] == pytest.approx(0.9197207891481876)


def test_ndcg_is_one_for_a_perfect_ranking_and_zero_for_none() -> None:
    gold = {"good": {"a", "b"}, "bad": {"c"}}
    m = retrieval_metrics(gold, {"good": ["b", "a", "x"], "bad": ["x", "y"]})
    assert m["ndcg@10"] == pytest.approx(0.5)  # (1 + 0) / 2


def test_queries_with_empty_gold_are_skipped() -> None:
    gold = {"q1": {"a"}, "oos": set()}
    m = retrieval_metrics(gold, {"q1": ["x", "a"], "oos": ["a"]})
    assert m["queries"] == 1.0
    assert m["recall@1"] == 0.0
    assert m["recall@3"] == 1.0
    assert m["mrr@10"] == pytest.approx(0.5)


def test_unranked_query_scores_zero() -> None:
    m = retrieval_metrics({"q1": {"a"}, "q2": {"b"}}, {"q1": ["a"]})
    assert m["recall@1"] == 0.5
    assert m["mrr@10"] == 0.5


def test_no_scored_queries_gives_zeros() -> None:
    m = retrieval_metrics({"oos": set()}, {"oos": ["a"]}, ks=(1, 5))
    assert m == {"recall@1": 0.0, "recall@5": 0.0, "mrr@10": 0.0, "ndcg@10": 0.0, "queries": 0.0}


# --------------------------------------------------------------------------- scope_metrics


def test_scope_metrics_rates() -> None:
    out_of_scope = {"a": True, "b": True, "c": False, "d": False}
    predicted_in_scope = {"a": False, "b": True, "c": True, "d": False}
    m = scope_metrics(out_of_scope, predicted_in_scope)
    assert m == {"oos_detection_rate": 0.5, "in_scope_kept_rate": 0.5, "oos_queries": 2.0}


def test_scope_metrics_missing_prediction_counts_against_the_system() -> None:
    m = scope_metrics({"oos": True, "in": False}, {})
    assert m["oos_detection_rate"] == 0.0
    assert m["in_scope_kept_rate"] == 0.0


# --------------------------------------------------------------------------- chunk -> statements

A = "Pupils are more likely to remember what they have been taught when practice is spaced out."
B = "Worked examples that take pupils through each step reduce the load on working memory."
C = "Leaders should ensure that colleagues receive regular, specific feedback on their teaching."
PREFIXES = {
    "NPQSL 2.12": statement_prefix(A),
    "NPQEL 2.12": statement_prefix(A),  # the same text in another framework
    "NPQSL 2.9": statement_prefix(B),
    "NPQSL 6.3": statement_prefix(C),
}


def test_statement_prefix_ignores_case_and_whitespace() -> None:
    assert statement_prefix("  Pupils  ARE\nmore likely") == "pupilsaremorelikely"
    assert match_key("over-\ninfluenced By") == "over-influencedby"
    assert len(statement_prefix(A)) < 60  # 60 characters, spaces then removed


def test_chunks_map_to_statements_in_chunk_order_deduplicated() -> None:
    chunk1 = (
        "Learn that:\n2.9 WORKED examples that take pupils through\n each step reduce the load"
        " on working memory.\n2.12 Pupils are more likely to remember what they have been\n"
        "taught when practice is spa"  # cut after the prefix: still counts
    )
    chunk2 = f"{A}\n{C}"  # A again (already listed), then C
    assert statements_in_chunks([chunk1, chunk2], PREFIXES) == [
        "NPQSL 2.9",
        "NPQSL 2.12",
        "NPQEL 2.12",
        "NPQSL 6.3",
    ]


def test_chunk_holding_only_a_statement_tail_does_not_count() -> None:
    tail = "reduce the load on working memory. Intro text about the NPQ programme."
    assert statements_in_chunks([tail], PREFIXES) == []


def test_statement_cut_before_its_prefix_does_not_count_and_rank_follows_chunks() -> None:
    cut = "Leaders should ensure that colleagues"  # shorter than the prefix
    assert statements_in_chunks([cut, B, C], PREFIXES) == ["NPQSL 2.9", "NPQSL 6.3"]


def test_a_systems_own_interval_is_a_bootstrap_around_its_mean() -> None:
    from eval.retrieval import paired_bootstrap

    gold = {"a": {"x"}, "b": {"y"}, "c": {"z"}, "d": set()}
    ranked = {"a": ["x"], "b": ["y", "q"], "c": ["q"]}
    d = paired_bootstrap(gold, ranked, {}, "recall@5")
    assert d["diff"] == pytest.approx(2 / 3)  # "d" has no relevant ids: not scored
    assert 0.0 <= d["lo"] <= d["diff"] <= d["hi"] <= 1.0
    assert d["lo"] < d["hi"]
