"""The incident method (intervision): each rule broken once, and kept.

Facts (seeds/INDEX.md, 001): an intervision group has at most 7 members and
meets every 6 to 8 weeks; Hendriksen's ten steps give one case-giver, one
chair, informative questions before any approach, and a closing evaluation.
Group size and the steps' structure are hard limits (errors); the cadence
and the place of the evaluation are customs (warnings).
"""

from __future__ import annotations

import pytest
from _support import ERROR, WARNING, SharedTests, edit, findings, headlines

from methodengine.testing import isolated_plugins

METHOD = isolated_plugins(builtins=True).methods()["incident"]

# A short incident-method meeting that keeps every rule: 60 minutes planned in
# 60, one chair, one case-giver, questions before positions, evaluation last.
GOOD = """\
recipe: Intervisie
method: incident
group: 5-7
duration: 60 min

role voorzitter: Voorzitter
  count: 1
role inbrenger: Inbrenger
  count: 1
role deelnemer: Deelnemer

phase Incident schetsen (10 min)
  lead: voorzitter
  speak: inbrenger
  listen: deelnemer
phase Informatieronde (15 min)
  id: vragen
  speak: deelnemer
  listen: inbrenger
phase Standpunten uitwisselen (20 min)
  id: advies
  speak: deelnemer
  listen: inbrenger
phase Nabespreking (10 min)
  speak: everyone
phase Evaluatie (5 min)
  id: evaluatie
  speak: everyone

trajectory
  meetings: 6
  every: 6-8 weeks
"""

# The tests every method passes alike (see _support.py), bound to this method and GOOD.
SHARED = SharedTests(METHOD, GOOD)


def test_the_good_recipe_has_no_findings_at_all():
    assert headlines(findings(GOOD)) == []


# ---------------------------------------------------------------- each rule broken once

BREAKS = [
    pytest.param(
        "max-members",
        [("group: 5-7", "group: 5-8")],
        ERROR,
        "group: 5-8",
        ("at most 7", "is 5-8"),
        id="max-members-range",
    ),
    pytest.param(
        "max-members",
        [("group: 5-7", "group: 8")],
        ERROR,
        "group: 8",
        ("at most 7", "is 8"),
        id="max-members-exact",
    ),
    pytest.param(
        "one-case-giver",
        [("role inbrenger: Inbrenger\n  count: 1", "role inbrenger: Inbrenger\n  count: 2")],
        ERROR,
        "role inbrenger",
        ("exactly one", "has 2"),
        id="one-case-giver-two",
    ),
    pytest.param(
        "one-case-giver",
        [("role inbrenger: Inbrenger\n  count: 1\n", "role inbrenger: Inbrenger\n")],
        ERROR,
        "role inbrenger",
        ("exactly one", "the rest of the group"),
        id="one-case-giver-open-role",
    ),
    pytest.param(
        "one-chair",
        [("role voorzitter: Voorzitter\n  count: 1", "role voorzitter: Voorzitter\n  count: 1-2")],
        ERROR,
        "role voorzitter",
        ("exactly one", "has 1-2"),
        id="one-chair",
    ),
    pytest.param(
        "questions-before-advice",
        # Positions are shared before anyone asked an informative question.
        [
            ("phase Informatieronde (15 min)\n  id: vragen", "phase Standpunten uitwisselen (15 min)\n  id: advies"),
            ("phase Standpunten uitwisselen (20 min)\n  id: advies", "phase Informatieronde (20 min)\n  id: vragen"),
        ],
        ERROR,
        "phase Standpunten uitwisselen",
        ("advice come before the informative questions",),
        id="questions-before-advice",
    ),
    pytest.param(
        "closing-evaluation",
        # Coffee after the evaluation, five minutes taken from the closing discussion.
        [
            ("phase Nabespreking (10 min)", "phase Nabespreking (5 min)"),
            ("  id: evaluatie\n  speak: everyone\n", "  id: evaluatie\n  speak: everyone\nphase Koffie (5 min)\n"),
        ],
        WARNING,
        "phase Koffie",
        ("`Koffie`",),
        id="closing-evaluation",
    ),
    pytest.param(
        "cadence",
        [("every: 6-8 weeks", "every: 4 weeks")],
        WARNING,
        "every: 4 weeks",
        ("6-8 weeks", "4 weeks"),
        id="cadence-too-often",
    ),
    pytest.param(
        "cadence",
        [("every: 6-8 weeks", "every: 3 maanden")],
        WARNING,
        "every: 3 maanden",
        ("6-8 weeks", "3 months"),
        id="cadence-too-seldom",
    ),
]


