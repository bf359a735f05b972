"""One diagnostics channel: how a finding, its related places and an exception's exit code reach the user."""

from __future__ import annotations

import click
import pytest
from _cli import run

from methodengine.diagnostics import Related, error, render, warning
from methodengine.errors import (
    EXIT_RECIPE_ERRORS,
    EXIT_USAGE,
    MethodengineError,
    PlanError,
    RecipeCheckError,
    RecipeError,
    UsageError,
)
from methodengine.model import Position

TEXT = "recipe: X\nrole a: A\nrole a: B\n"


def test_a_finding_shows_its_line_then_the_other_places_it_concerns_then_the_hint():
    first = Position("r.mth", 2, 6)
    found = error(
        "duplicate role id `a`",
        Position("r.mth", 3, 6),
        "give each role an id of its own",
        related=[Related("the first is here", first)],
    )
    assert render(found, TEXT) == (
        "r.mth:3:6: error: duplicate role id `a`\n"
        "     3 | role a: B\n"
        "       |      ^\n"
        "  r.mth:2:6: the first is here\n"
        "  hint: give each role an id of its own"
    )


def test_a_finding_without_a_position_is_headed_by_the_file_it_is_about():
    found = warning("no date fits", None)
    assert render(found, None, "plan.mth") == "plan.mth: warning: no date fits"
    assert render(found) == "<recipe>: warning: no date fits"


def test_a_syntax_error_keeps_its_related_places_when_several_are_made_into_one_error():
    related = [Related("the first is on this line", Position("r.mth", 2, 1))]
    one = RecipeError("`role` is given twice", Position("r.mth", 3, 1), "keep one of the two", related=related)
    more = RecipeError.from_diagnostics([*one.diagnostics, error("another", Position("r.mth", 4, 1))])
    assert [d.related for d in more.diagnostics] == [tuple(related), ()]
    assert "  r.mth:2:1: the first is on this line" in str(more)


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        (RecipeError, EXIT_RECIPE_ERRORS),
        (RecipeCheckError, EXIT_RECIPE_ERRORS),
        (PlanError, EXIT_RECIPE_ERRORS),
        (UsageError, EXIT_USAGE),
    ],
)
def test_each_exception_carries_its_exit_code_and_the_cli_renders_it_in_one_place(kind, code, monkeypatch):
    from methodengine import cli

    diagnostic = error("it cannot be done", Position("r.mth", 3, 6), "do it otherwise")
    raised = (
        kind("it cannot be done", Position("r.mth", 3, 6), "do it otherwise", source=TEXT)
        if issubclass(kind, RecipeError)
        else kind([diagnostic], TEXT, note="r.mth: nothing written")
    )

    @click.command()
    def fails() -> None:
        raise raised

    monkeypatch.setitem(cli.COMMANDS, "fails", "tests_fails:fails")
    monkeypatch.setitem(__import__("sys").modules, "tests_fails", type("M", (), {"fails": fails}))
    result = run("fails")
    assert result.exit_code == code
    assert result.stdout == ""
    if kind is UsageError:
        assert (
            " fails [OPTIONS]\nTry " in result.stderr and "Error: r.mth:3:6: error: it cannot be done" in result.stderr
        )
    else:
        assert result.stderr.startswith("r.mth:3:6: error: it cannot be done\n     3 | role a: B\n       |      ^\n")
        assert "  hint: do it otherwise" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_methodengine_error_needs_a_diagnostic():
    with pytest.raises(ValueError, match="at least one diagnostic"):
        MethodengineError([])


def test_a_usage_error_about_no_file_says_only_why(monkeypatch):
    from methodengine import cli

    @click.command()
    def fails() -> None:
        raise UsageError([error("the labels are not compiled", None, "install the checkout")])

    monkeypatch.setitem(cli.COMMANDS, "fails", "tests_fails:fails")
    monkeypatch.setitem(__import__("sys").modules, "tests_fails", type("M", (), {"fails": fails}))
    result = run("fails")
    assert result.exit_code == EXIT_USAGE
    assert result.stderr.endswith("\nError: the labels are not compiled\n  hint: install the checkout\n")


def test_a_plan_error_without_a_place_is_headed_by_the_recipe_the_command_read(tmp_path, monkeypatch):
    from methodengine import cli
    from methodengine.commands._common import recipe_file

    @click.command()
    @recipe_file
    def fails(file) -> None:
        raise PlanError([error("no date fits", None, "choose another start")])

    monkeypatch.setitem(cli.COMMANDS, "fails", "tests_fails:fails")
    monkeypatch.setitem(__import__("sys").modules, "tests_fails", type("M", (), {"fails": fails}))
    path = tmp_path / "r.mth"
    path.write_text(TEXT, encoding="utf-8")
    result = run("fails", path)
    assert result.exit_code == EXIT_RECIPE_ERRORS
    assert result.stderr == f"{path}: error: no date fits\n  hint: choose another start\n"
