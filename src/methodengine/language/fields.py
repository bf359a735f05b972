"""A block's `key: value` lines: each read as its key's kind says, checked against the keys the block takes.

A line that is wrong (a key the block does not take, a key given twice, a
value that cannot be read) is reported and left out; the rest of the block
is kept, so that one mistake does not hide the next.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from methodengine._suggest import KEY, KEYWORD, keyword_language, suggest
from methodengine.diagnostics import Related
from methodengine.errors import RecipeError, RecipeSyntaxError
from methodengine.i18n import N_, _, translate
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
    count = _values.whole(_values.Number(match["number"], where), N_("the number of meetings"), _values.MAX_MEETINGS)
    if count < 1:
        from methodengine.errors import RecipeValueError

        raise RecipeValueError(
            _("a trajectory has at least one meeting"), where, hint=_("write a number from 1, or `open`")
        )
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
            first = lines[name]
            report(_twice(item.key, block, Position(path, item.number, item.column), found.position(name), first.key))
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
        twin = _twin(key, block) if key is not None else None
        if twin is not None:
            # `facilitator: 1` in the header: the header's key is `facilitators`, whatever the value says.
            raise _twin_error(written, twin, block, position)
        # A value that cannot be read is the first thing wrong with the line, as for any key.
        _READERS[key.kind.name if key is not None else "text"](item, path)
        raise misplaced(key.name if key is not None else written, key is not None, block, position, item.text, written)
    except RecipeError as error:
        report(error)


def _twin(key: _keys.Key, block: str) -> _keys.Key | None:
    """The key of ``block`` that is ``key`` with an `s` more or less (`facilitators` for `facilitator`), if any."""
    for name in _keys.BLOCK_KEYS[block]:
        if name == key.name + "s" or key.name == name + "s":
            return _keys.KEYS[name]
    return None


def _twin_error(written: str, twin: _keys.Key, block: str, position: Position) -> RecipeSyntaxError:
    """The key of the block that was meant, with its example, and where the key as written belongs.

    Said before the value is read: `facilitator: 1` in the header is not a yes/no gone wrong.
    """
    language = keyword_language()
    hint = _(
        "did you mean `{twin}`? Write {example} in {block}",
        twin=_spelled(twin, language),
        block=translate(block),
        example=f"`{_example(twin, language)}`",
    )
    key = _keys.SPELLINGS[written]
    homes = [translate(name) for name, taken in _keys.BLOCK_KEYS.items() if key.name in taken]
    if homes:
        where = homes[0] if len(homes) == 1 else _("{items} or {last}", items=", ".join(homes[:-1]), last=homes[-1])
        hint += "; " + _("`{key}` belongs in {blocks}", key=written, blocks=where)
    return RecipeSyntaxError(
        _("`{key}` is not a key of {block}", key=written, block=translate(block)), position, hint=hint
    )


def _example(key: _keys.Key, language: str | None) -> str:
    """The key's example line as a recipe in ``language`` writes it: `begeleider: ja` for `facilitator: yes`."""
    value = key.example.split(":", 1)[1]
    if language == "nl":
        value = re.sub(r"[a-z]+", lambda m: _keys.WORDS.get(m[0], (m[0],))[0], value)
    return f"{_spelled(key, language)}:{value}"


def _twice(key: str, block: str, position: Position, first: Position, first_key: str = "") -> RecipeSyntaxError:
    """A key given twice (``first_key``: how the first spells it, if otherwise: `aantal` after `count`)."""
    return RecipeSyntaxError(
        _("`{key}` is given twice in {block}", key=key, block=translate(block)),
        position,
        hint=_("keep one of the two; the first is on line {line}", line=first.line),
        related=[Related(_("the first `{key}`", key=first_key or key), first)],
    )


_BLOCK_NAMES = (
    N_("the header"),
    N_("a role"),
    N_("a phase"),
    N_("a checkpoint"),
    N_("a rounds block"),
    N_("a trajectory"),
    N_("a stage"),
    N_("a meeting"),
)
"""The names messages give the blocks (the keys of ``keys.BLOCKS``), for the catalogue."""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _spelled(key: _keys.Key, language: str | None) -> str:
    """The key as a recipe in ``language`` writes it."""
    return key.dutch if language == "nl" and key.dutch else key.name


def _takes(block: str, language: str | None, sentence: bool = False) -> str:
    """`the header takes: recipe, method, ...`, the keys as the recipe writes them; ``sentence``: with a capital."""
    names = ", ".join(_spelled(_keys.KEYS[name], language) for name in _keys.BLOCK_KEYS[block])
    shown = _("{block} takes: {keys}", block=translate(block), keys=names)
    return _capital(shown) if sentence else shown


def misplaced(
    key: str, known: bool, block: str, position: Position, line: str = "", written: str | None = None
) -> RecipeSyntaxError:
    """A key the block does not take: where it belongs, or what was meant; ``written`` is how the line spells it."""
    allowed = _keys.BLOCK_KEYS[block]
    written = written or key
    language = keyword_language()
    homes = [name for name, taken in _keys.BLOCK_KEYS.items() if key in taken] if known else []
    if homes:
        shown = [translate(home) for home in homes]
        where = shown[0] if len(shown) == 1 else _("{items} or {last}", items=", ".join(shown[:-1]), last=shown[-1])
        return RecipeSyntaxError(
            _("`{key}` does not belong in {block}", key=written, block=translate(block)),
            position,
            hint=_("`{key}` belongs in {blocks}", key=written, blocks=where) + "; " + _takes(block, language),
        )
    if key in _keys.KEYWORD_SPELLINGS:  # `phase: Vragen (10 min)`, `fase: Vragen (10 min)`
        from methodengine.language.syntax_errors import keyword_colon_error

        return keyword_colon_error(key, line or f"{key}:", position)
    if block == "a trajectory" and line:  # `  intake: Intakegesprek (30 min)`: an extra meeting's line
        from methodengine.language.syntax_errors import meeting_without_keyword

        meeting = meeting_without_keyword(key, line, position)
        if meeting is not None:
            return meeting
    # In the recipe's keyword language, and by meaning too (`titel` for `recept`).
    suggestion = suggest(key, [KEY], among=allowed) or suggest(key, [KEY, KEYWORD])
    return RecipeSyntaxError(
        _("unknown key `{key}` in {block}", key=key, block=translate(block)),
        position,
        hint=(f"{suggestion} " if suggestion else "") + _takes(block, language, sentence=bool(suggestion)),
    )


_PLANS = {
    spelling: (key.name, _READERS[key.kind.name], key.name in _keys.REPEATABLE)
    for spelling, key in _keys.SPELLINGS.items()
}
"""Each spelling of a key: the key's name, the reader of its value, and whether it may repeat."""
