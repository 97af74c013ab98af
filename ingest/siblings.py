"""What the other frameworks say: a reference for telling evidence from practice in damaged text.

Most evidence statements appear, word for word or nearly, in several frameworks; practice
bullets are rewritten per role but keep much of their wording. When OCR has lost the bullet
markers and numbers that tell a "Learn that" statement from a "Learn how to" bullet, the closest
statement read from another document says which it is.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "to",
        "in",
        "for",
        "on",
        "by",
        "with",
        "is",
        "are",
        "be",
        "can",
        "as",
        "at",
        "or",
        "that",
        "this",
        "their",
        "its",
        "it",
        "from",
        "all",
        "who",
        "which",
        "how",
        "what",
    ]
)


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower().replace("’", "'"))


@dataclass(frozen=True, slots=True)
class SiblingMatch:
    """The closest statement from another document."""

    kind: str  # "evidence" or "practice"
    text: str
    score: float  # 0..1: share of the paragraph's words found, in order, at the sibling's start


class Siblings:
    """Statements read from other documents, searchable by wording."""

    def __init__(self, evidence: Iterable[str] = (), practice: Iterable[str] = ()) -> None:
        """Index the evidence and practice texts of the other documents."""
        self._rows: list[tuple[str, str, list[str]]] = []
        self._by_token: dict[str, set[int]] = defaultdict(set)
        for kind, texts in (("evidence", evidence), ("practice", practice)):
            for text in texts:
                toks = _tokens(text)
                idx = len(self._rows)
                self._rows.append((kind, text, toks))
                for t in set(toks) - _STOP:
                    self._by_token[t].add(idx)

    def texts(self) -> list[str]:
        """Every indexed statement text."""
        return [text for _kind, text, _toks in self._rows]

    def __bool__(self) -> bool:
        return bool(self._rows)

    def best(self, text: str, *, prefix: bool = True) -> SiblingMatch | None:
        """The sibling statement that best matches ``text`` (compared with its start)."""
        toks = _tokens(text)
        content = [t for t in toks if t not in _STOP]
        if len(content) < 3:
            return None
        votes: dict[int, int] = defaultdict(int)
        for t in set(content):
            for idx in self._by_token.get(t, ()):
                votes[idx] += 1
        if not votes:
            return None
        top = sorted(votes, key=lambda i: -votes[i])[:12]
        best: SiblingMatch | None = None
        for idx in top:
            kind, stext, stoks = self._rows[idx]
            ref = stoks[: len(toks) + 2] if prefix else stoks
            score = _overlap(toks, ref)
            if best is None or score > best.score:
                best = SiblingMatch(kind, stext, score)
        return best

    def kind_of(self, text: str, threshold: float = 0.75) -> str | None:
        """``evidence`` or ``practice`` when a sibling matches ``text`` well, else None."""
        m = self.best(text)
        if m is None or m.score < threshold:
            return None
        return m.kind

    def continues(self, head: str, fragment: str) -> float:
        """How well ``fragment`` carries on where ``head`` stops, in the closest sibling (0..1).

        The sibling statement that best matches ``head`` is found; the words that follow the
        point where ``head`` ends are compared with the fragment's first words.
        """
        ht = _tokens(head)
        ft = _tokens(fragment)[:6]
        if len(ht) < 2 or not ft:
            return 0.0
        toks = [t for t in ht if t not in _STOP]
        votes: dict[int, int] = defaultdict(int)
        for t in set(toks):
            for idx in self._by_token.get(t, ()):
                votes[idx] += 1
        best = 0.0
        for idx in sorted(votes, key=lambda i: -votes[i])[:12]:
            stoks = self._rows[idx][2]
            # Where does head end in the sibling? At the last occurrence of its last two words.
            for pos in range(len(stoks) - 1, 0, -1):
                if stoks[pos - 1 : pos + 1] == ht[-2:]:
                    nxt = stoks[pos + 1 : pos + 1 + len(ft)]
                    best = max(best, _overlap(ft, nxt) if nxt else 0.0)
                    break
        return best

    def continuation_score(self, text: str) -> float:
        """How well ``text`` (a statement joined with a continuation) matches any sibling."""
        m = self.best(text)
        return 0.0 if m is None else m.score


def _overlap(a: list[str], b: list[str]) -> float:
    """Dice coefficient of bigram multisets: order-aware and cheap."""
    if not a or not b:
        return 0.0
    ga = _bigrams(a)
    gb = _bigrams(b)
    inter = 0
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for g in gb:
        counts[g] += 1
    for g in ga:
        if counts[g] > 0:
            counts[g] -= 1
            inter += 1
    return 2 * inter / (len(ga) + len(gb))


def _bigrams(t: list[str]) -> list[tuple[str, str]]:
    if len(t) == 1:
        return [(t[0], "")]
    return list(itertools.pairwise(t))
