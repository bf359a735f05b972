"""recipes/ holds real examples: each uses a built-in method, checks clean, prints cards, and is not its base recipe.

A trainer starts from ``methodengine new X`` (the method's base recipe, byte
for byte) and changes what tonight's group needs; the bundled recipes show
such changes. A warning is allowed in one only when a comment in the file
names its code and so explains why it stays.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from methodengine import Method, Severity, load_plugins, parse
from methodengine.cli import main
from methodengine.hooks import manager as plugin_module
from methodengine.testing import check_text

RECIPES = Path(__file__).resolve().parents[1] / "recipes"
FILES = sorted(RECIPES.glob("*.mth"))
BUILTINS = load_plugins(entry_points=False).methods()


def _method(path: Path) -> Method:
    recipe = parse(path.read_text(encoding="utf-8"), str(path))
    assert recipe.method in BUILTINS, f"{path.name} uses `{recipe.method}`, not a built-in method"
    return BUILTINS[recipe.method]


def _cli(monkeypatch: pytest.MonkeyPatch, *args: object):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("METHODENGINE_LOAD_PLUGINS", "")
    monkeypatch.setattr(plugin_module, "_default", [])
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_there_is_an_example_for_every_built_in_method() -> None:
    used = {_method(path).id for path in FILES}
    assert used == set(BUILTINS)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_an_example_checks_without_errors_and_each_warning_is_explained(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    _method(path)
    found = check_text(text, builtins=True, path=str(path))
    assert [d.headline() for d in found if d.severity is Severity.ERROR] == []
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    unexplained = [d.headline() for d in found if not d.code or not re.search(re.escape(d.code), comments)]
    assert unexplained == [], "a warning left in an example is explained by a comment that names its code"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_an_example_is_a_variation_not_its_base_recipe(path: Path) -> None:
    method = _method(path)
    text = path.read_text(encoding="utf-8")
    assert text != method.base_recipe
    # More than the comments: the recipe itself says something the base recipe does not.
    assert parse(text, str(path)) != parse(method.base_recipe, "base.mth")


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_example_prints_cards(monkeypatch: pytest.MonkeyPatch, path: Path, language: str) -> None:
    result = _cli(monkeypatch, "cards", path, "--lang", language)
    assert result.exit_code == 0, result.output
    title = parse(path.read_text(encoding="utf-8"), str(path)).title
    assert result.stdout.startswith(title + "\n")


@pytest.mark.parametrize("ident", sorted(BUILTINS))
def test_new_writes_the_base_recipe_byte_for_byte(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ident: str) -> None:
    printed = _cli(monkeypatch, "new", ident, "-o", "-")
    assert printed.exit_code == 0, printed.output
    assert printed.stdout == BUILTINS[ident].base_recipe
    target = tmp_path / "start.mth"
    written = _cli(monkeypatch, "new", ident, "-o", target)
    assert written.exit_code == 0, written.output
    assert target.read_bytes() == BUILTINS[ident].base_recipe.encode("utf-8")
