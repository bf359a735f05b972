"""Reading recipe text and files into the model.

The parser is built (or loaded from the cache) on first use, not on import,
so that commands which never read a recipe never pay for it.
"""

from __future__ import annotations

import os
import re
import threading

from methodengine.diagnostics import Diagnostic
from methodengine.errors import RecipeEncodingError, RecipeError, RecipeSyntaxError
from methodengine.model import Position, Recipe

_lock = threading.Lock()
_state: dict[str, object] = {}

_COMMENT_LINE = re.compile(r"(?m)^[ \t]*#[^\n]*")


def _parser():  # type: ignore[no-untyped-def]
    if "parser" not in _state:
        from methodengine.language.builder import RecipeBuilder
        from methodengine.language.parser import _IndentPostLexer, build_parser

        builder, postlex = RecipeBuilder(), _IndentPostLexer()
        _state.update(parser=build_parser(builder, postlex), builder=builder, postlex=postlex)
    return _state["parser"], _state["builder"], _state["postlex"]


def _prepare(text: str, path: str | None) -> str:
    """Normalise newlines and blank out comment lines, keeping every position."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = _COMMENT_LINE.sub("", text)
    if not text.strip():
        raise RecipeSyntaxError(
            "the recipe is empty",
            Position(path, 1, 1),
            hint="a recipe has at least a title: `recipe: Incidentmethode`",
        )
    _refuse_lookalike_spaces(text, path)
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if line[0] in " \t":
                raise RecipeSyntaxError(
                    "the first line of a recipe is indented",
                    Position(path, number, 1),
                    hint="start top-level lines such as `recipe:` in the first column",
                )
            break
    return text if text.endswith("\n") else text + "\n"


_ODD_SPACE = re.compile(r"^[ \t]*([^\S\n \t]|[\u200b\u2060\ufeff])", re.MULTILINE)


def _refuse_lookalike_spaces(text: str, path: str | None) -> None:
    """A no-break space in the indentation would silently change the nesting: refuse it."""
    match = _ODD_SPACE.search(text)
    if match:
        from methodengine.language.syntax_errors import lookalike_error

        offset = match.start(1)
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        raise lookalike_error(match.group(1), Position(path, line, column))


def parse(text: str, path: str | os.PathLike[str] | None = None) -> Recipe:
    """Read a recipe from text. Raises RecipeError, never anything else, on bad input.

    ``path`` is only used in positions, so that messages name the file.
    """
    from lark.exceptions import UnexpectedInput, VisitError

    name = os.fspath(path) if path is not None else None
    try:
        prepared = _prepare(text, name)
        with _lock:
            parser, builder, postlex = _parser()
            builder.path = postlex.path = name  # type: ignore[attr-defined]
            try:
                return parser.parse(prepared)  # type: ignore[attr-defined,no-any-return]
            except UnexpectedInput as exc:
                from methodengine.language.syntax_errors import translate

                raise translate(exc, prepared, name) from None
            except VisitError as exc:
                if isinstance(exc.orig_exc, RecipeError):
                    raise exc.orig_exc from None
                raise
    except RecipeError as exc:
        exc.source = text
        raise


def parse_with_diagnostics(
    text: str, path: str | os.PathLike[str] | None = None
) -> tuple[Recipe | None, list[Diagnostic]]:
    """The recipe and every syntax error found, for `check` and editors, which show them all at once.

    Never raises RecipeError: a recipe that cannot be read is ``None`` with its diagnostics.
    """
    try:
        return parse(text, path), []
    except RecipeError as exc:
        return None, list(exc.diagnostics)


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
            "this is not a text file (it contains NUL bytes)",
            Position(path, line, column),
            hint="a recipe is a plain UTF-8 text file, usually ending in .mth",
        )
        error.source = shown
        raise error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _locate(data, exc.start)
        error = RecipeEncodingError(
            f"this file is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read)",
            Position(path, line, column),
            hint="save the file as UTF-8 in your editor (Windows-1252 and Latin-1 are common culprits)",
        )
        error.source = shown
        raise error from None


def _locate(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    column = len(before[start:].decode("utf-8", errors="replace")) + 1
    return line, column
