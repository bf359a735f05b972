"""Reading recipe text and files into the model: ``parse``, ``parse_with_diagnostics``, ``load``.

The text goes through the lexer (lines to tokens), lark's LALR table for
recipe.lark (tokens to blocks) and the builder (blocks to the model). Every
syntax error is collected rather than raised at once, so ``parse`` can
report them all and ``parse_with_diagnostics`` can also hand back what could
be read. The parse table is loaded (or built and cached) on first use, not on
import, so that commands which never read a recipe never pay for it.
"""

from __future__ import annotations

import gc
import os
import re
import threading
from collections.abc import Callable
from operator import attrgetter

from methodengine.diagnostics import Diagnostic
from methodengine.errors import RecipeEncodingError, RecipeError, RecipeSyntaxError
from methodengine.i18n import _
from methodengine.model import Position, Recipe

_lock = threading.Lock()
_state: dict[str, object] = {}
_COMMENT_LINE = re.compile(r"(?m)^[ \t]*#[^\n]*")


class _TooManyErrors(Exception):  # noqa: N818 (a signal, not an error)
    """More syntax errors than one file reports (``MAX_SYNTAX_ERRORS``): stop reading it."""


def _table():  # type: ignore[no-untyped-def]
    table = _state.get("table")
    if table is None:
        with _lock:
            table = _state.get("table")
            if table is None:
                from methodengine.language.parser import load_table

                table = _state["table"] = load_table()
    return table


def _read(text: str, path: str | None) -> tuple[Recipe | None, list[RecipeError]]:
    """The recipe and the errors met reading it, in the order of the file, at most MAX_SYNTAX_ERRORS.

    The garbage collector is paused meanwhile: building a large recipe allocates enough objects
    to set off full collections that go over everything built so far, so that the cost grew
    faster than the recipe; what is built here holds no reference cycles for it to find.
    """
    from methodengine._suggest import reading

    enabled = gc.isenabled()
    gc.disable()
    try:
        with reading(text):  # a message's suggestions and examples are in the recipe's keyword language
            return _read_text(text, path)
    finally:
        if enabled:
            gc.enable()


def _read_text(text: str, path: str | None) -> tuple[Recipe | None, list[RecipeError]]:
    from methodengine.language.builder import RecipeBuilder
    from methodengine.language.keys import keyword_language
    from methodengine.language.lexer import Line, title_key, tokenize
    from methodengine.language.totals import check_totals
    from methodengine.limits import MAX_SYNTAX_ERRORS

    # The lexer's errors and the builder's are counted apart: the lexer reads the whole file before
    # the builder starts, so one shared count could stop at the lexer's 50th error and never hear of
    # the builder's earlier ones. Past the bound either stops; what both found before that is kept.
    lexed: list[RecipeError] = []
    errors: list[RecipeError] = []

    def bounded(found: list[RecipeError]) -> Callable[[RecipeError], None]:
        def report(error: RecipeError) -> None:
            found.append(error)
            if len(found) > MAX_SYNTAX_ERRORS:
                raise _TooManyErrors

        return report

    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    recipe = None
    try:
        tokens = tokenize(text, path, bounded(lexed))
    except _TooManyErrors:
        cut = lexed[-1].position
        assert cut is not None
        head = "\n".join(text.split("\n")[: cut.line - 1])
        tokens = tokenize(head, path, lambda error: None)  # the lines before the last error, again
    try:
        if not tokens and (not lexed or not _COMMENT_LINE.sub("", text).strip()):
            return None, [
                RecipeSyntaxError(
                    _("the recipe is empty"),
                    Position(path, 1, 1),
                    hint=_("a recipe has at least a title: {line}", line=f"`{title_key()}: Incidentmethode`"),
                )
            ]
        report = bounded(errors)
        # What the builder asks of the list: whether anything was reported yet, the lexer's errors counting.
        builder = RecipeBuilder(path, report, lexed or errors)
        builder.keyword_language = keyword_language(map(attrgetter("key"), tokens))

        def on_error(token: Line, expected: set[str], unfinished: Line | None) -> None:
            from methodengine.language.syntax_errors import unexpected_line

            error = builder.head_error(unfinished) if unfinished is not None else None
            report(error or unexpected_line(token, expected, unfinished, path))

        end = Line("$END", text.count("\n") + 1, 1, "")
        recipe = _table().parse(tokens, builder.callbacks(), on_error, end)
        if recipe is not None:
            check_totals(recipe)
    except _TooManyErrors:
        recipe = None
    except RecipeError as error:
        errors.append(error)
        recipe = None
    found = sorted([*lexed, *errors], key=_place)
    if len(found) > MAX_SYNTAX_ERRORS:
        return None, [*found[: MAX_SYNTAX_ERRORS - 1], _stopped(found[MAX_SYNTAX_ERRORS - 1], MAX_SYNTAX_ERRORS - 1)]
    return recipe, found


