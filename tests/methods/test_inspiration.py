"""Inspiration groups: each rule broken once, and kept.

Facts (seeds/INDEX.md, 004): 6 to at most 9 participants; two facilitators;
one year of 10 monthly meetings; first reflection on one's own functioning,
then new steps, then reflecting and adjusting; each meeting ends with the
broader societal perspective. The group size is the method's `group_size`
(checked by methodengine's core: a group that can never be 6 to 9 is an
error, one that may fall outside it a warning); the closing perspective is
the source's "elke bijeenkomst" (an error); the facilitators, the calendar
and the stages, which the source gives as its experience, are customs
(warnings).
"""

from __future__ import annotations

import pytest
from _support import (
    ERROR,
    WARNING,
    SharedTests,
    assert_candidates,
    assert_found_without_ids,
    edit,
    findings,
    headlines,
    line_of,
    only,
)

from methodengine.testing import isolated_plugins

METHOD = isolated_plugins(builtins=True).methods()["inspiration"]

# An inspiration group that keeps every rule.
GOOD = """\
recipe: Inspiratiegroep
method: inspiration
group: 6-9
facilitators: 2
duration: 4 h

role begeleider: Begeleider
  count: 2
  facilitator: yes
role deelnemer: Deelnemer

phase Inchecken (30 min)
  speak: deelnemer
phase Reflectie en dialoog (180 min)
  speak: deelnemer
phase Breder perspectief (30 min)
  id: perspectief
  speak: everyone

trajectory
  meetings: 10
  every: 1 month
  span: 1 year
  stage Reflectie op eigen functioneren (meetings 1-3)
    id: reflectie
  stage Nieuwe stappen zetten (meetings 4-7)
    id: stappen
  stage Reflecteren en bijstellen (meetings 8-10)
    id: bijstellen
"""

# Stages in place of one of the good recipe's, that no finder can tell apart (see MISSING).
FIRST_STAGES = "  stage Begin (meetings 1-2)\n  stage Verder (meetings 3)\n"
MIDDLE_STAGES = "  stage Midden (meetings 4-5)\n  stage Verder (meetings 6-7)\n"
LAST_STAGES = "  stage Eind (meetings 8-9)\n  stage Slot (meetings 10)\n"

# The tests every method passes alike (see _support.py), bound to this method and GOOD.
SHARED = SharedTests(METHOD, GOOD)


def test_the_good_recipe_has_no_findings_at_all():
    assert headlines(findings(GOOD)) == []


# ---------------------------------------------------------------- each rule broken once

