"""Finding the grammar and building its LALR parser once per machine.

Building the parse tables takes far longer than parsing a recipe, so the
built parser is pickled into the user's cache directory (never into
site-packages, which may be read-only) under a key made of the grammar text,
lark's version and Python's, and reloaded from there on every later run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from lark import Lark, Token
from lark.indenter import Indenter

from methodengine._cache import cache_dir
from methodengine.errors import RecipeSyntaxError
from methodengine.model import Position

if TYPE_CHECKING:
    from lark import Transformer

_HERE = Path(__file__).resolve().parent


def grammar_path() -> Path:
    """The grammar file: inside the wheel, or at the top of a source checkout."""
    shipped = _HERE / "grammar" / "recipe.lark"
    if shipped.is_file():
        return shipped
    return _HERE.parent.parent / "grammar" / "recipe.lark"


class _IndentPostLexer(Indenter):
    """lark's Indenter, with errors that say where and what to do.

    It refuses tabs in indentation (their width is a matter of taste, and a
    recipe's meaning must not be) and reports a dedent to no open level at
    the offending line rather than at the end of the previous one.
    """

    NL_type = "_NL"
    OPEN_PAREN_types: ClassVar[list[str]] = []
    CLOSE_PAREN_types: ClassVar[list[str]] = []
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"
    tab_len = 8

    path: str | None = None

    def handle_NL(self, token: Token) -> Iterator[Token]:  # noqa: N802 (lark's name)
        yield token
        indent_str = token.rsplit("\n", 1)[1]
        line = (token.end_line or token.line or 1) if "\n" in token else token.line or 1
        if "\t" in indent_str:
            raise RecipeSyntaxError(
                "tab in indentation",
                Position(self.path, line, indent_str.index("\t") + 1),
                hint="indent with spaces only (two per level is usual); set your editor to insert spaces for tabs",
            )
        indent = len(indent_str)
        where = {"start_pos": token.end_pos, "line": line, "column": indent + 1}
        if indent > self.indent_level[-1]:
            self.indent_level.append(indent)
            yield Token(self.INDENT_type, indent_str, end_line=line, end_column=indent + 1, **where)
            return
        open_levels = ", ".join(str(level) for level in self.indent_level)
        while indent < self.indent_level[-1]:
            self.indent_level.pop()
            yield Token(self.DEDENT_type, indent_str, end_line=line, end_column=indent + 1, **where)
        if indent != self.indent_level[-1]:
            raise RecipeSyntaxError(
                f"this line is indented {indent} spaces, which matches no open block",
                Position(self.path, line, indent + 1),
                hint=f"indent it as far as the lines it belongs with: open levels are {open_levels} spaces",
            )


def build_parser(transformer: Transformer[Any, Any], postlex: _IndentPostLexer) -> Lark:
    """The LALR parser with the builder inlined, loaded from the cache when it is there.

    lark keys its cache on the grammar text, the options, its own version and
    Python's, and rebuilds (and rewrites) the cache file when any differ or
    the file cannot be read.
    """
    grammar = grammar_path().read_text(encoding="utf-8")
    options: dict[str, Any] = {"transformer": transformer, "postlex": postlex}
    cache: str | bool = False
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if os.access(directory, os.W_OK):
            cache = str(directory / f"recipe-lark{sys.version_info[0]}{sys.version_info[1]}.cache")
    except OSError:
        pass  # an unwritable cache only costs speed
    return Lark(grammar, parser="lalr", lexer="contextual", maybe_placeholders=False, cache=cache, **options)