test_a_broken_rule_is_reported_once = SHARED.broken_rule_test(BREAKS)
test_a_broken_rule_reads_in_dutch_and_english = SHARED.both_languages_test(BREAKS)
test_the_method_and_its_rules_are_described_in_dutch_and_english = SHARED.texts_test()


# ---------------------------------------------------------------- each rule kept

KEEPS = [
    pytest.param("max-members", [("group: 5-7", "group: 7")], id="max-members-7"),
    pytest.param("max-members", [("group: 5-7", "group: 3-7")], id="max-members-3-7"),
    pytest.param("one-case-giver", [], id="one-case-giver"),
    pytest.param("one-chair", [], id="one-chair"),
    pytest.param("questions-before-advice", [], id="questions-before-advice"),
    pytest.param("closing-evaluation", [], id="closing-evaluation"),
    pytest.param("cadence", [], id="cadence-6-8-weeks"),
    pytest.param("cadence", [("every: 6-8 weeks", "every: 6 weken")], id="cadence-6-weeks"),
    pytest.param("cadence", [("every: 6-8 weeks", "every: 8 weken")], id="cadence-8-weeks"),
    pytest.param("cadence", [("  every: 6-8 weeks\n", "")], id="cadence-not-given"),
]


test_a_kept_rule_is_silent = SHARED.kept_rule_test(KEEPS)
test_every_rule_is_broken_and_kept_above = SHARED.every_rule_test(BREAKS, KEEPS)


def test_rules_of_intervision_are_errors_only_for_hard_limits():
    # Group size and the steps are the method; cadence and order of the closing are customs.
    severities = {p.values[0]: p.values[2] for p in BREAKS}
    assert severities == {
        "max-members": ERROR,
        "one-case-giver": ERROR,
        "one-chair": ERROR,
        "questions-before-advice": ERROR,
        "closing-evaluation": WARNING,
        "cadence": WARNING,
    }


# ---------------------------------------------------------------- the method's own recipes


test_the_bundled_recipe_is_clean = SHARED.bundled_recipe_test("incidentmethode.mth")
test_new_writes_the_base_recipe_and_it_is_clean = SHARED.base_recipe_test()


test_new_uses_every_id_the_rules_need = SHARED.needed_ids_test(
    ("roles", "phases"), {"voorzitter", "inbrenger", "vragen", "advies", "evaluatie"}
)


# ---------------------------------------------------------------- ids the rules need

MISSING = [
    # (kind, id, the rules it skips, how to write the recipe without it)
    pytest.param("role", "voorzitter", ["one-chair"], [], id="role-voorzitter"),
    pytest.param("role", "inbrenger", ["one-case-giver"], [], id="role-inbrenger"),
    pytest.param(
        "phase",
        "vragen",
        ["questions-before-advice"],
        [("  id: vragen\n", "")],
        id="phase-vragen",
    ),
    pytest.param(
        "phase",
        "advies",
        ["questions-before-advice"],
        [("  id: advies\n", "")],
        id="phase-advies",
    ),
    pytest.param(
        "phase",
        "evaluatie",
        ["closing-evaluation"],
        # Without an id the phase would be called `evaluatie` after its title.
        [("phase Evaluatie (5 min)\n  id: evaluatie\n", "phase Terugblik (5 min)\n")],
        id="phase-evaluatie",
    ),
]


test_a_missing_id_is_a_warning_naming_it_and_the_skipped_rules = SHARED.missing_id_test(
    MISSING, role_stand_in="probleemhouder"
)


def test_a_missing_role_id_does_not_stop_the_other_rules():
    text = edit(GOOD, ("group: 5-7", "group: 5-9")).replace("voorzitter", "gespreksleider")
    codes = [d.code for d in findings(text)]
    assert codes.count("method-expects-id") == 1
    assert "incident/max-members" in codes


def test_a_recipe_without_rule_ids_still_checks_only_what_it_can():
    # A trainer's own agenda with none of the documented ids: warnings only.
    text = """\
recipe: Eigen intervisie
method: incident
group: 4-6
duration: 30 min

role gespreksleider: Gespreksleider
  count: 1
role deelnemer: Deelnemer

phase Ronde (30 min)
  lead: gespreksleider
  speak: deelnemer
"""
    found = findings(text)
    assert all(not d.is_error for d in found), headlines(found)
    messages = [d.message for d in found if d.code == "method-expects-id"]
    expected = ["role with id `voorzitter`", "role with id `inbrenger`", "phase with id `vragen`"]
    expected += ["phase with id `advies`", "phase with id `evaluatie`"]
    assert len(messages) == len(expected), messages
    for part in expected:
        assert any(part in m for m in messages), (part, messages)
