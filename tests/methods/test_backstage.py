"""The backstage group (group coaching): each rule broken once, and kept.

Facts (seeds/INDEX.md, 000): a case-giver's turn ends with agreements for the
workplace, reported back at the start of the next meeting; at most two
case-givers per meeting ("maximaal twee"); 8 meetings every 2 to 4 weeks, of
2.5 hours each. The two case-givers and the turn's agreements are hard limits
(errors); the series' numbers and a report-back that is only late or partial
are customs (warnings).
"""

from __future__ import annotations

import pytest
from _support import ERROR, WARNING, SharedTests, assert_finding, edit, findings, headlines, only

from methodengine import Severity
from methodengine.testing import isolated_plugins

METHOD = isolated_plugins(builtins=True).methods()["backstage"]

# A backstage meeting that keeps every rule: report-back from meeting 2, one or
# two turns that each end with agreements, 150 minutes, 8 meetings every 2-4 weeks.
GOOD = """\
recipe: Backstagegroep
method: backstage
duration: 150 min

role begeleider: Begeleider
  count: 1
  facilitator: yes
role inbrenger: Inbrenger
  count: 1-2
role deelnemer: Groepslid

phase Terugkoppeling (15 min)
  id: terugkoppeling
  when: from meeting 2
  lead: begeleider
  speak: inbrenger
rounds 1-2: Beurt van een inbrenger
  id: beurt
  phase Probleem bekijken (50 min)
    speak: deelnemer, inbrenger
  phase Afspraken maken (10 min)
    id: afspraken
    speak: inbrenger
    output: Afspraken voor de werkvloer
phase Afsluiting (30 min)
  speak: everyone

trajectory
  meetings: 8
  every: 2-4 weeks
"""

REPORT_BACK = """\
phase Terugkoppeling (15 min)
  id: terugkoppeling
  when: from meeting 2
  lead: begeleider
  speak: inbrenger
"""

TURN = """\
rounds 1-2: Beurt van een inbrenger
  id: beurt
  phase Probleem bekijken (50 min)
    speak: deelnemer, inbrenger
  phase Afspraken maken (10 min)
    id: afspraken
    speak: inbrenger
    output: Afspraken voor de werkvloer
"""

# The same steps, but the turn written as a single phase rather than a rounds block.
TURN_AS_PHASES = """\
phase Beurt van een inbrenger (50 min)
  id: beurt
  speak: deelnemer, inbrenger
phase Afspraken maken (10 min)
  id: afspraken
  speak: inbrenger
  output: Afspraken voor de werkvloer
"""

# The tests every method passes alike (see _support.py), bound to this method and GOOD.
SHARED = SharedTests(METHOD, GOOD)


def test_the_good_recipe_has_no_findings_at_all():
    assert headlines(findings(GOOD)) == []


# ---------------------------------------------------------------- each rule broken once

