"""Read a user's essay or paragraph from a file: .txt, .md, .docx or .pdf."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ingest.errors import SourceError
from ingest.readers import check_file, read_source_text

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".docx", ".pdf")


def read_document(path: Path, *, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """The text of an essay file.

    Word files give their paragraphs, then table cells, then footnotes; PDFs their text layer.

    Raises:
        SourceError: Unsupported type, too big, binary renamed, no text (e.g. a scanned PDF
            with no text layer), or a damaged Word file. The message names the file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    check_file(path, max_bytes)  # missing, a folder, too big
    if suffix not in SUFFIXES:
        raise SourceError(
            path, f"unsupported file type {suffix or '(none)'}; use {', '.join(SUFFIXES)}"
        )
    if suffix == ".docx":
        return _read_docx(path)
    return read_source_text(path, max_bytes=max_bytes)


def _read_docx(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SourceError(path, "not a readable Word (.docx) file") from exc
    parts = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                parts.append(" | ".join(dict.fromkeys(cells)))
    parts.extend(_footnotes(path))
    text = "\n\n".join(parts)
    if not text.strip():
        raise SourceError(path, "the Word file has no text")
    return text


def _footnotes(path: Path) -> list[str]:
    """Footnote texts (python-docx does not read them; they live in word/footnotes.xml)."""
    import re

    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/footnotes.xml").decode("utf-8", errors="replace")
    except (KeyError, zipfile.BadZipFile):
        return []
    notes = []
    for body in re.findall(r"<w:footnote\b[^>]*>(.*?)</w:footnote>", xml, re.S):
        text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", body)).strip()
        if text:
            notes.append(text)
    return notes
