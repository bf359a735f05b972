"""The ``methodengine`` command.

Exit codes: 0 ok, 1 a recipe has errors, 2 usage errors (click's own),
70 an internal error, reported in one line instead of a traceback.
Each command imports what it needs inside its body, to keep start-up small.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from methodengine import __version__

EXIT_RECIPE_ERRORS = 1
EXIT_INTERNAL = 70


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as exc:
            click.echo(
                f"methodengine: internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in methodengine; please report it with the recipe and command that caused it.",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="methodengine")
def main() -> None:
    """Check session-method recipes and print facilitator cards.

    \b
    Examples:
      methodengine check recipes/*.mth
      methodengine cards recipes/incidentmethode.mth
    """


def _read(path: Path) -> str:
    """The text of a recipe file; a file that cannot be opened is a usage error."""
    try:
        return path.read_bytes().decode("utf-8", errors="surrogateescape")
    except OSError as exc:
        raise click.UsageError(f"cannot read {path}: {exc.strerror or exc}") from None


def _load(path: Path):  # type: ignore[no-untyped-def]
    from methodengine.parsing import decode, parse

    data = path.read_bytes() if path.is_file() else None
    if data is None:
        raise click.UsageError(f"{path} is not a file")
    return parse(decode(data, str(path)), str(path))


_recipe_paths = click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)


@main.command()
@_recipe_paths
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "short", "json"]),
    default="text",
    show_default=True,
    help="text: each finding with its line, a caret and a hint; short: one line each; json: a list of objects.",
)
def check(files: tuple[Path, ...], fmt: str) -> None:
    """Check recipes and report every problem found.

    Each finding starts with FILE:LINE:COL: severity: message, the form
    editors and CI understand. Exits 1 if any recipe has errors.

    \b
    Examples:
      methodengine check recipes/incidentmethode.mth
      methodengine check --format short recipes/*.mth
    """
    from methodengine.checks import check as run_checks
    from methodengine.diagnostics import render
    from methodengine.errors import RecipeError

    results = []
    for path in files:
        text = _read(path)
        try:
            recipe = _load(path)
        except RecipeError as exc:
            results.append((path, text, [exc.diagnostic]))
            continue
        results.append((path, text, run_checks(recipe)))

    errors = sum(d.is_error for _, _, found in results for d in found)
    warnings = sum(not d.is_error for _, _, found in results for d in found)
    if fmt == "json":
        import json

        rows = [_as_json(path, d) for path, _, found in results for d in found]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for _, text, found in results:
            for diagnostic in found:
                click.echo(diagnostic.headline() if fmt == "short" else render(diagnostic, text))
        click.echo(_summary(len(files), errors, warnings), err=fmt == "short")
    if errors:
        sys.exit(EXIT_RECIPE_ERRORS)


def _summary(files: int, errors: int, warnings: int) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    found = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}" if errors or warnings else "no problems"
    return f"checked {plural(files, 'recipe')}: {found}"


def _as_json(path: Path, d: object) -> dict[str, object]:
    from methodengine.diagnostics import Diagnostic

    assert isinstance(d, Diagnostic)
    pos = d.position
    return {
        "file": str(path),
        "line": pos.line if pos else None,
        "column": pos.column if pos else None,
        "severity": str(d.severity),
        "code": d.code,
        "message": d.message,
        "hint": d.hint,
        "source": d.source,
    }


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def cards(file: Path) -> None:
    """Print the facilitator cards for a recipe.

    For now this prints the overview card: title, roles with their counts,
    and the agenda with each time box and the total.

    \b
    Example:
      methodengine cards recipes/incidentmethode.mth
    """
    from methodengine.checks import check as run_checks
    from methodengine.diagnostics import render
    from methodengine.errors import RecipeError
    from methodengine.overview import render_overview

    text = _read(file)
    try:
        recipe = _load(file)
    except RecipeError as exc:
        click.echo(render(exc.diagnostic, text), err=True)
        sys.exit(EXIT_RECIPE_ERRORS)
    problems = [d for d in run_checks(recipe) if d.is_error]
    if problems:
        for d in problems:
            click.echo(render(d, text), err=True)
        click.echo(f"{file}: fix the errors above before printing cards", err=True)
        sys.exit(EXIT_RECIPE_ERRORS)
    click.echo(render_overview(recipe), nl=False)
