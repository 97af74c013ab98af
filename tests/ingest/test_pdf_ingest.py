"""A DfE-style two-column PDF dropped into corpus/ is read into exactly numbered statements."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.pipeline import ingest_corpus
from tests.pdf_factory import (
    INTRO_PARAGRAPHS,
    SAMPLE_AREAS,
    AreaSpec,
    libreoffice_binary,
    make_framework_pdf,
    make_framework_pdf_via_docx,
)

MANIFEST = """
[[source]]
file = "npqlt.pdf"
frameworks = ["NPQLT"]
framework_version = "October 2020"
publisher = "Department for Education"
kind = "dfe-framework"
reader = "dfe-framework"
"""


def _expected(areas: tuple[AreaSpec, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for a in areas:
        for i, text in enumerate(a.evidence, start=1):
            out[f"NPQLT {a.number}.{i}"] = text
        for h, (heading, bullets) in enumerate(a.practice, start=1):
            out[f"NPQLT {a.number}.P{h}"] = heading
            for b, text in enumerate(bullets, start=1):
                out[f"NPQLT {a.number}.P{h}.{b}"] = text
    return out


def _ingest(tmp_path: Path, make) -> dict[str, str]:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    make(corpus / "npqlt.pdf")
    (corpus / "manifest.toml").write_text(MANIFEST, encoding="utf-8")
    result = ingest_corpus(corpus)
    assert not [w for w in result.warnings if w.category == "unreadable"]
    return {s.id: s.text for s in result.statements if s.framework == "NPQLT"}


@pytest.mark.parametrize("layout", ["rows", "cell"])
def test_reportlab_pdf_statements_exact(tmp_path: Path, layout: str) -> None:
    got = _ingest(tmp_path, lambda p: make_framework_pdf(p, SAMPLE_AREAS, layout=layout))
    assert got == _expected(SAMPLE_AREAS)


@pytest.mark.skipif(
    libreoffice_binary() is None, reason="LibreOffice not installed (make system-deps)"
)
def test_libreoffice_pdf_statements_exact(tmp_path: Path) -> None:
    got = _ingest(tmp_path, lambda p: make_framework_pdf_via_docx(p, SAMPLE_AREAS))
    assert got == _expected(SAMPLE_AREAS)


def test_pdf_needs_no_other_sources(tmp_path: Path) -> None:
    # The bundled corpus is not there: the reader works from the PDF alone.
    assert not (tmp_path / "corpus").exists()
    got = _ingest(tmp_path, lambda p: make_framework_pdf(p, SAMPLE_AREAS, layout="cell"))
    assert len(got) == len(_expected(SAMPLE_AREAS))
    shutil.rmtree(tmp_path / "corpus")


def test_a_pdfs_introduction_under_a_dfe_heading_is_a_section(tmp_path: Path) -> None:
    # A user's DfE PDF: its introduction ("Learn that…" and "Learn how to…" explained) is read
    # as a section of its own, in the PDF's words, and is no course page.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    heading = "Reforming the National Professional Qualification content frameworks"
    make_framework_pdf(corpus / "npqlt.pdf", SAMPLE_AREAS, intro_title=heading)
    (corpus / "manifest.toml").write_text(MANIFEST, encoding="utf-8")
    result = ingest_corpus(corpus)
    sections = [s for s in result.statements if s.kind == "provider_section"]
    assert [s.id for s in sections] == [
        "npqlt#reforming-the-national-professional-qualification-content-frameworks"
    ]
    (sec,) = sections
    assert sec.title == heading and not sec.is_course_page
    assert sec.text.split("\n\n") == list(INTRO_PARAGRAPHS)
    assert sec.sources[0].file == "npqlt.pdf"
    # Without a DfE heading the prose is no section (a page-break fragment would pass for one).
    plain = tmp_path / "plain"
    plain.mkdir()
    make_framework_pdf(plain / "npqlt.pdf", SAMPLE_AREAS)
    (plain / "manifest.toml").write_text(MANIFEST, encoding="utf-8")
    assert not [s for s in ingest_corpus(plain).statements if s.kind == "provider_section"]
