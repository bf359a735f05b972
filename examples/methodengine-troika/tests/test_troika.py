"""Tests of the troika plugin, with methodengine.testing: only this plugin is registered."""

from __future__ import annotations

import jinja2
import pytest
from methodengine import Range, planned_minutes
from methodengine.testing import check_text, isolated_plugins, plugin_problems, resolve_text

import methodengine_troika

BARE = "recipe: Troika op de teamdag\nmethod: troika\n"
BASE = methodengine_troika.base_recipe()


def variant(old: str, new: str) -> str:
    """The base recipe with one piece of text replaced (which must be there, once)."""
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def codes(text: str, *, errors: bool | None = None) -> list[str]:
    found = check_text(text, methodengine_troika)
    return [d.code for d in found if errors is None or d.is_error == errors]


# ------------------------------------------------------------------ the method


def test_the_method_is_registered_with_names_source_and_ids():
    (method,) = isolated_plugins(methodengine_troika).methods().values()
    assert method.id == "troika"
    assert method.names == {"nl": "Troika-consultatie", "en": "Troika Consulting"}
    assert "Liberating Structures" in method.source
    assert {r.code for r in method.rules} == {"trio", "three-turns", "client-outside", "time-boxes"}
    assert all("Lipmanowicz" in r.source and "McCandless" in r.source for r in method.rules)
    assert set(method.roles) == {"client", "consultant"}
    assert set(method.phases) == {"turn", "challenge", "questions", "ideas", "harvest"}


def test_a_bare_recipe_passes_and_takes_the_base_recipe():
    assert check_text(BARE, methodengine_troika) == []
    recipe = resolve_text(BARE, methodengine_troika)
    assert [r.id for r in recipe.roles] == ["host", "client", "consultant"]
    assert [item.id for item in recipe.agenda] == ["invitation", "turn"]
    assert recipe.group == Range(3, 3)
    # 1 min of invitation, then three turns of 7-11 min: about 30 minutes.
    assert planned_minutes(recipe) == Range(22, 34)


def test_the_base_recipe_as_written_passes_alone_and_beside_the_built_in_methods():
    assert check_text(BASE, methodengine_troika) == []
    assert check_text(BASE, methodengine_troika, builtins=True) == []


def test_a_dutch_recipe_with_the_documented_ids_passes():
    text = variant("role client: Client", "role client: Inbrenger")
    text = text.replace("role consultant: Consultant", "role consultant: Adviseur")
    text = text.replace("language: en", "language: nl")
    assert check_text(text, methodengine_troika) == []


# ------------------------------------------------------------------ the rules


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("group: 3", "group: 6", "a troika is a group of three, not 6"),
        ("role client: Client\n  count: 1", "role client: Client\n  count: 2", "a troika has 1 client"),
        ("role consultant: Consultant\n  count: 2", "role consultant: Consultant\n  count: 3", "2 consultants"),
        (
            "role consultant: Consultant",
            "role observer: Observer\n  count: 1\n\nrole consultant: Consultant",
            "role `observer` makes it larger",
        ),
    ],
)
def test_a_troika_is_one_client_and_two_consultants(old, new, message):
    found = [d for d in check_text(variant(old, new), methodengine_troika) if d.code == "troika/trio"]
    assert found, "no trio error"
    assert all(d.is_error for d in found)
    assert any(message in d.message for d in found), [d.message for d in found]
    assert all("Liberating Structures" in (d.source or "") for d in found)


def test_an_open_consultant_role_is_the_rest_of_the_troika():
    text = variant("role consultant: Consultant\n  count: 2\n", "role consultant: Consultant\n")
    assert check_text(text, methodengine_troika) == []


@pytest.mark.parametrize("rounds", ["2", "1-3", "4"])
def test_every_member_is_the_client_once(rounds):
    found = check_text(variant("rounds 3:", f"rounds {rounds}:"), methodengine_troika)
    (turns,) = [d for d in found if d.code == "troika/three-turns"]
    assert turns.is_error
    assert f"not {rounds}" in turns.message
    assert turns.position is not None
    assert turns.position.line == BASE.splitlines().index("rounds 3: Turn of a client") + 1


def test_the_turn_must_be_a_rounds_block():
    text = "recipe: T\nmethod: troika\n\nphase Turn (10 min)\n  id: turn\n"
    assert "troika/three-turns" in codes(text, errors=True)
    (turn,) = [d for d in check_text(text, methodengine_troika) if d.code == "troika/three-turns"]
    assert "should be a rounds block" in turn.message and turn.position.line == 4  # at the phase


def test_ideas_must_be_a_phase_of_the_turn_not_a_rounds_block():
    text = variant("  phase Ideas and advice (4-5 min)\n    id: ideas\n", "  phase Ideas and advice (4-5 min)\n")
    text = text.replace("rounds 3: Turn of a client\n  id: turn\n", "rounds 3: Turn of a client\n  id: ideas\n")
    found = check_text(text, methodengine_troika)
    (ideas,) = [d for d in found if d.code == "troika/client-outside"]
    assert "should be a phase of the turn" in ideas.message
    assert ideas.position.line == BASE.splitlines().index("rounds 3: Turn of a client") + 1


