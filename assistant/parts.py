"""A request for citations for several points, each point answered on its own.

"Please give me citations for (a) diagnosing the problem before choosing a solution, (b)
identifying the active ingredients, and (c) follow-on coaching after the initial training" and
"give me the refs for (1) having a trust-wide complaints procedure and (2) acting as a public
advocate with the media" (an eleventh Ask user test) had been searched as one question: one
statement cited, for one of the points, and nothing said of the others. Here each point
enumerated is searched alone (in the framework the question names, if one), and the statement
the brief would cite first for it is cited under it; a point nothing covers is said so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.brief import cite, quoted, select_groups
from index.search import SearchIndex, SearchResult, frameworks_in_question
from ingest.records import Statement

# "(a) …, (b) …", "a) … b) …", "(1) … (2) …", "1) … 2) …", "(i) … (ii) …".
_MARKER_RE = re.compile(r"(?:(?<=\s)|^)\(?(?P<m>[a-e]|[1-6]|i{1,3}|iv)\)\s+", re.IGNORECASE)
_AFTER_BREAK_RE = re.compile(r"(?:^|[:;,\-–—]|\band|\bfor|\bor)\s*$", re.IGNORECASE)
_SEQUENCES = (list("abcde"), list("123456"), ["i", "ii", "iii", "iv"])
MIN_PART_WORDS = 1
MAX_PARTS = 6


@dataclass(frozen=True, slots=True)
class Part:
    """One point of the request and what answers it.

    Attributes:
        label: The marker as the user wrote it ("(a)").
        text: The point.
        statements: The statements cited for it (identical ones in other frameworks after the
            first), or none when nothing covers it.
        result: Its search.
    """

    label: str
    text: str
    statements: tuple[Statement, ...]
    result: SearchResult


def enumerated_points(question: str) -> list[tuple[str, str]]:
    """(marker, point) for each point the question enumerates; [] when it enumerates fewer than 2.

    The markers must run in order from the first ("(a)", "(b)", …).
    """
    marks = [
        m
        for m in _MARKER_RE.finditer(question)
        # "a)" without its bracket only after a break or "and"/"for": "Year 1) phonics and
        # Year 2) reading" enumerates nothing.
        if m.group(0).startswith("(") or _AFTER_BREAK_RE.search(question[: m.start()])
    ]
    if len(marks) < 2:
        return _points_that(question)
    order = [m["m"].lower() for m in marks]
    if not any(order == seq[: len(order)] for seq in _SEQUENCES):
        return []
    out: list[tuple[str, str]] = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(question)
        text = question[m.end() : end]
        text = re.split(r"[.?!;]\s", text + " ", maxsplit=1)[0]  # the point's sentence only
        text = re.sub(r"[\s,;:.?!]*(?:\band\b|\bor\b)?[\s,;:.?!]*$", "", text).strip()
        if len(text.split()) < MIN_PART_WORDS:
            return []
        out.append((f"({m['m']})", text))
    return out[:MAX_PARTS]


# "Need NPQEL citations for two points in my assignment: that a trust should …, and that
# resource management … can deliver economies of scale" (an eleventh Ask user test).
_POINTS_THAT_RE = re.compile(r"\bpoints?\b[^:?.]*:\s*that\s+(?P<rest>.+)", re.IGNORECASE)
_AND_THAT_RE = re.compile(r",?\s+and\s+(?:also\s+)?that\s+|;\s*(?:and\s+)?that\s+", re.IGNORECASE)


def _points_that(question: str) -> list[tuple[str, str]]:
    """The points of "… two points: that A, and that B", numbered; [] if there are not two."""
    m = _POINTS_THAT_RE.search(question)
    if not m:
        return []
    points = [re.sub(r"[\s,;:.?!]+$", "", p).strip() for p in _AND_THAT_RE.split(m["rest"])]
    points = [p for p in points if len(p.split()) >= MIN_PART_WORDS]
    if not 2 <= len(points) <= MAX_PARTS:
        return []
    return [(f"({i})", p) for i, p in enumerate(points, start=1)]


def answer_points(index: SearchIndex, question: str, k: int = 10) -> list[Part]:
    """Each enumerated point searched alone, with the statements cited for it."""
    points = enumerated_points(question)
    if not points:
        return []
    named = sorted(frameworks_in_question(question))
    framework = named[0] if len(named) == 1 else None
    parts: list[Part] = []
    for label, text in points:
        result = index.search(text, k=k, framework=framework, read_frameworks=False)
        statements: tuple[Statement, ...] = ()
        if result.in_scope and not result.loose:
            evidence, practice, _provider = select_groups(result)
            chosen = sorted((*evidence, *practice), key=lambda g: -g.score)[:1]
            if chosen:
                statements = tuple(index.by_id[i] for i in chosen[0].ids if i in index.by_id)
        parts.append(Part(label, text, statements, result))
    return parts


def parts_lines(parts: list[Part]) -> list[str]:
    """One line a point: the point, then the statement cited for it, or that none says it."""
    lines = ["Each point you listed, with the statement that says it:", ""]
    for p in parts:
        if p.statements:
            ids = cite([s.id for s in p.statements])
            lines.append(f"- **{p.label} {p.text}:** {quoted(p.statements[0])} {ids}")
    missing = [p for p in parts if not p.statements]
    if missing:
        # Said as a note: no claim is made, so nothing is cited.
        lines.append("")
        lines += [
            f"> **{p.label} {p.text}:** no statement says this in so many words; ask about it "
            "on its own to see the nearest, and check them before you cite one."
            for p in missing
        ]
    return [*lines, ""]
