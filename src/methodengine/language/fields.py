"""A block's `key: value` lines: each read as its key's kind says, checked against the keys the block takes.

A line that is wrong (a key the block does not take, a key given twice, a
value that cannot be read) is reported and left out; the rest of the block
is kept, so that one mistake does not hide the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from methodengine._suggest import KEY, KEYWORD, suggest
from methodengine.diagnostics import Related
from methodengine.errors import RecipeError, RecipeSyntaxError
from methodengine.language import keys as _keys
from methodengine.language import values as _values
from methodengine.language.lexer import Line, is_extension_key
from methodengine.model import Position, ScriptLine


def text_of(line: Line, path: str | None) -> str:
    """A text runs to the end of its line; the lines indented right below it continue it."""
    stripped = line.value.strip()
    if not stripped:
        raise _values.refused(line, "field_line", path)
    if line.more:
        stripped = " ".join([stripped, *(text.strip() for text, _, _ in line.more)])
    return stripped


def _id(line: Line, path: str | None) -> str:
    match = _values.ID.fullmatch(line.value)
    if match is None:
        raise _values.refused(line, "field_line", path)
    return match["id"]


def _range(line: Line, path: str | None) -> _values.RawRange:
    match = _values.RANGE.fullmatch(line.value)
    if match is None:
        raise _values.refused(line, "field_line", path)
    return _values.raw_range(match, line, path, line.value_column)


def _duration(line: Line, path: str | None) -> Any:
    if _values.DURATION.fullmatch(line.value) is None:
        raise _values.refused(line, "field_line", path)
    return _values.duration(line.value, line.value_column, line, path).value


def _period(line: Line, path: str | None) -> Any:
    match = _values.PERIOD.fullmatch(line.value)
    if match is None:
        raise _values.refused(line, "field_line", path)
    return _values.period(match, line, path, line.value_column)


def _bool(line: Line, path: str | None) -> bool:
    match = _values.BOOL.fullmatch(line.value)
    if match is None:
        raise _values.refused(line, "field_line", path)
    return match["bool"] in ("yes", "ja")


def _meetings(line: Line, path: str | None) -> _values.Located:
    match = _values.MEETING_COUNT.fullmatch(line.value)
    if match is None:
        raise _values.refused(line, "field_line", path)
    if match["number"] is None:
        return _values.Located(None, Position(path, line.number, line.value_column + match.start()))
    where = Position(path, line.number, line.value_column + match.start("number"))
    count = _values.whole(_values.Number(match["number"], where), "the number of meetings", _values.MAX_MEETINGS)
    if count < 1:
        from methodengine.errors import RecipeValueError

        raise RecipeValueError("a trajectory has at least one meeting", where, hint="write a number from 1, or `open`")
    return _values.Located(count, where)


_READERS = {
    _keys.TEXT.name: text_of,
    _keys.ID.name: _id,
    _keys.RANGE.name: _range,
    _keys.DURATION.name: _duration,
    _keys.PERIOD.name: _period,
    _keys.BOOL.name: _bool,
    _keys.ROLES.name: _values.role_ids,
    _keys.WHEN.name: _values.selectors,
    _keys.AT.name: _values.anchor,
    _keys.MEETINGS.name: _meetings,
}


DROPPED = object()
"""What a block that could not be built (and was reported) leaves among its parent's children."""


_ALLOWED = {block: frozenset(keys) for block, keys in _keys.BLOCK_KEYS.items()}


class Fields:
    """A block's fields by key name, its script lines in order, its `x-` keys, and the line each key is on.

    A key's position is made when asked for: most blocks never need one, and a recipe
    has many lines.
    """

    __slots__ = ("extra", "lines", "path", "script", "values")

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.values: dict[str, Any] = {}
        self.script: list[ScriptLine] = []
        self.extra: dict[str, str] = {}
        self.lines: dict[str, Line] = {}

    def __contains__(self, key: str) -> bool:
        return key in self.values

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def position(self, key: str) -> Position:
        """Where ``key`` stands: the start of its line."""
        line = self.lines[key]
        return Position(self.path, line.number, line.column)

    def positions(self) -> dict[str, Position]:
        """Where each key stands, `x-` keys too, in the order written."""
        return {key: Position(self.path, line.number, line.column) for key, line in self.lines.items()}


