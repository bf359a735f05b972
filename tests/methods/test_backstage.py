"""The backstage group (group coaching): each rule broken once, and kept.

Facts (seeds/INDEX.md, 000): a case-giver's turn ends with agreements for the
workplace, reported back at the start of the next meeting; at most two
case-givers per meeting (two at most per evening); 8 meetings every 2 to 4 weeks, of
2.5 hours each. The two case-givers and the turn's agreements are hard limits
(errors); the series' numbers and a report-back that is only late or partial
are customs (warnings).
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
    assert_missing_id,
    edit,
    findings,
    headlines,
    only,
)

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

# In place of the report-back, a phase no finder takes for it: not called so, and everyone speaks.
OPENING = """\
phase Opening (15 min)
  when: from meeting 2
  lead: begeleider
  speak: everyone
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
        "agreements-each-turn",
        [
            (
                "    speak: inbrenger\n    output: Afspraken voor de werkvloer\n",
                "    speak: deelnemer\n    output: Afspraken voor de werkvloer\n",
            )
        ],
        WARNING,
        "phase Afspraken maken",
        ("case-giver makes the agreements", "`Afspraken maken`"),
        id="agreements-without-the-case-giver",
    ),
    pytest.param(
        "agreements-each-turn",
        [
            (
                "    output: Afspraken voor de werkvloer\n",
                "    output: Afspraken voor de werkvloer\n  phase Nog even napraten (5 min)\n    speak: deelnemer\n",
            )
        ],
        WARNING,
        "phase Afspraken maken",
        ("close the turn", "`Nog even napraten`"),
        id="agreements-not-at-the-end-of-the-turn",
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
    # (kind, id, the rules it skips, how to write the recipe without it, and without anything a finder knows)
    pytest.param(
        "role",
        "inbrenger",
        ["max-case-givers"],
        [("role inbrenger: Inbrenger", "role inbrenger: Gast")],
        id="role-inbrenger",
    ),
    pytest.param(
        "phase",
        "beurt",
        ["max-turns", "agreements-each-turn"],
        # A second rounds block: of two blocks, neither called a turn, the finder cannot tell.
        [
            ("  id: beurt\n", ""),
            ("rounds 1-2: Beurt van een inbrenger", "rounds 1-2: Verdieping"),
            ("phase Afsluiting", "rounds 1: Oefenen\n  phase Oefening (5 min)\nphase Afsluiting"),
        ],
        id="rounds-beurt",
    ),
    pytest.param(
        "phase",
        "afspraken",
        ["agreements-each-turn"],
        [
            ("    id: afspraken\n", ""),
            ("Afspraken maken", "Afronden"),
            ("    output: Afspraken voor de werkvloer\n", ""),
        ],
        id="phase-afspraken",
    ),
    pytest.param(
        "phase",
        "terugkoppeling",
        ["report-back"],
        # Without an id the phase would be called `terugkoppeling` after its title; an opening for everyone is not it.
        [(REPORT_BACK, OPENING)],
        id="phase-terugkoppeling",
    ),
]


test_a_missing_id_is_a_warning_naming_it_and_the_skipped_rules = SHARED.missing_id_test(MISSING, role_stand_in="gast")


def test_a_missing_id_does_not_stop_the_rules_that_need_none():
    text = edit(GOOD, (REPORT_BACK, OPENING), ("meetings: 8", "meetings: 12"))
    codes = [d.code for d in findings(text)]
    assert codes.count("method-expects-id") == 1
    assert "backstage/meetings" in codes


# ---------------------------------------------------------------- written by hand, without ids
#
# A trainer writes the recipe in Dutch, in their own words and without one
# `id:`: the case-giver is a `casusinbrenger`, the turn the only rounds block,
# the agreements the last phase where the case-giver speaks, with an output,
# the report-back the phase before the turn that says how it went.

HAND = """\
recept: Backstage bij de gemeente
methode: backstage
groep: 8
duur: 2,5 uur

rol trainer: Trainer
  aantal: 1
  begeleider: ja
rol casusinbrenger: Casusinbrenger
  aantal: 1-2
rol groepslid: Groepslid

fase Kennismaking (15 min)
  wanneer: bijeenkomst 1
  spreekt: iedereen
fase Hoe ging het met de afspraken? (15 min)
  wanneer: vanaf bijeenkomst 2
  leidt: trainer
  spreekt: casusinbrenger
rondes 1-2: Casus
  fase Probleem verkennen (50 min)
    spreekt: groepslid, casusinbrenger
  fase Wat ga je doen? (10 min)
    spreekt: casusinbrenger
    opbrengst: Wat de inbrenger op het werk gaat doen
fase Afsluiting (15 min)
  spreekt: iedereen

traject
  bijeenkomsten: 8
  elke: 2-4 weken
"""

