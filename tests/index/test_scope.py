"""The "does the corpus cover this?" models: the shipped embedding-aware one and its fallbacks."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from index.scope import (
    FEATURE_THRESHOLD,
    SCOPE_MODEL_PATH,
    ScopeFeatures,
    ScopeModel,
    load_scope_model,
)

FEATURES = ScopeFeatures(0.5, 0.6, 4.0, False, 0.1)


def _stored() -> dict:  # type: ignore[type-arg]
    return json.loads(SCOPE_MODEL_PATH.read_text(encoding="utf-8"))


def test_shipped_model_belongs_to_the_bundled_encoder() -> None:
    from index.encoder import DEFAULT_MODEL_NAME

    raw = _stored()
    model = load_scope_model(DEFAULT_MODEL_NAME, 384)
    assert model is not None
    assert raw["encoder"] == DEFAULT_MODEL_NAME and model.dim == 384
    assert 0.0 < model.threshold < 1.0


def test_another_encoder_falls_back_to_match_features() -> None:
    assert load_scope_model("sentence-transformers/all-mpnet-base-v2", 768) is None
    assert load_scope_model(_stored()["encoder"], 768) is None


def test_unreadable_model_file_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bad = tmp_path / "scope_model.json"
    bad.write_text('{"encoder": "x", "feature_weights": [1, 2', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert load_scope_model("x", 384, bad) is None
    assert "unreadable scope model" in caplog.text and str(bad) in caplog.text
    assert load_scope_model("x", 384, tmp_path / "missing.json") is None


def test_model_round_trips_through_json(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    model = ScopeModel("enc", (0.5, 1.0, -0.2, 0.0, -1.0), rng.normal(size=8), -0.3, 0.4)
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model.to_json()), encoding="utf-8")
    loaded = load_scope_model("enc", 8, path)
    assert loaded is not None
    vec = rng.normal(size=8)
    assert loaded.probability(FEATURES, vec) == pytest.approx(model.probability(FEATURES, vec))
    # The query embedding moves the probability: the reason this model exists.
    assert loaded.probability(FEATURES, vec) != pytest.approx(loaded.probability(FEATURES, -vec))


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "What is the pension contribution rate for teachers this year?",
        "how do I book supply cover for a teacher off sick tomorrow",
        "When do year 6 SATs results come out?",
        # A short keyword search is judged too. ("teacher pay" alone is not in this list: NPQSL
        # 7.P4.4 covers "policy and processes related to pay and conditions".)
        "upper pay spine",
        "football",
    ],
)
def test_school_administration_questions_are_not_covered(search_index, question: str) -> None:  # type: ignore[no-untyped-def]
    # Schools' words, but nothing the frameworks say: the assistant must not answer these.
    r = search_index.search(question)
    assert search_index.scope_model is not None
    assert not r.in_scope
    assert r.scope_probability < search_index.scope_threshold


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "what should I do when a new policy isn't sticking",
        "How do I reduce teacher workload around marking?",
        "how can leaders support pupils with SEND in mainstream classes",
        "phonics",  # one word the frameworks use
        "decoding",
    ],
)
def test_leadership_questions_are_covered(search_index, question: str) -> None:  # type: ignore[no-untyped-def]
    r = search_index.search(question)
    assert r.in_scope and r.scope_probability >= search_index.scope_threshold


@pytest.mark.slow
def test_embedding_keeps_a_question_the_match_features_would_drop(search_index) -> None:  # type: ignore[no-untyped-def]
    # Few shared words with the statements (implementation, fidelity…), but a leadership question.
    r = search_index.search("what should I do when a new policy isn't sticking")
    assert r.scope is not None and r.scope.probability() < FEATURE_THRESHOLD
    assert r.in_scope


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        # Three rare words the scope model doubts; every one is in NPQSL 10.P1.2, at the top.
        "Academies Financial Handbook",
    ],
)
def test_a_statement_holding_every_keyword_makes_a_question_covered(
    search_index, question: str
) -> None:  # type: ignore[no-untyped-def]
    r = search_index.search(question)
    assert r.scope_probability < search_index.scope_threshold  # the model alone would abstain
    assert r.in_scope


@pytest.mark.slow
def test_the_asking_frame_does_not_make_the_scope_model_doubt(search_index) -> None:  # type: ignore[no-untyped-def]
    # "what does the NPQEL say about" had made the scope model doubt the question (the rule
    # above kept it); the frame is no longer searched, so the model keeps it by itself.
    r = search_index.search("what does the NPQEL say about economies of scale")
    bare = search_index.search("NPQEL economies of scale")
    assert r.in_scope and r.scope_probability >= search_index.scope_threshold
    assert abs(r.scope_probability - bare.scope_probability) < 0.05
    assert r.hits[0].statement.id == "NPQEL 7.P3.3"


@pytest.mark.slow
def test_one_keyword_in_a_statement_is_not_enough(search_index) -> None:  # type: ignore[no-untyped-def]
    # "pension" is in no statement; "teachers" is in many: a single shared word proves nothing.
    r = search_index.search("how much is the teachers pension contribution")
    assert not r.in_scope
