"""Turning what the parser refused into messages a trainer can act on.

A line the builder's quick readers refuse is parsed again with lark's line
grammar (``lines.lark``), which knows where the line goes wrong and what it
would have accepted there; a line the recipe's grammar does not expect where
it stands (a `stage` outside the trajectory) comes from the parser with what
it expected. The trainer wants to know what to write instead: the line's own
key or block keyword tells us what was being written, so the message and hint
are chosen from that. The checks run from the most specific situation to the
most general.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from typing import TYPE_CHECKING, Any

from methodengine._suggest import closest, did_you_mean
from methodengine.errors import RecipeError, RecipeSyntaxError
from methodengine.language.builder import glued_keyword_error
from methodengine.language.keys import ALL_KEYS as _ALL_KEYS
from methodengine.language.keys import BLOCK_EXAMPLES as _BLOCK_EXAMPLES
from methodengine.language.keys import BLOCK_KEYWORDS, TEXT_KEYS, UNIT_EXAMPLES, VALUE_HINTS
from methodengine.model import Position

if TYPE_CHECKING:
    from methodengine.language.lexer import Line

_TERMINALS = {
    "NUMBER": "a number",
    "UNIT": "a unit",
    "ID": "a lower-case id",
    "TITLE": "a title",
    "TEXT": "a text",
    "BOOL": "`yes` or `no`",
    "LPAR": "`(`",
    "RPAR": "`)`",
    "COLON": "`:`",
    "COMMA": "`,`",
    "MINUS": "`-`",
    "_NL": "the end of the line",
    "_INDENT": "an indented line",
    "_DEDENT": "the end of the block",
    "$END": "the end of the file",
}

# Characters that look like spaces or hyphens but are not, mostly pasted from word processors.
_LOOKALIKES = {
    "\u00a0": "a no-break space (U+00A0)",
    "\u2007": "a figure space (U+2007)",
    "\u202f": "a narrow no-break space (U+202F)",
    "\u200b": "a zero-width space (U+200B)",
    "\u2060": "a word joiner (U+2060)",
    "\ufeff": "a zero-width no-break space (U+FEFF)",
    "\u000c": "a form feed (U+000C)",
    "\u0085": "a next-line character (U+0085)",
    "\u2028": "a line separator (U+2028)",
    "\u2013": "an en dash (U+2013)",
    "\u2014": "an em dash (U+2014)",
    "\u2212": "a minus sign (U+2212)",
}
_DASHES = "\u2013\u2014\u2212"

_KEY_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z_-]*)\s*:(.*)$")
_FIRST_WORD = re.compile(r"^\s*(\S+)")
_TRAILING_TIME = re.compile(r"^(.*?)\s+(\d[\d.,]*(?:\s*-\s*\d[\d.,]*)?\s*[^\W\d_]+.*)$")
_LAST_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)\s*$")


def lookalike_error(char: str, position: Position, line: str | None = None) -> RecipeSyntaxError:
    """The message for a character that only looks like a space or a hyphen."""
    name = _LOOKALIKES.get(char) or f"the character {unicodedata.name(char, f'U+{ord(char):04X}')}"
    plain = "a plain hyphen `-`" if char in _DASHES else "an ordinary space"
    fixed = ""
    if line is not None and line.strip():
        mended = re.sub(f"[{_DASHES}]", "-", line) if char in _DASHES else line.replace(char, " ")
        fixed = f": `{mended.strip()}`"
    return RecipeSyntaxError(
        f"this line contains {name} where {plain} belongs",
        position,
        hint=f"replace it with {plain}{fixed}; word processors and web pages insert such characters when you paste",
    )


def explain_line(token: Line, start: str, path: str | None) -> RecipeSyntaxError:
    """The message for a line the builder's quick reader refused, from where lark's line grammar stops."""
    from lark.exceptions import UnexpectedInput, VisitError

    from methodengine.language.parser import line_parser

    text = token.text
    with _lock:
        reader = meaning()
        reader.line, reader.path = token, path
        try:
            line_parser().parse(text + "\n", start=start)
        except VisitError as exc:
            if isinstance(exc.orig_exc, RecipeError):
                return exc.orig_exc  # type: ignore[return-value]
            raise
        except UnexpectedInput as exc:
            column = exc.column if exc.column and exc.column > 0 else len(text) + 1
            return _explain(text, token.number, column, _expected(exc), _found(exc, text, column), path)
        finally:
            reader.line = reader.path = None
    return RecipeSyntaxError(  # the quick reader and the grammar disagree: a bug, but never a traceback
        "this line cannot be read",
        Position(path, token.number, token.column),
        hint="please report this line to methodengine's maintainers; rewriting it may help meanwhile",
    )


_lock = threading.Lock()
_meanings: list[Any] = []


def meaning() -> Any:
    """The transformer lark calls as it reduces a line's values: durations and periods are read for what they say.

    lark reduces a value before it looks past it, so `duration: 90 minut)` is an unknown unit,
    as it was when lark read the whole recipe, rather than an unexpected `)`.
    """
    if _meanings:
        return _meanings[0]
    from lark import Transformer

    from methodengine.language import values

    class Meaning(Transformer):  # type: ignore[type-arg]
        line: Line | None = None  # None: the grammar alone, as the tests ask it
        path: str | None = None

        def _span(self, children: list[Any]) -> tuple[str, int]:
            tokens = list(_tokens(children))
            start, end = tokens[0].start_pos, tokens[-1].end_pos
            assert self.line is not None
            return self.line.text[start:end], start + 1

        def duration(self, children: list[Any]) -> list[Any]:
            if self.line is None:
                return children
            text, column = self._span(children)
            values.duration(text, column, self.line, self.path)
            return children

        def period(self, children: list[Any]) -> list[Any]:
            if self.line is None:
                return children
            text, column = self._span(children)
            match = values.PERIOD.fullmatch(text)
            if match is not None:
                values.period(match, self.line, self.path, column)
            return children

    _meanings.append(Meaning())
    return _meanings[0]


def _tokens(children: list[Any]) -> Any:
    for child in children:
        if isinstance(child, list):
            yield from _tokens(child)
        elif hasattr(child, "children"):
            yield from _tokens(child.children)
        else:
            yield child


def unexpected_line(token: Line, expected: set[str], unfinished: Line | None, path: str | None) -> RecipeSyntaxError:
    """The message for a line (or indentation) the recipe's grammar does not expect where it stands."""
    if unfinished is not None:
        return _unfinished_block(unfinished, path)
    if token.type == "$END":
        return RecipeSyntaxError(
            "the recipe ends in the middle of a block",
            Position(path, token.number, 1),
            hint="finish the last block: a `rounds` block needs at least one phase, a `trajectory` at least one field",
        )
    if token.type == "_INDENT":
        return _explain(token.text, token.number, token.column, expected, "_INDENT", path)
    if token.type == "_DEDENT":
        return RecipeSyntaxError(
            "the block ends too soon",
            Position(path, token.number, token.column),
            hint="a `rounds` block needs at least one phase, a `trajectory` at least one field",
        )
    return line_start_error(token.text.split(None, 1)[0], token.text, Position(path, token.number, token.column))


