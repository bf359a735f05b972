"""The gossip method: each rule broken once and kept, in a recipe with the method's ids and in one written by hand.

Facts (Dutch intervision practice; no published source with figures): one
case-giver tells a case and answers questions; then sits outside the circle
and listens, without reacting, while the others talk about them as if they
were not there; then reacts. The silent case-giver is the method itself (an
error); the rest is practice (warnings), and no number is checked.
"""

from __future__ import annotations

import pytest
from _support import (
    ERROR,
    RECIPES,
    WARNING,
    SharedTests,
    assert_finding,
    assert_missing_id,
    edit,
    findings,
    headlines,
    only,
    run_cli,
)

from methodengine.testing import isolated_plugins

METHOD = isolated_plugins(builtins=True).methods()["roddel"]

# A gossip round that keeps every rule, with the id `methodengine new roddel` writes.
GOOD = """\
recipe: Roddel
method: roddel
duration: 60 min

role voorzitter: Gespreksleider
  count: 1
role inbrenger: Inbrenger
  count: 1
role deelnemer: Deelnemer

phase Casus vertellen (10 min)
  lead: voorzitter
  speak: inbrenger
  listen: deelnemer
phase Vragen (15 min)
  speak: deelnemer, inbrenger
phase Roddelen (20 min)
  id: roddelen
  lead: voorzitter
  speak: deelnemer
  outside: inbrenger
phase Reactie (15 min)
  speak: inbrenger
  listen: deelnemer
"""

QUESTIONS = "phase Vragen (15 min)\n  speak: deelnemer, inbrenger\n"

# The same round as a trainer writes it: Dutch keywords, roles of their own, no ids at all.
HAND = """\
recept: Onze roddelronde
methode: roddel
duur: 60 min

rol gespreksleider: Gespreksleider
  aantal: 1
rol casushouder: Casusinbrenger
  aantal: 1
rol collega: Collega

fase Het verhaal (10 min)
  leidt: gespreksleider
  spreekt: casushouder
  luistert: collega
fase Doorvragen (15 min)
  spreekt: collega, casushouder
fase Over de inbrenger (20 min)
  spreekt: collega
  buiten: casushouder
fase Wat hoorde je? (15 min)
  spreekt: casushouder
  luistert: collega
"""

HAND_GOSSIP = "fase Over de inbrenger (20 min)\n  spreekt: collega\n  buiten: casushouder\n"

SHARED = SharedTests(METHOD, GOOD)


def test_the_good_recipe_has_no_findings_at_all():
    assert headlines(findings(GOOD)) == []


def test_the_hand_written_recipe_has_no_findings_at_all():
    assert headlines(findings(HAND)) == []


# ---------------------------------------------------------------- each rule broken once, with ids

BREAKS = [
    pytest.param(
        "one-case-giver",
        [("role inbrenger: Inbrenger\n  count: 1\n", "role inbrenger: Inbrenger\n  count: 2\n")],
        WARNING,
        "role inbrenger",
        ("one case-giver", "has 2"),
        id="one-case-giver-two",
    ),
    pytest.param(
        "one-case-giver",
        [
            ("duration: 60 min\n", "duration: 60 min\ngroup: 8\n"),
            ("role inbrenger: Inbrenger\n  count: 1\n", "role inbrenger: Inbrenger\n"),
            ("role deelnemer: Deelnemer\n", "role deelnemer: Deelnemer\n  count: 4\n"),
        ],
        WARNING,
        "role inbrenger",
        ("one case-giver", "the rest of the group"),
        id="one-case-giver-the-open-role",
    ),
    pytest.param(
        "case-giver-silent",
        [("  speak: deelnemer\n  outside: inbrenger\n", "  speak: deelnemer, inbrenger\n")],
        ERROR,
        "phase Roddelen",
        ("the case-giver takes part",),
        id="case-giver-speaks",
    ),
    pytest.param(
        "case-giver-silent",
        [("  lead: voorzitter\n  speak: deelnemer\n", "  lead: inbrenger\n  speak: deelnemer\n")],
        ERROR,
        "phase Roddelen",
        ("the case-giver takes part",),
        id="case-giver-leads",
    ),
    pytest.param(
        "case-giver-silent",
        [("  speak: deelnemer\n  outside: inbrenger\n", "  outside: inbrenger\n")],
        ERROR,
        "phase Roddelen",
        ("nobody speaks",),
        id="nobody-gossips",
    ),
    pytest.param(
        "questions-first",
        [(QUESTIONS, ""), ("phase Casus vertellen (10 min)", "phase Casus vertellen (25 min)")],
        WARNING,
        "phase Roddelen",
        ("no phase before `Roddelen`",),
        id="questions-none",
    ),
    pytest.param(
        "questions-first",
        [(QUESTIONS, ""), ("phase Reactie", QUESTIONS + "phase Reactie")],
        WARNING,
        "phase Roddelen",
        ("asks the case-giver questions",),
        id="questions-after-the-gossip",
    ),
    pytest.param(
        "case-giver-reacts",
        [("phase Reactie (15 min)\n  speak: inbrenger\n", "phase Reactie (15 min)\n  speak: deelnemer\n")],
        WARNING,
        "phase Roddelen",
        ("does not speak after `Roddelen`",),
        id="case-giver-never-reacts",
    ),
]

