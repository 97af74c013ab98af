"""The evidence-finder evaluation scores the finder's supports on the essay questions."""

from __future__ import annotations

from eval.common import questions
from eval.find import SYSTEMS, run_find_eval
from index.search import SearchIndex


def test_find_eval_on_dev(monkeypatch, search_index: SearchIndex) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("eval.find.open_index", lambda: search_index)
    res = run_find_eval("dev")
    n = sum(1 for q in questions("dev") if q["kind"] == "essay")
    assert res["questions"] == n == len(res["ranked"]["find evidence"])
    assert set(res["systems"]) == set(SYSTEMS)
    labelled = sum(c["supports"] for c in res["labels"].values())
    assert labelled >= 2 * n  # most sentences get their three supports
    # What the report claims: the finder beats the sentence's embedding alone.
    ours, alone = (res["systems"][name] for name in SYSTEMS)
    assert ours["recall@5"] >= alone["recall@5"] + 0.1
    assert ours["mrr@10"] > alone["mrr@10"]
    assert res["sentences_2500_words"] > 50 and res["seconds_2500_words"] > 0


def test_find_on_a_blind_testers_uncited_paragraphs(search_index: SearchIndex) -> None:
    from eval.find import find_user_test

    u = find_user_test(search_index)
    assert (u["sentences"], u["claims"], u["contradictions"], u["narrative"]) == (38, 20, 12, 6)
    # First run, held out: 18 of 20 claims with a right first support, 19 with one listed, one
    # contradicted statement labelled strong ("…had little bearing on which operating model",
    # NPQEL 7.P3.4). Now:
    assert u["first_right"] >= 19
    assert u["listed"] == 20
    assert u["contradicted_strong"] == 0


def test_find_on_a_second_blind_testers_paragraphs(search_index: SearchIndex) -> None:
    from eval.find import USER_TESTS, find_user_test

    u = find_user_test(search_index, USER_TESTS[1])
    assert (u["sentences"], u["claims"], u["contradictions"], u["narrative"]) == (39, 21, 12, 6)
    # First run, held out (twenty-seventh round): 20 of 21 claims with a right first support
    # (G1.6, a pupil's context, led by NPQEL 5.3 on SEND), all 21 listed, no contradicted or
    # overclaimed statement labelled strong, no narrative sentence given a strong support.
    assert u["first_right"] >= 20
    assert u["listed"] == 21
    assert u["contradicted_strong"] == 0
    assert u["narrative_strong"] == 0


def test_find_on_a_third_blind_testers_paragraphs(search_index: SearchIndex) -> None:
    from eval.find import USER_TESTS, find_user_test

    u = find_user_test(search_index, USER_TESTS[2])
    assert (u["sentences"], u["claims"], u["contradictions"], u["narrative"]) == (39, 21, 12, 6)
    # First run, held out (twenty-eighth round): 12 of 21 claims with a right first support
    # (most misses are the framework the paragraph is about: with it chosen, 14 of 21), 17
    # listed, no contradicted or overclaimed statement labelled strong, no narrative sentence
    # given a strong support. Since then "not yet" is no negation (H1.5): 13 and 18.
    assert u["first_right"] >= 13
    assert u["listed"] >= 18
    assert u["contradicted_strong"] == 0
    assert u["narrative_strong"] == 0


def test_find_on_a_fourth_blind_testers_paragraphs(search_index: SearchIndex) -> None:
    from eval.find import USER_TESTS, find_user_test

    u = find_user_test(search_index, USER_TESTS[3])
    assert (u["sentences"], u["claims"], u["contradictions"], u["narrative"]) == (38, 20, 12, 6)
    # First run, held out (twenty-ninth round): 20 of 20 claims with a right first support,
    # 17 of them strong; no contradicted or overclaimed statement labelled strong; one
    # narrative sentence given a strong support (I1.1, a behaviour lead's removals from lessons
    # per half term, NPQEL 4.3). Since then a first-person sentence with two figures or more
    # is the writer's context, its support at most partial: none.
    assert u["first_right"] >= 20
    assert u["listed"] == 20
    assert u["contradicted_strong"] == 0
    assert u["narrative_strong"] == 0