def line_start_error(word: str, line: str, position: Position) -> RecipeSyntaxError:
    """The message for a line that cannot start where it stands, or cannot start a line at all.

    A key followed by a character that only looks like a space (`meetings\u00a0: 6`) is that character's fault.
    """
    after = position.column - 1 + len(word)
    if word in _ALL_KEYS and after < len(line) and line[after] in _LOOKALIKES:
        return lookalike_error(line[after], Position(position.path, position.line, after + 1), line)
    return _explain(line, position.line, position.column, {"FIELD"}, word, position.path)


def _explain(
    line: str, line_no: int, column: int, expected: set[str], found: str, path: str | None
) -> RecipeSyntaxError:
    """The message for line ``line_no`` going wrong at ``column``, where ``found`` stands and ``expected`` would do."""
    position = Position(path, line_no, column)
    char = line[column - 1] if column <= len(line) else ""

    at_line_start = column == len(line) - len(line.lstrip()) + 1
    if char in _LOOKALIKES:
        return lookalike_error(char, position, line)
    if found == "_INDENT":
        return RecipeSyntaxError(
            "unexpected indentation",
            position,
            hint="indent only the fields of a block, or the continuation of a text, below the line they belong to",
        )
    key_match = _KEY_LINE.match(line)
    word_match = _FIRST_WORD.match(line)
    first_word = word_match.group(1) if word_match else ""
    word = _word_at(line, column)

    if _is_bad_id(word, line, column, expected):
        return RecipeSyntaxError(
            f"`{word}` is not a valid id",
            Position(path, line_no, column),
            hint="ids use only lower-case letters a-z, digits, `-` and `_` (write `client`, not `cliënt`); "
            "the name after the colon may be written any way you like",
        )

    glued = _glued_keyword(first_word)
    if glued:
        return glued_keyword_error(glued, line.strip(), Position(path, line_no, len(line) - len(line.lstrip()) + 1))

    if at_line_start and found != "_NL":
        return _misplaced_line(word, line, position)

    before = _LAST_NUMBER.search(line[: column - 1])
    if before and re.fullmatch(r"\d+(?:[.,]\d+)?", found):
        return RecipeSyntaxError(
            f"the number {before.group(1)} has no unit",
            Position(path, line_no, before.start(1) + 1),
            hint=f"write it with a unit, e.g. `{before.group(1)} min`",
        )

    if first_word in ("phase", "checkpoint") and "LPAR" in expected and found == "_NL":
        return _no_timebox(first_word, line, position)

    if (
        first_word in ("role", "meeting")
        and bool(expected & {"TEXT", "TITLE"})
        and found == "_NL"
        and line.rstrip()[-1:] == ":"
    ):
        ident = line.strip()[len(first_word) :].strip().rstrip(":").strip()
        example = "Gespreksleider" if first_word == "role" else "Intakegesprek (60 min)"
        return RecipeSyntaxError(
            f"{first_word} `{ident}` has no name",
            position,
            hint=f"write the name after the colon: `{first_word} {ident}: {example}`",
        )

    if key_match:
        key = key_match.group(1)
        value = key_match.group(2)
        key_position = Position(path, line_no, len(line) - len(line.lstrip()) + 1)
        if key in BLOCK_KEYWORDS:
            return RecipeSyntaxError(
                f"`{key}` starts a block and takes no colon", key_position, hint=_BLOCK_EXAMPLES[key]
            )
        # The first word up to its colon: `group:a` is the key `group` glued to its value.
        written_key = first_word.split(":", 1)[0]
        if key not in _ALL_KEYS and not key.startswith("x-") and written_key == key:
            suggestion = did_you_mean(key, _ALL_KEYS)
            return RecipeSyntaxError(
                f"unknown key `{key}`",
                key_position,
                hint=(f"{suggestion} " if suggestion else "") + "see the table of keys in the language reference",
            )
        if written_key == key:
            return _bad_value(key, value, line, line_no, found, expected, position, path)

    keyword = first_word if first_word in BLOCK_KEYWORDS else None
    shown = "the line ends too soon" if found == "_NL" else f"unexpected `{found}`"
    wanted = _describe(expected)
    return RecipeSyntaxError(
        shown + (f" in a `{keyword}` line" if keyword else "") + (f"; expected {wanted}" if wanted else ""),
        position,
        hint=_BLOCK_EXAMPLES[keyword]
        if keyword
        else "a line is `key: value`, a block keyword with its title, or a text's indented continuation; "
        "see the language reference",
    )


