"""Kollegiale Beratung (Tietze): each rule broken once and kept, with ids and in a recipe written without them.

Facts (K.-O. Tietze, Kollegiale Beratung, 2003, and his summary on
kollegiale-beratung.de): a group of five to ten; one moderator and one
case-giver whatever the group's size; the case-giver only listens while the
consultants advise; the telling, the key question and the consultation come
in that order; one consultation takes about 35 to 45 minutes. The roles and
the order are hard limits (errors); the consultation's length a custom (a warning).
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

METHOD = isolated_plugins(builtins=True).methods()["kollegiale-beratung"]

# One consultation that keeps every rule, with the method's ids: 40 minutes, six phases in order.
GOOD = """\
recipe: Kollegiale Beratung
method: kollegiale-beratung
group: 6
duration: 40 min

role moderator: Moderator
  count: 1
role inbrenger: Inbrenger
  count: 1
role adviseur: Adviseur

phase Casting (5 min)
  lead: moderator
  speak: everyone
phase Spontanerzählung (10 min)
  id: vertellen
  lead: moderator
  speak: inbrenger
  listen: adviseur
phase Schlüsselfrage (5 min)
  id: sleutelvraag
  speak: inbrenger, moderator
phase Methodenwahl (5 min)
  speak: everyone
phase Beratung (10 min)
  id: beraden
  speak: adviseur
  listen: inbrenger
phase Abschluss (5 min)
  speak: inbrenger
"""

# The same consultation as a Dutch trainer writes it by hand: own role ids, no phase ids.
HAND = """\
recept: Collegiaal adviseren
methode: kollegiale-beratung
groep: 7
duur: 40 min

rol gespreksleider: Moderator
  aantal: 1
rol casusinbrenger: Casusinbrenger
  aantal: 1
rol collega: Collega

fase Rollen kiezen (5 min)
  leidt: gespreksleider
  spreekt: iedereen
fase Casus vertellen (10 min)
  leidt: gespreksleider
  spreekt: casusinbrenger
  luistert: collega
fase Hulpvraag stellen (5 min)
  spreekt: casusinbrenger, gespreksleider
fase Werkvorm kiezen (5 min)
  spreekt: iedereen
fase Adviesronde (10 min)
  spreekt: collega
  luistert: casusinbrenger
fase Afronding (5 min)
  spreekt: casusinbrenger
