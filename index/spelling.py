"""Spelling correction for queries, against the corpus's own words.

Users type fast: "sucession planing", "retreival practise", "behavour policy". A misspelt word
matches nothing in the keyword index and little in the embedding, and it makes a covered
question look uncovered. A query word is corrected only when it is certainly not a word:

* unknown to the corpus (statements, titles, users' words the search knows) **and** to an
  English dictionary (pyspellchecker's list, so "lasagne" or "Leeds" are left alone), and
* it is not a name: capitalised words inside a sentence ("Gmail", "Interrail") and
  all-capital acronyms are left alone, and
* one best corpus word with the same first letter lies within a small edit distance (1; 2 for
  words of 10 letters or more), with ties broken by how often the corpus uses the word.

US spellings of corpus words ("behavior", "program", "prioritize") become the corpus's UK
spelling. Candidates are found with a deletion index (the SymSpell idea): a word within edit
distance d of a corpus word shares a string obtained by at most d deletions from each.

Example:
    >>> sp = Speller({"succession": 3, "planning": 9, "practice": 40, "retrieval": 6})
    >>> sp.correct("sucession planing retreival practise")[0]  # doctest: +SKIP
    'succession planning retrieval practise'
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_WORD_RE = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")
MIN_LENGTH = 5  # shorter words have too many neighbours to correct safely

# Contractions typed without the apostrophe. "theyre" is one edit from "there" and had been
# corrected to it; these are read as meant. ("were", "well", "wont", "its" are words.)
# fmt: off
_CONTRACTIONS = {
    w.replace("'", ""): w
    for w in [
        "doesn't", "didn't", "aren't", "wasn't", "weren't", "couldn't", "shouldn't", "wouldn't",
        "haven't", "hadn't", "mustn't", "needn't", "they're", "they've", "you're", "you've",
        "what's", "that's", "there's", "here's", "who's", "they'll", "you'll", "we've",
    ]
}
# fmt: on

# US -> UK endings, tried when a word is English but not the corpus's spelling.
_US_UK: tuple[tuple[str, str], ...] = (
    ("ior", "iour"),
    ("iors", "iours"),
    ("ioral", "ioural"),
    ("ize", "ise"),
    ("izes", "ises"),
    ("ized", "ised"),
    ("izing", "ising"),
    ("ization", "isation"),
    ("izations", "isations"),
    ("yze", "yse"),
    ("yzed", "ysed"),
    ("yzing", "ysing"),
    ("or", "our"),
    ("ors", "ours"),
    ("ter", "tre"),
    ("ters", "tres"),
    ("ense", "ence"),
    ("og", "ogue"),
    ("ogs", "ogues"),
    ("am", "amme"),
    ("ams", "ammes"),
    ("eling", "elling"),
    ("eled", "elled"),
)


_ENDINGS = ("s", "es", "ed", "d", "ing", "ly", "er", "ers")
_DROPS_E = ("ed", "ing", "er", "ers")  # "decode" + "ing" is "decoding", never "decodeing"


@dataclass(frozen=True, slots=True)
class Correction:
    """One corrected word: what was typed and what was searched for."""

    typed: str
    searched: str


@functools.cache
def english_words() -> frozenset[str]:
    """Pyspellchecker's English word list (lower case)."""
    from spellchecker import SpellChecker

    return frozenset(SpellChecker().word_frequency.keys())