BREAKS = [
    pytest.param(
        "two-facilitators",
        [("facilitators: 2", "facilitators: 1"), ("  count: 2\n  facilitator: yes", "  count: 1\n  facilitator: yes")],
        WARNING,
        "facilitators: 1",
        ("2 facilitators", "not 1"),
        id="two-facilitators-one",
    ),
    pytest.param(
        "year-of-monthly-meetings",
        [("meetings: 10", "meetings: 8"), ("(meetings 8-10)", "(meetings 8)")],
        WARNING,
        "meetings: 8",
        ("10 times", "not 8"),
        id="year-eight-meetings",
    ),
    pytest.param(
        "year-of-monthly-meetings",
        [("every: 1 month", "every: 2 months")],
        WARNING,
        "every: 2 months",
        ("monthly", "2 months"),
        id="year-every-two-months",
    ),
    pytest.param(
        "year-of-monthly-meetings",
        [("span: 1 year", "span: 2 jaar")],
        WARNING,
        "span: 2 jaar",
        ("a year", "2 years"),
        id="year-two-years",
    ),
    pytest.param(
        "three-stages",
        [("id: reflectie", "id: X"), ("id: bijstellen", "id: reflectie"), ("id: X", "id: bijstellen")],
        WARNING,
        "stage Reflectie op eigen functioneren",
        # Each stage by its title: the one marked `id: reflectie` is first reflection.
        ("wrong order", "first reflection (`Reflecteren en bijstellen`)", "new steps (`Nieuwe stappen zetten`)"),
        id="three-stages-wrong-order",
    ),
    pytest.param(
        "three-stages",
        [("(meetings 8-10)", "(meetings 8-9)")],
        WARNING,
        "trajectory",
        ("meeting 10 ", "no stage"),
        id="three-stages-meeting-without-stage",
    ),
    pytest.param(
        "three-stages",
        [("(meetings 4-7)", "(meetings 5-6)")],
        WARNING,
        "trajectory",
        ("meetings 4, 7 ", "no stage"),
        id="three-stages-meetings-without-stage",
    ),
    pytest.param(
        "closing-perspective",
        # Drinks after the perspective, half an hour taken from the reflection.
        [
            ("phase Reflectie en dialoog (180 min)", "phase Reflectie en dialoog (150 min)"),
            ("  id: perspectief\n  speak: everyone\n", "  id: perspectief\n  speak: everyone\nphase Borrel (30 min)\n"),
        ],
        ERROR,
        "phase Borrel",
        ("last phase is `Borrel`",),
        id="closing-perspective-not-last",
    ),
    pytest.param(
        "closing-perspective",
        [("  id: perspectief\n", "  id: perspectief\n  when: meetings 8-10\n")],
        ERROR,
        "when: meetings 8-10",
        ("every meeting",),
        id="closing-perspective-only-some-meetings",
    ),
]


test_a_broken_rule_is_reported_once = SHARED.broken_rule_test(BREAKS)
test_a_broken_rule_reads_in_dutch_and_english = SHARED.both_languages_test(BREAKS)
test_the_method_and_its_rules_are_described_in_dutch_and_english = SHARED.texts_test()


def test_one_facilitator_role_without_a_facilitators_line_is_reported():
    # The trainer writes one begeleider and no `facilitators:` line; the base recipe's
    # `facilitators: 2` must not hide that this group has one facilitator.
    text = edit(
        GOOD,
        ("facilitators: 2\n", ""),
        ("  count: 2\n  facilitator: yes", "  count: 1\n  facilitator: yes"),
    )
    d = only(text, "inspiration/two-facilitators")
    assert d.severity is WARNING
    assert d.position is not None and d.position.path == "test.mth", d.headline()
    assert d.position.line in (line_of(text, "role begeleider"), line_of(text, "  count: 1")), d.headline()
    assert "2 facilitators" in d.message and "not 1" in d.message


def test_one_meeting_without_a_stage_is_named_in_the_singular():
    d = only(edit(GOOD, ("(meetings 8-10)", "(meetings 8-9)")), "inspiration/three-stages")
    assert "meeting 10 belongs to no stage" in d.message


# ---------------------------------------------------------------- each rule kept

KEEPS = [
    pytest.param("two-facilitators", [], id="two-facilitators"),
    pytest.param("two-facilitators", [("facilitators: 2\n", "")], id="two-facilitators-left-to-the-method"),
    pytest.param("year-of-monthly-meetings", [], id="year-of-monthly-meetings"),
    pytest.param(
        "year-of-monthly-meetings",
        [("every: 1 month", "every: 1 maand"), ("span: 1 year", "span: 12 maanden")],
        id="year-in-dutch-months",
    ),
    pytest.param(
        "year-of-monthly-meetings",
        [("span: 1 year", "span: 52 weken")],
        id="year-of-52-weeks",
    ),
    pytest.param("three-stages", [], id="three-stages"),
    pytest.param(
        "three-stages",
        # Written in another order in the file, but running in the right order of meetings.
        [
            ("  stage Reflecteren en bijstellen (meetings 8-10)\n    id: bijstellen\n", ""),
            (
                "  stage Reflectie op",
                "  stage Reflecteren en bijstellen (meetings 8-10)\n    id: bijstellen\n  stage Reflectie op",
            ),
        ],
        id="three-stages-written-in-another-order",
    ),
    pytest.param("closing-perspective", [], id="closing-perspective"),
]


