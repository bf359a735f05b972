"""The built-in methods know a trainer's case-giver by the same words, compared by one rule.

A trainer who calls the case-giver `probleemeigenaar` in an incident recipe
calls them so in a Balint or Kollegiale Beratung recipe too: every method
whose rules need the case-giver finds the role by the same words (in Dutch,
German and English, letters only: no case, accents or hyphens), and none
takes a role that is not one.
"""

from __future__ import annotations

import pytest

from methodengine import parse
from methodengine.testing import isolated_plugins

METHODS = isolated_plugins(builtins=True).methods()

# Each method whose rules need the case-giver, and the id its rules know the role by.
CASE_GIVER_IDS = {
    "incident": "inbrenger",
    "backstage": "inbrenger",
    "balint": "inbrenger",
    "roddel": "inbrenger",
    "reflecting-team": "client",
    "kollegiale-beratung": "inbrenger",
}

NAMES = [
    ("probleemeigenaar", "Probleemeigenaar"),
    ("casushouder", "Casushouder"),
    ("vraagsteller", "Vraagsteller"),
    ("presentator", "Presentator"),
    ("erzaehler", "Fallerzähler"),
    ("owner", "Case owner"),
    ("giver", "Case-giver"),
    ("focus", "Focus person"),
]


def _recipe(method: str, role_id: str, name: str) -> str:
    return (
        f"recipe: Test\nmethod: {method}\n\n"
        "role leader: Gespreksleider\n  count: 1\n  facilitator: yes\n"
        f"role {role_id}: {name}\n  count: 1\n"
        "role colleague: Collega\n\n"
        f"phase Casus (10 min)\n  speak: {role_id}\n  listen: colleague\n"
    )


@pytest.mark.parametrize("method", sorted(CASE_GIVER_IDS))
@pytest.mark.parametrize(("role_id", "name"), NAMES)
def test_every_method_finds_the_case_giver_by_the_same_words(method, role_id, name):
    recipe = parse(_recipe(method, role_id, name), "test.mth")
    found = METHODS[method].finders[CASE_GIVER_IDS[method]](recipe)
    assert [role.id for role in found] == [role_id]


@pytest.mark.parametrize("method", sorted(CASE_GIVER_IDS))
def test_no_method_takes_the_colleagues_or_the_leader_for_the_case_giver(method):
    recipe = parse(_recipe(method, "verteller", "Verteller"), "test.mth")
    assert list(METHODS[method].finders[CASE_GIVER_IDS[method]](recipe)) == []
