"""What the commands share: reading recipes, reporting, exit codes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from methodengine.diagnostics import Diagnostic
    from methodengine.errors import RecipeError
    from methodengine.hooks.manager import Plugins
    from methodengine.model import Recipe
    from methodengine.planning.dated_plan import ScheduleError

EXIT_RECIPE_ERRORS = 1
EXIT_INTERNAL = 70

recipe_file = click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))


def read_recipe(path: Path) -> tuple[str, Recipe | RecipeError]:
    """A recipe file read once (it may be a pipe): the text to show, and the recipe or its error.

    The text shown back never echoes a NUL or an undecodable byte into the
    terminal. A file that cannot be read (or a FIFO no program writes to) is
    a usage error; one larger than ``limits.MAX_RECIPE_BYTES`` a recipe error.
    """
    from methodengine.errors import RecipeError
    from methodengine.language.parsing import decode, parse
    from methodengine.language.reading import read_limited

    try:
        data = read_limited(path)
    except RecipeError as exc:
        return "", exc  # nothing of it is shown: it may be megabytes of anything
    except OSError as exc:
        raise click.UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    shown = data.decode("utf-8", errors="replace").replace("\0", "\ufffd")
    try:
        return shown, parse(decode(data, str(path)), str(path))
    except RecipeError as exc:
        return shown, exc


def sources(path: Path, text: str, plugins: Plugins | None) -> dict[str | None, str]:
    """Texts by path, so that diagnostics inside a method's base recipe show their line too."""
    from methodengine.hooks.manager import base_recipe_path

    found: dict[str | None, str] = {str(path): text}
    if plugins is not None:
        for method in plugins.methods().values():
            found[base_recipe_path(method)] = method.base_recipe
    return found


def echo_diagnostics(diagnostics: list[Diagnostic], texts: dict[str | None, str], err: bool = False) -> None:
    from methodengine.diagnostics import render

    for diagnostic in diagnostics:
        click.echo(render(diagnostic, texts), err=err)


def resolved_or_exit(path: Path) -> Recipe:
    """The recipe with its method applied; on errors, report them on stderr and exit 1."""
    from methodengine.checking.resolution import check, resolve
    from methodengine.errors import RecipeError
    from methodengine.hooks.manager import get_plugins

    text, recipe = read_recipe(path)
    if isinstance(recipe, RecipeError):
        echo_diagnostics([recipe.diagnostic], {str(path): text}, err=True)
        sys.exit(EXIT_RECIPE_ERRORS)
    plugins = get_plugins()
    errors = [d for d in check(recipe, plugins) if d.is_error]
    if errors:
        echo_diagnostics(errors, sources(path, text, plugins), err=True)
        fail(f"{path}: fix the errors above first (`methodengine check {path}` shows warnings too)")
    return resolve(recipe, plugins).recipe


def fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(EXIT_RECIPE_ERRORS)


def parsed_option(parse: Any, value: Any, name: str) -> Any:
    """An option value parsed by ``parse``; one that does not parse is a usage error (exit 2) that says why."""
    try:
        return parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint=f"'{name}'") from None


def schedule_failed(path: Path, exc: ScheduleError) -> NoReturn:
    """A dated plan that cannot be made: a usage error (exit 2) when the options are at fault, else exit 1."""
    if exc.usage:
        raise click.UsageError(str(exc)) from None
    fail(f"{path}: error: {exc.message}" + (f"\n  hint: {exc.hint}" if exc.hint else ""))
