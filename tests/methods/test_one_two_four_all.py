"""1-2-4-All (Liberating Structures): each rule broken once and kept, with ids and in a recipe written without them.

Facts (Lipmanowicz and McCandless, The Surprising Power of Liberating
Structures, 2014): any group size; alone 1 min, pairs 2 min, foursomes
4 min, whole group 5 min, in that order. The steps' groupings and order are
the structure (errors); the minutes the book's custom (warnings).
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

from methodengine import parse, planned_minutes
from methodengine.testing import isolated_plugins

METHOD = isolated_plugins(builtins=True).methods()["one-two-four-all"]

GOOD = """\
recipe: 1-2-4-All
method: one-two-four-all
duration: 12 min

role host: Host
  count: 1
  facilitator: yes
role participant: Participant

phase Alone (1 min)
  id: alleen
  speak: host
  groups: alone
phase Pairs (2 min)
  id: tweetallen
  speak: participant
  groups: pairs
phase Foursomes (4 min)
  id: viertallen
  speak: participant
  groups: groups of 4
phase All (5 min)
  id: allen
  speak: participant
  groups: whole group
"""

# As a Dutch trainer writes it by hand: no ids; the steps are found by their grouping.
HAND = """\
recept: Ideeën voor de open dag
methode: one-two-four-all
groep: 24
duur: 12 min

rol deelnemer: Collega

fase Zelf nadenken (1 min)
  spreekt: deelnemer
  indeling: alleen
fase Met je buur (2 min)
  spreekt: deelnemer
  indeling: tweetallen
fase Met z'n vieren (4 min)
  spreekt: deelnemer
  indeling: viertallen
fase Oogsten (5 min)
  spreekt: deelnemer
  indeling: hele groep