def gather(items: Iterable[Any], block: str, path: str | None, report: Callable[[RecipeError], None]) -> Fields:
    """The fields among ``items`` (a block's lines and sub-blocks); a wrong one is reported and left out."""
    allowed = _ALLOWED[block]
    found = Fields(path)
    values, lines, script = found.values, found.lines, found.script
    plans = _PLANS
    for item in items:
        if type(item) is not Line:
            continue
        plan = plans.get(item.key)
        if plan is None or plan[0] not in allowed:
            _other(item, block, found, path, report)
            continue
        name, read, repeatable = plan
        try:
            value = read(item, path)
        except RecipeError as error:
            report(error)
            # Still written where it stands, with no value: a check that a key is missing must not say it is.
            if not repeatable:
                lines.setdefault(name, item)
            continue
        if repeatable:
            script.append(ScriptLine(name, value, Position(path, item.number, item.column)))
        elif name in lines:
            report(_twice(name, block, Position(path, item.number, item.column), found.position(name)))
        else:
            lines[name] = item
            values[name] = value
    return found


def _other(item: Line, block: str, found: Fields, path: str | None, report: Any) -> None:
    """An `x-` key, or a key the block does not take: kept, or reported."""
    written = item.key
    key = _keys.SPELLINGS.get(written)
    position = Position(path, item.number, item.column)
    try:
        if key is None and is_extension_key(written):
            if written in found.lines:
                raise _twice(written, block, position, found.position(written))
            found.extra[written] = text_of(item, path)
            found.lines[written] = item
            return
        # A value that cannot be read is the first thing wrong with the line, as for any key.
        _READERS[key.kind.name if key is not None else "text"](item, path)
        raise misplaced(key.name if key is not None else written, key is not None, block, position, item.text)
    except RecipeError as error:
        report(error)


def _twice(key: str, block: str, position: Position, first: Position) -> RecipeSyntaxError:
    return RecipeSyntaxError(
        f"`{key}` is given twice in {block}",
        position,
        hint=f"keep one of the two; the first is on line {first.line}",
        related=[Related(f"the first `{key}`", first)],
    )


def misplaced(key: str, known: bool, block: str, position: Position, line: str = "") -> RecipeSyntaxError:
    """A key the block does not take: where it belongs, or what was meant."""
    allowed = _keys.BLOCK_KEYS[block]
    homes = [name for name, taken in _keys.BLOCK_KEYS.items() if key in taken] if known else []
    if homes:
        return RecipeSyntaxError(
            f"`{key}` does not belong in {block}",
            position,
            hint=f"`{key}` belongs in {' or '.join(homes)}; {block} takes: {', '.join(allowed)}",
        )
    if key in _keys.KEYWORD_SPELLINGS:  # `phase: Vragen (10 min)`, `fase: Vragen (10 min)`
        from methodengine.language.syntax_errors import keyword_colon_error

        return keyword_colon_error(key, line or f"{key}:", position)
    # In the recipe's keyword language, and by meaning too (`titel` for `recept`).
    suggestion = suggest(key, [KEY], among=allowed) or suggest(key, [KEY, KEYWORD])
    return RecipeSyntaxError(
        f"unknown key `{key}` in {block}",
        position,
        hint=(f"{suggestion} " if suggestion else "") + f"{block} takes: {', '.join(allowed)}",
    )


_PLANS = {
    spelling: (key.name, _READERS[key.kind.name], key.name in _keys.REPEATABLE)
    for spelling, key in _keys.SPELLINGS.items()
}
"""Each spelling of a key: the key's name, the reader of its value, and whether it may repeat."""