HAND_SHARED = SharedTests(METHOD, HAND)

# The agreements phase, dedented out of the turn (it then runs once, after the turns).
_AGREEMENTS_IN_TURN = """\
  fase Wat ga je doen? (10 min)
    spreekt: casusinbrenger
    opbrengst: Wat de inbrenger op het werk gaat doen
"""
_AGREEMENTS_AFTER = """\
fase Afspraken maken (10 min)
  spreekt: casusinbrenger
  opbrengst: Wat de inbrenger op het werk gaat doen
"""
_HAND_REPORT_BACK = """\
fase Hoe ging het met de afspraken? (15 min)
  wanneer: vanaf bijeenkomst 2
  leidt: trainer
  spreekt: casusinbrenger
"""


def test_the_hand_written_recipe_is_checked_without_ids_and_keeps_every_rule():
    assert_found_without_ids(METHOD, HAND)
    assert headlines(findings(HAND)) == []


HAND_BREAKS = [
    pytest.param(
        "max-case-givers",
        [("  aantal: 1-2\n", "  aantal: 1-3\n")],
        ERROR,
        "rol casusinbrenger",
        ("at most 2", "has 1-3"),
        id="hand-max-case-givers",
    ),
    pytest.param(
        # The case: three case-givers in one evening, the turn found without `id: beurt`.
        "max-turns",
        [("rondes 1-2:", "rondes 1-3:")],
        ERROR,
        "rondes 1-3:",
        ("at most 2", "runs 1-3 rounds"),
        id="hand-max-turns-three-rounds",
    ),
    pytest.param(
        "agreements-each-turn",
        [(_AGREEMENTS_IN_TURN, ""), ("fase Afsluiting", _AGREEMENTS_AFTER + "fase Afsluiting")],
        ERROR,
        "fase Afspraken maken",
        ("outside the turn",),
        id="hand-agreements-outside-the-turn",
    ),
    pytest.param(
        "agreements-each-turn",
        # Found by its title in the turn; it names no output.
        [("Wat ga je doen?", "Afspraken"), ("    opbrengst: Wat de inbrenger op het werk gaat doen\n", "")],
        WARNING,
        "fase Afspraken",
        ("names no output",),
        id="hand-agreements-without-output",
    ),
    pytest.param(
        "agreements-each-turn",
        # Found by the case-giver speaking last with an output; the group goes on talking after it.
        [(_AGREEMENTS_IN_TURN, _AGREEMENTS_IN_TURN + "  fase Nabespreken (5 min)\n    spreekt: groepslid\n")],
        WARNING,
        "fase Wat ga je doen?",
        ("close the turn", "`Nabespreken`"),
        id="hand-agreements-not-at-the-end",
    ),
    pytest.param(
        "agreements-each-turn",
        # Found by its title; the group makes the agreements for the case-giver.
        [
            ("Wat ga je doen?", "Afspraken"),
            ("    spreekt: casusinbrenger\n    opbrengst", "    spreekt: groepslid\n    opbrengst"),
        ],
        WARNING,
        "fase Afspraken",
        ("case-giver makes the agreements",),
        id="hand-agreements-without-the-case-giver",
    ),
    pytest.param(
        "agreements-each-turn",
        # Found by its output's words; the group speaks in it, not the case-giver.
        [
            ("    opbrengst: Wat de inbrenger op het werk gaat doen", "    opbrengst: Afspraken voor de werkvloer"),
            ("    spreekt: casusinbrenger\n    opbrengst", "    spreekt: groepslid\n    opbrengst"),
        ],
        WARNING,
        "fase Wat ga je doen?",
        ("case-giver makes the agreements",),
        id="hand-agreements-by-their-output-the-group-speaking",
    ),
    pytest.param(
        "report-back",
        [("  wanneer: vanaf bijeenkomst 2\n", "")],
        ERROR,
        "fase Hoe ging het",
        ("first meeting",),
        id="hand-report-back-in-every-meeting",
    ),
    pytest.param(
        "report-back",
        [(_HAND_REPORT_BACK, ""), ("fase Afsluiting", _HAND_REPORT_BACK + "fase Afsluiting")],
        WARNING,
        "fase Hoe ging het",
        ("after the turns",),
        id="hand-report-back-after-the-turns",
    ),
    pytest.param(
        "meetings",
        [("bijeenkomsten: 8", "bijeenkomsten: 12")],
        WARNING,
        "bijeenkomsten: 12",
        ("not 12",),
        id="hand-meetings",
    ),
    pytest.param(
        "cadence", [("elke: 2-4 weken", "elke: 6 weken")], WARNING, "elke: 6 weken", ("6 weeks",), id="hand-cadence"
    ),
    pytest.param(
        "meeting-length",
        [("duur: 2,5 uur", "duur: 2 uur")],
        WARNING,
        "duur: 2 uur",
        ("120 min",),
        id="hand-meeting-length",
    ),
]