"""

SHARED = SharedTests(METHOD, GOOD)
BY_HAND = SharedTests(METHOD, HAND)

TELLING = (
    "phase Spontanerzählung (10 min)\n  id: vertellen\n  lead: moderator\n  speak: inbrenger\n  listen: adviseur\n"
)
CONSULTING = "phase Beratung (10 min)\n  id: beraden\n  speak: adviseur\n  listen: inbrenger\n"
HAND_TELLING = (
    "fase Casus vertellen (10 min)\n  leidt: gespreksleider\n  spreekt: casusinbrenger\n  luistert: collega\n"
)
HAND_CONSULTING = "fase Adviesronde (10 min)\n  spreekt: collega\n  luistert: casusinbrenger\n"


def test_the_good_recipes_have_no_findings_at_all():
    assert headlines(findings(GOOD)) == []
    assert headlines(findings(HAND)) == []


# ---------------------------------------------------------------- each rule broken once

BREAKS = [
    pytest.param(
        "one-case-giver",
        [("role inbrenger: Inbrenger\n  count: 1\n", "role inbrenger: Inbrenger\n  count: 2\n")],
        ERROR,
        "role inbrenger",
        ("exactly one case-giver", "has 2"),
        id="two-case-givers",
    ),
    pytest.param(
        "one-moderator",
        [("role moderator: Moderator\n  count: 1\n", "role moderator: Moderator\n  count: 1-2\n")],
        ERROR,
        "role moderator",
        ("exactly one moderator", "has 1-2"),
        id="two-moderators",
    ),
    pytest.param(
        "case-giver-listens",
        [("  speak: adviseur\n  listen: inbrenger\n", "  speak: adviseur, inbrenger\n")],
        ERROR,
        "phase Beratung",
        ("case-giver speaks in `Beratung`",),
        id="case-giver-speaks-in-the-consultation",
    ),
    pytest.param(
        "case-giver-listens",
        [("  speak: adviseur\n  listen: inbrenger\n", "  speak: everyone\n")],
        ERROR,
        "phase Beratung",
        ("only listens",),
        id="everyone-speaks-in-the-consultation",
    ),
    pytest.param(
        "phase-order",
        [(TELLING, ""), ("phase Abschluss", TELLING + "phase Abschluss")],
        ERROR,
        "phase Schlüsselfrage",
        ("the key question (`Schlüsselfrage`) comes before the telling",),
        id="key-question-before-the-telling",
    ),
    pytest.param(
        "phase-order",
        [(CONSULTING, ""), ("phase Casting", CONSULTING + "phase Casting")],
        ERROR,
        "phase Beratung",
        ("the consultation (`Beratung`) comes before the key question",),
        id="consultation-first",
    ),
    pytest.param(
        "consultation-length",
        [("phase Beratung (10 min)", "phase Beratung (30 min)")],
        WARNING,
        "phase Casting",
        ("35-45 min", "plans 60 min"),
        id="consultation-of-an-hour",
    ),
    pytest.param(
        "consultation-length",
        [("phase Spontanerzählung (10 min)", "phase Spontanerzählung (2 min)"), ("(10 min)", "(5 min)")],
        WARNING,
        "phase Casting",
        ("35-45 min", "plans 27 min"),
        id="consultation-of-27-minutes",
    ),
]

# The same breaks in the recipe written by hand: the finders find the structure.
HAND_BREAKS = [
    pytest.param(
        "one-case-giver",
        [("rol casusinbrenger: Casusinbrenger\n  aantal: 1\n", "rol casusinbrenger: Casusinbrenger\n")],
        ERROR,
        "rol casusinbrenger",
        ("exactly one case-giver", "the rest of the group"),
        id="hand-case-giver-the-rest-of-the-group",
    ),
    pytest.param(
        "one-moderator",
        [("rol gespreksleider: Moderator\n  aantal: 1\n", "rol gespreksleider: Moderator\n  aantal: 2\n")],
        ERROR,
        "rol gespreksleider",
        ("exactly one moderator", "has 2"),
        id="hand-two-moderators",
    ),
    pytest.param(
        "case-giver-listens",
        [("  spreekt: collega\n  luistert: casusinbrenger\n", "  spreekt: collega, casusinbrenger\n")],
        ERROR,
        "fase Adviesronde",
        ("case-giver speaks in `Adviesronde`",),
        id="hand-case-giver-speaks",
    ),
    pytest.param(
        "phase-order",
        [(HAND_CONSULTING, ""), ("fase Rollen kiezen", HAND_CONSULTING + "fase Rollen kiezen")],
        ERROR,
        "fase Adviesronde",
        ("comes before the key question",),
        id="hand-consultation-first",
    ),
    pytest.param(
        "consultation-length",
        [("fase Adviesronde (10 min)", "fase Adviesronde (45 min)")],
        WARNING,
        "fase Rollen kiezen",
        ("35-45 min", "75 min"),
        id="hand-consultation-of-75-minutes",
    ),
]

test_a_broken_rule_is_reported_once = SHARED.broken_rule_test(BREAKS)
test_a_broken_rule_is_reported_once_without_ids = BY_HAND.broken_rule_test(HAND_BREAKS)
test_a_broken_rule_reads_in_dutch_and_english = SHARED.both_languages_test(BREAKS)
test_the_method_and_its_rules_are_described_in_dutch_and_english = SHARED.texts_test()


def _two_cases(text: str) -> str:
    """``text`` (HAND) with its six phases in a rounds block of two cases, after a check-in: 90 minutes."""
    head, agenda = text.split("fase Rollen kiezen", 1)
    inner = "".join(f"  {line}\n" for line in ("fase Rollen kiezen" + agenda).splitlines())
    head = edit(head, ("duur: 40 min\n", "duur: 90 min\n"))
    return head + "fase Inchecken (10 min)\n  spreekt: iedereen\nrondes 2: Twee casussen\n" + inner


def test_the_length_of_two_consultations_in_a_meeting_is_that_of_one_round():
    text = _two_cases(HAND)
    assert headlines(findings(text)) == []
    longer = _two_cases(edit(HAND, ("fase Adviesronde (10 min)", "fase Adviesronde (25 min)")))
    d = only(longer, "kollegiale-beratung/consultation-length")
    assert_finding(
        d, METHOD, "consultation-length", WARNING, longer, "rondes 2:", ("one round of `Twee casussen`", "55 min")
    )


def test_a_meeting_with_more_than_the_consultation_is_told_to_put_it_in_a_rounds_block():
    text = edit(
        HAND, ("fase Rollen kiezen (5 min)", "fase Inchecken (15 min)\n  spreekt: iedereen\nfase Rollen kiezen (5 min)")
    )
    d = only(text, "kollegiale-beratung/consultation-length")
    assert "55 min" in d.message and d.hint is not None and "`rondes 1: Casusbespreking`" in d.hint
    assert headlines(findings(_two_cases(HAND))) == []


# ---------------------------------------------------------------- each rule kept

KEEPS = [
    pytest.param("one-case-giver", [], id="one-case-giver"),
    pytest.param("one-moderator", [], id="one-moderator"),
    pytest.param("case-giver-listens", [], id="case-giver-listens"),
    pytest.param("case-giver-listens", [("  listen: inbrenger\n", "  outside: inbrenger\n")], id="case-giver-outside"),
    pytest.param("phase-order", [], id="telling-question-consultation"),
    pytest.param("consultation-length", [], id="forty-minutes"),
    pytest.param("consultation-length", [("phase Beratung (10 min)", "phase Beratung (15 min)")], id="45-minutes"),
    pytest.param("consultation-length", [("phase Abschluss (5 min)", "phase Abschluss (0-5 min)")], id="35-40-minutes"),
]

HAND_KEEPS = [
    pytest.param("one-case-giver", [], id="hand-one-case-giver"),
    pytest.param("one-moderator", [], id="hand-one-moderator"),
    pytest.param("case-giver-listens", [], id="hand-case-giver-listens"),
    pytest.param("phase-order", [], id="hand-order"),
    pytest.param("consultation-length", [], id="hand-forty-minutes"),
]

test_a_kept_rule_is_silent = SHARED.kept_rule_test(KEEPS)
test_a_kept_rule_is_silent_without_ids = BY_HAND.kept_rule_test(HAND_KEEPS)
test_every_rule_is_broken_and_kept_above = SHARED.every_rule_test(BREAKS, KEEPS)
test_every_rule_is_broken_and_kept_without_ids = BY_HAND.every_rule_test(HAND_BREAKS, HAND_KEEPS)


def test_the_roles_and_the_order_are_hard_limits_and_the_length_a_custom():
    severities: dict[str, set] = {}
    for p in BREAKS + HAND_BREAKS:
        severities.setdefault(p.values[0], set()).add(p.values[2])
    assert severities["one-case-giver"] == severities["one-moderator"] == {ERROR}
    assert severities["case-giver-listens"] == severities["phase-order"] == {ERROR}
    assert severities["consultation-length"] == {WARNING}


# ---------------------------------------------------------------- the group Tietze gives


@pytest.mark.parametrize(("group", "severity"), [("5-10", None), ("4-6", WARNING), ("12", ERROR), ("3", ERROR)])
def test_the_group_is_five_to_ten(group, severity):
    text = edit(GOOD, ("group: 6\n", f"group: {group}\n"))
    found = findings(text, "kollegiale-beratung/group-size")
    assert [d.severity for d in found] == ([] if severity is None else [severity])


# ---------------------------------------------------------------- finding the structure without ids


def test_two_phases_that_could_be_the_consultation_are_named_not_guessed():
    # Both titled for advising, and in both the case-giver listens: nothing tells them apart.
    text = edit(
        HAND,
        (
            "fase Werkvorm kiezen (5 min)\n  spreekt: iedereen",
            "fase Advieswerkvorm kiezen (5 min)\n  spreekt: collega\n  luistert: casusinbrenger",
        ),
    )
    found = findings(text, "method-expects-id")
    assert len(found) == 1, headlines(findings(text))
    assert "`beraden`" in found[0].message
    assert "`Advieswerkvorm kiezen`" in found[0].message and "`Adviesronde`" in found[0].message
    assert findings(text, "kollegiale-beratung/case-giver-listens") == []


def test_the_choice_of_method_titled_for_advising_gives_way_to_where_the_case_giver_listens():
    chosen = ("fase Werkvorm kiezen (5 min)", "fase Hoe gaan we adviseren? (5 min)")
    assert headlines(findings(edit(HAND, chosen))) == []
    # The consultation found is the Adviesronde: the case-giver speaking there is reported there.
    text = edit(
        HAND, chosen, ("  spreekt: collega\n  luistert: casusinbrenger\n", "  spreekt: collega, casusinbrenger\n")
    )
    d = only(text, "kollegiale-beratung/case-giver-listens")
    assert_finding(d, METHOD, "case-giver-listens", ERROR, text, "fase Adviesronde", ("speaks in `Adviesronde`",))


def test_a_case_giver_who_leads_the_consultation_does_not_only_listen():
    text = edit(HAND, ("fase Adviesronde (10 min)\n", "fase Adviesronde (10 min)\n  leidt: casusinbrenger\n"))
    d = only(text, "kollegiale-beratung/case-giver-listens")
    assert_finding(d, METHOD, "case-giver-listens", ERROR, text, "fase Adviesronde", ("leads `Adviesronde`",))
    # The trainer already wrote `luistert: casusinbrenger`: the hint asks for the moderator's lead, not that line.
    assert d.hint is not None and "`leidt: gespreksleider`" in d.hint and "luistert" not in d.hint


def test_a_hint_names_the_role_as_the_trainer_wrote_it():
    text = edit(HAND, ("  spreekt: collega\n  luistert: casusinbrenger\n", "  spreekt: collega, casusinbrenger\n"))
    d = only(text, "kollegiale-beratung/case-giver-listens")
    assert d.hint is not None and "`luistert: casusinbrenger`" in d.hint


def test_the_moderator_is_found_as_the_role_that_leads_when_no_name_says_so():
    text = edit(HAND, ("rol gespreksleider: Moderator\n  aantal: 1\n", "rol gespreksleider: Begeleider\n  aantal: 2\n"))
    d = only(text, "kollegiale-beratung/one-moderator")
    assert_finding(d, METHOD, "one-moderator", ERROR, text, "rol gespreksleider", ("role `gespreksleider` has 2",))


MISSING = [
    pytest.param(
        "phase",
        "sleutelvraag",
        ["phase-order"],
        [("fase Hulpvraag stellen (5 min)", "fase Wat wil je weten? (5 min)")],
        id="no-key-question-phase",
    ),
    pytest.param(
        "phase",
        "beraden",
        ["case-giver-listens", "phase-order", "consultation-length"],
        [("fase Adviesronde (10 min)", "fase Ideeën (10 min)")],
        id="no-consultation-phase",
    ),
]

test_a_missing_id_is_a_warning_naming_it_and_the_skipped_rules = BY_HAND.missing_id_test(MISSING)


def test_a_missing_phase_says_none_was_found():
    text = edit(HAND, ("fase Adviesronde (10 min)", "fase Ideeën (10 min)"))
    (d,) = findings(text, "method-expects-id")
    assert "found none" in d.message


# ---------------------------------------------------------------- the method's own recipes

test_the_bundled_recipe_is_clean = SHARED.bundled_recipe_test("kollegiale-beratung.mth")
test_new_writes_the_base_recipe_and_it_is_clean = SHARED.base_recipe_test()
test_new_uses_every_id_the_rules_need = SHARED.needed_ids_test(
    ("roles", "phases"), {"inbrenger", "moderator", "vertellen", "sleutelvraag", "beraden"}
)


def test_the_bundled_recipe_is_a_variation_not_the_base_recipe():
    bundled = (RECIPES / "kollegiale-beratung.mth").read_text(encoding="utf-8")
    assert bundled != METHOD.base_recipe
    assert "rondes 2:" in bundled  # two cases in one meeting


@pytest.mark.parametrize(("language", "words"), [("nl", ("Adviseren", "Inbrenger")), ("en", ("Adviseren", "speaks"))])
def test_the_bundled_recipe_prints_cards(monkeypatch, language, words):
    result = run_cli(monkeypatch, "cards", RECIPES / "kollegiale-beratung.mth", "--lang", language)
    assert result.exit_code == 0, result.output
    for word in words:
        assert word in result.stdout
