"""How a question is read before searching: is it about the course (provider pages)?"""

from __future__ import annotations

import pytest

from index.search import provider_intent


@pytest.mark.parametrize(
    "question",
    [
        "How much does the NPQSL cost?",
        "who is the NPQSL for?",
        "is the NPQEL right for a new head?",
        "does the NPQSL content get updated when new legislation comes in?",
        "are the NPQSL sessions run by serving heads?",
        "Can I do it completely online?",
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
    ],
)
def test_leadership_questions_do_not(question: str) -> None:
    assert not provider_intent(question)
