"""Query spelling correction: unit rules on a small vocabulary, then on the real corpus."""

from __future__ import annotations

import random

import pytest

from eval.typos import add_typos
from index.spelling import Speller, words_of

VOCAB = words_of(
    [
        "Succession planning and retrieval practice help; metacognition, safeguarding, memory.",
        "Behaviour policy consistency; a programme of assessment; pupils' responsibilities.",
        "planning planning practice practice",
    ]
)


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(VOCAB)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("sucession", "succession"),  # dropped letter
        ("retreival", "retrieval"),  # swapped neighbours
        ("memmory", "memory"),  # doubled letter
        ("metacognitoin", "metacognition"),
        ("safegaurding", "safeguarding"),
        ("consistancy", "consistency"),  # wrong vowel
        ("assesment", "assessment"),
        ("responsibilties", "responsibilities"),
        ("behavior", "behaviour"),  # US spelling of a corpus word
        ("program", "programme"),
        ("Behavour", "Behaviour"),  # case kept at the start of a sentence
    ],
)
def test_misspelt_words_become_corpus_words(speller: Speller, typed: str, meant: str) -> None:
    assert speller.correct_word(typed) == meant


@pytest.mark.parametrize(
    "word",
    [
        "lasagne",  # English, just not in the corpus
        "planing",  # a real word (to plane wood), even if "planning" was meant
        "favours",  # UK ending of a known word
        "emphasised",  # UK spelling of a known word
        "chunking",  # unknown to both, but no corpus word is one edit away with its first letter
        "deregister",
        "teh",  # too short to correct safely
    ],
)
def test_real_or_ambiguous_words_are_left_alone(speller: Speller, word: str) -> None:
    assert speller.correct_word(word) is None


def test_names_and_acronyms_inside_a_sentence_are_left_alone() -> None:
    sp = Speller(words_of(["internal email systems"]))
    text, fixes = sp.correct("How much is an Interrail pass? set up Gmail on my SENCO laptop")
    assert fixes == () and text.startswith("How much is an Interrail pass?")


def test_contractions_without_the_apostrophe_are_read_as_meant() -> None:
    # "theyre" is one edit from the corpus's "there", and had become it.
    sp = Speller(words_of(["there is evidence that they work; does it work?"]))
    text, fixes = sp.correct("Theyre making three worksheets and it doesnt work")
    assert text == "They're making three worksheets and it doesn't work"
    assert fixes == ()  # nothing worth a note
    assert sp.correct_word("were") is None and sp.correct_word("wont") is None


def test_correct_reports_each_fix(speller: Speller) -> None:
    text, fixes = speller.correct("sucession planing and retreival practise")
    assert text == "succession planing and retrieval practise"
    assert [(f.typed, f.searched) for f in fixes] == [
        ("sucession", "succession"),
        ("retreival", "retrieval"),
    ]


def test_add_typos_is_seeded_and_keeps_short_words() -> None:
    a = add_typos("the pupils remember knowledge", 1.0, random.Random(3))
    b = add_typos("the pupils remember knowledge", 1.0, random.Random(3))
    assert a == b and a.startswith("the ") and a != "the pupils remember knowledge"
    assert add_typos("the pupils", 0.0, random.Random(3)) == "the pupils"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("sucession planing", "NPQSL 7.P4.6"),
        ("metacognitoin", "NPQSL 2.17"),
        ("safegaurding responsibilties", "NPQSL 7.P1.1"),
    ],
)
def test_misspelt_queries_find_the_statement_and_say_so(search_index, typed, expected) -> None:  # type: ignore[no-untyped-def]
    r = search_index.search(typed, k=5)
    assert r.in_scope
    assert expected in [h.statement.id for h in r.hits]
    assert any(n.startswith("searched for “") and "typed “" in n for n in r.notes)
