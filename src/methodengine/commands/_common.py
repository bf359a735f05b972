"""What the commands share: reading recipes, the plugins, and errors raised for the CLI to report.

No command prints an error and exits by itself: each raises an exception
that carries its exit code (a ``MethodengineError`` or a click exception),
and ``methodengine.cli`` reports it in one place.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from methodengine.i18n import LANGUAGES, _, message_language

if TYPE_CHECKING:
    from os import PathLike

    from methodengine.diagnostics import Diagnostic
    from methodengine.errors import RecipeError
    from methodengine.hooks.manager import Plugins
    from methodengine.model import Recipe

EXIT_RECIPE_ERRORS = 1
EXIT_INTERNAL = 70

_F = TypeVar("_F", bound=Callable[..., Any])


RECIPE_META = "methodengine.recipe"
"""The key under which ``recipe_file`` notes the recipe in ``click.Context.meta``.

The CLI names that file before a finding without a place (no dates fit the recipe).
"""


def recipe_file(command: _F) -> _F:
    """``FILE``, the recipe a command reads, as a ``pathlib.Path``.

    pathlib is imported only by the commands that take one: ``check`` keeps
    its paths as the text given, and the functions here take either.
    """
    from pathlib import Path

    return click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path), callback=_noted_recipe)(
        command
    )


def _noted_recipe(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    ctx.meta[RECIPE_META] = str(value)
    return value


class Failed(click.ClickException):
    """A command that cannot go on, said in the command's own words on stderr (exit 1)."""

    exit_code = EXIT_RECIPE_ERRORS

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.message, err=True)


def read_text(path: str | PathLike[str]) -> tuple[str, str | RecipeError]:
    """A recipe file read once (it may be a pipe): the text to show, and the text to parse or why there is none.

    The text shown back never echoes a NUL or an undecodable byte into the
    terminal. A file that cannot be read (or a FIFO no program writes to) is
    a usage error; one larger than ``limits.MAX_RECIPE_BYTES``, or not
    UTF-8 text, a recipe error.
    """
    from methodengine.errors import RecipeError
    from methodengine.language.parsing import decode
    from methodengine.language.reading import read_limited

    try:
        data = read_limited(path)
    except RecipeError as exc:
        return "", exc  # nothing of it is shown: it may be megabytes of anything
    except OSError as exc:
        raise click.UsageError(_("cannot read {path}: {reason}", path=path, reason=exc.strerror or exc)) from None
    try:
        text = decode(data, str(path))
    except RecipeError as exc:
        return str(exc.source or ""), exc
    return text, text  # valid UTF-8 without NUL: shown as it is


def read_recipe(path: str | PathLike[str]) -> tuple[str, Recipe | RecipeError]:
    """A recipe file read once: the text to show, and the recipe or its error."""
    from methodengine.errors import RecipeError
    from methodengine.language.parsing import parse

    shown, text = read_text(path)
    if isinstance(text, RecipeError):
        return shown, text
    try:
        return shown, parse(text, str(path))
    except RecipeError as exc:
        return shown, exc


def plugins() -> Plugins:
    """This process's plugins, with what went wrong loading them reported, and traced if asked."""
    from methodengine.hooks.manager import TRACE_ENV, get_plugins

    loaded = get_plugins()
    if os.environ.get(TRACE_ENV) == "1" and loaded.trace is None:
        loaded.trace = _trace
    report_plugin_diagnostics(loaded)
    return loaded


def report_plugin_diagnostics(loaded: Plugins) -> None:
    """Show, on stderr, what went wrong with the plugins since the last time: each finding once."""
    report_diagnostics(loaded.unreported())


def report_diagnostics(found: Iterable[Diagnostic]) -> None:
    """Findings about the tool, not a recipe (a plugin, the cache), on stderr: ``methodengine: SEVERITY: ...``."""
    from methodengine._terminal import shown

    label = _("hint")
    for diagnostic in found:
        lines = [f"methodengine: {diagnostic.severity}: {diagnostic.message}"]
        if diagnostic.hint:
            lines.append(f"  {label}: {diagnostic.hint}")
        click.echo(shown("\n".join(lines)), err=True)


def _trace(line: str) -> None:
    from methodengine._terminal import shown

    click.echo(shown(f"methodengine: trace: {line}"), err=True)


def sources(path: str | PathLike[str], text: str, loaded: Plugins | None) -> dict[str | None, str]:
    """Texts by path, so that diagnostics inside a method's base recipe show their line too."""
    from methodengine.hooks.manager import base_recipe_path

    found: dict[str | None, str] = {str(path): text}
    if loaded is not None:
        for method in loaded.methods().values():
            found[base_recipe_path(method)] = method.base_recipe
    return found


def echo_diagnostics(diagnostics: list[Diagnostic], texts: dict[str | None, str], err: bool = False) -> None:
    from methodengine.diagnostics import render

    for diagnostic in diagnostics:
        click.echo(render(diagnostic, texts), err=err)


def resolved_recipe(path: str | PathLike[str], loaded: Plugins | None = None) -> Recipe:
    """The recipe with its method applied; raises ``RecipeError`` or ``RecipeCheckError`` (exit 1) on errors.

    The method is applied once: the checks run on the resolved recipe, which is returned.
    """
    from methodengine.checking.resolution import checked
    from methodengine.errors import RecipeCheckError, RecipeError

    text, recipe = read_recipe(path)
    if isinstance(recipe, RecipeError):
        raise RecipeError.from_diagnostics(recipe.diagnostics, {str(path): text})
    loaded = loaded or plugins()
    resolved, diagnostics = checked(recipe, loaded)
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        raise RecipeCheckError(
            errors,
            sources(path, text, loaded),
            path=str(path),
            note=_("{path}: fix the errors above first (`methodengine check {path}` shows warnings too)", path=path),
        )
    return resolved.recipe


def output_language(lang: str | None, recipe: Recipe) -> str:
    """The language of the cards or the schedule: ``--lang``, else the recipe's ``language:``, else that of its
    keywords (a recipe written in Dutch keywords gets Dutch cards), else the language of the messages."""
    for language in (lang, recipe.language, recipe.keyword_language):
        if language in LANGUAGES:
            return language
    return message_language()


def fail(message: str) -> NoReturn:
    """Stop the command with ``message`` on stderr and exit 1."""
    raise Failed(message)