def _bad_value(
    key: str,
    value: str,
    line: str,
    line_no: int,
    found: str,
    expected: set[str],
    position: Position,
    path: str | None,
) -> RecipeSyntaxError:
    wants = VALUE_HINTS.get(key, "a text")
    if not value.strip():
        return RecipeSyntaxError(f"`{key}:` has no value", position, hint=f"`{key}` takes {wants}")
    if found == "_NL" and "UNIT" in expected:
        number = _LAST_NUMBER.search(line)
        if number:
            unit = UNIT_EXAMPLES.get(key, "min")
            return RecipeSyntaxError(
                f"the number {number.group(1)} has no unit",
                Position(path, line_no, number.start(1) + 1),
                hint=f"write it with a unit, e.g. `{number.group(1)} {unit}`; `{key}` takes {wants}",
            )
    if found == "_NL":
        return RecipeSyntaxError(f"the value of `{key}` is incomplete", position, hint=f"`{key}` takes {wants}")
    word = _word_at(line, position.column) or found
    # A text where a number belongs may mean a text key of nearly the same name: `group:` for `groups:`.
    # Those text keys belong in blocks, so a header line (not indented) is not offered one.
    near = closest(key, TEXT_KEYS - {key})
    hint = f"`{key}` takes {wants}"
    if near and not value.strip()[:1].isdigit() and line[:1] in (" ", "\t"):
        hint += f"; or did you mean `{near}`?"
    return RecipeSyntaxError(f"unexpected `{word}` in the value of `{key}`", position, hint=hint)


def _glued_keyword(first_word: str) -> str | None:
    """The block keyword ``first_word`` starts with, a letter following it: `phasenbrenger` is `phase` + `nbrenger`."""
    if ":" in first_word or first_word in BLOCK_KEYWORDS or first_word in _ALL_KEYS:
        return None
    for keyword in BLOCK_KEYWORDS:
        if first_word.startswith(keyword) and first_word[len(keyword)].isalnum():
            return keyword
    return None


