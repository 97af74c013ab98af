"""Read the text of a PDF, putting two-column tables back into reading order.

The DfE NPQ framework PDFs lay each area out as a two-column table: "Learn that…" evidence
statements on the left, "Learn how to…" practice headings and bullets on the right. A plain text
extraction follows the content stream, which mixes the two columns (row by row, or cell by cell
at each page break). Here the text is read as positioned fragments (pypdf's ``visitor_text``),
lines are rebuilt by baseline, the column gutter is found from where the fragments start and
end, and each page is written as:

* a form feed (U+000C);
* lines that span the page (area headings, prose), in reading order;
* for each two-column region: all its left-column lines top to bottom, an empty line, then all
  its right-column lines top to bottom;
* an empty line wherever the vertical gap between two lines of a column is clearly larger than
  the normal line spacing (a paragraph break), so items come out separated by empty lines.

Running headers and footers (lines near the top or bottom edge that repeat on most pages, page
numbers included) and lone page numbers at the bottom are dropped. The text is otherwise kept
exactly as the PDF has it.
"""

from __future__ import annotations

import importlib
import math
import re
import struct
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import DependencyError, PyPdfError

from ingest.errors import SourceError

try:  # pypdf's font metrics: private, so optional; widths are estimated without them.
    _PypdfFont: Any = getattr(importlib.import_module("pypdf.generic._font"), "Font", None)
except ImportError:  # pragma: no cover - depends on the pypdf version
    _PypdfFont = None

__all__ = ["extract_pdf_text"]

#: Exceptions pypdf lets through on damaged files, besides its own PyPdfError family.
_PDF_ERRORS: tuple[type[BaseException], ...] = (
    PyPdfError,
    DependencyError,
    OSError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    RecursionError,
    NotImplementedError,
    zlib.error,
    struct.error,
)

_MIB = 1024 * 1024
#: Share of the page height, at the top and at the bottom, where running headers/footers live.
_MARGIN_BAND = 0.08
#: A line in the margin band is a running header/footer if it is on at least this share of pages.
_REPEAT_SHARE = 0.5
#: Fragments whose baselines differ by less than this many font sizes share a line.
_SAME_LINE = 0.45
#: A gap larger than this many normal line spacings is a paragraph break.
_PARAGRAPH_GAP = 1.45
#: Line spacing, in font sizes, assumed when a document has too few lines to measure it.
_DEFAULT_SPACING = 1.2
#: A left-only line further than this many font sizes below a table ends the table.
_SECTION_GAP = 3.5
#: A fragment may run this many font sizes past the gutter and still count as left column
#: (font widths are sometimes only estimated).
_GUTTER_SLACK = 0.5
#: A left-only line this many times the body font size is a heading that ends a table.
_HEADING_SIZE = 1.15
#: Each side of a gutter needs this many characters in fragments of 4 or more characters.
_MIN_SIDE_CHARS = 40
_LONE_PAGE_NUMBER = re.compile(
    r"^[\s\-–—]*(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?[\s\-–—]*$", re.IGNORECASE
)
#: PDF 32000-1 Annex D: in WinAnsiEncoding the unused codes (0x7F and up) show a bullet; pypdf
#: returns them as control characters (reportlab draws its bullets as 0x7F).
_WIN_ANSI_BULLETS = str.maketrans(dict.fromkeys("\x7f\x81\x8d\x8f\x90\x9d", "•"))
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Fragment:
    """A run of text drawn at one position, in PDF user space (points, y upwards)."""

    text: str
    x0: float
    x1: float
    y: float
    size: float

    @property
    def solid_chars(self) -> int:
        """Non-space characters."""
        return sum(1 for char in self.text if not char.isspace())