test_a_kept_rule_is_silent = SHARED.kept_rule_test(KEEPS)
test_every_rule_is_broken_and_kept_above = SHARED.every_rule_test(BREAKS, KEEPS)


# ---------------------------------------------------------------- the method's own recipes


test_the_bundled_recipe_is_clean = SHARED.bundled_recipe_test("inspiratiegroep.mth")
test_new_writes_the_base_recipe_and_it_is_clean = SHARED.base_recipe_test()


test_new_uses_every_id_the_rules_need = SHARED.needed_ids_test(
    ("phases", "stages"), {"perspectief", "reflectie", "stappen", "bijstellen"}
)


# ---------------------------------------------------------------- ids the rules need

MISSING = [
    # (kind, id, the rules it skips, how to write the recipe without it, and without a title a finder knows)
    pytest.param(
        "phase",
        "perspectief",
        ["closing-perspective"],
        [("phase Breder perspectief (30 min)\n  id: perspectief\n", "phase Afronding (30 min)\n")],
        id="phase-perspectief",
    ),
    # Two stages of three keep their ids; the third, unnamed and beside a fourth, cannot be told.
    pytest.param(
        "stage",
        "reflectie",
        ["three-stages"],
        [("  stage Reflectie op eigen functioneren (meetings 1-3)\n    id: reflectie\n", FIRST_STAGES)],
        id="stage-reflectie",
    ),
    pytest.param(
        "stage",
        "stappen",
        ["three-stages"],
        [("  stage Nieuwe stappen zetten (meetings 4-7)\n    id: stappen\n", MIDDLE_STAGES)],
        id="stage-stappen",
    ),
    pytest.param(
        "stage",
        "bijstellen",
        ["three-stages"],
        [("  stage Reflecteren en bijstellen (meetings 8-10)\n    id: bijstellen\n", LAST_STAGES)],
        id="stage-bijstellen",
    ),
]


test_a_missing_id_is_a_warning_naming_it_and_the_skipped_rules = SHARED.missing_id_test(MISSING)


def test_stages_without_ids_are_found_by_their_titles():
    # The good recipe's three stages without ids: their titles say which is which.
    text = GOOD.replace("    id: reflectie\n", "").replace("    id: stappen\n", "").replace("    id: bijstellen\n", "")
    assert [d.code for d in findings(text) if d.code == "method-expects-id"] == []
    # In the wrong order (reflection last), the rule that now finds them says so.
    swapped = edit(
        text,
        ("Reflectie op eigen functioneren (meetings 1-3)", "Reflectie op eigen functioneren (meetings 8-10)"),
        ("Reflecteren en bijstellen (meetings 8-10)", "Reflecteren en bijstellen (meetings 1-3)"),
    )
    assert only(swapped, "inspiration/three-stages").severity is WARNING


def test_a_missing_id_does_not_stop_the_rules_that_need_none():
    text = edit(GOOD, ("phase Breder perspectief (30 min)\n  id: perspectief\n", "phase Afronding (30 min)\n"))
    text = edit(text, ("span: 1 year", "span: 2 jaar"))
    found = findings(text)
    assert [d.code for d in found].count("method-expects-id") == 1
    assert "inspiration/year-of-monthly-meetings" in [d.code for d in found]


# ---------------------------------------------------------------- the group size: the method's, checked by the core


@pytest.mark.parametrize(
    ("group", "severity", "figures"),
    [
        ("4-5", ERROR, ("6-9", "4-5")),  # the case: a group that can never reach the method's size
        ("10", ERROR, ("6-9", "10")),
        ("10-12", ERROR, ("6-9",)),
        ("6-10", WARNING, ("6-9", "6-10")),
        ("4-9", WARNING, ("6-9", "4-9")),
    ],
)
def test_a_group_outside_6_to_9_is_reported_by_the_method_size(group, severity, figures):
    text = edit(GOOD, ("group: 6-9", f"group: {group}"))
    d = only(text, "inspiration/group-size")
    assert d.severity is severity, d.headline()
    assert d.position is not None and d.position.line == line_of(text, "group:")
    for figure in figures:
        assert figure in d.message, d.message
    assert d.source == METHOD.source


