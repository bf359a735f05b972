"""``methodengine fmt``: rewrite recipes in the canonical layout, their keywords in one language.

A file that does not parse is never touched: its errors are shown as
``check`` shows them (exit 1). Only files whose text changes are written,
each whole or not at all (``commands/_output``), so that an editor or a
version-control tool sees no change where there is none.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from methodengine.commands._common import EXIT_RECIPE_ERRORS, echo_diagnostics, read_text
from methodengine.i18n import _, ngettext

if TYPE_CHECKING:
    from methodengine.errors import RecipeError
    from methodengine.model import Recipe

STDIN = "-"


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing: name each file that would change, and exit 1 if any would.",
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(["nl", "en"]),
    default=None,
    help="Write keywords, keys and value words in Dutch or English (default: the language most of the recipe is in).",
)
def fmt(files: tuple[str, ...], check_only: bool, language: str | None) -> None:
    """Rewrite recipes in the canonical layout, their keywords in one language.

    Two spaces per level, one blank line between blocks, the keys of a
    block in their usual order (script lines keep theirs), comments kept.
    Titles, names and texts are never changed. `-` reads standard input
    and writes the result to standard output.

    \b
    Examples:
      methodengine fmt recipes/*.mth
      methodengine fmt --check recipes/*.mth
      methodengine fmt --lang en mijn-intervisie.mth
    """
    from methodengine.i18n import language_from_environment, use_language

    # This --lang is the language of the keywords written, not of what fmt says: that stays the
    # reader's (`methodengine --lang nl fmt`, METHODENGINE_LANG, the locale), as for every command.
    ctx = click.get_current_context()
    with use_language(ctx.meta.get(_GROUP_LANGUAGE) or language_from_environment()):
        _fmt(files, check_only, language)


_GROUP_LANGUAGE = "methodengine.lang"
"""Where the CLI keeps a ``--lang`` given before the command (``cli._GROUP_LANGUAGE``)."""


def _fmt(files: tuple[str, ...], check_only: bool, language: str | None) -> None:
    from pathlib import Path

    from methodengine.commands._output import check_output, write_output, write_stdout

    to_stderr = STDIN in files  # standard output holds the recipe then
    changed = unchanged = failed = 0
    for path in files:
        shown, text = _read(path)
        if not isinstance(text, str):
            echo_diagnostics(list(text.diagnostics), {path: shown}, err=True)
            failed += 1
            continue
        formatted = _formatted(text, path, language)
        if not isinstance(formatted, str):
            echo_diagnostics(list(formatted.diagnostics), {path: text}, err=True)
            failed += 1
            continue
        if path == STDIN and not check_only:
            write_stdout(formatted)
        if formatted == text:
            unchanged += 1
            continue
        changed += 1
        if check_only:
            click.echo(_("would reformat {file}", file=path), err=to_stderr)
        elif path != STDIN:
            check_output(Path(path))
            write_output(Path(path), formatted)
    click.echo(_summary(changed, unchanged, check_only, failed), err=to_stderr)
    if failed or (check_only and changed):
        click.get_current_context().exit(EXIT_RECIPE_ERRORS)


def _read(path: str) -> tuple[str, str | RecipeError]:
    """A file's text, or standard input's; unreadable is a usage error (exit 2), not UTF-8 a recipe error."""
    if path != STDIN:
        return read_text(path)
    from methodengine.errors import RecipeError
    from methodengine.language.parsing import decode
    from methodengine.language.reading import too_large
    from methodengine.limits import MAX_RECIPE_BYTES

    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(MAX_RECIPE_BYTES + 1) if stream is not None else sys.stdin.read().encode("utf-8")
    if len(data) > MAX_RECIPE_BYTES:
        return "", too_large(path)
    try:
        text = decode(data, path)
    except RecipeError as exc:
        return str(exc.source or ""), exc
    return text, text


def _formatted(text: str, path: str, language: str | None) -> str | RecipeError:
    """The text in the canonical layout, or the errors that keep it from being read (as `check` reports them)."""
    from methodengine.errors import RecipeError
    from methodengine.language.formatting import format_recipe
    from methodengine.language.parsing import parse

    try:
        recipe = parse(text, path)
    except RecipeError as exc:
        return exc
    return format_recipe(text, language or _keyword_language(recipe), _meeting_word(recipe))


def _keyword_language(recipe: Recipe) -> str | None:
    """The recipe's own keyword language, as the parser found it (None: let the formatter count)."""
    found = getattr(recipe, "keyword_language", None)
    return found if found in ("nl", "en") else None


def _meeting_word(recipe: Recipe) -> str | None:
    """The Dutch word for a meeting: the recipe's ``meeting-word``, else its method's, when the keywords know it.

    One-to-one coaching holds conversations (``gesprek``), a group meetings
    (``bijeenkomst``); a recipe that writes neither in Dutch yet gets its method's.
    """
    from methodengine.language._fmt_words import MEETING_WORDS

    found = getattr(recipe, "meeting_word", None)
    if not found and recipe.method:
        from methodengine.commands._common import plugins

        method = plugins().methods().get(recipe.method)
        found = method.meeting_words.get("nl") if method is not None else None
    word = found[0] if found else None
    return word if word in MEETING_WORDS else None


def _summary(changed: int, unchanged: int, check_only: bool, failed: int = 0) -> str:
    """One line, as ``ruff format`` says it: how many files changed (or would), were left, had errors."""
    if check_only:
        first = ngettext("{count} file would be reformatted", "{count} files would be reformatted", changed)
        second = ngettext("{count} file already formatted", "{count} files already formatted", unchanged)
    else:
        first = ngettext("{count} file reformatted", "{count} files reformatted", changed)
        second = ngettext("{count} file left unchanged", "{count} files left unchanged", unchanged)
    said = _("{changed}, {unchanged}", changed=first, unchanged=second)
    if failed:
        errors = ngettext("{count} file with errors, not rewritten", "{count} files with errors, not rewritten", failed)
        said = _("{changed}, {unchanged}", changed=said, unchanged=errors)
    return said
