"""The action learning set (Revans): each rule broken once and kept, with ids and written by hand without them.

Facts (R. Revans, ABC of Action Learning, 1983; Action Learning, 1980): a
set of about four to eight comrades in adversity; every member brings a real
problem of his or her own and has a turn; questions rather than answers;
members act between meetings and report at the next; the set meets over
months. Every member's turn is the method (an error); the actions, the report
and the series are what a set does (warnings). Revans gives no minutes or
cadence we are sure of: none is checked.
"""

from __future__ import annotations

import pytest
from _support import (
    ERROR,
    RECIPES,
    WARNING,
    SharedTests,
    assert_finding,
    edit,
    findings,
    headlines,
    only,
    run_cli,
)

from methodengine.testing import isolated_plugins

METHOD = isolated_plugins(builtins=True).methods()["action-learning"]

GOOD = """\
recipe: Action learning set
method: action-learning
group: 6

role setbegeleider: Set adviser
  count: 1
  facilitator: yes
role setlid: Set member

phase Report (5 min per setlid)
  id: verslag
  when: from meeting 2
  speak: setlid
phase Turns (20 min per setlid)
  id: beurt
  speak: setlid
  output: Actions until the next meeting
phase Review (30 min)
  speak: everyone

trajectory
  meetings: 6
  every: 1 month
"""

# As a Dutch trainer writes it by hand: the members' own role id, the turn a rounds block, no ids.
HAND = """\
recept: Leerset
methode: action-learning
groep: 5

rol manager: Manager
  taak: Brengt een eigen vraagstuk in.

fase Terugkoppeling (5 min per manager)
  spreekt: manager
  wanneer: vanaf bijeenkomst 2
rondes 5: Vraagstuk van een manager
  fase Vertellen (5 min)
    spreekt: manager
  fase Vragen (10 min)
    spreekt: manager
  fase Acties (5 min)
    spreekt: manager
    opbrengst: Acties tot de volgende keer
fase Terugblik (15 min)
  spreekt: iedereen

traject
  bijeenkomsten: 5
  elke: 6 weken
"""

SHARED = SharedTests(METHOD, GOOD)
BY_HAND = SharedTests(METHOD, HAND)


def test_the_good_recipes_have_no_findings_at_all():
    assert headlines(findings(GOOD)) == []
    assert headlines(findings(HAND)) == []


BREAKS = [
    pytest.param(
        "every-member-a-turn",
        [("phase Turns (20 min per setlid)", "phase Turns (60 min)")],
        ERROR,
        "phase Turns",
        ("one time box for the whole set",),
        id="one-time-box-for-the-set",
    ),
    pytest.param(
        "actions-each-turn",
        [("  output: Actions until the next meeting\n", "")],
        WARNING,
        "phase Turns",
        ("`Turns` names no output",),
        id="turn-without-actions",
    ),
    pytest.param(
        "report-actions",
        [("  when: from meeting 2\n", "")],
        WARNING,
        "phase Report",
        ("first meeting too",),
        id="report-in-the-first-meeting",
    ),
    pytest.param(
        "report-actions",
        [("  when: from meeting 2\n", "  when: meetings 2-4\n")],
        WARNING,
        "when: meetings 2-4",
        ("meetings 5, 6",),
        id="no-report-in-the-last-meetings",
    ),
    pytest.param(
        "meets-over-months",
        [("meetings: 6", "meetings: 1")],
        WARNING,
        "meetings: 1",
        ("holds one meeting",),
        id="a-series-of-one",
    ),
]

HAND_BREAKS = [
    pytest.param(
        "every-member-a-turn",
        [("rondes 5:", "rondes 3:")],
        ERROR,
        "rondes 3:",
        ("runs 3 rounds for 5 members",),
        id="hand-three-rounds-for-five",
    ),
    pytest.param(
        "actions-each-turn",
        [("    opbrengst: Acties tot de volgende keer\n", "")],
        WARNING,
        "fase Acties",
        ("`Acties` names no output",),
        id="hand-turn-without-actions",
    ),
    pytest.param(
        "report-actions",
        [("  wanneer: vanaf bijeenkomst 2\n", "  wanneer: bijeenkomsten 1-5\n")],
        WARNING,
        "wanneer: bijeenkomsten 1-5",
        ("first meeting too",),
        id="hand-report-in-meeting-1",
    ),
    pytest.param(
        "meets-over-months",
        [("  bijeenkomsten: 5\n", "  bijeenkomsten: 1\n"), ("  wanneer: vanaf bijeenkomst 2\n", "")],
        WARNING,
        "bijeenkomsten: 1",
        ("holds one meeting",),
        id="hand-one-meeting",
    ),
]

