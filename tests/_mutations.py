"""How the property and fuzz tests mutate the bundled recipes: a few line edits and odd characters each.

tests/ is no package; pytest's default ``prepend`` import mode puts this folder on ``sys.path``,
so test modules import this as ``from _mutations import mutated``.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

RECIPES = sorted((Path(__file__).parent.parent / "recipes").glob("*.mth"))

ODD_CHARACTERS = [
    "\t", ":", "(", ")", "#", "-", ",", ".", " ", "\n", "\r\n", "\r", "0", "7", "é", "ë", "Ĳ", "ß",
    "\u00a0", "\u200b", "\ufeff", "\x0c", "\x0b", "\x85", "\u2028", "\u2013",
    "\u0663", "\u00b2", "\U0001d7d9", "\U0001f600", "\x1b[31m", "\x1b]0;title\x07", "\u202e", "\u0301", "漢字",
    "min", " per ", "meeting ", "rounds 2: R", "phase P (5 min)", "x-", "everyone",
]  # fmt: skip

# Any character a UTF-8 file can hold (no lone surrogates).
any_character = st.characters(exclude_categories=("Cs",))


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` with one to four edits: lines deleted, duplicated, swapped, cut, re-indented; characters inserted."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = [""]
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "cut", "indent"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            pieces = st.sampled_from(ODD_CHARACTERS) | any_character
            inserted = "".join(draw(st.lists(pieces, min_size=1, max_size=3)))
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + inserted + lines[i][at:]
        elif op == "cut":
            at = draw(st.integers(0, len(lines[i])))
            lines = [*lines[:i], lines[i][:at]]
        else:
            indent = draw(st.sampled_from(["", " ", "  ", "   ", "    ", "      ", "\t", "  \t"]))
            lines[i] = indent + lines[i].lstrip(" \t")
    return "\n".join(lines)
