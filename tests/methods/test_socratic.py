"""The Socratic dialogue (Nelson-Heckmann; Kessels): each rule broken once and kept, with ids and without.

Facts (L. Nelson, G. Heckmann; J. Kessels, Socrates op de markt, 1997): one
general question; one concrete example from a participant's own experience;
from the example to its core statement, then regressive abstraction to the
principles behind it; the facilitator keeps to the procedure and holds back
on the content. The structure is a hard limit (errors); a facilitator who
speaks in the investigation a warning (he or she may speak to the procedure).
The sources give no group size or minutes we are sure of: the method checks none.
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

METHOD = isolated_plugins(builtins=True).methods()["socratic"]

GOOD = """\
recipe: Socratic dialogue
method: socratic
group: 8
duration: 3 h

role gespreksleider: Facilitator
  count: 1
  facilitator: yes
role voorbeeldgever: Example-giver
  count: 1
role deelnemer: Participant

phase Question (20 min)
  id: uitgangsvraag
  lead: gespreksleider
  speak: deelnemer
phase Examples (30 min)
  speak: deelnemer
phase The example (40 min)
  id: voorbeeld
  lead: gespreksleider
  speak: voorbeeldgever, deelnemer
phase Core statement (30 min)
  id: kernuitspraak
  lead: gespreksleider
  speak: deelnemer, voorbeeldgever
phase Abstraction (45 min)
  id: abstractie
  lead: gespreksleider
  speak: deelnemer, voorbeeldgever
phase Meta-dialogue (15 min)
  speak: everyone
"""

# As a Dutch trainer writes it by hand: own role ids, no phase ids, the example in three phases.
HAND = """\
recept: Socratisch gesprek
methode: socratic
groep: 6
duur: 3 uur

rol leider: Gespreksleider
  aantal: 1
  begeleider: ja
rol verteller: Voorbeeldgever
  aantal: 1
rol lid: Deelnemer

fase Uitgangsvraag kiezen (20 min)
  leidt: leider
  spreekt: lid
fase Voorbeelden ophalen (20 min)
  spreekt: lid
fase Voorbeeld uitdiepen (40 min)
  leidt: leider
  spreekt: verteller, lid
fase Kernbewering (30 min)
  leidt: leider
  spreekt: lid, verteller
fase Op zoek naar principes (50 min)
  leidt: leider
  spreekt: lid, verteller
fase Terugblik (20 min)
  spreekt: iedereen
