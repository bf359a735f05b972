"""``methodengine check``: report every problem in one or more recipes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from methodengine.commands._common import EXIT_RECIPE_ERRORS, echo_diagnostics, plugins, read_text, sources
from methodengine.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from methodengine.diagnostics import Diagnostic


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "short", "json"]),
    default="text",
    show_default=True,
    help=N_("text: each finding with its line, a caret and a hint; short: one line each; json: a list of objects."),
)
def check(files: tuple[str, ...], fmt: str) -> None:
    """Check recipes and report every problem found.

    Each finding starts with FILE:LINE:COL: severity: message, the form
    editors and CI understand. Exits 1 if any recipe has errors.

    \b
    Examples:
      methodengine check recipes/incidentmethode.mth
      methodengine check --format short recipes/*.mth
    """
    from methodengine.checking.resolution import check as run_checks
    from methodengine.errors import RecipeError
    from methodengine.hooks.manager import plugin_scope
    from methodengine.language.parsing import parse_with_diagnostics

    loaded = plugins()  # once, however many files
    results: list[tuple[str, dict[str | None, str], list[Diagnostic]]] = []
    with plugin_scope():  # set up once for every plugin call of every file; nothing is printed until after
        for path in files:
            shown, text = read_text(path)
            if isinstance(text, RecipeError):
                results.append((path, {str(path): shown}, list(text.diagnostics)))
                continue
            # Every syntax error first (a trainer fixes the text before its meaning); then, if enough of
            # the recipe could be read, the checks over what was.
            recipe, diagnostics = parse_with_diagnostics(text, str(path))
            if recipe is not None:
                diagnostics += run_checks(recipe, loaded, recovered=bool(diagnostics))  # read past syntax errors
            results.append((path, sources(path, shown, loaded), diagnostics))

    found = [d for _path, _texts, diagnostics in results for d in diagnostics]
    errors = sum(d.is_error for d in found)
    if fmt == "json":
        import json

        rows = [_as_json(path, d) for path, _, diagnostics in results for d in diagnostics]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for _path, texts, diagnostics in results:
            if fmt == "short":
                for d in diagnostics:
                    click.echo(d.headline())
            else:
                echo_diagnostics(diagnostics, texts)
        failed = sum(d.is_error for d in loaded.diagnostics)  # a plugin skipped: its rules did not run
        click.echo(_summary(len(files), errors, len(found) - errors, failed), err=fmt == "short")
    if errors:
        click.get_current_context().exit(EXIT_RECIPE_ERRORS)


def _summary(files: int, errors: int, warnings: int, plugin_problems: int = 0) -> str:
    """One line; "no problems" is not said plainly when a plugin failed, since its checks did not all run."""
    if errors or warnings:
        found = ", ".join(
            (
                ngettext("{count} error", "{count} errors", errors),
                ngettext("{count} warning", "{count} warnings", warnings),
            )
        )
    else:
        found = _("no problems")
    if plugin_problems:
        problems = ngettext("{count} plugin problem", "{count} plugin problems", plugin_problems)
        found = _("{found}; {problems} (said below), so not every check may have run", found=found, problems=problems)
    return ngettext("checked {count} recipe: {found}", "checked {count} recipes: {found}", files, found=found)


def _as_json(path: str, d: Diagnostic) -> dict[str, object]:
    pos = d.position
    return {
        "file": pos.path if pos and pos.path else str(path),
        "line": pos.line if pos else None,
        "column": pos.column if pos else None,
        "severity": str(d.severity),
        "code": d.code,
        "message": d.message,
        "hint": d.hint,
        "source": d.source,
        "related": [
            {
                "file": r.position.path or str(path),
                "line": r.position.line,
                "column": r.position.column,
                "message": r.message,
            }
            for r in d.related
        ],
    }
