"""Loading shared by the evaluations: the corpus, the index, the question sets."""

from __future__ import annotations

import argparse
import functools
import io
import json
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from assistant.settings import Settings
from index.encoder import default_encoder
from index.expansions import load_expansions
from index.search import SearchIndex
from index.store import ensure_index
from ingest.records import IngestResult
from ingest.store import load_or_ingest

DATA = Path(__file__).resolve().parent / "data"
REPORTS = Path(__file__).resolve().parent / "reports"


@functools.cache
def corpus(settings: Settings | None = None) -> IngestResult:
    """The statements of the configured corpus (ingested if the store is stale)."""
    cfg = settings or Settings()
    return load_or_ingest(cfg.corpus_dir, cfg.data_dir)[0]


@functools.cache
def open_index(model: str = "") -> SearchIndex:
    """The search index over the configured corpus, built if needed."""
    cfg = Settings()
    result = corpus()
    encoder = default_encoder(model or cfg.model, cfg.models_dir)
    stored = ensure_index(
        result.statements,
        encoder,
        cfg.data_dir / "index",
        result.corpus_hash,
        expansions=load_expansions(),
    )
    return SearchIndex(stored, encoder)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Rows of a jsonl file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


FIRST_BATCH_LAST = 163  # q001-q163 were written first; q164-q243 later, by other assessors
BATCHES = {
    "batch 1": "batch 1 (q001–q163)",
    "batch 2": "batch 2 (q164–q243, written later, blind to the system)",
}


def batch_of(qid: str) -> str:
    """``batch 1`` or ``batch 2``: which writing of the gold set a question id belongs to."""
    return "batch 1" if int(qid.lstrip("q")) <= FIRST_BATCH_LAST else "batch 2"


def questions(split: str | None = None) -> list[dict[str, Any]]:
    """The retrieval questions, optionally one split (``dev`` or ``test``)."""
    rows = read_jsonl(DATA / "retrieval_questions.jsonl")
    return [r for r in rows if split in (None, "all", r["split"])]


def gold_ids(question: dict[str, Any], index: SearchIndex) -> set[str]:
    """Relevant ids of a question; provider phrases are mapped to the sections holding them."""
    rel = set(question["relevant"])
    for ref in question.get("relevant_text", []):
        file, phrase = ref.split("::", 1)
        stem = Path(file).stem.lower()
        for s in index.statements:
            if s.kind == "provider_section" and s.id.startswith(stem + "#") and phrase in s.text:
                rel.add(s.id)
    return rel


class QuestionFileError(ValueError):
    """A question file that cannot be scored; the message names the file, line and problem."""


QUESTION_FIELDS = ("question", "query", "text")  # the question's text, first one present
# Other names a question file may give its fields (the first one present is read).
RELEVANT_FIELDS = ("relevant", "relevant_ids", "gold", "gold_ids", "expected_ids")
QID_FIELDS = ("qid", "id", "query_id", "question_id")


