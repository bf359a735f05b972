"""What the tests of every built-in method share: their helpers, and the tests each method passes alike.

The ``test_<method>.py`` modules here import this as ``from _support import ...``: tests/ is no
package, and pytest's default ``prepend`` import mode puts this folder on ``sys.path`` before it
imports a test module from it. conftest.py beside it has pytest rewrite its assertions, as it does
in the test modules.

``SharedTests`` makes each test that every method's module runs alike, bound to its method and its
good recipe. A module gives the test the name it has always had, where it has always stood::

    SHARED = SharedTests(METHOD, GOOD)
    test_a_kept_rule_is_silent = SHARED.kept_rule_test(KEEPS)

pytest collects it under that name, so its id, its parameters and its assertions stay those of
the method's module; only the body is written once, here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from methodengine import Diagnostic, Method, Severity, parse
from methodengine.cli import main
from methodengine.hooks import manager as plugin_module
from methodengine.i18n import use_language
from methodengine.testing import check_text

ERROR, WARNING = Severity.ERROR, Severity.WARNING

_ENGLISH = re.compile(r"\b(the|and|with|every|meets?|write|should|comes?|takes?|only|which)\b")
"""Words of an English message that no Dutch one has: a Dutch text with one of them fell back to English."""
_QUOTED = re.compile(r"`[^`]*`")
"""What a message quotes (ids, titles, lines to write): that is the recipe's, in its own language."""


def dutch_prose(text: str) -> bool:
    """Whether ``text`` reads as Dutch outside what it quotes."""
    return not _ENGLISH.search(_QUOTED.sub("", text))


RECIPES = Path(__file__).resolve().parents[2] / "recipes"

# A list of ``pytest.param(rule, ...)``: a module's BREAKS, KEEPS or MISSING.
Params = Sequence[Any]
Test = Callable[..., None]


# ---------------------------------------------------------------- helpers


def edit(text: str, *changes: tuple[str, str]) -> str:
    """``text`` with each (old, new) replaced; each old must occur exactly once."""
    for old, new in changes:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def line_of(text: str, fragment: str) -> int:
    """The number of the one line that contains ``fragment``."""
    found = [n for n, line in enumerate(text.splitlines(), 1) if fragment in line]
    assert len(found) == 1, f"{fragment!r} is on lines {found}"
    return found[0]


def findings(text: str, code: str | None = None) -> list[Diagnostic]:
    found = check_text(text, builtins=True)
    return [d for d in found if code is None or d.code == code]


def headlines(found: list[Diagnostic]) -> list[str]:
    return [d.headline() for d in found]


def only(text: str, code: str) -> Diagnostic:
    found = findings(text, code)
    assert len(found) == 1, headlines(findings(text))
    return found[0]


def assert_finding(
    d: Diagnostic, method: Method, rule: str, severity: Severity, text: str, at: str, figures: tuple[str, ...]
) -> None:
    """``d`` is ``method``'s ``rule`` with ``severity``, on the line of ``text`` with ``at``, naming ``figures``."""
    rules = {r.code: r for r in method.rules}
    assert d.code == f"{method.id}/{rule}"
    assert d.severity is severity, d.headline()
    assert d.position is not None and d.position.path == "test.mth", d.headline()
    assert d.position.line == line_of(text, at), d.headline()
    for figure in figures:
        assert figure in d.message, (figure, d.message)
    # The source a trainer reads is the rule's, and the method names it among its sources.
    assert d.source == rules[rule].source
    assert d.source in method.source


def assert_missing_id(method: Method, text: str, kind: str, ident: str, skipped: Sequence[str]) -> Diagnostic:
    """``text`` lacks ``method``'s ``kind`` with id ``ident``: one warning, and the ``skipped`` rules silent."""
    found = findings(text)
    expects = [d for d in found if d.code == "method-expects-id"]
    assert len(expects) == 1, headlines(found)
    d = expects[0]
    assert d.severity is WARNING
    method_line = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(("method:", "methode:")))
    assert d.position is not None and d.position.line == method_line
    assert f"{kind} with id `{ident}`" in d.message
    for rule in skipped:
        assert f"`{rule}`" in d.message
        assert findings(text, f"{method.id}/{rule}") == []
    assert d.hint and f"methodengine new {method.id}" in d.hint
    # Never an error for an id the trainer did not use.
    assert [d.headline() for d in found if d.is_error] == []
    return d


