"""Undo rows read straight across both table columns.

OCR sometimes reads a two-column table row by row, so one line holds the end of a left-column
line and the start of a right-column line::

    1. High quality effective and ethical governance is key to Appropriately participate in …
    success in our school system. to give account, be challenged, and accept responsibility,

Such lines are about twice as long as the document's other lines. For a run of them, the split
point of every line is chosen together (Viterbi over word boundaries) so that each column reads
on fluently from line to line: word pairs across each column's line breaks are scored by a
bigram model of the document's own clean lines, left-column lines are kept near the column's
usual width, and a bullet or number at a split point is rewarded.
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ingest.text_utils import BULLET_RE, is_complete, starts_as_fragment

if TYPE_CHECKING:
    from ingest.framework_text import Line

_TOKEN_RE = re.compile(r"[A-Za-z’']+|\d+|[^\sA-Za-z\d]")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _TOKEN_RE.findall(text)]


class _Bigrams:
    def __init__(self, texts: Sequence[str]) -> None:
        self.uni: Counter[str] = Counter()
        self.bi: Counter[tuple[str, str]] = Counter()
        for text in texts:
            words = _words(text)
            self.uni.update(words)
            self.bi.update(itertools.pairwise(words))
        self.total = sum(self.uni.values()) or 1
        self.vocab = len(self.uni) + 1

    def logp(self, a: str, b: str) -> float:
        """Log P(b | a) with absolute-discount-like interpolation to the unigram."""
        ua = self.uni[a]
        pb = (self.uni[b] + 0.1) / (self.total + 0.1 * self.vocab)
        if ua == 0:
            return math.log(pb)
        lam = 0.7
        return math.log(lam * max(0.0, self.bi[(a, b)] - 0.5) / ua + (1 - lam) * pb)

    def pmi(self, a: str, b: str) -> float:
        """How much more likely ``b`` is after ``a`` than anywhere: > 0 for word pairs that go."""
        pb = (self.uni[b] + 0.1) / (self.total + 0.1 * self.vocab)
        return self.logp(a, b) - math.log(pb)


_GLYPH_BULLET_RE = re.compile(r"^\s*[•●▪■]")


def _candidate(line: str) -> bool:
    """Lines that can be two-column rows: wrapped text, not a web page's one-line bullet."""
    text = line.strip()
    return len(text) > 25 and not _GLYPH_BULLET_RE.match(text)


def typical_width(lines: Sequence[Line]) -> float | None:
    """The median length of a table's wrapped lines, or None if its lines are not wrapped.

    Web pages keep each paragraph on one long line; only text whose lines were wrapped to a
    column (PDF text, OCR) can hold rows read across two columns.
    """
    lengths = [len(ln.text.strip()) for ln in lines if _candidate(ln.text)]
    if len(lengths) < 12:
        return None
    return float(statistics.median(lengths))


# Where two columns meet inside one line: a sentence ends and the next word is lowercase, or an
# OCR'd bullet ("e", "o", "¢") stands mid-line before a capital.
_SEAM_RE = re.compile(r"[a-z)]{3}[.)]\s+[a-z]|\s(?:e|o|¢)\s+[A-Z]")


def split_interleaved_rows(
    lines: list[Line], width: float | None, reference: Sequence[str] = ()
) -> list[Line]:
    """Return ``lines`` with every run of two-column rows rewritten as left lines, then right.

    Lines outside such runs are returned unchanged. A run is three or more non-blank lines
    longer than 1.45 times the document's typical line ``width`` (see :func:`typical_width`),
    two of them showing a seam. ``reference`` is clean text (the rest of the document) for the
    word-pair model that decides where each line splits.
    """
    if width is None:
        return lines
    median = width
    long_at = 1.3 * median
    is_long = [_candidate(ln.text) and len(ln.text.strip()) > long_at for ln in lines]
    if sum(is_long) < 3:
        return lines
    clean_text = [ln.text for ln, lg in zip(lines, is_long, strict=True) if not lg]
    model = _Bigrams(list(reference) or clean_text)
    out: list[Line] = []
    i = 0
    while i < len(lines):
        if not is_long[i]:
            out.append(lines[i])
            i += 1
            continue
        # Grow the run over blank lines and long lines, allowing short rows (one column empty)
        # between long ones.
        j = i
        last_long = i
        while j < len(lines) and (j - last_long) <= 3:
            if is_long[j]:
                last_long = j
            j += 1
        run = [ln for ln in lines[i : last_long + 1] if ln.text.strip()]
        seams = sum(1 for ln in run if _SEAM_RE.search(ln.text.strip()))
        if sum(1 for ln in run if len(ln.text.strip()) > long_at) < 3 or seams < 2:
            out.extend(lines[i : last_long + 1])
            i = last_long + 1
            continue
        # Lines straight after the run, before the next blank line, finish a statement that the
        # run left unfinished (its other column had already ended).
        end = last_long + 1
        tail: list[Line] = []
        while end < len(lines) and lines[end].text.strip() and not lines[end].page_start:
            tail.append(lines[end])
            end += 1
        out.extend(_split_run(run, model, median, tail))
        i = end
    return out