BREAKS = [
    pytest.param(
        "max-case-givers",
        [("  count: 1-2\n", "  count: 1-3\n")],
        ERROR,
        "role inbrenger",
        ("at most 2", "has 1-3"),
        id="max-case-givers",
    ),
    pytest.param(
        "max-turns",
        [("rounds 1-2:", "rounds 1-3:")],
        ERROR,
        "rounds 1-3:",
        ("at most 2", "runs 1-3 rounds"),
        id="max-turns-three-rounds",
    ),
    pytest.param(
        "max-turns",
        [(TURN, TURN_AS_PHASES)],
        ERROR,
        "phase Beurt van een inbrenger",
        ("`beurt` should be a rounds block",),
        id="max-turns-not-a-rounds-block",
    ),
    pytest.param(
        "agreements-each-turn",
        # The agreements phase dedented: it now follows the turns, once per meeting.
        [
            (
                "  phase Afspraken maken (10 min)\n    id: afspraken\n    speak: inbrenger\n",
                "phase Afspraken maken (10 min)\n  id: afspraken\n  speak: inbrenger\n",
            ),
            ("    output: Afspraken voor de werkvloer\n", "  output: Afspraken voor de werkvloer\n"),
        ],
        ERROR,
        "phase Afspraken maken",
        ("outside the turn",),
        id="agreements-outside-the-turn",
    ),
    pytest.param(
        "agreements-each-turn",
        [("    output: Afspraken voor de werkvloer\n", "")],
        WARNING,
        "phase Afspraken maken",
        ("names no output",),
        id="agreements-without-output",
    ),
    pytest.param(
        "report-back",
        [("  when: from meeting 2\n", "")],
        ERROR,
        "phase Terugkoppeling",
        ("first meeting",),
        id="report-back-in-every-meeting",
    ),
    pytest.param(
        "report-back",
        [("  when: from meeting 2\n", "  when: meetings 1-8\n")],
        ERROR,
        "when: meetings 1-8",
        ("first meeting",),
        id="report-back-in-meeting-1",
    ),
    pytest.param(
        "report-back",
        [("  when: from meeting 2\n", "  when: meetings 2-5\n")],
        WARNING,
        "when: meetings 2-5",
        ("meetings 6, 7, 8",),
        id="report-back-missing-in-later-meetings",
    ),
    pytest.param(
        "report-back",
        [(REPORT_BACK, ""), ("phase Afsluiting", REPORT_BACK + "phase Afsluiting")],
        WARNING,
        "phase Terugkoppeling",
        ("after the turns",),
        id="report-back-after-the-turns",
    ),
    pytest.param(
        "meetings",
        [("meetings: 8", "meetings: 10")],
        WARNING,
        "meetings: 10",
        ("8 times", "not 10"),
        id="meetings-ten",
    ),
    pytest.param(
        "meetings",
        [("meetings: 8", "meetings: open")],
        WARNING,
        "meetings: open",
        ("8 times", "open number"),
        id="meetings-open",
    ),
    pytest.param(
        "cadence",
        [("every: 2-4 weeks", "every: 6 weken")],
        WARNING,
        "every: 6 weken",
        ("2-4 weeks", "6 weeks"),
        id="cadence-too-seldom",
    ),
    pytest.param(
        "cadence",
        [("every: 2-4 weeks", "every: 1 week")],
        WARNING,
        "every: 1 week",
        ("2-4 weeks", "1 week"),
        id="cadence-too-often",
    ),
    pytest.param(
        "meeting-length",
        [("duration: 150 min", "duration: 3 h")],
        WARNING,
        "duration: 3 h",
        ("150 min", "180 min"),
        id="meeting-length-three-hours",
    ),
    pytest.param(
        "meeting-length",
        [("duration: 150 min", "duration: 2 uur")],
        WARNING,
        "duration: 2 uur",
        ("150 min", "120 min"),
        id="meeting-length-two-hours",
    ),
]


test_a_broken_rule_is_reported_once = SHARED.broken_rule_test(BREAKS)
test_a_broken_rule_reads_in_dutch_and_english = SHARED.both_languages_test(BREAKS)
test_the_method_and_its_rules_are_described_in_dutch_and_english = SHARED.texts_test()


def test_an_open_case_giver_role_that_holds_more_than_two_is_reported():
    # Group of 8, 3 named group members: the open role `inbrenger` holds the other 5,
    # so five case-givers would take a turn; the source allows two.
    text = edit(
        GOOD,
        ("duration: 150 min\n", "duration: 150 min\ngroup: 8\n"),
        ("role inbrenger: Inbrenger\n  count: 1-2\n", "role inbrenger: Inbrenger\n"),
        ("role deelnemer: Groepslid\n", "role deelnemer: Groepslid\n  count: 3\n"),
    )
    d = only(text, "backstage/max-case-givers")
    assert_finding(d, METHOD, "max-case-givers", ERROR, text, "role inbrenger", ("at most 2",))


# ---------------------------------------------------------------- each rule kept

