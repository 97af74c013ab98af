"""Turn a source file (text, HTML or PDF) into text, with clear errors for bad files."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ingest.errors import SourceError

MAX_BYTES = 200 * 1024 * 1024
TEXT_SUFFIXES = (".txt", ".md", ".text")
HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)


def check_file(path: Path, max_bytes: int) -> int:
    """The file's size in bytes; `SourceError` if it is missing or over ``max_bytes``."""
    if path.is_dir():
        raise SourceError(path, "is a folder, not a file")
    if not path.is_file():
        raise SourceError(path, "file not found")
    size = path.stat().st_size
    if size > max_bytes:
        raise SourceError(
            path,
            f"file is {size / 1024 / 1024:.0f} MB, over the {max_bytes / 1024 / 1024:.0f} MB limit",
        )
    return size


def read_source_text(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """Return the text of a corpus file, whatever its format.

    Raises:
        SourceError: The file is missing, too big, binary, not UTF-8, an unreadable PDF, or an
            unsupported type. The message names the file and the reason.
    """
    size = check_file(path, max_bytes)
    if size == 0:
        raise SourceError(path, "file is empty")
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        from ingest.pdf_reader import extract_pdf_text

        return extract_pdf_text(path, max_bytes=max_bytes)
    if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES:
        raise SourceError(
            path,
            f"unsupported file type {suffix or '(none)'}; use .txt, .md, .html or .pdf",
        )
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise SourceError(path, "binary file, not text (is it a PDF or Word file renamed?)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(
            path,
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8 and run ingest again",
        ) from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if suffix in HTML_SUFFIXES or re.match(r"\s*(<!doctype html|<html)", text[:500], re.I):
        text = html_to_text(text)
    if not text.strip():
        raise SourceError(path, "no text in the file")
    return text


_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "td",
        "th",
        "blockquote",
        "dd",
        "dt",
    ]
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "nav"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag == "li":
            self.parts.append("\n• ")
        elif tag in ("td", "th"):
            self.parts.append(" | ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS and self.skip:
            self.skip -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(html: str) -> str:
    """Extract readable text from HTML: one block per line, list items as bullets."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [ln.strip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln or (out and out[-1]):
            out.append(ln)
    return "\n".join(out).strip() + "\n"
