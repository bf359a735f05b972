"""Cutting a recipe into line tokens: one token per content line, and the indentation between them.

A recipe is line-based, so the lexer works a line at a time with str
methods: it skips blank and comment lines, turns indentation into
``_INDENT``/``_DEDENT`` tokens, refuses tabs and look-alike spaces in it,
folds a text's continuation lines into the line they continue, and tells
a ``key: value`` line (``FIELD``) from a block's first line (``PHASE``,
``ROLE``, ...). What is after the key or keyword is read later, by the
builder, with its line and column kept exact.

An error does not stop the lexer: it is reported, and the line (with the
lines indented below it) is left out, so that the parser can go on at the
next line of the same or lower indentation.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from methodengine.errors import RecipeError, RecipeSyntaxError
from methodengine.i18n import _, ngettext
from methodengine.language.keys import KEYWORD_SPELLINGS, SPELLINGS, TEXT, is_extension
from methodengine.model import Position


class Line:
    """A token: a content line (its key or keyword, and what follows it), or an indentation change.

    ``value`` is the text after the key's colon or after the block keyword, as written;
    ``value_column`` is where it starts. ``more`` holds a text's continuation lines as
    (text, line number, column).
    """

    __slots__ = ("column", "key", "more", "number", "text", "type", "value", "value_column")

    def __init__(
        self, type: str, number: int, column: int, text: str, key: str = "", value: str = "", value_column: int = 0
    ) -> None:
        self.type = type
        self.number = number
        self.column = column
        self.text = text
        self.key = key
        self.value = value
        self.value_column = value_column
        self.more: list[tuple[str, int, int]] | None = None

    def __repr__(self) -> str:
        return f"Line({self.type}, {self.number}:{self.column}, {self.key!r}, {self.value!r})"


_KEYWORDS = tuple((spelling, keyword.upper()) for spelling, keyword in KEYWORD_SPELLINGS.items())
"""Each spelling of a block keyword with its token type, longest first."""
_KEY_SHAPE = re.compile(r"(x-[a-z0-9][a-z0-9-]*|[A-Za-z][A-Za-z_-]*)[ \t]*:")
_EXTENSION = re.compile(r"x-[a-z0-9][a-z0-9-]*")
_KEY_START = re.compile(r"([a-z]+(?: [a-z]+)?)[ \t]*:")  # `let op:` has a space
_ODD_SPACES = "\u200b\u2060\ufeff"
_NON_TEXT_KEYS = frozenset(spelling for spelling, key in SPELLINGS.items() if key.kind is not TEXT)
"""The keys with a typed value; every other key's text may continue on the lines indented below it."""

Report = Callable[[RecipeError], None]
_NEEDS_LINES = ("TRAJECTORY", "ROUNDS")