def _misplaced_line(word: str, line: str, position: Position) -> RecipeSyntaxError:
    """A line that cannot start here: a block in the wrong place, or an unknown word."""
    if word in ("stage", "meeting"):
        return RecipeSyntaxError(
            f"a `{word}` belongs inside the `trajectory` block",
            position,
            hint=f"indent it under a line `trajectory`; {_BLOCK_EXAMPLES[word]}",
        )
    if word in BLOCK_KEYWORDS and position.column > 1:
        return RecipeSyntaxError(
            f"a `{word}` cannot be nested here",
            position,
            hint=f"a `{word}` stands at the top level"
            + (" or directly inside a `rounds` block" if word in ("phase", "checkpoint") else "")
            + "; move it to the first column",
        )
    if word in BLOCK_KEYWORDS:
        return RecipeSyntaxError(f"a `{word}` cannot stand here", position, hint=_BLOCK_EXAMPLES[word])
    if word in _ALL_KEYS:
        rest = line.strip()[len(word) :].strip()
        return RecipeSyntaxError(f"`{word}` needs a colon", position, hint=f"write `{word}: {rest or '...'}`")
    candidates = [*BLOCK_KEYWORDS, *_ALL_KEYS]
    suggestion = did_you_mean(word, candidates)
    return RecipeSyntaxError(
        f"`{word}` is neither a key nor a block keyword",
        position,
        hint=(f"{suggestion} " if suggestion else "")
        + "a line is `key: value` or starts a block: "
        + ", ".join(f"`{k}`" for k in BLOCK_KEYWORDS),
    )


def _no_timebox(keyword: str, line: str, position: Position) -> RecipeSyntaxError:
    title = line.strip()[len(keyword) :].strip()
    unbracketed = _TRAILING_TIME.match(title)
    if unbracketed:
        title, box = unbracketed.group(1), unbracketed.group(2)
        return RecipeSyntaxError(
            f"the time box of {keyword} `{title}` needs brackets",
            position,
            hint=f"write `{keyword} {title} ({box})`",
        )
    return RecipeSyntaxError(
        f"{keyword} `{title}` has no time box",
        position,
        hint=f"every {keyword} has a time box after its title: `{keyword} {title} (10 min)`",
    )


def _unfinished_block(line: Line, path: str | None) -> RecipeSyntaxError:
    """A `rounds` or `trajectory` line with nothing indented below it, reported at that line."""
    where = Position(path, line.number, 1)
    if line.type == "ROUNDS":
        return RecipeSyntaxError(
            f"the rounds block on line {line.number} has no phases",
            where,
            hint="indent the phases of a round under the `rounds` line",
        )
    return RecipeSyntaxError(
        f"the trajectory on line {line.number} has no fields",
        where,
        hint="indent the trajectory's fields under it, e.g. `  meetings: 8` and `  every: 2-4 weeks`",
    )


def _word_at(line: str, column: int) -> str:
    """The whole word around ``column``, so that messages name what was written."""
    start = column - 1
    while start > 0 and (line[start - 1].isalnum() or line[start - 1] in "_-"):
        start -= 1
    match = re.match(r"[^\s:(),]*", line[start:])
    return match.group(0) if match else ""


def _is_bad_id(word: str, line: str, column: int, expected: set[str]) -> bool:
    """An id with capitals or accents: the lexer stops inside it, or at its first letter."""
    if not word or not word[0].isalpha() or re.fullmatch(r"[a-z][a-z0-9_-]*", word):
        return False
    char = line[column - 1] if column <= len(line) else ""
    inside = word.index(char) > 0 if char and char in word else False
    return "ID" in expected or (inside and re.match(r"[a-z]", word) is not None)


def _expected(exc: Any) -> set[str]:
    from lark.exceptions import UnexpectedCharacters, UnexpectedToken

    if isinstance(exc, UnexpectedCharacters):
        allowed = set(exc.allowed or ())
        # The post-lexer makes lark accept a newline in every state; it is no real option here.
        return allowed - {"_NL"} if len(allowed) > 1 else allowed
    if isinstance(exc, UnexpectedToken):
        # When lark's contextual lexer gives up, it reports what the lexer state accepts, which
        # always includes the newline the post-lexer needs; with other options it is none.
        expected = set(exc.expected or ())
        return expected - {"_NL"} if len(expected) > 1 else expected
    return set()


def _found(exc: Any, line: str, column: int) -> str:
    from lark.exceptions import UnexpectedToken

    if isinstance(exc, UnexpectedToken):
        token = exc.token
        if token.type in ("_NL", "_INDENT", "_DEDENT"):
            return token.type
        return str(token)
    rest = line[column - 1 :]
    word = re.match(r"\w+|\S", rest)
    return word.group(0) if word else "_NL"


def _describe(expected: set[str]) -> str:
    names: list[str] = []
    for name in sorted(expected):
        if name.endswith("_KEY"):
            text = "a key"
        elif name in _TERMINALS:
            text = _TERMINALS[name]
        else:
            text = f"`{name.lower()}`"
        if text not in names:
            names.append(text)
    if len(names) > 1:
        return ", ".join(names[:-1]) + " or " + names[-1]
    return "".join(names)
