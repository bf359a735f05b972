"""Finding the grammar and building its LALR parser once per machine.

Building the parse tables takes far longer than parsing a recipe, so the
built parse table is kept in the user's cache directory (never in
site-packages, which may be read-only) under a key made of the grammar text,
lark's version and Python's, and reloaded from there on every later run. It
is stored as plain data, not a pickle, and read only from a folder and file
that nobody else can write (see ``_cache``).
"""

from __future__ import annotations

import hashlib
import marshal
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
    """The grammar file, which ships inside this package."""
    return _HERE / "recipe.lark"


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


_PLAIN = (str, int, bool, type(None), float)


def _is_plain(value: object) -> bool:
    """True when ``value`` is only dicts, lists, tuples, strings, numbers and None.

    marshal can also load code objects; they are never run, but a table that holds
    anything else is not one this module wrote, so it is not used.
    """
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is dict:
            stack.extend(item.keys())  # type: ignore[attr-defined]
            stack.extend(item.values())  # type: ignore[attr-defined]
        elif kind is list or kind is tuple:
            stack.extend(item)  # type: ignore[arg-type]
        elif kind not in _PLAIN:
            return False
    return True


def _cache_key(grammar: str) -> bytes:
    import lark

    text = f"{grammar}\0lark {lark.__version__}\0python {sys.version_info[:2]}\0format {_FORMAT}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest().encode("ascii")


_FORMAT = 2
_MAGIC = b"methodengine-parser\n"


def _load_cached(blob: bytes | None, key: bytes, **attached: Any) -> Lark | None:
    """The parser from a cache file's bytes, or None when they are not a table for this grammar."""
    if blob is None or not blob.startswith(_MAGIC + key + b"\n"):
        return None
    try:
        table = marshal.loads(blob[len(_MAGIC) + len(key) + 1 :])
        if type(table) is not dict or not _is_plain(table):
            return None
        return Lark._load_from_dict(table["data"], table["memo"], **attached)
    except Exception:  # a damaged table of any shape only means: build it again
        return None


def build_parser(transformer: Transformer[Any, Any], postlex: _IndentPostLexer) -> Lark:
    """The LALR parser with the builder inlined, loaded from the cache when it is there.

    The cached table is lark's own plain-data serialisation (``memo_serialize``) stored
    with marshal, never a pickle, so a planted file cannot run code. It is keyed on the
    grammar text, lark's version and Python's; the builder and post-lexer are objects,
    not data, and are attached again on every load.
    """
    from lark.grammar import Rule
    from lark.lark import _LOAD_ALLOWED_OPTIONS
    from lark.lexer import TerminalDef

    from methodengine import _cache

    grammar = grammar_path().read_text(encoding="utf-8")
    attached: dict[str, Any] = {"transformer": transformer, "postlex": postlex}
    key = _cache_key(grammar)
    directory = cache_dir()
    trusted = _cache.trusted_dir(directory)
    path = directory / f"recipe-lark{sys.version_info[0]}{sys.version_info[1]}.cache"
    if trusted:
        loaded = _load_cached(_cache.read(path), key, **attached)
        if loaded is not None:
            return loaded
    parser = Lark(grammar, parser="lalr", lexer="contextual", maybe_placeholders=False, **attached)
    if trusted:
        data, memo = parser.memo_serialize([TerminalDef, Rule])
        data["options"] = {k: v for k, v in data["options"].items() if k not in _LOAD_ALLOWED_OPTIONS}
        try:
            blob = marshal.dumps({"data": data, "memo": memo})
        except ValueError:
            return parser  # a lark that serialises objects marshal cannot hold: no cache, only slower
        _cache.write(path, _MAGIC + key + b"\n" + blob)
    return parser
