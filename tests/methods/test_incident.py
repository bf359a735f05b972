"""The incident method (intervision): each rule broken once, and kept.

Facts (seeds/INDEX.md, 001): an intervision group has at most 7 members and
meets every 6 to 8 weeks; Hendriksen's ten steps give one case-giver, one
chair, informative questions before any approach, and a closing evaluation.
The steps' structure is a hard limit (errors); the cadence and the place of
the evaluation are customs (warnings). The group size (3 to 7) is the
method's `group_size`, checked by methodengine's core: a group wholly above
7 is an error, one that may be above it a warning.
"""

from __future__ import annotations

import pytest
from _support import (
    ERROR,
    WARNING,
    SharedTests,
    assert_candidates,
    assert_finding,
    assert_found_without_ids,
    edit,
    findings,
    headlines,
    only,
)

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
    # The steps are the method; cadence and order of the closing are customs.
    severities = {p.values[0]: p.values[2] for p in BREAKS}
    assert severities == {
        "one-case-giver": ERROR,
        "one-chair": ERROR,
        "questions-before-advice": ERROR,
        "closing-evaluation": WARNING,
        "cadence": WARNING,
    }


# ---------------------------------------------------------------- the method's own recipes


@pytest.mark.parametrize(
    ("group", "severity"),
    [("8", ERROR), ("9-12", ERROR), ("2", ERROR), ("5-9", WARNING), ("2-5", WARNING)],
)
def test_a_group_outside_3_to_7_is_reported_by_the_method_size(group, severity):
    # At most 7 (the source); a group that can never fit is an error, one that may not a warning.
    text = edit(GOOD, ("group: 5-7", f"group: {group}"))
    d = only(text, "incident/group-size")
    assert d.severity is severity, d.headline()
    assert "3-7" in d.message and d.source == METHOD.source


@pytest.mark.parametrize("group", ["3", "3-7", "7", "4-6"])
def test_a_group_of_3_to_7_fits_the_method(group):
    assert findings(edit(GOOD, ("group: 5-7", f"group: {group}")), "incident/group-size") == []


def test_the_group_size_is_the_sources_at_most_7():
    assert (METHOD.group_size.low, METHOD.group_size.high) == (3, 7)
    assert "max-members" not in {r.code for r in METHOD.rules}  # the core check replaces it


test_the_bundled_recipe_is_clean = SHARED.bundled_recipe_test("incidentmethode.mth")
test_new_writes_the_base_recipe_and_it_is_clean = SHARED.base_recipe_test()


test_new_uses_every_id_the_rules_need = SHARED.needed_ids_test(
    ("roles", "phases"), {"voorzitter", "inbrenger", "vragen", "advies", "evaluatie"}
)


# ---------------------------------------------------------------- ids the rules need