test_a_broken_rule_is_reported_once = SHARED.broken_rule_test(BREAKS)
test_a_broken_rule_is_reported_once_without_ids = BY_HAND.broken_rule_test(HAND_BREAKS)
test_a_broken_rule_reads_in_dutch_and_english = SHARED.both_languages_test(BREAKS)
test_the_method_and_its_rules_are_described_in_dutch_and_english = SHARED.texts_test()

KEEPS = [
    pytest.param("every-member-a-turn", [], id="a-turn-per-member"),
    pytest.param(
        "every-member-a-turn", [("phase Turns (20 min per setlid)", "phase Turns (20 min per everyone)")], id="per-all"
    ),
    pytest.param("actions-each-turn", [], id="turn-with-actions"),
    pytest.param("report-actions", [], id="report-from-meeting-2"),
    pytest.param("report-actions", [("  when: from meeting 2\n", "  when: meetings 2-6\n")], id="report-2-6"),
    pytest.param("meets-over-months", [], id="six-meetings"),
    pytest.param("meets-over-months", [("meetings: 6", "meetings: open")], id="open-series"),
]

HAND_KEEPS = [
    pytest.param("every-member-a-turn", [], id="hand-five-rounds-for-five"),
    pytest.param("every-member-a-turn", [("rondes 5:", "rondes 4-6:")], id="hand-up-to-six-rounds"),
    pytest.param("actions-each-turn", [], id="hand-actions"),
    pytest.param("report-actions", [], id="hand-report"),
    pytest.param("meets-over-months", [], id="hand-five-meetings"),
]

test_a_kept_rule_is_silent = SHARED.kept_rule_test(KEEPS)
test_a_kept_rule_is_silent_without_ids = BY_HAND.kept_rule_test(HAND_KEEPS)
test_every_rule_is_broken_and_kept_above = SHARED.every_rule_test(BREAKS, KEEPS)
test_every_rule_is_broken_and_kept_without_ids = BY_HAND.every_rule_test(HAND_BREAKS, HAND_KEEPS)


def test_every_members_turn_is_the_method_and_the_rest_customs():
    severities: dict[str, set] = {}
    for p in BREAKS + HAND_BREAKS:
        severities.setdefault(p.values[0], set()).add(p.values[2])
    assert severities["every-member-a-turn"] == {ERROR}
    assert severities["actions-each-turn"] == severities["report-actions"] == {WARNING}
    assert severities["meets-over-months"] == {WARNING}


def test_the_open_member_role_takes_the_whole_group_so_rounds_must_cover_it():
    # A group of 4-8 with 6 rounds: two members may go without a turn.
    text = edit(HAND, ("groep: 5\n", "groep: 4-8\n"), ("rondes 5:", "rondes 6:"))
    d = only(text, "action-learning/every-member-a-turn")
    assert_finding(d, METHOD, "every-member-a-turn", ERROR, text, "rondes 6:", ("6 rounds for 4-8 members",))


@pytest.mark.parametrize(("group", "severity"), [("4-8", None), ("3-5", WARNING), ("10", ERROR), ("2", ERROR)])
def test_the_set_is_about_four_to_eight(group, severity):
    text = edit(GOOD, ("group: 6\n", f"group: {group}\n"))
    found = findings(text, "action-learning/group-size")
    assert [d.severity for d in found] == ([] if severity is None else [severity])


# ---------------------------------------------------------------- finding the structure without ids


def test_of_two_phases_timed_per_member_the_turn_is_the_one_titled_for_the_problem():
    text = edit(
        GOOD,
        ("  id: verslag\n", ""),
        ("  id: beurt\n", ""),
        ("phase Report (5 min per setlid)", "phase Verslag (5 min per setlid)"),
        ("phase Turns (20 min per setlid)", "phase Vraagstukken (20 min per setlid)"),
        ("  output: Actions until the next meeting\n", ""),
    )
    d = only(text, "action-learning/actions-each-turn")
    assert_finding(d, METHOD, "actions-each-turn", WARNING, text, "phase Vraagstukken", ("`Vraagstukken`",))


