"""Inspiration groups: each rule broken once, and kept.

Facts (seeds/INDEX.md, 004): 6 to at most 9 participants; two facilitators;
one year of 10 monthly meetings; first reflection on one's own functioning,
then new steps, then reflecting and adjusting; each meeting ends with the
broader societal perspective. "At most 9" is a hard limit (an error); the
lower bound, the facilitators and the calendar are customs (warnings).
"""

from __future__ import annotations

import pytest
from _support import ERROR, WARNING, SharedTests, edit, findings, headlines, line_of, only

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

# The tests every method passes alike (see _support.py), bound to this method and GOOD.
SHARED = SharedTests(METHOD, GOOD)


def test_the_good_recipe_has_no_findings_at_all():
    assert headlines(findings(GOOD)) == []


# ---------------------------------------------------------------- each rule broken once

BREAKS = [
    pytest.param(
        "group-size",
        [("group: 6-9", "group: 6-10")],
        ERROR,
        "group: 6-10",
        ("at most 9", "6-10"),
        id="group-size-over-nine",
    ),
    pytest.param(
        "group-size",
        [("group: 6-9", "group: 10")],
        ERROR,
        "group: 10",
        ("at most 9", "is 10"),
        id="group-size-ten",
    ),
    pytest.param(
        "group-size",
        [("group: 6-9", "group: 4-9")],
        WARNING,
        "group: 4-9",
        ("at least 6", "may be 4"),
        id="group-size-under-six",
    ),
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
        ERROR,
        "stage Reflectie op eigen functioneren",
        ("wrong order", "`reflectie`", "`stappen`", "`bijstellen`"),
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
    pytest.param("group-size", [], id="group-size-6-9"),
    pytest.param("group-size", [("group: 6-9", "group: 6")], id="group-size-6"),
    pytest.param("group-size", [("group: 6-9", "group: 9")], id="group-size-9"),
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
    # (kind, id, the rules it skips, how to write the recipe without it)
    pytest.param(
        "phase", "perspectief", ["closing-perspective"], [("  id: perspectief\n", "")], id="phase-perspectief"
    ),
    pytest.param("stage", "reflectie", ["three-stages"], [("    id: reflectie\n", "")], id="stage-reflectie"),
    pytest.param("stage", "stappen", ["three-stages"], [("    id: stappen\n", "")], id="stage-stappen"),
    pytest.param("stage", "bijstellen", ["three-stages"], [("    id: bijstellen\n", "")], id="stage-bijstellen"),
]


test_a_missing_id_is_a_warning_naming_it_and_the_skipped_rules = SHARED.missing_id_test(MISSING)


def test_stages_without_ids_are_warned_about_once_per_id_and_never_an_error():
    # Stages in the wrong order but without ids: the method cannot tell which is which.
    text = GOOD.replace("    id: reflectie\n", "").replace("    id: stappen\n", "").replace("    id: bijstellen\n", "")
    found = findings(text)
    expects = [d.message for d in found if d.code == "method-expects-id"]
    assert len(expects) == 3
    for ident in ("reflectie", "stappen", "bijstellen"):
        assert any(f"stage with id `{ident}`" in m and "`three-stages`" in m for m in expects), expects
    assert [d.headline() for d in found if d.is_error] == []


def test_a_missing_id_does_not_stop_the_rules_that_need_none():
    text = edit(GOOD, ("  id: perspectief\n", ""), ("group: 6-9", "group: 6-12"))
    found = findings(text)
    assert [d.code for d in found].count("method-expects-id") == 1
    assert [d.code for d in found if d.is_error] == ["inspiration/group-size"]
