"""The reflecting team: each rule broken once and kept, in a recipe with the method's ids and in one written by hand.

Facts (Andersen, Family Process 26(4), 1987): an interviewer talks with the
client while a team listens; then the team reflects aloud, among themselves,
while the client and the interviewer listen; then the client says what they
heard. The team's silence in the conversation and its reflection after it
with the client listening are the method itself (errors); the client's
answer afterwards is a warning. The source gives no team size or times to check.
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

METHOD = isolated_plugins(builtins=True).methods()["reflecting-team"]

# A conversation with a reflecting team that keeps every rule, with the ids `methodengine new` writes.
GOOD = """\
recipe: Reflecting
method: reflecting-team
duration: 60 min

role interviewer: Interviewer
  count: 1
role client: Client
  count: 1
role team: Teamlid

phase Gesprek (30 min)
  id: gesprek
  lead: interviewer
  speak: interviewer, client
  listen: team
phase Reflectie (15 min)
  id: reflectie
  speak: team
  listen: interviewer, client
phase Reactie (15 min)
  speak: client, interviewer
  listen: team
"""

REFLECTION = "phase Reflectie (15 min)\n  id: reflectie\n  speak: team\n  listen: interviewer, client\n"

# The same as a trainer writes it: Dutch keywords, roles of their own, no ids at all.
HAND = """\
recept: Ons reflecterend team
methode: reflecting-team
duur: 60 min

rol gespreksleider: Gespreksleider
  aantal: 1
rol klant: Cliënt
  aantal: 1
rol collega: Reflecterend teamlid

fase Het interview (30 min)
  leidt: gespreksleider
  spreekt: gespreksleider, klant
  luistert: collega
fase Het team denkt hardop (15 min)
  spreekt: collega
  luistert: gespreksleider, klant
fase Wat hoorden jullie? (15 min)
  spreekt: klant, gespreksleider
  luistert: collega
