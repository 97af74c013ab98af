"""Read a DfE framework from text extracted from its PDF (or OCR of it) into statements.

The documents lay each area out as a two-column table: numbered evidence statements
("Learn that…") on the left, practice headings and bullets ("Learn how to…") on the right.
Text extraction serialises each page column by column, so within a page the left column's
paragraphs come first and the right column's follow; a statement cut by a page break continues
at the top of its column on the next page, as a paragraph starting mid-sentence. OCR adds its
own damage: bullets read as ``e``/``o``/``¢`` or lost, numbers detached from their statements
(``10.`` ``11.`` … then the statements) or lost, and rows read straight across both columns.

The reader keeps two streams per area (left: evidence; right: practice), assigns each paragraph
to a stream from what it is (number, bullet, heading ending in a colon, fragment) and where it is
on the page, and numbers evidence by the printed number or, where that was lost, by position.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from ingest.interleave import split_interleaved_rows, typical_width
from ingest.records import IngestWarning
from ingest.siblings import Siblings
from ingest.text_utils import (
    BULLET_RE,
    is_complete,
    join_lines,
    normalise_space,
    starts_as_fragment,
)

WORD_NUMBERS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_AREA_WORD_RE = re.compile(
    r"^\s*(?:Area\s+)?(" + "|".join(WORD_NUMBERS) + r"|\d{1,2})\s*[–—-]\s*(\S.{0,80}?)\s*$",
    re.IGNORECASE,
)
_LEARN_THAT_RE = re.compile(r"^\s*Learn that(?:…|\.\.\.|\.)?", re.IGNORECASE)
_LEARN_HOW_RE = re.compile(r"^\s*Learn how to(?:…|\.\.\.|\.)?\s*$", re.IGNORECASE)
_END_RE = re.compile(r"^\s*(References|Annex\b|Bibliography|Acknowledgements|© Crown)", re.I)
_NUMBER_ONLY_RE = re.compile(r"^\s*(\d{1,2})\.\s*$")
_NUMBERED_RE = re.compile(r"^\s*(\d{1,2})\.\s+(\S.*)$")
_PAGE_NUMBER_RE = re.compile(r"^\s*\d{1,3}\s*$")
_PAGE_START_RE = re.compile(r"^(?:\f| (?=\S))")
# A bullet read in the middle of a line: the row held the end of a left-column statement.
_MIDLINE_BULLET_RE = re.compile(r"(?<=[.;)])\s+(?:e|¢|•|●)\s+(?=[A-Z])")
# Verbs that open practice headings ("Ensure…, including by:").
_HEADING_VERBS = frozenset(
    [
        "ensure",
        "support",
        "establish",
        "create",
        "contribute",
        "develop",
        "plan",
        "make",
        "prepare",
        "deliver",
        "sustain",
        "work",
        "begin",
        "recruit",
        "prioritise",
        "oversee",
        "motivate",
        "prevent",
        "conduct",
        "encourage",
        "explain",
        "provide",
        "lead",
        "build",
        "manage",
        "avoid",
        "appropriately",
        "promote",
        "enable",
        "set",
        "use",
    ]
)
_FINITE_RE = re.compile(
    r"\b(is|are|was|were|can|could|will|would|should|may|might|must|has|have|helps|increases|"
    r"involves|requires|include|includes|makes|benefits|supports|provides|affects|enables|"
    r"matters|leads|reduces|improves)\b"
)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a source with its 1-based line number and page."""

    text: str
    number: int
    page: int
    page_start: bool


@dataclass(slots=True)
class Block:
    """A statement being assembled: its lines and where they came from."""

    column: Literal["left", "right"]
    lines: list[str]
    first_line: int
    last_line: int
    number: int | None = None
    bullet: bool = False

    @property
    def text(self) -> str:
        """The block's lines joined."""
        return join_lines(self.lines)

    def add(self, text: str, line_no: int) -> None:
        """Append a continuation line."""
        self.lines.append(text)
        self.last_line = max(self.last_line, line_no)


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """A statement as read from one source, before merging with other sources."""

    area: int
    area_title: str
    kind: Literal["evidence", "practice_heading", "practice"]
    number: str
    text: str
    first_line: int
    last_line: int
    page: int


@dataclass(slots=True)
class ParsedArea:
    """The statements of one area as read from one source."""

    number: int
    title: str
    items: list[ParsedItem] = field(default_factory=list)


@dataclass(slots=True)
class _AreaSpan:
    number: int
    title: str
    start: int  # index into lines of the first content line
    end: int  # exclusive
    has_table: bool


