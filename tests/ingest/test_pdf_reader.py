"""extract_pdf_text on generated DfE-style framework PDFs, and on broken PDFs."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from ingest.errors import SourceError
from ingest.pdf_reader import extract_pdf_text
from tests.pdf_factory import (
    BAD_PDF_MAKERS,
    INTRO_PARAGRAPHS,
    LEARN_HOW,
    LEARN_THAT,
    RUNNING_HEADER,
    SAMPLE_AREAS,
    AreaSpec,
    libreoffice_binary,
    make_encrypted_pdf,
    make_framework_pdf,
    make_framework_pdf_via_docx,
    make_oversized_file,
    make_prose_pdf,
)

MIB = 1024 * 1024


def norm(text: str) -> str:
    """Join lines with a space and collapse runs of whitespace."""
    return re.sub(r"\s+", " ", text).strip()


def squash(text: str) -> str:
    """Drop all whitespace (for word processors that hyphenate: "long-" / "term")."""
    return re.sub(r"\s+", "", text)


def pages_of(text: str) -> list[str]:
    assert text.startswith("\f"), "the output must start with a form feed"
    return text.split("\f")[1:]


def columns(pages: list[str], headings: set[str]) -> tuple[list[str], list[str], int]:
    """Left and right column lines of the tables, and how many header rows were seen.

    A "Learn that…" line opens a left column, a "Learn how to…" line a right column; an
    area heading or a new page closes them. Lines outside the tables (prose) are ignored.
    """
    lefts: list[str] = []
    rights: list[str] = []
    header_rows = 0
    for page in pages:
        mode: list[str] | None = None
        saw_left = False
        for line in page.split("\n"):
            if line == LEARN_THAT:
                header_rows += 1
                mode, saw_left = lefts, True
            elif line == LEARN_HOW:
                assert saw_left, f"right column before the left one:\n{page}"
                mode = rights
            elif line in headings:
                mode, saw_left = None, False
            elif mode is not None:
                mode.append(line)
    return lefts, rights, header_rows


def assert_columns_intact(
    text: str, areas: tuple[AreaSpec, ...], page_count: int, fold: Callable[[str], str]
) -> None:
    pages = pages_of(text)
    assert len(pages) == page_count
    lefts, rights, header_rows = columns(pages, {area.heading for area in areas})
    # The tables cross at least one page break: the repeated header row shows it.
    assert header_rows > len(areas)
    left_stream = fold(" ".join(lefts))
    right_stream = fold(" ".join(rights))
    # The columns hold exactly the statements, in order, with nothing interleaved.
    assert left_stream == fold(" ".join(s for a in areas for s in a.numbered_evidence()))
    assert right_stream == fold(" ".join(i for a in areas for i in a.practice_items()))
    for area in areas:
        assert sum(area.heading in page for page in pages) == 1


def assert_items_start_paragraphs(text: str, areas: tuple[AreaSpec, ...]) -> None:
    lines = text.replace("\f", "\n").split("\n")
    for area in areas:
        for number in range(1, len(area.evidence) + 1):
            starts = [i for i, line in enumerate(lines) if line.startswith(f"{number}. ")]
            assert starts, f"no line starts evidence statement {number}"
            for i in starts:
                assert lines[i - 1] in ("", LEARN_THAT), f"not a new paragraph: {lines[i]!r}"
    bullets = [i for i, line in enumerate(lines) if line.startswith("•")]
    assert len(bullets) == sum(len(b) for a in areas for _, b in a.practice)
    for i in bullets:
        assert lines[i - 1] in ("", LEARN_HOW), f"bullet not a new paragraph: {lines[i]!r}"


def assert_no_running_lines(text: str) -> None:
    assert RUNNING_HEADER not in text
    for line in text.replace("\f", "\n").split("\n"):
        assert not re.fullmatch(r"\s*\d+\s*", line), f"page number left in: {line!r}"


@pytest.mark.parametrize("layout", ["rows", "cell"])
def test_framework_columns_are_not_interleaved(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "framework.pdf"
    make_framework_pdf(path, SAMPLE_AREAS, layout=layout)  # type: ignore[arg-type]
    page_count = len(PdfReader(path).pages)
    assert page_count >= 3

    text = extract_pdf_text(path)

    assert_columns_intact(text, SAMPLE_AREAS, page_count, norm)
    assert_items_start_paragraphs(text, SAMPLE_AREAS)
    assert_no_running_lines(text)
    # Typography is kept as printed.
    assert "pupils’ life chances" in text
    assert "Two – School Culture" in text


@pytest.mark.parametrize("layout", ["rows", "cell"])
def test_areas_run_on_after_prose_on_the_same_page(tmp_path: Path, layout: str) -> None:
    path = tmp_path / "framework.pdf"
    make_framework_pdf(path, SAMPLE_AREAS, layout=layout, new_page_per_area=False)  # type: ignore[arg-type]
    page_count = len(PdfReader(path).pages)

    text = extract_pdf_text(path)

    assert_columns_intact(text, SAMPLE_AREAS, page_count, norm)
    assert_no_running_lines(text)
    first = pages_of(text)[0]
    assert first.index(norm(INTRO_PARAGRAPHS[-1])[:40]) < first.index(SAMPLE_AREAS[0].heading)


def test_plain_pypdf_text_does_interleave_the_columns(tmp_path: Path) -> None:
    """The generated PDF is a real test: in content-stream order the columns are mixed."""
    path = tmp_path / "framework.pdf"
    make_framework_pdf(path, SAMPLE_AREAS)
    naive = norm(" ".join(page.extract_text() for page in PdfReader(path).pages))
    first, second = SAMPLE_AREAS[0].numbered_evidence()[:2]
    assert norm(first) in naive
    assert norm(f"{first} {second}") not in naive
    assert norm(f"{first} {second}") in norm(extract_pdf_text(path))


def test_prose_page_keeps_reading_order_and_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "framework.pdf"
    make_framework_pdf(path, SAMPLE_AREAS)

    first = pages_of(extract_pdf_text(path))[0]

    paragraphs = [norm(p) for p in first.split("\n\n") if p.strip()]
    assert paragraphs == [norm("About this framework"), *(norm(p) for p in INTRO_PARAGRAPHS)]


def test_single_page_drops_the_lone_page_number(tmp_path: Path) -> None:
    path = tmp_path / "prose.pdf"
    make_prose_pdf(path)

    text = extract_pdf_text(path)

    assert len(pages_of(text)) == 1
    assert not any(re.fullmatch(r"\d+", line) for line in text.split("\n"))
    assert norm(INTRO_PARAGRAPHS[-1]) in norm(text)


def test_encrypted_with_empty_user_password_is_read(tmp_path: Path) -> None:
    path = tmp_path / "owner-only.pdf"
    make_encrypted_pdf(path, user_password="")

    text = extract_pdf_text(path)

    assert norm(SAMPLE_AREAS[0].numbered_evidence()[0]) in norm(text)


@pytest.mark.skipif(libreoffice_binary() is None, reason="libreoffice is not installed")
def test_word_processor_pdf_columns_are_not_interleaved(tmp_path: Path) -> None:
    path = tmp_path / "framework-docx.pdf"
    make_framework_pdf_via_docx(path, SAMPLE_AREAS)
    page_count = len(PdfReader(path).pages)

    text = extract_pdf_text(path)

    assert_columns_intact(text, SAMPLE_AREAS, page_count, squash)
    assert_no_running_lines(text)


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("corrupt", "not a readable PDF"),
        ("not_pdf", "not a readable PDF"),
        ("empty_file", "not a readable PDF"),
        ("zero_pages", "PDF has no pages"),
        ("encrypted", "PDF is encrypted"),
        ("image_only", "PDF has no text layer (scanned image?): run OCR first"),
    ],
)
def test_bad_pdf_raises_source_error(tmp_path: Path, kind: str, reason: str) -> None:
    path = tmp_path / f"bad-{kind}.pdf"
    BAD_PDF_MAKERS[kind](path)

    with pytest.raises(SourceError) as raised:
        extract_pdf_text(path)

    assert raised.value.path == path
    assert reason in raised.value.reason
    assert str(raised.value).startswith(f"{path.name}: ")
    assert reason in str(raised.value)


def test_file_over_the_default_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    make_oversized_file(path, 250 * MIB)  # sparse: takes no disk space

    with pytest.raises(SourceError) as raised:
        extract_pdf_text(path)

    assert str(raised.value) == "huge.pdf: file is 250 MB, over the 200 MB limit"


def test_file_over_a_custom_limit(tmp_path: Path) -> None:
    path = tmp_path / "framework.pdf"
    make_framework_pdf(path, SAMPLE_AREAS[:1], intro=False)
    size = path.stat().st_size

    with pytest.raises(SourceError, match=r"over the .* limit"):
        extract_pdf_text(path, max_bytes=size - 1)
    assert "School Culture" in extract_pdf_text(path, max_bytes=size)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"^missing\.pdf: file not found$"):
        extract_pdf_text(tmp_path / "missing.pdf")


def test_truncated_pdf_never_leaks_a_pypdf_exception(tmp_path: Path) -> None:
    whole = tmp_path / "whole.pdf"
    make_framework_pdf(whole, SAMPLE_AREAS)
    data = whole.read_bytes()
    for cut in (len(data) // 3, len(data) // 2, len(data) - 200):
        path = tmp_path / f"cut-{cut}.pdf"
        path.write_bytes(data[:cut])
        try:
            text = extract_pdf_text(path)
        except SourceError as exc:
            assert exc.path == path
        else:
            assert text.startswith("\f")