"""

HAND_REFLECTION = "fase Het team denkt hardop (15 min)\n  spreekt: collega\n  luistert: gespreksleider, klant\n"

SHARED = SharedTests(METHOD, GOOD)


def test_the_good_recipe_has_no_findings_at_all():
    assert headlines(findings(GOOD)) == []


def test_the_hand_written_recipe_has_no_findings_at_all():
    assert headlines(findings(HAND)) == []


# ---------------------------------------------------------------- each rule broken once, with ids

BREAKS = [
    pytest.param(
        "team-listens",
        [("  speak: interviewer, client\n  listen: team\n", "  speak: interviewer, client, team\n")],
        ERROR,
        "phase Gesprek",
        ("the team takes part",),
        id="team-speaks-in-the-conversation",
    ),
    pytest.param(
        "team-listens",
        [("  lead: interviewer\n", "  lead: team\n")],
        ERROR,
        "phase Gesprek",
        ("the team takes part",),
        id="team-leads-the-conversation",
    ),
    pytest.param(
        "reflection",
        [(REFLECTION, ""), ("phase Gesprek", REFLECTION + "phase Gesprek")],
        ERROR,
        "phase Reflectie",
        ("before the conversation",),
        id="reflection-before-the-conversation",
    ),
    pytest.param(
        "reflection",
        [("  speak: team\n  listen: interviewer, client\n", "  speak: team, client\n  listen: interviewer\n")],
        ERROR,
        "phase Reflectie",
        ("not only the team speaks", "`client`"),  # the role by its id, as role messages do
        id="client-speaks-in-the-reflection",
    ),
    pytest.param(
        "reflection",
        [("  speak: team\n  listen: interviewer, client\n", "  speak: interviewer\n  listen: team, client\n")],
        ERROR,
        "phase Reflectie",
        ("the team does not speak",),
        id="team-silent-in-the-reflection",
    ),
    pytest.param(
        "client-responds",
        [("  speak: client, interviewer\n  listen: team\n", "  speak: interviewer\n  listen: team, client\n")],
        WARNING,
        "phase Reflectie",
        ("does not speak after `Reflectie`",),
        id="client-never-responds",
    ),
]

test_a_broken_rule_is_reported_once = SHARED.broken_rule_test(BREAKS)
test_a_broken_rule_reads_in_dutch_and_english = SHARED.both_languages_test(BREAKS)
test_the_method_and_its_rules_are_described_in_dutch_and_english = SHARED.texts_test()


# ---------------------------------------------------------------- each rule kept, with ids

KEEPS = [
    pytest.param("team-listens", [], id="team-listens"),
    pytest.param(
        "team-listens",
        [("  speak: interviewer, client\n  listen: team\n", "  speak: interviewer, client\n  outside: team\n")],
        id="team-behind-the-screen",
    ),
    pytest.param("reflection", [], id="reflection"),
    pytest.param("client-responds", [], id="client-responds"),
    pytest.param(
        "client-responds",
        [("  speak: client, interviewer\n  listen: team\n", "  speak: everyone\n")],
        id="everyone-talks-after",
    ),
]

test_a_kept_rule_is_silent = SHARED.kept_rule_test(KEEPS)
test_every_rule_is_broken_and_kept_above = SHARED.every_rule_test(BREAKS, KEEPS)


# ---------------------------------------------------------------- the same rules in a recipe without ids

HAND_BREAKS = [
    pytest.param(
        "team-listens",
        [("  spreekt: gespreksleider, klant\n  luistert: collega\n", "  spreekt: gespreksleider, klant, collega\n")],
        ERROR,
        "fase Het interview",
        ("the team takes part",),
        id="team-speaks-in-the-conversation",
    ),
    pytest.param(
        "reflection",
        [(HAND_REFLECTION, ""), ("fase Het interview", HAND_REFLECTION + "fase Het interview")],
        ERROR,
        "fase Het team denkt hardop",
        ("before the conversation",),
        id="reflection-before-the-conversation",
    ),
    pytest.param(
        "reflection",
        [(HAND_REFLECTION, HAND_REFLECTION.replace("spreekt: collega", "spreekt: collega, gespreksleider"))],
        ERROR,
        "fase Het team denkt hardop",
        ("not only the team speaks", "`gespreksleider`"),
        id="interviewer-speaks-in-the-reflection",
    ),
    pytest.param(
        "client-responds",
        [
            (
                "  spreekt: klant, gespreksleider\n  luistert: collega\n",
                "  spreekt: gespreksleider\n  luistert: collega, klant\n",
            )
        ],
        WARNING,
        "fase Het team denkt hardop",
        ("never says what they heard",),
        id="client-never-responds",
    ),
]

HAND_KEEPS = [
    pytest.param("team-listens", [], id="team-listens"),
    pytest.param(
        "reflection",
        [
            (
                HAND_REFLECTION,
                HAND_REFLECTION.replace("luistert: gespreksleider, klant", "buiten: gespreksleider, klant"),
            )
        ],
        id="reflection-heard-from-behind-the-screen",
    ),
    pytest.param(
        "client-responds",
        [("  spreekt: klant, gespreksleider\n  luistert: collega\n", "  spreekt: iedereen\n")],
        id="everyone-talks-after",
    ),
]


@pytest.mark.parametrize(("rule", "changes", "severity", "at", "figures"), HAND_BREAKS)
def test_a_broken_rule_is_found_in_a_recipe_without_ids(rule, changes, severity, at, figures):
    text = edit(HAND, *changes)
    d = only(text, f"reflecting-team/{rule}")
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


def test_a_team_the_finder_cannot_tell_by_its_name_skips_the_rules_that_need_it():
    text = edit(HAND, ("rol collega: Reflecterend teamlid\n", "rol collega: Collega\n"))
    found = findings(text)
    expects = [d.message for d in found if d.code == "method-expects-id"]
    assert any("role with id `team`" in m and "found none" in m for m in expects), expects
    assert [d.code for d in found if d.code.startswith("reflecting-team/")] == []
    assert [d.headline() for d in found if d.is_error] == []


def test_a_reflection_in_which_the_client_joins_in_is_not_found_and_the_warning_says_what_was_looked_for():
    text = edit(
        HAND,
        (
            HAND_REFLECTION,
            HAND_REFLECTION.replace("luistert: gespreksleider, klant", "luistert: gespreksleider").replace(
                "spreekt: collega", "spreekt: collega, klant"
            ),
        ),
    )
    d = assert_missing_id(METHOD, text, "phase", "reflectie", ["reflection", "client-responds"])
    assert "the client and the interviewer listening" in d.message and "found none" in d.message


def test_two_reflections_written_out_are_named_and_the_id_chooses():
    second = HAND_REFLECTION.replace("Het team denkt hardop (15 min)", "Tweede reflectie (5 min)")
    text = edit(HAND, ("fase Wat hoorden jullie? (15 min)", second + "fase Wat hoorden jullie? (10 min)"))
    d = assert_missing_id(METHOD, text, "phase", "reflectie", ["reflection", "client-responds"])
    assert "found 2" in d.message and "`Het team denkt hardop`" in d.message and "`Tweede reflectie`" in d.message
    marked = edit(text, ("fase Tweede reflectie (5 min)\n", "fase Tweede reflectie (5 min)\n  id: reflectie\n"))
    assert headlines(findings(marked)) == []


# ---------------------------------------------------------------- the method's own recipes

test_the_bundled_recipe_is_clean = SHARED.bundled_recipe_test("reflecterend-team.mth")
test_new_writes_the_base_recipe_and_it_is_clean = SHARED.base_recipe_test()
test_new_uses_every_id_the_rules_need = SHARED.needed_ids_test(
    ("roles", "phases"), {"client", "team", "gesprek", "reflectie"}
)


def test_the_bundled_recipe_is_an_example_and_not_the_base_recipe():
    assert (RECIPES / "reflecterend-team.mth").read_text(encoding="utf-8") != METHOD.base_recipe


def test_no_group_size_is_checked_the_source_gives_none():
    assert METHOD.group_size is None
    text = edit(GOOD, ("duration: 60 min\n", "duration: 60 min\ngroup: 25\n"))
    assert findings(text, "reflecting-team/group-size") == []


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", ("Methode Reflecterend team", "Luisteren de teamleden", "2 rondes")),
        ("en", ("Method Reflecting team", "2 rounds")),
    ],
)
def test_the_cards_of_the_bundled_recipe_print_in_dutch_and_english(monkeypatch, lang, expected):
    result = run_cli(monkeypatch, "cards", RECIPES / "reflecterend-team.mth", "--lang", lang)
    assert result.exit_code == 0, result.output
    words = " ".join(result.stdout.split())  # the labels' padding is the layout's, not the method's
    for text in expected:
        assert text in words


def test_a_hint_in_a_recipe_without_ids_names_the_role_as_the_trainer_wrote_it():
    text = edit(
        HAND, ("  spreekt: gespreksleider, klant\n  luistert: collega\n", "  spreekt: gespreksleider, klant, collega\n")
    )
    d = only(text, "reflecting-team/team-listens")
    assert d.hint is not None and "`luistert: collega`" in d.hint
