"""Progress-focused coaching: each rule broken once, and kept.

Facts (seeds/INDEX.md, 002): every session can be the last; after every
session the client (or the group) and the coach (or its facilitator) each
decide whether a next session is useful; no trajectory continues silently.
Both are the method itself, so breaking them is an error.
"""

from __future__ import annotations

import pytest
from _support import ERROR, SharedTests, assert_finding, assert_found_without_ids, edit, findings, headlines, only

from methodengine.testing import isolated_plugins

METHOD = isolated_plugins(builtins=True).methods()["progress"]

# A coaching conversation that ends with a checkpoint at which client and coach decide.
GOOD = """\
recipe: Coachgesprek
method: progress
duration: 45 min

role coachee: Cliënt
  count: 1
role coach: Coach
  count: 1
  facilitator: yes

phase Wat is er beter? (35 min)
  lead: coach
  speak: coachee
checkpoint Is een volgend gesprek zinvol? (10 min)
  decide: coachee, coach

trajectory
  meetings: open
"""

CHECKPOINT = """\
checkpoint Is een volgend gesprek zinvol? (10 min)
  decide: coachee, coach
"""

# The same group-coaching session a facilitator runs: the group and the facilitator decide.
GROUP = """\
recipe: Teamcoaching
method: progress
duration: 45 min

role deelnemer: Deelnemer
  count: 4-8
role begeleider: Begeleider
  count: 1
  facilitator: yes

phase Wat werkt al? (35 min)
  lead: begeleider
  speak: deelnemer
checkpoint Gaan we door? (10 min)
  decide: deelnemer, begeleider
"""

# The tests every method passes alike (see _support.py), bound to this method and GOOD.
SHARED = SharedTests(METHOD, GOOD)


def test_the_good_recipe_has_no_findings_at_all():
    assert headlines(findings(GOOD)) == []


# ---------------------------------------------------------------- each rule broken once

BREAKS = [
    pytest.param(
        "checkpoint-closes-every-meeting",
        [(CHECKPOINT, "phase Afronding (10 min)\n  speak: coachee\n")],
        ERROR,
        "method: progress",
        ("no checkpoint", "every meeting ends with one"),
        id="no-checkpoint",
    ),
    pytest.param(
        "checkpoint-closes-every-meeting",
        [(CHECKPOINT, "phase Afronding (10 min)\n  speak: coachee\n"), ("meetings: open", "meetings: 5")],
        ERROR,
        "method: progress",
        ("fixed series of 5 meetings", "continues silently"),
        id="no-checkpoint-in-a-fixed-series",
    ),
    pytest.param(
        "checkpoint-closes-every-meeting",
        [("(35 min)", "(30 min)"), (CHECKPOINT, CHECKPOINT + "phase Afspraak maken (5 min)\n  speak: coachee\n")],
        ERROR,
        "phase Afspraak maken",
        ("ends with `Afspraak maken`", "not with the checkpoint"),
        id="checkpoint-not-last",
    ),
    pytest.param(
        "checkpoint-closes-every-meeting",
        [("  decide: coachee, coach\n", "  when: from meeting 2\n  decide: coachee, coach\n")],
        ERROR,
        "when: from meeting 2",
        ("only some meetings",),
        id="checkpoint-in-some-meetings",
    ),
    pytest.param(
        "both-decide",
        [("decide: coachee, coach", "decide: coachee")],
        ERROR,
        "checkpoint Is een volgend gesprek zinvol?",
        ("`Is een volgend gesprek zinvol?`", "the coach does not decide"),
        id="only-the-client-decides",
    ),
    pytest.param(
        "both-decide",
        [("decide: coachee, coach", "decide: coach")],
        ERROR,
        "checkpoint Is een volgend gesprek zinvol?",
        ("`Is een volgend gesprek zinvol?`", "the client does not decide"),
        id="only-the-coach-decides",
    ),
]


test_a_broken_rule_is_reported_once = SHARED.broken_rule_test(BREAKS)
test_a_broken_rule_reads_in_dutch_and_english = SHARED.both_languages_test(BREAKS)
test_the_method_and_its_rules_are_described_in_dutch_and_english = SHARED.texts_test()


def test_in_a_group_the_facilitator_alone_does_not_decide():
    text = edit(GROUP, ("decide: deelnemer, begeleider", "decide: begeleider"))
    d = only(text, "progress/both-decide")
    assert_finding(d, METHOD, "both-decide", ERROR, text, "checkpoint Gaan we door?", ("client does not decide",))


def test_a_checkpoint_at_which_nobody_decides_breaks_both_decide():
    # Neither the client nor the coach decides: the method's principle is broken twice over.
    text = edit(GOOD, ("  decide: coachee, coach\n", ""))
    d = only(text, "progress/both-decide")
    assert_finding(d, METHOD, "both-decide", ERROR, text, "checkpoint Is een volgend gesprek zinvol?", ("decide",))


# ---------------------------------------------------------------- each rule kept

KEEPS = [
    pytest.param("checkpoint-closes-every-meeting", [], id="checkpoint-closes-an-open-series"),
    pytest.param("checkpoint-closes-every-meeting", [("meetings: open", "meetings: 5")], id="checkpoint-fixed-series"),
    pytest.param(
        "checkpoint-closes-every-meeting",
        # A first-meeting phase before the checkpoint does not change what closes the meeting.
        [
            ("(35 min)", "(25 min)"),
            (CHECKPOINT, "phase Doel (10 min)\n  when: meeting 1\n  speak: coachee\n" + CHECKPOINT),
        ],
        id="checkpoint-after-a-phase-for-meeting-1",
    ),
    pytest.param("both-decide", [], id="both-decide"),
    pytest.param("both-decide", [("decide: coachee, coach", "decide: coach, coachee")], id="both-decide-coach-first"),
]