"""

SHARED = SharedTests(METHOD, GOOD)
BY_HAND = SharedTests(METHOD, HAND)

QUESTION = "phase Question (20 min)\n  id: uitgangsvraag\n  lead: gespreksleider\n  speak: deelnemer\n"
ABSTRACTION = (
    "phase Abstraction (45 min)\n  id: abstractie\n  lead: gespreksleider\n  speak: deelnemer, voorbeeldgever\n"
)
CORE = (
    "phase Core statement (30 min)\n  id: kernuitspraak\n  lead: gespreksleider\n  speak: deelnemer, voorbeeldgever\n"
)
HAND_QUESTION = "fase Uitgangsvraag kiezen (20 min)\n  leidt: leider\n  spreekt: lid\n"
HAND_PRINCIPLES = "fase Op zoek naar principes (50 min)\n  leidt: leider\n  spreekt: lid, verteller\n"


def test_the_good_recipes_have_no_findings_at_all():
    assert headlines(findings(GOOD)) == []
    assert headlines(findings(HAND)) == []


BREAKS = [
    pytest.param(
        "one-example",
        [("role voorbeeldgever: Example-giver\n  count: 1\n", "role voorbeeldgever: Example-giver\n  count: 2-3\n")],
        ERROR,
        "role voorbeeldgever",
        ("one example-giver", "has 2-3"),
        id="three-example-givers",
    ),
    pytest.param(
        "question-first",
        [(QUESTION, ""), ("phase Core statement", QUESTION + "phase Core statement")],
        ERROR,
        "phase The example",
        ("the example (`The example`) comes before the general question",),
        id="example-before-the-question",
    ),
    pytest.param(
        "regressive-abstraction",
        [(ABSTRACTION, ""), ("phase The example", ABSTRACTION + "phase The example")],
        ERROR,
        "phase Abstraction",
        ("the regressive abstraction (`Abstraction`) comes before the core statement",),
        id="abstraction-before-the-example",
    ),
    pytest.param(
        "regressive-abstraction",
        [(ABSTRACTION, ""), ("phase Core statement", ABSTRACTION + "phase Core statement")],
        ERROR,
        "phase Abstraction",
        ("the regressive abstraction (`Abstraction`) comes before the core statement",),
        id="abstraction-before-the-core-statement",
    ),
    pytest.param(
        "facilitator-holds-back",
        [(CORE, CORE.replace("voorbeeldgever\n", "voorbeeldgever, gespreksleider\n"))],
        WARNING,
        "phase Core statement",
        ("facilitator speaks in `Core statement`",),
        id="facilitator-speaks-in-the-core-statement",
    ),
]

HAND_BREAKS = [
    pytest.param(
        "one-example",
        [("rol verteller: Voorbeeldgever\n  aantal: 1\n", "rol verteller: Voorbeeldgever\n  aantal: 2\n")],
        ERROR,
        "rol verteller",
        ("role `verteller` has 2",),
        id="hand-two-example-givers",
    ),
    pytest.param(
        "question-first",
        [(HAND_QUESTION, ""), ("fase Kernbewering", HAND_QUESTION + "fase Kernbewering")],
        ERROR,
        "fase Voorbeeld uitdiepen",
        ("comes before the general question",),
        id="hand-example-before-the-question",
    ),
    pytest.param(
        "regressive-abstraction",
        [(HAND_PRINCIPLES, ""), ("fase Kernbewering", HAND_PRINCIPLES + "fase Kernbewering")],
        ERROR,
        "fase Op zoek naar principes",
        ("the regressive abstraction (`Op zoek naar principes`) comes before the core statement",),
        id="hand-principles-before-the-core-statement",
    ),
    pytest.param(
        "facilitator-holds-back",
        [
            (
                "  leidt: leider\n  spreekt: lid, verteller\nfase Terugblik",
                "  leidt: leider\n  spreekt: leider, lid\nfase Terugblik",
            )
        ],
        WARNING,
        "fase Op zoek naar principes",
        ("facilitator speaks in `Op zoek naar principes`",),
        id="hand-facilitator-speaks",
    ),
]

test_a_broken_rule_is_reported_once = SHARED.broken_rule_test(BREAKS)
test_a_broken_rule_is_reported_once_without_ids = BY_HAND.broken_rule_test(HAND_BREAKS)
test_a_broken_rule_reads_in_dutch_and_english = SHARED.both_languages_test(BREAKS)
test_the_method_and_its_rules_are_described_in_dutch_and_english = SHARED.texts_test()

KEEPS = [
    pytest.param("one-example", [], id="one-example"),
    pytest.param("question-first", [], id="question-first"),
    pytest.param("regressive-abstraction", [], id="example-core-abstraction"),
    pytest.param("facilitator-holds-back", [], id="facilitator-leads"),
    # The facilitator may speak outside the investigation: at the question and in the meta-dialogue.
    pytest.param(
        "facilitator-holds-back",
        [
            (
                "  lead: gespreksleider\n  speak: deelnemer\n",
                "  lead: gespreksleider\n  speak: gespreksleider, deelnemer\n",
            )
        ],
        id="facilitator-speaks-at-the-question",
    ),
]

HAND_KEEPS = [
    pytest.param("one-example", [], id="hand-one-example"),
    pytest.param("question-first", [], id="hand-question-first"),
    pytest.param("regressive-abstraction", [], id="hand-in-order"),
    pytest.param("facilitator-holds-back", [], id="hand-facilitator-leads"),
]

test_a_kept_rule_is_silent = SHARED.kept_rule_test(KEEPS)
test_a_kept_rule_is_silent_without_ids = BY_HAND.kept_rule_test(HAND_KEEPS)
test_every_rule_is_broken_and_kept_above = SHARED.every_rule_test(BREAKS, KEEPS)
test_every_rule_is_broken_and_kept_without_ids = BY_HAND.every_rule_test(HAND_BREAKS, HAND_KEEPS)


def test_the_structure_is_a_hard_limit_and_the_facilitator_a_custom():
    severities: dict[str, set] = {}
    for p in BREAKS + HAND_BREAKS:
        severities.setdefault(p.values[0], set()).add(p.values[2])
    assert severities["one-example"] == severities["question-first"] == {ERROR}
    assert severities["regressive-abstraction"] == {ERROR}
    assert severities["facilitator-holds-back"] == {WARNING}


def test_no_group_size_or_length_is_checked_as_the_sources_give_none_we_are_sure_of():
    assert METHOD.group_size is None
    text = edit(GOOD, ("group: 8\n", "group: 20\n"), ("duration: 3 h\n", "duration: 4 h\n"))
    assert [d.code for d in findings(text) if d.code.startswith("socratic/")] == []


# ---------------------------------------------------------------- finding the structure without ids


def test_the_example_is_the_phase_its_giver_speaks_in_among_those_titled_for_it():
    # `Voorbeelden ophalen` is titled for the example too, but only in `Voorbeeld uitdiepen` does its giver speak.
    text = edit(HAND, (HAND_QUESTION, ""), ("fase Kernbewering", HAND_QUESTION + "fase Kernbewering"))
    d = only(text, "socratic/question-first")
    assert_finding(d, METHOD, "question-first", ERROR, text, "fase Voorbeeld uitdiepen", ("`Voorbeeld uitdiepen`",))


def test_two_example_phases_told_by_its_giver_are_named_not_guessed():
    text = edit(
        HAND,
        (
            "fase Voorbeelden ophalen (20 min)\n  spreekt: lid\n",
            "fase Voorbeelden ophalen (20 min)\n  spreekt: lid, verteller\n",
        ),
    )
    (d,) = findings(text, "method-expects-id")
    assert "`voorbeeld`" in d.message and "`Voorbeelden ophalen`" in d.message and "`Voorbeeld uitdiepen`" in d.message
    assert findings(text, "socratic/question-first") == []


def test_a_phase_titled_only_question_is_the_general_question_when_it_is_the_only_one():
    english = edit(HAND, ("fase Uitgangsvraag kiezen (20 min)", "fase Question (20 min)"))
    assert headlines(findings(english)) == []
    moved = edit(english, ("fase Question (20 min)\n  leidt: leider\n  spreekt: lid\n", ""))
    moved = edit(moved, ("fase Kernbewering", "fase Question (20 min)\n  spreekt: lid\nfase Kernbewering"))
    assert [d.code for d in findings(moved) if d.is_error] == ["socratic/question-first"]
    two = edit(english, ("fase Terugblik (20 min)", "fase Een vraag voor de volgende keer (20 min)"))
    (d,) = findings(two, "method-expects-id")
    assert "`Question`" in d.message and "`Een vraag voor de volgende keer`" in d.message


def test_a_phase_titled_only_for_the_core_is_the_core_statement_when_no_title_says_more():
    asked = edit(HAND, ("fase Kernbewering (30 min)", "fase Wat is de kern? (30 min)"))
    assert headlines(findings(asked)) == []
    # Found, it is checked: moved after the principles it breaks the regressive abstraction.
    core = "fase Wat is de kern? (30 min)\n  leidt: leider\n  spreekt: lid, verteller\n"
    moved = edit(asked, (core, ""), ("fase Terugblik", core + "fase Terugblik"))
    assert [d.code for d in findings(moved) if d.is_error] == ["socratic/regressive-abstraction"]
    # A title that says the core statement itself wins over one that only says the core.
    both = edit(asked, ("fase Terugblik (20 min)", "fase Kernzin (10 min)\n  spreekt: lid\nfase Terugblik (20 min)"))
    assert [d.code for d in findings(both) if d.code == "method-expects-id"] == []


def test_the_abstraction_is_found_by_principles_in_english_and_german_too():
    for title in ("Which principles lie behind it?", "Welche Prinzipien?"):
        text = edit(HAND, ("fase Op zoek naar principes (50 min)", f"fase {title} (50 min)"))
        assert headlines(findings(text)) == [], title


MISSING = [
    pytest.param(
        "phase",
        "kernuitspraak",
        ["regressive-abstraction"],
        [("fase Kernbewering (30 min)", "fase Het scherpste moment (30 min)")],
        id="no-core-statement-phase",
    ),
    pytest.param(
        "role",
        "voorbeeldgever",
        ["one-example"],
        [("rol verteller: Voorbeeldgever", "rol verteller: Verteller")],
        id="no-example-giver-role",
    ),
]


@pytest.mark.parametrize(("kind", "ident", "skipped", "changes"), MISSING)
def test_a_missing_structure_is_a_warning_naming_it_and_the_skipped_rules(kind, ident, skipped, changes):
    text = edit(HAND, *changes)
    (d,) = [d for d in findings(text, "method-expects-id") if f"{kind} with id `{ident}`" in d.message]
    assert d.severity is WARNING and "found none" in d.message
    for rule in skipped:
        assert f"`{rule}`" in d.message
        assert findings(text, f"socratic/{rule}") == []
    assert [x.headline() for x in findings(text) if x.is_error] == []


# ---------------------------------------------------------------- the method's own recipes

test_the_bundled_recipe_is_clean = SHARED.bundled_recipe_test("socratisch-gesprek.mth")
test_new_writes_the_base_recipe_and_it_is_clean = SHARED.base_recipe_test()
test_new_uses_every_id_the_rules_need = SHARED.needed_ids_test(
    ("roles", "phases"),
    {"gespreksleider", "voorbeeldgever", "uitgangsvraag", "voorbeeld", "kernuitspraak", "abstractie"},
)


def test_the_bundled_recipe_is_the_shorter_form_not_the_base_recipe():
    bundled = (RECIPES / "socratisch-gesprek.mth").read_text(encoding="utf-8")
    assert bundled != METHOD.base_recipe
    assert "duur: 3 uur" in bundled and "duur: 6 uur" in METHOD.base_recipe


@pytest.mark.parametrize(
    ("language", "words"), [("nl", ("Kernuitspraak", "Voorbeeldgever")), ("en", ("Kernuitspraak", "speaks"))]
)
def test_the_bundled_recipe_prints_cards(monkeypatch, language, words):
    result = run_cli(monkeypatch, "cards", RECIPES / "socratisch-gesprek.mth", "--lang", language)
    assert result.exit_code == 0, result.output
    for word in words:
        assert word in result.stdout
