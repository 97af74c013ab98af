"""Provider pages and legacy programme descriptions: titled sections, and flattened tables.

A section's id is ``<source file stem>#<slug of its title>``: it contains ``#`` and no space, so
it can never be read as a framework statement id such as ``NPQSL 4.9``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.framework_text import ParsedArea, ParsedItem
from ingest.text_utils import BULLET_RE, is_complete, join_lines, normalise_space

_SLUG_RE = re.compile(r"[^a-z0-9]+")
_PIPE_ROW_RE = re.compile(r"\|\s*$")


@dataclass(frozen=True, slots=True)
class Section:
    """A titled section of a provider or legacy document."""

    slug: str
    title: str
    text: str
    first_line: int
    last_line: int


def slugify(title: str, max_words: int = 8) -> str:
    """``What does it cost?`` -> ``what-does-it-cost``."""
    words = _SLUG_RE.sub(" ", title.lower()).split()[:max_words]
    return "-".join(words) or "section"


def _is_heading(line: str, next_nonblank: str) -> bool:
    text = line.strip()
    if not text or len(text) > 80 or BULLET_RE.match(text) or "|" in text:
        return False
    if text.startswith(("- ", ".png", ".gif")) or text.startswith(tuple("0123456789")):
        return False
    if text.endswith("?"):
        return True
    if is_complete(text) or text.endswith((",", ";", "…")):
        return False
    words = text.split()
    if len(words) > 12:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return capitalised >= max(1, len(words) // 2) and bool(next_nonblank)


def parse_sections(text: str, *, stop_line: int | None = None, default_title: str) -> list[Section]:
    """Split a page into titled sections.

    Args:
        text: The page text.
        stop_line: 1-based line where framework tables start; sections end there.
        default_title: Title for text before the first heading.

    Returns:
        Sections in page order. A paragraph set off by two blank lines with no heading of its own
        becomes its own section, titled by its opening words.
    """
    lines = text.split("\n")
    if stop_line is not None:
        lines = lines[: max(0, stop_line - 1)]
    sections: list[Section] = []
    title = default_title
    body: list[str] = []
    first = 1
    blank_run = 0
    untitled_break = False

    def close(last: int) -> None:
        nonlocal body
        content = "\n".join(body).strip()
        if content:
            paragraphs = [join_lines(p.split("\n")) for p in re.split(r"\n\s*\n", content)]
            sections.append(
                Section(slugify(title), title, "\n\n".join(p for p in paragraphs if p), first, last)
            )
        body = []

    for i, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            blank_run += 1
            body.append("")
            continue
        nxt = next((ln.strip() for ln in lines[i:] if ln.strip()), "")
        if _is_heading(line, nxt):
            close(i - 1)
            title, first = normalise_space(line), i
        elif blank_run >= 2 and body and any(b.strip() for b in body) and untitled_break:
            close(i - 1)
            title = _opening_words(line)
            first = i
            body.append(line)
        else:
            body.append(line)
        untitled_break = True
        blank_run = 0
    close(len(lines))
    return unique_slugs(sections)


def _opening_words(line: str, n: int = 7) -> str:
    words = normalise_space(line).split()[:n]
    return " ".join(words).rstrip(".,;:") + "…"


def unique_slugs(sections: list[Section]) -> list[Section]:
    """Sections with a title said twice get ``-2``, ``-3``… after their slug."""
    seen: dict[str, int] = {}
    out: list[Section] = []
    for s in sections:
        count = seen.get(s.slug, 0) + 1
        seen[s.slug] = count
        slug = s.slug if count == 1 else f"{s.slug}-{count}"
        out.append(Section(slug, s.title, s.text, s.first_line, s.last_line))
    return out


def parse_flattened_tables(text: str) -> list[ParsedArea]:
    """Read framework tables whose rows were flattened into ``cell | cell |`` lines.

    Evidence rows keep the numbers the framework prints, so their statements can be numbered
    exactly. Practice rows lose most bullets, so only the headings are kept, numbered by
    counting the headings' ``by:`` endings (and headings cut off just before a bullet).
    """
    areas: list[ParsedArea] = []
    area: ParsedArea | None = None
    lines = text.split("\n")
    expect = "title"
    for i, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not _PIPE_ROW_RE.search(line):
            continue
        cells = [c.strip() for c in line.split("|")]
        content = [c for c in cells if c]
        if len(content) == 1 and len(cells) >= 3 and not cells[1] and expect == "title":
            title = content[0]
            if title.lower().startswith("learn that"):
                continue
            area = ParsedArea(len(areas) + 1, title)
            areas.append(area)
            expect = "header"
            continue
        if area is None:
            continue
        if content and content[0].lower().startswith("learn that"):
            expect = "evidence"
            continue
        if expect == "evidence":
            area.items.extend(_evidence_cells(area, " ".join(content), i))
            expect = "practice"
        elif expect == "practice":
            area.items.extend(_heading_cells(area, " ".join(content), i))
            expect = "title"
    return areas


_NUM_SPLIT_RE = re.compile(r"(?:^|(?<=\s))(\d{1,2})\.\s+(?=[A-Z‘“(])")


def _evidence_cells(area: ParsedArea, row: str, line_no: int) -> list[ParsedItem]:
    items: list[ParsedItem] = []
    marks = [(m.start(), m.end(), int(m.group(1))) for m in _NUM_SPLIT_RE.finditer(row)]
    kept: list[tuple[int, int, int]] = []
    last = 0
    for start, end, n in marks:
        if last < n <= last + 20:
            kept.append((start, end, n))
            last = n
    for idx, (_start, end, n) in enumerate(kept):
        stop = kept[idx + 1][0] if idx + 1 < len(kept) else len(row)
        text = normalise_space(row[end:stop])
        if text:
            items.append(
                ParsedItem(area.number, area.title, "evidence", str(n), text, line_no, line_no, 0)
            )
    return items


_HEADING_END_RE = re.compile(r"\b(?:by|that):(?=\s|$)")
_BULLET_SPLIT_RE = re.compile(r"\s*[•●]\s+")


def _heading_cells(area: ParsedArea, row: str, line_no: int) -> list[ParsedItem]:
    """Practice headings of a flattened row: ``Heading … by: • bullet … Heading … by:``.

    Each ``by:`` closes a heading. The first heading after a bullet starts somewhere in that
    bullet's text, so it is counted but its text is not kept; text left before a bullet after a
    heading (or at the row's start) is a heading cut off just before the bullet.
    """
    items: list[ParsedItem] = []
    number = 0

    def add(text: str) -> None:
        nonlocal number
        number += 1
        if text:
            items.append(
                ParsedItem(
                    area.number,
                    area.title,
                    "practice_heading",
                    f"P{number}",
                    text,
                    line_no,
                    line_no,
                    0,
                )
            )

    for piece_idx, piece in enumerate(_BULLET_SPLIT_RE.split(row)):
        after_bullet = piece_idx > 0
        pos = 0
        for m in _HEADING_END_RE.finditer(piece):
            text = piece[pos : m.end()]
            if after_bullet and pos == 0:
                # The heading follows the bullet's text: it starts after the bullet's last
                # sentence, if the bullet ended one; otherwise where is unknown.
                cut = text.rfind(". ")
                text = text[cut + 2 :] if cut >= 0 else ""
            add(normalise_space(text))
            pos = m.end()
        rest = piece[pos:].strip()
        if after_bullet and pos == 0:
            # A bullet's text, possibly followed by a heading cut off before the next bullet.
            cut = rest.rfind(". ")
            rest = rest[cut + 2 :] if cut >= 0 else ""
            if is_complete(rest):
                rest = ""
        if rest:
            add(normalise_space(rest))
    return items
