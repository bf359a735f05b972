"""The Balint group: each rule broken once and kept, in a recipe with the method's ids and in one written by hand.

Facts (Balint 1957; Salinsky 2003): a leader or two co-leaders; one member
tells a case from memory, without notes, while the group listens; then the
presenter sits back and listens while the group discusses ("push back"), and
rejoins at the end. The telling and the push-back are the method itself
(errors); the number of leaders, the notes and the rejoining are customs
(warnings). The sources give no group size or session length to check.
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

METHOD = isolated_plugins(builtins=True).methods()["balint"]

# A Balint session that keeps every rule, with the ids `methodengine new balint` writes.
GOOD = """\
recipe: Balint
method: balint
duration: 90 min

role leider: Groepsleider
  count: 1-2
  facilitator: yes
role inbrenger: Inbrenger
  count: 1
role deelnemer: Groepslid

phase Casus vertellen (15 min)
  id: casus
  lead: leider
  speak: inbrenger
  listen: deelnemer
phase Vragen (10 min)
  speak: deelnemer, inbrenger
phase Bespreking (45 min)
  id: bespreking
  speak: deelnemer
  listen: inbrenger
phase Terugkomen (20 min)
  speak: inbrenger, deelnemer
"""

# The same session as a trainer writes it: Dutch keywords, roles of their own, no ids at all.
HAND = """\
recept: Onze Balintgroep
methode: balint
duur: 90 min

rol trainer: Trainer
  aantal: 1
  begeleider: ja
rol casushouder: Casusinbrenger
  aantal: 1
rol collega: Collega

fase Het verhaal (15 min)
  leidt: trainer
  spreekt: casushouder
  luistert: collega
fase Vragen (10 min)
  spreekt: collega, casushouder
fase De groep aan het woord (45 min)
  spreekt: collega
  luistert: casushouder
fase Terug in de kring (20 min)
  spreekt: casushouder, collega