def words_of(texts: Iterable[str]) -> Counter[str]:
    """Lower-case word counts over some texts."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w.lower() for w in _WORD_RE.findall(text))
    return counts


class Speller:
    """Corrects query words to corpus words (see the module docstring for the rules)."""

    def __init__(self, vocabulary: Mapping[str, int], english: frozenset[str] | None = None):
        """Args: vocabulary: corpus word -> count; english: a dictionary (pyspellchecker's)."""
        self.vocabulary = {w.lower(): c for w, c in vocabulary.items()}
        self._english = english
        self._deletes: dict[str, list[str]] | None = None

    @property
    def english(self) -> frozenset[str]:
        """The English dictionary (loaded on first use)."""
        if self._english is None:
            self._english = english_words()
        return self._english

    def prepare(self) -> None:
        """Load the dictionary and build the deletion index now rather than on first use."""
        _ = self.english
        self._index()

    def correct(self, query: str) -> tuple[str, tuple[Correction, ...]]:
        """The query with misspelt words corrected, and the corrections made."""
        fixes: list[Correction] = []

        def fix(m: re.Match[str]) -> str:
            typed = m.group(0)
            if (typed.isupper() and len(typed) > 1) or (
                typed[:1].isupper() and not _sentence_start(query, m.start())
            ):
                return typed  # a name (or an acronym) as the user wrote it
            better = self.correct_word(typed)
            if better is None:
                return typed
            if typed.lower() not in _CONTRACTIONS:  # "doesnt": nothing worth a note
                fixes.append(Correction(typed, better))
            return better

        corrected = _WORD_RE.sub(fix, query)
        return corrected, tuple(fixes)

    def correct_word(self, word: str) -> str | None:
        """The corpus word meant by ``word``, or None when it needs no (or no safe) correction."""
        low = word.lower()
        if low in _CONTRACTIONS:
            return _match_case(word, _CONTRACTIONS[low])
        if len(low) < MIN_LENGTH or "'" in low or low in self.vocabulary:
            return None
        if low in self.english:
            return self._uk_spelling(low)
        if self._is_word_form(low):
            return None
        max_d = 1 if len(low) < 10 else 2
        found: dict[str, int] = {}
        for key in _deletions(low, max_d):
            for cand in self._index().get(key, ()):
                if cand not in found and cand[0] == low[0] and abs(len(cand) - len(low)) <= max_d:
                    d = _edit_distance(low, cand)
                    if d <= max_d:
                        found[cand] = d
        if not found:
            return None
        best_d = min(found.values())
        ranked = sorted(
            (c for c, d in found.items() if d == best_d), key=lambda c: (-self.vocabulary[c], c)
        )
        if len(ranked) > 1 and self.vocabulary[ranked[0]] == self.vocabulary[ranked[1]]:
            return None  # two equally good readings: leave the word as typed
        return _match_case(word, ranked[0])

    def _is_word_form(self, low: str) -> bool:
        """A known word with an ending ("favours", "repurposed") or in UK spelling ("organised")."""

        def known(w: str) -> bool:
            return w in self.vocabulary or w in self.english

        for suffix in _ENDINGS:
            stem = low[: -len(suffix)]
            if not low.endswith(suffix) or (suffix in _DROPS_E and stem.endswith("e")):
                continue
            if known(stem) or (suffix in _DROPS_E and known(stem + "e")):
                return True
        return any(low.endswith(uk) and low[: -len(uk)] + us in self.english for us, uk in _US_UK)

    def _uk_spelling(self, low: str) -> str | None:
        for us, uk in _US_UK:
            if low.endswith(us):
                cand = low[: -len(us)] + uk
                if cand in self.vocabulary:
                    return cand
        return None

    def _index(self) -> dict[str, list[str]]:
        if self._deletes is None:
            index: dict[str, list[str]] = {}
            for w in self.vocabulary:
                if len(w) >= MIN_LENGTH - 2:
                    for key in _deletions(w, 1 if len(w) < 9 else 2):
                        index.setdefault(key, []).append(w)
            self._deletes = index
        return self._deletes


def _deletions(word: str, depth: int) -> set[str]:
    """``word`` and every string made from it by deleting up to ``depth`` letters."""
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out |= frontier
    return out


def _edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance (insert, delete, substitute, swap neighbours)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def _sentence_start(text: str, pos: int) -> bool:
    """True when position ``pos`` starts the text or follows a full stop, ? or !."""
    before = text[:pos].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".?!:\n"


def _match_case(typed: str, word: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