test_a_broken_rule_is_reported_once = SHARED.broken_rule_test(BREAKS)
test_a_broken_rule_reads_in_dutch_and_english = SHARED.both_languages_test(BREAKS)
test_the_method_and_its_rules_are_described_in_dutch_and_english = SHARED.texts_test()


# ---------------------------------------------------------------- each rule kept, with ids

KEEPS = [
    pytest.param("one-case-giver", [], id="one-case-giver"),
    pytest.param("case-giver-silent", [], id="case-giver-outside"),
    pytest.param(
        "case-giver-silent",
        [("  speak: deelnemer\n  outside: inbrenger\n", "  speak: deelnemer\n  listen: inbrenger\n")],
        id="case-giver-listening",
    ),
    pytest.param("questions-first", [], id="questions-first"),
    pytest.param("case-giver-reacts", [], id="case-giver-reacts"),
    pytest.param(
        "case-giver-reacts",
        [
            (
                "phase Reactie (15 min)\n  speak: inbrenger\n  listen: deelnemer\n",
                "phase Reactie (15 min)\n  speak: everyone\n",
            )
        ],
        id="everyone",
    ),
]

test_a_kept_rule_is_silent = SHARED.kept_rule_test(KEEPS)
test_every_rule_is_broken_and_kept_above = SHARED.every_rule_test(BREAKS, KEEPS)


def test_only_the_silent_case_giver_is_an_error_the_rest_is_practice():
    severities: dict[str, set] = {}
    for p in BREAKS:
        severities.setdefault(p.values[0], set()).add(p.values[2])
    assert severities.pop("case-giver-silent") == {ERROR}
    assert all(found == {WARNING} for found in severities.values())
    assert all("praktijk" in r.source for r in METHOD.rules)


# ---------------------------------------------------------------- the same rules in a recipe without ids

HAND_BREAKS = [
    pytest.param(
        "one-case-giver",
        [("rol casushouder: Casusinbrenger\n  aantal: 1\n", "rol casushouder: Casusinbrenger\n  aantal: 2\n")],
        WARNING,
        "rol casushouder",
        ("has 2",),
        id="one-case-giver-two",
    ),
    pytest.param(
        "case-giver-silent",
        [(HAND_GOSSIP, HAND_GOSSIP.replace("  spreekt: collega\n", "  leidt: casushouder\n  spreekt: collega\n"))],
        ERROR,
        "fase Over de inbrenger",
        ("the case-giver takes part",),
        id="case-giver-leads",
    ),
    pytest.param(
        "questions-first",
        [
            (
                "fase Doorvragen (15 min)\n  spreekt: collega, casushouder\n",
                "fase Doorvragen (15 min)\n  spreekt: collega\n",
            )
        ],
        WARNING,
        "fase Over de inbrenger",
        ("asks the case-giver questions",),
        id="questions-without-the-case-giver",
    ),
    pytest.param(
        "case-giver-reacts",
        [("fase Wat hoorde je? (15 min)\n  spreekt: casushouder\n  luistert: collega\n", "")],
        WARNING,
        "fase Over de inbrenger",
        ("never react",),
        id="case-giver-never-reacts",
    ),
]

HAND_KEEPS = [
    pytest.param("one-case-giver", [], id="one-case-giver"),
    pytest.param(
        "case-giver-silent",
        [(HAND_GOSSIP, HAND_GOSSIP.replace("buiten: casushouder", "luistert: casushouder"))],
        id="case-giver-listening",
    ),
    pytest.param("questions-first", [], id="questions-first"),
    pytest.param(
        "case-giver-reacts",
        [("je? (15 min)\n  spreekt: casushouder\n  luistert: collega\n", "je? (15 min)\n  spreekt: iedereen\n")],
        id="case-giver-reacts-with-everyone",
    ),
]


@pytest.mark.parametrize(("rule", "changes", "severity", "at", "figures"), HAND_BREAKS)
def test_a_broken_rule_is_found_in_a_recipe_without_ids(rule, changes, severity, at, figures):
    text = edit(HAND, *changes)
    d = only(text, f"roddel/{rule}")
    assert_finding(d, METHOD, rule, severity, text, at, figures)
    assert [f.code for f in findings(text) if f.code == "method-expects-id"] == []