def assert_candidates(method: Method, text: str, kind: str, ident: str, candidates: Sequence[str]) -> Diagnostic:
    """``text`` has several structures that could be ``ident``: one warning naming each, by title and line."""
    found = findings(text)
    expects = [d for d in found if d.code == "method-expects-id" and f"{kind} with id `{ident}`" in d.message]
    assert len(expects) == 1, headlines(found)
    d = expects[0]
    assert d.severity is WARNING
    assert f"found {len(candidates)} that could be it" in d.message, d.message
    for title in candidates:
        assert f"`{title}` (line {line_of(text, title)})" in d.message, (title, d.message)
    # Never an error for a structure the trainer did not mark.
    assert [d.headline() for d in found if d.is_error] == []
    return d


def assert_found_without_ids(method: Method, text: str) -> None:
    """``text`` writes no id, and the method's rules still find everything they need: no missing-id warning."""
    assert not [line for line in text.splitlines() if line.strip().startswith("id:")]
    assert [d.headline() for d in findings(text) if d.code == "method-expects-id"] == []


def run_cli(monkeypatch: pytest.MonkeyPatch, *args: object) -> Result:
    """Run the command line with only the built-in plugins loaded."""
    monkeypatch.setenv("METHODENGINE_LOAD_PLUGINS", "")
    monkeypatch.setattr(plugin_module, "_default", [])
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# ---------------------------------------------------------------- the tests every method passes alike