def test_a_turn_with_one_time_box_for_the_set_is_told_a_time_per_member_in_the_trainers_role():
    rounds = HAND[HAND.index("rondes 5:") : HAND.index("fase Terugblik")]
    text = edit(HAND, (rounds, "fase Vraagstukken (60 min)\n  spreekt: manager\n  opbrengst: Acties\n"))
    d = only(text, "action-learning/every-member-a-turn")
    assert_finding(d, METHOD, "every-member-a-turn", ERROR, text, "fase Vraagstukken", ("one time box",))
    assert d.hint is not None and "`(25 min per manager)`" in d.hint


def test_two_rounds_blocks_that_could_be_the_turn_are_named_not_guessed():
    second = "rondes 2: Extra vraagstuk\n  fase Extra (10 min)\n    spreekt: manager\n"
    text = edit(HAND, ("fase Terugblik (15 min)", second + "fase Terugblik (15 min)"))
    found = [d for d in findings(text, "method-expects-id") if "`beurt`" in d.message]
    assert len(found) == 1, headlines(findings(text))
    assert "`Vraagstuk van een manager`" in found[0].message and "`Extra vraagstuk`" in found[0].message
    assert findings(text, "action-learning/every-member-a-turn") == []


def test_the_only_role_besides_the_adviser_is_the_members_with_a_count_too():
    counted = edit(
        HAND,
        (
            "rol manager: Manager\n",
            "rol coach: Setbegeleider\n  aantal: 1\n  begeleider: ja\nrol manager: Manager\n  aantal: 5\n",
        ),
    )
    assert headlines(findings(counted)) == []
    # Found, it is checked: five managers, three rounds.
    d = only(edit(counted, ("rondes 5:", "rondes 3:")), "action-learning/every-member-a-turn")
    assert "runs 3 rounds for 5 members" in d.message


def test_a_phase_from_meeting_two_on_where_the_members_speak_is_the_report():
    text = edit(HAND, ("fase Terugkoppeling (5 min per manager)", "fase Wat heb ik gedaan? (5 min per manager)"))
    assert headlines(findings(text)) == []
    # Found, it is checked: held in meetings 2 and 3 only, meetings 4 and 5 get no report.
    text = edit(text, ("  wanneer: vanaf bijeenkomst 2", "  wanneer: bijeenkomsten 2-3"))
    d = only(text, "action-learning/report-actions")
    assert_finding(d, METHOD, "report-actions", WARNING, text, "wanneer: bijeenkomsten 2-3", ("meetings 4, 5",))


def test_a_set_without_a_report_phase_is_told_what_was_looked_for():
    text = edit(
        HAND,
        ("fase Terugkoppeling (5 min per manager)", "fase Hoe ging het? (5 min per manager)"),
        ("  wanneer: vanaf bijeenkomst 2\n", ""),
    )
    (d,) = findings(text, "method-expects-id")
    assert "`verslag`" in d.message and "found none" in d.message and "`report-actions`" in d.message
    assert findings(text, "action-learning/report-actions") == []


# ---------------------------------------------------------------- the method's own recipes

test_the_bundled_recipe_is_clean = SHARED.bundled_recipe_test("actieleerset.mth")
test_new_writes_the_base_recipe_and_it_is_clean = SHARED.base_recipe_test()
test_new_uses_every_id_the_rules_need = SHARED.needed_ids_test(("roles", "phases"), {"setlid", "beurt", "verslag"})


def test_the_bundled_recipe_is_a_set_of_its_own_not_the_base_recipe():
    bundled = (RECIPES / "actieleerset.mth").read_text(encoding="utf-8")
    assert bundled != METHOD.base_recipe
    assert "rondes 5:" in bundled and "elke: 6 weken" in bundled


@pytest.mark.parametrize(
    ("language", "words"), [("nl", ("Vragen stellen", "Teamleider")), ("en", ("Vragen stellen", "speak"))]
)
def test_the_bundled_recipe_prints_cards(monkeypatch, language, words):
    result = run_cli(monkeypatch, "cards", RECIPES / "actieleerset.mth", "--lang", language)
    assert result.exit_code == 0, result.output
    for word in words:
        assert word in result.stdout
