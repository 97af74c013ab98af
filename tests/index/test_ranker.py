"""The learned re-ranker: its stored weights, its features, and how search uses it."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from eval import fit_ranker
from eval.common import DATA, questions, read_jsonl
from index.encoder import DEFAULT_MODEL_NAME
from index.ranker import FEATURES, RANKER_PATH, Ranker, SplitRanker, load_ranker
from index.search import SearchIndex

SCENARIO = (
    "Deputy head, secondary. Staff say our new feedback policy means hours of marking every "
    "weekend and I doubt the pupils even read the comments. How do I rewrite it?"
)


def test_shipped_ranker_belongs_to_the_bundled_encoder() -> None:
    raw = json.loads(RANKER_PATH.read_text(encoding="utf-8"))
    assert raw["encoder"] == DEFAULT_MODEL_NAME and tuple(raw["features"]) == FEATURES
    assert load_ranker(DEFAULT_MODEL_NAME) is not None
    assert load_ranker("sentence-transformers/all-mpnet-base-v2") is None


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ('{"encoder": "x", "mean": [1, 2', "unreadable ranker"),
        (
            '{"encoder": "x", "features": ["cosine"], "mean": [0], "scale": [1], '
            '"weights": [1], "bias": 0}',
            "fitted for other features",
        ),
    ],
)
def test_unusable_ranker_file_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, text: str, warning: str
) -> None:
    bad = tmp_path / "ranker.json"
    bad.write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert load_ranker("x", bad) is None
    assert warning in caplog.text and str(bad) in caplog.text
    assert load_ranker("x", tmp_path / "missing.json") is None


def test_ranker_round_trips_through_json(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    n = len(FEATURES)
    ranker = Ranker("enc", rng.normal(size=n), rng.uniform(0.5, 2, size=n), rng.normal(size=n), 0.3)
    path = tmp_path / "r.json"
    path.write_text(json.dumps(ranker.to_json()), encoding="utf-8")
    loaded = load_ranker("enc", path)
    assert loaded is not None
    x = rng.normal(size=(4, n))
    assert np.allclose(loaded.probabilities(x), ranker.probabilities(x), atol=1e-5)
    z = ((x - ranker.mean) / ranker.scale) @ ranker.weights + ranker.bias
    assert np.allclose(ranker.probabilities(x), 1 / (1 + np.exp(-z)))


def test_split_ranker_reads_each_question_with_its_own_model(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    n = len(FEATURES)

    def model(seed: int) -> Ranker:
        r = np.random.default_rng(seed)
        return Ranker("enc", r.normal(size=n), r.uniform(0.5, 2, size=n), r.normal(size=n), 0.1)

    split = SplitRanker("enc", model(2), model(3))
    path = tmp_path / "r.json"
    path.write_text(json.dumps(split.to_json()), encoding="utf-8")
    loaded = load_ranker("enc", path)
    assert isinstance(loaded, SplitRanker)
    x = rng.normal(size=(6, n))
    col = FEATURES.index("narrative")
    x[:, col] = [0, 0, 0, 1, 1, 1]
    p = loaded.probabilities(x)
    assert np.allclose(p[:3], split.short.probabilities(x[:3]), atol=1e-5)
    assert np.allclose(p[3:], split.narrative.probabilities(x[3:]), atol=1e-5)
    assert not np.allclose(p[3:], split.short.probabilities(x[3:]), atol=1e-3)
    # One of the two models fitted for other features: the whole file is refused.
    raw = split.to_json()
    raw["narrative"] = {**split.narrative.to_json(), "features": ["cosine"]}
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert load_ranker("enc", path) is None


def test_shipped_ranker_has_a_model_for_each_kind_of_question() -> None:
    ranker = load_ranker(DEFAULT_MODEL_NAME)
    assert isinstance(ranker, SplitRanker)
    col = FEATURES.index("narrative")
    # The two were fitted apart, so they weigh the scores differently.
    assert not np.allclose(ranker.short.weights, ranker.narrative.weights, atol=0.05)
    assert ranker.short.mean[col] == 0.0 and ranker.narrative.mean[col] == 1.0


def _features(index: SearchIndex, query: str, **kw: object) -> tuple[list[int], np.ndarray]:
    seen: list[tuple[list[int], np.ndarray]] = []
    index.on_candidates = lambda rows, x: seen.append((rows, x))
    try:
        index.search(query, k=10, **kw)  # type: ignore[arg-type]
    finally:
        index.on_candidates = None
    assert seen
    return seen[-1]


def test_features_describe_the_query_and_each_candidate(search_index: SearchIndex) -> None:
    col = {name: i for i, name in enumerate(FEATURES)}
    rows, x = _features(search_index, SCENARIO)
    assert x.shape == (len(rows), len(FEATURES)) and len(rows) == 60
    assert (x[:, col["narrative"]] == 1).all() and (x[:, col["short"]] == 0).all()
    assert (x[:, col["asks_how"]] == 1).all()
    kinds = [search_index.statements[r].kind for r in rows]
    assert list(x[:, col["evidence"]]) == [float(k == "evidence") for k in kinds]
    assert list(x[:, col["practice_heading"]]) == [float(k == "practice_heading") for k in kinds]
    # The fusion's order is the candidates' order: its rank and share fall together.
    assert x[0, col["fused_share"]] == 1.0 and x[0, col["log_fused_rank"]] == 0.0
    assert (np.diff(x[:, col["fused"]]) <= 1e-12).all()
    _, short = _features(search_index, "retrieval practice")
    assert (short[:, col["short"]] == 1).all() and (short[:, col["narrative"]] == 0).all()


def test_search_lists_hits_by_the_rankers_probability(search_index: SearchIndex) -> None:
    assert search_index.ranker is not None
    res = search_index.search(SCENARIO, k=10)
    assert res.reranked
    scores = [h.score for h in res.hits]
    assert all(0.0 < s < 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True)
    # The feedback-workload bullet leads; the fusion alone puts it lower.
    top_ids = {h.statement.id for h in res.hits[:3]}
    assert "NPQEL 3.P4.2" in top_ids or "NPQSL 3.P4.3" in top_ids, top_ids
    fusion = search_index.search(SCENARIO, k=10, rerank=False)
    assert not fusion.reranked
    assert [h.statement.id for h in fusion.hits] != [h.statement.id for h in res.hits]


def test_course_questions_and_id_lookups_keep_the_fusions_order(search_index: SearchIndex) -> None:
    assert not search_index.search("how much does the NPQSL cost?", k=5).reranked
    res = search_index.search("NPQSL 4.9", k=5)
    assert res.hits[0].statement.id == "NPQSL 4.9" and res.hits[0].score == 1.0


def test_without_a_ranker_search_keeps_the_fusions_order(search_index: SearchIndex) -> None:
    saved = search_index.ranker
    try:
        search_index.ranker = None
        res = search_index.search(SCENARIO, k=10)
    finally:
        search_index.ranker = saved
    assert not res.reranked
    same = search_index.search(SCENARIO, k=10, rerank=False)
    assert [h.statement.id for h in res.hits] == [h.statement.id for h in same.hits]


def test_fitting_reads_no_test_question_and_learns_from_its_labels(
    search_index: SearchIndex,
) -> None:
    sets = fit_ranker.development_sets(search_index)
    test_qids = {q["qid"] for q in questions("test")}
    for fresh in ("fourth_questions.jsonl", "fifth_questions.jsonl", "sixth_questions.jsonl"):
        test_qids |= {r["qid"] for r in read_jsonl(DATA / fresh)}
    assert not test_qids & {qid for qs in sets.values() for qid, _, _ in qs}
    assert {qid for qid, _, _ in sets["dev"]} <= {q["qid"] for q in questions("dev")}
    small = {"dev": sets["dev"][:40]}
    data = fit_ranker.collect(search_index, small)
    assert search_index.on_candidates is None
    ranker = fit_ranker.fit(data["dev"], 0.3, "enc")
    x = np.vstack([d[0] for d in data["dev"]])
    y = np.concatenate([d[1] for d in data["dev"]])
    assert 0 < y.sum() < len(y)
    p = ranker.probabilities(x)
    assert p[y == 1].mean() > 2 * p[y == 0].mean()