"""

HAND_DISCUSSION = "fase De groep aan het woord (45 min)\n  spreekt: collega\n  luistert: casushouder\n"

SHARED = SharedTests(METHOD, GOOD)


def test_the_good_recipe_has_no_findings_at_all():
    assert headlines(findings(GOOD)) == []


def test_the_hand_written_recipe_is_checked_by_every_rule_and_has_no_findings():
    found = findings(HAND)
    assert headlines(found) == []


# ---------------------------------------------------------------- each rule broken once, with ids

BREAKS = [
    pytest.param(
        "leaders",
        [("  count: 1-2\n  facilitator: yes\n", "  count: 3\n  facilitator: yes\n")],
        WARNING,
        "role leider",
        ("one leader or two co-leaders", "has 3"),
        id="leaders-three",
    ),
    pytest.param(
        "presentation",
        [("  speak: inbrenger\n  listen: deelnemer\n", "  speak: inbrenger, deelnemer\n")],
        ERROR,
        "phase Casus vertellen",
        ("the group speaks while the case is told", "`deelnemer`"),
        id="presentation-group-speaks",
    ),
    pytest.param(
        "presentation",
        [("  speak: inbrenger\n  listen: deelnemer\n", "  speak: deelnemer\n  listen: inbrenger\n")],
        ERROR,
        "phase Casus vertellen",
        ("the presenter does not speak",),
        id="presentation-presenter-silent",
    ),
    pytest.param(
        "from-memory",
        [("  listen: deelnemer\n", "  listen: deelnemer\n  materials: Patiëntendossier\n")],
        WARNING,
        "phase Casus vertellen",
        ("from memory", "`Patiëntendossier`"),
        id="from-memory-with-a-file",
    ),
    pytest.param(
        "push-back",
        [("  speak: deelnemer\n  listen: inbrenger\n", "  speak: deelnemer, inbrenger\n")],
        ERROR,
        "phase Bespreking",
        ("the presenter takes part",),
        id="push-back-presenter-speaks",
    ),
    pytest.param(
        "push-back",
        [("  speak: deelnemer\n  listen: inbrenger\n", "  lead: inbrenger\n  speak: deelnemer\n")],
        ERROR,
        "phase Bespreking",
        ("the presenter takes part",),
        id="push-back-presenter-leads",
    ),
    pytest.param(
        "push-back",
        [("  speak: deelnemer\n  listen: inbrenger\n", "  lead: leider\n  listen: inbrenger\n")],
        ERROR,
        "phase Bespreking",
        ("nobody of the group speaks",),
        id="push-back-nobody-discusses",
    ),
    pytest.param(
        "push-back",
        [
            ("phase Bespreking (45 min)\n  id: bespreking\n  speak: deelnemer\n  listen: inbrenger\n", ""),
            (
                "phase Casus vertellen",
                "phase Bespreking (45 min)\n  id: bespreking\n  speak: deelnemer\n  listen: inbrenger\n"
                "phase Casus vertellen",
            ),
        ],
        ERROR,
        "phase Bespreking",
        ("before it is told",),
        id="push-back-before-the-case",
    ),
    pytest.param(
        "presenter-rejoins",
        [("  speak: inbrenger, deelnemer\n", "  speak: deelnemer\n")],
        WARNING,
        "phase Bespreking",
        ("does not speak again",),
        id="presenter-rejoins-never",
    ),
]

test_a_broken_rule_is_reported_once = SHARED.broken_rule_test(BREAKS)
test_a_broken_rule_reads_in_dutch_and_english = SHARED.both_languages_test(BREAKS)
test_the_method_and_its_rules_are_described_in_dutch_and_english = SHARED.texts_test()


# ---------------------------------------------------------------- each rule kept, with ids

KEEPS = [
    pytest.param("leaders", [], id="leaders-1-2"),
    pytest.param("leaders", [("  count: 1-2\n  facilitator: yes\n", "  count: 2\n  facilitator: yes\n")], id="two"),
    pytest.param("presentation", [], id="presentation"),
    pytest.param("from-memory", [], id="from-memory"),
    pytest.param(
        "from-memory",
        [("  listen: deelnemer\n", "  listen: deelnemer\n  do: Vertel zonder aantekeningen.\n")],
        id="from-memory-with-a-script-line",
    ),
    pytest.param("push-back", [], id="push-back-listening"),
    pytest.param(
        "push-back", [("  speak: deelnemer\n  listen: inbrenger\n", "  speak: deelnemer\n  outside: inbrenger\n")]
    ),
    pytest.param("presenter-rejoins", [], id="presenter-rejoins"),
    pytest.param(
        "presenter-rejoins", [("  speak: inbrenger, deelnemer\n", "  speak: everyone\n")], id="rejoins-with-everyone"
    ),
]

test_a_kept_rule_is_silent = SHARED.kept_rule_test(KEEPS)
test_every_rule_is_broken_and_kept_above = SHARED.every_rule_test(BREAKS, KEEPS)


# ---------------------------------------------------------------- the same rules in a recipe without ids

HAND_BREAKS = [
    pytest.param(
        "leaders",
        [("  aantal: 1\n  begeleider: ja\n", "  aantal: 3\n  begeleider: ja\n")],
        WARNING,
        "rol trainer",
        ("has 3",),
        id="leaders-three",
    ),
    pytest.param(
        "presentation",
        [("  spreekt: casushouder\n  luistert: collega\n", "  spreekt: casushouder, collega\n")],
        ERROR,
        "fase Het verhaal",
        ("the group speaks while the case is told", "`collega`"),
        id="presentation-group-speaks",
    ),
    pytest.param(
        "from-memory",
        [("  luistert: collega\nfase Vragen", "  luistert: collega\n  materiaal: Aantekeningen\nfase Vragen")],
        WARNING,
        "fase Het verhaal",
        ("`Aantekeningen`",),
        id="from-memory-with-notes",
    ),
    pytest.param(
        "push-back",
        [(HAND_DISCUSSION, ""), ("fase Het verhaal", HAND_DISCUSSION + "fase Het verhaal")],
        ERROR,
        "fase De groep aan het woord",
        ("before it is told",),
        id="push-back-before-the-case",
    ),
    pytest.param(
        "push-back",
        [
            (
                "  spreekt: collega\n  luistert: casushouder\n",
                "  leidt: casushouder\n  spreekt: collega\n  luistert: casushouder\n",
            )
        ],
        ERROR,
        "fase De groep aan het woord",
        ("the presenter takes part",),
        id="push-back-presenter-leads",
    ),
    pytest.param(
        "presenter-rejoins",
        [("  spreekt: casushouder, collega\n", "  spreekt: collega\n")],
        WARNING,
        "fase De groep aan het woord",
        ("does not speak again",),
        id="presenter-rejoins-never",
    ),
]

HAND_KEEPS = [
    pytest.param("leaders", [("  aantal: 1\n  begeleider: ja\n", "  aantal: 2\n  begeleider: ja\n")], id="leaders"),
    pytest.param("presentation", [], id="presentation"),
    pytest.param("from-memory", [], id="from-memory"),
    pytest.param(
        "push-back",
        [("  spreekt: collega\n  luistert: casushouder\n", "  spreekt: collega\n  buiten: casushouder\n")],
        id="push-back-outside",
    ),
    pytest.param("presenter-rejoins", [("  spreekt: casushouder, collega\n", "  spreekt: iedereen\n")], id="rejoins"),
]


@pytest.mark.parametrize(("rule", "changes", "severity", "at", "figures"), HAND_BREAKS)
def test_a_broken_rule_is_found_in_a_recipe_without_ids(rule, changes, severity, at, figures):
    text = edit(HAND, *changes)
    d = only(text, f"balint/{rule}")
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


def test_two_facilitator_roles_without_the_leader_id_are_named():
    text = edit(
        HAND,
        ("rol collega: Collega\n", "rol cotrainer: Cotrainer\n  aantal: 1\n  begeleider: ja\nrol collega: Collega\n"),
    )
    d = assert_missing_id(METHOD, text, "role", "leider", ["leaders"])
    assert "found 2" in d.message and "`Trainer`" in d.message and "`Cotrainer`" in d.message


def test_a_presenter_role_the_finder_cannot_tell_by_its_name_skips_its_rules():
    # `Verteller` is no name the method knows for the presenter: nothing to go on, so no guess.
    text = edit(HAND, ("rol casushouder: Casusinbrenger\n", "rol verteller: Verteller\n")).replace(
        "casushouder", "verteller"
    )
    found = findings(text)
    expects = [d for d in found if d.code == "method-expects-id"]
    assert any("role with id `inbrenger`" in d.message and "found none" in d.message for d in expects)
    assert [d.code for d in found if d.code.startswith("balint/") and d.code != "balint/leaders"] == []
    assert [d.headline() for d in found if d.is_error] == []


def test_a_discussion_where_the_presenter_speaks_is_no_push_back_and_the_warning_says_so():
    text = edit(HAND, ("  spreekt: collega\n  luistert: casushouder\n", "  spreekt: collega, casushouder\n"))
    d = assert_missing_id(METHOD, text, "phase", "bespreking", ["push-back", "presenter-rejoins"])
    assert "sits back and listens" in d.message and "found none" in d.message


def test_two_phases_where_the_presenter_listens_are_named_and_one_is_marked_with_the_id():
    second = "fase Nog een ronde (5 min)\n  spreekt: collega\n  luistert: casushouder\n"
    text = edit(HAND, ("  spreekt: casushouder, collega\n", "  spreekt: casushouder, collega\n" + second))
    text = edit(text, ("fase Terug in de kring (20 min)", "fase Terug in de kring (15 min)"))
    d = assert_missing_id(METHOD, text, "phase", "bespreking", ["push-back", "presenter-rejoins"])
    assert "found 2" in d.message and "`De groep aan het woord`" in d.message and "`Nog een ronde`" in d.message
    marked = edit(
        text, ("fase De groep aan het woord (45 min)\n", "fase De groep aan het woord (45 min)\n  id: bespreking\n")
    )
    assert headlines(findings(marked)) == []


# ---------------------------------------------------------------- the method's own recipes

test_the_bundled_recipe_is_clean = SHARED.bundled_recipe_test("balintgroep.mth")
test_new_writes_the_base_recipe_and_it_is_clean = SHARED.base_recipe_test()
test_new_uses_every_id_the_rules_need = SHARED.needed_ids_test(
    ("roles", "phases"), {"leider", "inbrenger", "casus", "bespreking"}
)


def test_the_bundled_recipe_is_an_example_and_not_the_base_recipe():
    assert (RECIPES / "balintgroep.mth").read_text(encoding="utf-8") != METHOD.base_recipe


def test_no_group_size_is_checked_the_sources_give_none():
    assert METHOD.group_size is None
    assert findings(edit(GOOD, ("duration: 90 min\n", "duration: 90 min\ngroup: 30\n")), "balint/group-size") == []


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", ("Methode Balintgroep", "Luistert de inbrenger")),
        ("en", ("Method Balint group", "Phase 1 of")),
    ],
)
def test_the_cards_of_the_bundled_recipe_print_in_dutch_and_english(monkeypatch, lang, expected):
    result = run_cli(monkeypatch, "cards", RECIPES / "balintgroep.mth", "--lang", lang)
    assert result.exit_code == 0, result.output
    words = " ".join(result.stdout.split())  # the labels' padding is the layout's, not the method's
    for text in expected:
        assert text in words


def test_a_presenter_named_to_speak_in_the_discussion_is_told_both_lines_to_change():
    text = edit(
        GOOD,
        (
            "  id: bespreking\n  speak: deelnemer\n  listen: inbrenger\n",
            "  id: bespreking\n  speak: deelnemer, inbrenger\n",
        ),
    )
    d = only(text, "balint/push-back")
    assert d.hint == "write `listen: inbrenger` and take the presenter out of `speak`"


def test_a_presenter_set_apart_but_leading_is_told_only_to_stop_leading():
    text = edit(
        HAND,
        (
            "  spreekt: collega\n  luistert: casushouder\n",
            "  leidt: casushouder\n  spreekt: collega\n  luistert: casushouder\n",
        ),
    )
    d = only(text, "balint/push-back")
    # The trainer already wrote `luistert: casushouder`: the hint asks only to take the presenter out of the lead.
    assert d.hint is not None and "`leidt`" in d.hint and "luistert" not in d.hint
    assert d.hint == "take the presenter out of `leidt`"
