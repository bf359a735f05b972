"""Helpers for testing method plugins.

A plugin's tests should not depend on which other plugins happen to be
installed, so these check a recipe with only the plugins you name
registered (and, if you ask, the built-in methods).

Example::

    from methodengine.testing import check_text
    import methodengine_troika


    def test_troika_needs_three_rounds():
        found = check_text(RECIPE, methodengine_troika)
        assert [d.code for d in found if d.is_error] == ["troika/three-rounds"]


    def test_the_plugin_keeps_the_contract():
        assert plugin_problems(methodengine_troika) == []
"""

from __future__ import annotations

from methodengine.checking.resolution import check, resolve
from methodengine.diagnostics import Diagnostic
from methodengine.hooks.manager import Plugins, load_plugins
from methodengine.language.parsing import parse
from methodengine.model import Recipe


def isolated_plugins(*plugins: object, builtins: bool = False) -> Plugins:
    """Only ``plugins`` (and the built-in methods if ``builtins``); no installed ones."""
    return load_plugins(plugins, builtins=builtins, entry_points=False)


def plugin_problems(*plugins: object, builtins: bool = False) -> list[Diagnostic]:
    """What is wrong with ``plugins`` as they load and give their methods, formats and templates.

    A hook that raises or returns the wrong thing, a hook implementation
    whose name is no hook (``register_method``), a method id another plugin
    has: the command line reports these on stderr and carries on, and
    ``check_text`` does not see them, so a plugin's tests should ask here.
    Empty for a plugin that keeps the contract.
    """
    loaded = isolated_plugins(*plugins, builtins=builtins)
    loaded.methods()
    loaded.output_formats()
    loaded.template_dirs()
    return list(loaded.diagnostics)


def check_text(text: str, *plugins: object, builtins: bool = False, path: str = "test.mth") -> list[Diagnostic]:
    """Every diagnostic for a recipe text, with only the given plugins registered.

    Raises RecipeError if the text does not parse.
    """
    return check(parse(text, path), isolated_plugins(*plugins, builtins=builtins))


def resolve_text(text: str, *plugins: object, builtins: bool = False, path: str = "test.mth") -> Recipe:
    """A recipe text with its method's base recipe applied, with only the given plugins."""
    return resolve(parse(text, path), isolated_plugins(*plugins, builtins=builtins)).recipe