@dataclass(frozen=True)
class SharedTests:
    """The tests each method's module runs alike, bound to its ``method`` and its ``good`` recipe.

    Each ``*_test`` returns one test; the module names it as the test has always been named.
    """

    method: Method
    good: str  # a recipe of the method that keeps every rule

    def broken_rule_test(self, breaks: Params) -> Test:
        """Each of ``breaks`` (rule, changes, severity, at, figures) turns ``good`` into one finding."""
        method, good = self.method, self.good

        @pytest.mark.parametrize(("rule", "changes", "severity", "at", "figures"), breaks)
        def test_a_broken_rule_is_reported_once(rule, changes, severity, at, figures):
            text = edit(good, *changes)
            d = only(text, f"{method.id}/{rule}")
            assert_finding(d, method, rule, severity, text, at, figures)

        return test_a_broken_rule_is_reported_once

    def both_languages_test(self, breaks: Params) -> Test:
        """Each of ``breaks`` is told in Dutch and in English: message and hint by language, the finding the same."""
        method, good = self.method, self.good

        @pytest.mark.parametrize(("rule", "changes", "severity", "at", "figures"), breaks)
        def test_a_broken_rule_reads_in_dutch_and_english(rule, changes, severity, at, figures):
            text = edit(good, *changes)
            with use_language("en"):
                english = only(text, f"{method.id}/{rule}")
            with use_language("nl"):
                dutch = only(text, f"{method.id}/{rule}")
            assert (dutch.severity, dutch.position, dutch.source) == (
                english.severity,
                english.position,
                english.source,
            )
            assert dutch.message != english.message and dutch.hint != english.hint
            assert dutch_prose(dutch.message), dutch.message
            assert dutch.hint and dutch_prose(dutch.hint), dutch.hint

        return test_a_broken_rule_reads_in_dutch_and_english

    def texts_test(self) -> Test:
        """``methods`` can show the method in Dutch and English: its summary, each rule's, each id's description."""
        method = self.method

        def test_the_method_and_its_rules_are_described_in_dutch_and_english():
            assert dutch_prose(method.summary_in("nl")) and method.summary_in("nl") != method.summary_in("en")
            for rule in method.rules:
                assert rule.summary_in("nl") != rule.summary_in("en"), rule.code
                assert dutch_prose(rule.summary_in("nl")), rule.summary_in("nl")
            for described in (method.roles, method.phases, method.meetings, method.stages):
                for ident, text in described.items():
                    assert isinstance(text, dict) and set(text) == {"en", "nl"}, ident
                    assert dutch_prose(text["nl"]), text["nl"]

        return test_the_method_and_its_rules_are_described_in_dutch_and_english

    def kept_rule_test(self, keeps: Params) -> Test:
        """Each of ``keeps`` (rule, changes) leaves ``good`` without a finding of that rule."""
        method, good = self.method, self.good

        @pytest.mark.parametrize(("rule", "changes"), keeps)
        def test_a_kept_rule_is_silent(rule, changes):
            text = edit(good, *changes)
            assert headlines(findings(text, f"{method.id}/{rule}")) == []

        return test_a_kept_rule_is_silent

    def every_rule_test(self, breaks: Params, keeps: Params) -> Test:
        """The guard that ``breaks`` and ``keeps`` each cover every rule of the method, and no other."""
        method = self.method

        def test_every_rule_is_broken_and_kept_above():
            broken = {p.values[0] for p in breaks}
            kept = {p.values[0] for p in keeps}
            assert broken == kept == {r.code for r in method.rules}

        return test_every_rule_is_broken_and_kept_above

    def bundled_recipe_test(self, file_name: str) -> Test:
        """The method's recipe in recipes/ checks clean."""
        method, bundled = self.method, RECIPES / file_name

        def test_the_bundled_recipe_is_clean():
            text = bundled.read_text(encoding="utf-8")
            assert parse(text, str(bundled)).method == method.id  # `method:` or `methode:`
            assert headlines(check_text(text, builtins=True, path=str(bundled))) == []

        return test_the_bundled_recipe_is_clean

    def base_recipe_test(self) -> Test:
        """``methodengine new`` writes the method's base recipe, and it checks clean."""
        method = self.method

        def test_new_writes_the_base_recipe_and_it_is_clean(monkeypatch):
            result = run_cli(monkeypatch, "new", method.id, "-o", "-")
            assert result.exit_code == 0
            assert result.stdout == method.base_recipe
            assert headlines(check_text(result.stdout, builtins=True)) == []

        return test_new_writes_the_base_recipe_and_it_is_clean

    def needed_ids_test(self, kinds: Sequence[str], needed_ids: set[str]) -> Test:
        """The rules need ``needed_ids`` among the method's ``kinds`` ("roles", "phases", "meetings", "stages").

        The base recipe uses every one of them, and the method documents each.
        """
        method = self.method

        def test_new_uses_every_id_the_rules_need():
            found = check_text(method.base_recipe, builtins=True)
            assert [d for d in found if d.code == "method-expects-id"] == []
            needed = {i for r in method.rules for kind in kinds for i in getattr(r, f"needs_{kind}")}
            assert needed == needed_ids
            documented = {i for kind in kinds for i in getattr(method, kind)}
            assert needed <= documented, "every needed id is documented"

        return test_new_uses_every_id_the_rules_need

    def missing_id_test(self, missing: Params, role_stand_in: str | None = None) -> Test:
        """Each of ``missing`` (kind, id, skipped rules, changes) takes one id from ``good``.

        A role's id is replaced everywhere by ``role_stand_in``, so the recipe keeps the role.
        """
        method, good = self.method, self.good

        @pytest.mark.parametrize(("kind", "ident", "skipped", "changes"), missing)
        def test_a_missing_id_is_a_warning_naming_it_and_the_skipped_rules(kind, ident, skipped, changes):
            text = edit(good, *changes)
            if kind == "role":
                assert role_stand_in is not None, "a module whose MISSING takes a role id names its stand-in"
                text = text.replace(ident, role_stand_in)
            assert_missing_id(method, text, kind, ident, skipped)

        return test_a_missing_id_is_a_warning_naming_it_and_the_skipped_rules