KEEPS = [
    pytest.param("max-case-givers", [], id="max-case-givers-1-2"),
    pytest.param("max-case-givers", [("  count: 1-2\n", "  count: 2\n")], id="max-case-givers-2"),
    pytest.param("max-turns", [], id="max-turns-1-2"),
    pytest.param("max-turns", [("rounds 1-2:", "rounds 2:")], id="max-turns-2"),
    pytest.param("max-turns", [("rounds 1-2:", "rounds 1:")], id="max-turns-1"),
    pytest.param("agreements-each-turn", [], id="agreements-each-turn"),
    pytest.param("report-back", [], id="report-back-from-meeting-2"),
    pytest.param("report-back", [("  when: from meeting 2\n", "  when: meetings 2-8\n")], id="report-back-2-8"),
    pytest.param("meetings", [], id="meetings-8"),
    pytest.param("cadence", [], id="cadence-2-4-weeks"),
    pytest.param("cadence", [("every: 2-4 weeks", "every: 2 weken")], id="cadence-2-weeks"),
    pytest.param("cadence", [("every: 2-4 weeks", "every: 4 weken")], id="cadence-4-weeks"),
    pytest.param("cadence", [("every: 2-4 weeks", "every: 1 maand")], id="cadence-a-month"),
    pytest.param("meeting-length", [], id="meeting-length-150-min"),
    pytest.param("meeting-length", [("duration: 150 min", "duration: 2,5 uur")], id="meeting-length-2,5-uur"),
    pytest.param("meeting-length", [("duration: 150 min", "duration: 2 h 30 min")], id="meeting-length-2h30"),
]


test_a_kept_rule_is_silent = SHARED.kept_rule_test(KEEPS)
test_every_rule_is_broken_and_kept_above = SHARED.every_rule_test(BREAKS, KEEPS)


def test_at_most_two_case_givers_is_a_hard_limit_and_the_series_a_custom():
    severities: dict[str, set[Severity]] = {}
    for p in BREAKS:
        severities.setdefault(p.values[0], set()).add(p.values[2])
    assert severities["max-case-givers"] == {ERROR}
    assert severities["max-turns"] == {ERROR}
    assert severities["meetings"] == severities["cadence"] == severities["meeting-length"] == {WARNING}


# ---------------------------------------------------------------- the method's own recipes


test_the_bundled_recipe_is_clean = SHARED.bundled_recipe_test("backstagegroep.mth")
test_new_writes_the_base_recipe_and_it_is_clean = SHARED.base_recipe_test()


test_new_uses_every_id_the_rules_need = SHARED.needed_ids_test(
    ("roles", "phases"), {"inbrenger", "beurt", "afspraken", "terugkoppeling"}
)


# ---------------------------------------------------------------- ids the rules need

MISSING = [
    # (kind, id, the rules it skips, how to write the recipe without it)
    pytest.param("role", "inbrenger", ["max-case-givers"], [], id="role-inbrenger"),
    pytest.param("phase", "beurt", ["max-turns", "agreements-each-turn"], [("  id: beurt\n", "")], id="rounds-beurt"),
    pytest.param("phase", "afspraken", ["agreements-each-turn"], [("    id: afspraken\n", "")], id="phase-afspraken"),
    pytest.param(
        "phase",
        "terugkoppeling",
        ["report-back"],
        # Without an id the phase would be called `terugkoppeling` after its title.
        [("phase Terugkoppeling (15 min)\n  id: terugkoppeling\n", "phase Hoe ging het? (15 min)\n")],
        id="phase-terugkoppeling",
    ),
]


test_a_missing_id_is_a_warning_naming_it_and_the_skipped_rules = SHARED.missing_id_test(
    MISSING, role_stand_in="casushouder"
)


def test_a_missing_id_does_not_stop_the_rules_that_need_none():
    text = edit(GOOD, ("  id: beurt\n", ""), ("meetings: 8", "meetings: 12"))
    codes = [d.code for d in findings(text)]
    assert codes.count("method-expects-id") == 1
    assert "backstage/meetings" in codes
