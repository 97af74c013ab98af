"""Document expansions: for each statement, a few texts in users' own words that it answers.

Teachers search in their words ("kids keep forgetting last term's topic"); the frameworks use
theirs ("retrieval practice", "long-term memory"). ``index/data/expansions.jsonl`` holds, for
every distinct statement text in the bundled frameworks, three such texts (a plain question, a
school scenario, keywords), written for this project without reference to the evaluation
questions. They are embedded as extra vectors and added to the keyword text of their statement
(doc2query-style expansion); statements without expansions are searched as they are.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

EXPANSIONS_FILE = Path(__file__).resolve().parent / "data" / "expansions.jsonl"


@functools.cache
def load_expansions(path: Path = EXPANSIONS_FILE) -> dict[str, tuple[str, ...]]:
    """Statement id -> its expansion texts. Missing file: no expansions (a warning-free no-op)."""
    out: dict[str, tuple[str, ...]] = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        queries = tuple(str(q) for q in row.get("queries", []) if str(q).strip())
        for sid in row.get("ids", []):
            out[str(sid)] = out.get(str(sid), ()) + queries
    return out