@dataclass(slots=True)
class _Row:
    """Fragments sharing a baseline, left to right."""

    fragments: list[_Fragment]

    @property
    def anchor(self) -> _Fragment:
        """The fragment whose baseline stands for the row: the longest one."""
        return max(self.fragments, key=lambda fragment: fragment.solid_chars)

    @property
    def y(self) -> float:
        """The row's baseline."""
        return self.anchor.y

    @property
    def size(self) -> float:
        """The largest font size on the row."""
        return max(fragment.size for fragment in self.fragments)

    @property
    def text(self) -> str:
        """The row's text, fragments joined left to right."""
        return _join(self.fragments)


@dataclass(frozen=True, slots=True)
class _Line:
    """One output line and where it sits."""

    text: str
    y: float
    size: float


@dataclass(slots=True)
class _Flow:
    """Lines read one after another down the page (a column, or full-width lines).

    Attributes:
        lines: The lines, top to bottom.
        break_before: Start the flow with an empty line whatever the gap (a new column).
    """

    lines: list[_Line] = field(default_factory=list)
    break_before: bool = False


@dataclass(frozen=True, slots=True)
class _Split:
    """A column gutter: fragments starting at or right of `x` are the right column."""

    x: float
    cross: int
    balance: int


class _FontWidths:
    """Glyph widths of one PDF font, looked up by the (Unicode) text pypdf reports."""

    def __init__(self, font_dict: Any) -> None:
        self._widths: dict[str, float] = {}
        self._default = 500.0
        if font_dict is None or _PypdfFont is None:
            return
        try:
            font = _PypdfFont.from_font_resource(font_dict)
        except _PDF_ERRORS:
            return
        widths: dict[Any, Any] = dict(font.character_widths)
        default = widths.pop("default", 0) or 0
        if isinstance(default, int | float) and default > 0:
            self._default = float(default)
        for raw, char in dict(font.character_map).items():
            width = widths.get(raw)
            if isinstance(char, str) and isinstance(width, int | float) and width > 0:
                self._widths.setdefault(char, float(width))
        for raw, width in widths.items():
            if isinstance(raw, str) and isinstance(width, int | float) and width > 0:
                self._widths.setdefault(raw, float(width))

    def width(self, text: str) -> float:
        """Width of `text` in thousandths of the font size."""
        return sum(self._widths.get(char, self._default) for char in text)


def extract_pdf_text(path: Path, *, max_bytes: int = 200 * 1024 * 1024) -> str:
    """Extract a PDF's text with two-column tables put back into reading order.

    Args:
        path: The PDF file.
        max_bytes: Refuse files larger than this.

    Returns:
        The text: for each page a form feed, then the page's lines (full-width lines, then each
        two-column region's left column, then its right column), paragraphs separated by empty
        lines, running headers, footers and page numbers removed.

    Raises:
        SourceError: The file is too big, missing, not a readable PDF, encrypted, has no
            pages, or has no text layer at all.
    """
    path = Path(path)
    reader = _open(path, max_bytes)
    pages: list[list[_Fragment]] = []
    bands: list[tuple[float, float]] = []
    for number, page in enumerate(_pages(path, reader), start=1):
        pages.append(_page_fragments(path, page, number))
        bands.append(_page_band(page, pages[-1]))
    if not any(pages):
        raise SourceError(path, "PDF has no text layer (scanned image?): run OCR first")
    rows = [_group_rows(fragments) for fragments in pages]
    rows = _drop_running_lines(rows, bands)
    layouts = _lay_out(rows)
    spacing = _normal_spacing(flow for layout in layouts for flow in layout)
    return "".join(_render(layout, spacing) for layout in layouts)


# Opening --------------------------------------------------------------------------------------


def _format_size(size: int) -> str:
    if size >= _MIB:
        return f"{size / _MIB:.1f}".removesuffix(".0") + " MB"
    if size >= 1024:
        return f"{size / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{size} bytes"


def _size_reason(size: int, max_bytes: int) -> str:
    shown, limit = _format_size(size), _format_size(max_bytes)
    if shown == limit:
        shown, limit = f"{size:,} bytes", f"{max_bytes:,} bytes"
    return f"file is {shown}, over the {limit} limit"


