"""Questions the frameworks cover only in part (``eval/data/partial_questions.jsonl``).

For each set and group: how many questions are answered plainly, answered with the "may not
speak to this directly" warning (`SearchResult.loose`), or judged not covered; and for those
with statements that bear on them, how often one is in the top 5. A partly covered question
should be warned about or answered from what bears on it; a covered one answered plainly; an
uncovered one not answered. Run: ``python -m eval.partial``.
"""

from __future__ import annotations

import json
from typing import Any

from eval.common import DATA, open_index, read_jsonl
from index.search import SearchIndex

PARTIAL_FILE = DATA / "partial_questions.jsonl"


def partial_cover(index: SearchIndex | None = None) -> dict[str, dict[str, dict[str, int]]]:
    """Counts by set and group.

    Keys: questions, plain, loose, not_covered, bearing (questions with ids that bear on them)
    and bearing_in_top5.
    """
    index = index or open_index()
    out: dict[str, dict[str, dict[str, int]]] = {}
    for row in read_jsonl(PARTIAL_FILE):
        r = index.search(row["question"], k=10)
        counts = out.setdefault(row["set"], {}).setdefault(
            row["group"],
            {"questions": 0, "plain": 0, "loose": 0, "not_covered": 0}
            | {"bearing": 0, "bearing_in_top5": 0},
        )
        counts["questions"] += 1
        state = "not_covered" if not r.in_scope else ("loose" if r.loose else "plain")
        counts[state] += 1
        bearing: set[str] = set()
        for sid in row["bearing"]:
            bearing.add(sid)
            s = index.by_id.get(sid)
            if s is not None:
                bearing.update(s.same_as)
        if bearing:
            counts["bearing"] += 1
            counts["bearing_in_top5"] += bool(bearing & {h.statement.id for h in r.hits[:5]})
    return out


def main() -> None:
    """Print the counts as JSON."""
    res: Any = partial_cover()
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