HAND_KEEPS = [
    pytest.param("max-case-givers", [("  aantal: 1-2\n", "  aantal: 2\n")], id="hand-max-case-givers-2"),
    pytest.param("max-turns", [("rondes 1-2:", "rondes 2:")], id="hand-max-turns-2"),
    pytest.param("agreements-each-turn", [], id="hand-agreements-in-the-turn"),
    pytest.param(
        "agreements-each-turn", [("Wat ga je doen?", "Afspraken voor de werkvloer")], id="hand-agreements-by-title"
    ),
    pytest.param("report-back", [], id="hand-report-back-from-meeting-2"),
    pytest.param("report-back", [("Hoe ging het met de afspraken?", "Terugblik")], id="hand-report-back-by-title"),
    pytest.param("meetings", [], id="hand-meetings-8"),
    pytest.param("cadence", [("elke: 2-4 weken", "elke: 3 weken")], id="hand-cadence-3-weeks"),
    pytest.param("meeting-length", [("duur: 2,5 uur", "duur: 150 min")], id="hand-meeting-length"),
]

test_a_rule_finds_its_structure_without_ids_and_reports_it_broken = HAND_SHARED.broken_rule_test(HAND_BREAKS)
test_a_rule_finds_its_structure_without_ids_and_is_silent_kept = HAND_SHARED.kept_rule_test(HAND_KEEPS)
test_every_rule_is_broken_and_kept_without_ids = HAND_SHARED.every_rule_test(HAND_BREAKS, HAND_KEEPS)
test_a_rule_found_without_ids_reads_in_dutch_and_english = HAND_SHARED.both_languages_test(HAND_BREAKS)


def test_a_case_giver_found_by_its_name_is_checked_as_the_role_inbrenger():
    # `rol probleemeigenaar: Probleemeigenaar` with 3 of them: the rule reads it as `inbrenger`.
    text = edit(HAND, ("  aantal: 1-2\n", "  aantal: 3\n")).replace("casusinbrenger", "probleemeigenaar")
    text = text.replace("Casusinbrenger", "Probleemeigenaar")
    d = only(text, "backstage/max-case-givers")
    # Named as the trainer wrote it, not by the method's id.
    assert_finding(
        d, METHOD, "max-case-givers", ERROR, text, "rol probleemeigenaar", ("at most 2", "`probleemeigenaar`")
    )


def test_two_rounds_blocks_named_as_turns_are_both_named_to_the_trainer():
    text = edit(
        HAND,
        ("rondes 1-2: Casus\n", "rondes 1: Eerste casus\n"),
        (
            "fase Afsluiting",
            "rondes 1: Tweede casus\n  fase Nog een casus (20 min)\n    spreekt: groepslid\nfase Afsluiting",
        ),
    )
    d = assert_candidates(METHOD, text, "phase", "beurt", ["Eerste casus", "Tweede casus"])
    assert "`max-turns`" in d.message


def test_of_two_rounds_blocks_the_one_named_as_a_turn_is_the_turn():
    # A warming-up round for everyone beside the case: the case block is the turn, and runs three rounds.
    text = edit(
        HAND,
        ("rondes 1-2: Casus\n", "rondes 1-3: Casus\n"),
        ("fase Hoe ging", "rondes 1: Opwarmen\n  fase Rondje (5 min)\n    spreekt: iedereen\nfase Hoe ging"),
    )
    assert_finding(only(text, "backstage/max-turns"), METHOD, "max-turns", ERROR, text, "rondes 1-3:", ("1-3",))


def test_two_agreements_phases_in_the_turn_are_both_named():
    text = edit(
        HAND,
        ("  fase Probleem verkennen (50 min)\n", "  fase Eerste afspraken (25 min)\n"),
        ("Wat ga je doen?", "Afspraken vastleggen"),
    )
    text = text.replace("rondes 1-2: Casus\n", "rondes 1-2: Casus\n  fase Verkennen (25 min)\n    spreekt: groepslid\n")
    assert_candidates(METHOD, text, "phase", "afspraken", ["Eerste afspraken", "Afspraken vastleggen"])


def test_the_report_back_is_not_taken_for_the_agreements():
    # "Hoe ging het met de afspraken?" speaks of agreements, but it is the report-back: the turn's is found.
    resolved = [d.code for d in findings(HAND)]
    assert "method-expects-id" not in resolved
    moved = edit(HAND, (_AGREEMENTS_IN_TURN, ""))
    d = assert_missing_id(METHOD, moved, "phase", "afspraken", ["agreements-each-turn"])
    assert "found none" in d.message
