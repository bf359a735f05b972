"""The LALR parse table of ``recipe.lark``, built by lark once per machine, and the loop that runs it.

Building the table takes far longer than parsing a recipe, so lark builds it
once and it is kept in the user's cache directory (never in site-packages,
which may be read-only) with the grammar text it was built from and under a
key made of that and Python's version (the table is the same whichever lark
made it). It is stored as plain data with marshal (states, actions and
rule sizes: no pickle, nothing that could run code), read only from a folder
and file nobody else can write (see ``_cache``), and checked to be plain data
before use. With a warm cache, parsing a recipe does not import lark at all.

The tokens are lines (see ``lexer``), so the loop is short: shift a line,
or reduce a rule and hand its children to the builder. A token the table
does not expect is reported, and the parser goes on at the next line of the
same or lower indentation.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from lark import Lark

    from methodengine.language.lexer import Line

_HERE = os.path.dirname(os.path.abspath(__file__))
_FORMAT = 3
_MAGIC = b"methodengine-parser\n"
_PLAIN = (str, int, bool, type(None), float)
_SHIFT, _REDUCE = 0, 1
_BUILD, _SPLICE, _LIST = 0, 1, 2  # a block the builder makes; children handed up; a list grown in place


def _is_terminal(name: str) -> bool:
    """A token's name (`FIELD`, `_INDENT`, `$END`) rather than a rule's (`phase`, `__start_star_0`)."""
    return name == "$END" or name.lstrip("_")[:1].isupper()


def grammar_path() -> Path:
    """The grammar file, which ships inside this package."""
    from pathlib import Path

    return Path(_HERE) / "recipe.lark"


def _read_grammar(name: str) -> str:
    with open(os.path.join(_HERE, name), encoding="utf-8") as stream:
        return stream.read()


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


def _cache_key(grammar: str, lark_version: str) -> bytes:
    """A short key that tells at a glance whether a file may hold the table; the grammar is compared whole after."""
    text = f"{grammar}\0lark {lark_version}\0python {sys.version_info[:2]}\0format {_FORMAT}".encode()
    return f"{len(text)}-{zlib.crc32(text):08x}".encode("ascii")


def _cached(
    name: str, grammar: str, build: Callable[[], Any], valid: Callable[[Any], bool], lark_version: str = ""
) -> Any:
    """The plain data ``build()`` makes for ``grammar``, from the cache file ``name`` when it holds it.

    ``lark_version`` is part of the key when the data is lark's own format (which another
    lark may read differently); a parse table is the same whichever lark made it.
    """
    from methodengine import _cache

    key = _cache_key(grammar, lark_version)
    directory = _cache.cache_folder()
    trusted = _cache.trusted_dir(directory)
    path = os.path.join(directory, f"{name}{sys.version_info[0]}{sys.version_info[1]}.cache")
    if trusted:
        blob = _cache.read(path)
        if blob is not None and blob.startswith(_MAGIC + key + b"\n"):
            try:
                stored = marshal.loads(blob[len(_MAGIC) + len(key) + 1 :])
            except Exception:  # a damaged table of any shape only means: build it again
                stored = None
            if (
                type(stored) is dict
                and stored.get("grammar") == grammar
                and stored.get("lark") == lark_version
                and _is_plain(stored)
                and valid(stored.get("data"))
            ):
                return stored["data"]
    data = build()
    if trusted:
        try:
            blob = marshal.dumps({"grammar": grammar, "lark": lark_version, "data": data})
        except ValueError:
            return data  # a lark that serialises objects marshal cannot hold: no cache, only slower
        _cache.write(path, _MAGIC + key + b"\n" + blob)
    return data


class Table:
    """lark's LALR table for recipe.lark, as plain data, and the loop that parses line tokens with it.

    Why a loop of our own rather than lark's runtime: lark's standalone generator
    (``python -m lark.tools.standalone``) gives lark's parser without the lark package,
    and its ``ParserState`` can be fed these line tokens; measured on bench/out/large.mth
    (1,381 tokens, 100 phases) in one run, it took 4.3 ms with no-op callbacks against
    0.9 ms for this loop, 8.3 ms against 5.0 ms building the model (a parse ratio of
    about 1.25 instead of 0.85 against tomllib), and importing the generated module took
    26 ms (logging, dataclasses, typing and lark's classes) where this needs nothing.
    The table is lark's; only the shift-reduce loop and the recovery are here.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.states: list[dict[str, tuple[int, int]]] = data["states"]
        self.rules: list[tuple[str, int, bool, bool]] = data["rules"]
        self.start: int = data["start"]
        self.end: int = data["end"]
        # The same table in the shape the loop reads fastest: per state, a token's action as one
        # int (a state to shift to, or -1 - rule to reduce by) and a rule's goto state apart.
        self._actions = [
            {name: arg if kind == _SHIFT else -1 - arg for name, (kind, arg) in row.items() if _is_terminal(name)}
            for row in self.states
        ]
        self._gotos = [{name: arg for name, (_, arg) in row.items() if not _is_terminal(name)} for row in self.states]
        self._modes = [
            (origin, size, _LIST if recursive else _SPLICE if inline else _BUILD)
            for origin, size, inline, recursive in self.rules
        ]

    def expected(self, state: int) -> set[str]:
        """The tokens ``state`` can go on with: what a message says was expected, and how recovery tells where it is."""
        return {name for name in self.states[state] if _is_terminal(name)}

    def parse(
        self,
        tokens: Sequence[Line],
        callbacks: dict[str, Callable[[Sequence[Any]], Any]],
        on_error: Callable[[Line, set[str], Line | None], None],
        end: Line,
    ) -> Any:
        """Run the table over ``tokens`` and return what the start rule built.

        A token the table does not expect goes to ``on_error`` with what was
        expected and the block line it would close, and the parser goes on: an
        unexpected line is left out with the lines indented below it; a block
        that needs indented lines and has none is left out itself.

        What a rule's children become: a block (``callbacks``) gets them as a flat
        list, lines and built blocks only (indentation tokens are None and dropped);
        a list rule lark made for ``x+`` or ``x*`` grows its list in place; any other
        rule whose name starts with ``_`` hands its children up into its parent's.
        """
        actions, gotos, modes, final = self._actions, self._gotos, self._modes, self.end
        calls = [callbacks.get(origin) for origin, _, _ in modes]
        stack = [self.start]
        values: list[Any] = []
        count = len(tokens)
        i = 0
        while True:
            token = tokens[i] if i < count else end
            kind = token.type
            action = actions[stack[-1]].get(kind)
            if action is None:
                i = self._recover(tokens, i, token, stack, values, on_error)
                if i < 0:
                    return None
                continue
            if action >= 0:
                stack.append(action)
                values.append(None if kind[0] == "_" else token)
                i += 1
                continue
            number = -1 - action
            origin, size, mode = modes[number]
            if mode == _LIST and size == 2:
                child = values.pop()
                stack.pop()
                value = values[-1]
                if type(child) is list:
                    value.extend(child)
                elif child is not None:
                    value.append(child)
                stack[-1] = gotos[stack[-2]][origin]
                continue
            if size:
                children = values[-size:]
                del values[-size:]
                del stack[-size:]
            else:
                children = []
            flat: list[Any] = []
            for child in children:
                if type(child) is list:
                    flat.extend(child)
                elif child is not None:
                    flat.append(child)
            value = flat if mode != _BUILD else calls[number](flat)  # type: ignore[misc]
            state = gotos[stack[-1]][origin]
            stack.append(state)
            values.append(value)
            if state == final and kind == "$END":
                return value

    def _recover(
        self,
        tokens: Sequence[Line],
        i: int,
        token: Line,
        stack: list[int],
        values: list[Any],
        on_error: Callable[[Line, set[str], Line | None], None],
    ) -> int:
        """Report ``token`` and skip to where parsing can go on; the index to go on at, or -1 to stop."""
        expected = self.expected(stack[-1])
        if token.type == "_DEDENT" and values and values[-1] is None:
            stack.pop()  # indented lines that were all wrong, and are reported: as if there were none
            values.pop()
            if self.expected(stack[-1]) == {"_INDENT"}:
                stack.pop()  # a block that needs them is left out too, without a second message
                values.pop()
            return i + 1
        if expected == {"_INDENT"}:
            on_error(token, expected, values[-1])
            stack.pop()  # the block line that needs indented lines: it is left out
            values.pop()
            return i
        on_error(token, expected, None)
        if token.type in ("_DEDENT", "$END"):
            for depth in range(len(stack) - 1, -1, -1):
                if token.type in self.states[stack[depth]]:
                    del stack[depth + 1 :]
                    del values[depth:]
                    return i
            return -1
        i += 1
        if token.type == "_INDENT" or (i < len(tokens) and tokens[i].type == "_INDENT"):
            if token.type != "_INDENT":
                i += 1
            depth = 1
            while i < len(tokens) and depth:
                kind = tokens[i].type
                depth += kind == "_INDENT"
                depth -= kind == "_DEDENT"
                i += 1
        return i


def _build_table() -> dict[str, Any]:
    from lark import Lark

    parser = Lark(_read_grammar("recipe.lark"), parser="lalr", lexer="basic")
    table = parser.parser.parser.parser.parse_table
    rules: list[Any] = []
    index: dict[int, int] = {}
    states: list[dict[str, tuple[int, int]]] = [{} for _ in table.states]
    for state, actions in table.states.items():
        for name, (action, arg) in actions.items():
            symbol = str(name)  # lark's names are Tokens, a str subclass marshal refuses
            if action.name == "Shift":
                states[state][symbol] = (_SHIFT, arg)
                continue
            if id(arg) not in index:
                index[id(arg)] = len(rules)
                origin = str(arg.origin.name)
                expansion = [str(s.name) for s in arg.expansion]
                rules.append(
                    (origin, len(expansion), origin.startswith("_"), bool(expansion) and expansion[0] == origin)
                )
            states[state][symbol] = (_REDUCE, index[id(arg)])
    return {"states": states, "rules": rules, "start": table.start_states["start"], "end": table.end_states["start"]}


def _valid_table(data: Any) -> bool:
    return type(data) is dict and {"states", "rules", "start", "end"} <= set(data)


def load_table() -> Table:
    """The parse table: from the cache when it is there, else built by lark (and cached)."""
    grammar = _read_grammar("recipe.lark")
    return Table(_cached("recipe-lark", grammar, _build_table, _valid_table))


# ---------------------------------------------------------------- one line, for messages


class _AlwaysNewline:
    """A post-lexer that only makes every lexer state accept the end of the line, as the messages expect."""

    always_accept = ("_NL",)

    def process(self, stream: Any) -> Any:
        return stream


_LINE_STARTS = [
    "field_line",
    "role_line",
    "phase_line",
    "checkpoint_line",
    "rounds_line",
    "trajectory_line",
    "stage_line",
    "meeting_line",
]


def line_grammar() -> str:
    """lines.lark with its key and block keyword terminals made from the key table."""
    from methodengine.language import keys

    by_kind: dict[str, list[str]] = {}
    for spelling, key in keys.SPELLINGS.items():
        by_kind.setdefault(key.kind.name, []).append(spelling)
    terminals = []
    for kind, spellings in by_kind.items():
        names = "|".join(sorted(spellings, key=lambda s: (-len(s), s)))
        terminals.append(f"{kind.upper()}_KEY.2: /(?:{names})[ \\t]*:/")
    by_keyword: dict[str, list[str]] = {}
    for spelling, keyword in keys.KEYWORD_SPELLINGS.items():
        by_keyword.setdefault(keyword, []).append(spelling)
    for keyword, spellings in by_keyword.items():
        terminals.append(f"{keyword.upper()}: " + " | ".join(f'"{spelling}"' for spelling in spellings))
    return _read_grammar("lines.lark").replace("\n//@keys\n", "\n" + "\n".join(terminals) + "\n")


_line_parsers: list[Lark] = []


def line_parser() -> Lark:
    """lark's parser for one line of lines.lark (built, or loaded from the cache): only used for messages.

    It carries syntax_errors' transformer, which gives the values their meaning as lark
    reduces them, so that a wrong unit is named before what follows it.
    """
    if not _line_parsers:
        from methodengine.language.syntax_errors import meaning

        _line_parsers.append(_load_line_parser(meaning()))
    return _line_parsers[0]


def _load_line_parser(transformer: Any) -> Lark:
    import lark
    from lark import Lark
    from lark.grammar import Rule
    from lark.lark import _LOAD_ALLOWED_OPTIONS
    from lark.lexer import TerminalDef

    grammar = line_grammar()
    options = {"parser": "lalr", "lexer": "contextual", "start": _LINE_STARTS, "maybe_placeholders": False}

    def build() -> dict[str, Any]:
        parser = Lark(grammar, postlex=_AlwaysNewline(), **options)  # type: ignore[arg-type]
        data, memo = parser.memo_serialize([TerminalDef, Rule])
        data["options"] = {k: v for k, v in data["options"].items() if k not in _LOAD_ALLOWED_OPTIONS}
        return {"data": data, "memo": memo}

    table = _cached(
        "recipe-line-lark", grammar, build, lambda data: type(data) is dict and "data" in data, lark.__version__
    )
    try:
        return Lark._load_from_dict(table["data"], table["memo"], postlex=_AlwaysNewline(), transformer=transformer)
    except Exception:  # a cached table this lark cannot load: build it in memory
        return Lark(grammar, postlex=_AlwaysNewline(), transformer=transformer, **options)  # type: ignore[arg-type]