def split_lines(text: str) -> list[Line]:
    """Split text into lines, marking page starts (form feed, or a line with one leading space)."""
    out: list[Line] = []
    page = 1
    for i, raw in enumerate(text.split("\n"), start=1):
        page_start = bool(_PAGE_START_RE.match(raw)) and i > 1
        if raw.startswith("\f") and i == 1:
            page_start = True
        if page_start and i > 1:
            page += 1
        out.append(Line(raw.replace("\f", "").rstrip(), i, page, page_start))
    return out


def find_areas(lines: Sequence[Line]) -> list[_AreaSpan]:
    """Find where each area's table starts and ends."""
    spans: list[_AreaSpan] = []
    current: _AreaSpan | None = None
    saw_learn = False
    page_top = True
    for idx, line in enumerate(lines):
        text = line.text.strip()
        if line.page_start:
            page_top = True
        if not text:
            continue
        at_page_top, page_top = page_top, False
        if at_page_top and saw_learn and _LEARN_THAT_RE.match(text) and "|" not in text:
            continue  # the table's header row, repeated at the top of a new page
        if _END_RE.match(text) and current is not None:
            current.end = idx
            spans.append(current)
            current = None
            continue
        m = _AREA_WORD_RE.match(text)
        if m and len(text) < 90 and not text.endswith((".", ",", ";")):
            word = m.group(1).lower()
            number = WORD_NUMBERS.index(word) + 1 if word in WORD_NUMBERS else int(word)
            if current is not None:
                current.end = idx
                spans.append(current)
            current = _AreaSpan(number, normalise_space(m.group(2)), idx + 1, len(lines), False)
            saw_learn = False
            continue
        if _LEARN_THAT_RE.match(text) and "|" not in text:
            if current is not None and not saw_learn:
                current.has_table = True
                current.start = idx + 1
                saw_learn = True
                continue
            # A table header with no area heading of its own: a new area, titled by the line
            # above if that line looks like a title (the heading is sometimes missing).
            title, title_idx = _title_above(lines, idx)
            number = (
                (spans[-1].number + 1 if spans else 1) if current is None else current.number + 1
            )
            if current is not None:
                current.end = title_idx if title else idx
                spans.append(current)
            current = _AreaSpan(number, title, idx + 1, len(lines), True)
            saw_learn = True
    if current is not None:
        spans.append(current)
    return [s for s in spans if s.has_table]


def _title_above(lines: Sequence[Line], idx: int) -> tuple[str, int]:
    j = idx - 1
    while j >= 0 and not lines[j].text.strip():
        j -= 1
    if j < 0:
        return "", idx
    cand = lines[j].text.strip()
    looks_like_title = (
        len(cand) < 70
        and cand[:1].isupper()
        and not is_complete(cand)
        and not BULLET_RE.match(cand)
        and not _NUMBERED_RE.match(cand)
        and not cand.endswith(",")
        and all(w[:1].isupper() or w in {"and", "of", "in", "for", "the"} for w in cand.split())
    )
    return (normalise_space(cand), j) if looks_like_title else ("", idx)


def parse_framework_text(
    text: str,
    file: str,
    *,
    siblings: Siblings | None = None,
    warnings: list[IngestWarning] | None = None,
) -> list[ParsedArea]:
    """Parse one framework document's text into areas of numbered statements.

    Args:
        text: The document text (from a .txt file, or from :func:`ingest.pdf_reader`).
        file: The source name, for warnings.
        siblings: Statements read from other documents; they settle whether an unmarked
            paragraph is evidence or practice where bullets and numbers were lost.
        warnings: A list that receives structural warnings (gaps in numbering, strays).

    Returns:
        The areas found, in document order, each with its evidence statements (numbered as the
        framework numbers them) and practice headings and bullets (numbered in reading order).
    """
    warns = warnings if warnings is not None else []
    lines = split_lines(text)
    areas: list[ParsedArea] = []
    reference: list[str] = []
    for span in find_areas(lines):
        table = list(lines[span.start : span.end])
        width = typical_width(table)
        if width is not None and not reference:
            reference = _paragraph_texts(lines, 1.3 * width) + (
                siblings.texts() if siblings else []
            )
        area_lines = split_interleaved_rows(table, width, reference)
        area = _parse_area(span.number, span.title, area_lines, file, warns, siblings)
        areas.append(area)
    return areas


def _paragraph_texts(lines: Sequence[Line], max_len: float = 1e9) -> list[str]:
    """The document's paragraphs with wrapped lines joined (reference text for word pairs).

    Lines longer than ``max_len`` (rows read across both columns) are left out.
    """
    out: list[str] = []
    buf: list[str] = []
    for line in lines:
        if len(line.text.strip()) > max_len:
            if buf:
                out.append(join_lines(buf))
            buf = []
            continue
        if line.text.strip():
            buf.append(line.text)
        elif buf:
            out.append(join_lines(buf))
            buf = []
    if buf:
        out.append(join_lines(buf))
    return out