def _open(path: Path, max_bytes: int) -> PdfReader:
    """Open `path` with pypdf after checking its size; decrypt with the empty password."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(1024)
    except FileNotFoundError as exc:
        raise SourceError(path, "file not found") from exc
    except IsADirectoryError as exc:
        raise SourceError(path, "is a folder, not a PDF file") from exc
    except OSError as exc:
        raise SourceError(path, f"cannot read the file: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise SourceError(path, _size_reason(size, max_bytes))
    if size == 0:
        raise SourceError(path, "not a readable PDF: the file is empty")
    if b"%PDF-" not in head:
        raise SourceError(path, "not a readable PDF: no PDF header (%PDF-) at the start")
    try:
        reader = PdfReader(path, strict=False)
    except _PDF_ERRORS as exc:
        raise SourceError(path, f"not a readable PDF: {_describe(exc)}") from exc
    if reader.is_encrypted:
        try:
            decrypted = reader.decrypt("")
        except _PDF_ERRORS as exc:
            raise SourceError(path, f"PDF is encrypted ({_describe(exc)})") from exc
        if decrypted == PasswordType.NOT_DECRYPTED:
            raise SourceError(path, "PDF is encrypted and needs a password")
    try:
        count = len(reader.pages)
    except _PDF_ERRORS as exc:
        raise SourceError(path, f"not a readable PDF: {_describe(exc)}") from exc
    if count == 0:
        raise SourceError(path, "PDF has no pages")
    return reader


def _describe(exc: BaseException) -> str:
    return str(exc).strip() or type(exc).__name__


def _pages(path: Path, reader: PdfReader) -> Iterable[PageObject]:
    count = len(reader.pages)
    for index in range(count):
        try:
            page = reader.pages[index]
        except _PDF_ERRORS as exc:
            raise SourceError(path, f"page cannot be read: {_describe(exc)}", index + 1) from exc
        yield page


def _page_band(page: PageObject, fragments: list[_Fragment]) -> tuple[float, float]:
    """The page's visible bottom and top y (from its text if the page box is unreadable)."""
    try:
        box = page.cropbox
        bottom, top = float(box.bottom), float(box.top)
    except _PDF_ERRORS:
        bottom = min((f.y - f.size for f in fragments), default=0.0)
        top = max((f.y + f.size for f in fragments), default=0.0)
    return min(bottom, top), max(bottom, top)


# Fragments and rows ---------------------------------------------------------------------------


def _mult(tm: Sequence[float], cm: Sequence[float]) -> list[float]:
    """The text-space-to-user-space matrix: `tm` times `cm` (PDF row-vector convention)."""
    return [
        tm[0] * cm[0] + tm[1] * cm[2],
        tm[0] * cm[1] + tm[1] * cm[3],
        tm[2] * cm[0] + tm[3] * cm[2],
        tm[2] * cm[1] + tm[3] * cm[3],
        tm[4] * cm[0] + tm[5] * cm[2] + cm[4],
        tm[4] * cm[1] + tm[5] * cm[3] + cm[5],
    ]