@pytest.mark.parametrize("group", ["6", "9", "6-9", "7-8"])
def test_a_group_of_6_to_9_fits_the_method(group):
    assert findings(edit(GOOD, ("group: 6-9", f"group: {group}")), "inspiration/group-size") == []


def test_the_group_size_is_the_sources_6_to_9_and_no_rule_of_its_own():
    assert (METHOD.group_size.low, METHOD.group_size.high) == (6, 9)
    assert "group-size" not in {r.code for r in METHOD.rules}


# ---------------------------------------------------------------- written by hand, without ids
#
# A trainer writes the recipe in Dutch, in their own words and without one
# `id:`: the closing phase speaks of society, the stages say what they are.

HAND = """\
recept: Inspiratiegroep 2027
methode: inspiration
groep: 7-9
begeleiders: 2
duur: 4 uur

rol begeleider: Begeleider
  aantal: 2
  begeleider: ja
rol deelnemer: Deelnemer

fase Inchecken (30 min)
  spreekt: deelnemer
fase Reflectie en dialoog (180 min)
  spreekt: deelnemer
fase Wat betekent dit voor de samenleving? (30 min)
  spreekt: iedereen

traject
  bijeenkomsten: 10
  elke: 1 maand
  looptijd: 1 jaar
  etappe Eigen functioneren (bijeenkomsten 1-3)
  etappe Nieuwe stappen (bijeenkomsten 4-7)
  etappe Bijstellen (bijeenkomsten 8-10)
"""

HAND_SHARED = SharedTests(METHOD, HAND)


def test_the_hand_written_recipe_is_checked_without_ids_and_keeps_every_rule():
    assert_found_without_ids(METHOD, HAND)
    assert headlines(findings(HAND)) == []


HAND_BREAKS = [
    pytest.param(
        # One trainer, not marked `begeleider: ja` and no `begeleiders:` line: the base's 2 must not hide it.
        "two-facilitators",
        [
            ("begeleiders: 2\n", ""),
            ("rol begeleider: Begeleider\n  aantal: 2\n  begeleider: ja\n", "rol trainer: Trainer\n  aantal: 1\n"),
        ],
        WARNING,
        "rol trainer",
        ("2 facilitators", "not 1"),
        id="hand-one-trainer-unmarked",
    ),
    pytest.param(
        "two-facilitators",
        [("begeleiders: 2", "begeleiders: 1"), ("  aantal: 2\n", "  aantal: 1\n")],
        WARNING,
        "begeleiders: 1",
        ("2 facilitators",),
        id="hand-two-facilitators",
    ),
    pytest.param(
        "year-of-monthly-meetings",
        [("elke: 1 maand", "elke: 2 maanden")],
        WARNING,
        "elke: 2 maanden",
        ("monthly",),
        id="hand-year",
    ),
    pytest.param(
        "three-stages",
        [
            ("(bijeenkomsten 1-3)", "(bijeenkomsten 8-10)"),
            ("Bijstellen (bijeenkomsten 8-10)", "Bijstellen (bijeenkomsten 1-3)"),
        ],
        WARNING,
        "etappe Bijstellen",
        ("wrong order",),
        id="hand-three-stages-wrong-order",
    ),
    pytest.param(
        "closing-perspective",
        [
            ("fase Reflectie en dialoog (180 min)", "fase Reflectie en dialoog (150 min)"),
            ("traject\n", "fase Borrel (30 min)\n\ntraject\n"),
        ],
        ERROR,
        "fase Borrel",
        ("`Borrel`",),
        id="hand-closing-perspective-not-last",
    ),
    pytest.param(
        "closing-perspective",
        [("  spreekt: iedereen\n", "  spreekt: iedereen\n  wanneer: bijeenkomsten 8-10\n")],
        ERROR,
        "wanneer: bijeenkomsten 8-10",
        ("every meeting",),
        id="hand-closing-perspective-some-meetings",
    ),
]