def tokenize(text: str, path: str | None, report: Report) -> list[Line]:
    """The tokens of ``text`` (newlines already normalised). Errors go to ``report``; their lines are left out."""
    lines = text.split("\n")
    tokens: list[Line] = []
    append = tokens.append
    stack = [0]
    first = True
    skip_deeper = -1  # after an error: leave out the lines indented deeper than this
    count = len(lines)
    i = 0
    while i < count:
        raw = lines[i]
        i += 1
        s = raw.lstrip(" ")
        if not s:
            continue
        c = s[0]
        if c == "#":
            continue
        indent = len(raw) - len(s)
        if (c <= " " and c.isspace()) or (c >= "\x80" and (c.isspace() or c in _ODD_SPACES)):  # a tab, an odd space
            rest = raw.lstrip(" \t")
            if not rest or rest[0] == "#":
                continue
            report(_bad_indentation(raw, rest, path, i, first))
            level = indent if first else _level_of_bad_line(rest, indent, stack, tokens)
            first = False
            if level >= 0:
                skip_deeper = level if skip_deeper < 0 else min(skip_deeper, level)
            continue
        if skip_deeper >= 0:
            if indent > skip_deeper:
                continue
            skip_deeper = -1
        if first:
            first = False
            if indent:
                report(_first_indented(path, i))
                skip_deeper = 0
                continue
        column = indent + 1
        opened = False  # an _INDENT for this line, taken back if the line is refused
        if indent != stack[-1]:
            if indent > stack[-1]:
                stack.append(indent)
                append(Line("_INDENT", i, column, raw))
                opened = True
            else:
                levels = stack[:]
                while indent < stack[-1]:
                    stack.pop()
                    append(Line("_DEDENT", i, column, raw))
                if indent != stack[-1]:
                    report(_no_open_block(indent, levels, path, i, column))
                    # The lines as deep as this one or deeper go with it; one less deep that still matches
                    # no open level is a mistake of its own, and is said.
                    skip_deeper = max(stack[-1], indent - 1)
                    continue
        head, colon, rest = s.partition(":")
        key = head.rstrip(" \t") if colon else ""
        if key and (key in SPELLINGS or _KEY_SHAPE.match(s)):
            token = Line("FIELD", i, column, raw, key, rest, column + len(head) + 1)
            append(token)
            if key in KEYWORD_SPELLINGS or (key not in SPELLINGS and not is_extension(key)):
                # `phase: Opening`: the builder says a block keyword takes no colon; the block's lines
                # are its, not more text, and go with it. So are an unknown key's (`intake: Intake (30 min)`
                # in a traject, an extra meeting without its keyword): the one mistake is that line.
                skip_deeper = indent
                continue
            if i < count and key not in _NON_TEXT_KEYS:
                following = lines[i]
                rest = following.lstrip(" ")
                # Most texts end at their line: the next line has content and is not indented deeper.
                if (
                    not rest
                    or len(following) - len(rest) > indent
                    or (after := rest[0]) == "#"
                    or ((after <= " " or after >= "\x80") and after.isspace())
                ):
                    i = _continuation(token, lines, i, indent, path, report, stack)
            continue
        word = s.split(None, 1)[0]
        if word not in SPELLINGS:  # a key without its colon is no block
            for keyword, kind in _KEYWORDS:
                if s.startswith(keyword):
                    size = len(keyword)
                    append(Line(kind, i, column, raw, keyword, s[size:], column + size))
                    break
            else:
                kind = ""
            if kind:
                continue
        from methodengine.language.syntax_errors import line_start_error

        report(line_start_error(word, raw, Position(path, i, column)))
        if opened and tokens[-2].type not in _NEEDS_LINES:
            # The refused line is all the indentation was for: the parser is not told of it. Under
            # `traject` or `rondes`, which need indented lines, the indentation stays: the block is
            # then left out without a second message that it has none (its line was wrong, and said).
            stack.pop()
            tokens.pop()
        skip_deeper = indent
    while len(stack) > 1:
        stack.pop()
        append(Line("_DEDENT", count, 1, ""))
    return tokens


def _continuation(
    token: Line, lines: list[str], i: int, indent: int, path: str | None, report: Report, stack: list[int]
) -> int:
    """Fold the lines indented below a text into it; the index of the first line that is not one of them."""
    level = -1
    more: list[tuple[str, int, int]] = []
    count = len(lines)
    while i < count:
        raw = lines[i]
        s = raw.lstrip(" ")
        if not s or s[0] == "#":
            i += 1
            continue
        deeper = len(raw) - len(s)
        if s[0] == "\t" or s[0].isspace() or s[0] in _ODD_SPACES:
            rest = raw.lstrip(" \t")
            if not rest or rest[0] == "#":
                i += 1
                continue
            if deeper <= indent:
                break  # whose line it is, tokenize tells
            report(_bad_indentation(raw, rest, path, i + 1, False))
            i += 1
            continue
        if deeper <= indent:
            break
        column = deeper + 1
        if level < 0:
            level = deeper
        elif deeper != level:
            if deeper > level:
                report(
                    RecipeSyntaxError(
                        _("unexpected indentation"),
                        Position(path, i + 1, column),
                        hint=_(
                            "indent only the fields of a block, or the continuation of a text, "
                            "below the line they belong to"
                        ),
                    )
                )
            else:
                report(_no_open_block(deeper, [*stack, level], path, i + 1, column))
            i += 1
            continue
        key = _KEY_START.match(s)
        if key and key.group(1) in SPELLINGS:
            report(
                RecipeSyntaxError(
                    _("`{key}:` is indented under the text above it, so it would be read as more text", key=key[1]),
                    Position(path, i + 1, column),
                    hint=_(
                        "line `{key}:` up with the key above it; only continuations of a text go deeper", key=key[1]
                    ),
                )
            )
            i += 1
            continue
        more.append((s, i + 1, column))
        i += 1
    if more:
        token.more = more
    return i


