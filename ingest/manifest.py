"""The corpus manifest: which documents there are, what they hold, and which reader reads them."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ingest.errors import ManifestError
from ingest.records import FRAMEWORKS

Reader = Literal["dfe-framework", "provider-page", "legacy-programme"]
READERS: tuple[Reader, ...] = ("dfe-framework", "provider-page", "legacy-programme")
MANIFEST_NAME = "manifest.toml"


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """One document of the corpus, as the manifest describes it."""

    file: str
    title: str
    frameworks: tuple[str, ...]
    framework_version: str
    publisher: str
    kind: str
    reader: Reader
    origin: str
    licence: str

    @property
    def stem(self) -> str:
        """The file name without its extension: the prefix of its section ids."""
        return Path(self.file).stem.lower()


def load_manifest(corpus_dir: Path) -> list[SourceEntry]:
    """Read ``corpus_dir/manifest.toml``.

    Raises:
        ManifestError: The manifest is missing or malformed, or an entry names an unknown reader
            or framework. Entries are checked one by one so the message names the entry.
    """
    path = corpus_dir / MANIFEST_NAME
    if not path.is_file():
        raise ManifestError(f"{path}: no corpus manifest; every source needs an entry there")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: not valid TOML: {exc}") from exc
    rows = data.get("source")
    if not isinstance(rows, list) or not rows:
        raise ManifestError(f"{path}: no [[source]] entries")
    entries: list[SourceEntry] = []
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or "file" not in row:
            raise ManifestError(f"{path}: source entry {n} has no 'file'")
        file = str(row["file"])
        reader = str(row.get("reader", ""))
        if reader not in READERS:
            raise ManifestError(
                f"{path}: source {file!r} names unknown reader {reader!r}; "
                f"expected one of {', '.join(READERS)}"
            )
        frameworks = tuple(str(f) for f in row.get("frameworks", []))
        unknown = [f for f in frameworks if f not in FRAMEWORKS]
        if unknown:
            raise ManifestError(
                f"{path}: source {file!r} names unknown framework(s) {unknown}; "
                f"expected some of {', '.join(FRAMEWORKS)}"
            )
        if reader == "dfe-framework" and len(frameworks) != 1:
            raise ManifestError(
                f"{path}: source {file!r} is a dfe-framework document and must name exactly one "
                f"framework, not {list(frameworks)}"
            )
        entries.append(
            SourceEntry(
                file=file,
                title=str(row.get("title", Path(file).stem)),
                frameworks=frameworks,
                framework_version=str(row.get("framework_version", "")),
                publisher=str(row.get("publisher", "")),
                kind=str(row.get("kind", reader)),
                reader=reader,
                origin=str(row.get("origin", "")),
                licence=str(row.get("licence", "")),
            )
        )
    return entries
