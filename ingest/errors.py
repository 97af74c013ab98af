"""Domain errors raised by ingest. Each names the file and says what is wrong with it."""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """A source document cannot be read: corrupt, encrypted, empty, image-only, too big.

    Attributes:
        path: The offending file.
        reason: What is wrong, in words a user understands.
        page: The 1-based page, when the problem is on one page.
    """

    def __init__(self, path: Path | str, reason: str, page: int | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.page = page
        where = f"{self.path.name}" + (f" (page {page})" if page is not None else "")
        super().__init__(f"{where}: {reason}")


class ManifestError(Exception):
    """The corpus manifest is missing, malformed or names an unknown reader or file."""