def _page_fragments(path: Path, page: PageObject, number: int) -> list[_Fragment]:
    """The upright text fragments pypdf reports for `page`, with positions and widths."""
    fragments: list[_Fragment] = []
    fonts: dict[int, _FontWidths] = {}

    def visit(text: Any, cm: Any, tm: Any, font_dict: Any, font_size: Any) -> None:
        if not isinstance(text, str) or not text.strip():
            return
        try:
            matrix = _mult([float(v) for v in tm], [float(v) for v in cm])
            size = float(font_size)
        except (TypeError, ValueError, IndexError):
            return
        scale_x = math.hypot(matrix[0], matrix[1])
        scale_y = math.hypot(matrix[2], matrix[3])
        if matrix[0] <= 0 or matrix[3] <= 0 or abs(matrix[1]) > 0.01 * scale_x:
            return  # rotated or mirrored text: not part of the reading order
        key = id(font_dict)
        if key not in fonts:
            fonts[key] = _FontWidths(font_dict)
        widths = fonts[key]
        clean = text.replace("\r", " ").replace("\n", " ")
        if _is_win_ansi(font_dict):
            clean = clean.translate(_WIN_ANSI_BULLETS)
        body = clean.lstrip()
        em = abs(size) * scale_x / 1000.0
        x0 = matrix[4] + widths.width(clean[: len(clean) - len(body)]) * em
        x1 = x0 + widths.width(body.rstrip()) * em
        fragments.append(_Fragment(body, x0, x1, matrix[5], max(abs(size) * scale_y, 1.0)))

    try:
        page.extract_text(orientations=(0,), visitor_text=visit)
    except _PDF_ERRORS as exc:
        raise SourceError(path, f"page text cannot be read: {_describe(exc)}", number) from exc
    return fragments


def _is_win_ansi(font_dict: Any) -> bool:
    """Whether a font uses WinAnsiEncoding (whose unused codes all show a bullet)."""
    try:
        encoding = font_dict.get("/Encoding") if font_dict is not None else None
        if encoding is not None and not isinstance(encoding, str):
            encoding = encoding.get_object()
            if not isinstance(encoding, str):
                encoding = encoding.get("/BaseEncoding")
    except _PDF_ERRORS:
        return False
    return encoding == "/WinAnsiEncoding"


def _group_rows(fragments: list[_Fragment]) -> list[_Row]:
    """Group fragments into rows by baseline, top row first, each row left to right."""
    rows: list[_Row] = []
    first: _Fragment | None = None
    for fragment in sorted(fragments, key=lambda f: (-f.y, f.x0)):
        tolerance = _SAME_LINE * min(fragment.size, first.size) if first else 0.0
        if first is None or first.y - fragment.y > tolerance:
            rows.append(_Row([fragment]))
            first = fragment
        else:
            rows[-1].fragments.append(fragment)
    for row in rows:
        row.fragments.sort(key=lambda f: f.x0)
    return rows


def _join(fragments: Sequence[_Fragment]) -> str:
    """Join fragments of one line left to right, adding a space where they stand apart."""
    ordered = sorted(fragments, key=lambda f: f.x0)
    text = ""
    previous: _Fragment | None = None
    for fragment in ordered:
        if previous is not None and text and not text[-1].isspace():
            gap = fragment.x0 - previous.x1
            if gap > 0.15 * min(previous.size, fragment.size):
                text += " "
        text += fragment.text
        previous = fragment
    return text.strip()


# Running headers and footers ------------------------------------------------------------------


def _margin_rows(rows: list[_Row], band: tuple[float, float]) -> tuple[list[int], list[int]]:
    bottom, top = band
    margin = _MARGIN_BAND * (top - bottom)
    upper = [i for i, row in enumerate(rows) if row.y >= top - margin]
    lower = [i for i, row in enumerate(rows) if row.y <= bottom + margin]
    return upper, lower


def _running_key(row: _Row) -> str:
    return _DIGITS.sub("#", _SPACES.sub(" ", row.text)).strip().casefold()


def _drop_running_lines(
    pages: list[list[_Row]], bands: list[tuple[float, float]]
) -> list[list[_Row]]:
    """Remove running headers/footers and lone page numbers at the bottom of pages."""
    margins = [_margin_rows(rows, band) for rows, band in zip(pages, bands, strict=True)]
    seen: Counter[str] = Counter()
    for rows, (upper, lower) in zip(pages, margins, strict=True):
        seen.update({_running_key(rows[i]) for i in upper + lower})
    needed = max(2, math.ceil(_REPEAT_SHARE * len(pages)))
    running = {key for key, count in seen.items() if count >= needed}
    kept: list[list[_Row]] = []
    for rows, (upper, lower) in zip(pages, margins, strict=True):
        drop = {i for i in upper + lower if _running_key(rows[i]) in running}
        drop |= {i for i in lower if _LONE_PAGE_NUMBER.match(rows[i].text)}
        kept.append([row for i, row in enumerate(rows) if i not in drop])
    return kept