class _AreaState:
    def __init__(self, siblings: Siblings | None) -> None:
        self.left: list[Block] = []
        self.right: list[Block] = []
        self.evidence_count = 0
        self.pages = 0
        self.siblings = siblings or Siblings()


def _parse_area(
    number: int,
    title: str,
    lines: Sequence[Line],
    file: str,
    warns: list[IngestWarning],
    siblings: Siblings | None,
) -> ParsedArea:
    state = _AreaState(siblings)
    pages: list[list[Line]] = []
    for line in lines:
        if not pages or line.page_start:
            pages.append([])
        pages[-1].append(line)
    for page_lines in pages:
        _parse_page(page_lines, state, file, number, warns)
    return _finish_area(number, title, state, file, warns)


@dataclass(slots=True)
class _Unit:
    """A paragraph of a page before it is assigned to a column."""

    kind: Literal["numbered", "bullet", "para"]
    lines: list[str]
    first_line: int
    last_line: int
    number: int | None = None
    right_part: str = ""


def _page_units(lines: Sequence[Line]) -> tuple[list[_Unit], list[int]]:
    """Cut a page into paragraphs: at blank lines, numbers and bullets."""
    units: list[_Unit] = []
    detached: list[int] = []
    current: _Unit | None = None
    for line in lines:
        text = line.text.strip()
        if not text or _LEARN_HOW_RE.match(text) or _LEARN_THAT_RE.match(text):
            current = None
            continue
        if _PAGE_NUMBER_RE.match(text):
            current = None
            continue
        m_only = _NUMBER_ONLY_RE.match(text)
        if m_only:
            detached.append(int(m_only.group(1)))
            current = None
            continue
        right_part = ""
        if " | " in text:
            text, right_part = (p.strip() for p in text.split(" | ", 1))
        else:
            mid = _MIDLINE_BULLET_RE.search(text)
            if mid and mid.start() > 0:
                text, right_part = text[: mid.start()], "• " + text[mid.end() :]
        m_num = _NUMBERED_RE.match(text)
        bullet = BULLET_RE.match(text)
        if m_num:
            current = _Unit("numbered", [m_num.group(2)], line.number, line.number)
            current.number = int(m_num.group(1))
            units.append(current)
        elif bullet:
            current = _Unit("bullet", [text[bullet.end() :]], line.number, line.number)
            units.append(current)
        elif (
            current is None
            or (current.kind != "numbered" and join_lines(current.lines).endswith(":"))
            or (
                # A finished bullet-like paragraph, then a line opening like a bullet
                # ("Ensuring …"): the next bullet, its marker lost.
                # is the next bullet whose marker was lost.
                current.kind != "numbered"
                and re.match(r"^[A-Z][a-z]+ing\b", current.lines[0]) is not None
                and is_complete(join_lines(current.lines))
                and re.match(r"^[A-Z][a-z]+ing\b", text) is not None
            )
        ):
            current = _Unit("para", [text], line.number, line.number)
            units.append(current)
        else:
            current.lines.append(text)
            current.last_line = line.number
        if right_part:
            current.right_part = right_part
            current = None
    return units, detached


def _parse_page(
    lines: Sequence[Line], state: _AreaState, file: str, area: int, warns: list[IngestWarning]
) -> None:
    """Assign a page's paragraphs to the left (evidence) or right (practice) stream."""
    units, detached = _page_units(lines)
    state.pages += 1
    budget = max(detached) if detached else None
    has_numbers = bool(detached) or any(u.kind == "numbered" for u in units)
    left_open = bool(state.left) and not is_complete(state.left[-1].text)
    # A page continues the evidence column if it is the area's first, carries statement
    # numbers, or opens on an unfinished statement; otherwise the evidence column has ended.
    column: Literal["left", "right"] = (
        "left" if state.pages == 1 or has_numbers or left_open or not state.right else "right"
    )

    for unit in units:
        text = join_lines(unit.lines)
        block = Block("left", list(unit.lines), unit.first_line, unit.last_line)
        if unit.kind == "numbered":
            n = unit.number or 0
            if n != state.evidence_count + 1:
                warns.append(
                    IngestWarning(
                        file,
                        f"area {area}: statement printed as {n} follows statement "
                        f"{state.evidence_count} (line {unit.first_line})",
                    )
                )
            state.evidence_count = n
            block.number = n
            state.left.append(block)
            column = "left"
        elif unit.kind == "bullet":
            column = "right"
            block.column = "right"
            block.bullet = True
            state.right.append(block)
        elif starts_as_fragment(text):
            target = _fragment_target(text, state, column)
            if target is None:
                warns.append(
                    IngestWarning(
                        file,
                        f"line {unit.first_line}: text with no statement to continue: {text!r}",
                    )
                )
            else:
                column = target.column
                for ln in unit.lines:
                    target.add(ln, unit.last_line)
        elif _classify(text, state, budget, column) == "right":
            column = "right"
            block.column = "right"
            state.right.append(block)
        else:
            column = "left"
            state.evidence_count += 1
            block.number = state.evidence_count
            state.left.append(block)
        if unit.right_part:
            rb = BULLET_RE.match(unit.right_part)
            part = unit.right_part[rb.end() :] if rb else unit.right_part
            state.right.append(
                Block("right", [part], unit.first_line, unit.first_line, bullet=bool(rb))
            )


