"""The checker on the user-test essays (eval/data/user_test_essays): labels and results."""

from __future__ import annotations

import pytest

from eval.citations import USER_TEST, user_test_essays
from eval.common import read_jsonl
from index.search import SearchIndex
from ingest.ids import find_citations

pytestmark = pytest.mark.slow


def test_labels_follow_each_essays_citations_in_order() -> None:
    rows = read_jsonl(USER_TEST / "labels.jsonl")
    assert (
        len(rows)
        == 51
        + 68
        + 75
        + 79
        + 80
        + 86
        + 89
        + 90
        + 87
        + 107
        + 108
        + 107
        + 107
        + 106
        + 107
        + 107
        + 106
        + 108
        + 107
        + 107
        + 108
    )
    assert {r["set"] for r in rows} == {
        "design",
        "held_out",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
        "twentyfirst",
    }
    for name in sorted({r["essay"] for r in rows}):
        text = (USER_TEST / name).read_text(encoding="utf-8")
        ids = [c.id for c in find_citations(text)]
        assert ids == [r["cited"] for r in rows if r["essay"] == name]
    assert {r["verdict"] for r in rows} == {
        "supported",
        "wrong_number",
        "unsupported",
        "nonexistent",
    }


def test_the_checker_on_the_user_test_essays(monkeypatch, search_index: SearchIndex) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("eval.citations.open_index", lambda: search_index)
    res = user_test_essays()
    # What the report claims: design 50 of 51 verdicts right (42 before this round's
    # changes); held out 61 of 68 (58 at its first run, 46 before the round); no right
    # citation called a wrong number.
    assert res["design"]["verdicts_right"] >= 49
    assert res["design"]["suggestions_right"] >= res["design"]["suggestions"] - 2
    assert res["held_out"]["verdicts_right"] >= 58  # its first run: 58 of 68
    # The third user test (seventeenth round): 68 of 75 verdicts and 17 of 22 suggestions
    # right at its first run, before the changes made on it; 74 and 20 after.
    assert res["third"]["verdicts_right"] >= 73
    assert res["third"]["suggestions_right"] >= 19
    # The fourth, written after those changes: 71 of 79 and 16 of 20 at its first run; then
    # changes made on it (it is no longer held out): 75 and 19.
    assert res["fourth"]["verdicts_right"] >= 76  # 75 before the sixth set's changes
    assert res["fourth"]["suggestions_right"] >= 20
    # The fifth, written after those, blind to them: 76 of 80 and 19 of 20 at its first run
    # (held out); two changes made on it since (an id cited beside another; "the evidence is
    # clear", "the most reliable"): 78.
    assert res["fifth"]["verdicts_right"] >= 78
    assert res["fifth"]["suggestions_right"] >= 20
    # The sixth (twenty-third round), blind to everything before: 78 of 86 and 23 of 25 at its
    # first run (held out); its five contradictions in other words all passed. Changes made on
    # it since (a relative clause saying what the subject is: "a minor issue that leaders need
    # not consider"; "need little guidance"; "did not need to"; the part up to a citation
    # inside a sentence; a statement holding the sentence's words is its number): 83.
    assert res["sixth"]["verdicts_right"] >= 83
    assert res["sixth"]["suggestions_right"] >= 24
    # The seventh (twenty-sixth round), by sessions that saw only the statements: 72 of 89
    # and 16 of 23 at its first run (held out), no wrong number accepted; since then a number
    # off its sentence's topic is sent to the statement that fits (Y1.13, Y2.11, Y3.5), the
    # cited framework's wording is offered (Y3.13) and of two alike the wordier (Y5.16).
    assert res["seventh"]["verdicts_right"] >= 83
    assert res["seventh"]["suggestions_right"] >= 23
    # The eighth, written after those changes and blind to them: 72 of 90 and 17 of 23 at its
    # first run (held out), one wrong number accepted (Z4.17, repeating NPQSL 8.12's words);
    # since then a near quotation of another statement, "proved exactly", "solely", settled
    # content and a single source caught: 78 and 18.
    assert res["eighth"]["verdicts_right"] >= 78
    assert res["eighth"]["suggestions_right"] >= 18
    # The ninth (twenty-seventh round), by a session blind to the tool: 73 of 87 and 17 of 21
    # at its first run (held out), no wrong number accepted; ten right citations doubted.
    # Since then the cited framework's own wording offered (AA1.11) and "without the teacher
    # guiding" read as turning NPQLT 5.8 around (AA3.8): 74 and 18.
    assert res["ninth"]["verdicts_right"] >= 74
    assert res["ninth"]["suggestions_right"] >= 18
    # The tenth (twenty-eighth round), six essays by two sessions blind to the tool: 81 of
    # 107 and 22 of 23 at its first run (held out), no wrong number accepted, but three
    # contradictions in other words and one overclaim passed, and two right numbers were
    # called wrong. Since then a citation in the cited statement's words more than a nearer
    # one's is supported (BB1.6, BB4.10), "with certainty", "clear-cut", "the sheer volume of
    # hours that counts" and "its own simplified worksheet" caught, and the search's first
    # taken as the nearer statement when it is that statement's twin (BB2.4): 88 and 23.
    assert res["tenth"]["verdicts_right"] >= 88
    assert res["tenth"]["suggestions_right"] >= 23
    # The eleventh, written after those changes (two sessions asked for a statement's warning
    # praised and a ranking turned round in each essay): 84 of 108 at its first run, the same
    # as the build before the round, five wrong claims passing (four reversed rankings). Since
    # then "counts for more than", "matters more to behaviour than", "a stronger evidence
    # base … than" and "the complexity" are read, and two sides set below the same thing agree
    # (CC1.1, CC6.3): 90, one wrong claim passing.
    assert res["eleventh"]["verdicts_right"] >= 90
    assert res["eleventh"]["suggestions_right"] >= 23
    # The twelfth (twenty-ninth round), two more sessions asked for a statement's idea called a
    # misconception and its reasoning turned round in each essay: 79 of 107 and 23 of 28 at
    # its first run (held out), no wrong number accepted; four contradictions passed (DD1.8,
    # DD2.16, DD5.8, DD6.2). Since then what follows "the misconception that" (or "…: that") is
    # read as denied when it is the part nearest the statement (DD5.8, DD6.2), "one of the most
    # cost-effective" is no superlative (DD2.1), "a misconception log" no negation (DD1.15) and
    # an order turned round is read ("confidence comes first and mastery … follows", DD1.8): 84.
    assert res["twelfth"]["verdicts_right"] >= 84
    assert res["twelfth"]["suggestions_right"] >= 23
    # The thirteenth, two more sessions asked for orders turned round, myths and hedged
    # superlatives: 70 of 107 and 19 of 24 at its first run (held out), ten wrong claims
    # passing and six right numbers called wrong (loose paraphrases told through an incident,
    # another statement nearer by embedding). Since then "guaranteeing", "one of the most …"
    # of a statement that weighs nothing, "the idea of … is largely a myth" and three more
    # shapes of order (a leading "Before …,", "… first and … afterwards", "only once that is
    # in place") are read: 76, four wrong claims passing.
    # In the thirtieth round a cited statement the re-ranked search is sure of (P >= 0.6, first)
    # counts as the sentence's nearest: EE3.2 and EE3.8, right numbers, are no longer called
    # wrong: 79.
    assert res["thirteenth"]["verdicts_right"] >= 79
    assert res["thirteenth"]["suggestions_right"] >= 20
    # The fourteenth (thirtieth round), two more sessions asked for subtle contradictions in
    # other words: 73 of 106 and 18 of 22 at its first run (held out), one wrong number accepted
    # (FF1.14, NPQSL 6.7 for 6.8's words) and four wrong claims passing. Since then "X is what
    # makes it stick" against a statement ranking X below, "the single factor", "everything
    # they need to know" and "works best" are read, and a neighbour the re-ranked search is sure
    # of, holding more of the sentence's words, is offered: 78 and 19 of 23.
    assert res["fourteenth"]["verdicts_right"] >= 78
    assert res["fourteenth"]["suggestions_right"] >= 19
    # The fifteenth (thirtieth round, after every change of the round), two more sessions asked
    # for right citations told through what happened at the writer's school, neighbours on the
    # same topic and lapses looked back on: 77 of 107 and 23 of 24 at its first run (held out),
    # the same as the build before the round; no wrong number accepted, three wrong claims
    # passing, eight right numbers called wrong (below). Nothing was changed on it.
    assert res["fifteenth"]["verdicts_right"] >= 77
    assert res["fifteenth"]["suggestions_right"] >= 23
    # The sixteenth (thirty-first round), two more sessions blind to the tool: 84 of 107 and 24
    # of 25 at its first run (held out), no wrong number accepted, no right number called
    # wrong, four wrong claims passing. Since then claims played down ("matter less than people
    # think", "beside the point") and "all a teacher needs … follows automatically" are read: 87.
    assert res["sixteenth"]["verdicts_right"] >= 87
    assert res["sixteenth"]["suggestions_right"] >= 24
    # The seventeenth (thirty-first round, after its changes), two more sessions asked for right
    # citations told through what happened at school, rankings turned round and claims played
    # down: 63 of 106 and 18 of 20 at its first run (held out); no wrong number accepted, three
    # wrong claims passing, two right numbers called wrong (below), 38 right citations doubted.
    # Since then "followed automatically", "does more good than", "a safer bet than" and an
    # amount set first against a statement ranking it last are read: 66, none passing.
    assert res["seventeenth"]["verdicts_right"] >= 66
    assert res["seventeenth"]["suggestions_right"] >= 18
    # The eighteenth (thirty-second round), two more sessions blind to the tool: 84 of 108 and
    # 25 of 26 at its first run (held out); no wrong number accepted, one wrong claim passing
    # ("employed on identical terms" for "different types of employees have different terms
    # and conditions", read since: 85), one right number called wrong (below).
    assert res["eighteenth"]["verdicts_right"] >= 85
    assert res["eighteenth"]["suggestions_right"] >= 25
    # The nineteenth (thirty-second round, after its changes), two more sessions: 80 of 107
    # and 21 of 24 at its first run (held out); no wrong number accepted, two contradictions
    # passing, four right numbers called wrong (below). Since then "mattered little" and a
    # judgement from a single exit ticket are read: 82, none passing.
    assert res["nineteenth"]["verdicts_right"] >= 82
    assert res["nineteenth"]["suggestions_right"] >= 21
    # The twentieth (thirty-third round), two more sessions blind to the tool: 78 of 107 and 19
    # of 23 at its first run (held out); no wrong number accepted, two wrong claims passing ("was
    # certain to raise outcomes", NPQSL 8.6; parenting programmes "a stronger route to better
    # academic outcomes than" classroom work, NPQSL 9.4), three right numbers called wrong.
    # Since then both are read, and a diagnosis told as what the writer did first is no
    # longer sent to a pupil's context (NPQSL 4.18): 80.
    assert res["twentieth"]["verdicts_right"] >= 80
    assert res["twentieth"]["suggestions_right"] >= 19
    # The twenty-first (thirty-third round, after its first changes), two more sessions asked
    # for right citations told through what happened and rankings turned round: 75 of 108 and
    # 20 of 22 at its first run (held out); no wrong number accepted, two contradictions passing
    # (resilience "from letting children struggle and fail repeatedly", NPQLT 2.6; "one
    # well-timed test tells you more … than a pattern across several assessments", NPQLT
    # 7.P1.2), two right numbers called wrong (below). Both contradictions are read since: 77.
    assert res["twentyfirst"]["verdicts_right"] >= 77
    assert res["twentyfirst"]["suggestions_right"] >= 20
    wrong_accepted = [
        w
        for part in res.values()
        for w in part["wrong"]
        if w["got"] == "supported" and w["expected"] in ("wrong_number", "nonexistent")
    ]
    assert not wrong_accepted
    for name, part in res.items():
        right_called_wrong = [
            w["case"]
            for w in part["wrong"]
            if w["expected"] == "supported" and w["got"] == "wrong_number"
        ]
        # The thirteenth's four and the fourteenth's one, left (eval/reports/ablations.md,
        # twenty-ninth and thirtieth rounds): a wider margin before another number is offered
        # lets wrong numbers pass elsewhere.
        known = {"EE2.6", "EE2.13", "EE5.4", "EE6.15", "FF1.2"} | {
            # The fifteenth's eight: loose paraphrases told through an incident, another
            # statement nearer by embedding (thirtieth round; a rule for first-person sentences
            # would have spared 12 such citations of all labelled ones and lost 48 right
            # wrong-number verdicts).
            *("GG1.1", "GG1.9", "GG1.11", "GG1.17", "GG2.1", "GG2.14", "GG2.16", "GG4.11"),
            # The seventeenth's two, of the same kind (thirty-first round).
            *("II1.12", "II5.18"),
            # The eighteenth's one: PD "grounded in what research tells us about explanation
            # and modelling" (NPQLT 8.7), modelling's own statement nearer (thirty-second round).
            "JJ3.4",
            # The nineteenth's four: the diagnosis statement (NPQSL 8.P2.1, NPQLT 9.P2.1) told
            # through wellbeing focus groups, lesson drop-ins and pupil interviews (sent to
            # NPQSL 1.4, NPQLT 7.P1.1, 7.P1.2), and an admin worry against NPQLT 7.7 (sent to
            # NPQEL 7.P4.4). Weighting shared words by rarity spared one and passed an overclaim.
            *("KK1.1", "KK3.1", "KK3.16", "KK6.1"),
            # The twentieth's two (thirty-third round), told through what the writer did: three
            # differentiated worksheets a lesson stopped before anything new (NPQSL 8.P1.3, sent
            # to 5.7 on distinct tasks), a twilight session "followed by fortnightly coaching"
            # (NPQSL 8.P4.3, sent to 4.3: habits "embedded" read as behaviours "ingrained").
            *("LL1.5", "LL1.15"),
            # The twenty-first's two, of the same kind: a diagnosis told through reading scores
            # (NPQSL 8.P2.1, sent to literacy's 3.P2) and staff "willing to read aloud … and
            # occasionally stumble" under coaching as support (NPQSL 8.12, sent to fluent
            # reading, NPQLT 4.P2.2).
            *("MM1.1", "MM1.16"),
        }
        assert not set(right_called_wrong) - known, (name, right_called_wrong)