def load_question_file(path: Path, index: SearchIndex) -> list[dict[str, Any]]:
    """Questions with their relevant ids from any jsonl file, checked against the corpus.

    One JSON object a line, in the gold set's format (``eval/data/README.md``): ``question``
    (or ``query`` / ``text``), ``relevant`` (or ``relevant_ids`` / ``gold`` / ``gold_ids`` /
    ``expected_ids``: statement ids in any spelling users type, "NPQ SL 4.9", or provider
    section ids), and optionally ``qid`` (or ``id`` / ``query_id`` / ``question_id``), ``kind`` and
    ``relevant_text`` (``<corpus file>::<phrase>``). A question with neither relevant ids nor
    phrases is out of scope. Ids come back canonical.

    Raises:
        QuestionFileError: The file cannot be read, a line is not a JSON object, a question is
            empty, a qid repeats, or a relevant id or phrase is not in the corpus: a gold id
            that matches nothing would quietly count as a miss.
    """
    from ingest.ids import parse_id

    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise QuestionFileError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise QuestionFileError(f"{path}: is a folder, not a jsonl file") from None
    except UnicodeDecodeError:
        raise QuestionFileError(f"{path}: not UTF-8 text (a jsonl file is expected)") from None
    except OSError as exc:
        raise QuestionFileError(f"{path}: cannot be read ({exc.strerror})") from None
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path} line {n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise QuestionFileError(f"{where}: not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise QuestionFileError(f"{where}: a JSON object is expected, got {type(row).__name__}")
        text = next((row[f] for f in QUESTION_FIELDS if f in row), None)
        if not isinstance(text, str) or not text.strip():
            raise QuestionFileError(f'{where}: no question (a non-empty "question" string)')
        qid = str(next((row[f] for f in QID_FIELDS if row.get(f) is not None), f"line {n}"))
        if qid in seen:
            raise QuestionFileError(f"{where}: qid {qid!r} appears twice")
        seen.add(qid)
        relevant = _listed(row, next((f for f in RELEVANT_FIELDS if f in row), "relevant"), where)
        ids: list[str] = []
        for raw in relevant:
            bare = raw.strip().strip("[]()").strip()
            sid = bare if bare in index.by_id else parse_id(raw)
            if sid is None or sid not in index.by_id:
                raise QuestionFileError(
                    f"{where}: relevant id {raw!r} is not a statement or section of the corpus"
                )
            ids.append(sid)
        phrases = _listed(row, "relevant_text", where)
        for ref in phrases:
            if "::" not in ref or not gold_ids({"relevant": [], "relevant_text": [ref]}, index):
                raise QuestionFileError(
                    f"{where}: relevant_text {ref!r} is not a phrase of a provider page section "
                    "(written <corpus file>::<phrase>)"
                )
        kind = str(row.get("kind") or ("unlabelled" if ids or phrases else "out_of_scope"))
        out.append(
            {"qid": qid, "question": text, "relevant": ids, "relevant_text": phrases, "kind": kind}
        )
    if not out:
        raise QuestionFileError(f"{path}: no questions (one JSON object a line is expected)")
    return out


def _listed(row: dict[str, Any], field: str, where: str) -> list[str]:
    value = row.get(field) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise QuestionFileError(f"{where}: {field!r} must be a list of strings")
    return value


def pyplot() -> Any:
    """Matplotlib's pyplot on the file-only Agg backend (reports are written, never shown)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def set_bars(
    title: str, labels: Sequence[str], values: Mapping[str, Sequence[float]], ylabel: str = ""
) -> Any:
    """A bar chart of measures (``labels``) side by side for each question set, scaled 0-1.

    Args:
        title: The chart's title.
        labels: The measures, on the x axis.
        values: Set name -> its value for each measure, in ``labels``' order.
        ylabel: The y axis's label.

    Returns:
        The figure, for :func:`save_report`.
    """
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(7, 3.2))
    width = 0.76 / max(1, len(values))
    for i, (name, vals) in enumerate(values.items()):
        ax.bar([j + i * width for j in range(len(labels))], list(vals), width, label=name)
    ax.set_xticks([j + width * (len(values) - 1) / 2 for j in range(len(labels))], list(labels))
    if ylabel:
        ax.set_ylabel(ylabel)
    ax.set_ylim(0, 1)
    ax.set_title(title)
    ax.legend()
    fig.tight_layout()
    return fig


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and `os.replace`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it private; reports are for everyone to read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def figure_png(fig: Any) -> bytes:
    """A matplotlib figure as PNG bytes (then closed)."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=120, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def save_report(name: str, text: str, results: Any, fig: Any) -> None:
    """Write ``name``.md, ``name``.json and ``name``.png under eval/reports/, each atomically."""
    write_atomic_bytes(REPORTS / f"{name}.md", text.encode("utf-8"))
    write_atomic_bytes(REPORTS / f"{name}.json", json.dumps(results, indent=1).encode("utf-8"))
    write_atomic_bytes(REPORTS / f"{name}.png", figure_png(fig))


def set_eval_main(prog: str, report: Callable[[], str], argv: list[str] | None) -> int:
    """``npq eval NAME`` for a question set without splits: run, write and print its report.

    ``--split`` is accepted (``npq eval`` passes one to every evaluation) and ignored.
    """
    ap = argparse.ArgumentParser(prog=prog)
    ap.add_argument("--split", default="all", help="ignored: the set has no splits")
    ap.parse_args(argv)
    print(report())
    return 0