# Columns --------------------------------------------------------------------------------------


def _side_chars(fragments: Iterable[_Fragment]) -> int:
    return sum(f.solid_chars for f in fragments if f.solid_chars >= 4)


def _is_left(fragment: _Fragment, x: float) -> bool:
    return fragment.x0 < x and fragment.x1 <= x + _GUTTER_SLACK * fragment.size


def _try_split(fragments: list[_Fragment], x: float) -> _Split | None:
    """Score a gutter at `x`; None if either side has too little text to be a column."""
    left = [f for f in fragments if _is_left(f, x)]
    right = [f for f in fragments if f.x0 >= x]
    left_chars, right_chars = _side_chars(left), _side_chars(right)
    if min(left_chars, right_chars) < _MIN_SIDE_CHARS:
        return None
    return _Split(x, len(fragments) - len(left) - len(right), min(left_chars, right_chars))


def _find_split(rows: list[_Row]) -> _Split | None:
    """The gutter crossed by the fewest fragments, among the x where some fragment starts."""
    fragments = [f for row in rows for f in row.fragments]
    # Columns have many lines starting at the same x: try those x only, to the point.
    counts = Counter(math.floor(f.x0) for f in fragments)
    starts = sorted(x - 0.5 for x, count in counts.items() if count >= 2)
    best: _Split | None = None
    for x in starts:
        split = _try_split(fragments, x)
        if split is not None and (
            best is None or (split.cross, -split.balance) < (best.cross, -best.balance)
        ):
            best = split
    return best


def _row_sides(row: _Row, x: float) -> tuple[list[_Fragment], list[_Fragment]] | None:
    """The row's left and right fragments, or None if a fragment spans the gutter."""
    left = [f for f in row.fragments if f.x0 < x]
    if any(not _is_left(f, x) for f in left):
        return None
    return left, [f for f in row.fragments if f.x0 >= x]


def _layout_with(rows: list[_Row], x: float, min_rows: int) -> list[_Flow] | None:
    """Flows of the page with a gutter at `x`, or None if no two-column region qualifies.

    A region qualifies with at least `min_rows` rows holding left-column text and as many
    holding right-column text.
    """
    flows: list[_Flow] = []
    full = _Flow()
    found = False
    heading_size = _HEADING_SIZE * _body_size(rows)

    def sides_of(row: _Row) -> tuple[list[_Fragment], list[_Fragment]] | None:
        # A heading above the gutter (e.g. the next area's) ends a table even if short.
        sides = _row_sides(row, x)
        if sides is not None and not sides[1] and row.size >= heading_size:
            return None
        return sides

    index = 0
    while index < len(rows):
        if sides_of(rows[index]) is None:
            full.lines.append(_line(rows[index].fragments))
            index += 1
            continue
        run: list[tuple[_Row, list[_Fragment], list[_Fragment]]] = []
        while index < len(rows) and (sides := sides_of(rows[index])) is not None:
            run.append((rows[index], *sides))
            index += 1
        right_rows = [i for i, (_, _, right) in enumerate(run) if right]
        left_rows = [i for i, (_, left, _) in enumerate(run) if left]
        if min(len(right_rows), len(left_rows)) < min_rows:
            full.lines.extend(_line(row.fragments) for row, _, _ in run)
            continue
        found = True
        first, last = right_rows[0], right_rows[-1]
        while last + 1 < len(run) and _gap(run[last][0], run[last + 1][0]) <= _SECTION_GAP:
            last += 1
        full.lines.extend(_line(row.fragments) for row, _, _ in run[:first])
        block = run[first : last + 1]
        left = _Flow([_line(lf) for _, lf, _ in block if lf])
        right = _Flow([_line(rf) for _, _, rf in block if rf], break_before=True)
        flows.extend([full, left, right])
        full = _Flow(break_before=True)
        full.lines.extend(_line(row.fragments) for row, _, _ in run[last + 1 :])
    flows.append(full)
    return flows if found else None


