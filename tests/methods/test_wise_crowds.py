"""Wise Crowds (Liberating Structures): each rule broken once and kept, with ids and in a recipe written without them.

Facts (Lipmanowicz and McCandless, The Surprising Power of Liberating
Structures, 2014): small groups of 4 or 5; each member in turn is the client;
a turn of about 15 minutes: ask for help 2, clarifying questions 3, advice 8
with the client's back turned, what was most valuable 2. One client, a turn
for everyone and the back turned are the structure (errors); the minutes the
book's custom (warnings).
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

from methodengine import Range, parse
from methodengine.testing import isolated_plugins

METHOD = isolated_plugins(builtins=True).methods()["wise-crowds"]

# One group of five that keeps every rule, with the method's ids.
GOOD = """\
recipe: Wise Crowds
method: wise-crowds
group: 5
duration: 75 min

role klant: Client
  count: 1
role adviseur: Consultant

rounds 5: Turn of a client
  id: beurt
  phase Ask for help (2 min)
    id: hulpvraag
    speak: klant
    listen: adviseur
  phase Clarifying questions (3 min)
    id: vragen
    speak: adviseur, klant
  phase Advice (8 min)
    id: adviseren
    speak: adviseur
    outside: klant
  phase Most valuable (2 min)
    id: waardevol
    speak: klant
    listen: adviseur
"""

# The same group as a Dutch trainer writes it by hand: own role ids, no ids on the turn or its phases.
HAND = """\
recept: Wijze groep
methode: wise-crowds
groep: 4
duur: 60 min

rol vraagsteller: Vraagsteller
  aantal: 1
rol collega: Collega

rondes 4: Ieder een beurt
  fase Uitdaging vertellen (2 min)
    spreekt: vraagsteller
    luistert: collega
  fase Verhelderen (3 min)
    spreekt: collega, vraagsteller
  fase Adviesronde (8 min)
    spreekt: collega
    buiten: vraagsteller
  fase Wat neem ik mee (2 min)
    spreekt: vraagsteller
    luistert: collega
