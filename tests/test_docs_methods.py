"""docs/methods.md describes every built-in method, and only those: its roles, its agenda and each of its rules.

A trainer reads the section of a method before choosing it; a method added
without one, a rule added without a word in its section, or a section left
behind by a method that was removed, fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from methodengine import Method, load_plugins

DOC = Path(__file__).resolve().parents[1] / "docs" / "methods.md"
BUILTINS = load_plugins(entry_points=False).methods()
_HEADING = re.compile(r"^## (?P<title>.+?) \(`(?P<id>[a-z][a-z0-9_-]*)`\)$", re.MULTILINE)


def _sections() -> dict[str, str]:
    """The text of each method's section, by the id its heading names."""
    text = DOC.read_text(encoding="utf-8")
    found = list(_HEADING.finditer(text))
    sections: dict[str, str] = {}
    for here, after in zip(found, [*found[1:], None], strict=True):
        end = after.start() if after is not None else len(text)
        assert here["id"] not in sections, f"two sections for `{here['id']}`"
        sections[here["id"]] = text[here.end() : end]
    return sections


def test_every_built_in_method_has_a_section_and_no_section_names_another() -> None:
    assert set(_sections()) == set(BUILTINS)


def test_the_headings_are_the_methods_names() -> None:
    for match in _HEADING.finditer(DOC.read_text(encoding="utf-8")):
        method = BUILTINS[match["id"]]
        assert match["title"].casefold() in {name.casefold() for name in method.names.values()}, match["title"]


@pytest.mark.parametrize("ident", sorted(BUILTINS))
def test_a_section_gives_the_roles_agenda_rules_and_a_start(ident: str) -> None:
    method: Method = BUILTINS[ident]
    section = _sections()[ident]
    for part in ("Roles", "Agenda", "Rules"):
        assert re.search(rf"\*\*{part}\b", section), f"`{ident}` has no **{part}**"
    for rule in method.rules:
        assert f"`{rule.code}`" in section, f"rule `{rule.code}` of `{ident}` is not in its section"
    for role in {r for rule in method.rules for r in rule.needs_roles}:
        assert f"`{role}`" in section, f"role `{role}` of `{ident}` is not in its section"
    assert f"methodengine new {ident}" in section
