"""What the commands share: reading recipes, reporting, exit codes, atomic writes."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from methodengine.diagnostics import Diagnostic
    from methodengine.model import Recipe
    from methodengine.plugins import Plugins
    from methodengine.schedule import ScheduleError

EXIT_RECIPE_ERRORS = 1
EXIT_INTERNAL = 70

recipe_file = click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))


def read_text(path: Path) -> str:
    """The text of a recipe file, undecoded bytes kept; unreadable is a usage error."""
    try:
        # Shown back to the user: never echo a NUL or an undecodable byte into the terminal.
        return path.read_bytes().decode("utf-8", errors="replace").replace("\0", "\ufffd")
    except OSError as exc:
        raise click.UsageError(f"cannot read {path}: {exc.strerror or exc}") from None


def load_recipe(path: Path) -> Recipe:
    """Parse a recipe file; raises RecipeError, or UsageError if it cannot be read."""
    from methodengine.parsing import decode, parse

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise click.UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    return parse(decode(data, str(path)), str(path))


def sources(path: Path, text: str, plugins: Plugins | None) -> dict[str | None, str]:
    """Texts by path, so that diagnostics inside a method's base recipe show their line too."""
    from methodengine.plugins import base_recipe_path

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
    from methodengine.errors import RecipeError
    from methodengine.plugins import get_plugins
    from methodengine.resolve import check, resolve

    text = read_text(path)
    try:
        recipe = load_recipe(path)
    except RecipeError as exc:
        echo_diagnostics([exc.diagnostic], {str(path): text}, err=True)
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


def write_atomically(target: Path, data: str | bytes) -> None:
    """Write a file so that it is either whole or untouched, never half-written."""
    import tempfile

    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