"""

SHARED = SharedTests(METHOD, GOOD)
BY_HAND = SharedTests(METHOD, HAND)


def test_the_good_recipes_have_no_findings_at_all():
    assert headlines(findings(GOOD)) == []
    assert headlines(findings(HAND)) == []


# ---------------------------------------------------------------- each rule broken once

BREAKS = [
    pytest.param(
        "one-client",
        [("role klant: Client\n  count: 1\n", "role klant: Client\n  count: 2\n")],
        ERROR,
        "role klant",
        ("one member at a time is the client", "`klant` has 2"),
        id="two-clients",
    ),
    pytest.param(
        "every-member-a-turn",
        [("rounds 5: Turn of a client", "rounds 3: Turn of a client")],
        ERROR,
        "rounds 3:",
        ("a group of 5 has 5 rounds, not 3", "some members get no turn"),
        id="three-turns-for-five",
    ),
    pytest.param(
        "every-member-a-turn",
        [("group: 5\n", "group: 4\n"), ("duration: 75 min\n", "duration: 60 min\n")],
        ERROR,
        "rounds 5:",
        ("a group of 4 has 4 rounds, not 5",),
        id="five-turns-for-four",
    ),
    pytest.param(
        "client-back-turned",
        [("    speak: adviseur\n    outside: klant\n", "    speak: adviseur\n    listen: klant\n")],
        ERROR,
        "phase Advice",
        ("back turned", "`Advice` does not put `Client` outside"),
        id="client-listens-face-to-face",
    ),
    pytest.param(
        "cluster-size",
        [("group: 5\n", "group: 3\n"), ("rounds 5:", "rounds 3:"), ("duration: 75 min", "duration: 45 min")],
        ERROR,
        "group: 3",
        ("clusters of 4-5", "a group of 3 cannot form one"),
        id="three-cannot-form-a-cluster",
    ),
    pytest.param(
        "cluster-size",
        [("group: 5\n", "group: 12\n")],
        WARNING,
        "rounds 5:",
        ("a group of 12 works in clusters of 4-5 at once", "the turn does not say so"),
        id="twelve-without-clusters",
    ),
    pytest.param(
        "cluster-size",
        [
            ("group: 5\n", "group: 12\n"),
            ("rounds 5:", "rounds 6:"),
            ("duration: 75 min", "duration: 90 min"),
            ("    id: hulpvraag\n", "    id: hulpvraag\n    groups: groups of 6\n"),
        ],
        WARNING,
        "rounds 6:",
        ("clusters of 4-5, not of 6",),
        id="clusters-of-six",
    ),
    pytest.param(
        "time-boxes",
        [("phase Advice (8 min)", "phase Advice (4 min)")],
        WARNING,
        "phase Advice",
        ("8 min, not 4 min",),
        id="advice-of-4-minutes",
    ),
    pytest.param(
        "time-boxes",
        [("phase Ask for help (2 min)", "phase Ask for help (1 min per adviseur)")],
        WARNING,
        "phase Ask for help",
        ("2 min, not 1 min per adviseur",),
        id="asking-per-consultant",
    ),
]

# The same breaks in the recipe written by hand: the finders find the structure.
HAND_BREAKS = [
    pytest.param(
        "one-client",
        [("rol vraagsteller: Vraagsteller\n  aantal: 1\n", "rol vraagsteller: Vraagsteller\n")],
        ERROR,
        "rol vraagsteller",
        ("`vraagsteller` has the rest of the group",),
        id="hand-client-the-rest",
    ),
    pytest.param(
        "every-member-a-turn",
        [("rondes 4: Ieder een beurt", "rondes 2-3: Ieder een beurt")],
        ERROR,
        "rondes 2-3:",
        ("a group of 4 has 4 rounds, not 2-3",),
        id="hand-two-or-three-turns",
    ),
    pytest.param(
        "client-back-turned",
        [("    spreekt: collega\n    buiten: vraagsteller\n", "    spreekt: collega, vraagsteller\n")],
        ERROR,
        "fase Adviesronde",
        ("does not put `Vraagsteller` outside",),
        id="hand-client-joins-the-advice",
    ),
    pytest.param(
        "cluster-size",
        [("groep: 4\n", "groep: 2-4\n")],
        WARNING,
        "groep: 2-4",
        ("may be too small",),
        id="hand-two-to-four",
    ),
    pytest.param(
        "time-boxes",
        [("fase Verhelderen (3 min)", "fase Verhelderen (10 min)")],
        WARNING,
        "fase Verhelderen",
        ("3 min, not 10 min",),
        id="hand-ten-minutes-of-questions",
    ),
]

test_a_broken_rule_is_reported_once = SHARED.broken_rule_test(BREAKS)
test_a_broken_rule_is_reported_once_without_ids = BY_HAND.broken_rule_test(HAND_BREAKS)
test_a_broken_rule_reads_in_dutch_and_english = SHARED.both_languages_test(BREAKS)
test_the_method_and_its_rules_are_described_in_dutch_and_english = SHARED.texts_test()


# ---------------------------------------------------------------- each rule kept

KEEPS = [
    pytest.param("one-client", [], id="one-client"),
    pytest.param("every-member-a-turn", [], id="five-turns-for-five"),
    pytest.param(
        "every-member-a-turn",
        [("group: 5\n", "group: 4-5\n"), ("rounds 5:", "rounds 4-5:"), ("duration: 75 min", "duration: 60-75 min")],
        id="four-or-five",
    ),
    pytest.param("client-back-turned", [], id="client-outside"),
    pytest.param("cluster-size", [], id="one-cluster-of-five"),
    pytest.param(
        "cluster-size",
        [
            ("group: 5\n", "group: 12\n"),
            ("rounds 5:", "rounds 4:"),
            ("duration: 75 min", "duration: 60 min"),
            ("role klant: Client\n  count: 1\n", "role klant: Client\n  count: 3\n"),
            ("    id: hulpvraag\n", "    id: hulpvraag\n    groups: groups of 4\n"),
        ],
        id="twelve-in-three-clusters-of-four",
    ),
    pytest.param("time-boxes", [], id="the-books-minutes"),
    pytest.param("time-boxes", [("phase Advice (8 min)", "phase Advice (6-8 min)")], id="a-range-taking-in-8"),
]

HAND_KEEPS = [
    pytest.param("one-client", [], id="hand-one-client"),
    pytest.param("every-member-a-turn", [], id="hand-four-turns"),
    pytest.param("client-back-turned", [], id="hand-client-outside"),
    pytest.param("cluster-size", [], id="hand-one-cluster-of-four"),
    pytest.param("time-boxes", [], id="hand-the-books-minutes"),
]

test_a_kept_rule_is_silent = SHARED.kept_rule_test(KEEPS)
test_a_kept_rule_is_silent_without_ids = BY_HAND.kept_rule_test(HAND_KEEPS)
test_every_rule_is_broken_and_kept_above = SHARED.every_rule_test(BREAKS, KEEPS)
test_every_rule_is_broken_and_kept_without_ids = BY_HAND.every_rule_test(HAND_BREAKS, HAND_KEEPS)


def test_the_structure_is_a_hard_limit_and_the_minutes_a_custom():
    severities: dict[str, set] = {}
    for p in BREAKS + HAND_BREAKS:
        severities.setdefault(p.values[0], set()).add(p.values[2])
    assert severities["one-client"] == severities["every-member-a-turn"] == {ERROR}
    assert severities["client-back-turned"] == {ERROR}
    assert severities["time-boxes"] == {WARNING}


def test_everyone_speaking_in_the_advice_takes_in_the_client_who_sits_outside():
    text = edit(GOOD, ("    speak: adviseur\n    outside: klant\n", "    speak: everyone\n    outside: klant\n"))
    found = findings(text, "wise-crowds/client-back-turned")
    assert [d.severity for d in found] == [ERROR] and "everyone speaks in `Advice`" in found[0].message


def test_a_turn_written_as_a_phase_is_an_error():
    text = (
        "recipe: W\nmethod: wise-crowds\ngroup: 4\nrole klant: Client\n  count: 1\nrole adviseur: Consultant\n"
        "phase Turns (60 min)\n  id: beurt\n  speak: everyone\n"
    )
    d = only(text, "wise-crowds/every-member-a-turn")
    assert d.severity is ERROR and "should be a rounds block" in d.message


# ---------------------------------------------------------------- the group the book gives


def test_a_group_of_12_is_a_room_of_clusters_not_outside_the_method():
    """The book's 4-5 is one cluster's size: the method states no group size, and a group of 12 checks clean."""
    assert METHOD.group_size is None
    text = edit(
        GOOD,
        ("group: 5\n", "group: 12\n"),
        ("rounds 5:", "rounds 4:"),
        ("duration: 75 min", "duration: 60 min"),
        ("role klant: Client\n  count: 1\n", "role klant: Client\n  count: 3\n"),
        ("    id: hulpvraag\n", "    id: hulpvraag\n    groups: groups of 4\n"),
    )
    assert headlines(findings(text)) == []
    # Four clients at once are more than three clusters of four can have.
    four = edit(text, ("  count: 3\n", "  count: 4\n"))
    d = only(four, "wise-crowds/one-client")
    assert "`klant` has 4" in d.message and d.hint and "count: 1-3" in d.hint


def test_a_client_named_under_speak_while_outside_is_an_error():
    text = edit(GOOD, ("    speak: adviseur\n    outside: klant\n", "    speak: adviseur, klant\n    outside: klant\n"))
    found = findings(text, "wise-crowds/client-back-turned")
    assert [d.severity for d in found] == [ERROR] and "named under `speak` too" in found[0].message


def test_a_probleemeigenaar_is_the_client_too():
    text = HAND.replace("vraagsteller", "probleemeigenaar").replace("Vraagsteller", "Probleemeigenaar")
    assert headlines(findings(text)) == []
    broken = edit(
        text, ("rol probleemeigenaar: Probleemeigenaar\n  aantal: 1\n", "rol probleemeigenaar: Probleemeigenaar\n")
    )
    assert only(broken, "wise-crowds/one-client").is_error


# ---------------------------------------------------------------- finding the structure without ids


def test_the_steps_are_found_by_their_place_when_their_titles_say_nothing():
    text = edit(
        HAND,
        ("fase Uitdaging vertellen (2 min)", "fase Stap een (2 min)"),
        ("fase Adviesronde (8 min)", "fase Stap drie (5 min)"),
    )
    d = only(text, "wise-crowds/time-boxes")
    assert_finding(d, METHOD, "time-boxes", WARNING, text, "fase Stap drie", ("8 min, not 5 min",))


def test_two_rounds_blocks_are_named_not_guessed():
    extra = "rondes 1: Nog een beurt\n  fase Extra (5 min)\n    spreekt: collega\n"
    text = edit(HAND, ("duur: 60 min", "duur: 65 min")) + extra
    found = findings(text, "method-expects-id")
    assert len(found) == 1, headlines(findings(text))
    assert "`beurt`" in found[0].message
    assert "`Ieder een beurt`" in found[0].message and "`Nog een beurt`" in found[0].message
    assert findings(text, "wise-crowds/every-member-a-turn") == []


def test_a_client_no_name_shows_is_a_warning_naming_it_and_the_skipped_rules():
    text = HAND.replace("vraagsteller", "spreker").replace("Vraagsteller", "Spreker")
    d = assert_missing_id(METHOD, text, "role", "klant", ["one-client", "client-back-turned"])
    assert "found none" in d.message


# ---------------------------------------------------------------- the method's own recipes

test_the_bundled_recipe_is_clean = SHARED.bundled_recipe_test("wise-crowds.mth")
test_new_writes_the_base_recipe_and_it_is_clean = SHARED.base_recipe_test()
test_new_uses_every_id_the_rules_need = SHARED.needed_ids_test(
    ("roles", "phases"), {"klant", "beurt", "hulpvraag", "vragen", "adviseren", "waardevol"}
)


def test_the_base_recipe_plans_the_books_quarter_hour_a_turn():
    recipe = parse(METHOD.base_recipe)
    (turn,) = recipe.rounds_blocks()
    assert sum(p.timebox.duration.minutes.low for p in turn.items) == 15
    assert turn.count == recipe.group == Range(4, 5)  # one cluster, a turn for each member


def test_the_bundled_recipe_is_a_variation_not_the_base_recipe():
    bundled = (RECIPES / "wise-crowds.mth").read_text(encoding="utf-8")
    assert bundled != METHOD.base_recipe
    assert parse(bundled).rounds_blocks() != parse(METHOD.base_recipe).rounds_blocks()


@pytest.mark.parametrize(("language", "words"), [("nl", ("Adviseren", "Klant")), ("en", ("Adviseren", "Speaks"))])
def test_the_bundled_recipe_prints_cards(monkeypatch, language, words):
    result = run_cli(monkeypatch, "cards", RECIPES / "wise-crowds.mth", "--lang", language)
    assert result.exit_code == 0, result.output
    for word in words:
        assert word in result.stdout
