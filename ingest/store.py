"""The statement store: ``statements.jsonl`` and ``ingest_report.json`` in the data folder.

Both are written to a temporary file and renamed into place, so a failed build never leaves a
half-written store and the previous one stays intact.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from ingest.manifest import load_manifest
from ingest.pipeline import corpus_hash, ingest_corpus
from ingest.records import IngestResult, IngestWarning, Statement

STATEMENTS_FILE = "statements.jsonl"
REPORT_FILE = "ingest_report.json"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_store(result: IngestResult, data_dir: Path) -> None:
    """Write the statements and the ingest report (atomically, statements last-but-one)."""
    lines = "".join(json.dumps(s.to_json(), ensure_ascii=False) + "\n" for s in result.statements)
    report = {
        "corpus_hash": result.corpus_hash,
        "count": len(result.statements),
        "warnings": [
            {"file": w.file, "category": w.category, "message": w.message} for w in result.warnings
        ],
    }
    write_atomic(data_dir / STATEMENTS_FILE, lines)
    write_atomic(data_dir / REPORT_FILE, json.dumps(report, ensure_ascii=False, indent=1))


def load_store(data_dir: Path) -> IngestResult | None:
    """Read the store, or None when it is missing or unreadable (then ingest again)."""
    try:
        report = json.loads((data_dir / REPORT_FILE).read_text(encoding="utf-8"))
        rows = (data_dir / STATEMENTS_FILE).read_text(encoding="utf-8").splitlines()
        statements = tuple(Statement.from_json(json.loads(r)) for r in rows if r.strip())
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if len(statements) != report.get("count"):
        return None
    warnings = tuple(
        IngestWarning(w["file"], w["message"], w["category"]) for w in report.get("warnings", [])
    )
    return IngestResult(statements, warnings, str(report.get("corpus_hash", "")))


def load_or_ingest(
    corpus_dir: Path, data_dir: Path, *, progress: Callable[[str], None] | None = None
) -> tuple[IngestResult, bool]:
    """The current statements: from the store if the corpus is unchanged, else ingested anew.

    Returns:
        The result and whether ingest ran.
    """
    current = corpus_hash(corpus_dir, load_manifest(corpus_dir))
    stored = load_store(data_dir)
    if stored is not None and stored.corpus_hash == current:
        return stored, False
    result = ingest_corpus(corpus_dir, progress=progress)
    save_store(result, data_dir)
    return result, True
