"""Turning lark's parse errors into messages a trainer can act on.

Lark knows which token it did not expect and which it would have accepted;
the trainer wants to know what to write instead. The line's own key or
block keyword tells us what was being written, so the message and hint are
chosen from that.
"""

from __future__ import annotations

import re

from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

from methodengine._build import _BLOCK_EXAMPLES, BLOCK_KEYS, BLOCK_KEYWORDS
from methodengine._suggest import did_you_mean
from methodengine.errors import RecipeSyntaxError
from methodengine.model import Position

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

_VALUE_HINTS = {
    **dict.fromkeys(("group", "facilitators", "count"), "a number or a range such as `4-7`"),
    "duration": "a duration such as `90 min`, `1 h 30 min`, `1h30` or `2,5 uur`",
    **dict.fromkeys(("every", "span"), "a period such as `2-4 weeks`, `1 month` or `6 maanden`"),
    **dict.fromkeys(("facilitator", "optional"), "`yes` or `no`"),
    **dict.fromkeys(("lead", "speak", "listen", "outside", "decide"), "role ids separated by commas, or `everyone`"),
    "when": "`meeting 1`, `meetings 4-7`, `from meeting 2`, `until meeting 3`, `first meeting` or `last meeting`",
    "at": "`before meeting 1`, `after meeting 1` or `3 months after last meeting`",
    "meetings": "a number of meetings, or `open`",
    "id": "a lower-case id such as `vragen`",
}

_TRAILING_TIME = re.compile(r"^(.*?)\s+(\d[\d.,]*(?:\s*-\s*\d[\d.,]*)?\s*[^\W\d_]+.*)$")
_KEY_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z_-]*)\s*:(.*)$")
_FIRST_WORD = re.compile(r"^\s*(\S+)")


def translate(exc: UnexpectedInput, text: str, path: str | None) -> RecipeSyntaxError:
    """The RecipeSyntaxError that says what lark's exception means here."""
    lines = text.split("\n")
    if isinstance(exc, UnexpectedEOF) or (getattr(exc, "token", None) is not None and exc.token.type == "$END"):
        last = len(lines) if lines[-1] else max(len(lines) - 1, 1)
        return RecipeSyntaxError(
            "the recipe ends in the middle of a block",
            Position(path, last, 1),
            hint="finish the last block: a `rounds` block needs at least one phase, a `trajectory` at least one field",
        )
    line_no = exc.line if exc.line and exc.line > 0 else 1
    column = exc.column if exc.column and exc.column > 0 else 1
    line = lines[line_no - 1] if line_no <= len(lines) else ""
    expected = _expected(exc)
    found = _found(exc, line, column)
    position = Position(path, line_no, column)

    if found == "_INDENT":
        return RecipeSyntaxError(
            "unexpected indentation",
            position,
            hint="indent only the fields of a block, or the continuation of a text, below the line they belong to",
        )
    if found == "_DEDENT":
        return RecipeSyntaxError(
            "this block ends before it has any content",
            position,
            hint="a `rounds` block holds at least one phase; a `trajectory` at least one field or stage",
        )

    key_match = _KEY_LINE.match(line)
    word_match = _FIRST_WORD.match(line)
    first_word = word_match.group(1) if word_match else ""
    at_line_start = column == len(line) - len(line.lstrip()) + 1

    if at_line_start and found != "_NL":
        word = re.match(r"[^\s:(]*", line[column - 1 :]).group(0)  # type: ignore[union-attr]
        candidates = [*BLOCK_KEYWORDS, *{k for keys in BLOCK_KEYS.values() for k in keys}]
        suggestion = did_you_mean(word, candidates)
        return RecipeSyntaxError(
            f"`{word}` is neither a key nor a block keyword",
            position,
            hint=(f"{suggestion} " if suggestion else "")
            + "a line is `key: value` or starts a block: "
            + ", ".join(f"`{k}`" for k in BLOCK_KEYWORDS),
        )

    if first_word in ("phase", "checkpoint") and "LPAR" in expected and found == "_NL":
        title = line.strip()[len(first_word) :].strip()
        unbracketed = _TRAILING_TIME.match(title)
        if unbracketed:
            title, box = unbracketed.group(1), unbracketed.group(2)
            return RecipeSyntaxError(
                f"the time box of {first_word} `{title}` needs brackets",
                position,
                hint=f"write `{first_word} {title} ({box})`",
            )
        return RecipeSyntaxError(
            f"{first_word} `{title}` has no time box",
            position,
            hint=f"every {first_word} has a time box after its title: `{first_word} {title} (10 min)`",
        )

    if key_match and first_word.rstrip(":") not in BLOCK_KEYWORDS:
        key = key_match.group(1)
        wants = _VALUE_HINTS.get(key, "a text")
        if not key_match.group(2).strip():
            return RecipeSyntaxError(f"`{key}:` has no value", position, hint=f"`{key}` takes {wants}")
        shown = "the value ends too soon" if found == "_NL" else f"unexpected `{found}`"
        return RecipeSyntaxError(
            f"{shown} in the value of `{key}`",
            position,
            hint=f"`{key}` takes {wants}",
        )

    keyword = first_word if first_word in BLOCK_KEYWORDS else None
    shown = "the line ends too soon" if found == "_NL" else f"unexpected `{found}`"
    wanted = _describe(expected)
    return RecipeSyntaxError(
        shown + (f" in a `{keyword}` line" if keyword else "") + (f"; expected {wanted}" if wanted else ""),
        position,
        hint=_BLOCK_EXAMPLES[keyword] if keyword else None,
    )


def _expected(exc: UnexpectedInput) -> set[str]:
    if isinstance(exc, UnexpectedCharacters):
        return set(exc.allowed or ())
    if isinstance(exc, UnexpectedToken):
        return set(exc.expected or ())
    return set()


def _found(exc: UnexpectedInput, line: str, column: int) -> str:
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
