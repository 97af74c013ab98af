"""The course reader: a model of the question's embedding for "is this about the course?"."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from assistant.answer import Turn, contextual_query
from eval import fit_course_reader
from eval.common import DATA, read_jsonl
from index.course_reader import COURSE_READER_PATH, CourseReader, load_course_reader
from index.encoder import DEFAULT_MODEL_NAME
from index.search import SearchIndex, about_the_course, course_reader_text


def _scene_questions(which: str) -> list[tuple[str, bool]]:
    rows = read_jsonl(DATA / "scene_questions.jsonl")
    return [(r["text"], r["about_the_course"]) for r in rows if r["set"] == which]


def test_shipped_reader_belongs_to_the_bundled_encoder() -> None:
    raw = json.loads(COURSE_READER_PATH.read_text(encoding="utf-8"))
    assert raw["encoder"] == DEFAULT_MODEL_NAME and raw["dim"] == 384
    assert load_course_reader(DEFAULT_MODEL_NAME, 384) is not None
    assert load_course_reader("sentence-transformers/all-mpnet-base-v2", 768) is None


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        ('{"encoder": "x", "weights": [1, 2', "unreadable course reader"),
        ('{"encoder": "x", "weights": [1, 2], "bias": 0, "threshold": 1.5}', "not a course"),
    ],
)
def test_unusable_reader_file_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, text: str, warning: str
) -> None:
    bad = tmp_path / "course_reader.json"
    bad.write_text(text, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert load_course_reader("x", 2, bad) is None
    assert warning in caplog.text and str(bad) in caplog.text
    assert load_course_reader("x", 2, tmp_path / "missing.json") is None


def test_reader_round_trips_through_json(tmp_path: Path) -> None:
    reader = CourseReader("enc", np.array([0.5, -2.0, 1.0]), 0.25, 0.75)
    path = tmp_path / "r.json"
    path.write_text(json.dumps(reader.to_json()), encoding="utf-8")
    loaded = load_course_reader("enc", 3, path)
    assert loaded is not None and loaded.threshold == 0.75
    vec = np.array([1.0, 0.0, 0.5])
    assert loaded.probability(vec) == pytest.approx(reader.probability(vec))
    assert loaded.probability(vec) == pytest.approx(1 / (1 + np.exp(-(0.25 + 0.5 + 0.5))))
    assert load_course_reader("enc", 4, path) is None  # fitted for another dimension


def test_reader_text_leaves_out_the_npq_names_and_talk_of_ones_course() -> None:
    assert course_reader_text("Just started the NPQSL. Who pays for this?") == (
        "Just started the . Who pays for this?"
    )
    asked = course_reader_text("Doing my NPQ and this came up in a session: is homework worth it?")
    assert "NPQ" not in asked and "homework" in asked


def test_blind_scene_questions_are_read_without_misreading_content_ones(
    search_index: SearchIndex,
) -> None:
    # The scene set's `blind` part: 80 questions written for the reader, blind to the rules and
    # never fitted on. The words alone read 4 of its 40 course questions.
    rows = _scene_questions("blind")
    words = sum(about_the_course(t) for t, about in rows if about)
    found = sum(about_the_course(t, search_index.course_like) for t, about in rows if about)
    misread = sum(about_the_course(t, search_index.course_like) for t, about in rows if not about)
    assert words <= 6 and found >= 18 and misread == 0, (words, found, misread)


@pytest.mark.parametrize(
    "question",
    [
        "I'm doing the NPQSL. How long does it take to embed a new policy?",
        "Im on the npqsl, how hard is it to get consistency on behaviour across a big secondary?",
        "I'm on the NPQEL. How should a trust decide which services to centralise?",
        "Doing my NPQ at the moment and this came up in a session: is it the number of INSET "
        "hours that counts or what you do with them?",
        "Does the NPQSL cover exclusions?",
        "Is the NPQSL strong on safeguarding?",
    ],
)
def test_content_questions_naming_the_npq_keep_the_frameworks(
    search_index: SearchIndex, question: str
) -> None:
    assert not about_the_course(question, search_index.course_like)
    res = search_index.search(question, k=5)
    assert not res.about_course and any(h.statement.kind != "provider_section" for h in res.hits)


def test_a_course_question_in_its_own_words_is_not_answered_with_a_statement(
    search_index: SearchIndex,
) -> None:
    question = "My NPQSL assessment came back as not passed. Can I appeal the mark?"
    assert not about_the_course(question)  # no course word
    res = search_index.search(question, k=5)
    assert res.about_course
    assert res.hits and all(h.statement.kind == "provider_section" for h in res.hits)


def test_a_follow_up_reads_the_course_question_before_it_with_the_reader(
    search_index: SearchIndex,
) -> None:
    course = "On the npqsl and moving to a different trust in January. Does my place come with me?"
    history = [Turn(course, "…")]
    follow_up = "what does it say about staff wellbeing?"
    # The course question's words do not carry over to a content follow-up: only the NPQ does.
    assert contextual_query(follow_up, history, search_index.course_like) == f"NPQSL {follow_up}"


def test_fitting_never_reads_the_test_split_or_the_blind_scene_questions() -> None:
    fit, checked = fit_course_reader.labelled_sets()
    assert "scene blind" in checked and "retrieval test" in checked
    fitted = {text for rows in fit.values() for text, _ in rows}
    assert not fitted & {text for text, _ in checked["scene blind"]}
    assert not fitted & {text for text, _ in checked["retrieval test"]}
