"""Text repair shared by the readers: joining wrapped lines, bullets, and certain word repairs."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

# Bullet markers as printed, and as OCR reads them ("e", "o", "¢" for "•").
BULLET_RE = re.compile(r"^\s*(?:[•●▪■◦·¢*\uf0b7]|-(?=\s)|[eo](?=\s+[A-Z(‘“]))\s+")
_WS_RE = re.compile(r"\s+")
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z’'-]*[A-Za-z]|[A-Za-z]")
TERMINAL = (".", "!", "?", ":", ".)", ".”", ".’", ")")


def normalise_space(text: str) -> str:
    """Collapse runs of white space (including non-breaking spaces) to one space and strip."""
    return _WS_RE.sub(" ", text.replace("\u00a0", " ")).strip()


def strip_bullet(line: str) -> tuple[bool, str]:
    """Remove a leading bullet marker. Returns (had_marker, rest)."""
    m = BULLET_RE.match(line)
    if m:
        return True, line[m.end() :]
    return False, line


def join_lines(lines: Iterable[str]) -> str:
    """Join wrapped lines into one string.

    A line ending in a hyphen after a letter, followed by a line starting with a lowercase letter,
    is joined without a space and keeps its hyphen: in these documents a line-end hyphen is part
    of a compound (``high-`` + ``quality``), never a typesetting break.
    """
    out = ""
    for raw in lines:
        line = normalise_space(raw)
        if not line:
            continue
        if not out:
            out = line
        elif re.search(r"[A-Za-z]-$", out) and line[:1].islower():
            out += line
        else:
            out += " " + line
    return out


def is_complete(text: str) -> bool:
    """True when a statement's text ends like a finished sentence or heading."""
    t = text.rstrip()
    return t.endswith(TERMINAL)


def starts_as_fragment(text: str) -> bool:
    """True when a paragraph starts mid-sentence (lowercase letter, bracket or punctuation)."""
    t = text.lstrip()
    if not t:
        return False
    c = t[0]
    return c.islower() or c in "(),;–—-"


@dataclass(frozen=True, slots=True)
class WordFix:
    """A certain word repair: an OCR slip or two words run together."""

    wrong: str
    right: str


class Vocabulary:
    """Word counts from the cleaner sources, used to decide which word repairs are certain."""

    def __init__(self, texts: Iterable[str]) -> None:
        """Count the words of ``texts`` (hyphenated compounds kept whole and split)."""
        self.counts: Counter[str] = Counter()
        for text in texts:
            for w in _WORD_RE.findall(text):
                self.counts[w.lower()] += 1
                if "-" in w:
                    for part in w.split("-"):
                        if part:
                            self.counts[part.lower()] += 1

    def add_compounds(self, texts: Iterable[str]) -> None:
        """Count hyphenated compounds only (e.g. ones joined across a line break)."""
        for text in texts:
            for w in _WORD_RE.findall(text):
                if "-" in w:
                    self.counts[w.lower()] += 1

    def known(self, word: str, at_least: int = 2) -> bool:
        """True when ``word`` occurs at least ``at_least`` times."""
        return self.counts[word.lower()] >= at_least

    def is_english(self, word: str) -> bool:
        """True when an English dictionary knows ``word`` (or the corpus uses it often)."""
        return self.known(word, 3) or word.lower() in _english()


@functools.cache
def _english() -> frozenset[str]:
    """The English word list shipped with pyspellchecker (US spelling; the corpus adds UK)."""
    try:
        from spellchecker import SpellChecker
    except ImportError:  # pragma: no cover - a declared dependency
        return frozenset()
    return frozenset(SpellChecker().word_frequency.keys())


# Character confusions typical of OCR of these documents.
_OCR_SWAPS: tuple[tuple[str, str], ...] = (("q", "g"), ("rn", "m"), ("cl", "d"), ("1", "l"))


def repair_words(text: str, vocab: Vocabulary) -> tuple[str, tuple[WordFix, ...]]:
    """Repair words that are certainly broken, given a vocabulary from the cleaner sources.

    A word is repaired only when it is unknown to the vocabulary and exactly one candidate is
    known: a hyphenated compound seen elsewhere (``expertled`` -> ``expert-led``), two frequent
    words run together (``Torun`` -> ``To run``, ``andprocesses`` -> ``and processes``), or one
    OCR confusion (``reqular`` -> ``regular``).
    """
    fixes: list[WordFix] = []

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        if len(word) < 5 or "-" in word or "’" in word or "'" in word or vocab.is_english(word):
            return word
        candidates = _candidates(word, vocab)
        if len(candidates) != 1:
            return word
        right = candidates[0]
        fixes.append(WordFix(word, right))
        return right

    repaired = _WORD_RE.sub(fix, text)
    return repaired, tuple(fixes)


def _candidates(word: str, vocab: Vocabulary) -> list[str]:
    lower = word.lower()
    found: list[str] = []
    hyphenated = [
        word[:i] + "-" + word[i:]
        for i in range(2, len(word) - 1)
        if vocab.known(lower[:i] + "-" + lower[i:], 2)
    ]
    if hyphenated:
        return hyphenated
    for i in range(2, len(word) - 1):
        left, right = lower[:i], lower[i:]
        if len(right) >= 3 and vocab.known(left, 20) and vocab.is_english(right):
            found.append(word[:i] + " " + word[i:])
    for a, b in _OCR_SWAPS:
        start = lower.find(a)
        while start != -1:
            cand = lower[:start] + b + lower[start + len(a) :]
            if vocab.known(cand, 3):
                found.append(_match_case(word, cand))
            start = lower.find(a, start + 1)
    if len(word) >= 8:
        for i in range(1, len(lower) - 1):
            cand = lower[:i] + lower[i + 1 :]
            if vocab.known(cand, 5):
                found.append(_match_case(word, cand))
    # To/run beats t/orun: prefer splits whose left part is a short function word only if unique.
    return sorted(set(found))


def _match_case(original: str, lower: str) -> str:
    if original[:1].isupper():
        return lower[:1].upper() + lower[1:]
    return lower