"""

SHARED = SharedTests(METHOD, GOOD)
BY_HAND = SharedTests(METHOD, HAND)

PAIRS = "phase Pairs (2 min)\n  id: tweetallen\n  speak: participant\n  groups: pairs\n"
HAND_PAIRS = "fase Met je buur (2 min)\n  spreekt: deelnemer\n  indeling: tweetallen\n"


def test_the_good_recipes_have_no_findings_at_all():
    assert headlines(findings(GOOD)) == []
    assert headlines(findings(HAND)) == []


BREAKS = [
    pytest.param(
        "groupings",
        [("  groups: groups of 4\n", "  groups: trios\n")],
        ERROR,
        "phase Foursomes",
        ("`Foursomes` (the foursomes) is held in `trios`", "held in groups of 4"),
        id="foursomes-in-trios",
    ),
    pytest.param(
        "groupings",
        [("  speak: host\n  groups: alone\n", "  speak: host\n")],
        ERROR,
        "phase Alone",
        ("without a grouping",),
        id="alone-without-grouping",
    ),
    pytest.param(
        "steps-in-order",
        [(PAIRS, ""), ("phase All (5 min)", PAIRS + "phase All (5 min)")],
        ERROR,
        "phase Foursomes",
        ("the foursomes (`Foursomes`) come before the pairs (`Pairs`)",),
        id="foursomes-before-pairs",
    ),
    pytest.param(
        "time-boxes",
        [("phase All (5 min)", "phase All (15 min)"), ("duration: 12 min", "duration: 22 min")],
        WARNING,
        "phase All",
        ("5 min", "not 15 min"),
        id="a-quarter-hour-for-all",
    ),
    pytest.param(
        "time-boxes",
        [("phase Pairs (2 min)", "phase Pairs (1 min per participant)"), ("duration: 12 min\n", "")],
        WARNING,
        "phase Pairs",
        ("2 min", "not 1 min per participant"),
        id="pairs-per-participant",
    ),
]

HAND_BREAKS = [
    pytest.param(
        "steps-in-order",
        [(HAND_PAIRS, ""), ("fase Oogsten (5 min)", HAND_PAIRS + "fase Oogsten (5 min)")],
        ERROR,
        "fase Met z'n vieren",
        ("come before the pairs",),
        id="hand-foursomes-before-pairs",
    ),
    pytest.param(
        "groupings",
        [
            (
                "fase Oogsten (5 min)\n  spreekt: deelnemer\n  indeling: hele groep\n",
                "fase Plenair (5 min)\n  spreekt: deelnemer\n",
            )
        ],
        ERROR,
        "fase Plenair",
        ("`Plenair` (the whole group) is held without a grouping",),
        id="hand-whole-group-found-by-title",
    ),
    pytest.param(
        "time-boxes",
        [("fase Zelf nadenken (1 min)", "fase Zelf nadenken (5 min)"), ("duur: 12 min", "duur: 16 min")],
        WARNING,
        "fase Zelf nadenken",
        ("1 min", "not 5 min"),
        id="hand-five-minutes-alone",
    ),
]

test_a_broken_rule_is_reported_once = SHARED.broken_rule_test(BREAKS)
test_a_broken_rule_is_reported_once_without_ids = BY_HAND.broken_rule_test(HAND_BREAKS)
test_a_broken_rule_reads_in_dutch_and_english = SHARED.both_languages_test(BREAKS)
test_the_method_and_its_rules_are_described_in_dutch_and_english = SHARED.texts_test()

KEEPS = [
    pytest.param("groupings", [], id="each-step-its-grouping"),
    pytest.param("groupings", [("  groups: groups of 4\n", "  groups: viertallen\n")], id="viertallen-as-written"),
    pytest.param("steps-in-order", [], id="one-two-four-all"),
    pytest.param("time-boxes", [], id="the-books-minutes"),
    pytest.param(
        "time-boxes",
        [("phase All (5 min)", "phase All (5-10 min)"), ("duration: 12 min", "duration: 12-17 min")],
        id="a-range-taking-in-5",
    ),
]

HAND_KEEPS = [
    pytest.param("groupings", [], id="hand-groupings"),
    pytest.param("steps-in-order", [], id="hand-order"),
    pytest.param("time-boxes", [], id="hand-minutes"),
]

test_a_kept_rule_is_silent = SHARED.kept_rule_test(KEEPS)
test_a_kept_rule_is_silent_without_ids = BY_HAND.kept_rule_test(HAND_KEEPS)
test_every_rule_is_broken_and_kept_above = SHARED.every_rule_test(BREAKS, KEEPS)
test_every_rule_is_broken_and_kept_without_ids = BY_HAND.every_rule_test(HAND_BREAKS, HAND_KEEPS)


def test_the_structure_is_a_hard_limit_and_the_minutes_a_custom():
    severities: dict[str, set] = {}
    for p in BREAKS + HAND_BREAKS:
        severities.setdefault(p.values[0], set()).add(p.values[2])
    assert severities["groupings"] == severities["steps-in-order"] == {ERROR}
    assert severities["time-boxes"] == {WARNING}


@pytest.mark.parametrize("group", ["4", "12", "200"])
def test_any_group_size_is_taken(group):
    assert METHOD.group_size is None
    text = edit(HAND, ("groep: 24\n", f"groep: {group}\n"))
    assert headlines(findings(text)) == []


def test_two_phases_in_pairs_are_named_not_guessed():
    text = edit(HAND, ("duur: 12 min", "duur: 14 min")) + "fase Nog eens met je buur (2 min)\n  indeling: tweetallen\n"
    found = findings(text, "method-expects-id")
    assert len(found) == 1, headlines(findings(text))
    assert "`tweetallen`" in found[0].message and "`Met je buur`" in found[0].message
    assert "`Nog eens met je buur`" in found[0].message


def test_a_step_found_by_title_in_a_foreign_grouping_is_reported():
    text = edit(
        HAND,
        (
            "fase Met je buur (2 min)\n  spreekt: deelnemer\n  indeling: tweetallen\n",
            "fase In tweetallen (2 min)\n  spreekt: deelnemer\n  indeling: drietallen\n",
        ),
    )
    d = only(text, "one-two-four-all/groupings")
    assert_finding(d, METHOD, "groupings", ERROR, text, "fase In tweetallen", ("held in `drietallen`", "held in pairs"))


test_the_bundled_recipe_is_clean = SHARED.bundled_recipe_test("1-2-4-allen.mth")
test_new_writes_the_base_recipe_and_it_is_clean = SHARED.base_recipe_test()
test_new_uses_every_id_the_rules_need = SHARED.needed_ids_test(
    ("phases",), {"alleen", "tweetallen", "viertallen", "allen"}
)


def test_the_base_recipe_takes_the_books_twelve_minutes():
    assert planned_minutes(parse(METHOD.base_recipe)).low == 12


def test_the_bundled_recipe_is_a_variation_not_the_base_recipe():
    bundled = (RECIPES / "1-2-4-allen.mth").read_text(encoding="utf-8")
    assert bundled != METHOD.base_recipe
    assert planned_minutes(parse(bundled)) != planned_minutes(parse(METHOD.base_recipe))


@pytest.mark.parametrize(("language", "words"), [("nl", ("tweetallen", "Collega")), ("en", ("pairs", "Speak"))])
def test_the_bundled_recipe_prints_cards(monkeypatch, language, words):
    result = run_cli(monkeypatch, "cards", RECIPES / "1-2-4-allen.mth", "--lang", language)
    assert result.exit_code == 0, result.output
    for word in words:
        assert word in result.stdout


def test_viertallen_and_tweetallen_are_not_taken_for_the_whole_group():
    """`allen` is in `viertallen`: a title says the whole group only with `allen` as a word, `plenair`, `hele groep`."""
    text = edit(
        HAND,
        (
            "fase Oogsten (5 min)\n  spreekt: deelnemer\n  indeling: hele groep\n",
            "fase Met allen (5 min)\n  spreekt: deelnemer\n",
        ),
    )
    text = edit(text, ("fase Met z'n vieren (4 min)", "fase Viertallen (4 min)"))
    d = only(text, "one-two-four-all/groupings")
    assert_finding(d, METHOD, "groupings", ERROR, text, "fase Met allen", ("`Met allen` (the whole group)",))


@pytest.mark.parametrize(
    ("title", "grouping"),
    [("Met z'n tweeën", "drietallen"), ("In tweetallen", "drietallen")],
    ids=["tweeen", "tweetallen"],
)
def test_the_pairs_found_by_their_everyday_title_in_another_grouping_are_reported(title, grouping):
    text = edit(
        HAND,
        (
            "fase Met je buur (2 min)\n  spreekt: deelnemer\n  indeling: tweetallen\n",
            f"fase {title} (2 min)\n  spreekt: deelnemer\n  indeling: {grouping}\n",
        ),
    )
    d = only(text, "one-two-four-all/groupings")
    assert_finding(d, METHOD, "groupings", ERROR, text, f"fase {title}", ("held in pairs",))
