"""Recipe text made safe to show in a terminal, and how wide it shows.

A recipe is input from anyone: an ESC or OSC sequence in it would reach the
trainer's terminal through a message or a text card and could move the
cursor, retitle the window or hide text; a bidi override (U+202A-U+202E,
U+2066-U+2069) reorders what is shown, so a line reads differently from what
it is ("Trojan Source"). Such characters are shown as escapes instead:
``\\x1b`` for C0 controls (except tab and newline), DEL and the C1 controls,
``\\u202e`` for the bidi controls. The escapes are plain ASCII, so the text
stays readable and nothing can act on the terminal.

Display width is counted the way terminals draw: east-asian wide and
full-width characters take two columns, combining marks and format
characters (zero-width space, joiners) none, an escape its own length.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

_BIDI = "\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """``text`` with every control character except tab and newline, and every bidi control, escaped."""
    return _UNSAFE.sub(lambda m: _escape(m.group(0)), text)


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """The columns ``char`` takes on a terminal, after ``shown``: 0, 1 or 2, or an escape's length."""
    if _UNSAFE.match(char):
        return len(_escape(char))
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def width(text: str) -> int:
    """The columns ``shown(text)`` takes; tabs count as one column here (see ``expand``)."""
    return sum(char_width(char) for char in text)


@lru_cache(maxsize=256)
def expand(text: str, tab: int = 4) -> tuple[str, Sequence[int]]:
    """``text`` as shown, with tabs expanded to the next multiple of ``tab`` columns by display width.

    Also returns the display column at which each character of ``text`` starts
    (one more entry for the end), so that a caret can stand under any of them.
    Cached: many diagnostics may point into one long line, and each costs no more than its line once.
    """
    if text.isascii() and "\t" not in text and not _UNSAFE.search(text):
        return text, range(len(text) + 1)
    parts: list[str] = []
    columns: list[int] = []
    column = 0
    for char in text:
        columns.append(column)
        if char == "\t":
            step = tab - column % tab
            parts.append(" " * step)
            column += step
        else:
            parts.append(shown(char))
            column += char_width(char)
    columns.append(column)
    return "".join(parts), tuple(columns)
