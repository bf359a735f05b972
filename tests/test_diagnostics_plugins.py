"""Plugin authors' own check of the contract: methodengine.testing.plugin_problems."""

from __future__ import annotations

from methodengine import Method, hookimpl
from methodengine.testing import check_text, plugin_problems

BASE = "recipe: Duo\nmethod: duo\n\nphase Praten (10 min)\n"


def _duo() -> Method:
    return Method(id="duo", names={"nl": "Duo", "en": "Duo"}, summary="Two talk.", source="a test", base_recipe=BASE)


class Keeps:
    @hookimpl
    def register_methods(self):
        return [_duo()]


class Misspelt:
    @hookimpl
    def register_method(self):  # one letter short: never called
        return [_duo()]


class Raises:
    @hookimpl
    def card_templates(self):
        raise RuntimeError("no folder")


def test_a_plugin_that_keeps_the_contract_has_no_problems():
    assert plugin_problems(Keeps()) == []
    assert plugin_problems(Keeps(), builtins=True) == []


def test_a_misspelt_hook_is_a_problem_though_checking_a_recipe_says_only_that_the_method_is_unknown():
    (problem,) = plugin_problems(Misspelt())
    assert problem.code == "plugin-unknown-hook" and problem.is_error
    assert "`register_method`" in problem.message and "did you mean `register_methods`?" in (problem.hint or "")
    assert [d.code for d in check_text("recipe: X\nmethod: duo\n", Misspelt())] == ["unknown-method"]


def test_a_hook_that_raises_is_a_problem_named_by_plugin_and_hook():
    (problem,) = plugin_problems(Raises())
    assert problem.code == "plugin-failed"
    assert problem.message.startswith("plugin `Raises` failed in `card_templates`: RuntimeError: no folder")