def test_the_plugin_keeps_the_contract():
    assert plugin_problems(methodengine_troika) == []
    assert plugin_problems(methodengine_troika, builtins=True) == []


def test_the_client_sits_outside_while_the_consultants_generate_ideas():
    text = variant("    outside: client\n", "    listen: client\n")
    found = [d for d in check_text(text, methodengine_troika) if d.code == "troika/client-outside"]
    (outside,) = found
    assert outside.is_error
    assert "does not put the client outside" in outside.message
    assert outside.hint == "add `outside: client`, and take `client` out of `listen`"


def test_everyone_speaking_includes_the_client_who_sits_outside():
    text = variant("    speak: consultant\n    outside: client\n", "    speak: everyone\n    outside: client\n")
    assert codes(text, errors=True) == ["troika/client-outside"]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("phase Ideas and advice (4-5 min)", "phase Ideas and advice (10 min)"),
        ("phase Challenge (1-2 min)", "phase Challenge (3 min)"),
        ("phase Most valuable (1-2 min)", "phase Most valuable (1 min per consultant)"),
    ],
)
def test_time_boxes_outside_the_published_ranges_are_warnings(old, new):
    found = check_text(variant(old, new), methodengine_troika)
    boxes = [d for d in found if d.code == "troika/time-boxes"]
    assert len(boxes) == 1
    assert not boxes[0].is_error
    # The warning points at the time box itself, just inside its parenthesis.
    position = boxes[0].position
    assert position is not None
    line = variant(old, new).splitlines()[position.line - 1]
    assert line.strip() == new
    assert position.column == line.index("(") + 2


def test_time_boxes_inside_the_published_ranges_pass():
    text = variant("phase Ideas and advice (4-5 min)", "phase Ideas and advice (5 min)")
    assert check_text(text, methodengine_troika) == []


def test_missing_ids_are_warnings_that_name_them_never_errors():
    text = """recipe: Troika met eigen namen
method: troika

role inbrenger: Inbrenger
  count: 1

role adviseur: Adviseur
  count: 2

rounds 3: Beurt
  phase Vraag (2 min)
    speak: inbrenger
  phase Ideeen (5 min)
    speak: adviseur
    outside: inbrenger
"""
    found = check_text(text, methodengine_troika)
    assert not [d for d in found if d.is_error]
    expects = [d.message for d in found if d.code == "method-expects-id"]
    assert any("role with id `client`" in m and "trio" in m for m in expects), expects
    assert any("phase with id `turn`" in m for m in expects), expects
    assert any("phase with id `ideas`" in m for m in expects), expects


# ------------------------------------------------------------------ the template


def test_the_plugin_adds_a_card_template_that_renders():
    (directory,) = isolated_plugins(methodengine_troika).template_dirs()
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(directory), keep_trailing_newline=True)
    note = env.get_template("troika-note.txt.j2").render(recipe=resolve_text(BARE, methodengine_troika))
    assert note.splitlines()[0] == "Troika op de teamdag: one turn"
    assert "3. Ideas and advice (4-5 min)" in note
    assert note.endswith("Then switch: 3 turns, until everyone has been the client.\n")


# ------------------------------------------------------------------ in Dutch and English


def test_the_method_and_its_rules_are_described_in_dutch_and_english():
    (method,) = isolated_plugins(methodengine_troika).methods().values()
    assert method.summary_in("nl").startswith("In groepjes van drie")
    assert method.summary_in("en").startswith("In groups of three")
    assert all(r.summary_in("nl") != r.summary_in("en") for r in method.rules)


def test_a_finding_is_said_in_the_message_language_with_the_line_in_the_recipes_keywords():
    from methodengine import use_language

    text = variant("group: 3", "group: 6")
    with use_language("nl"):
        (dutch,) = [d for d in check_text(text, methodengine_troika) if d.code == "troika/trio"]
    with use_language("en"):
        (english,) = [d for d in check_text(text, methodengine_troika) if d.code == "troika/trio"]
    assert dutch.message == "een troika is een groep van drie, niet van 6"
    assert english.message == "a troika is a group of three, not 6"
    assert dutch.hint.startswith("schrijf `group: 3`;") and english.hint.startswith("write `group: 3`;")
    # A trainer who writes Dutch keywords is shown the line in Dutch keywords.
    dutch_keywords = "recept: Troika op de teamdag\nmethode: troika\ngroep: 6\n"
    with use_language("nl"):
        (in_dutch,) = [d for d in check_text(dutch_keywords, methodengine_troika) if d.code == "troika/trio"]
    assert in_dutch.hint.startswith("schrijf `groep: 3`;")
