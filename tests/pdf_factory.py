"""Write realistic test PDFs shaped like the DfE NPQ framework documents, and broken ones.

The DfE frameworks lay each area out as a two-column table: "Learn that…" numbered evidence
statements on the left, "Learn how to…" practice headings and "•" bullets on the right. The
table runs across page breaks, with its header row repeated, under a running header and over a
page-number footer. `make_framework_pdf` reproduces that with reportlab; the evidence and the
practice items sit side by side in the same table, so the PDF's text order interleaves columns,
as it does in the real documents.

Statement texts are from the DfE "National Professional Qualification (NPQ): Leading Teaching
Framework" (October 2020), Open Government Licence v3.0.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from pypdf import PdfReader, PdfWriter
from reportlab.lib.colors import black, grey
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

RUNNING_HEADER = "National Professional Qualification (NPQ): Test Framework"
LEARN_THAT = "Learn that…"
LEARN_HOW = "Learn how to…"
NUMBER_WORDS = ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")

INTRO_PARAGRAPHS: tuple[str, ...] = (
    "The frameworks set out two types of content. Within each area, key evidence statements "
    "(“Learn that…”) have been drawn from current high-quality evidence from the UK and "
    "overseas. This evidence includes high-quality reviews and syntheses, including "
    "meta-analyses and rigorous individual studies.",
    "In addition, the NPQ frameworks provide practical guidance on the skills that teachers and "
    "school/trust leaders should be supported to develop. Practice statements (“Learn how to…”) "
    "draw on both the best available educational research and on additional guidance from the "
    "Expert Advisory Group and other sector representatives.",
    "The EEF has independently reviewed the frameworks to ensure they draw on the best "
    "available evidence and that this evidence has been interpreted with fidelity.",
)


@dataclass(frozen=True)
class AreaSpec:
    """One framework area: its number, title, evidence statements and practice items.

    Attributes:
        number: Area number (1-10); the heading spells it out: ``Two – School Culture``.
        title: Area title, e.g. ``School Culture``.
        evidence: "Learn that…" statements without their numbers; numbered 1, 2, … in the PDF.
        practice: "Learn how to…" items: (heading ending "by:", its bullets).
    """

    number: int
    title: str
    evidence: list[str]
    practice: list[tuple[str, list[str]]]

    @property
    def heading(self) -> str:
        """The area heading as DfE prints it, e.g. ``Two – School Culture``."""
        return f"{NUMBER_WORDS[self.number - 1]} – {self.title}"

    def numbered_evidence(self) -> list[str]:
        """Evidence statements with their numbers, as they appear in the left column."""
        return [f"{i}. {text}" for i, text in enumerate(self.evidence, start=1)]

    def practice_items(self) -> list[str]:
        """Practice headings and bullets in reading order; bullets start with ``• ``."""
        items: list[str] = []
        for heading, bullets in self.practice:
            items.append(heading)
            items.extend(f"• {bullet}" for bullet in bullets)
        return items


SCHOOL_CULTURE = AreaSpec(
    number=2,
    title="School Culture",
    evidence=[
        "High-quality teaching has a long-term positive effect on pupils’ life chances, "
        "particularly for children from disadvantaged backgrounds.",
        "Teacher expectations can affect pupil outcomes; setting goals that challenge and "
        "stretch pupils is essential.",
        "Setting clear expectations can help communicate shared values that improve classroom "
        "and school culture.",
        "Teachers have the ability to affect and improve the wellbeing, motivation and "
        "behaviour of their pupils.",
        "Teachers are key role models, who can influence the attitudes, values and behaviours "
        "of their pupils.",
        "Teachers can influence pupils’ resilience and beliefs about their ability to succeed, "
        "by ensuring all pupils have the opportunity to experience meaningful success.",
        "A culture of mutual trust and respect between colleagues supports effective "
        "relationships.",
    ],
    practice=[
        (
            "Contribute to the creation of a culture of high expectations across the school by:",
            [
                "Articulating, modelling and rehearsing practices that contribute to the "
                "intended school culture and the responsibilities every member of the school "
                "community has in its creation.",
                "Developing colleagues’ ability, through articulating, modelling and rehearsing, "
                "to contribute to the intended school culture within lessons and at other times "
                "during the school day (e.g. extra-curricular activities and lunchtime).",
                "Using intentional and consistent language that promotes challenge and "
                "aspiration for all pupils and colleagues.",
                "Creating an environment for all pupils and colleagues where everyone feels "
                "welcome and safe and learning from mistakes is part of the daily routine.",
            ],
        ),
        (
            "Contribute to the creation of a culture of professional learning and continuous "
            "improvement for colleagues by:",
            [
                "Involving colleagues in the creation of short-, medium- and long-term "
                "priorities that will lead to improved outcomes for pupils and communicate "
                "these priorities regularly.",
                "Prioritising professional development and a shared responsibility for "
                "continuous improvement.",
            ],
        ),
    ],
)

CLASSROOM_PRACTICE = AreaSpec(
    number=5,
    title="Classroom Practice",
    evidence=[
        "Effective teaching can transform pupils’ knowledge, capabilities and beliefs about "
        "learning.",
        "Effective teachers introduce new material in steps, explicitly linking new ideas to "
        "what has been previously studied and learned.",
        "Modelling helps pupils understand new processes and ideas; good models make abstract "
        "ideas concrete and accessible.",
        "Guides, scaffolds and worked examples can help pupils apply new ideas, but should be "
        "gradually removed as pupil expertise increases.",
        "Explicitly teaching pupils metacognitive strategies linked to subject knowledge, "
        "including how to plan, monitor and evaluate, supports independence and academic "
        "success.",
        "Questioning is an essential tool for teachers; questions can be used for many "
        "purposes, including to check pupils’ prior knowledge, assess understanding, and break "
        "down problems.",
        "High-quality classroom discussion can support pupils to articulate key ideas, "
        "consolidate understanding and extend their vocabulary.",
        "Practice is an integral part of effective teaching; ensuring pupils have repeated "
        "opportunities to practise, with appropriate guidance and support, increases success.",
        "Paired and group activities can increase pupil outcomes, but to work together "
        "effectively pupils need guidance, support and practice.",
        "How pupils are grouped is also important; care should be taken to monitor the impact "
        "of groupings on pupil outcomes, behaviour and motivation.",
        "Homework can improve pupil outcomes, particularly for older pupils, but it is likely "
        "that the quality of homework and its relevance to main class teaching is more "
        "important than the amount set.",
    ],
    practice=[
        (
            "Support colleagues to plan effective lessons by:",
            [
                "Providing examples of how components of effective lessons (e.g. explanations, "
                "modelling, practice and questioning) might interact, highlighting that no one "
                "single structure will suit every lesson.",
                "Explaining that critical thinking and problem solving rely on pupils having the "
                "necessary foundational knowledge and that scaffolding should only be removed "
                "as pupils achieve high degrees of success.",
                "Emphasising the value of providing multiple opportunities for pupils to "
                "consolidate and practise applying new knowledge, skills and concepts.",
                "Explaining how to break tasks down into constituent components when first "
                "setting up independent practice.",
                "Ensuring that the teaching includes retrieval and spaced practice to build "
                "automatic recall of key knowledge and interleaving of concrete and abstract "
                "examples, slowly withdrawing concrete examples and drawing attention to the "
                "underlying structure of problems.",
            ],
        ),
        (
            "Support colleagues to explain and model effectively by:",
            [
                "Providing feedback on explanations that highlights the importance of "
                "explanations that start at the point of current pupil understanding and "
                "include concrete representation of abstract ideas (e.g. make use of "
                "metaphors).",
                "Providing feedback on modelling that highlights the importance of narrating "
                "thought processes to make it clear how an expert might think when completing "
                "the task, drawing pupils’ attention to links with prior knowledge, and making "
                "the steps in a process memorable to ensure pupils can recall them (e.g. naming "
                "them, developing mnemonics, or linking to memorable stories).",
            ],
        ),
        (
            "Encourage colleagues to stimulate pupil thinking and check for understanding by:",
            [
                "Supporting them to plan activities around what they want pupils to think hard "
                "about.",
                "Describing how a range of question types can improve the quality of class "
                "discussions (e.g. by modelling new vocabulary or asking pupils to justify "
                "answers to extend and challenge pupils).",
                "Providing scaffolds for pupil discussion to increase the focus and rigour of "
                "dialogue.",
            ],
        ),
    ],
)

SAMPLE_AREAS: tuple[AreaSpec, ...] = (SCHOOL_CULTURE, CLASSROOM_PRACTICE)

_BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=13.5, spaceAfter=9)
_CELL = ParagraphStyle("cell", parent=_BODY, spaceAfter=0)
_CELL_SPACED = ParagraphStyle("cell_spaced", parent=_BODY, spaceAfter=10)
_BULLET = ParagraphStyle("bullet", parent=_CELL, leftIndent=16, bulletIndent=2)
_BULLET_SPACED = ParagraphStyle("bullet_spaced", parent=_CELL_SPACED, leftIndent=16, bulletIndent=2)
_HEAD = ParagraphStyle("head", parent=_BODY, fontName="Helvetica-Bold")
_TITLE = ParagraphStyle("title", parent=_BODY, fontName="Helvetica-Bold", fontSize=16, leading=20)


def _running_header_and_footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    width, height = doc.pagesize
    canvas.saveState()
    canvas.setFont("Helvetica", 9)
    canvas.setFillColor(grey)
    canvas.drawString(doc.leftMargin, height - 36, RUNNING_HEADER)
    canvas.drawCentredString(width / 2, 30, str(doc.page))
    canvas.restoreState()


def _cell(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _practice_flowable(item: str, spaced: bool) -> Paragraph:
    if item.startswith("• "):
        style = _BULLET_SPACED if spaced else _BULLET
        return Paragraph(escape(item[2:]), style, bulletText="•")
    return _cell(item, _CELL_SPACED if spaced else _HEAD)


def _area_table(area: AreaSpec, layout: Literal["rows", "cell"], width: float) -> Table:
    header = [_cell(LEARN_THAT, _HEAD), _cell(LEARN_HOW, _HEAD)]
    evidence = area.numbered_evidence()
    practice = area.practice_items()
    data: list[list[object]]
    if layout == "rows":
        # Row i holds evidence i and practice item i, side by side, as in the DfE tables.
        data = [header]
        for i in range(max(len(evidence), len(practice))):
            left = _cell(evidence[i], _CELL) if i < len(evidence) else ""
            right = _practice_flowable(practice[i], spaced=False) if i < len(practice) else ""
            data.append([left, right])
        split_in_row = 0
    else:
        # One tall row per area, each column a stack of paragraphs, split across pages.
        left_cells: list[Flowable] = [_cell(text, _CELL_SPACED) for text in evidence]
        right_cells: list[Flowable] = [_practice_flowable(item, spaced=True) for item in practice]
        data = [header, [left_cells, right_cells]]
        split_in_row = 1
    table = Table(
        data,
        colWidths=[width / 2, width / 2],
        repeatRows=1,
        splitByRow=1,
        splitInRow=split_in_row,
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def make_framework_pdf(
    path: Path,
    areas: list[AreaSpec] | tuple[AreaSpec, ...] = SAMPLE_AREAS,
    *,
    layout: Literal["rows", "cell"] = "rows",
    intro: bool = True,
    new_page_per_area: bool = True,
    intro_title: str = "About this framework",
) -> None:
    """Write a DfE-style framework PDF: optional prose page, then one two-column table per area.

    Args:
        path: Where to write the PDF.
        areas: The areas, each starting on a new page under its heading.
        layout: ``rows``: one table row per statement, evidence i beside practice item i (the
            table crosses pages between rows). ``cell``: one tall row per area whose cells
            hold all the statements and split across pages mid-cell, as in the DfE PDFs.
        intro: Start with a page of one-column prose.
        new_page_per_area: Start each area on a new page (as DfE does); else run them on.
        intro_title: The prose page's heading.
    """
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=72,
        rightMargin=72,
        topMargin=72,
        bottomMargin=72,
        title="Test Framework",
    )
    story: list[Flowable] = []
    if intro:
        story.append(_cell(intro_title, _TITLE))
        story.append(Spacer(1, 8))
        story.extend(_cell(text, _BODY) for text in INTRO_PARAGRAPHS)
    for area in areas:
        if story:
            story.append(PageBreak() if new_page_per_area else Spacer(1, 18))
        story.append(_cell(area.heading, _TITLE))
        story.append(Spacer(1, 10))
        story.append(_area_table(area, layout, doc.width))
    doc.build(
        story,
        onFirstPage=_running_header_and_footer,
        onLaterPages=_running_header_and_footer,
    )


def make_prose_pdf(path: Path, paragraphs: tuple[str, ...] = INTRO_PARAGRAPHS) -> None:
    """Write a one-column PDF of prose paragraphs, with the running header and page numbers."""
    doc = SimpleDocTemplate(str(path), pagesize=A4, topMargin=72, bottomMargin=72)
    story: list[Flowable] = [_cell(text, _BODY) for text in paragraphs]
    doc.build(
        story,
        onFirstPage=_running_header_and_footer,
        onLaterPages=_running_header_and_footer,
    )


# Broken PDFs ---------------------------------------------------------------------------------


def make_corrupt_pdf(path: Path) -> None:
    """Write bytes that start like a PDF but are not one."""
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\nthis is not a PDF\n")


def make_not_pdf(path: Path) -> None:
    """Write a plain text file with a .pdf name."""
    path.write_text("Learn that… this is a text file, not a PDF.\n", encoding="utf-8")


def make_empty_file(path: Path) -> None:
    """Write a zero-byte file."""
    path.write_bytes(b"")


def make_zero_page_pdf(path: Path) -> None:
    """Write a well-formed PDF with no pages."""
    with path.open("wb") as handle:
        PdfWriter().write(handle)


def make_encrypted_pdf(path: Path, user_password: str = "secret") -> None:
    """Write a framework PDF encrypted with a user password (so it cannot be opened without)."""
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "plain.pdf"
        make_framework_pdf(plain, [SCHOOL_CULTURE], intro=False)
        writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(
        user_password=user_password, owner_password="owner-" + user_password, algorithm="RC4-128"
    )
    with path.open("wb") as handle:
        writer.write(handle)


def make_image_only_pdf(path: Path, pages: int = 2) -> None:
    """Write a PDF whose pages hold only drawn shapes and an inline image: no text at all."""
    canvas = Canvas(str(path), pagesize=A4)
    width, height = A4
    for _ in range(pages):
        canvas.setFillColor(grey)
        canvas.rect(72, height / 2, width - 144, 200, fill=1, stroke=1)
        for row in range(20):
            canvas.line(90, height / 2 - 20 - row * 14, width - 90, height / 2 - 20 - row * 14)
        canvas.showPage()
    canvas.save()


def make_oversized_file(path: Path, size: int) -> None:
    """Write a sparse file of `size` bytes that starts like a PDF (for the size limit)."""
    with path.open("wb") as handle:
        handle.write(b"%PDF-1.7\n")
        handle.truncate(size)


BAD_PDF_MAKERS: dict[str, Callable[[Path], None]] = {
    "corrupt": make_corrupt_pdf,
    "not_pdf": make_not_pdf,
    "empty_file": make_empty_file,
    "zero_pages": make_zero_page_pdf,
    "encrypted": make_encrypted_pdf,
    "image_only": make_image_only_pdf,
}


# Via Word and LibreOffice --------------------------------------------------------------------


def libreoffice_binary() -> str | None:
    """The LibreOffice command on this machine, or None."""
    return shutil.which("libreoffice") or shutil.which("soffice")


def _repeat_as_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _page_number_field(paragraph: object) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)  # type: ignore[attr-defined]


def make_framework_docx(
    path: Path, areas: list[AreaSpec] | tuple[AreaSpec, ...] = SAMPLE_AREAS
) -> None:
    """Write a Word document laid out like the DfE frameworks (one 2-column table per area)."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    section = document.sections[0]
    section.header.paragraphs[0].text = RUNNING_HEADER
    _page_number_field(section.footer.paragraphs[0])
    for i, area in enumerate(areas):
        heading = document.add_paragraph()
        heading.add_run(area.heading).bold = True
        table = document.add_table(rows=2, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text = LEARN_THAT
        table.rows[0].cells[1].text = LEARN_HOW
        _repeat_as_header(table.rows[0])
        left, right = table.rows[1].cells
        for cell, items in ((left, area.numbered_evidence()), (right, area.practice_items())):
            cell.paragraphs[0].text = items[0]
            for item in items[1:]:
                cell.add_paragraph("")
                cell.add_paragraph(item)
        if i < len(areas) - 1:
            document.add_page_break()
    document.save(str(path))


def make_framework_pdf_via_docx(
    path: Path, areas: list[AreaSpec] | tuple[AreaSpec, ...] = SAMPLE_AREAS
) -> None:
    """Write the framework as .docx with python-docx, then convert it with LibreOffice.

    Raises:
        FileNotFoundError: LibreOffice is not installed.
        RuntimeError: The conversion did not produce a PDF.
    """
    binary = libreoffice_binary()
    if binary is None:
        raise FileNotFoundError("libreoffice is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / (path.stem + ".docx")
        make_framework_docx(source, areas)
        profile = (work / "profile").as_uri()
        result = subprocess.run(
            [
                binary,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                str(source),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        produced = work / (path.stem + ".pdf")
        if not produced.exists():
            raise RuntimeError(f"libreoffice did not convert {source.name}: {result.stderr}")
        shutil.copyfile(produced, path)