HAND_KEEPS = [
    pytest.param("two-facilitators", [], id="hand-two-facilitators"),
    pytest.param(
        "two-facilitators",
        [("begeleiders: 2\n", ""), ("  aantal: 2\n  begeleider: ja\n", "  aantal: 2\n")],
        id="hand-two-trainers-unmarked",
    ),
    pytest.param("year-of-monthly-meetings", [], id="hand-year"),
    pytest.param("three-stages", [], id="hand-three-stages-by-title"),
    pytest.param(
        # Titles that say nothing of the stages: three stages, so the first is reflection, and so on.
        "three-stages",
        [("Eigen functioneren", "Begin"), ("Nieuwe stappen", "Midden"), ("etappe Bijstellen", "etappe Eind")],
        id="hand-three-stages-by-place",
    ),
    pytest.param("closing-perspective", [], id="hand-closing-perspective"),
    pytest.param(
        "closing-perspective",
        [("Wat betekent dit voor de samenleving?", "Breder perspectief")],
        id="hand-closing-perspective-by-title",
    ),
]

test_a_rule_finds_its_structure_without_ids_and_reports_it_broken = HAND_SHARED.broken_rule_test(HAND_BREAKS)
test_a_rule_finds_its_structure_without_ids_and_is_silent_kept = HAND_SHARED.kept_rule_test(HAND_KEEPS)
test_every_rule_is_broken_and_kept_without_ids = HAND_SHARED.every_rule_test(HAND_BREAKS, HAND_KEEPS)
test_a_rule_found_without_ids_reads_in_dutch_and_english = HAND_SHARED.both_languages_test(HAND_BREAKS)


def test_a_hand_written_group_of_4_to_5_is_an_error():
    # The case: `groep: 4-5` can never be an inspiration group of 6 to 9.
    text = edit(HAND, ("groep: 7-9", "groep: 4-5"))
    d = only(text, "inspiration/group-size")
    assert d.severity is ERROR and d.position is not None and d.position.line == line_of(text, "groep: 4-5")


def test_two_phases_on_perspective_are_both_named():
    text = edit(HAND, ("Wat betekent dit voor de samenleving?", "Maatschappelijk perspectief"))
    text = edit(text, ("fase Inchecken (30 min)", "fase Inchecken met de maatschappij (30 min)"))
    assert_candidates(
        METHOD, text, "phase", "perspectief", ["Inchecken met de maatschappij", "Maatschappelijk perspectief"]
    )


def test_two_stages_called_reflection_are_both_named():
    text = edit(HAND, ("etappe Nieuwe stappen (bijeenkomsten 4-7)", "etappe Reflectie op het werk (bijeenkomsten 4-7)"))
    text = edit(text, ("etappe Eigen functioneren", "etappe Reflectie op jezelf"))
    d = assert_candidates(METHOD, text, "stage", "reflectie", ["Reflectie op jezelf", "Reflectie op het werk"])
    assert "`three-stages`" in d.message


def test_four_stages_without_telling_titles_are_not_guessed():
    text = edit(
        HAND,
        (
            "etappe Eigen functioneren (bijeenkomsten 1-3)",
            "etappe Begin (bijeenkomsten 1-2)\n  etappe Verder (bijeenkomsten 3)",
        ),
    )
    text = edit(text, ("etappe Nieuwe stappen", "etappe Midden"), ("etappe Bijstellen", "etappe Eind"))
    found = [x for x in findings(text) if x.code == "method-expects-id"]
    assert len(found) == 3 and all("found none" in x.message for x in found), headlines(found)
    assert [x.headline() for x in findings(text) if x.is_error] == []