MISSING = [
    # (kind, id, the rules it skips, how to write the recipe without it, and without a name a finder knows)
    pytest.param(
        "role",
        "voorzitter",
        ["one-chair"],
        [("role voorzitter: Voorzitter", "role voorzitter: Gast")],
        id="role-voorzitter",
    ),
    pytest.param(
        "role",
        "inbrenger",
        ["one-case-giver"],
        [("role inbrenger: Inbrenger", "role inbrenger: Gast")],
        id="role-inbrenger",
    ),
    pytest.param(
        "phase",
        "vragen",
        ["questions-before-advice"],
        [("phase Informatieronde (15 min)\n  id: vragen\n", "phase Verkennen (15 min)\n")],
        id="phase-vragen",
    ),
    pytest.param(
        "phase",
        "advies",
        ["questions-before-advice"],
        [("phase Standpunten uitwisselen (20 min)\n  id: advies\n", "phase Rondgang (20 min)\n")],
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


test_a_missing_id_is_a_warning_naming_it_and_the_skipped_rules = SHARED.missing_id_test(MISSING, role_stand_in="gast")


def test_a_missing_role_id_does_not_stop_the_other_rules():
    text = edit(
        GOOD, ("every: 6-8 weeks", "every: 2 weeks"), ("role voorzitter: Voorzitter", "role notulist: Notulist")
    )
    text = text.replace("lead: voorzitter", "lead: notulist")
    codes = [d.code for d in findings(text)]
    assert codes.count("method-expects-id") == 1
    assert "incident/cadence" in codes


def test_a_recipe_without_rule_ids_still_checks_only_what_it_can():
    # A trainer's own agenda with none of the documented ids: the chair is found by its name; the rest are warnings.
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
    expected = ["role with id `inbrenger`", "phase with id `vragen`", "phase with id `advies`"]
    expected += ["phase with id `evaluatie`"]
    assert len(messages) == len(expected), messages
    for part in expected:
        assert any(part in m for m in messages), (part, messages)


# ---------------------------------------------------------------- written by hand, without ids
#
# A trainer writes the recipe in Dutch, in their own words and without one
# `id:`: a gespreksleider chairs, a casusinbrenger brings the incident, the
# questions, the advice and the evaluation are phases named as a trainer names them.

HAND = """\
recept: Intervisie team Zuid
methode: incident
groep: 5-7
duur: 60 min

rol gespreksleider: Gespreksleider
  aantal: 1
rol casusinbrenger: Casusinbrenger
  aantal: 1
rol collega: Collega

fase Incident schetsen (10 min)
  leidt: gespreksleider
  spreekt: casusinbrenger
  luistert: collega
fase Informatieve vragen (15 min)
  spreekt: collega
  luistert: casusinbrenger
fase Adviesronde (20 min)
  spreekt: collega
  luistert: casusinbrenger
fase Nabespreking (10 min)
  spreekt: iedereen
fase Evaluatie van de bijeenkomst (5 min)
  spreekt: iedereen

traject
  bijeenkomsten: 6
  elke: 6-8 weken
"""

HAND_SHARED = SharedTests(METHOD, HAND)


def test_the_hand_written_recipe_is_checked_without_ids_and_keeps_every_rule():
    assert_found_without_ids(METHOD, HAND)
    assert headlines(findings(HAND)) == []


HAND_BREAKS = [
    pytest.param(
        "one-case-giver",
        [("rol casusinbrenger: Casusinbrenger\n  aantal: 1", "rol casusinbrenger: Casusinbrenger\n  aantal: 2")],
        ERROR,
        "rol casusinbrenger",
        ("exactly one", "`casusinbrenger` has 2"),
        id="hand-one-case-giver",
    ),
    pytest.param(
        "one-chair",
        [("rol gespreksleider: Gespreksleider\n  aantal: 1", "rol gespreksleider: Gespreksleider\n  aantal: 1-2")],
        ERROR,
        "rol gespreksleider",
        ("exactly one", "has 1-2"),
        id="hand-one-chair",
    ),
    pytest.param(
        "questions-before-advice",
        [
            ("fase Informatieve vragen (15 min)", "fase Adviesronde (15 min)"),
            ("fase Adviesronde (20 min)", "fase Informatieve vragen (20 min)"),
        ],
        ERROR,
        "fase Adviesronde",
        ("advice come before the informative questions",),
        id="hand-questions-before-advice",
    ),
    pytest.param(
        "closing-evaluation",
        [
            ("fase Nabespreking (10 min)", "fase Nabespreking (5 min)"),
            ("traject\n", "fase Koffie (5 min)\n\ntraject\n"),
        ],
        WARNING,
        "fase Koffie",
        ("`Koffie`",),
        id="hand-closing-evaluation",
    ),
    pytest.param(
        "cadence", [("elke: 6-8 weken", "elke: 4 weken")], WARNING, "elke: 4 weken", ("4 weeks",), id="hand-cadence"
    ),
]

HAND_KEEPS = [
    pytest.param("one-case-giver", [], id="hand-one-case-giver"),
    pytest.param(
        "one-case-giver",
        [("rol casusinbrenger: Casusinbrenger", "rol casus: Probleemeigenaar")],
        id="hand-one-case-giver-by-name",
    ),
    pytest.param("one-chair", [], id="hand-one-chair"),
    pytest.param(
        # The chair by its mark: the one role with `begeleider: ja`.
        "one-chair",
        [
            (
                "rol gespreksleider: Gespreksleider\n  aantal: 1\n",
                "rol trainer: Trainer\n  aantal: 1\n  begeleider: ja\n",
            ),
            ("leidt: gespreksleider", "leidt: trainer"),
        ],
        id="hand-one-chair-the-facilitator",
    ),
    pytest.param(
        # The trainer chairs: marked `begeleider: ja`, no count, so one (`begeleiders:` from the method).
        "one-chair",
        [
            ("rol gespreksleider: Gespreksleider\n  aantal: 1\n", "rol trainer: Trainer\n  begeleider: ja\n"),
            ("leidt: gespreksleider", "leidt: trainer"),
        ],
        id="hand-one-chair-the-facilitator-without-a-count",
    ),
    pytest.param("questions-before-advice", [], id="hand-questions-before-advice"),
    pytest.param(
        # Positions written alone, then shared: the sharing is where advice is given.
        "questions-before-advice",
        [
            (
                "fase Adviesronde (20 min)",
                "fase Standpunt bepalen (5 min)\n  spreekt: collega\nfase Standpunten uitwisselen (15 min)",
            )
        ],
        id="hand-positions-shared-after-questions",
    ),
    pytest.param(
        # Hendriksen's question of the positions step as the title, per colleague: that is where advice is given.
        "questions-before-advice",
        [("fase Adviesronde (20 min)", "fase Wat zou jij doen? (3 min per collega)")],
        id="hand-what-would-you-do",
    ),
    pytest.param("closing-evaluation", [], id="hand-closing-evaluation"),
    pytest.param("cadence", [("elke: 6-8 weken", "elke: 7 weken")], id="hand-cadence-7-weeks"),
]

test_a_rule_finds_its_structure_without_ids_and_reports_it_broken = HAND_SHARED.broken_rule_test(HAND_BREAKS)
test_a_rule_finds_its_structure_without_ids_and_is_silent_kept = HAND_SHARED.kept_rule_test(HAND_KEEPS)
test_every_rule_is_broken_and_kept_without_ids = HAND_SHARED.every_rule_test(HAND_BREAKS, HAND_KEEPS)
test_a_rule_found_without_ids_reads_in_dutch_and_english = HAND_SHARED.both_languages_test(HAND_BREAKS)


def test_a_hand_written_group_of_eight_is_an_error():
    text = edit(HAND, ("groep: 5-7", "groep: 8"))
    assert only(text, "incident/group-size").severity is ERROR


def test_two_question_rounds_are_both_named_to_the_trainer():
    text = edit(HAND, ("fase Incident schetsen (10 min)", "fase Verhelderende vragen (10 min)"))
    d = assert_candidates(METHOD, text, "phase", "vragen", ["Verhelderende vragen", "Informatieve vragen"])
    assert "`questions-before-advice`" in d.message


def test_two_advice_phases_are_both_named_to_the_trainer():
    text = edit(HAND, ("fase Nabespreking (10 min)", "fase Tips voor de inbrenger (10 min)"))
    assert_candidates(METHOD, text, "phase", "advies", ["Adviesronde", "Tips voor de inbrenger"])


def test_what_would_you_do_before_the_questions_is_reported():
    text = edit(
        HAND,
        ("fase Informatieve vragen (15 min)", "fase Wat zou jij doen? (15 min)"),
        ("fase Adviesronde (20 min)", "fase Informatieve vragen (20 min)"),
    )
    d = only(text, "incident/questions-before-advice")
    assert_finding(d, METHOD, "questions-before-advice", ERROR, text, "fase Wat zou jij doen?", ("before",))


def test_what_you_would_do_written_down_and_then_said_is_the_saying():
    text = edit(
        HAND,
        (
            "fase Adviesronde (20 min)",
            "fase Wat zou jij doen? Opschrijven (5 min)\n  spreekt: collega\nfase Wat zou jij doen? (15 min)",
        ),
    )
    assert_found_without_ids(METHOD, text)
    assert headlines(findings(text, "incident/questions-before-advice")) == []


def test_writing_questions_down_is_not_the_question_round():
    # Hendriksen's third step (write the questions) beside the information round: the round is found.
    text = edit(
        HAND,
        (
            "fase Informatieve vragen (15 min)",
            "fase Vragen opschrijven (5 min)\n  spreekt: collega\nfase Vragen stellen (10 min)",
        ),
    )
    assert_found_without_ids(METHOD, text)
    swapped = edit(
        text,
        ("fase Adviesronde (20 min)", "fase Vragen stellen (20 min)"),
        ("fase Vragen stellen (10 min)", "fase Adviesronde (10 min)"),
    )
    d = only(swapped, "incident/questions-before-advice")
    assert_finding(d, METHOD, "questions-before-advice", ERROR, swapped, "fase Adviesronde", ("before",))


def test_an_english_recipe_written_by_hand_is_read_in_its_own_words():
    # A chair, a presenter called Case-giver, and the advice before the clarifying questions.
    text = """\
recipe: Peer review
method: incident
group: 5-7
duration: 60 min

role chair: Chair
  count: 1
role presenter: Presenter
  count: 2
role peer: Peer

phase Outline the incident (10 min)
  lead: chair
  speak: presenter
phase Advice round (20 min)
  speak: peer
phase Clarifying questions (15 min)
  speak: peer
phase Closing talk (10 min)
  speak: everyone
phase Evaluation (5 min)
  speak: everyone
"""
    assert_found_without_ids(METHOD, text)
    codes = sorted(d.code for d in findings(text) if d.is_error)
    assert codes == ["incident/one-case-giver", "incident/questions-before-advice"]
    advice = only(text, "incident/questions-before-advice")
    assert advice.hint and "`Advice round` after `Clarifying questions`" in advice.hint
