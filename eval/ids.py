"""The citation parser (``ingest/ids.py``) on ``eval/data/id_spellings.jsonl``.

420 lines of text as users write them (essay sentences, chat, tutors' feedback, reference
lists, text full of numbers that are no citations), each labelled with the ids a careful tutor
reads as cited, written by two sessions that never saw the parser:

* ``design`` (220, a catalogue of spellings): used to build the parser's twelfth-round rules;
* ``second`` (200, five writers' habits: an essay, a CEO's phone chat, a facilitator's
  feedback, other courses' numbers, numbers that are no citations): run once after the
  design work, then two rules mended from it (see ``eval/data/README.md``).

Measures, per set: lines read exactly; **lines where an id not meant is read** (the worst
failure: the checker would check, and a user would trust, an id the writer never cited);
lines where a meant id is missed; and precision and recall over ids. Ids of NPQs this corpus
does not hold (NPQH 4.9) are read by design, so that the checker can say they are not held;
they are left out of the counts.

    npq eval ids
"""

from __future__ import annotations

from typing import Any

from eval.common import DATA, read_jsonl, save_report, set_bars, set_eval_main
from ingest.frameworks import FRAMEWORK_NAMES
from ingest.ids import find_citations, resolve_bare

IDS_FILE = DATA / "id_spellings.jsonl"
SETS = ("design", "second")


def read_ids(text: str) -> list[str]:
    """The held frameworks' ids the parser reads in ``text`` (bare numbers resolved)."""
    cites = resolve_bare(find_citations(text), text)
    return [c.id for c in cites if c.id is not None and c.framework in FRAMEWORK_NAMES]


def score_line(row: dict[str, Any]) -> dict[str, Any]:
    """One line: what was read against what was meant."""
    got = read_ids(row["text"])
    want = list(row["expected"])
    return {
        "sid": row["sid"],
        "set": row["set"],
        "got": got,
        "expected": want,
        "exact": got == want,
        "not_meant": [i for i in got if i not in want],
        "missed": [i for i in want if i not in got],
    }


def run() -> dict[str, Any]:
    """Every line scored, and the totals per set."""
    lines = [score_line(r) for r in read_jsonl(IDS_FILE)]
    totals: dict[str, dict[str, Any]] = {}
    for name in SETS:
        rows = [r for r in lines if r["set"] == name]
        got = sum(len(r["got"]) for r in rows)
        want = sum(len(r["expected"]) for r in rows)
        wrong = sum(len(r["not_meant"]) for r in rows)
        missed = sum(len(r["missed"]) for r in rows)
        totals[name] = {
            "lines": len(rows),
            "exact": sum(r["exact"] for r in rows),
            "lines_not_meant": sum(bool(r["not_meant"]) for r in rows),
            "lines_missed": sum(bool(r["missed"]) for r in rows),
            "precision": (got - wrong) / got if got else 1.0,
            "recall": (want - missed) / want if want else 1.0,
        }
    return {"totals": totals, "lines": lines}


def report() -> str:
    """Run, write ``eval/reports/ids.{md,json,png}`` and return the Markdown."""
    res = run()
    t = res["totals"]
    lines = [
        "# Citation ids as users write them",
        "",
        "`npq eval ids`: every line of `eval/data/id_spellings.jsonl` through "
        "`ingest/ids.py` (see `eval/ids.py`). An id of an NPQ not held here (NPQH…) is read "
        "so that the checker can say so, and is not counted.",
        "",
        "| set | lines | read exactly | with an id not meant | with a meant id missed "
        "| precision of ids | recall of ids |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name in SETS:
        x = t[name]
        lines.append(
            f"| {name} | {x['lines']} | {x['exact']} | {x['lines_not_meant']} "
            f"| {x['lines_missed']} | {x['precision']:.3f} | {x['recall']:.3f} |"
        )
    wrong = [r for r in res["lines"] if r["not_meant"]]
    if wrong:
        lines += ["", "Lines where an id not meant is read:", ""]
        lines += [f"- {r['sid']}: {', '.join(r['not_meant'])}" for r in wrong]
    lines += ["", "![citation ids](ids.png)", ""]
    text = "\n".join(lines)
    names = ("exact", "lines_not_meant", "lines_missed")
    fig = set_bars(
        "Citation ids as users write them",
        ("read exactly", "an id not meant", "a meant id missed"),
        {name: [t[name][n] / t[name]["lines"] for n in names] for name in SETS},
        ylabel="share of lines",
    )
    save_report("ids", text, res, fig)
    return text


def main(argv: list[str] | None = None) -> int:
    """``npq eval ids``."""
    return set_eval_main("npq eval ids", report, argv)


if __name__ == "__main__":
    raise SystemExit(main())