test_a_kept_rule_is_silent = SHARED.kept_rule_test(KEEPS)


def test_a_group_and_its_facilitator_deciding_keeps_every_rule():
    assert headlines(findings(GROUP)) == []


test_every_rule_is_broken_and_kept_above = SHARED.every_rule_test(BREAKS, KEEPS)


# ---------------------------------------------------------------- the method's own recipes


test_the_bundled_recipe_is_clean = SHARED.bundled_recipe_test("progressiegericht.mth")
test_new_writes_the_base_recipe_and_it_is_clean = SHARED.base_recipe_test()


# ---------------------------------------------------------------- ids the rules need


def test_the_rules_need_no_ids_they_go_by_facilitator_and_checkpoint():
    # Who is the coach is read from `facilitator: yes`, so any role ids work.
    for rule in METHOD.rules:
        assert (rule.needs_roles, rule.needs_phases, rule.needs_meetings, rule.needs_stages) == ((), (), (), ())
    assert not (METHOD.roles or METHOD.phases or METHOD.meetings or METHOD.stages)


def test_own_role_ids_get_no_missing_id_warning_and_are_still_checked():
    text = GROUP.replace("deelnemer", "teamlid").replace("begeleider", "teamcoach")
    assert headlines(findings(text)) == []
    broken = edit(text, ("decide: teamlid, teamcoach", "decide: teamlid"))
    found = findings(broken)
    assert [d.code for d in found] == ["progress/both-decide"]
    assert not any(d.code == "method-expects-id" for d in found)


# ---------------------------------------------------------------- written by hand
#
# A coach writes the recipe in Dutch, without ids and without marking the
# coach's role `begeleider: ja`: the role called coach is the coach.

HAND = """\
recept: Coachgesprek met Sanne
methode: progress
duur: 45 min

rol client: Cliënt
  aantal: 1
rol coach: Coach
  aantal: 1

fase Wat gaat er beter? (35 min)
  leidt: coach
  spreekt: client
beslismoment Nog een gesprek? (10 min)
  beslist: client, coach

traject
  gesprekken: open
"""

HAND_SHARED = SharedTests(METHOD, HAND)
_HAND_CHECKPOINT = "beslismoment Nog een gesprek? (10 min)\n  beslist: client, coach\n"


def test_the_hand_written_recipe_keeps_every_rule():
    assert_found_without_ids(METHOD, HAND)
    assert headlines(findings(HAND)) == []


HAND_BREAKS = [
    pytest.param(
        "checkpoint-closes-every-meeting",
        # The question asked in an ordinary phase: nobody decides, and the series runs on by itself.
        [
            (_HAND_CHECKPOINT, "fase Nog een gesprek? (10 min)\n  spreekt: client\n"),
            ("gesprekken: open", "gesprekken: 6"),
        ],
        ERROR,
        "methode: progress",
        ("fixed series of 6", "continues silently"),
        id="hand-no-checkpoint",
    ),
    pytest.param(
        "checkpoint-closes-every-meeting",
        [("  beslist: client, coach\n", "  beslist: client, coach\n  wanneer: gesprek 3\n")],
        ERROR,
        "wanneer: gesprek 3",
        ("only some meetings",),
        id="hand-checkpoint-in-one-meeting",
    ),
    pytest.param(
        "both-decide",
        [("beslist: client, coach", "beslist: client")],
        ERROR,
        "beslismoment Nog een gesprek?",
        ("the coach does not decide",),
        id="hand-only-the-client-decides",
    ),
    pytest.param(
        # The coach found by the role's name, though it is not marked `begeleider: ja`.
        "both-decide",
        [("beslist: client, coach", "beslist: coach")],
        ERROR,
        "beslismoment Nog een gesprek?",
        ("the client does not decide",),
        id="hand-only-the-coach-decides",
    ),
]

HAND_KEEPS = [
    pytest.param("checkpoint-closes-every-meeting", [], id="hand-checkpoint"),
    pytest.param("both-decide", [], id="hand-both-decide-coach-by-name"),
    pytest.param(
        # A group and its begeleider (by name, unmarked) decide together.
        "both-decide",
        [
            (
                "rol client: Cliënt\n  aantal: 1\nrol coach: Coach\n",
                "rol team: Teamlid\n  aantal: 5\nrol begeleider: Begeleider\n",
            ),
            ("leidt: coach\n  spreekt: client", "leidt: begeleider\n  spreekt: team"),
            ("beslist: client, coach", "beslist: team, begeleider"),
        ],
        id="hand-group-and-begeleider",
    ),
]

test_a_rule_reads_a_hand_written_recipe_and_reports_it_broken = HAND_SHARED.broken_rule_test(HAND_BREAKS)
test_a_rule_reads_a_hand_written_recipe_and_is_silent_kept = HAND_SHARED.kept_rule_test(HAND_KEEPS)
test_every_rule_is_broken_and_kept_by_hand = HAND_SHARED.every_rule_test(HAND_BREAKS, HAND_KEEPS)
test_a_rule_read_by_hand_reads_in_dutch_and_english = HAND_SHARED.both_languages_test(HAND_BREAKS)


def test_a_coachee_is_not_taken_for_the_coach():
    # `coachee` holds the word coach, but is the client: only the coachee deciding leaves the coach out.
    text = edit(HAND, ("rol client: Cliënt", "rol coachee: Coachee"), ("spreekt: client", "spreekt: coachee"))
    text = edit(text, ("beslist: client, coach", "beslist: coachee"))
    d = only(text, "progress/both-decide")
    assert "the coach does not decide" in d.message


def test_the_method_sets_no_group_size_one_to_one_or_a_group():
    # The source holds for one client and for groups, and names no size.
    assert METHOD.group_size is None