def _body_size(rows: list[_Row]) -> float:
    """The font size most of the page's text is set in."""
    sizes: Counter[float] = Counter()
    for row in rows:
        for fragment in row.fragments:
            sizes[round(fragment.size, 1)] += fragment.solid_chars
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _gap(upper: _Row, lower: _Row) -> float:
    """Vertical distance between two rows, in font sizes of the smaller one."""
    return (upper.y - lower.y) / min(upper.size, lower.size)


def _line(fragments: Sequence[_Fragment]) -> _Line:
    anchor = max(fragments, key=lambda f: f.solid_chars)
    return _Line(_join(fragments), anchor.y, max(f.size for f in fragments))


def _lay_out(pages: list[list[_Row]]) -> list[list[_Flow]]:
    """Split each page into flows: full-width lines, and left/right columns of tables."""
    layouts: list[list[_Flow] | None] = []
    gutters: Counter[float] = Counter()  # split x -> pages
    for rows in pages:
        split = _find_split(rows)
        layout = _layout_with(rows, split.x, 2) if split is not None else None
        if layout is not None and split is not None:
            gutters[split.x] += 1
            # The page has a table: a table end above or below it may be a single line.
            layout = _layout_with(rows, split.x, 1)
        layouts.append(layout)
    # A page where a table's column has (nearly) ended uses the gutter of the other pages.
    common = gutters.most_common(1)[0][0] if gutters else None
    result: list[list[_Flow]] = []
    for rows, layout in zip(pages, layouts, strict=True):
        if layout is None and common is not None:
            layout = _layout_with(rows, common, 1)
        result.append(layout or [_Flow([_line(row.fragments) for row in rows])])
    return result


# Paragraph breaks and output ------------------------------------------------------------------


def _normal_spacing(flows: Iterable[_Flow]) -> float:
    """The document's usual distance between consecutive lines, in font sizes."""
    ratios: list[float] = []
    for flow in flows:
        for upper, lower in zip(flow.lines, flow.lines[1:], strict=False):
            ratio = (upper.y - lower.y) / min(upper.size, lower.size)
            if 0.9 <= ratio <= 2.5:
                ratios.append(round(ratio * 20) / 20)
    if not ratios:
        return _DEFAULT_SPACING
    counts = Counter(ratios)
    enough = max(2, math.ceil(0.1 * len(ratios)))
    for ratio in sorted(counts):
        if counts[ratio] + counts.get(round((ratio + 0.05) * 20) / 20, 0) >= enough:
            return ratio
    return counts.most_common(1)[0][0]


def _render(flows: list[_Flow], spacing: float) -> str:
    """One page of output: a form feed, then the flows' lines with paragraph breaks."""
    out: list[str] = []
    previous: _Line | None = None
    pending_break = False
    for flow in flows:
        if not flow.lines:
            pending_break = pending_break or flow.break_before
            continue
        if flow.break_before:
            pending_break = True
        for line in flow.lines:
            new_paragraph = pending_break or _is_paragraph_gap(previous, line, spacing)
            if new_paragraph and out and out[-1] != "":
                out.append("")
            pending_break = False
            if line.text:
                out.append(line.text)
            previous = line
    while out and out[-1] == "":
        out.pop()
    return "\f" + "".join(f"{line}\n" for line in out)


def _is_paragraph_gap(upper: _Line | None, lower: _Line, spacing: float) -> bool:
    if upper is None:
        return True
    gap = upper.y - lower.y
    return gap > _PARAGRAPH_GAP * spacing * min(upper.size, lower.size) or gap < 0
