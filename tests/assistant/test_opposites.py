"""Statements turned around in other words: the pairs of opposite words, and the checker."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from assistant import essay
from assistant.opposites import denies_reversal, opposite_words
from index.search import SearchIndex

DATA = Path(__file__).resolve().parents[2] / "eval" / "data"

PARENTS = (
    "Working effectively with parents/carers can be challenging, and is likely to require "
    "sustained effort and support."
)  # NPQSL 9.5
MEMORY = (
    "Working memory is where information that is being actively processed is held, but its "
    "capacity is limited and can be overloaded."
)  # NPQSL 2.8
TRUST_RESOURCES = (
    "Understanding how resource management can deliver economies of scale and improve efficiency "
    "and effectiveness across several organisations (e.g. in terms of finances, staffing, "
    "workload, educational provision and resources) and applying this to trust planning."
)  # NPQEL 7.P3.3


def test_a_sentence_that_reverses_the_statement_is_named_with_both_words() -> None:
    said = "working with parents is straightforward and needs only a single information evening"
    assert opposite_words(said, PARENTS) == ("challenging", "straightforward")
    assert opposite_words(
        "pooling resources across organisations reduces efficiency", TRUST_RESOURCES
    ) == ("improve efficiency", "reduces efficiency")
    assert opposite_words("working memory has effectively unlimited capacity", MEMORY) is not None


EMPLOYEES = "Different types of employees have different terms and conditions."  # NPQEL 7.5
FUNDING = (
    "Different types of schools are funded through different mechanisms. Each mechanism has "
    "different financial regulations associated with it."
)  # NPQSL 7.6


def test_one_set_of_terms_for_all_reverses_different_types() -> None:
    # An eighteenth Check user test had passed this contradiction as support for NPQEL 7.5.
    said = (
        "Centralising HR looked straightforward because every member of staff across the trust, "
        "teaching or support, is employed on identical terms"
    )
    assert opposite_words(said, EMPLOYEES) == (
        "Different types of employees have different terms and conditions",
        "identical terms",
    )
    assert (
        opposite_words(
            "all our academies are funded through a single mechanism under one set of rules",
            FUNDING,
        )
        is not None
    )
    # Saying the statement's side, or denying the reverse, is no reversal.
    for agrees in (
        "teachers and support staff are employed on different terms and conditions",
        "no single set of rules covers every school we work with",
        "the academies and the maintained school are funded through different mechanisms",
    ):
        assert opposite_words(agrees, EMPLOYEES) is None, agrees
        assert opposite_words(agrees, FUNDING) is None, agrees


@pytest.mark.parametrize(
    "said",
    [
        # denied or set aside
        "working with parents is far from straightforward, so we planned a year of contact",
        "working with parents is not easy and one evening was never going to be enough",
        "working with parents isn't easy, whatever the welcome evening promised",
        "we replaced a single information evening with termly coffee mornings",
        # the statement's side said too
        "working with parents proved challenging rather than straightforward",
        # what is named is criticised
        "a single information evening did little to engage the parents we most needed",
        "our one-off welcome evening failed to reach the families we most needed",
    ],
)
def test_a_sentence_that_denies_or_criticises_the_reverse_is_no_reversal(said: str) -> None:
    assert opposite_words(said, PARENTS) is None


TAILORED = (
    "Tailoring the conversation to the expertise and needs of the individual (e.g. adapting "
    "conversations to be more or less facilitative, dialogic or directive)."
)  # NPQSL 6.P2.2
PATTERNS = (
    "Explaining that it is best to draw conclusions about what pupils have learned by looking at "
    "patterns of performance over a number of assessments."
)  # NPQLT 7.P1.2


def test_one_size_for_tailored_and_one_test_for_many_are_reversals() -> None:
    # A seventh user test's contradictions, called supported before.
    said = (
        "I also insisted that every mentor followed one identical, fully facilitative coaching "
        "script with every ECT, whatever their experience"
    )
    assert opposite_words(said, TAILORED) is not None
    said = (
        "However, I argued that one end-of-term test gives a definitive verdict on what each "
        "child has learned"
    )
    assert opposite_words(said, PATTERNS) is not None
    # Kept: the tailoring said, and one test criticised.
    assert opposite_words("Mentors tailored each conversation to the ECT's needs", TAILORED) is None
    assert (
        opposite_words(
            "A single end-of-term test gave a poor picture, so we now look at several", PATTERNS
        )
        is None
    )


def test_separate_lessons_against_intervening_in_lessons(search_index: SearchIndex) -> None:
    # A seventh user test's contradiction, sent to another number before.
    (c,) = essay.check_essay(
        "Pupils with SEND learn best away from the main lesson, so teachers planned a separate "
        "maths and English lesson for them, taught in the learning base (NPQSL 5.P3.2).",
        search_index,
    ).citations
    assert (c.verdict, c.suggested) == ("unsupported", ())
    (c,) = essay.check_essay(
        "Rather than planning separate lessons for different groups or taking pupils out of "
        "classrooms, teachers intervened in lessons with individuals and small groups "
        "(NPQSL 5.P3.2).",
        search_index,
    ).citations
    assert c.verdict == "supported", c.reason


def test_settled_content_and_a_single_source_are_reversals() -> None:
    # An eighth user test's contradictions, called supported before ("a drop-in" had been read
    # as "dropped", setting the reversal aside).
    contestable = (
        "The potential content of many subjects (especially literature, humanities and arts) is "
        "contestable and requires thoughtful, sustained review and engagement with that subject "
        "discipline."
    )  # NPQSL 3.3
    said = "Because the content of subjects such as English and history is essentially settled"
    assert opposite_words(said, contestable) is not None
    multiple = (
        "Use multiple methods of data collection in order to make inferences about teacher quality."
    )
    said = (
        "I relied on one unannounced drop-in per person, reasoning that a single well-chosen "
        "source is more dependable than triangulating several"
    )
    assert opposite_words(said, multiple) is not None
    # Dropped, as a denial, still sets the reversal aside.
    said = "We dropped the idea that a single source is more dependable than several"
    assert opposite_words(said, multiple) is None


def test_a_reversal_denied_agrees_with_the_statement() -> None:
    assert denies_reversal("Far from being unlimited, working memory is easily overloaded", MEMORY)
    assert denies_reversal("working with parents is anything but straightforward", PARENTS)
    assert not denies_reversal("working with parents is straightforward", PARENTS)
    # Another statement's topic: nothing to deny.
    assert not denies_reversal("working memory is far from unlimited", PARENTS)


def test_the_checker_says_which_words_turn_the_statement_around(
    search_index: SearchIndex,
) -> None:
    # A sixth user test's contradiction, called supported before (cosine 0.6+).
    text = (
        "In my experience, working with parents is straightforward and needs only a single "
        "well-run information evening (NPQSL 9.5)."
    )
    (c,) = essay.check_essay(text, search_index).citations
    assert c.verdict == "unsupported"
    assert "“challenging”" in c.reason and "“straightforward”" in c.reason
    # The same point kept, with words that only look like a reversal.
    kept = (
        "Working with parents has been far from straightforward: it has needed sustained effort "
        "over the whole year (NPQSL 9.5)."
    )
    (c,) = essay.check_essay(kept, search_index).citations
    assert c.verdict == "supported", c.reason


def test_a_wrong_number_is_not_offered_a_statement_the_sentence_reverses(
    search_index: SearchIndex,
) -> None:
    # NPQEL 9.P1.3 (regular workshops) had been suggested for a one-off evening: a wrong number
    # pointing at another statement the sentence contradicts.
    text = (
        "Engaging parents across our trust's schools is straightforward and needs only a one-off "
        "welcome evening each September (NPQEL 9.5)."
    )
    (c,) = essay.check_essay(text, search_index).citations
    assert c.verdict == "unsupported"
    assert not c.suggested


def test_find_evidence_calls_a_reversed_statement_weak(search_index: SearchIndex) -> None:
    text = "In my experience, working with parents is straightforward and easily done."
    (found,) = essay.find_evidence(text, search_index)
    first = {i: s.strength for s in found.supports for i in s.ids}
    assert first.get("NPQSL 9.5") == "weak"


def _reworded_results(index: SearchIndex) -> Counter[tuple[str, str, bool]]:
    rows = [
        json.loads(line)
        for line in (DATA / "reworded_cases.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    out: Counter[tuple[str, str, bool]] = Counter()
    for r in rows:
        cited = [c for c in essay.check_essay(r["text"], index).citations if c.cited == r["cited"]]
        assert cited, r["case_id"]
        out[r["set"], r["kind"], cited[0].verdict == r["verdict"]] += 1
    return out


def test_sentences_turned_around_in_other_words(search_index: SearchIndex) -> None:
    got = _reworded_results(search_index)

    def right(kind: str) -> int:
        return got["first", kind, True] + got["second", kind, True]

    # Before the pairs of opposite words: 39 of 80 turned around caught (17 + 22), 58 of 80
    # kept in other words supported; now 62 and 64.
    assert right("contradiction_reworded") >= 58
    assert right("faithful_reworded") >= 60
    # Close to the statement's own words: never doubted.
    assert got["second", "faithful_close", False] == 0
    assert right("contradiction_negated") == 25