def _split_run(
    run: Sequence[Line], model: _Bigrams, width: float, tail: Sequence[Line] = ()
) -> list[Line]:
    from ingest.framework_text import Line

    # Lines after the run belong wholly to one column or the other: let the search choose.
    rows = [*run, *tail]
    options: list[list[int]] = []
    tokens: list[list[str]] = []
    for pos, ln in enumerate(rows):
        words = ln.text.split()
        tokens.append(words)
        options.append(list(range(len(words) + 1)) if pos < len(run) else [0, len(words)])

    def fit(part: list[str]) -> float:
        """Penalty for a column line that could not have been printed in a column that wide."""
        if not part:
            return 0.0
        n = len(" ".join(part))
        if n > 1.2 * width:
            return ((n - 1.2 * width) / (0.1 * width)) ** 2
        if n < 0.7 * width and not is_complete(" ".join(part)):
            return 0.5 * ((0.7 * width - n) / (0.15 * width)) ** 2
        return 0.0

    def local(idx: int, k: int) -> float:
        words = tokens[idx]
        left, right = words[:k], words[k:]
        score = -fit(left) - fit(right)
        if not left:
            score -= 3.0
        if not right:
            score -= 2.0
        if right and left:
            if right[0] in {"e", "o", "¢", "•"} and len(right) > 1 and right[1][:1].isupper():
                score += 4.0
            if is_complete(" ".join(left)) and right[0][:1].islower():
                score += 1.0
            score -= 0.5 * model.pmi(_words(left[-1])[-1], _words(right[0])[0])
        if right and re.match(r"^\d{1,2}\.$", right[0]):
            score -= 8.0
        if words and words[-1].endswith(":") and not right:
            score -= 3.0  # a line ending in a heading's colon ends in the practice column
        return score

    def join_score(a: int, ka: int, b: int, kb: int) -> float:
        s = 0.0
        la, lb = tokens[a][:ka], tokens[b][:kb]
        ra, rb = tokens[a][ka:], tokens[b][kb:]
        if la and lb and not re.match(r"^\d{1,2}\.$", lb[0]):
            s += model.pmi(_words(la[-1])[-1], _words(lb[0])[0])
        if ra and rb and not (rb[0] in {"e", "o", "¢", "•"} and len(rb) > 1):
            s += model.pmi(_words(ra[-1])[-1], _words(rb[0])[0])
        return s

    n = len(rows)
    best: list[dict[int, float]] = [{k: local(0, k) for k in options[0]}]
    back: list[dict[int, int]] = [{}]
    for idx in range(1, n):
        cur: dict[int, float] = {}
        ptr: dict[int, int] = {}
        for k in options[idx]:
            base = local(idx, k)
            prev_k, prev_s = max(
                ((pk, ps + join_score(idx - 1, pk, idx, k)) for pk, ps in best[-1].items()),
                key=lambda t: t[1],
            )
            cur[k] = base + prev_s
            ptr[k] = prev_k
        best.append(cur)
        back.append(ptr)
    k = max(best[-1], key=lambda kk: best[-1][kk])
    splits = [k]
    for idx in range(n - 1, 0, -1):
        k = back[idx][k]
        splits.append(k)
    splits.reverse()
    left_lines: list[Line] = []
    right_lines: list[Line] = []
    for ln, words, k in zip(rows, tokens, splits, strict=True):
        left, right = " ".join(words[:k]), " ".join(words[k:])
        if left:
            left_lines.append(Line(left, ln.number, ln.page, False))
        if right:
            right_lines.append(Line(right, ln.number, ln.page, False))
    # Paragraphs in each column start at a number, a bullet, or after a finished sentence that is
    # followed by a capital: mark them with blank lines so the reader sees the breaks.
    result: list[Line] = []
    for col in (left_lines, right_lines):
        for pos, ln in enumerate(col):
            prev = col[pos - 1].text if pos else ""
            starts_new = (
                pos == 0
                or re.match(r"^\d{1,2}\.\s", ln.text)
                or BULLET_RE.match(ln.text)
                or (prev.endswith(":") and not starts_as_fragment(ln.text))
            )
            if starts_new and result:
                result.append(Line("", ln.number, ln.page, False))
            result.append(ln)
    if run and run[0].page_start and result:
        first = result[0]
        result[0] = Line(first.text, first.number, first.page, True)
    return result