def _classify(
    text: str, state: _AreaState, budget: int | None, column: Literal["left", "right"]
) -> Literal["left", "right"]:
    """Decide whether an unmarked paragraph is an evidence statement or practice text."""
    if text.endswith(":"):
        return "right"
    sibling = state.siblings.best(text) if state.siblings else None
    if sibling is not None and sibling.score >= 0.9:
        return "left" if sibling.kind == "evidence" else "right"
    if budget is not None:
        return "left" if state.evidence_count < budget else "right"
    if sibling is not None and sibling.score >= 0.6:
        return "left" if sibling.kind == "evidence" else "right"
    first = text.split(maxsplit=1)[0].rstrip(",") if text else ""
    practice_like = first.lower() in _HEADING_VERBS or first.endswith("ing")
    left_open = bool(state.left) and not is_complete(state.left[-1].text)
    if practice_like and left_open and column == "left":
        # An evidence statement is still unfinished, so this is the other column's row.
        return "right"
    if first.endswith("ing") and not _FINITE_RE.search(_main_clause(text)):
        return "right"
    return column


_SUBORDINATE_RE = re.compile(r"\b(that|which|who|whom|where|when|while|if|so|because|until)\b")


def _main_clause(text: str) -> str:
    """The text before the first subordinating word: where a statement's main verb would be."""
    m = _SUBORDINATE_RE.search(text)
    return text[: m.start()] if m else text


def _fragment_target(text: str, state: _AreaState, column: str) -> Block | None:
    """Which statement a mid-sentence paragraph continues.

    A fragment ending in a colon finishes a practice heading. Otherwise it continues an
    unfinished statement: if both columns have one, the one whose completed wording matches
    another document's statement better, else the column being read.
    """
    left = state.left[-1] if state.left else None
    right = state.right[-1] if state.right else None
    if text.rstrip().endswith(":") and right is not None and not is_complete(right.text):
        return right
    open_left = left if left is not None and not is_complete(left.text) else None
    open_right = right if right is not None and not is_complete(right.text) else None
    if open_left and open_right and state.siblings:
        # Which statement does another document carry on with the fragment's words?
        gl = state.siblings.continues(open_left.text, text)
        gr = state.siblings.continues(open_right.text, text)
        if abs(gl - gr) >= 0.2:
            return open_left if gl > gr else open_right
    first, second = (open_left, open_right) if column == "left" else (open_right, open_left)
    if first or second:
        return first or second
    return (left if column == "left" else right) or left or right


def _finish_area(
    number: int, title: str, state: _AreaState, file: str, warns: list[IngestWarning]
) -> ParsedArea:
    area = ParsedArea(number, title)
    page = 0
    for block in state.left:
        text = normalise_space(block.text)
        if block.number is None:
            continue
        area.items.append(
            ParsedItem(
                number,
                title,
                "evidence",
                str(block.number),
                text,
                block.first_line,
                block.last_line,
                page,
            )
        )
    heading = 0
    bullet = 0
    for block in state.right:
        text = normalise_space(block.text)
        if not block.bullet and text.endswith(":"):
            heading += 1
            bullet = 0
            area.items.append(
                ParsedItem(
                    number,
                    title,
                    "practice_heading",
                    f"P{heading}",
                    text,
                    block.first_line,
                    block.last_line,
                    page,
                )
            )
            continue
        if heading == 0:
            warns.append(
                IngestWarning(
                    file, f"area {number}: practice bullet before any heading, kept as P0: {text!r}"
                )
            )
        bullet += 1
        area.items.append(
            ParsedItem(
                number,
                title,
                "practice",
                f"P{heading}.{bullet}",
                text,
                block.first_line,
                block.last_line,
                page,
            )
        )
    return area