@pytest.mark.parametrize(("rule", "changes"), HAND_KEEPS)
def test_a_kept_rule_is_silent_in_a_recipe_without_ids(rule, changes):
    text = edit(HAND, *changes)
    assert headlines(findings(text)) == []


def test_every_rule_is_broken_and_kept_without_ids():
    codes = {r.code for r in METHOD.rules}
    assert {p.values[0] for p in HAND_BREAKS} == {p.values[0] for p in HAND_KEEPS} == codes


# ---------------------------------------------------------------- what the finders cannot tell


def test_a_case_giver_the_finder_cannot_tell_by_its_name_skips_the_rules():
    text = edit(HAND, ("rol casushouder: Casusinbrenger\n", "rol verteller: Verteller\n"))
    text = text.replace("casushouder", "verteller")
    found = findings(text)
    expects = [d.message for d in found if d.code == "method-expects-id"]
    assert any("role with id `inbrenger`" in m and "found none" in m for m in expects), expects
    assert [d.code for d in found if d.code.startswith("roddel/")] == []
    assert [d.headline() for d in found if d.is_error] == []


def test_a_gossip_where_the_case_giver_speaks_is_not_found_and_the_warning_says_what_was_looked_for():
    text = edit(HAND, (HAND_GOSSIP, "fase Over de inbrenger (20 min)\n  spreekt: collega, casushouder\n"))
    d = assert_missing_id(
        METHOD, text, "phase", "roddelen", ["case-giver-silent", "questions-first", "case-giver-reacts"]
    )
    assert "sits outside the circle" in d.message and "found none" in d.message


def test_two_phases_that_could_be_the_gossip_are_named_and_the_id_chooses():
    advice = "fase Adviezen (10 min)\n  spreekt: collega\n  luistert: casushouder\n"
    text = edit(
        HAND,
        ("fase Wat hoorde je? (15 min)", advice + "fase Wat hoorde je? (5 min)"),
    )
    d = assert_missing_id(METHOD, text, "phase", "roddelen", ["case-giver-silent"])
    assert "found 2" in d.message and "`Over de inbrenger`" in d.message and "`Adviezen`" in d.message
    marked = edit(text, (HAND_GOSSIP, HAND_GOSSIP.replace("(20 min)\n", "(20 min)\n  id: roddelen\n")))
    assert headlines(findings(marked)) == []


# ---------------------------------------------------------------- the method's own recipes

test_the_bundled_recipe_is_clean = SHARED.bundled_recipe_test("roddelmethode.mth")
test_new_writes_the_base_recipe_and_it_is_clean = SHARED.base_recipe_test()
test_new_uses_every_id_the_rules_need = SHARED.needed_ids_test(("roles", "phases"), {"inbrenger", "roddelen"})


def test_the_bundled_recipe_is_an_example_and_not_the_base_recipe():
    assert (RECIPES / "roddelmethode.mth").read_text(encoding="utf-8") != METHOD.base_recipe


def test_no_group_size_is_checked_practice_gives_none():
    assert METHOD.group_size is None
    assert findings(edit(GOOD, ("duration: 60 min\n", "duration: 60 min\ngroup: 20\n")), "roddel/group-size") == []


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", ("Methode Roddelmethode", "Zit buiten de kring de inbrenger")),
        ("en", ("Gossip method", "Sits outside the circle", "Phase 1 of")),
    ],
)
def test_the_cards_of_the_bundled_recipe_print_in_dutch_and_english(monkeypatch, lang, expected):
    result = run_cli(monkeypatch, "cards", RECIPES / "roddelmethode.mth", "--lang", lang)
    assert result.exit_code == 0, result.output
    words = " ".join(result.stdout.split())  # the labels' padding is the layout's, not the method's
    for text in expected:
        assert text in words


def test_a_case_giver_named_to_speak_in_the_gossip_is_told_both_lines_to_change():
    text = edit(GOOD, ("  speak: deelnemer\n  outside: inbrenger\n", "  speak: deelnemer, inbrenger\n"))
    d = only(text, "roddel/case-giver-silent")
    assert d.hint == "write `outside: inbrenger` and take the case-giver out of `speak`"


def test_a_case_giver_set_apart_but_leading_is_told_only_to_stop_leading():
    text = edit(
        HAND, (HAND_GOSSIP, HAND_GOSSIP.replace("  spreekt: collega\n", "  leidt: casushouder\n  spreekt: collega\n"))
    )
    d = only(text, "roddel/case-giver-silent")
    # The trainer already wrote `buiten: casushouder`: the hint asks only to take the case-giver out of the lead.
    assert d.hint == "take the case-giver out of `leidt`"