def is_extension_key(key: str) -> bool:
    """Whether ``key`` is an `x-` key a plugin may read (lower-case letters, digits and hyphens), kept as text."""
    return is_extension(key) and _EXTENSION.fullmatch(key) is not None


def _bad_indentation(raw: str, rest: str, path: str | None, number: int, first: bool) -> RecipeSyntaxError:
    """The message for a line indented with a tab or a character that only looks like a space."""
    if rest[0].isspace() or rest[0] in _ODD_SPACES:
        from methodengine.language.syntax_errors import lookalike_error

        return lookalike_error(rest[0], Position(path, number, len(raw) - len(rest) + 1))
    if first:
        return _first_indented(path, number)
    return _tab(path, number, raw.index("\t") + 1)


def _level_of_bad_line(rest: str, spaces: int, stack: list[int], tokens: list[Line]) -> int:
    """How deep a tab-indented line stands, for leaving out the lines below it; -1: leave out none.

    A tab is as wide as the reader's editor makes it, so its level is a guess, made so that the
    lines after it are kept whenever they can be its neighbours. A block's first line
    (`\tphase B` in a rounds block) stands at the first open level past its spaces, and the lines
    deeper than that are its own. Any other line has no lines of its own, only maybe its
    continuation: as a block's first field (right after the block's line) it leaves out none,
    and elsewhere the lines deeper than the open level.
    """
    if _KEY_SHAPE.match(rest) is None and any(rest.startswith(keyword) for keyword, _ in _KEYWORDS):
        return next((level for level in stack if level > spaces), stack[-1])
    if tokens and tokens[-1].type not in ("FIELD", "_DEDENT"):
        return -1
    return stack[-1]


def _no_open_block(indent: int, levels: list[int], path: str | None, number: int, column: int) -> RecipeSyntaxError:
    return RecipeSyntaxError(
        ngettext(
            "this line is indented {count} space, which matches no open block",
            "this line is indented {count} spaces, which matches no open block",
            indent,
            count=indent,
        ),
        Position(path, number, column),
        hint=_(
            "indent it as far as the lines it belongs with: open levels are {levels} spaces",
            levels=", ".join(str(level) for level in levels),
        ),
    )


def _first_indented(path: str | None, number: int) -> RecipeSyntaxError:
    return RecipeSyntaxError(
        _("the first line of a recipe is indented"),
        Position(path, number, 1),
        hint=_("start top-level lines such as {key} in the first column", key=f"`{title_key()}:`"),
    )


def title_key() -> str:
    """The title's key as the recipe (or, before it tells, the reader) writes it: `recept` or `recipe`."""
    from methodengine._suggest import keyword_language
    from methodengine.i18n import message_language

    return "recept" if (keyword_language() or message_language()) == "nl" else "recipe"


def _tab(path: str | None, number: int, column: int) -> RecipeSyntaxError:
    return RecipeSyntaxError(
        _("tab in indentation"),
        Position(path, number, column),
        hint=_("indent with spaces only (two per level is usual); set your editor to insert spaces for tabs"),
    )
