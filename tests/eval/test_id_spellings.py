"""The citation parser on the blind id-spelling set (``eval/data/id_spellings.jsonl``)."""

from __future__ import annotations

import re

from eval.common import read_jsonl
from eval.ids import IDS_FILE, SETS, run

CANONICAL = re.compile(r"^NPQ(SL|EL|LT) \d{1,2}\.(\d{1,2}|P\d{1,2}(\.\d{1,2})?)$")
# A practice heading quoted before its bullet ("9.P1 'Learn how to' bullet 6"), a range across
# two areas (its two ends are read), a writer unsure of the framework (both are read) and a
# notation example ("cited in the form … e.g. 4.P2.3"): read, and shown to the user with the
# statement's text.
KNOWN = {"a084", "a217", "a219", "b018"}


def test_the_set_is_well_formed() -> None:
    rows = list(read_jsonl(IDS_FILE))
    assert len(rows) == 420 and {r["set"] for r in rows} == set(SETS)
    assert len({r["sid"] for r in rows}) == len(rows)
    for r in rows:
        assert r["text"].strip() and r["why"].strip()
        assert all(CANONICAL.match(i) for i in r["expected"]), r


def test_no_id_is_read_that_the_writer_did_not_mean() -> None:
    res = run()
    wrong = {r["sid"]: r["not_meant"] for r in res["lines"] if r["not_meant"]}
    assert set(wrong) <= KNOWN, {k: v for k, v in wrong.items() if k not in KNOWN}
    t = res["totals"]
    # Before the twelfth round's parser work: 172 and 130 lines read exactly, 10 and 7 with
    # an id not meant ("NPQSL 4.P2.1-3" read as NPQSL 4.3).
    assert t["design"]["exact"] >= 203 and t["second"]["exact"] >= 164