def _stopped(first_left_out: RecipeError, shown: int) -> RecipeError:
    """The last error shown when there are too many: where the ones not shown start, and that there are more."""
    return RecipeSyntaxError(
        _("too many syntax errors: the first {count} are shown, not the ones from here on", count=shown),
        first_left_out.position,
        hint=_("fix the errors above and check again to see the rest"),
    )


def _place(error: RecipeError) -> tuple[int, int]:
    position = error.position
    return (position.line, position.column) if position is not None else (0, 0)


def parse(text: str, path: str | os.PathLike[str] | None = None) -> Recipe:
    """Read a recipe from text. Raises RecipeError, never anything else, on bad input.

    The error holds every syntax error of the file (``diagnostics``), the first as its message.
    ``path`` is only used in positions, so that messages name the file.
    """
    name = os.fspath(path) if path is not None else None
    recipe, errors = _read(text, name)
    if errors:
        diagnostics = [d for error in errors for d in error.diagnostics]
        raise type(errors[0]).from_diagnostics(diagnostics, text)
    assert recipe is not None
    return recipe


def parse_with_diagnostics(
    text: str, path: str | os.PathLike[str] | None = None
) -> tuple[Recipe | None, list[Diagnostic]]:
    """The recipe and every syntax error found, for `check` and editors, which show them all at once.

    The recipe is the best that could be built: a block with an error is left
    out (never guessed at), so the checks that still make sense can run on the
    rest. It is None when no recipe could be built at all (no title, a limit
    passed, more syntax errors than ``MAX_SYNTAX_ERRORS``: then the last
    diagnostic says that the ones after it are not shown). Never raises RecipeError.
    """
    name = os.fspath(path) if path is not None else None
    recipe, errors = _read(text, name)
    return recipe, [d for error in errors for d in error.diagnostics]


def load(path: str | os.PathLike[str]) -> Recipe:
    """Read a recipe file. Raises RecipeError for a file that is not UTF-8 text or is too large.

    OSError (a missing or unreadable file, a FIFO no program writes to) is
    left to the caller, which knows whether that is a usage error.
    """
    from methodengine.language.reading import read_limited

    name = os.fspath(path)
    data = read_limited(name)
    return parse(decode(data, name), name)


def decode(data: bytes, path: str | None = None) -> str:
    """UTF-8 text from bytes, or a RecipeEncodingError pointing at the first bad byte."""
    shown = data.decode("utf-8", errors="replace").replace("\0", "\ufffd")
    if b"\0" in data:
        line, column = _locate(data, data.index(b"\0"))
        error = RecipeEncodingError(
            _("this is not a text file (it contains NUL bytes)"),
            Position(path, line, column),
            hint=_("a recipe is a plain UTF-8 text file, usually ending in .mth"),
        )
        error.source = shown
        raise error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _locate(data, exc.start)
        error = RecipeEncodingError(
            _("this file is not UTF-8 text (byte {byte} cannot be read)", byte=f"0x{data[exc.start]:02x}"),
            Position(path, line, column),
            hint=_("save the file as UTF-8 in your editor (Windows-1252 and Latin-1 are common culprits)"),
        )
        error.source = shown
        raise error from None


def _locate(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    column = len(before[start:].decode("utf-8", errors="replace")) + 1
    return line, column
