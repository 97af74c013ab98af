"""Whether a framework has an area on a topic, answered first from the areas' titles.

"Is there an NPQLT area on governance like there is in NPQSL?" (an eighth Ask user test) had
been answered with a provider page listing NPQSL's areas and never told "no": NPQLT's areas are
School Culture, How Pupils Learn, … Implementation, with none on governance. The titles are the
frameworks' own (`ingest.frameworks.AREA_TITLES`), so the answer is exact.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.search import AREA_NUMBER_RE
from index.store import tokenize
from ingest.frameworks import AREA_ALIASES, AREA_TITLES
from ingest.ids import frameworks_named
from ingest.records import Statement

_AREA_WORD = r"(?:area|section|strand|part|unit|module|chapter)s?"
# "Is there an NPQLT area on governance…", "does the NPQEL have a section about SEND?", "Has
# NPQLT got an area for behaviour?", "which area of NPQSL covers partnerships?".
_AREA_ASKED_RE = re.compile(
    r"^\s*(?:(?:so|and|also|ok|okay)[,\s]+)?(?:"
    rf"(?:is|are)\s+there\s+(?:an?|any)\s+(?:[\w-]+\s+){{0,2}}?{_AREA_WORD}"
    rf"|(?:does|do)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:have|include|contain)\s+(?:an?|any)\s+"
    rf"{_AREA_WORD}"
    rf"|(?:has|have)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+got\s+(?:an?|any)\s+{_AREA_WORD}"
    rf"|which\s+{_AREA_WORD}\s+(?:of\s+|in\s+)?(?:the\s+)?(?:[\w-]+\s+)?"
    r"(?:covers?|is\s+about|deals?\s+with|is\s+on|has)"
    r")\s+(?:(?:on|about|for|covering|dealing\s+with|called|titled|named)\s+)?(?P<topic>[^?]+)",
    re.IGNORECASE,
)
# …or the topic before the area word: "is there a behaviour area in the NPQLT?".
_TOPIC_FIRST_RE = re.compile(
    r"^\s*(?:(?:so|and|also|ok|okay)[,\s]+)?(?:is|are)\s+there\s+(?:an?|any)\s+"
    rf"(?P<topic>[\w' -]+?)\s+{_AREA_WORD}\b",
    re.IGNORECASE,
)
# What follows the topic: "… like there is in NPQSL", "… as in the NPQEL".
_LIKE_RE = re.compile(
    r"\s+(?:like|as|the\s+way|similar\s+to)\b.*$|\s+(?:in|of)\s+(?:the\s+)?npq\s?-?\s?\w*\b.*$",
    re.IGNORECASE,
)
_NOT_TOPIC = frozenset({"npq", "npqsl", "npqel", "npqlt", "framework", "area", "section"})


@dataclass(frozen=True, slots=True)
class AreaAnswer:
    """Which areas of each framework asked about are on a topic.

    Attributes:
        topic: The topic, as asked.
        found: (framework, area number, title) of each area whose title names the topic.
        missing: Frameworks held with no such area.
        asked: The framework the question asks about, if it names one.
        empty: (framework, area) of areas the framework text here holds no statement in
            (NPQLT area 1, Teaching, which points to the Early Career Framework).
        headings: (framework, heading id, area, area title) of the practice headings of a
            framework without such an area whose heading or bullets name the topic (NPQSL has
            no area on safeguarding; NPQSL 7.P1's bullets name it).
    """

    topic: str
    found: tuple[tuple[str, int, str], ...]
    missing: tuple[str, ...]
    asked: tuple[str, ...] = ()
    empty: frozenset[tuple[str, int]] = frozenset()
    headings: tuple[tuple[str, str, int, str], ...] = ()


def _keys(text: str) -> frozenset[str]:
    return frozenset(t for t in tokenize(text) if t not in _NOT_TOPIC)


def _titled(framework: str, topic: str) -> list[tuple[int, str]]:
    """The areas of ``framework`` whose title (or its usual short name) names the topic."""
    wanted = _keys(topic)
    alias = AREA_ALIASES.get(" ".join(topic.lower().split()), "")
    out = []
    for number, title in sorted(AREA_TITLES.get(framework, {}).items()):
        if title == alias or (wanted and wanted <= _keys(title)):
            out.append((number, title))
    return out


def area_answer(
    question: str,
    held: tuple[str, ...],
    empty: frozenset[tuple[str, int]] = frozenset(),
    statements: Sequence[Statement] = (),
) -> AreaAnswer | None:
    """The answer to a question asking whether a framework has an area on a topic, or None."""
    topic = ""
    for pattern in (_AREA_ASKED_RE, _TOPIC_FIRST_RE):
        if m := pattern.match(question):
            topic = _LIKE_RE.sub("", m["topic"]).strip(" ,.;:-–—'\"“”")
            topic = re.sub(r"^(?:the|a|an)\s+", "", topic, flags=re.IGNORECASE)
            if _keys(topic):
                break
    if not _keys(topic):
        return None
    named = [f for f in frameworks_named(question) if f in held]
    # The framework asked about first; one named after "like …" is the comparison.
    asked = _in_order(question, named)[:1]
    found: list[tuple[str, int, str]] = []
    missing: list[str] = []
    for fw in dict.fromkeys([*asked, *held]):
        areas = _titled(fw, topic)
        found += [(fw, n, t) for n, t in areas]
        if not areas:
            missing.append(fw)
    if not found and not asked:
        return None
    headings = [
        (fw, h.id, h.area, h.area_title)
        for fw in asked
        if fw in missing
        for h in _headings_naming(statements, fw, topic)
    ]
    return AreaAnswer(
        topic, tuple(found), tuple(missing), tuple(asked), empty, tuple(headings[:HEADINGS_SHOWN])
    )


HEADINGS_SHOWN = 2


def _headings_naming(statements: Sequence[Statement], fw: str, topic: str) -> list[Statement]:
    """The practice headings of ``fw`` that name every topic keyword, or two of whose bullets do.

    Examples in brackets are left out: NPQLT 9.P2's "(e.g. behaviour)" is no behaviour heading.
    """
    wanted = _keys(topic)
    if not wanted:
        return []
    named: dict[str, int] = {}
    heads: dict[str, Statement] = {}
    for s in statements:
        if s.framework != fw or s.kind not in ("practice_heading", "practice"):
            continue
        said = set(tokenize(_EXAMPLES_RE.sub(" ", s.text)))
        says = all(any(_alike(w, t) for t in said) for w in wanted)
        if s.kind == "practice_heading":
            heads[s.id] = s
            named[s.id] = named.get(s.id, 0) + (HEADING_NAMES if says else 0)
        elif s.group:
            named[s.group] = named.get(s.group, 0) + says
    return [h for hid, h in heads.items() if named.get(hid, 0) >= HEADING_NAMES]


HEADING_NAMES = 2  # bullets naming the topic that stand for the heading naming it
ALIKE_PREFIX = 5  # stems this long alike when one begins the other ("financ", "financi")


def _alike(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= ALIKE_PREFIX and (a.startswith(b) or b.startswith(a)))


_EXAMPLES_RE = re.compile(r"\([^()]*\)")


def _in_order(question: str, named: list[str]) -> list[str]:
    """The frameworks named, in the order the question names them."""
    low = question.lower().replace(" ", "")
    return sorted(named, key=lambda f: low.find(f.lower()) if f.lower() in low else len(low))


def area_lines(answer: AreaAnswer) -> list[str]:
    """The answer's first lines: the areas on the topic, or that a framework has none."""
    said = "; ".join(f"{fw} area {n} ({t})" for fw, n, t in answer.found)
    none = [fw for fw in answer.missing if fw not in answer.asked]
    aside = f" ({' and '.join(none)} {'has' if len(none) == 1 else 'have'} none)" if none else ""
    asked_missing = [fw for fw in answer.asked if fw in answer.missing]
    if not asked_missing:
        return [f"**Yes:** {said}{aside}.", ""]
    fw = asked_missing[0]
    titles = "; ".join(
        f"{n} {t}"
        + (" (no statements in the framework text here)" if (fw, n) in answer.empty else "")
        for n, t in sorted(AREA_TITLES.get(fw, {}).items())
    )
    held_in = [h for h in answer.headings if h[0] == fw]
    if held_in:
        where = "; ".join(f"{hid} (area {area}, {title})" for _fw, hid, area, title in held_in)
        lines = [
            f"**{fw} has no area named for {answer.topic}, but practice statements on it sit in "
            f"another area:** {where} and the bullets under it. Its areas are: {titles}."
        ]
    else:
        lines = [
            f"**No: {fw} has no area on {answer.topic}.** Its areas are: {titles}. A statement "
            "in another area may still speak to it."
        ]
    if answer.found:
        lines.append(f"Other frameworks have one: {said}.")
    return [*lines, ""]


# "What's in NPQLT area 1?", "what does NPQSL area 11 cover" (a tenth Ask user test: "don't
# cover this question", which left the user unsure whether an area was missing): the area
# number read as search reads it (`index.search.AREA_NUMBER_RE`).


def missing_area(
    question: str, held: tuple[str, ...], empty: frozenset[tuple[str, int]]
) -> tuple[str, int] | None:
    """(framework, area) when the question asks about an area the text here holds nothing of.

    The question names one framework held and one area number; the area is one with no
    statements here (NPQLT area 1) or one the framework does not have (NPQSL area 11).
    """
    named = [f for f in frameworks_named(question) if f in held]
    numbers = {int(m.group(1)) for m in AREA_NUMBER_RE.finditer(question)}
    if len(named) != 1 or len(numbers) != 1:
        return None
    fw, n = named[0], numbers.pop()
    if (fw, n) in empty or n not in AREA_TITLES.get(fw, {}):
        return fw, n
    return None


def missing_area_lines(fw: str, n: int, empty: frozenset[tuple[str, int]]) -> list[str]:
    """Say that the area holds nothing here, or does not exist, and list the areas held."""
    titles = AREA_TITLES.get(fw, {})
    held = "; ".join(f"{k} {t}" for k, t in sorted(titles.items()) if (fw, k) not in empty)
    if n in titles:
        first = (
            f"**{fw} area {n} ({titles[n]}) has no statements in the framework text here**, so "
            "there is nothing of it to quote or cite."
        )
    else:
        first = f"**{fw} has no area {n}.**"
    return [f"{first} The {fw} areas held here are: {held}.", ""]
