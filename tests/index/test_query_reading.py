"""How a question is read before searching: is it about the course (provider pages)?"""

from __future__ import annotations

import pytest

from index.search import SearchIndex, expand_keywords, provider_intent


@pytest.mark.parametrize(
    "question",
    [
        "How much does the NPQSL cost?",
        "who is the NPQSL for?",
        "is the NPQEL right for a new head?",
        "does the NPQSL content get updated when new legislation comes in?",
        "are the NPQSL sessions run by serving heads?",
        "Can I do it completely online?",
        "can I do the NPQSL without leaving home",
        "should I take the NPQEL next year",
        "is the NPQSL free?",
        "are there free places on the NPQLT?",
    ],
)
def test_course_questions_open_the_provider_pages(question: str) -> None:
    assert provider_intent(question)


@pytest.mark.parametrize(
    "question",
    [
        "how do I make behaviour consistent across the school",
        "what does NPQSL say about curriculum content in science?",
        "NPQSL coaching conversations with a struggling head of department",
        "is it important that pupils know the rules?",
        "what do the NPQSL statements say about routines?",
        "how do the NPQSL and NPQEL differ on behaviour",
        "how should we use free school meals data?",
        "keeping lessons free from disruption",
    ],
)
def test_leadership_questions_do_not(question: str) -> None:
    assert not provider_intent(question)


@pytest.mark.parametrize(
    ("question", "words", "top_says"),
    [
        ("how should we deploy our TAs", "teaching assistants", "teaching assistants"),
        ("what should the DSL do when a concern is raised", "safeguarding", "safeguard"),
        ("working with the LA on a partnership", "local authority", "partnership"),
    ],
)
def test_school_abbreviations_are_searched_in_the_frameworks_words(
    search_index: SearchIndex, question: str, words: str, top_says: str
) -> None:
    assert words in expand_keywords(question)
    top = search_index.search(question, k=3).hits
    # The statement, or the area it sits in ("Working in partnership"), says it.
    said = [f"{h.statement.text} {h.statement.area_title}".lower() for h in top[:2]]
    assert all(top_says in t for t in said), [h.statement.id for h in top]