def test_find_on_a_fifth_blind_testers_paragraphs(search_index: SearchIndex) -> None:
    from eval.find import USER_TESTS, find_user_test

    u = find_user_test(search_index, USER_TESTS[4])
    assert (u["sentences"], u["claims"], u["contradictions"], u["narrative"]) == (38, 20, 12, 6)
    # First run, held out (thirtieth round): 17 of 20 claims with a right first support, 18
    # listed, 9 strong; one overclaim labelled strong (J2.6, "any parental engagement
    # strategy … will raise attainment" against NPQEL 9.3) and one narrative sentence (J3.1).
    # Since then a negation of what the statement says to avoid ("no longer blamed parents")
    # agrees with it, and a writer's own lapse looked back on ("Looking back, I started with a
    # solution … and I never checked how ready staff were") lists the lesson's statements as
    # partial support: 18 and 20.
    assert u["first_right"] >= 18
    assert u["listed"] == 20
    assert u["contradicted_strong"] <= 1
    assert u["narrative_strong"] <= 1


def test_find_on_a_sixth_blind_testers_paragraphs(search_index: SearchIndex) -> None:
    from eval.find import USER_TESTS, find_user_test

    u = find_user_test(search_index, USER_TESTS[5])
    assert (u["sentences"], u["claims"], u["contradictions"], u["narrative"]) == (37, 19, 12, 6)
    # First run, held out, after the thirtieth round's changes (the build before the round
    # gives the same): 18 of 19 claims with a right first support, all listed, 10 strong; one
    # contradiction labelled strong (K4.3: the four areas of need called all a teacher needs,
    # NPQLT 6.1, which only lists them); no narrative sentence strong. Since then "all the
    # information they need to plan" is read as an absolute: none.
    assert u["first_right"] >= 18
    assert u["listed"] == 19
    assert u["contradicted_strong"] == 0
    assert u["narrative_strong"] == 0


def test_find_on_a_seventh_blind_testers_paragraphs(search_index: SearchIndex) -> None:
    from eval.find import USER_TESTS, find_user_test

    u = find_user_test(search_index, USER_TESTS[6])
    assert (u["sentences"], u["claims"], u["contradictions"], u["narrative"]) == (37, 19, 12, 6)
    # First run, held out (thirty-first round): 17 of 19 claims with a right first support, 17
    # listed, 10 strong; two contradictions labelled strong (F1.3, whole words "more effective
    # … than systematic synthetic phonics", NPQLT 4.11; F1.6, one test "tells you all you need
    # to know", NPQLT 7.P1.2). Since then what a statement names the most effective, set below
    # another, and "all you need to know" are read: none.
    assert u["first_right"] >= 17
    assert u["listed"] >= 17
    assert u["contradicted_strong"] == 0
    assert u["narrative_strong"] == 0


def test_find_on_an_eighth_blind_testers_paragraphs(search_index: SearchIndex) -> None:
    from eval.find import USER_TESTS, find_user_test

    u = find_user_test(search_index, USER_TESTS[7])
    assert (u["sentences"], u["claims"], u["contradictions"], u["narrative"]) == (42, 24, 12, 6)
    # First run, held out (thirty-second round): 24 of 24 claims with a right first support,
    # all listed, 19 strong; two contradictions labelled strong (F3.4, academies "funded through
    # a single mechanism under one set of financial rules", NPQSL 7.6; F4.4, holding staff to
    # account "a matter for each headteacher alone", NPQEL 10.4). Since then one set of rules
    # for what a statement says differs by type is read as its reverse: one.
    assert u["first_right"] >= 24
    assert u["listed"] == 24
    assert u["contradicted_strong"] <= 1
    assert u["narrative_strong"] == 0


def test_find_on_a_ninth_blind_testers_paragraphs(search_index: SearchIndex) -> None:
    from eval.find import USER_TESTS, find_user_test

    u = find_user_test(search_index, USER_TESTS[8])
    assert (u["sentences"], u["claims"], u["contradictions"], u["narrative"]) == (40, 22, 12, 6)
    # First run, held out (thirty-third round): 20 of 22 claims with a right first support, all
    # listed, 10 strong; one overclaim labelled strong (F1.39, responsive teaching "ensures that
    # every pupil with SEND will reach the same outcomes as their peers", NPQLT 6.4: "likely to
    # increase pupil outcomes"). Since then "ensures that every … will reach" is read: none.
    assert u["first_right"] >= 20
    assert u["listed"] == 22
    assert u["contradicted_strong"] == 0
    assert u["narrative_strong"] == 0
